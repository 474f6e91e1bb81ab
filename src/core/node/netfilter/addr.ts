// IPv4 address and port text as iptables parses and prints it: canonical `a.b.c.d/len`, masks, services.

import { RuleParseError } from './errors.ts'
import { netbaseServices, type ServicesDb } from './services.ts'

/** dotted quad to a 32-bit unsigned number; undefined when not an IPv4 address */
export function parseIPv4(s: string): number | undefined {
  let n = 0
  let part = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined
      n = n * 256 + part
      part = 0
      digits = 0
      dots++
      continue
    }
    if (c < 48 || c > 57 || digits === 3) return undefined
    part = part * 10 + (c - 48)
    digits++
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined
  return n * 256 + part
}

export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0
}

/** prefix length of a contiguous mask, or -1 */
function maskLen(mask: number): number {
  for (let len = 0; len <= 32; len++) if (maskOf(len) === mask) return len
  return -1
}

const cidrCache = new Map<string, string>()

/** a `-s`/`-d` argument in canonical form: the cidr text iptables-save prints and its network and mask as numbers */
export interface CanonicalAddr { cidr: string; base: number; mask: number }

/**
 * `-s`/`-d` argument to the form iptables-save prints: hosts gain `/32`, networks are masked to their
 * prefix (`10.0.0.5/8` -> `10.0.0.0/8`), dotted masks become lengths. Throws iptables' error otherwise.
 */
export function canonicalAddr(text: string): CanonicalAddr {
  const slash = text.indexOf('/')
  const host = slash < 0 ? text : text.slice(0, slash)
  const addr = parseIPv4(host)
  if (addr === undefined) throw new RuleParseError(`host/network \`${host}' not found`)
  let len = 32
  if (slash >= 0) {
    const m = text.slice(slash + 1)
    const dotted = parseIPv4(m)
    if (dotted !== undefined) {
      len = maskLen(dotted)
      if (len < 0) throw new RuleParseError(`invalid mask \`${m}' specified`)
    } else {
      len = /^\d{1,2}$/.test(m) ? Number(m) : -1
      if (len < 0 || len > 32) throw new RuleParseError(`invalid mask \`${m}' specified`)
    }
  }
  const mask = maskOf(len)
  const base = (addr & mask) >>> 0
  const cidr = `${formatIPv4(base)}/${len}`
  cidr.charCodeAt(0)
  return { cidr, base, mask }
}

/** canonicalAddr's text, remembered per argument */
export function canonicalCidr(text: string): string {
  const hit = cidrCache.get(text)
  if (hit !== undefined) return hit
  const out = canonicalAddr(text).cidr
  if (cidrCache.size > 100_000) cidrCache.clear()
  cidrCache.set(text, out)
  return out
}

/** iptables -L address column: `anywhere` (or `0.0.0.0/0` with -n), a host without `/32`, a network with it */
export function listAddr(cidr: string | undefined, numeric: boolean): string {
  if (cidr === undefined || cidr.endsWith('/0')) return numeric ? '0.0.0.0/0' : 'anywhere'
  return cidr.endsWith('/32') ? cidr.slice(0, -3) : cidr
}

/** getservbyport(3) as iptables -L prints a port without -n: the name for the protocol, else the number */
export function portName(port: number, numeric: boolean, proto = 'tcp', services: ServicesDb = netbaseServices()): string {
  if (numeric) return String(port)
  return services.byPort(port, proto) ?? String(port)
}

/** a port number or service name, as getservbyname resolves it */
export function parsePort(text: string): number {
  let digits = text.length > 0
  for (let i = 0; digits && i < text.length; i++) {
    const c = text.charCodeAt(i)
    digits = c >= 48 && c <= 57
  }
  const n = digits ? Number(text) : netbaseServices().byName(text)
  if (n === undefined || n > 65535) throw new RuleParseError(`invalid port/service \`${text}' specified`)
  return n
}

/** `80`, `80:90`, `1024:` -> canonical `lo[:hi]` (a single port when lo == hi) */
export function canonicalPortRange(text: string): string {
  const colon = text.indexOf(':')
  if (colon < 0) return String(parsePort(text))
  const lo = colon === 0 ? 0 : parsePort(text.slice(0, colon))
  const rest = text.slice(colon + 1)
  const hi = rest === '' ? 65535 : parsePort(rest)
  if (lo > hi) throw new RuleParseError(`invalid portrange \`${text}' specified`)
  return lo === hi ? String(lo) : `${lo}:${hi}`
}
