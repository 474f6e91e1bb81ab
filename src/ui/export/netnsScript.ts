// The page's "Run on Linux" download: the script `kubelab export netns` writes, built from the page's cluster.
// The builder lives in src/cli/export (no Node APIs; see src/ui/README.md); this is the page's only import of it.

import type { Cluster } from '../../core/cluster/types.ts'
import { buildPlan, exportNetns } from '../../cli/export/netns.ts'

export const NETNS_FILENAME = 'kubelab-netns.sh'

/** what the panel says about the script: counted from the same plan the script is rendered from */
export interface NetnsSummary {
  profile: string
  proxyMode: string
  nodes: number
  /** pods with a namespace of their own (hostNetwork pods share their node's), outside kube-system */
  pods: number
  /** the same in kube-system (CoreDNS): the cluster view hides them unless asked */
  systemPods: number
  /** the learner's Services (not kube-system's, not `kubernetes`): the ones the script suggests to curl */
  services: number
}

export interface NetnsScript {
  filename: string
  text: string
  summary: NetnsSummary
}

/** the script for the cluster as it is now (settled first, as `kubelab export netns` does) */
export function netnsScript(cluster: Cluster): NetnsScript {
  const text = exportNetns(cluster)
  const plan = buildPlan(cluster)
  const count = (kind: string) => plan.namespaces.filter((n) => n.kind === kind).length
  const systemPods = plan.namespaces.filter((n) => n.kind === 'pod' && n.lab.startsWith('kube-system/')).length
  return {
    filename: NETNS_FILENAME,
    text,
    summary: { profile: plan.profile, proxyMode: plan.proxyMode, nodes: count('node'), pods: count('pod') - systemPods, systemPods,
      services: plan.services.length },
  }
}
