// The known fields of every served kind (a JSON-Schema subset with the Go types behind them), for strict
// field validation (`unknown field "spec.foo"`), JSON type errors (`cannot unmarshal string into Go struct
// field DeploymentSpec.spec.replicas of type int32`) and the YAML editor's schema (additionalProperties: false).

export type Field =
  | { k: 'str'; go?: string; enum?: string[]; d?: string }
  | { k: 'int'; go: 'int32' | 'int64' | 'int'; d?: string }
  | { k: 'bool'; d?: string }
  | { k: 'intstr'; d?: string }
  | { k: 'quantity' }
  | { k: 'bytes' }
  | { k: 'time' }
  | { k: 'any'; d?: string }
  | { k: 'obj'; go: string; props: Record<string, Field>; req?: string[]; d?: string }
  | { k: 'arr'; items: Field; d?: string }
  | { k: 'map'; values: Field; d?: string }

const S = (go?: string, d?: string): Field => ({ k: 'str', go, d })
const E = (go: string, values: string[], d?: string): Field => ({ k: 'str', go, enum: values, d })
const I32: Field = { k: 'int', go: 'int32' }
const I64: Field = { k: 'int', go: 'int64' }
const B: Field = { k: 'bool' }
const IS: Field = { k: 'intstr' }
const Q: Field = { k: 'quantity' }
const T: Field = { k: 'time' }
const ANY: Field = { k: 'any' }
const O = (go: string, props: Record<string, Field>, req?: string[], d?: string): Field => ({ k: 'obj', go, props, req, d })
const A = (items: Field): Field => ({ k: 'arr', items })
const M = (values: Field): Field => ({ k: 'map', values })
const SS = A(S())
const MSS = M(S())
const ANYOBJ = (go: string): Field => ({ k: 'any', d: go })

const ownerRef = O('v1.OwnerReference', { apiVersion: S(), blockOwnerDeletion: B, controller: B, kind: S(), name: S(), uid: S('types.UID') })
export const objectMeta = O('v1.ObjectMeta', {
  annotations: MSS, creationTimestamp: T, deletionGracePeriodSeconds: I64, deletionTimestamp: T, finalizers: SS,
  generateName: S(), generation: I64, labels: MSS, managedFields: A(ANY), name: S(), namespace: S(),
  ownerReferences: A(ownerRef), resourceVersion: S(), selfLink: S(), uid: S('types.UID'),
})

const labelSelector = O('v1.LabelSelector', {
  matchExpressions: A(O('v1.LabelSelectorRequirement', { key: S(), operator: E('v1.LabelSelectorOperator', ['In', 'NotIn', 'Exists', 'DoesNotExist']), values: SS })),
  matchLabels: MSS,
})

