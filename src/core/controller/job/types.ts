// The Job shape the job-controller and its printers read (batch/v1 Job).

import type { KubeObject, LabelSelector, PodTemplateSpec } from '../../api/types.ts'

export interface JobCondition {
  type: 'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet' | string
  status: 'True' | 'False' | 'Unknown'
  lastProbeTime?: string
  lastTransitionTime?: string
  reason?: string
  message?: string
}

export interface JobStatus {
  active?: number
  ready?: number
  succeeded?: number
  failed?: number
  terminating?: number
  startTime?: string
  completionTime?: string
  conditions?: JobCondition[]
  uncountedTerminatedPods?: Record<string, unknown>
}

export interface Job extends KubeObject {
  spec: {
    parallelism?: number
    completions?: number
    backoffLimit?: number
    activeDeadlineSeconds?: number
    ttlSecondsAfterFinished?: number
    completionMode?: string
    suspend?: boolean
    manualSelector?: boolean
    selector?: LabelSelector
    template: PodTemplateSpec
  }
  status?: JobStatus
}

export function jobCondition(job: Job, type: string): boolean {
  return job.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false
}

export function isJobFinished(job: Job): boolean {
  return jobCondition(job, 'Complete') || jobCondition(job, 'Failed')
}
