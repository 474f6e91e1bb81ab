// The netfilter state each new namespace starts with: nodes get the rules kubelet and flannel install before
// kube-proxy runs (the NETFILTER engineer's newNodeNetfilter); pods and outside hosts start with empty tables.

import type { NetfilterFactory } from '../netns.ts'
import { newNodeNetfilter, newPodNetfilter } from '../netfilter/index.ts'

/** the factory for a cluster whose pod network (flannel's Network) is `clusterCIDR` */
export function flannelNetfilterFactory(clusterCIDR: string): NetfilterFactory {
  return (ns) => ns.kind === 'node' && ns.podCIDR
    ? newNodeNetfilter({ clusterCIDR, podCIDR: ns.podCIDR, cni: 'flannel', randomFully: true })
    : newPodNetfilter()
}
