// The table definition for each kind `kubectl get` prints.

import { podTable } from './pods.ts'
import { deploymentTable, replicaSetTable } from './workloads.ts'
import { serviceTable, endpointsTable, endpointSliceTable, ingressTable, ingressClassTable } from './network.ts'
import { nodeTable, namespaceTable, configMapTable, secretTable, eventTable } from './cluster.ts'
import { serviceAccountTable, roleTable, roleBindingTable, validatingWebhookTable } from './rbac.ts'
import { daemonSetTable, jobTable } from './batch.ts'
import type { TableDef } from './types.ts'
import { translateTimestampSince } from '../../age.ts'

export type { TableDef, RowContext, Column } from './types.ts'

const TABLES: Record<string, TableDef> = {
  Pod: podTable, Deployment: deploymentTable, ReplicaSet: replicaSetTable, Service: serviceTable, Endpoints: endpointsTable,
  EndpointSlice: endpointSliceTable, Ingress: ingressTable, IngressClass: ingressClassTable, Node: nodeTable,
  Namespace: namespaceTable, ConfigMap: configMapTable, Secret: secretTable, Event: eventTable,
  ServiceAccount: serviceAccountTable, Role: roleTable, ClusterRole: roleTable, RoleBinding: roleBindingTable,
  ClusterRoleBinding: roleBindingTable, ValidatingWebhookConfiguration: validatingWebhookTable, DaemonSet: daemonSetTable, Job: jobTable,
}

/** The API server's default table (NAME, AGE) for kinds without a printer. */
const defaultTable: TableDef = {
  columns: [{ name: 'Name' }, { name: 'Age' }],
  row: (o, ctx) => [o.metadata.name, translateTimestampSince(o.metadata.creationTimestamp, ctx.now)],
}

export function tableFor(kind: string): TableDef {
  return TABLES[kind] ?? defaultTable
}
