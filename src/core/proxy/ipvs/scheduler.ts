// The IPVS schedulers as the kernel's net/netfilter/ipvs/ip_vs_*.c choose a real server, for the trace engine.
// A real server's place in `vs.realServers` is its place in the kernel's destination list. Persistence
// templates (ClientIP affinity) are honoured first (ip_vs_sched_persist). Scheduler state (rr's position, wrr's
// current weight, lblc's table) lives beside the namespace's Ipvs, like svc->sched_data in the kernel.
//
// Simplified, documented: lblc/lblcr keep one server per destination address (no replica sets, no expiry) and
// pick by wlc when it is missing, gone or overloaded; mh (Maglev) is approximated by sh's weighted table over
// the source address. Overload thresholds (u_threshold) are never set by kube-proxy, so they are ignored.

import type { Ipvs, RealServer, VirtualServer } from '../../node/types.ts'
import { ipToInt } from './dummy.ts'
import { rsKey, vsKey } from './realservers.ts'

export interface ScheduleState {
  ipvs: Ipvs
  /** virtual ms, for persistence templates */
  now: number
}

export interface ScheduleResult {
  /** undefined: no destination available (the kernel answers ICMP port unreachable) */
  real?: RealServer
  /** the choice came from a persistence template */
  persistent: boolean
}

interface PerService {
  scheduler: string
  /** rr, wrr: the last chosen real server's key (undefined = list head) */
  last?: string
  /** wrr: current weight */
  cw: number
  /** wrr: signature of the destination list when mw/di were computed */
  sig: string
  /** lblc/lblcr: destination address -> real server key */
  table: Map<string, string>
}

const states = new WeakMap<Ipvs, Map<string, PerService>>()

function perService(ipvs: Ipvs, vs: VirtualServer): PerService {
  let m = states.get(ipvs)
  if (!m) states.set(ipvs, (m = new Map()))
  const key = vsKey(vs.protocol, vs.address, vs.port)
  let s = m.get(key)
  if (!s || s.scheduler !== vs.scheduler) m.set(key, (s = { scheduler: vs.scheduler, cw: 0, sig: '', table: new Map() }))
  return s
}

/** forget scheduler state (a flushed IPVS table) */
export function resetSchedulerState(ipvs: Ipvs): void {
  states.delete(ipvs)
}

const usable = (d: RealServer) => d.weight > 0

/** ip_vs_rr: continue after the last choice, wrapping, skipping weight 0 */
function rr(list: RealServer[], s: PerService): RealServer | undefined {
  const n = list.length
  const start = s.last === undefined ? -1 : list.findIndex((d) => rsKey(d) === s.last)
  for (let k = 1; k <= n; k++) {
    const d = list[(start + k + n) % n]
    if (usable(d)) { s.last = rsKey(d); return d }
  }
  return undefined
}

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a)

/** ip_vs_wrr: interleaved weighted round robin (mw = max - (gcd - 1), cw steps down by gcd) */
function wrr(list: RealServer[], s: PerService): RealServer | undefined {
  const weights = list.map((d) => Math.max(0, d.weight))
  const di = weights.filter((w) => w > 0).reduce((g, w) => (g ? gcd(w, g) : w), 0) || 1
  const mw = Math.max(0, ...weights) - (di - 1)
  const sig = list.map((d) => `${rsKey(d)}=${d.weight}`).join(',')
  if (sig !== s.sig) {
    // ip_vs_wrr_dest_changed: back to the list head, cw kept when still valid
    s.sig = sig
    s.last = undefined
    if (s.cw > mw || !s.cw) s.cw = mw
    else if (di > 1) s.cw = Math.floor(s.cw / di) * di + 1
  }
  if (mw <= 0) return undefined
  let d = s.last === undefined ? -1 : list.findIndex((x) => rsKey(x) === s.last)
  const last = d
  let stop = -2, lastPass = false, restarted = false
  for (;;) {
    for (let i = d + 1; i < list.length; i++) {
      if (weights[i] >= s.cw) { s.last = rsKey(list[i]); return list[i] }
      if (i === stop) return undefined
    }
    d = -1
    s.cw -= di
    if (s.cw <= 0) {
      s.cw = mw
      if (lastPass || last === -1) return undefined
      restarted = true
    }
    lastPass = s.cw <= di
    if (lastPass && restarted && last !== -1) stop = last
  }
}

/** ip_vs_dest_conn_overhead: active connections weigh 256 inactive ones */
const connOverhead = (d: RealServer) => d.activeConn * 256 + d.inActConn

/** ip_vs_lc: least overhead, first wins a tie */
function lc(list: RealServer[]): RealServer | undefined {
  let least: RealServer | undefined, loh = 0
  for (const d of list) {
    if (!usable(d)) continue
    const doh = connOverhead(d)
    if (!least || doh < loh) { least = d; loh = doh }
  }
  return least
}

