// Address helpers for the kernel model: IPv4 text <-> integer, CIDR maths, IPv6 link-local (EUI-64) text,
// and deterministic MACs / names derived from stable inputs (no randomness in the model's kernel state).

/** `10.244.1.5` -> unsigned 32-bit integer; NaN for anything that is not a dotted quad */
export function ipToInt(ip: string): number {
  const p = ip.split('.')
  if (p.length !== 4) return NaN
  let n = 0
  for (const s of p) {
    if (!/^\d{1,3}$/.test(s)) return NaN
    const v = Number(s)
    if (v > 255) return NaN
    n = n * 256 + v
  }
  return n
}

export function intToIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

export function isIPv4(s: string): boolean {
  return !Number.isNaN(ipToInt(s))
}

/** `10.244.1.5/24` -> { ip, len } (a bare address is /32) */
export function parseCidr(cidr: string): { ip: string; len: number } {
  const i = cidr.indexOf('/')
  if (i < 0) return { ip: cidr, len: cidr.includes(':') ? 128 : 32 }
  return { ip: cidr.slice(0, i), len: Number(cidr.slice(i + 1)) }
}

export function maskOf(len: number): number {
  return len <= 0 ? 0 : (0xffffffff << (32 - len)) >>> 0
}

/** the network address of `ip/len` as text */
export function networkOf(ip: string, len: number): string {
  return intToIp((ipToInt(ip) & maskOf(len)) >>> 0)
}

/** the broadcast address of `ip/len` as text */
export function broadcastOf(ip: string, len: number): string {
  return intToIp((ipToInt(ip) | (~maskOf(len) >>> 0)) >>> 0)
}

/** does IPv4 `ip` fall inside `cidr` (`10.244.0.0/16`, or a bare address) */
export function cidrContains(cidr: string, ip: string): boolean {
  const { ip: net, len } = parseCidr(cidr)
  const a = ipToInt(ip), b = ipToInt(net)
  if (Number.isNaN(a) || Number.isNaN(b)) return false
  const m = maskOf(len)
  return ((a & m) >>> 0) === ((b & m) >>> 0)
}

/** FNV-1a over a string: the seed for deterministic MACs and names */
export function fnv32(s: string, seed = 2166136261): number {
  let h = seed >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  return h
}

/** n pseudo-random bytes derived from a stable key (FNV seed, then a splitmix-style integer stream) */
export function bytesOf(key: string, n: number): number[] {
  const out: number[] = new Array(n)
  let h = fnv32(key)
  for (let i = 0; i < n; i += 4) {
    h = (h + 0x9e3779b9) >>> 0
    let z = h
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    z = (z ^ (z >>> 16)) >>> 0
    for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (z >>> (8 * k)) & 255
  }
  return out
}

/** two lower-case hex digits per byte value (these helpers run for every pod's veth) */
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** a locally administered unicast MAC (`8a:3f:...`) derived from a stable key, as the kernel picks random ones */
export function macFromKey(key: string): string {
  const b = bytesOf(`mac|${key}`, 6)
  b[0] = (b[0] & 0xfe) | 0x02
  return `${HEX2[b[0]]}:${HEX2[b[1]]}:${HEX2[b[2]]}:${HEX2[b[3]]}:${HEX2[b[4]]}:${HEX2[b[5]]}`
}

/** `veth` + 8 hex digits, as the CNI bridge plugin names host-side veths (ip.RandomVethName) */
export function vethNameFromKey(key: string): string {
  const b = bytesOf(`veth|${key}`, 4)
  return `veth${HEX2[b[0]]}${HEX2[b[1]]}${HEX2[b[2]]}${HEX2[b[3]]}`
}

/** a v4 uuid string from a stable key (netns names `cni-<uuid>` as containerd creates them) */
export function uuidFromKey(key: string): string {
  const b = bytesOf(`uuid|${key}`, 16)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  let h = ''
  for (let i = 0; i < 16; i++) h += HEX2[b[i]]
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** RFC 5952 text of eight 16-bit groups: lower case, no leading zeros, longest run (>= 2) of zeros as `::` */
export function formatIPv6(groups: number[]): string {
  let best = -1, bestLen = 0
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i }
    i = j
  }
  if (best < 0) return hexGroups(groups, 0, 8)
  return `${hexGroups(groups, 0, best)}::${hexGroups(groups, best + bestLen, 8)}`
}

/** groups[from..to) in hex joined by `:` */
function hexGroups(groups: number[], from: number, to: number): string {
  let s = ''
  for (let i = from; i < to; i++) s += (i > from ? ':' : '') + groups[i].toString(16)
  return s
}

/** the EUI-64 link-local address the kernel derives from a MAC (`fe80::42:acff:fe12:2/64`) */
export function linkLocalFromMac(mac: string): string {
  const parts = mac.split(':')
  const m: number[] = new Array(parts.length)
  for (let i = 0; i < parts.length; i++) m[i] = parseInt(parts[i], 16)
  const g = [0xfe80, 0, 0, 0, ((m[0] ^ 0x02) << 8) | m[1], (m[2] << 8) | 0xff, (0xfe << 8) | m[3], (m[4] << 8) | m[5]]
  return `${formatIPv6(g)}/64`
}
