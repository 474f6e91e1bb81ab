// The kubelet's view of one pod's containers (what containerd would report): start and restart times,
// exits, crash-loop back-off (10 s doubling to 5 min, the first restart immediate), readiness times.

import type { Container, Pod } from '../api/types.ts'
import type { App } from '../images/app.ts'
import type { RunPlan } from '../images/command.ts'

export interface Terminated { exitCode: number; reason: string; startedAt: number; finishedAt: number; containerID: string }

export interface ContainerRun {
  spec: Container
  app: App
  plan?: RunPlan
  containerID: string
  restartCount: number
  state: 'running' | 'waiting' | 'terminated'
  startedAt: number
  /** when the running process exits on its own */
  exitAt?: number
  /** when a waiting (back-off) container restarts */
  restartAt?: number
  /** the next back-off in seconds (0 = restart at once) */
  backoff: number
  /** the back-off being waited out, for the CrashLoopBackOff message */
  backoffShown?: number
  terminated?: Terminated
  last?: Terminated
  /** when readiness turns true (Infinity: probe never succeeds) */
  readyAt: number
  probeFailure?: string
  /** the process env of the container's runtime spec (kubelet variables fixed at creation) */
  env?: [string, string][]
  /** why the container could not be created (CreateContainerConfigError) */
  configError?: string
}

export interface PodRun {
  uid: string
  ip: string
  hostIP: string
  startTime: number
  containers: ContainerRun[]
  init: ContainerRun[]
  killing?: boolean
}

export const MAX_BACKOFF_S = 300

export function restartPolicy(pod: Pod): string {
  return pod.spec.restartPolicy ?? 'Always'
}

export function shouldRestart(pod: Pod, exitCode: number): boolean {
  const p = restartPolicy(pod)
  return p === 'Always' || (p === 'OnFailure' && exitCode !== 0)
}

/** The container's exit as containerd reports it. */
export function exitRecord(c: ContainerRun, at: number): Terminated {
  const code = c.plan?.exitCode ?? 0
  return { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: c.startedAt, finishedAt: at, containerID: c.containerID }
}

/** Next instant this container needs the kubelet (exit, restart, readiness), or undefined. */
export function nextWake(c: ContainerRun, now: number): number | undefined {
  const t = [c.exitAt, c.restartAt, c.state === 'running' && c.readyAt > now && c.readyAt !== Infinity ? c.readyAt : undefined]
    .filter((x): x is number => x !== undefined && x > now)
  return t.length ? Math.min(...t) : undefined
}
