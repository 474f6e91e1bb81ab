// The resource types the lab's API server serves: kind, group/version, plural, short names, scope.
// kubectl's resource lookup (`svc`, `services`, `service`, `deploy`, `ingresses.networking.k8s.io` ...) reads this.

export interface ResourceType {
  kind: string
  group: string // '' for core
  version: string
  plural: string
  singular: string
  shortNames: string[]
  namespaced: boolean
  /** verbs shown by `kubectl api-resources -o wide` */
  verbs: string[]
  categories?: string[]
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { kind: 'ConfigMap', group: '', version: 'v1', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true, verbs: ALL_VERBS },
  { kind: 'Endpoints', group: '', version: 'v1', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true, verbs: ALL_VERBS },
  { kind: 'Event', group: '', version: 'v1', plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true, verbs: ALL_VERBS },
  { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { kind: 'Node', group: '', version: 'v1', plural: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false, verbs: ALL_VERBS },
  { kind: 'Pod', group: '', version: 'v1', plural: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { kind: 'Secret', group: '', version: 'v1', plural: 'secrets', singular: 'secret', shortNames: [], namespaced: true, verbs: ALL_VERBS },
  { kind: 'Service', group: '', version: 'v1', plural: 'services', singular: 'service', shortNames: ['svc'], namespaced: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], categories: ['all'] },
  { kind: 'ServiceAccount', group: '', version: 'v1', plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true, verbs: ALL_VERBS },
  { kind: 'ValidatingWebhookConfiguration', group: 'admissionregistration.k8s.io', version: 'v1', plural: 'validatingwebhookconfigurations', singular: 'validatingwebhookconfiguration', shortNames: [], namespaced: false, verbs: ALL_VERBS, categories: ['api-extensions'] },
  { kind: 'DaemonSet', group: 'apps', version: 'v1', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { kind: 'Deployment', group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { kind: 'ReplicaSet', group: 'apps', version: 'v1', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { kind: 'Job', group: 'batch', version: 'v1', plural: 'jobs', singular: 'job', shortNames: [], namespaced: true, verbs: ALL_VERBS, categories: ['all'] },
  { kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', singular: 'endpointslice', shortNames: [], namespaced: true, verbs: ALL_VERBS },
  { kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', plural: 'ingressclasses', singular: 'ingressclass', shortNames: [], namespaced: false, verbs: ALL_VERBS },
  { kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', singular: 'ingress', shortNames: ['ing'], namespaced: true, verbs: ALL_VERBS },
  { kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterrolebindings', singular: 'clusterrolebinding', shortNames: [], namespaced: false, verbs: ALL_VERBS },
  { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', singular: 'clusterrole', shortNames: [], namespaced: false, verbs: ALL_VERBS },
  { kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', singular: 'rolebinding', shortNames: [], namespaced: true, verbs: ALL_VERBS },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', singular: 'role', shortNames: [], namespaced: true, verbs: ALL_VERBS },
]

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version
}

/** `service`, `deployment.apps`, `ingress.networking.k8s.io`: the prefix of kubectl's result lines. */
export function qualifiedKind(t: ResourceType): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase()
}

/** `services`, `deployments.apps`: the resource as it appears in API error messages. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural
}

const byKind = new Map(RESOURCE_TYPES.map((t) => [t.kind, t]))

export function typeForKind(kind: string): ResourceType | undefined {
  return byKind.get(kind)
}

/**
 * Resolves what a user typed as a resource (`svc`, `Services`, `deploy.apps`, `ingresses.networking.k8s.io`,
 * `ingress.v1.networking.k8s.io`) the way kubectl's RESTMapper does. Case-insensitive for the name part.
 */
export function resolveResource(typed: string): ResourceType | undefined {
  const lower = typed.toLowerCase()
  const dot = lower.indexOf('.')
  const name = dot < 0 ? lower : lower.slice(0, dot)
  const rest = dot < 0 ? undefined : lower.slice(dot + 1)
  const candidates = RESOURCE_TYPES.filter(
    (t) => t.plural === name || t.singular === name || t.shortNames.includes(name) || t.kind.toLowerCase() === name,
  )
  if (rest === undefined) return candidates[0]
  return candidates.find((t) => rest === t.group || rest === `${t.version}.${t.group}` || (t.group === '' && rest === t.version))
}

/** The served group/versions for a kind (used for apply's "no matches for kind" check). */
export function isServed(apiVersion: string, kind: string): boolean {
  const t = byKind.get(kind)
  return !!t && apiVersionOf(t) === apiVersion
}
