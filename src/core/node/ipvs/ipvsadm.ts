// `ipvsadm -L` renderers, to ipvsadm 1.31's printf formats: the table (-Ln), one service (-Ln -t VIP:PORT),
// --stats, --rate, --thresholds, --persistent-conn and the connection table (-Lnc). Lines keep the trailing
// padding ipvsadm's `%-10u` leaves. Without -n, addresses go through a resolver and ports through /etc/services.

import type { Ipvs, IpvsConnection, RealServer, VirtualServer } from '../types.ts'
import { ipToInt } from '../addr.ts'
import { IPVS_ERRORS, getVirtualServer, type IpvsProtocol } from './ipvs.ts'

/** `IP Virtual Server version 1.2.1 (size=4096)`: the kernel's IPVS version and connection hash size */
export const IPVS_VERSION_LINE = 'IP Virtual Server version 1.2.1 (size=4096)'

export interface IpvsadmListOptions {
  /** -n: numeric addresses and ports */
  numeric?: boolean
  stats?: boolean
  rate?: boolean
  thresholds?: boolean
  persistentConn?: boolean
  /** --exact: full numbers in --stats/--rate */
  exact?: boolean
  /** --nosort: the kernel's order */
  nosort?: boolean
  /** -t/-u/--sctp-service: list one service */
  service?: { protocol: IpvsProtocol; address: string; port: number }
  /** reverse lookup for -L without -n (the node's /etc/hosts); unresolved addresses print numerically */
  hostName?: (ip: string) => string | undefined
}

export interface ToolOutput { stdout: string; stderr: string; code: number }

/** The /etc/services names (Debian/Ubuntu netbase) ipvsadm prints for ports without -n. */
const SERVICES: Record<string, string> = {
  'tcp/21': 'ftp', 'tcp/22': 'ssh', 'tcp/23': 'telnet', 'tcp/25': 'smtp', 'tcp/53': 'domain', 'udp/53': 'domain',
  'udp/67': 'bootps', 'udp/68': 'bootpc', 'tcp/80': 'http', 'tcp/110': 'pop3', 'udp/123': 'ntp', 'tcp/143': 'imap2',
  'udp/161': 'snmp', 'tcp/443': 'https', 'udp/443': 'https', 'tcp/3306': 'mysql', 'tcp/5432': 'postgresql',
  'tcp/6379': 'redis', 'tcp/8080': 'http-alt',
}

/** port_to_anyname: the /etc/services name for TCP/UDP ports, else the number */
export function portName(port: number, protocol: string): string {
  return SERVICES[`${protocol.toLowerCase()}/${port}`] ?? String(port)
}

function addrPort(ip: string, port: number, protocol: string, o: IpvsadmListOptions): string {
  if (o.numeric) return `${ip}:${port}`
  return `${o.hostName?.(ip) ?? ip}:${portName(port, protocol)}`
}

const PROTO_NUM: Record<IpvsProtocol, number> = { TCP: 6, UDP: 17, SCTP: 132 }

/** C's `(int)(a - b)` over unsigned 32-bit values: ipvsadm compares addresses this way, so it wraps. */
function wrapDiff(a: number, b: number): number {
  return ((a - b) >>> 0) | 0
}

/** libipvs ipvs_cmp_services: fwmark, family, protocol, address (wrapping subtraction), port */
export function compareServices(a: VirtualServer, b: VirtualServer): number {
  const p = PROTO_NUM[a.protocol] - PROTO_NUM[b.protocol]
  if (p !== 0) return p
  const r = wrapDiff(ipToInt(a.address), ipToInt(b.address))
  if (r !== 0) return r
  return a.port - b.port
}

/** libipvs ipvs_cmp_dests: address (wrapping), then port */
export function compareDests(a: RealServer, b: RealServer): number {
  const r = wrapDiff(ipToInt(a.address), ipToInt(b.address))
  if (r !== 0) return r
  return a.port - b.port
}

/**
 * glibc's qsort is a top-down merge sort (msort_with_tmp); with ipvsadm's wrapping comparator the order can
 * depend on the input order, so the same algorithm runs here over the kernel's list (insertion order).
 */
