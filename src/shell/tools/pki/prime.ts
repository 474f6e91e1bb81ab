// Probable-prime search on native bigints, with the progress callback OpenSSL's tools print
// (BN_GENCB: 0 = candidate '.', 1 = a test passed '+', 2 = prime found '*', 3 = prime done '\n').
// Random numbers come from the lab's seeded rng (rng.ts).

import type { Rng } from '../../../core/util/rand.ts'
import { bytesToBig } from './asn1.ts'

export type Progress = (code: 0 | 1 | 2 | 3) => void

/** the first 2048 odd primes (OpenSSL's primes[] table without 2) */
export const SMALL_PRIMES: readonly number[] = (() => {
  const out: number[] = []
  for (let n = 3; out.length < 2048; n += 2) {
    let p = true
    for (let i = 0; i < out.length && out[i] * out[i] <= n; i++) if (n % out[i] === 0) { p = false; break }
    if (p) out.push(n)
  }
  return out
})()

export function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = rng.int(256)
  return out
}

/** a random integer of exactly `bits` bits: top bit set (or the top two with `twoTop`), odd when `odd` */
export function randomBits(rng: Rng, bits: number, twoTop: boolean, odd: boolean): bigint {
  const bytes = randomBytes(rng, Math.ceil(bits / 8))
  let v = bytesToBig(bytes) & ((1n << BigInt(bits)) - 1n)
  v |= 1n << BigInt(bits - 1)
  if (twoTop && bits > 1) v |= 1n << BigInt(bits - 2)
  if (odd) v |= 1n
  return v
}

/** uniform in [lo, hi] */
export function randomRange(rng: Rng, lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n
  const bits = span.toString(2).length
  for (;;) {
    const v = bytesToBig(randomBytes(rng, Math.ceil(bits / 8))) & ((1n << BigInt(bits)) - 1n)
    if (v < span) return lo + v
  }
}

/** base^exp mod m, square-and-multiply with Barrett reduction (a multiply and shifts instead of a bigint division) */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  const k = BigInt(m.toString(2).length)
  const mu = (1n << (2n * k)) / m
  const km1 = k - 1n, kp1 = k + 1n
  const red = (x: bigint) => {
    let r = x - (((x >> km1) * mu) >> kp1) * m
    while (r >= m) r -= m
    return r
  }
  const b = base % m
  const bits = exp.toString(2)
  let r = 1n
  for (let i = 0; i < bits.length; i++) {
    r = red(r * r)
    if (bits[i] === '1') r = red(r * b)
  }
  return exp === 0n ? 1n % m : r
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b]
  return a < 0n ? -a : a
}

export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m]
  let [s0, s1] = [1n, 0n]
  while (r1) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[s0, s1] = [s1, s0 - q * s1]
  }
  if (r0 !== 1n) throw new Error('no inverse')
  return ((s0 % m) + m) % m
}

/** trial division by the first `count` odd primes: false when one divides w (and w is not that prime) */
export function passesTrialDivision(w: bigint, count: number): boolean {
  for (let i = 0; i < count && i < SMALL_PRIMES.length; i++) {
    const p = BigInt(SMALL_PRIMES[i])
    if (w % p === 0n) return w === p
  }
  return true
}

/** Residues of w, w+step, w+2*step ... modulo the small primes, kept as numbers: trial division of a run of
 *  candidates without a bigint division per prime (the same verdicts as dividing each candidate). */
export class Sieve {
  private readonly res: number[]
  private readonly inc: number[]
  constructor(start: bigint, step: bigint, readonly count: number) {
    const ps = SMALL_PRIMES.slice(0, count)
    this.res = ps.map((p) => Number(start % BigInt(p)))
    this.inc = ps.map((p) => Number(step % BigInt(p)))
  }
  /** no small prime divides the current candidate */
  passes(): boolean {
    for (let i = 0; i < this.res.length; i++) if (this.res[i] === 0) return false
    return true
  }
  advance(): void {
    for (let i = 0; i < this.res.length; i++) {
      const v = this.res[i] + this.inc[i]
      this.res[i] = v >= SMALL_PRIMES[i] ? v - SMALL_PRIMES[i] : v
    }
  }
}

/** Miller-Rabin with `rounds` random bases; `progress(1)` after each round passed */
export function millerRabin(w: bigint, rounds: number, rng: Rng, progress?: Progress): boolean {
  if (w < 5n) return w === 2n || w === 3n
  if (!(w & 1n)) return false
  const w1 = w - 1n
  let m = w1, a = 0
  while (!(m & 1n)) { m >>= 1n; a++ }
  for (let i = 0; i < rounds; i++) {
    const b = randomRange(rng, 2n, w - 2n)
    let z = modPow(b, m, w)
    if (z !== 1n && z !== w1) {
      let j = 1
      for (; j < a; j++) {
        z = (z * z) % w
        if (z === w1) break
        if (z === 1n) return false
      }
      if (j === a) return false
    }
    progress?.(1)
  }
  return true
}
