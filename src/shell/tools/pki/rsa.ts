// RSA key generation as the lab's tools do it, on native bigints from the seeded rng:
// OpenSSL 3.0 (FIPS 186-4 probable primes with auxiliary primes, SP 800-56B: d mod lcm), OpenSSL 1.0.2
// (BN_generate_prime_ex: sieve, 3 Miller-Rabin rounds), and Go's crypto/rsa (cfssl). Plus PKCS#1 v1.5 signing.

import type { Rng } from '../../../core/util/rand.ts'
import { bigToBytes, bytesToBig, concat, nullDer, octets, oid, seq } from './asn1.ts'
import { gcd, millerRabin, modInverse, modPow, passesTrialDivision, randomBits, randomRange, Sieve, SMALL_PRIMES, type Progress } from './prime.ts'

export interface RsaKey {
  kind: 'rsa'
  n: bigint; e: bigint; d: bigint; p: bigint; q: bigint; dp: bigint; dq: bigint; qi: bigint
}

export type RsaStyle = 'openssl3' | 'openssl1' | 'go'

const E = 65537n

function assemble(p: bigint, q: bigint, lcmD: boolean): RsaKey {
  const p1 = p - 1n, q1 = q - 1n
  const phi = p1 * q1
  const d = modInverse(E, lcmD ? phi / gcd(p1, q1) : phi)
  return { kind: 'rsa', n: p * q, e: E, d, p, q, dp: d % p1, dq: d % q1, qi: modInverse(q, p) }
}

/** bn_is_prime_int's trial-division count for a number of `bits` bits */
function trialDivisions(bits: number): number {
  return bits <= 512 ? 64 : bits <= 1024 ? 128 : bits <= 2048 ? 384 : bits <= 4096 ? 1024 : 2048
}

/** ossl_bn_check_generated_prime: trial division (the sieve's verdict for w) then 64 (or 128 above 2048 bits)
 *  Miller-Rabin rounds */
function checkGenerated(w: bigint, sieve: Sieve, rng: Rng, progress: Progress): boolean {
  if (!sieve.passes()) return false
  progress(1)
  return millerRabin(w, w.toString(2).length > 2048 ? 128 : 64, rng, progress)
}

/** the trial divisions bn_is_prime_int makes for a number of `bits` bits (primes[1..n-1]: the odd ones) */
const sieveFor = (start: bigint, step: bigint, bits: number) => new Sieve(start, step, trialDivisions(bits) - 1)

function auxPrime(rng: Rng, bits: number, progress: Progress): bigint {
  let p = randomBits(rng, bits, false, true)
  const sieve = sieveFor(p, 2n, bits)
  for (;;) {
    progress(0)
    if (checkGenerated(p, sieve, rng, progress)) break
    p += 2n
    sieve.advance()
  }
  progress(2)
  return p
}

/** FIPS 186-4 C.9: a prime Y of nlen/2 bits with Y-1 divisible by r1 and Y+1 by r2 */
function derivePrime(rng: Rng, r1: bigint, r2: bigint, nlen: number, progress: Progress): { y: bigint; x: bigint } {
  const half = nlen / 2
  const max = (1n << BigInt(half)) - 1n
  // floor(sqrt(2) * 2^(half-1)) through an integer square root of 2^(2*half-1)
  const target = 1n << BigInt(2 * half - 1)
  let lo = 1n << BigInt(half - 1), hi = 1n << BigInt(half)
  while (lo < hi) { const mid = (lo + hi + 1n) >> 1n; if (mid * mid <= target) lo = mid; else hi = mid - 1n }
  const min = lo + 1n
  const r1x2 = 2n * r1, r1r2x2 = r1x2 * r2
  let R = modInverse(r2, r1x2) * r2 - modInverse(r1x2, r2) * r1x2
  R = ((R % r1r2x2) + r1r2x2) % r1r2x2
  for (;;) {
    const x = randomRange(rng, min, max)
    let y = x + ((((R - x) % r1r2x2) + r1r2x2) % r1r2x2)
    const sieve = sieveFor(y, r1r2x2, half)
    for (let i = 0; i < 5 * half; i++) {
      if (y > max) break
      progress(0)
      if (gcd(y - 1n, E) === 1n && checkGenerated(y, sieve, rng, progress)) return { y, x }
      y += r1r2x2
      sieve.advance()
    }
  }
}

function openssl3(rng: Rng, bits: number, progress: Progress): RsaKey {
  const aux = bits >= 4096 ? 201 : bits >= 3072 ? 171 : 141
  const half = bits / 2
  const gen = () => {
    const p1 = auxPrime(rng, aux, progress), p2 = auxPrime(rng, aux, progress)
    const r = derivePrime(rng, p1, p2, bits, progress)
    progress(3)
    return r
  }
  for (;;) {
    const p = gen()
    let q = gen()
    const far = 1n << BigInt(half - 100)
    while ((p.y > q.y ? p.y - q.y : q.y - p.y) <= far || (p.x > q.x ? p.x - q.x : q.x - p.x) <= far) q = gen()
    const key = assemble(p.y, q.y, true)
    if (key.d > 1n << BigInt(half)) return key
  }
}

