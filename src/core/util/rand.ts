// Seeded randomness for the model: the same seed gives the same names, IPs and choices. No Math.random here.

export interface Rng {
  /** uniform in [0, 1) */
  next(): number
  /** uniform integer in [0, n) */
  int(n: number): number
  /** n characters drawn from alphabet */
  string(n: number, alphabet: string): string
  /** a fresh generator derived from this one (so subsystems do not disturb each other's sequences) */
  fork(label: string): Rng
}

function hashString(s: string): number {
  let h = 2166136261 >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}

/** sfc32-style generator seeded through splitmix32; fast and good enough for simulation. */
export function createRng(seed: number | string): Rng {
  let s = typeof seed === 'number' ? seed >>> 0 : hashString(seed)
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix()
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  for (let i = 0; i < 12; i++) u32()
  const rng: Rng = {
    next: () => u32() / 4294967296,
    int: (n) => Math.floor((u32() / 4294967296) * n),
    string: (n, alphabet) => {
      // one flat string from char codes (appending char by char leaves a chain of cons-strings in the heap)
      const codes: number[] = new Array(n)
      for (let i = 0; i < n; i++) codes[i] = alphabet.charCodeAt(Math.floor((u32() / 4294967296) * alphabet.length))
      return String.fromCharCode.apply(null, codes)
    },
    fork: (label) => createRng((u32() ^ hashString(label)) >>> 0),
  }
  return rng
}

/** The alphabet Kubernetes uses for generated name suffixes (k8s.io/apimachinery/pkg/util/rand). */
export const K8S_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
