// Registers every served kind's strategy on the store (as k/k pkg/registry wires one REST storage per resource).

import type { Store, Strategy } from './store.ts'
import { RESOURCE_TYPES } from '../api/kinds.ts'
import { serviceStrategy } from './strategies/service.ts'
import { deploymentStrategy, eventStrategy, podStrategy, replicaSetStrategy } from './strategies/workloads.ts'
import { configMapStrategy, endpointsStrategy, namespaceStrategy, nodeStrategy, secretStrategy } from './strategies/core.ts'
import { endpointSliceStrategy, ingressClassStrategy, ingressStrategy } from './strategies/networking.ts'
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy, serviceAccountStrategy } from './strategies/rbac.ts'
import { jobStrategy } from './strategies/batch.ts'
import { daemonSetStrategy } from './strategies/daemonset.ts'
import { validatingWebhookConfigurationStrategy } from './strategies/admission.ts'

export const STRATEGIES: Readonly<Record<string, Strategy>> = {
  Namespace: namespaceStrategy,
  Node: nodeStrategy,
  Pod: podStrategy,
  Deployment: deploymentStrategy,
  ReplicaSet: replicaSetStrategy,
  Service: serviceStrategy,
  Endpoints: endpointsStrategy,
  EndpointSlice: endpointSliceStrategy,
  ConfigMap: configMapStrategy,
  Secret: secretStrategy,
  Ingress: ingressStrategy,
  IngressClass: ingressClassStrategy,
  Event: eventStrategy,
  ServiceAccount: serviceAccountStrategy,
  Role: roleStrategy,
  ClusterRole: clusterRoleStrategy,
  RoleBinding: roleBindingStrategy,
  ClusterRoleBinding: clusterRoleBindingStrategy,
  Job: jobStrategy,
  DaemonSet: daemonSetStrategy,
  ValidatingWebhookConfiguration: validatingWebhookConfigurationStrategy,
}

export function registerStrategies(store: Store): void {
  for (const t of RESOURCE_TYPES) {
    const s = STRATEGIES[t.kind]
    if (s) store.registerStrategy(t.kind, s)
  }
}