/** OpenSSL 1.0.2's probable_prime: a random odd number with the top two bits set, moved up past small factors */
function sievedCandidate(rng: Rng, bits: number): bigint {
  for (;;) {
    const base = randomBits(rng, bits, true, true)
    const sieve = new Sieve(base, 2n, SMALL_PRIMES.length)
    for (let delta = 0; delta < 0xffffffff - SMALL_PRIMES[SMALL_PRIMES.length - 1]; delta += 2) {
      if (sieve.passes()) return base + BigInt(delta)
      sieve.advance()
    }
  }
}

function primeChecksForSize(b: number): number {
  return b >= 1300 ? 2 : b >= 850 ? 3 : b >= 650 ? 4 : b >= 550 ? 5 : b >= 450 ? 6 : b >= 400 ? 7 : b >= 350 ? 8 : b >= 300 ? 9 : b >= 250 ? 12 : b >= 200 ? 15 : b >= 150 ? 18 : 27
}

function openssl1Prime(rng: Rng, bits: number, progress: Progress, avoid?: bigint): bigint {
  for (;;) {
    let p: bigint
    do {
      p = sievedCandidate(rng, bits)
      progress(0)
    } while (!millerRabin(p, primeChecksForSize(bits), rng, progress))
    if (p !== avoid && gcd(p - 1n, E) === 1n) return p
    progress(2)
  }
}

function openssl1(rng: Rng, bits: number, progress: Progress): RsaKey {
  const bitsp = Math.floor((bits + 1) / 2)
  const p = openssl1Prime(rng, bitsp, progress)
  progress(3)
  const q = openssl1Prime(rng, bits - bitsp, progress, p)
  progress(3)
  return p > q ? assemble(p, q, false) : assemble(q, p, false)
}

function goPrime(rng: Rng, bits: number): bigint {
  for (;;) {
    const c = randomBits(rng, bits, true, true)
    if (passesTrialDivision(c, 128) && millerRabin(c, 20, rng)) return c
  }
}

function goKey(rng: Rng, bits: number): RsaKey {
  for (;;) {
    const p = goPrime(rng, bits / 2), q = goPrime(rng, bits - bits / 2)
    if (p === q) continue
    const n = p * q
    if (n.toString(2).length !== bits || gcd((p - 1n) * (q - 1n), E) !== 1n) continue
    return assemble(p, q, false)
  }
}

export function generateRsa(rng: Rng, bits: number, style: RsaStyle, progress: Progress = () => {}): RsaKey {
  if (style === 'openssl3' && bits >= 2048) return openssl3(rng, bits, progress)
  if (style === 'go') return goKey(rng, bits)
  return openssl1(rng, bits, progress)
}

export const rsaBits = (k: { n: bigint }): number => k.n.toString(2).length

/** DigestInfo prefixes (RFC 8017 9.2) by hash */
const DIGEST_OID: Record<string, string> = { sha1: '1.3.14.3.2.26', sha256: '2.16.840.1.101.3.4.2.1', sha384: '2.16.840.1.101.3.4.2.2', sha512: '2.16.840.1.101.3.4.2.3' }

/** RSASSA-PKCS1-v1_5 over a digest already computed with `hash` */
export function rsaSign(key: RsaKey, hash: string, digest: Uint8Array): Uint8Array {
  const k = Math.ceil(rsaBits(key) / 8)
  const t = seq(seq(oid(DIGEST_OID[hash]), nullDer()), octets(digest))
  const ps = new Uint8Array(k - t.length - 3).fill(0xff)
  const em = bytesToBig(concat(Uint8Array.of(0, 1), ps, Uint8Array.of(0), t))
  const m1 = modPow(em % key.p, key.dp, key.p), m2 = modPow(em % key.q, key.dq, key.q)
  const h = (key.qi * (((m1 - m2) % key.p) + key.p)) % key.p
  return bigToBytes(m2 + h * key.q, k)
}

/** RSASSA-PKCS1-v1_5 verification (the signature's EM must equal the expected encoding) */
export function rsaVerify(pub: { n: bigint; e: bigint }, hash: string, digest: Uint8Array, sig: Uint8Array): boolean {
  const k = Math.ceil(rsaBits(pub) / 8)
  const t = seq(seq(oid(DIGEST_OID[hash]), nullDer()), octets(digest))
  const em = concat(Uint8Array.of(0, 1), new Uint8Array(k - t.length - 3).fill(0xff), Uint8Array.of(0), t)
  return bytesToBig(em) === modPow(bytesToBig(sig), pub.e, pub.n)
}

export { randomRange }