export function glibcMsort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  const a = items.slice()
  const sort = (lo: number, n: number): void => {
    if (n <= 1) return
    const n1 = n >> 1, n2 = n - n1
    sort(lo, n1)
    sort(lo + n1, n2)
    const tmp: T[] = []
    let i = lo, j = lo + n1, r1 = n1, r2 = n2
    while (r1 > 0 && r2 > 0) {
      if (cmp(a[i], a[j]) <= 0) { tmp.push(a[i++]); r1-- } else { tmp.push(a[j++]); r2-- }
    }
    while (r1-- > 0) tmp.push(a[i++])
    for (let k = 0; k < tmp.length; k++) a[lo + k] = tmp[k]
  }
  sort(0, a.length)
  return a
}

/** print_largenum: `%9llu` below 100 million, then K/M/G/T units in 8 digits; --exact widens as needed */
export function largeNum(i: number, exact = false): string {
  if (exact) {
    const s = String(i)
    return s.padStart(s.length <= 8 ? 9 : s.length + 1)
  }
  if (i < 1e8) return String(i).padStart(9)
  if (i < 1e9) return `${Math.floor(i / 1e3)}`.padStart(8) + 'K'
  if (i < 1e11) return `${Math.floor(i / 1e6)}`.padStart(8) + 'M'
  if (i < 1e14) return `${Math.floor(i / 1e9)}`.padStart(8) + 'G'
  return `${Math.floor(i / 1e12)}`.padStart(8) + 'T'
}

const left = (s: string | number, w: number) => String(s).padEnd(w)
const right = (s: string | number, w: number) => String(s).padStart(w)

function title(o: IpvsadmListOptions): string {
  const p = left('Prot LocalAddress:Port', 33)
  if (o.stats) return `${p} ${right('Conns', 8)} ${right('InPkts', 8)} ${right('OutPkts', 8)} ${right('InBytes', 8)} ${right('OutBytes', 8)}\n  -> RemoteAddress:Port\n`
  if (o.rate) return `${p} ${right('CPS', 8)} ${right('InPPS', 8)} ${right('OutPPS', 8)} ${right('InBPS', 8)} ${right('OutBPS', 8)}\n  -> RemoteAddress:Port\n`
  if (o.thresholds) return `${p} ${left('Uthreshold', 10)} ${left('Lthreshold', 10)} ${left('ActiveConn', 10)} ${left('InActConn', 10)}\n  -> RemoteAddress:Port\n`
  if (o.persistentConn) return `${p} ${left('Weight', 9)} ${left('PersistConn', 11)} ${left('ActiveConn', 10)} ${left('InActConn', 10)}\n  -> RemoteAddress:Port\n`
  return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n'
}

function serviceEntry(vs: VirtualServer, o: IpvsadmListOptions, persistConns: Map<RealServer, number>): string {
  const svcName = `${vs.protocol}  ${addrPort(vs.address, vs.port, vs.protocol, o)}`.slice(0, 33)
  let out: string
  const n = (v: number) => largeNum(v, o.exact)
  if (o.stats) {
    const s = vs.stats
    out = left(svcName, 33) + n(s.conns) + n(s.inPkts) + n(s.outPkts) + n(s.inBytes) + n(s.outBytes)
  } else if (o.rate) {
    out = left(svcName, 33) + n(0) + n(0) + n(0) + n(0) + n(0)
  } else {
    out = `${svcName} ${vs.scheduler}`
    if (!o.thresholds && !o.persistentConn && vs.flags.length) out += ` (${vs.flags.join(',')})`
    if (vs.persistentTimeout !== undefined) out += ` persistent ${vs.persistentTimeout}`
  }
  out += '\n'
  const dests = o.nosort ? vs.realServers : glibcMsort(vs.realServers, compareDests)
  for (const rs of dests) {
    const d = addrPort(rs.address, rs.port, vs.protocol, o).slice(0, 28)
    if (o.stats) {
      const s = rs.stats
      out += `  -> ${left(d, 28)}${n(s.conns)}${n(s.inPkts)}${n(s.outPkts)}${n(s.inBytes)}${n(s.outBytes)}\n`
    } else if (o.rate) {
      out += `  -> ${left(d, 28)} ${right(0, 8)} ${right(0, 8)} ${right(0, 8)}${n(0)}${n(0)}\n`
    } else if (o.thresholds) {
      out += `  -> ${left(d, 28)} ${left(0, 10)} ${left(0, 10)} ${left(rs.activeConn, 10)} ${left(rs.inActConn, 10)}\n`
    } else if (o.persistentConn) {
      out += `  -> ${left(d, 28)} ${left(rs.weight, 9)} ${left(persistConns.get(rs) ?? 0, 11)} ${left(rs.activeConn, 10)} ${left(rs.inActConn, 10)}\n`
    } else {
      out += `  -> ${left(d, 28)} ${left(rs.forward, 7)} ${left(rs.weight, 6)} ${left(rs.activeConn, 10)} ${left(rs.inActConn, 10)}\n`
    }
  }
  return out
}

