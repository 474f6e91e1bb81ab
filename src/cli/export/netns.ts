// exportNetns(cluster): the settled lab cluster's network as a bash script that rebuilds it in Linux network
// namespaces (see script.ts). No Node APIs: the page can call it to offer the script as a download.

import type { Cluster } from '../../core/cluster/types.ts'
import { buildPlan } from './model.ts'
import { renderScript } from './script.ts'

export { buildPlan, podId, type NetPlan, type PlanNetns } from './model.ts'

/** the script text (`bash lab.sh` builds the namespaces, `bash lab.sh --down` removes them) */
export function exportNetns(cluster: Cluster): string {
  cluster.settle()
  return renderScript(buildPlan(cluster))
}