const PROTOCOL = E('v1.Protocol', ['TCP', 'UDP', 'SCTP'])
const keyRef = (go: string) => O(go, { key: S(), name: S(), optional: B })
const fieldRef = O('v1.ObjectFieldSelector', { apiVersion: S(), fieldPath: S() })
const resourceFieldRef = O('v1.ResourceFieldSelector', { containerName: S(), divisor: Q, resource: S() })
const envVar = O('v1.EnvVar', {
  name: S(), value: S(),
  valueFrom: O('v1.EnvVarSource', { configMapKeyRef: keyRef('v1.ConfigMapKeySelector'), fieldRef, resourceFieldRef, secretKeyRef: keyRef('v1.SecretKeySelector') }),
})
const envFrom = O('v1.EnvFromSource', {
  configMapRef: O('v1.ConfigMapEnvSource', { name: S(), optional: B }), prefix: S(), secretRef: O('v1.SecretEnvSource', { name: S(), optional: B }),
})
const httpHeader = O('v1.HTTPHeader', { name: S(), value: S() })
const httpGet = O('v1.HTTPGetAction', { host: S(), httpHeaders: A(httpHeader), path: S(), port: IS, scheme: E('v1.URIScheme', ['HTTP', 'HTTPS']) })
const tcpSocket = O('v1.TCPSocketAction', { host: S(), port: IS })
const exec = O('v1.ExecAction', { command: SS })
const probe = O('v1.Probe', {
  exec, failureThreshold: I32, grpc: O('v1.GRPCAction', { port: I32, service: S() }), httpGet, initialDelaySeconds: I32,
  periodSeconds: I32, successThreshold: I32, tcpSocket, terminationGracePeriodSeconds: I64, timeoutSeconds: I32,
})
const handler = O('v1.LifecycleHandler', { exec, httpGet, sleep: O('v1.SleepAction', { seconds: I64 }), tcpSocket })
const resources = O('v1.ResourceRequirements', { claims: A(ANY), limits: M(Q), requests: M(Q) })
const containerPort = O('v1.ContainerPort', { containerPort: I32, hostIP: S(), hostPort: I32, name: S(), protocol: PROTOCOL })
const volumeMount = O('v1.VolumeMount', {
  mountPath: S(), mountPropagation: S('v1.MountPropagationMode'), name: S(), readOnly: B, recursiveReadOnly: S('v1.RecursiveReadOnlyMode'), subPath: S(), subPathExpr: S(),
})
const container = O('v1.Container', {
  args: SS, command: SS, env: A(envVar), envFrom: A(envFrom), image: S(),
  imagePullPolicy: E('v1.PullPolicy', ['Always', 'IfNotPresent', 'Never']),
  lifecycle: O('v1.Lifecycle', { postStart: handler, preStop: handler, stopSignal: S() }),
  livenessProbe: probe, name: S(), ports: A(containerPort), readinessProbe: probe, resizePolicy: A(ANY), resources,
  restartPolicy: S('v1.ContainerRestartPolicy'), securityContext: ANYOBJ('v1.SecurityContext'), startupProbe: probe, stdin: B, stdinOnce: B,
  terminationMessagePath: S(), terminationMessagePolicy: E('v1.TerminationMessagePolicy', ['File', 'FallbackToLogsOnError']),
  tty: B, volumeDevices: A(ANY), volumeMounts: A(volumeMount), workingDir: S(),
}, ['name'])
const keyToPath = O('v1.KeyToPath', { key: S(), mode: I32, path: S() })
const volume = O('v1.Volume', {
  name: S(),
  configMap: O('v1.ConfigMapVolumeSource', { defaultMode: I32, items: A(keyToPath), name: S(), optional: B }),
  secret: O('v1.SecretVolumeSource', { defaultMode: I32, items: A(keyToPath), optional: B, secretName: S() }),
  emptyDir: O('v1.EmptyDirVolumeSource', { medium: S('v1.StorageMedium'), sizeLimit: Q }),
  hostPath: O('v1.HostPathVolumeSource', { path: S(), type: S('v1.HostPathType') }),
  persistentVolumeClaim: O('v1.PersistentVolumeClaimVolumeSource', { claimName: S(), readOnly: B }),
  projected: ANYOBJ('v1.ProjectedVolumeSource'), downwardAPI: ANYOBJ('v1.DownwardAPIVolumeSource'), nfs: ANYOBJ('v1.NFSVolumeSource'),
  csi: ANYOBJ('v1.CSIVolumeSource'), ephemeral: ANYOBJ('v1.EphemeralVolumeSource'), image: ANYOBJ('v1.ImageVolumeSource'),
  awsElasticBlockStore: ANY, azureDisk: ANY, azureFile: ANY, cephfs: ANY, cinder: ANY, fc: ANY, flexVolume: ANY, flocker: ANY,
  gcePersistentDisk: ANY, gitRepo: ANY, glusterfs: ANY, iscsi: ANY, photonPersistentDisk: ANY, portworxVolume: ANY, quobyte: ANY,
  rbd: ANY, scaleIO: ANY, storageos: ANY, vsphereVolume: ANY,
}, ['name'])
const toleration = O('v1.Toleration', {
  effect: E('v1.TaintEffect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute']), key: S(), operator: E('v1.TolerationOperator', ['Exists', 'Equal']),
  tolerationSeconds: I64, value: S(),
})
export const podSpec = O('v1.PodSpec', {
  activeDeadlineSeconds: I64, affinity: ANYOBJ('v1.Affinity'), automountServiceAccountToken: B, containers: A(container),
  dnsConfig: O('v1.PodDNSConfig', { nameservers: SS, options: A(O('v1.PodDNSConfigOption', { name: S(), value: S() })), searches: SS }),
  dnsPolicy: E('v1.DNSPolicy', ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']), enableServiceLinks: B,
  ephemeralContainers: A(ANY), hostAliases: A(O('v1.HostAlias', { hostnames: SS, ip: S() })), hostIPC: B, hostNetwork: B, hostPID: B,
  hostUsers: B, hostname: S(), imagePullSecrets: A(O('v1.LocalObjectReference', { name: S() })), initContainers: A(container),
  nodeName: S(), nodeSelector: MSS, os: O('v1.PodOS', { name: S('v1.OSName') }), overhead: M(Q), preemptionPolicy: S('v1.PreemptionPolicy'),
  priority: I32, priorityClassName: S(), readinessGates: A(O('v1.PodReadinessGate', { conditionType: S('v1.PodConditionType') })),
  resourceClaims: A(ANY), resources, restartPolicy: E('v1.RestartPolicy', ['Always', 'OnFailure', 'Never']), runtimeClassName: S(),
  schedulerName: S(), schedulingGates: A(O('v1.PodSchedulingGate', { name: S() })), securityContext: ANYOBJ('v1.PodSecurityContext'),
  serviceAccount: S(), serviceAccountName: S(), setHostnameAsFQDN: B, shareProcessNamespace: B, subdomain: S(),
  terminationGracePeriodSeconds: I64, tolerations: A(toleration), topologySpreadConstraints: A(ANY), volumes: A(volume),
}, ['containers'])
const templateMeta = objectMeta
export const podTemplateSpec = O('v1.PodTemplateSpec', { metadata: templateMeta, spec: podSpec })

const top = (go: string, kind: string, apiVersion: string, rest: Record<string, Field>): Field =>
  O(go, { apiVersion: E('string', [apiVersion]), kind: E('string', [kind]), metadata: objectMeta, ...rest }, ['apiVersion', 'kind', 'metadata'])

const servicePort = O('v1.ServicePort', { appProtocol: S(), name: S(), nodePort: I32, port: I32, protocol: PROTOCOL, targetPort: IS }, ['port'])
const lbIngress = O('v1.LoadBalancerIngress', { hostname: S(), ip: S(), ipMode: S('v1.LoadBalancerIPMode'), ports: A(ANY) })
const lbStatus = O('v1.LoadBalancerStatus', { ingress: A(lbIngress) })
const serviceSpec = O('v1.ServiceSpec', {
  allocateLoadBalancerNodePorts: B, clusterIP: S(), clusterIPs: SS, externalIPs: SS, externalName: S(),
  externalTrafficPolicy: E('v1.ServiceExternalTrafficPolicy', ['Cluster', 'Local']), healthCheckNodePort: I32,
  internalTrafficPolicy: E('v1.ServiceInternalTrafficPolicy', ['Cluster', 'Local']), ipFamilies: A(E('v1.IPFamily', ['IPv4', 'IPv6'])),
  ipFamilyPolicy: E('v1.IPFamilyPolicy', ['SingleStack', 'PreferDualStack', 'RequireDualStack']), loadBalancerClass: S(), loadBalancerIP: S(),
  loadBalancerSourceRanges: SS, ports: A(servicePort), publishNotReadyAddresses: B, selector: MSS,
  sessionAffinity: E('v1.ServiceAffinity', ['None', 'ClientIP']),
  sessionAffinityConfig: O('v1.SessionAffinityConfig', { clientIP: O('v1.ClientIPConfig', { timeoutSeconds: I32 }) }),
  trafficDistribution: S(), type: E('v1.ServiceType', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']),
})

const deploymentSpec = O('v1.DeploymentSpec', {
  minReadySeconds: I32, paused: B, progressDeadlineSeconds: I32, replicas: I32, revisionHistoryLimit: I32, selector: labelSelector,
  strategy: O('v1.DeploymentStrategy', {
    rollingUpdate: O('v1.RollingUpdateDeployment', { maxSurge: IS, maxUnavailable: IS }), type: E('v1.DeploymentStrategyType', ['RollingUpdate', 'Recreate']),
  }),
  template: podTemplateSpec,
}, ['selector', 'template'])
const replicaSetSpec = O('v1.ReplicaSetSpec', { minReadySeconds: I32, replicas: I32, selector: labelSelector, template: podTemplateSpec }, ['selector'])

const objectReference = O('v1.ObjectReference', { apiVersion: S(), fieldPath: S(), kind: S(), name: S(), namespace: S(), resourceVersion: S(), uid: S('types.UID') })
const endpointAddress = O('v1.EndpointAddress', { hostname: S(), ip: S(), nodeName: S(), targetRef: objectReference })
const coreEndpointPort = O('v1.EndpointPort', { appProtocol: S(), name: S(), port: I32, protocol: PROTOCOL })
const discoveryPort = O('v1.EndpointPort', { appProtocol: S(), name: S(), port: I32, protocol: PROTOCOL })
const sliceEndpoint = O('v1.Endpoint', {
  addresses: SS, conditions: O('v1.EndpointConditions', { ready: B, serving: B, terminating: B }), deprecatedTopology: MSS,
  hints: ANYOBJ('v1.EndpointHints'), hostname: S(), nodeName: S(), targetRef: objectReference, zone: S(),
})

const ingressBackend = O('v1.IngressBackend', {
  resource: O('v1.TypedLocalObjectReference', { apiGroup: S(), kind: S(), name: S() }),
  service: O('v1.IngressServiceBackend', { name: S(), port: O('v1.ServiceBackendPort', { name: S(), number: I32 }) }),
})
const ingressSpec = O('v1.IngressSpec', {
  defaultBackend: ingressBackend, ingressClassName: S(),
  rules: A(O('v1.IngressRule', {
    host: S(),
    http: O('v1.HTTPIngressRuleValue', {
      paths: A(O('v1.HTTPIngressPath', { backend: ingressBackend, path: S(), pathType: E('v1.PathType', ['Exact', 'Prefix', 'ImplementationSpecific']) }, ['pathType', 'backend'])),
    }),
  })),
  tls: A(O('v1.IngressTLS', { hosts: SS, secretName: S() })),
})

const taint = O('v1.Taint', { effect: E('v1.TaintEffect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute']), key: S(), timeAdded: T, value: S() })

// ServiceAccount, RBAC, Job, DaemonSet and ValidatingWebhookConfiguration (the kinds install manifests carry)
const policyRule = O('v1.PolicyRule', { apiGroups: SS, nonResourceURLs: SS, resourceNames: SS, resources: SS, verbs: SS }, ['verbs'])
const roleRef = O('v1.RoleRef', { apiGroup: S(), kind: S(), name: S() }, ['apiGroup', 'kind', 'name'])
const subject = O('v1.Subject', { apiGroup: S(), kind: S(), name: S(), namespace: S() }, ['kind', 'name'])
const jobSpec = O('v1.JobSpec', {
  activeDeadlineSeconds: I64, backoffLimit: I32, backoffLimitPerIndex: I32, completionMode: E('v1.CompletionMode', ['NonIndexed', 'Indexed']),
  completions: I32, managedBy: S(), manualSelector: B, maxFailedIndexes: I32, parallelism: I32, podFailurePolicy: ANYOBJ('v1.PodFailurePolicy'),
  podReplacementPolicy: E('v1.PodReplacementPolicy', ['TerminatingOrFailed', 'Failed']), selector: labelSelector, successPolicy: ANYOBJ('v1.SuccessPolicy'),
  suspend: B, template: podTemplateSpec, ttlSecondsAfterFinished: I32,
}, ['template'])
const daemonSetSpec = O('v1.DaemonSetSpec', {
  minReadySeconds: I32, revisionHistoryLimit: I32, selector: labelSelector, template: podTemplateSpec,
  updateStrategy: O('v1.DaemonSetUpdateStrategy', {
    rollingUpdate: O('v1.RollingUpdateDaemonSet', { maxSurge: IS, maxUnavailable: IS }), type: E('v1.DaemonSetUpdateStrategyType', ['RollingUpdate', 'OnDelete']),
  }),
}, ['selector', 'template'])
const webhookClientConfig = O('v1.WebhookClientConfig', {
  caBundle: { k: 'bytes' }, service: O('v1.ServiceReference', { name: S(), namespace: S(), path: S(), port: I32 }, ['namespace', 'name']), url: S(),
})
const validatingWebhook = O('v1.ValidatingWebhook', {
  admissionReviewVersions: SS, clientConfig: webhookClientConfig, failurePolicy: E('v1.FailurePolicyType', ['Ignore', 'Fail']),
  matchConditions: A(ANY), matchPolicy: E('v1.MatchPolicyType', ['Exact', 'Equivalent']), name: S(), namespaceSelector: labelSelector,
  objectSelector: labelSelector, rules: A(O('v1.RuleWithOperations', { apiGroups: SS, apiVersions: SS, operations: SS, resources: SS, scope: S('v1.ScopeType') })),
  sideEffects: S('v1.SideEffectClass'), timeoutSeconds: I32,
}, ['name', 'clientConfig', 'sideEffects', 'admissionReviewVersions'])

/** The schema of each served kind, keyed by kind. */
export const KIND_FIELDS: Readonly<Record<string, Field>> = {
  Namespace: top('Namespace', 'Namespace', 'v1', { spec: O('v1.NamespaceSpec', { finalizers: A(S('v1.FinalizerName')) }), status: ANYOBJ('v1.NamespaceStatus') }),
  Node: top('Node', 'Node', 'v1', {
    spec: O('v1.NodeSpec', { configSource: ANY, externalID: S(), podCIDR: S(), podCIDRs: SS, providerID: S(), taints: A(taint), unschedulable: B }),
    status: ANYOBJ('v1.NodeStatus'),
  }),
  Pod: top('Pod', 'Pod', 'v1', { spec: podSpec, status: ANYOBJ('v1.PodStatus') }),
  Deployment: top('Deployment', 'Deployment', 'apps/v1', { spec: deploymentSpec, status: ANYOBJ('v1.DeploymentStatus') }),
  ReplicaSet: top('ReplicaSet', 'ReplicaSet', 'apps/v1', { spec: replicaSetSpec, status: ANYOBJ('v1.ReplicaSetStatus') }),
  Service: top('Service', 'Service', 'v1', { spec: serviceSpec, status: O('v1.ServiceStatus', { conditions: A(ANY), loadBalancer: lbStatus }) }),
  Endpoints: top('Endpoints', 'Endpoints', 'v1', {
    subsets: A(O('v1.EndpointSubset', { addresses: A(endpointAddress), notReadyAddresses: A(endpointAddress), ports: A(coreEndpointPort) })),
  }),
  EndpointSlice: top('EndpointSlice', 'EndpointSlice', 'discovery.k8s.io/v1', {
    addressType: E('v1.AddressType', ['IPv4', 'IPv6', 'FQDN']), endpoints: A(sliceEndpoint), ports: A(discoveryPort),
  }),
  ConfigMap: top('ConfigMap', 'ConfigMap', 'v1', { binaryData: M({ k: 'bytes' }), data: MSS, immutable: B }),
  Secret: top('Secret', 'Secret', 'v1', { data: M({ k: 'bytes' }), immutable: B, stringData: MSS, type: S('v1.SecretType') }),
  Ingress: top('Ingress', 'Ingress', 'networking.k8s.io/v1', { spec: ingressSpec, status: O('v1.IngressStatus', { loadBalancer: ANYOBJ('v1.IngressLoadBalancerStatus') }) }),
  IngressClass: top('IngressClass', 'IngressClass', 'networking.k8s.io/v1', {
    spec: O('v1.IngressClassSpec', {
      controller: S(), parameters: O('v1.IngressClassParametersReference', { apiGroup: S(), kind: S(), name: S(), namespace: S(), scope: S() }),
    }),
  }),
  ServiceAccount: top('ServiceAccount', 'ServiceAccount', 'v1', { automountServiceAccountToken: B, imagePullSecrets: A(O('v1.LocalObjectReference', { name: S() })), secrets: A(objectReference) }),
  Role: top('Role', 'Role', 'rbac.authorization.k8s.io/v1', { rules: A(policyRule) }),
  ClusterRole: top('ClusterRole', 'ClusterRole', 'rbac.authorization.k8s.io/v1', { aggregationRule: O('v1.AggregationRule', { clusterRoleSelectors: A(labelSelector) }), rules: A(policyRule) }),
  RoleBinding: top('RoleBinding', 'RoleBinding', 'rbac.authorization.k8s.io/v1', { roleRef, subjects: A(subject) }),
  ClusterRoleBinding: top('ClusterRoleBinding', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', { roleRef, subjects: A(subject) }),
  Job: top('Job', 'Job', 'batch/v1', { spec: jobSpec, status: ANYOBJ('v1.JobStatus') }),
  DaemonSet: top('DaemonSet', 'DaemonSet', 'apps/v1', { spec: daemonSetSpec, status: ANYOBJ('v1.DaemonSetStatus') }),
  ValidatingWebhookConfiguration: top('ValidatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1', { webhooks: A(validatingWebhook) }),
  Event: top('Event', 'Event', 'v1', {
    action: S(), count: I32, eventTime: T, firstTimestamp: T, involvedObject: objectReference, lastTimestamp: T, message: S(), reason: S(),
    related: objectReference, reportingComponent: S(), reportingInstance: S(), series: ANYOBJ('v1.EventSeries'),
    source: O('v1.EventSource', { component: S(), host: S() }), type: S(),
  }),
}

export type JSONSchema = {
  type?: string | string[]
  properties?: Record<string, JSONSchema>
  items?: JSONSchema
  additionalProperties?: boolean | JSONSchema
  required?: string[]
  enum?: unknown[]
  description?: string
}

/** A Field as JSON Schema (objects closed with additionalProperties: false). */
export function toJSONSchema(f: Field): JSONSchema {
  switch (f.k) {
    case 'str':
      return { type: 'string', ...(f.enum ? { enum: f.enum } : {}), ...(f.d ? { description: f.d } : {}) }
    case 'int':
      return { type: 'integer' }
    case 'bool':
      return { type: 'boolean' }
    case 'intstr':
      return { type: ['integer', 'string'] }
    case 'quantity':
      return { type: ['string', 'number'] }
    case 'bytes':
    case 'time':
      return { type: 'string' }
    case 'any':
      return f.d ? { description: f.d } : {}
    case 'obj': {
      const properties: Record<string, JSONSchema> = {}
      for (const [k, v] of Object.entries(f.props)) properties[k] = toJSONSchema(v)
      return { type: 'object', properties, additionalProperties: false, ...(f.req ? { required: f.req } : {}), ...(f.d ? { description: f.d } : {}) }
    }
    case 'arr':
      return { type: 'array', items: toJSONSchema(f.items) }
    case 'map':
      return { type: 'object', additionalProperties: toJSONSchema(f.values) }
  }
}

const schemaCache = new Map<string, JSONSchema>()

/** The JSON Schema of a kind for the YAML editor (monaco-yaml), or undefined for an unknown kind. */
export function jsonSchemaFor(kind: string): JSONSchema | undefined {
  const f = KIND_FIELDS[kind]
  if (!f) return undefined
  let s = schemaCache.get(kind)
  if (!s) schemaCache.set(kind, (s = toJSONSchema(f)))
  return s
}


/** The Go type name a field decodes into (`int32`, `v1.PodSpec`, `[]v1.Container`, `map[string]string`). */
export function goTypeOf(f: Field): string {
  switch (f.k) {
    case 'str': return f.go ?? 'string'
    case 'int': return f.go
    case 'bool': return 'bool'
    case 'intstr': return 'intstr.IntOrString'
    case 'quantity': return 'resource.Quantity'
    case 'bytes': return '[]uint8'
    case 'time': return 'v1.Time'
    case 'any': return f.d ?? 'interface {}'
    case 'obj': return f.go
    case 'arr': return '[]' + goTypeOf(f.items)
    case 'map': return 'map[string]' + goTypeOf(f.values)
  }
}

const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
const INT_RANGE: Record<string, [number, number]> = { int32: [-2147483648, 2147483647], int64: [-9223372036854775808, 9223372036854775807], int: [-9223372036854775808, 9223372036854775807] }

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'boolean') return 'bool'
  return typeof v === 'object' ? 'object' : typeof v
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** First Go decode error in document order (keys sorted, as kubectl sends JSON) and every unknown field path. */
export interface DecodeResult { typeError?: string; unknown: string[] }

function base64Error(s: string): string | undefined {
  const bad = s.search(/[^A-Za-z0-9+/=]/)
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`
  const pad = s.indexOf('=')
  if (pad >= 0 && (pad < s.length - 2 || /[^=]/.test(s.slice(pad)))) return `illegal base64 data at input byte ${pad}`
  if (s.length % 4 !== 0) return `illegal base64 data at input byte ${s.length - (s.length % 4)}`
  return undefined
}

function walk(v: unknown, f: Field, path: string, goPath: string, struct: string, out: DecodeResult): void {
  if (v === null || v === undefined || f.k === 'any') return
  const fail = (what: string) => {
    out.typeError ??= `json: cannot unmarshal ${what} into Go struct field ${struct}.${goPath} of type ${goTypeOf(f)}`
  }
  switch (f.k) {
    case 'str':
    case 'time':
      if (typeof v !== 'string') {
        if (f.k === 'time') out.typeError ??= `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`
        else fail(jsonKind(v))
      }
      return
    case 'bool':
      if (typeof v !== 'boolean') fail(jsonKind(v))
      return
    case 'int': {
      if (typeof v !== 'number') return fail(jsonKind(v))
      const [lo, hi] = INT_RANGE[f.go]
      if (!Number.isInteger(v) || v < lo || v > hi) fail(`number ${String(v)}`)
      return
    }
    case 'intstr':
      if (typeof v === 'string') return
      if (typeof v !== 'number') out.typeError ??= `json: cannot unmarshal ${jsonKind(v)} into Go value of type int32`
      else if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) out.typeError ??= `json: cannot unmarshal number ${String(v)} into Go value of type int32`
      return
    case 'quantity':
      if (typeof v === 'number') return
      if (typeof v !== 'string' || !QUANTITY_RE.test(v.trim())) out.typeError ??= QUANTITY_FORMAT_ERROR
      return
    case 'bytes': {
      if (typeof v !== 'string') return fail(jsonKind(v))
      const e = base64Error(v)
      if (e) out.typeError ??= e
      return
    }
    case 'arr':
      if (!Array.isArray(v)) return fail(jsonKind(v))
      v.forEach((item, i) => walk(item, f.items, `${path}[${i}]`, goPath, struct, out))
      return
    case 'map':
      if (!isObject(v)) return fail(jsonKind(v))
      for (const k of Object.keys(v).sort()) walk(v[k], f.values, path ? `${path}.${k}` : k, goPath, struct, out)
      return
    case 'obj': {
      if (!isObject(v)) return fail(jsonKind(v))
      const name = f.go.replace(/^[a-z0-9]+\./, '')
      for (const k of Object.keys(v).sort()) {
        const child = f.props[k]
        const p = path ? `${path}.${k}` : k
        if (!child) out.unknown.push(p)
        else walk(v[k], child, p, goPath ? `${goPath}.${k}` : k, name, out)
      }
    }
  }
}

/** Decode-check an object against its kind's schema; undefined for a kind without a schema. */
export function decodeCheck(obj: unknown): DecodeResult | undefined {
  if (!isObject(obj) || typeof obj.kind !== 'string') return undefined
  const f = KIND_FIELDS[obj.kind]
  if (!f) return undefined
  const out: DecodeResult = { unknown: [] }
  walk(obj, f, '', '', obj.kind, out)
  return out
}

/** Paths of the fields the API server does not know: `spec.template.spec.containers[0].imagePullPolicyz`. */
export function unknownFields(obj: unknown): string[] {
  return decodeCheck(obj)?.unknown ?? []
}
