// The coredns process as the kubelet starts it: reads its Corefile (`-conf PATH`, default `Corefile` in `/`),
// parses and sets up every server block, and either serves (runs forever) or exits 1 with the error line
// CoreDNS prints (coremain/run.go mustLogFatal: the error alone, no timestamp). The reload plugin's
// `Running configuration SHA512` is the real SHA-512 of the Corefile text.

import type { RunEnv, RunPlan } from '../images/command.ts'
import { parseCorefile } from './corefile.ts'
import { setupServer, type ServerConfig } from './plugins.ts'

/** The Corefile path a coredns argv names (`-conf /etc/coredns/Corefile`), else `/Corefile`. */
export function corefilePath(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if ((a === '-conf' || a === '--conf') && argv[i + 1]) return absolute(argv[i + 1])
    const m = /^--?conf=(.*)$/.exec(a)
    if (m) return absolute(m[1])
  }
  return '/Corefile'
}

/** The version banner of the lab's CoreDNS (registry.k8s.io/coredns/coredns:v1.11.3). */
export const COREDNS_VERSION = 'CoreDNS-1.11.3'

const absolute = (p: string) => (p.startsWith('/') ? p : '/' + p)

export type LoadResult = { ok: true; value: ServerConfig[] } | { ok: false; error: string }

/** Parse and set up the Corefile the way `caddy.Start` does; the first error wins. */
export function loadCorefile(text: string, file: string): LoadResult {
  const parsed = parseCorefile(text, file)
  if (!parsed.ok) return parsed
  const servers: ServerConfig[] = []
  const seen = new Set<string>()
  for (const b of parsed.value) {
    const r = setupServer(b, file)
    if (!r.ok) return r
    for (const s of r.value) {
      const key = `${s.zones[0]}:${s.port}`
      if (seen.has(key)) return { ok: false, error: `cannot serve dns://${s.zones[0]}:${s.port} - it is already defined` }
      seen.add(key)
      servers.push(s)
    }
  }
  return { ok: true, value: servers }
}

/** The coredns image's RunPlan: serve forever, or exit 1 at once with CoreDNS's error line. */
export function corednsPlan(argv: string[], env: RunEnv): RunPlan {
  const path = corefilePath(argv)
  const text = env.readFile(path)
  const exit = (line: string): RunPlan => ({ forever: false, seconds: 0, exitCode: 1, output: [line], ignoresSigterm: false })
  if (text === undefined) return exit(`open ${path}: no such file or directory`)
  const r = loadCorefile(text, path)
  if (!r.ok) return exit(r.error)
  // what CoreDNS prints at start: each server's address, the reload plugin's hash, the version banner
  const output = [
    ...r.value.map((s) => `${s.zones[0]}:${s.port}`),
    ...(r.value.some((s) => s.reload) ? [`[INFO] plugin/reload: Running configuration SHA512 = ${configSha512(text)}`] : []),
    COREDNS_VERSION, 'linux/amd64, go1.21.11, a6338e9',
  ]
  return { forever: true, seconds: 0, exitCode: 0, output, ignoresSigterm: false }
}

