// The iptables back end: syncs a node's kernel model through iptables-restore --noflush, first making sure
// of kube-proxy's jump rules in the built-in chains and the KUBE-PROXY-CANARY chains; cleanup() is
// CleanupLeftovers (`kube-proxy --cleanup`).

import type { Netns, Netfilter, TableName } from '../../node/types.ts'
import type { KubeProxyConfig, ProxyBackend, ProxyState } from '../types.ts'
import { IptablesProxier, DEFAULT_FEATURES, type IptablesFeatures, type RestoreData } from './proxier.ts'
import { restoreLines, chainLine } from './restore.ts'
import type { Args } from './rules.ts'
import type { SharedPortRules } from './shared.ts'
import {
  KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_CANARY,
  KUBE_PROXY_FIREWALL, KUBE_SERVICES, isServiceChainName,
} from './chains.ts'

interface Jump { table: TableName; dst: string; src: string; comment: string; extra: string[] }

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW']
/** iptablesJumpChains, then iptablesKubeletJumpChains, in upstream order */
export const JUMPS: Jump[] = [
  { table: 'filter', dst: KUBE_EXTERNAL_SERVICES, src: 'INPUT', comment: 'kubernetes externally-visible service portals', extra: NEW },
  { table: 'filter', dst: KUBE_EXTERNAL_SERVICES, src: 'FORWARD', comment: 'kubernetes externally-visible service portals', extra: NEW },
  { table: 'filter', dst: KUBE_NODEPORTS, src: 'INPUT', comment: 'kubernetes health check service ports', extra: [] },
  { table: 'filter', dst: KUBE_SERVICES, src: 'FORWARD', comment: 'kubernetes service portals', extra: NEW },
  { table: 'filter', dst: KUBE_SERVICES, src: 'OUTPUT', comment: 'kubernetes service portals', extra: NEW },
  { table: 'filter', dst: KUBE_FORWARD, src: 'FORWARD', comment: 'kubernetes forwarding rules', extra: [] },
  { table: 'filter', dst: KUBE_PROXY_FIREWALL, src: 'INPUT', comment: 'kubernetes load balancer firewall', extra: NEW },
  { table: 'filter', dst: KUBE_PROXY_FIREWALL, src: 'OUTPUT', comment: 'kubernetes load balancer firewall', extra: NEW },
  { table: 'filter', dst: KUBE_PROXY_FIREWALL, src: 'FORWARD', comment: 'kubernetes load balancer firewall', extra: NEW },
  { table: 'nat', dst: KUBE_SERVICES, src: 'OUTPUT', comment: 'kubernetes service portals', extra: [] },
  { table: 'nat', dst: KUBE_SERVICES, src: 'PREROUTING', comment: 'kubernetes service portals', extra: [] },
  { table: 'nat', dst: KUBE_POSTROUTING, src: 'POSTROUTING', comment: 'kubernetes postrouting rules', extra: [] },
]
const KUBELET_JUMPS: Jump[] = [
  { table: 'filter', dst: KUBE_FIREWALL, src: 'INPUT', comment: '', extra: [] },
  { table: 'filter', dst: KUBE_FIREWALL, src: 'OUTPUT', comment: '', extra: [] },
]

function jumpArgs(j: Jump): string[] {
  return [...j.extra, ...(j.comment ? ['-m', 'comment', '--comment', j.comment] : []), '-j', j.dst]
}

const optName = (n: string) => n.replace(/^--/, '')

/** Does `src` already hold a rule jumping to `dst` with this comment (EnsureRule's check)? */
function hasJump(nf: Netfilter, j: Jump): boolean {
  const chain = nf.table(j.table).chains.get(j.src)
  if (!chain) return false
  return chain.rules.some((r) => {
    if (r.spec.target?.name !== j.dst) return false
    const c = r.spec.matches.find((m) => m.module === 'comment')?.options.find((o) => optName(o.name) === 'comment')?.value ?? ''
    return c.replace(/^"|"$/g, '') === j.comment
  })
}

/** EnsureChain + EnsureRule(Prepend) for every jump; EnsureChain for the canaries (ipt.Monitor). */
export function ensureJumps(nf: Netfilter): void {
  const byTable = new Map<TableName, (string | Args)[]>()
  const add = (t: TableName, l: string | Args) => { const a = byTable.get(t) ?? []; a.push(l); byTable.set(t, a) }
  for (const t of ['mangle', 'nat', 'filter'] as TableName[]) {
    if (!nf.table(t).chains.has(KUBE_PROXY_CANARY)) add(t, chainLine(KUBE_PROXY_CANARY))
  }
  const created = new Set<string>()
  for (const j of [...JUMPS, ...KUBELET_JUMPS]) {
    const key = `${j.table}/${j.dst}`
    if (!nf.table(j.table).chains.has(j.dst) && !created.has(key)) { add(j.table, chainLine(j.dst)); created.add(key) }
    if (!hasJump(nf, j)) add(j.table, ['-I', j.src, '1', ...jumpArgs(j)])
  }
  if (!byTable.size) return
  const lines: (string | Args)[] = []
  for (const [t, ls] of byTable) lines.push(`*${t}`, ...ls, 'COMMIT')
  nf.restore(lines, { noflush: true })
}

export interface IptablesBackend extends ProxyBackend {
  readonly proxier: IptablesProxier
  /** the last sync's restore input (for toRestoreText and the CLI) */
  last?: RestoreData
  /** the process ended (replaced by a restart): give back the rules it shares with other nodes */
  dispose(): void
}

/** `shared`: the cluster's SharedPortRules, so that every node's proxier reuses identical rule arrays */
export function newIptablesBackend(features: IptablesFeatures = DEFAULT_FEATURES, shared?: SharedPortRules): IptablesBackend {
  const proxier = new IptablesProxier(features, shared)
  const backend: IptablesBackend = {
    mode: 'iptables',
    proxier,
    sync(state: ProxyState, netns: Netns, config: KubeProxyConfig): void {
      const nf = netns.netfilter
      const full = state.changedServices === undefined
      if (full) ensureJumps(nf)
      const data = proxier.sync(state, config, full ? nf.table('nat').chains.keys() : undefined)
      backend.last = data
      nf.restore(restoreLines(data), { noflush: true, counters: true })
    },
    cleanup(netns: Netns): void {
      cleanupLeftovers(netns.netfilter)
      proxier.reset()
    },
    dispose(): void {
      proxier.reset()
    },
  }
  return backend
}

/** iptables.CleanupLeftovers: unlink the jumps, flush and delete kube-proxy's nat and filter chains. */
export function cleanupLeftovers(nf: Netfilter): void {
  const lines: (string | Args)[] = []
  const dels = new Map<TableName, Args[]>()
  for (const j of JUMPS) {
    if (!hasJump(nf, j)) continue
    const a = dels.get(j.table) ?? []
    a.push(['-D', j.src, ...jumpArgs(j)])
    dels.set(j.table, a)
  }
  const nat = nf.table('nat').chains
  const natChains = [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING].filter((c) => nat.has(c))
  for (const c of nat.keys()) if (isServiceChainName(c)) natChains.push(c)
  lines.push('*nat', ...(dels.get('nat') ?? []), ...natChains.map(chainLine), ...natChains.map((c): Args => ['-X', c]), 'COMMIT')
  const filter = nf.table('filter').chains
  const filterChains = [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS].filter((c) => filter.has(c))
  lines.push('*filter', ...(dels.get('filter') ?? []), ...filterChains.map(chainLine), ...filterChains.map((c): Args => ['-X', c]), 'COMMIT')
  nf.restore(lines, { noflush: true })
}
