// The reply path: from the server's namespace back to the client, routed hop by hop; in each namespace
// conntrack un-NATs the reply (un-DNAT, un-SNAT) and the external load balancer undoes its forwarding.
// The client accepts the reply only if it comes from the address and port it sent to.

import type { Netns } from '../core/node/types.ts'
import type { Packet } from './types.ts'
import type { Run } from './engine.ts'
import { findReply } from './conntrack.ts'
import { crossLink, lookupRoute } from './route.ts'
import { ep, makeHop } from './hops.ts'

/** what the external load balancer rewrote, to undo on the way back */
export interface LbNat {
  service: string
  lbIp: string
  lbPort: number
  nodeIp: string
  nodePort: number
  client: string
  clientPort: number
}

const MAX_VISITS = 32

/** walk the reply to `pkt` back to the client; true when the client accepts it */
export function walkReply(run: Run, server: Netns, pkt: Packet, kind: 'reply' | 'reset'): boolean {
  const p: Packet = { protocol: pkt.protocol, src: pkt.dst, sport: pkt.dport, dst: pkt.src, dport: pkt.sport, mark: 0 }
  const what = kind === 'reset' ? 'RST' : p.protocol === 'TCP' ? 'SYN-ACK' : p.protocol === 'ICMP' ? 'echo reply' : 'reply'
  run.hop('reply', server, p, p, `the ${what} ${ep(p.src, p.sport)} -> ${ep(p.dst, p.dport)} leaves ${server.name}`)
  let cur = server
  for (let visit = 0; visit < MAX_VISITS; visit++) {
    const e = findReply(cur, p, run.state, run.now)
    if (e) {
      const before = { ...p }
      p.src = e.orig.dst
      p.sport = e.orig.dport
      p.dst = e.orig.src
      p.dport = e.orig.sport
      if (before.src !== p.src || before.dst !== p.dst || before.sport !== p.sport || before.dport !== p.dport) {
        const parts: string[] = []
        if (before.src !== p.src || before.sport !== p.sport) parts.push(`source ${ep(before.src, before.sport)} -> ${ep(p.src, p.sport)}`)
        if (before.dst !== p.dst || before.dport !== p.dport) parts.push(`destination ${ep(before.dst, before.dport)} -> ${ep(p.dst, p.dport)}`)
        run.hop('conntrack', cur, before, p, `conntrack un-NATs the reply: ${parts.join(', ')}`)
      }
    }
    const rt = lookupRoute(cur, p.dst)
    if (rt.kind === 'local') {
      const f = run.first
      if (cur === run.origin && p.src === f.dst && p.sport === f.dport && p.dst === f.src && p.dport === f.sport) {
        run.hop('reply', cur, p, p, `${cur.name} receives the ${what} from ${ep(p.src, p.sport)}: it matches the connection it opened`)
        return true
      }
      run.hop('reply', cur, p, p, `${cur.name} receives a ${what} from ${ep(p.src, p.sport)}, which it never sent to (it expected ${ep(f.dst, f.dport)}): dropped`)
      return false
    }
    if (rt.kind === 'unreachable') {
      run.hop('reply', cur, p, p, `${rt.text}: the reply is lost`)
      return false
    }
    const lb = run.lb
    if (lb && p.src === lb.nodeIp && p.sport === lb.nodePort && p.dst === lb.client && p.dport === lb.clientPort) {
      const before = { ...p }
      p.src = lb.lbIp
      p.sport = lb.lbPort
      run.hops.push(makeHop('loadbalancer', { host: lb.service, kind: 'loadbalancer' }, before, p, run.c, `the load balancer (${lb.service}) returns the reply as ${ep(p.src, p.sport)}`))
    }
    const x = crossLink(run.net, cur, rt.dev, rt.nexthop)
    if (!x) {
      run.hop('reply', cur, p, p, `${rt.nexthop} is not in the lab: the reply is lost`, rt.dev)
      return false
    }
    run.hop('reply', cur, p, p, x.text, rt.dev)
    cur = x.to
  }
  return false
}
