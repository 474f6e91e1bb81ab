// Per-cluster machinery behind the Cluster contract (controller manager, kubelet, log buffers), reachable
// from helpers such as podLogs without widening the contract.

import type { ControllerManager } from '../controller/manager.ts'
import type { Kubelet } from '../kubelet/kubelet.ts'
import type { EventRecorder } from '../events/recorder.ts'
import type { Cluster } from './types.ts'

export interface ClusterRuntime {
  manager: ControllerManager
  kubelet: Kubelet
  recorder: EventRecorder
  /** extra log lines per containerID (access logs appended by traffic) */
  logs: Map<string, string[]>
}

const runtimes = new WeakMap<Cluster, ClusterRuntime>()

export function attachRuntime(c: Cluster, r: ClusterRuntime): void {
  runtimes.set(c, r)
}

export function runtimeOf(c: Cluster): ClusterRuntime | undefined {
  return runtimes.get(c)
}
