// The iptables-restore input ipvs mode writes each sync (createAndLinkKubeChain's chain lines, then
// writeIptablesRules): nat chains + rules, filter chains + rules, restored with --noflush. Rules are argument
// arrays exactly as kube-proxy builds them (the mark as `%#08x`: 0x004000); iptables-save canonicalises them.

import {
  CLUSTER_IP, EXTERNAL_IP, EXTERNAL_IP_LOCAL, HEALTH_CHECK_NODE_PORT, IPSET_COMMENT, IPSET_WITH_CHAIN, IPTABLES_CHAINS,
  IPVS_IPS, KUBE_FORWARD, KUBE_IPVS_FILTER, KUBE_IPVS_OUT_FILTER, KUBE_LOAD_BALANCER, KUBE_MARK_MASQ, KUBE_NODE_PORT,
  KUBE_POSTROUTING, KUBE_SERVICES, KUBE_SOURCE_RANGES_FIREWALL, LOAD_BALANCER,
} from './constants.ts'
import type { ActiveSets } from './ipset.ts'

export type RestoreLine = string | string[]

export interface RulesInput {
  sets: ActiveSets
  masqueradeAll: boolean
  masqueradeBit: number
  /** the local-traffic detector's CIDR (`! -s <clusterCIDR>`); '' = not implemented */
  clusterCIDR: string
  /** `--random-fully` on the MASQUERADE rule (iptables >= 1.6.2, as on kind/kubeadm nodes) */
  randomFully: boolean
  /** lbNoNodeAccessIPPortProtocolEntries: LB ip/proto/port whose source ranges exclude the node */
  lbNoNodeAccess: { ip: string; protocol: string; port: number }[]
}

/** fmt.Sprintf("%#08x", 1<<bit): `0x004000` for bit 14 */
export function masqueradeMark(bit: number): string {
  return '0x' + (2 ** bit).toString(16).padStart(6, '0')
}

const nonEmpty = (sets: ActiveSets, name: string) => (sets.get(name)?.size ?? 0) > 0