// SHA-512 (FIPS 180-4) over the UTF-8 bytes of a string, with BigInt words.
const K = [
  '428a2f98d728ae22', '7137449123ef65cd', 'b5c0fbcfec4d3b2f', 'e9b5dba58189dbbc', '3956c25bf348b538', '59f111f1b605d019', '923f82a4af194f9b', 'ab1c5ed5da6d8118',
  'd807aa98a3030242', '12835b0145706fbe', '243185be4ee4b28c', '550c7dc3d5ffb4e2', '72be5d74f27b896f', '80deb1fe3b1696b1', '9bdc06a725c71235', 'c19bf174cf692694',
  'e49b69c19ef14ad2', 'efbe4786384f25e3', '0fc19dc68b8cd5b5', '240ca1cc77ac9c65', '2de92c6f592b0275', '4a7484aa6ea6e483', '5cb0a9dcbd41fbd4', '76f988da831153b5',
  '983e5152ee66dfab', 'a831c66d2db43210', 'b00327c898fb213f', 'bf597fc7beef0ee4', 'c6e00bf33da88fc2', 'd5a79147930aa725', '06ca6351e003826f', '142929670a0e6e70',
  '27b70a8546d22ffc', '2e1b21385c26c926', '4d2c6dfc5ac42aed', '53380d139d95b3df', '650a73548baf63de', '766a0abb3c77b2a8', '81c2c92e47edaee6', '92722c851482353b',
  'a2bfe8a14cf10364', 'a81a664bbc423001', 'c24b8b70d0f89791', 'c76c51a30654be30', 'd192e819d6ef5218', 'd69906245565a910', 'f40e35855771202a', '106aa07032bbd1b8',
  '19a4c116b8d2d0c8', '1e376c085141ab53', '2748774cdf8eeb99', '34b0bcb5e19b48a8', '391c0cb3c5c95a63', '4ed8aa4ae3418acb', '5b9cca4f7763e373', '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc', '78a5636f43172f60', '84c87814a1f0ab72', '8cc702081a6439ec', '90befffa23631e28', 'a4506cebde82bde9', 'bef9a3f7b2c67915', 'c67178f2e372532b',
  'ca273eceea26619c', 'd186b8c721c0c207', 'eada7dd6cde0eb1e', 'f57d4f7fee6ed178', '06f067aa72176fba', '0a637dc5a2c898a6', '113f9804bef90dae', '1b710b35131c471b',
  '28db77f523047d84', '32caab7b40c72493', '3c9ebe0a15c9bebc', '431d67c49c100d4c', '4cc5d4becb3e42b6', '597f299cfc657e2a', '5fcb6fab3ad6faec', '6c44198c4a475817',
].map((h) => BigInt('0x' + h))
const H0 = ['6a09e667f3bcc908', 'bb67ae8584caa73b', '3c6ef372fe94f82b', 'a54ff53a5f1d36f1', '510e527fade682d1', '9b05688c2b3e6c1f', '1f83d9abfb41bd6b', '5be0cd19137e2179'].map((h) => BigInt('0x' + h))
const M64 = (1n << 64n) - 1n
const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & M64

function utf8(s: string): number[] {
  const out: number[] = []
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return out
}

/** Hex SHA-512 of the text (what `%x` of sha512.Sum512 prints). */
export function configSha512(text: string): string {
  const bytes = utf8(text)
  const bitLen = BigInt(bytes.length) * 8n
  bytes.push(0x80)
  while (bytes.length % 128 !== 112) bytes.push(0)
  for (let i = 15; i >= 0; i--) bytes.push(Number((bitLen >> BigInt(i * 8)) & 255n))
  const h = [...H0]
  const w: bigint[] = new Array(80)
  for (let off = 0; off < bytes.length; off += 128) {
    for (let t = 0; t < 16; t++) {
      let v = 0n
      for (let b = 0; b < 8; b++) v = (v << 8n) | BigInt(bytes[off + t * 8 + b])
      w[t] = v
    }
    for (let t = 16; t < 80; t++) {
      const s0 = rotr(w[t - 15], 1n) ^ rotr(w[t - 15], 8n) ^ (w[t - 15] >> 7n)
      const s1 = rotr(w[t - 2], 19n) ^ rotr(w[t - 2], 61n) ^ (w[t - 2] >> 6n)
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) & M64
    }
    let [a, b, c, d, e, f, g, hh] = h
    for (let t = 0; t < 80; t++) {
      const S1 = rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n)
      const ch = (e & f) ^ (~e & M64 & g)
      const t1 = (hh + S1 + ch + K[t] + w[t]) & M64
      const S0 = rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n)
      const maj = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (S0 + maj) & M64
      hh = g; g = f; f = e; e = (d + t1) & M64; d = c; c = b; b = a; a = (t1 + t2) & M64
    }
    const add = [a, b, c, d, e, f, g, hh]
    for (let i = 0; i < 8; i++) h[i] = (h[i] + add[i]) & M64
  }
  return h.map((x) => x.toString(16).padStart(16, '0')).join('')
}
