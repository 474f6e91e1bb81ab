// The describer for each kind `kubectl describe` knows, and the generic one for the rest.

import type { KubeObject } from '../../../../core/api/types.ts'
import type { DescribeContext } from './writer.ts'
import { describePod } from './pod.ts'
import { describeDeployment, describeReplicaSet } from './workloads.ts'
import { describeService, describeEndpoints, describeEndpointSlice, describeIngress, describeIngressClass } from './network.ts'
import { describeNode, describeNamespace, describeConfigMap, describeSecret } from './cluster.ts'
import { describeDaemonSet, describeJob } from './batch.ts'
import { PrefixWriter, annotationsMultiline, describeEvents, eventsFor, labelsMultiline } from './writer.ts'

export type { DescribeContext } from './writer.ts'

type Describer = (obj: never, ctx: DescribeContext) => string

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod, Deployment: describeDeployment, ReplicaSet: describeReplicaSet, Service: describeService,
  Endpoints: describeEndpoints, EndpointSlice: describeEndpointSlice, Ingress: describeIngress, IngressClass: describeIngressClass,
  Node: describeNode, Namespace: describeNamespace, ConfigMap: describeConfigMap, Secret: describeSecret,
  DaemonSet: describeDaemonSet, Job: describeJob,
}

/** A plain Name/Namespace/Labels/Annotations description for kinds without a describer (Event ...). */
function describeGeneric(obj: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${obj.metadata.name}\n`)
  if (obj.metadata.namespace) w.write(0, `Namespace:\t${obj.metadata.namespace}\n`)
  labelsMultiline(w, 'Labels', obj.metadata.labels)
  annotationsMultiline(w, 'Annotations', obj.metadata.annotations)
  describeEvents(w, eventsFor(ctx, obj), ctx.now)
  return w.toString()
}

export function describeObject(obj: KubeObject, ctx: DescribeContext): string {
  const d = DESCRIBERS[obj.kind] as ((o: KubeObject, c: DescribeContext) => string) | undefined
  return d ? d(obj, ctx) : describeGeneric(obj, ctx)
}