/** persistence templates per real server (the PersistConn column) */
function persistCounts(ipvs: Ipvs): Map<RealServer, number> {
  const m = new Map<RealServer, number>()
  for (const [k, t] of ipvs.templates) {
    const vs = ipvs.services.get(k.slice(k.indexOf('|') + 1))
    const rs = vs?.realServers.find((r) => `${r.address}:${r.port}` === t.real)
    if (rs) m.set(rs, (m.get(rs) ?? 0) + 1)
  }
  return m
}

/** `ipvsadm -L [-n] [--stats|--rate|...] [-t|-u VIP:PORT]` */
export function renderIpvsList(ipvs: Ipvs, o: IpvsadmListOptions = {}): ToolOutput {
  const pc = o.persistentConn ? persistCounts(ipvs) : new Map<RealServer, number>()
  if (o.service) {
    const vs = getVirtualServer(ipvs, o.service.protocol, o.service.address, o.service.port)
    if (!vs) return { stdout: '', stderr: `${IPVS_ERRORS.noSuchService}\n`, code: 1 }
    return { stdout: title(o) + serviceEntry(vs, o, pc), stderr: '', code: 0 }
  }
  const all = [...ipvs.services.values()]
  const list = o.nosort ? all : glibcMsort(all, compareServices)
  let out = `${IPVS_VERSION_LINE}\n${title(o)}`
  for (const vs of list) out += serviceEntry(vs, o, pc)
  return { stdout: out, stderr: '', code: 0 }
}

function expireText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

/**
 * `ipvsadm -Lnc`: connection entries, then the persistence templates (state NONE, client port 0) still alive
 * at virtual time `now` (ms).
 */
export function renderIpvsConnections(ipvs: Ipvs, o: { numeric?: boolean; hostName?: (ip: string) => string | undefined; now?: number } = {}): ToolOutput {
  let out = 'IPVS connection entries\n'
  out += `pro expire ${left('state', 11)} ${left('source', 18)} ${left('virtual', 18)} destination\n`
  const line = (c: IpvsConnection) => {
    const lo = { numeric: o.numeric, hostName: o.hostName }
    out += `${left(c.protocol, 3)} ${left(expireText(c.expire), 6)} ${left(c.state, 11)} ${left(addrPort(c.source, c.sport, c.protocol, lo), 18)} ${left(addrPort(c.virtual, c.vport, c.protocol, lo), 18)} ${addrPort(c.destination, c.dport, c.protocol, lo)}\n`
  }
  for (const c of ipvs.connections) line(c)
  const now = o.now ?? 0
  for (const [k, t] of ipvs.templates) {
    if (t.expires <= now) continue
    const [client, svc] = k.split('|')
    const [proto, vip, vport] = svc.split(':')
    const i = t.real.lastIndexOf(':')
    line({
      protocol: proto as IpvsProtocol, expire: (t.expires - now) / 1000, state: 'NONE', source: client, sport: 0,
      virtual: vip, vport: Number(vport), destination: t.real.slice(0, i), dport: Number(t.real.slice(i + 1)),
    })
  }
  return { stdout: out, stderr: '', code: 0 }
}
