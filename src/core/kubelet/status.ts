// Builds a pod's status (phase, conditions, container statuses) from the kubelet's runtime record,
// keeping each condition's lastTransitionTime while its status does not change.

import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.ts'
import { rfc3339 } from '../util/clock.ts'
import { restartPolicy, type ContainerRun, type PodRun, type Terminated } from './runtime.ts'

function term(t: Terminated): Record<string, unknown> {
  return { containerID: t.containerID, exitCode: t.exitCode, finishedAt: rfc3339(t.finishedAt), reason: t.reason, startedAt: rfc3339(t.startedAt) }
}

function containerStatus(pod: Pod, c: ContainerRun, now: number): ContainerStatus {
  let state: Record<string, Record<string, unknown>>
  if (c.configError && c.state === 'waiting') return configErrorStatus(c)
  if (c.state === 'running') state = { running: { startedAt: rfc3339(c.startedAt) } }
  else if (c.state === 'terminated' && c.terminated) state = { terminated: term(c.terminated) }
  else {
    state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${formatBackoff(c.backoffShown)} restarting failed container=${c.spec.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      },
    }
  }
  const ready = c.state === 'running' && c.readyAt <= now
  return {
    containerID: c.state === 'waiting' && c.last ? c.last.containerID : c.containerID,
    image: c.app.image.canonical,
    imageID: c.app.image.imageID,
    lastState: c.last ? { terminated: term(c.last) } : {},
    name: c.spec.name,
    ready,
    restartCount: c.restartCount,
    started: c.state === 'running',
    state,
  }
}

/** A container the kubelet could not create: the spec's image, no image ID, CreateContainerConfigError. */
function configErrorStatus(c: ContainerRun): ContainerStatus {
  const st: ContainerStatus = {
    image: c.spec.image ?? '', imageID: '', lastState: c.last ? { terminated: term(c.last) } : {}, name: c.spec.name, ready: false,
    restartCount: c.restartCount, started: false, state: { waiting: { message: c.configError, reason: 'CreateContainerConfigError' } },
  }
  if (c.last) st.containerID = c.last.containerID
  return st
}

/** The status while volumes fail to mount: no sandbox yet (no pod IP), every container ContainerCreating. */
export function creatingStatus(pod: Pod, hostIP: string, now: number): PodStatus {
  const nowS = rfc3339(now)
  const prev = pod.status?.conditions
  const names = pod.spec.containers.map((c) => c.name)
  const msg = `containers with unready status: [${names.join(' ')}]`
  const conditions: PodCondition[] = [
    cond(prev, 'PodReadyToStartContainers', 'False', nowS), cond(prev, 'Initialized', 'True', nowS),
    cond(prev, 'Ready', 'False', nowS, 'ContainersNotReady', msg), cond(prev, 'ContainersReady', 'False', nowS, 'ContainersNotReady', msg),
    prev?.find((c) => c.type === 'PodScheduled') ?? cond(prev, 'PodScheduled', 'True', nowS),
  ]
  const containerStatuses: ContainerStatus[] = pod.spec.containers.map((c) => ({
    image: c.image ?? '', imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false,
    state: { waiting: { reason: 'ContainerCreating' } },
  }))
  return {
    conditions, containerStatuses, hostIP, hostIPs: [{ ip: hostIP }], phase: 'Pending', qosClass: qosClass(pod),
    startTime: pod.status?.startTime ?? nowS,
  }
}

function formatBackoff(s: number | undefined): string {
  const v = s ?? 10
  if (v < 60) return `${v}s`
  const m = Math.floor(v / 60), r = v % 60
  return r ? `${m}m${r}s` : `${m}m0s`
}

function cond(prev: PodCondition[] | undefined, type: string, status: 'True' | 'False', now: string, reason?: string, message?: string): PodCondition {
  const old = prev?.find((c) => c.type === type)
  const c: PodCondition = {
    lastProbeTime: null, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, status, type,
  }
  if (reason) c.reason = reason
  if (message) c.message = message
  return c
}

function qosClass(pod: Pod): string {
  const cs = pod.spec.containers
  const res = cs.map((c) => (c.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> })
  if (res.every((r) => !r.limits && !r.requests)) return 'BestEffort'
  const guaranteed = res.every((r) => r.limits?.cpu && r.limits?.memory &&
    (!r.requests || ((r.requests.cpu ?? r.limits.cpu) === r.limits.cpu && (r.requests.memory ?? r.limits.memory) === r.limits.memory)))
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

export function buildStatus(pod: Pod, run: PodRun, now: number): PodStatus {
  const nowS = rfc3339(now)
  const prev = pod.status?.conditions
  const statuses = run.containers.map((c) => containerStatus(pod, c, now))
  const allTerminated = run.containers.every((c) => c.state === 'terminated')
  let phase: PodStatus['phase'] = 'Running'
  if (allTerminated) phase = run.containers.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed'
  else if (run.containers.some((c) => c.configError && c.state === 'waiting' && !c.last)) phase = 'Pending'
  else if (restartPolicy(pod) !== 'Always' && run.containers.every((c) => c.state !== 'running' && c.state !== 'waiting')) phase = 'Failed'
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name)
  const scheduled = prev?.find((c) => c.type === 'PodScheduled')
  const conditions: PodCondition[] = [cond(prev, 'PodReadyToStartContainers', allTerminated ? 'False' : 'True', nowS)]
  conditions.push(cond(prev, 'Initialized', 'True', nowS))
  if (phase === 'Succeeded' || phase === 'Failed') {
    const reason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed'
    conditions.push(cond(prev, 'Ready', 'False', nowS, reason), cond(prev, 'ContainersReady', 'False', nowS, reason))
  } else if (unready.length) {
    const msg = `containers with unready status: [${unready.join(' ')}]`
    conditions.push(cond(prev, 'Ready', 'False', nowS, 'ContainersNotReady', msg), cond(prev, 'ContainersReady', 'False', nowS, 'ContainersNotReady', msg))
  } else {
    conditions.push(cond(prev, 'Ready', 'True', nowS), cond(prev, 'ContainersReady', 'True', nowS))
  }
  conditions.push(scheduled ?? cond(prev, 'PodScheduled', 'True', nowS))
  const st: PodStatus = {
    conditions, containerStatuses: statuses, hostIP: run.hostIP, hostIPs: [{ ip: run.hostIP }], phase,
    podIP: run.ip, podIPs: [{ ip: run.ip }], qosClass: qosClass(pod), startTime: rfc3339(run.startTime),
  }
  if (run.init.length) (st as Record<string, unknown>).initContainerStatuses = run.init.map((c) => containerStatus(pod, c, now))
  return st
}
