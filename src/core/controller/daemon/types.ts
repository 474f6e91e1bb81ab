// The DaemonSet shape the daemonset-controller and its printers read (apps/v1 DaemonSet).

import type { KubeObject, LabelSelector, PodTemplateSpec } from '../../api/types.ts'

export interface DaemonSetStatus {
  currentNumberScheduled: number
  desiredNumberScheduled: number
  numberMisscheduled: number
  numberReady: number
  observedGeneration?: number
  updatedNumberScheduled?: number
  numberAvailable?: number
  numberUnavailable?: number
}

export interface DaemonSetLike extends KubeObject {
  spec: {
    selector: LabelSelector
    template: PodTemplateSpec
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } }
    minReadySeconds?: number
    revisionHistoryLimit?: number
  }
  status?: DaemonSetStatus
}
