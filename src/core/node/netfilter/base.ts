// The rules a node has before kube-proxy runs: kubelet's (v1.32: KUBE-IPTABLES-HINT, KUBE-KUBELET-CANARY,
// KUBE-FIREWALL with the localnet rule) and the CNI's (flannel's FLANNEL-POSTRTG masquerade and FLANNEL-FWD).

import { newNetfilter, type NetfilterImpl } from './netfilter.ts'

export interface NodeBaseOptions {
  /** the cluster's pod network (flannel's Network), e.g. `10.244.0.0/16` */
  clusterCIDR: string
  /** this node's pod subnet (flannel's lease), e.g. `10.244.1.0/24` */
  podCIDR: string
  /** the CNI writing rules; `none` leaves only kubelet's */
  cni?: 'flannel' | 'none'
  /** MASQUERADE --random-fully (iptables and kernel support it on current nodes) */
  randomFully?: boolean
}

/**
 * restore-format lines (noflush) that build the state in the order the components write it: kubelet first
 * (it prepends INPUT/OUTPUT -> KUBE-FIREWALL; its canary chains come from its iptables monitor), then
 * flannel (appends POSTROUTING -> FLANNEL-POSTRTG and FORWARD -> FLANNEL-FWD).
 */
export function nodeBaseRules(o: NodeBaseOptions): string[] {
  const lines = [
    '*mangle',
    ':KUBE-IPTABLES-HINT - [0:0]',
    ':KUBE-KUBELET-CANARY - [0:0]',
    'COMMIT',
    '*filter',
    ':KUBE-FIREWALL - [0:0]',
    ':KUBE-KUBELET-CANARY - [0:0]',
    '-I OUTPUT -j KUBE-FIREWALL',
    '-I INPUT -j KUBE-FIREWALL',
    '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" --dst 127.0.0.0/8 ! --src 127.0.0.0/8 ' +
      '-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
  ]
  const flannel = (o.cni ?? 'flannel') === 'flannel'
  if (flannel) {
    lines.push(
      ':FLANNEL-FWD - [0:0]',
      '-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD',
      `-A FLANNEL-FWD -s ${o.clusterCIDR} -m comment --comment "flanneld forward" -j ACCEPT`,
      `-A FLANNEL-FWD -d ${o.clusterCIDR} -m comment --comment "flanneld forward" -j ACCEPT`,
    )
  }
  lines.push('COMMIT', '*nat', ':KUBE-KUBELET-CANARY - [0:0]')
  if (flannel) {
    const masq = o.randomFully === false ? '-j MASQUERADE' : '-j MASQUERADE --random-fully'
    const c = '-m comment --comment "flanneld masq"'
    lines.push(
      ':FLANNEL-POSTRTG - [0:0]',
      `-A POSTROUTING ${c} -j FLANNEL-POSTRTG`,
      `-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 ${c} -j RETURN`,
      `-A FLANNEL-POSTRTG -s ${o.podCIDR} -d ${o.clusterCIDR} ${c} -j RETURN`,
      `-A FLANNEL-POSTRTG -s ${o.clusterCIDR} -d ${o.podCIDR} ${c} -j RETURN`,
      `-A FLANNEL-POSTRTG ! -s ${o.clusterCIDR} -d ${o.podCIDR} ${c} -j RETURN`,
      `-A FLANNEL-POSTRTG -s ${o.clusterCIDR} ! -d 224.0.0.0/4 ${c} ${masq}`,
      `-A FLANNEL-POSTRTG ! -s ${o.clusterCIDR} -d ${o.clusterCIDR} ${c} ${masq}`,
    )
  }
  lines.push('COMMIT')
  return lines
}

/** a node's netfilter as kubelet and the CNI leave it, before kube-proxy's first sync */
export function newNodeNetfilter(o: NodeBaseOptions): NetfilterImpl {
  const nf = newNetfilter()
  nf.restore(nodeBaseRules(o), { noflush: true })
  return nf
}

/** the netfilter of a pod (or outside host): built-in chains only, no table created yet */
export function newPodNetfilter(): NetfilterImpl {
  return newNetfilter()
}
