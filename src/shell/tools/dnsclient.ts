// DNS questions asked of one server over traced UDP, as a stub resolver's socket does it: an id from the seeded
// stream, every try a datagram traced hop by hop (pod -> Service IP -> kube-proxy rules -> a CoreDNS pod and back),
// the questions of one socket sharing its source port, virtual time passing while a try goes unanswered.

import type { DnsQuestion, DnsResponse } from '../../core/dns/types.ts'
import type { Trace } from '../../trace/types.ts'
import { dnsQueryId } from '../../trace/index.ts'
import type { CommandContext } from '../types.ts'
import { send, wait } from './engine.ts'

/** What one try got back: an answer; silence (the datagram or its reply was lost); ICMP port unreachable
 *  (a REJECT rule, nobody on port 53); no route; or a reply from an address the client never asked (ignored). */
export type TryOutcome = 'answer' | 'timeout' | 'refused' | 'unreachable' | 'mismatch'

export interface Try {
  outcome: TryOutcome
  trace: Trace
  /** a mismatch: where the ignored reply came from, `10.244.2.5#53` */
  from?: string
}

export interface Exchange {
  server: string
  port: number
  id: number
  question: DnsQuestion
  rd: boolean
  response?: DnsResponse
  tries: Try[]
}

export interface AskOptions {
  port?: number
  /** recursion desired (default true; dig +norecurse clears it) */
  rd?: boolean
  /** the EDNS0 UDP size of the OPT record the query carries (dig 9.18: 1232, 9.9: 4096); none from stub resolvers */
  edns?: number
  /** tries per question */
  tries: number
  /** how long a try waits for its answer (ms) */
  timeoutMs: number
  /** give up at the first ICMP port unreachable (glibc, musl); dig and nslookup report it and try again */
  stopOnRefused?: boolean
  /** the socket is connected and so learns of ICMP port unreachable (glibc, bind, busybox); musl's is not and waits (default true) */
  seesIcmp?: boolean
}

/** Bytes of the query datagram (IPv4 + UDP + DNS header + question [+ OPT and dig's cookie]). */
export function querySize(q: DnsQuestion, edns: boolean): number {
  const name = q.name === '.' ? 1 : q.name.replace(/\.$/, '').split('.').reduce((n, l) => n + l.length + 1, 1)
  return 20 + 8 + 12 + name + 4 + (edns ? 23 : 0)
}

function outcomeOf(t: Trace): Try {
  if (t.verdict === 'delivered' && t.dns) return { outcome: 'answer', trace: t }
  if (t.verdict === 'rejected' || t.verdict === 'refused') return { outcome: 'refused', trace: t }
  if (t.reason === 'reply-mismatch') {
    const last = [...t.hops].reverse().find((h) => h.kind === 'reply')
    return { outcome: 'mismatch', trace: t, ...(last ? { from: `${last.before.src}#${last.before.sport}` } : {}) }
  }
  if (t.verdict === 'dropped' && t.reason === 'no-route' && t.hops.length <= 1) return { outcome: 'unreachable', trace: t }
  return { outcome: 'timeout', trace: t }
}

/**
 * Asks `questions` of `server` from one socket (one source port), as glibc and musl send A and AAAA together:
 * each try sends every still unanswered question, then waits once. Undefined when no packet can be sent here.
 */
export function askAll(ctx: Pick<CommandContext, 'cluster' | 'host' | 'trace'>, server: string, questions: DnsQuestion[], o: AskOptions): Exchange[] | undefined {
  const port = o.port ?? 53
  const rd = o.rd ?? true
  const ex: Exchange[] = questions.map((question) => ({ server, port, id: dnsQueryId(ctx.cluster), question, rd, tries: [] }))
  let sport: number | undefined
  for (let i = 0; i < o.tries; i++) {
    let silent = false
    for (const e of ex) {
      if (e.response) continue
      const t = send(ctx, {
        to: server, port, protocol: 'UDP', bytes: querySize(e.question, o.edns !== undefined),
        dns: { id: e.id, question: e.question, rd, ...(o.edns !== undefined ? { edns: { udpSize: o.edns } } : {}) },
        ...(sport !== undefined ? { sport } : {}),
      })
      if (!t) return undefined
      sport ??= t.hops[0]?.before.sport
      const seen = outcomeOf(t)
      const r: Try = seen.outcome === 'refused' && o.seesIcmp === false ? { outcome: 'timeout', trace: t } : seen
      e.tries.push(r)
      if (r.outcome === 'answer') e.response = t.dns
      else if (r.outcome === 'timeout' || r.outcome === 'mismatch') silent = true
    }
    const last = ex.map((e) => e.tries[e.tries.length - 1]?.outcome)
    if (ex.every((e) => e.response)) break
    if (last.includes('unreachable')) break
    if (o.stopOnRefused && last.includes('refused')) break
    if (silent) wait(ctx.cluster, o.timeoutMs)
  }
  return ex
}

/** One question, one socket. */
export function ask(ctx: Pick<CommandContext, 'cluster' | 'host' | 'trace'>, server: string, question: DnsQuestion, o: AskOptions): Exchange | undefined {
  return askAll(ctx, server, [question], o)?.[0]
}

/** How the exchange ended for the client: answered, or the last try's failure. */
export function endOf(e: Exchange): TryOutcome {
  if (e.response) return 'answer'
  return e.tries[e.tries.length - 1]?.outcome ?? 'timeout'
}
