// kubectl describe deployment and replicaset (describe.go DeploymentDescriber, describeReplicaSet).

import type { Deployment, KubeObject, LabelSelector, Pod, ReplicaSet } from '../../../../core/api/types.ts'
import { selectorString } from '../columns/workloads.ts'
import { describePodTemplate } from './pod.ts'
import { PrefixWriter, annotationsMultiline, describeEvents, eventsFor, labelsMultiline, rfc1123z, type DescribeContext } from './writer.ts'

/** metav1.FormatLabelSelector: `<none>` for an empty selector. */
function formatSelector(sel: LabelSelector | undefined): string {
  return selectorString(sel) || '<none>'
}

function conditions(w: PrefixWriter, conds: Record<string, unknown>[] | undefined): void {
  if (!conds?.length) return
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
  w.write(1, '----\t------\t------\n')
  for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
}

const ownedBy = (o: KubeObject, uid: string | undefined): boolean => !!uid && !!o.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller)

export function describeDeployment(d: Deployment, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  const st = d.status ?? {}
  w.write(0, `Name:\t${d.metadata.name}\n`)
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`)
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`)
  labelsMultiline(w, 'Labels', d.metadata.labels)
  annotationsMultiline(w, 'Annotations', d.metadata.annotations)
  w.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`)
  w.write(0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`)
  w.write(0, `StrategyType:\t${d.spec.strategy?.type ?? 'RollingUpdate'}\n`)
  w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`)
  const ru = d.spec.strategy?.rollingUpdate
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`)
  describePodTemplate(w, d.spec.template)
  conditions(w, st.conditions)
  const rss = (ctx.store.list('ReplicaSet', d.metadata.namespace) as ReplicaSet[]).filter((rs) => ownedBy(rs, d.metadata.uid))
  const rev = d.metadata.annotations?.['deployment.kubernetes.io/revision']
  const isNew = (rs: ReplicaSet): boolean => rev !== undefined && rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev
  const fmt = (list: ReplicaSet[]): string =>
    list.length ? list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') : '<none>'
  if (rss.length) {
    const newRS = rss.filter(isNew)
    const old = rss.filter((rs) => !isNew(rs) && ((rs.spec.replicas ?? 0) > 0 || (rs.status?.replicas ?? 0) > 0))
    w.write(0, `OldReplicaSets:\t${fmt(old)}\n`)
    w.write(0, `NewReplicaSet:\t${fmt(newRS)}\n`)
  }
  describeEvents(w, eventsFor(ctx, d), ctx.now)
  return w.toString()
}

/** getPodStatusForController: pods of the controller by phase. */
function podCounts(ctx: DescribeContext, owner: KubeObject): string {
  const pods = (ctx.store.list('Pod', owner.metadata.namespace) as Pod[]).filter((p) => ownedBy(p, owner.metadata.uid))
  const n = (phase: string): number => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`
}

export function describeReplicaSet(rs: ReplicaSet, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${rs.metadata.name}\n`)
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`)
  w.write(0, `Selector:\t${formatSelector(rs.spec.selector)}\n`)
  labelsMultiline(w, 'Labels', rs.metadata.labels)
  annotationsMultiline(w, 'Annotations', rs.metadata.annotations)
  const ctrl = rs.metadata.ownerReferences?.find((r) => r.controller)
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`)
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`)
  w.write(0, `Pods Status:\t${podCounts(ctx, rs)}\n`)
  describePodTemplate(w, rs.spec.template)
  conditions(w, (rs.status as { conditions?: Record<string, unknown>[] } | undefined)?.conditions)
  describeEvents(w, eventsFor(ctx, rs), ctx.now)
  return w.toString()
}
