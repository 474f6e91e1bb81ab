// `kubectl get pods` columns and the STATUS/READY/RESTARTS logic of k/k printers.go printPod.

import type { ContainerStatus, Pod } from '../../../../core/api/types.ts'
import { humanDuration, translateTimestampSince } from '../../age.ts'
import type { RowContext, TableDef } from './types.ts'

const ts = (s: unknown): number => (typeof s === 'string' ? Date.parse(s) : NaN)

export interface PodSummary {
  ready: string
  status: string
  restarts: string
}

/** READY, STATUS and RESTARTS as printPod computes them. */
export function podSummary(pod: Pod, now: number): PodSummary {
  const spec = pod.spec
  const st = pod.status ?? {}
  let restarts = 0
  let lastRestart = NaN
  const noteRestart = (c: ContainerStatus): void => {
    restarts += c.restartCount ?? 0
    const fin = ts(c.lastState?.terminated?.finishedAt)
    if (!Number.isNaN(fin) && (Number.isNaN(lastRestart) || fin > lastRestart)) lastRestart = fin
  }
  const total = spec.containers.length
  let ready = 0
  let reason: string = st.phase ?? ''
  if (st.reason) reason = st.reason
  const statuses = st as { initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[] }
  const inits = statuses.initContainerStatuses ?? []
  const nInit = spec.initContainers?.length ?? 0
  let initializing = false
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]
    noteRestart(c)
    const term = c.state?.terminated as { exitCode?: number; signal?: number; reason?: string } | undefined
    const wait = c.state?.waiting as { reason?: string } | undefined
    if (term && term.exitCode === 0) continue
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`
      else reason = `Init:${term.reason}`
    } else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`
    else reason = `Init:${i}/${nInit}`
    initializing = true
    break
  }
  const initializedTrue = st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false
  if (!initializing || initializedTrue) {
    restarts = 0
    lastRestart = NaN
    let hasRunning = false
    const cs = statuses.containerStatuses ?? []
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]
      noteRestart(c)
      const wait = c.state?.waiting as { reason?: string } | undefined
      const term = c.state?.terminated as { exitCode?: number; signal?: number; reason?: string } | undefined
      if (wait?.reason) reason = wait.reason
      else if (term?.reason) reason = term.reason
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`
      else if (c.ready && c.state?.running) {
        hasRunning = true
        ready++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady'
    }
  }
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown'
  else if (pod.metadata.deletionTimestamp) reason = 'Terminating'
  let restartsText = String(restarts)
  if (restarts !== 0 && !Number.isNaN(lastRestart)) {
    restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText }
}

export const podTable: TableDef = {
  columns: [
    { name: 'Name' }, { name: 'Ready' }, { name: 'Status' }, { name: 'Restarts' }, { name: 'Age' },
    { name: 'IP', wide: true }, { name: 'Node', wide: true }, { name: 'Nominated Node', wide: true }, { name: 'Readiness Gates', wide: true },
  ],
  row(obj, ctx: RowContext) {
    const pod = obj as Pod
    const s = podSummary(pod, ctx.now)
    const st = pod.status ?? {}
    const ip = st.podIPs?.[0]?.ip || st.podIP || '<none>'
    const gates = (pod.spec as { readinessGates?: { conditionType: string }[] }).readinessGates ?? []
    let gatesText = '<none>'
    if (gates.length) {
      const trueCount = gates.filter((g) => st.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length
      gatesText = `${trueCount}/${gates.length}`
    }
    const nominated = (st as { nominatedNodeName?: string }).nominatedNodeName || '<none>'
    return [
      pod.metadata.name, s.ready, s.status, s.restarts, translateTimestampSince(pod.metadata.creationTimestamp, ctx.now),
      ip, pod.spec.nodeName || '<none>', nominated, gatesText,
    ]
  },
}