export function buildRestoreLines(input: RulesInput): RestoreLine[] {
  const { sets } = input
  const mark = masqueradeMark(input.masqueradeBit)
  const natChains: RestoreLine[] = ['*nat']
  const filterChains: RestoreLine[] = ['*filter']
  for (const c of IPTABLES_CHAINS) (c.table === 'nat' ? natChains : filterChains).push(`:${c.chain} - [0:0]`)
  const nat: RestoreLine[] = []
  const filter: RestoreLine[] = []

  // Dismiss connects to localhost early in the service chain
  nat.push(['-A', KUBE_SERVICES, '-s', '127.0.0.0/8', '-j', 'RETURN'])

  for (const s of IPSET_WITH_CHAIN) {
    if (!nonEmpty(sets, s.set)) continue
    const args = ['-A', s.from]
    if (s.proto) args.push('-p', s.proto)
    args.push('-m', 'comment', '--comment', IPSET_COMMENT.get(s.set)!, '-m', 'set', '--match-set', s.set, s.match, '-j', s.to)
    ;(s.table === 'filter' ? filter : nat).push(args)
  }

  if (nonEmpty(sets, CLUSTER_IP)) {
    const args = ['-A', KUBE_SERVICES, '-m', 'comment', '--comment', IPSET_COMMENT.get(CLUSTER_IP)!, '-m', 'set', '--match-set', CLUSTER_IP]
    if (input.masqueradeAll) nat.push([...args, 'dst,dst', '-j', KUBE_MARK_MASQ])
    else if (input.clusterCIDR) nat.push([...args, 'dst,dst', '!', '-s', input.clusterCIDR, '-j', KUBE_MARK_MASQ])
    else nat.push([...args, 'src,dst', '-j', KUBE_MARK_MASQ])
  }

  // externalIPRules: accept traffic from off-machine (not from a bridge, not local) and traffic to local IPs
  const externalIPRules = (args: string[]) => {
    nat.push([...args, '-m', 'physdev', '!', '--physdev-is-in', '-m', 'addrtype', '!', '--src-type', 'LOCAL', '-j', 'ACCEPT'])
    nat.push([...args, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'ACCEPT'])
  }
  if (nonEmpty(sets, EXTERNAL_IP)) {
    const args = ['-A', KUBE_SERVICES, '-m', 'comment', '--comment', IPSET_COMMENT.get(EXTERNAL_IP)!, '-m', 'set', '--match-set', EXTERNAL_IP, 'dst,dst']
    nat.push([...args, '-j', KUBE_MARK_MASQ])
    externalIPRules(args)
  }
  if (nonEmpty(sets, EXTERNAL_IP_LOCAL)) {
    externalIPRules(['-A', KUBE_SERVICES, '-m', 'comment', '--comment', IPSET_COMMENT.get(EXTERNAL_IP_LOCAL)!, '-m', 'set', '--match-set', EXTERNAL_IP_LOCAL, 'dst,dst'])
  }

  nat.push(['-A', KUBE_SERVICES, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', KUBE_NODE_PORT])
  nat.push(['-A', KUBE_LOAD_BALANCER, '-j', KUBE_MARK_MASQ])
  filter.push(['-A', KUBE_SOURCE_RANGES_FIREWALL, '-j', 'DROP'])
  for (const e of input.lbNoNodeAccess) {
    filter.push(['-A', KUBE_IPVS_OUT_FILTER, '-s', e.ip, '-m', 'ipvs', '--vaddr', e.ip, '--vproto', e.protocol, '--vport', String(e.port), '-j', 'DROP'])
  }
  // acceptIPVSTraffic: must be at the end of KUBE-SERVICES
  for (const set of [CLUSTER_IP, LOAD_BALANCER]) {
    if (nonEmpty(sets, set)) nat.push(['-A', KUBE_SERVICES, '-m', 'set', '--match-set', set, 'dst,dst', '-j', 'ACCEPT'])
  }

  filter.push(['-A', KUBE_FORWARD, '-m', 'comment', '--comment', 'kubernetes forwarding rules', '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT'])
  filter.push(['-A', KUBE_FORWARD, '-m', 'comment', '--comment', 'kubernetes forwarding conntrack rule', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'])
  filter.push(['-A', KUBE_NODE_PORT, '-m', 'comment', '--comment', IPSET_COMMENT.get(HEALTH_CHECK_NODE_PORT)!, '-m', 'set', '--match-set', HEALTH_CHECK_NODE_PORT, 'dst', '-j', 'ACCEPT'])
  // KUBE-IPVS-FILTER: no access to host ports through VIP addresses (#72236)
  for (const set of [LOAD_BALANCER, CLUSTER_IP, EXTERNAL_IP, EXTERNAL_IP_LOCAL]) {
    filter.push(['-A', KUBE_IPVS_FILTER, '-m', 'set', '--match-set', set, 'dst,dst', '-j', 'RETURN'])
  }
  filter.push(['-A', KUBE_IPVS_FILTER, '-m', 'set', '--match-set', HEALTH_CHECK_NODE_PORT, 'dst', '-j', 'RETURN'])
  filter.push(['-A', KUBE_IPVS_FILTER, '-m', 'conntrack', '--ctstate', 'NEW', '-m', 'set', '--match-set', IPVS_IPS, 'dst', '-j', 'REJECT'])

  nat.push(['-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN'])
  nat.push(['-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', mark])
  const masq = ['-A', KUBE_POSTROUTING, '-m', 'comment', '--comment', 'kubernetes service traffic requiring SNAT', '-j', 'MASQUERADE']
  if (input.randomFully) masq.push('--random-fully')
  nat.push(masq)
  nat.push(['-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', mark])

  filter.push('COMMIT')
  nat.push('COMMIT')
  return [...natChains, ...nat, ...filterChains, ...filter]
}

/** the restore input as text, as proxier.iptablesData holds it (arguments with spaces quoted) */
export function restoreText(lines: readonly (string | readonly string[])[]): string {
  return lines.map((l) => (typeof l === 'string' ? l : l.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' '))).join('\n') + '\n'
}
