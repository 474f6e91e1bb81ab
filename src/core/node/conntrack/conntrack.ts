// The conntrack table of one namespace: insert, lookup by tuple in either direction, ageing over virtual time,
// flush and delete, and `conntrack -L/-C/-F/-D` rendered as conntrack-tools 1.4.7 prints them.

import type { ConntrackEntry, ConntrackState, Netns, Protocol, Tuple } from '../types.ts'

export const CONNTRACK_VERSION = 'conntrack v1.4.7 (conntrack-tools)'

const PROTO_NUM: Record<string, number> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 }

/**
 * Default timeouts (seconds) on a kube-proxy node: kube-proxy sets nf_conntrack_tcp_timeout_established to
 * 86400 and close_wait to 3600 (conntrack.tcpEstablishedTimeout / tcpCloseWaitTimeout); the rest are the kernel's.
 */
export const CONNTRACK_TIMEOUTS = {
  tcp: { SYN_SENT: 120, SYN_RECV: 60, ESTABLISHED: 86400, FIN_WAIT: 120, CLOSE_WAIT: 3600, LAST_ACK: 30, TIME_WAIT: 120, CLOSE: 10, NONE: 30 } as Record<ConntrackState, number>,
  udp: 30,
  udpStream: 120,
  icmp: 30,
} as const

/** the timeout an entry starts with in its protocol/state */
export function defaultTimeout(protocol: Protocol, state?: ConntrackState, assured = false): number {
  if (protocol === 'tcp') return CONNTRACK_TIMEOUTS.tcp[state ?? 'SYN_SENT']
  if (protocol === 'udp') return assured ? CONNTRACK_TIMEOUTS.udpStream : CONNTRACK_TIMEOUTS.udp
  return CONNTRACK_TIMEOUTS.icmp
}

const sameTuple = (a: Tuple, b: Tuple) => a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport

/** Insert a new entry (the first packet of a flow passed the nat table). */
export function insertConntrack(ns: Netns, e: ConntrackEntry): ConntrackEntry {
  ns.conntrack.push(e)
  return e
}

/** The entry a packet belongs to, and whether it travels in the original or the reply direction. */
export function lookupConntrack(ns: Netns, protocol: Protocol, t: Tuple): { entry: ConntrackEntry; dir: 'original' | 'reply' } | undefined {
  for (const entry of ns.conntrack) {
    if (entry.protocol !== protocol) continue
    if (sameTuple(entry.orig, t)) return { entry, dir: 'original' }
    if (sameTuple(entry.reply, t)) return { entry, dir: 'reply' }
  }
  return undefined
}

/** Age every entry by `seconds` of virtual time; entries whose timer runs out leave the table. */
export function ageConntrack(ns: Netns, seconds: number): void {
  if (seconds <= 0) return
  const t = ns.conntrack
  let w = 0
  for (let r = 0; r < t.length; r++) {
    t[r].timeout -= seconds
    if (t[r].timeout > 0) t[w++] = t[r]
  }
  t.length = w
}

export function flushConntrack(ns: Netns): number {
  const n = ns.conntrack.length
  ns.conntrack.length = 0
  return n
}

export interface ConntrackFilter {
  protocol?: Protocol
  /** original source / destination (-s / -d) */
  src?: string
  dst?: string
  /** reply source / destination (-r / -q) */
  replySrc?: string
  replyDst?: string
  sport?: number
  dport?: number
  state?: ConntrackState
  mark?: number
}

export function matchConntrack(e: ConntrackEntry, f: ConntrackFilter): boolean {
  return (f.protocol === undefined || e.protocol === f.protocol)
    && (f.src === undefined || e.orig.src === f.src) && (f.dst === undefined || e.orig.dst === f.dst)
    && (f.replySrc === undefined || e.reply.src === f.replySrc) && (f.replyDst === undefined || e.reply.dst === f.replyDst)
    && (f.sport === undefined || e.orig.sport === f.sport) && (f.dport === undefined || e.orig.dport === f.dport)
    && (f.state === undefined || e.state === f.state) && (f.mark === undefined || e.mark === f.mark)
}

function tuple(protocol: Protocol, t: Tuple, reply: boolean): string {
  if (protocol === 'icmp') {
    // echo request type 8 / reply type 0; the id travels in sport
    return `src=${t.src} dst=${t.dst} type=${reply ? 0 : 8} code=0 id=${t.sport} `
  }
  return `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport} `
}

