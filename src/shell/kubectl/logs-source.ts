// The seam between `kubectl logs` and the simulated containers: what a container has written so far.
// The kubelet/images work registers the real source with setPodLogsSource; until then containers are silent.

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod } from '../../core/api/types.ts'

export interface LogLine {
  /** virtual time the line was written (ms), for --timestamps / --since */
  at: number
  text: string
}

export type PodLogsSource = (cluster: Cluster, pod: Pod, container: string, opts: { previous: boolean }) => LogLine[]

let source: PodLogsSource = () => []

export function setPodLogsSource(fn: PodLogsSource): void {
  source = fn
}

export function podLogs(cluster: Cluster, pod: Pod, container: string, opts: { previous: boolean }): LogLine[] {
  return source(cluster, pod, container, opts)
}
