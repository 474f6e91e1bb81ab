// Hop records and their one-line explanations: which matched netfilter rules become hops (every nat rule
// with a target; in other tables verdicts, NAT and marks), the sentence for each, and drop reasons.

import type { Chain, Netns } from '../core/node/types.ts'
import type { DropReason, Hop, HopKind, HopWhere, Packet } from './types.ts'
import type { NfMatch } from './netfilter/walk.ts'
import { ruleComment, ruleText } from '../core/node/netfilter/text.ts'

export function whereOf(ns: Netns, iface?: string): HopWhere {
  return { host: ns.name, kind: ns.kind, ...(iface ? { iface } : {}) }
}

export const ep = (ip: string, port: number) => (port ? `${ip}:${port}` : ip)
export const hex = (n: number) => `0x${n.toString(16)}`

/** is this matched rule worth a hop? */
export function hopWorthy(m: NfMatch): boolean {
  if (m.action === 'policy' || m.action === 'other') return false
  if (m.table === 'nat') return true
  return m.action === 'accept' || m.action === 'drop' || m.action === 'reject' || m.action === 'nat' || m.action === 'mark'
}

/** "picked endpoint 2 of 3 (statistic random 0.5)" for a KUBE-SVC/KUBE-SVL jump to a KUBE-SEP chain */
function endpointPick(m: NfMatch, chain: Chain | undefined): string | undefined {
  const target = m.rule?.spec.target?.name
  if (!chain || !target?.startsWith('KUBE-SEP-')) return undefined
  const seps = [...new Set(chain.rules.map((r) => r.spec.target?.name).filter((t): t is string => !!t && t.startsWith('KUBE-SEP-')))]
  const i = seps.indexOf(target) + 1
  const n = seps.length
  const mods = m.rule!.spec.matches
  const recent = mods.find((x) => x.module === 'recent')
  if (recent && recent.options.some((o) => o.name === 'rcheck')) {
    const secs = recent.options.find((o) => o.name === 'seconds')?.value
    return `${m.chain} sent this client back to endpoint ${i} of ${n} (recent: seen within ${secs ?? '?'} s, sessionAffinity ClientIP)`
  }
  const stat = mods.find((x) => x.module === 'statistic')
  const p = stat?.options.find((o) => o.name === 'probability')?.value
  if (p !== undefined) return `${m.chain} picked endpoint ${i} of ${n} (statistic random ${Number(Number(p).toPrecision(4))})`
  return n > 1 ? `${m.chain} picked endpoint ${i} of ${n} (the last rule: the earlier random draws failed)` : `${m.chain} picked its only endpoint (${i} of ${n})`
}

export function nfText(m: NfMatch, ns: Netns, outIf?: string): string {
  const comment = m.rule ? ruleComment(m.rule.spec) : undefined
  const note = comment ? ` ("${comment}")` : ''
  const target = m.rule?.spec.target
  switch (m.action) {
    case 'jump': case 'goto': {
      const pick = endpointPick(m, ns.netfilter.tables.get(m.table)?.chains.get(m.chain))
      return pick ?? `${m.table} ${m.chain} ${m.action === 'goto' ? 'goes' : 'jumps'} to ${target?.name}${note}`
    }
    case 'return': return `${m.table} ${m.chain} returns to the calling chain${note}`
    case 'accept': return `${m.table} ${m.chain} accepts the packet${note}`
    case 'drop': return `${m.table} ${m.chain} drops the packet${note}`
    case 'reject': return `${m.table} ${m.chain} rejects the packet${note}: ICMP port unreachable goes back`
    case 'policy': return `${m.table} ${m.chain} policy ${'DROP'}: the packet is dropped`
    case 'mark': return `${m.chain}: mark ${hex(m.before.mark)} -> ${hex(m.after.mark)}${m.chain === 'KUBE-MARK-MASQ' ? ' (to be masqueraded on the way out)' : ''}`
    case 'nat': {
      const b = m.before, a = m.after
      switch (target?.name) {
        case 'DNAT': return `DNAT ${ep(b.dst, b.dport)} -> ${ep(a.dst, a.dport)}${note}`
        case 'REDIRECT': return `REDIRECT ${ep(b.dst, b.dport)} -> ${ep(a.dst, a.dport)} (a socket of ${ns.name})`
        case 'SNAT': return `SNAT ${ep(b.src, b.sport)} -> ${ep(a.src, a.sport)}${note}`
        default: return `MASQUERADE ${ep(b.src, b.sport)} -> ${ep(a.src, a.sport)} (the address of ${outIf ?? 'the out interface'})${note}`
      }
    }
    default: return `${m.table} ${m.chain}: ${target?.name ?? ''}`
  }
}

export interface HopCounters { rules: number; ipvs: number }

export function makeHop(kind: HopKind, where: HopWhere, before: Packet, after: Packet, c: HopCounters, text: string, extra: Partial<Hop> = {}): Hop {
  return { kind, where, ...extra, before: { ...before }, after: { ...after }, rulesEvaluated: c.rules, ipvsLookups: c.ipvs, text }
}

export function nfHop(m: NfMatch, ns: Netns, iface: string | undefined, c: HopCounters, outIf?: string): Hop {
  const extra: Partial<Hop> = { table: m.table, chain: m.chain }
  if (m.rule) {
    extra.rule = ruleText(m.chain, m.rule)
    const cm = ruleComment(m.rule.spec)
    if (cm !== undefined) extra.comment = cm
  }
  return makeHop('netfilter', whereOf(ns, iface), m.before, m.after, c, nfText(m, ns, outIf), extra)
}

/** why a DROP (rule or policy) dropped the packet */
export function dropReason(m: NfMatch | undefined): DropReason {
  const comment = m?.rule ? ruleComment(m.rule.spec) ?? '' : ''
  if (comment.includes('has no local endpoints')) return 'no-local-endpoints'
  if (m?.chain === 'KUBE-PROXY-FIREWALL' || m?.chain === 'KUBE-SOURCE-RANGES-FIREWALL' || comment.includes('will be dropped by KUBE-PROXY-FIREWALL') || comment.includes('traffic not accepted by')) return 'firewall'
  if (comment.includes('has no endpoints')) return 'no-endpoints'
  return 'policy'
}