/** One line of `conntrack -L` (libnetfilter_conntrack's default snprintf, the last blank removed). */
export function formatConntrack(e: ConntrackEntry): string {
  let s = `${e.protocol.padEnd(8)} ${PROTO_NUM[e.protocol] ?? 0} ${Math.max(0, Math.floor(e.timeout))} `
  if (e.protocol === 'tcp' && e.state) s += `${e.state} `
  s += tuple(e.protocol, e.orig, false)
  if (e.status.includes('UNREPLIED')) s += '[UNREPLIED] '
  s += tuple(e.protocol, e.reply, true)
  if (e.status.includes('ASSURED')) s += '[ASSURED] '
  s += `mark=${e.mark} use=${e.use}`
  return s
}

export interface ToolOutput { stdout: string; stderr: string; code: number }

/** `conntrack -L [filters]`: entries on stdout, the count on stderr */
export function renderConntrackList(ns: Netns, f: ConntrackFilter = {}): ToolOutput {
  const list = ns.conntrack.filter((e) => matchConntrack(e, f))
  return { stdout: list.map((e) => formatConntrack(e) + '\n').join(''), stderr: `${CONNTRACK_VERSION}: ${list.length} flow entries have been shown.\n`, code: 0 }
}

const STATES = new Set<string>(['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE'])

/** `conntrack -L|-C|-F|-D|-V [-p P] [-s|-d|-r|-q IP] [--sport|--dport N] [--state S] [-m MARK]` */
export function conntrackCommand(ns: Netns, argv: readonly string[]): ToolOutput {
  let cmd: 'L' | 'C' | 'F' | 'D' | 'V' | undefined
  const f: ConntrackFilter = {}
  const bad = (msg: string): ToolOutput => ({ stdout: '', stderr: `${CONNTRACK_VERSION}: ${msg}\nTry \`conntrack -h' for more information.\n`, code: 2 })
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const val = () => argv[++i]
    switch (a) {
      case '-L': case '--dump': cmd = 'L'; break
      case '-C': case '--count': cmd = 'C'; break
      case '-F': case '--flush': cmd = 'F'; break
      case '-D': case '--delete': cmd = 'D'; break
      case '-V': case '--version': cmd = 'V'; break
      case '-p': case '--proto': case '--protonum': {
        const p = (val() ?? '').toLowerCase()
        if (!(p in PROTO_NUM)) return bad(`unknown protocol \`${p}'`)
        f.protocol = p as Protocol
        break
      }
      case '-s': case '--src': case '--orig-src': f.src = val(); break
      case '-d': case '--dst': case '--orig-dst': f.dst = val(); break
      case '-r': case '--reply-src': f.replySrc = val(); break
      case '-q': case '--reply-dst': f.replyDst = val(); break
      case '--sport': case '--orig-port-src': f.sport = Number(val()); break
      case '--dport': case '--orig-port-dst': f.dport = Number(val()); break
      case '--state': {
        const s = val() ?? ''
        if (!STATES.has(s)) return bad(`unknown state \`${s}'`)
        f.state = s as ConntrackState
        break
      }
      case '-m': case '--mark': f.mark = Number(val()); break
      case '-n': case '-g': case '-o': if (a === '-o') i++; break
      default: return bad(`Invalid argument \`${a}'`)
    }
  }
  if ((f.sport !== undefined || f.dport !== undefined || f.state !== undefined) && f.protocol === undefined) return bad('missing protocol')
  switch (cmd) {
    case undefined: return bad('no command specified')
    case 'V': return { stdout: `${CONNTRACK_VERSION}\n`, stderr: '', code: 0 }
    case 'L': return renderConntrackList(ns, f)
    case 'C': return { stdout: `${ns.conntrack.filter((e) => matchConntrack(e, f)).length}\n`, stderr: '', code: 0 }
    case 'F': flushConntrack(ns); return { stdout: '', stderr: `${CONNTRACK_VERSION}: connection tracking table has been emptied.\n`, code: 0 }
    case 'D': {
      const keep = ns.conntrack.filter((e) => !matchConntrack(e, f))
      const gone = ns.conntrack.length - keep.length
      const lines = ns.conntrack.filter((e) => matchConntrack(e, f)).map((e) => formatConntrack(e) + '\n').join('')
      ns.conntrack.splice(0, ns.conntrack.length, ...keep)
      if (gone === 0) return { stdout: '', stderr: `${CONNTRACK_VERSION}: 0 flow entries have been deleted.\n`, code: 1 }
      return { stdout: lines, stderr: `${CONNTRACK_VERSION}: ${gone} flow entries have been deleted.\n`, code: 0 }
    }
  }
}
