// IPv4 helpers for the trace engine: parse and format addresses, CIDR containment, `ip:port` splitting.

/** a.b.c.d -> unsigned 32-bit number, or undefined when not an IPv4 address */
export function ipToNum(ip: string): number | undefined {
  const parts = ip.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined
    const v = Number(p)
    if (v > 255) return undefined
    n = n * 256 + v
  }
  return n
}

export function numToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export interface Cidr { base: number; len: number }

const cidrCache = new Map<string, Cidr | undefined>()

/** `10.0.0.0/8`, `10.0.1.1` (= /32), `default` (= 0.0.0.0/0) */
export function parseCidr(text: string): Cidr | undefined {
  let c = cidrCache.get(text)
  if (c !== undefined || cidrCache.has(text)) return c
  if (text === 'default') c = { base: 0, len: 0 }
  else {
    const [ip, lenText] = text.split('/')
    const n = ipToNum(ip)
    const len = lenText === undefined ? 32 : Number(lenText)
    c = n === undefined || !Number.isInteger(len) || len < 0 || len > 32 ? undefined : { base: maskOf(n, len), len }
  }
  if (cidrCache.size > 50_000) cidrCache.clear()
  cidrCache.set(text, c)
  return c
}

function maskOf(n: number, len: number): number {
  if (len === 0) return 0
  return (n & (~0 << (32 - len))) >>> 0
}

const numCache = new Map<string, number | undefined>()

/** ipToNum with a cache: rule walks compare the same packet addresses thousands of times */
export function ipNum(ip: string): number | undefined {
  let n = numCache.get(ip)
  if (n === undefined && !numCache.has(ip)) {
    n = ipToNum(ip)
    if (numCache.size > 50_000) numCache.clear()
    numCache.set(ip, n)
  }
  return n
}

export function cidrContains(cidr: string | Cidr, ip: string | number): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr
  const n = typeof ip === 'string' ? ipNum(ip) : ip
  if (!c || n === undefined) return false
  return maskOf(n, c.len) === c.base
}

/** the address part of `10.244.1.1/24` */
export function addrOf(cidr: string): string {
  const i = cidr.indexOf('/')
  return i < 0 ? cidr : cidr.slice(0, i)
}

/** `10.0.1.1:80` -> ['10.0.1.1', 80]; `10.0.1.1` -> ['10.0.1.1', undefined]; a port range keeps its first port */
export function splitHostPort(text: string): [string, number | undefined] {
  const i = text.lastIndexOf(':')
  if (i < 0) return [text, undefined]
  const port = Number(text.slice(i + 1).split('-')[0])
  return [text.slice(0, i), Number.isFinite(port) ? port : undefined]
}

export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.')
}
