// The strategic-merge-patch metadata of the kinds the lab serves: the `patchStrategy` / `patchMergeKey` struct
// tags of k8s.io/api (lists merged by a key, primitive lists merged as sets, retainKeys), as a tree per kind.
// Lists without a tag (tolerations, ingress rules, EndpointSlice endpoints ...) are replaced whole.

export interface FieldMeta {
  /** `merge` lists merge (by `key` for lists of maps); `retainKeys` maps drop keys the patch's $retainKeys omits */
  strategy?: 'merge' | 'retainKeys' | 'merge,retainKeys'
  key?: string
  /** the metadata of the field's value (or of each list element) */
  sub?: Schema
}

export type Schema = Record<string, FieldMeta>

const merge = (key: string | undefined, sub?: Schema): FieldMeta => ({ strategy: 'merge', ...(key ? { key } : {}), ...(sub ? { sub } : {}) })

const objectMeta: Schema = {
  finalizers: merge(undefined),
  ownerReferences: merge('uid'),
}

const container: Schema = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
}

const podSpec: Schema = {
  containers: merge('name', container),
  initContainers: merge('name', container),
  ephemeralContainers: merge('name', container),
  volumes: { strategy: 'merge,retainKeys', key: 'name' },
  imagePullSecrets: merge('name'),
  hostAliases: merge('ip'),
  topologySpreadConstraints: merge('topologyKey'),
  schedulingGates: merge('name'),
  resourceClaims: { strategy: 'merge,retainKeys', key: 'name' },
}

const conditions = { conditions: merge('type') }

const podTemplate: Schema = { metadata: { sub: objectMeta }, spec: { sub: podSpec } }

const workloadSpec = (extra: Schema = {}): Schema => ({ template: { sub: podTemplate }, ...extra })

const withMeta = (rest: Schema): Schema => ({ metadata: { sub: objectMeta }, ...rest })

/** kind -> the patch metadata of its top-level fields */
const KINDS: Record<string, Schema> = {
  Pod: withMeta({ spec: { sub: podSpec }, status: { sub: { ...conditions, podIPs: merge('ip'), hostIPs: merge('ip') } } }),
  PodTemplate: withMeta({ template: { sub: podTemplate } }),
  Deployment: withMeta({ spec: { sub: workloadSpec({ strategy: { strategy: 'retainKeys' } }) }, status: { sub: conditions } }),
  ReplicaSet: withMeta({ spec: { sub: workloadSpec() }, status: { sub: conditions } }),
  StatefulSet: withMeta({ spec: { sub: workloadSpec() }, status: { sub: conditions } }),
  DaemonSet: withMeta({ spec: { sub: workloadSpec() }, status: { sub: conditions } }),
  ReplicationController: withMeta({ spec: { sub: workloadSpec() }, status: { sub: conditions } }),
  Job: withMeta({ spec: { sub: workloadSpec() }, status: { sub: conditions } }),
  CronJob: withMeta({ spec: { sub: { jobTemplate: { sub: { metadata: { sub: objectMeta }, spec: { sub: workloadSpec() } } } } } }),
  Service: withMeta({ spec: { sub: { ports: merge('port') } }, status: { sub: conditions } }),
  Node: withMeta({ status: { sub: { addresses: merge('type'), conditions: merge('type') } } }),
  Namespace: withMeta({ status: { sub: conditions } }),
}

/** The patch metadata of a kind's top level (every kind has metadata). */
export function schemaFor(kind: string): Schema {
  return KINDS[kind] ?? withMeta({})
}