/** wlc and sed: least overhead/weight, compared by cross-multiplying (no division) */
function weightedLeast(list: RealServer[], overhead: (d: RealServer) => number): RealServer | undefined {
  const first = list.findIndex(usable)
  if (first < 0) return undefined
  let least = list[first], loh = overhead(least)
  for (let i = first + 1; i < list.length; i++) {
    const d = list[i]
    const doh = overhead(d)
    if (loh * d.weight > doh * least.weight) { least = d; loh = doh }
  }
  return least
}

/** ip_vs_nq: an idle server at once, else like sed */
function nq(list: RealServer[]): RealServer | undefined {
  let least: RealServer | undefined, loh = 0
  for (const d of list) {
    if (!usable(d)) continue
    const doh = d.activeConn + 1
    if (d.activeConn === 0) return d
    if (!least || loh * d.weight > doh * least.weight) { least = d; loh = doh }
  }
  return least
}

/** ip_vs_sh / ip_vs_dh: 256 buckets filled by walking the list, each server `weight` times (sh) or once (dh) */
function bucketTable(list: RealServer[], weighted: boolean): RealServer[] {
  const out: RealServer[] = []
  if (!list.length) return out
  let p = 0, count = 0
  for (let i = 0; i < 256; i++) {
    const d = list[p]
    out.push(d)
    if (!weighted || ++count >= d.weight) { p = (p + 1) % list.length; count = 0 }
  }
  return out
}

/** ip_vs_sh_hashkey: hash_32(ntohl(addr) + port, 8) with the golden ratio 0x61C88647 (port 0 without sh-port) */
export function shHash(ip: string, port = 0): number {
  return Math.imul((ipToInt(ip) + port) >>> 0, 0x61c88647) >>> 24
}

/** ip_vs_dh_hashkey: (ntohl(addr) * 2654435761) & 255 */
export function dhHash(ip: string): number {
  return Math.imul(ipToInt(ip), 0x9e3779b1 | 0) & 255
}

function fromTable(table: RealServer[], bucket: number): RealServer | undefined {
  const d = table[bucket]
  return d && usable(d) ? d : undefined
}

/** lblc's is_overloaded: more active connections than its weight while another server is under half load */
function overloaded(d: RealServer, list: RealServer[]): boolean {
  if (d.activeConn <= d.weight) return false
  return list.some((x) => usable(x) && x.activeConn * 2 < x.weight)
}

function lblc(list: RealServer[], s: PerService, dst: string): RealServer | undefined {
  const have = list.find((d) => rsKey(d) === s.table.get(dst))
  if (have && usable(have) && !overloaded(have, list)) return have
  const d = weightedLeast(list, (x) => x.activeConn * 50 + x.inActConn)
  if (d) s.table.set(dst, rsKey(d))
  return d
}

function pick(vs: VirtualServer, clientIP: string, s: PerService): RealServer | undefined {
  const list = vs.realServers
  switch (vs.scheduler) {
    case 'rr': return rr(list, s)
    case 'wrr': return wrr(list, s)
    case 'lc': return lc(list)
    case 'wlc': return weightedLeast(list, connOverhead)
    case 'sed': return weightedLeast(list, (d) => d.activeConn + 1)
    case 'nq': return nq(list)
    case 'sh': case 'mh': return fromTable(bucketTable(list, true), shHash(clientIP))
    case 'dh': return fromTable(bucketTable(list, false), dhHash(vs.address))
    case 'lblc': case 'lblcr': return lblc(list, s, vs.address)
  }
}

const templateKey = (clientIP: string, vs: VirtualServer) => `${clientIP}|${vsKey(vs.protocol, vs.address, vs.port)}`

/**
 * The real server IPVS picks for a new connection from `clientIP` to `vs`. With persistence, a live template for
 * (client, VIP:port) wins when its server still has weight (expire_quiescent_template=1); the template is
 * created or refreshed for `persistentTimeout` seconds.
 */
export function schedule(vs: VirtualServer, clientIP: string, state: ScheduleState): ScheduleResult {
  const s = perService(state.ipvs, vs)
  const tk = templateKey(clientIP, vs)
  const timeout = vs.persistentTimeout
  if (timeout !== undefined) {
    const t = state.ipvs.templates.get(tk)
    if (t && t.expires > state.now) {
      const d = vs.realServers.find((x) => rsKey(x) === t.real)
      if (d && usable(d)) {
        t.expires = state.now + timeout * 1000
        return { real: d, persistent: true }
      }
    }
    state.ipvs.templates.delete(tk)
  }
  const real = pick(vs, clientIP, s)
  if (real && timeout !== undefined) state.ipvs.templates.set(tk, { real: rsKey(real), expires: state.now + timeout * 1000 })
  return real ? { real, persistent: false } : { persistent: false }
}
