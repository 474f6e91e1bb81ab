// The seam between `kubectl logs` and the simulated containers: what a container has written so far.
// Wired to the core's podLogs (images/logs.ts) by default; tests may register another source.

import type { Cluster } from '../../core/cluster/types.ts'
import type { ContainerStatus, Pod } from '../../core/api/types.ts'
import { podLogs as corePodLogs } from '../../core/images/logs.ts'

export interface LogLine {
  /** virtual time the line was written (ms), for --timestamps / --since */
  at: number
  text: string
}

export type PodLogsSource = (cluster: Cluster, pod: Pod, container: string, opts: { previous: boolean }) => LogLine[]

/**
 * The core's container logs as lines. Each line carries the time its container (instance) started: the
 * images' start-up output is written then, and the core keeps no per-line times.
 */
export const coreLogsSource: PodLogsSource = (cluster, pod, container, opts) => {
  const text = corePodLogs(cluster, pod, container, opts.previous)
  if (!text) return []
  const status = (pod.status ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] }
  const st = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((c) => c.name === container)
  const started = (opts.previous || st?.state?.waiting ? st?.lastState?.terminated?.startedAt : st?.state?.running?.startedAt ?? st?.state?.terminated?.startedAt) as string | undefined
  const at = started ? Date.parse(started) : cluster.clock.now()
  return text.replace(/\n$/, '').split('\n').map((line) => ({ at, text: line }))
}

let source: PodLogsSource = coreLogsSource

export function setPodLogsSource(fn: PodLogsSource): void {
  source = fn
}

export function podLogs(cluster: Cluster, pod: Pod, container: string, opts: { previous: boolean }): LogLine[] {
  return source(cluster, pod, container, opts)
}
