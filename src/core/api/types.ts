// API object shapes for the kinds the lab serves, as plain JSON-like data (what `kubectl get -o json` shows).
// Only the fields the lab reads are typed precisely; everything an object may carry stays reachable as data.

export type Labels = Record<string, string>

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export interface ObjectMeta {
  name: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Labels
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
}

/** Every stored object. `spec`, `status`, `data` ... are kind-specific; see the typed views below. */
export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  [field: string]: unknown
}

export interface LabelSelectorRequirement { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }
export interface LabelSelector { matchLabels?: Labels; matchExpressions?: LabelSelectorRequirement[] }

export type IntOrString = number | string

export interface ContainerPort { name?: string; containerPort: number; protocol?: string; hostPort?: number }
export interface EnvVar { name: string; value?: string; valueFrom?: Record<string, unknown> }
export interface Probe { [k: string]: unknown }
export interface Container {
  name: string
  image?: string
  command?: string[]
  args?: string[]
  ports?: ContainerPort[]
  env?: EnvVar[]
  envFrom?: Record<string, unknown>[]
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[]
  readinessProbe?: Probe
  livenessProbe?: Probe
  resources?: Record<string, unknown>
  imagePullPolicy?: string
  terminationMessagePath?: string
  terminationMessagePolicy?: string
  [k: string]: unknown
}
export interface Toleration { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }
export interface PodSpec {
  containers: Container[]
  initContainers?: Container[]
  nodeName?: string
  nodeSelector?: Labels
  hostname?: string
  subdomain?: string
  hostNetwork?: boolean
  dnsPolicy?: string
  dnsConfig?: Record<string, unknown>
  restartPolicy?: string
  schedulerName?: string
  serviceAccountName?: string
  terminationGracePeriodSeconds?: number
  tolerations?: Toleration[]
  volumes?: Record<string, unknown>[]
  securityContext?: Record<string, unknown>
  [k: string]: unknown
}
export interface PodCondition { type: string; status: 'True' | 'False' | 'Unknown'; lastProbeTime?: string | null; lastTransitionTime?: string; reason?: string; message?: string }
export interface ContainerStatus {
  name: string
  ready: boolean
  restartCount: number
  image: string
  imageID: string
  containerID?: string
  started?: boolean
  state: Record<string, Record<string, unknown>>
  lastState?: Record<string, Record<string, unknown>>
}
export interface PodStatus {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'
  conditions?: PodCondition[]
  hostIP?: string
  hostIPs?: { ip: string }[]
  podIP?: string
  podIPs?: { ip: string }[]
  startTime?: string
  containerStatuses?: ContainerStatus[]
  qosClass?: string
  reason?: string
  message?: string
}
export interface Pod extends KubeObject { spec: PodSpec; status?: PodStatus }
export interface PodTemplateSpec { metadata?: Partial<ObjectMeta>; spec: PodSpec }

export interface DeploymentSpec {
  replicas?: number
  selector: LabelSelector
  template: PodTemplateSpec
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } }
  revisionHistoryLimit?: number
  progressDeadlineSeconds?: number
  minReadySeconds?: number
  paused?: boolean
}
export interface Deployment extends KubeObject {
  spec: DeploymentSpec
  status?: {
    observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number
    availableReplicas?: number; unavailableReplicas?: number; conditions?: Record<string, unknown>[]
  }
}
export interface ReplicaSet extends KubeObject {
  spec: { replicas?: number; selector: LabelSelector; template: PodTemplateSpec; minReadySeconds?: number }
  status?: { replicas: number; fullyLabeledReplicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number }
}

export interface ServicePort {
  name?: string
  protocol?: 'TCP' | 'UDP' | 'SCTP' | string
  appProtocol?: string
  port: number
  targetPort?: IntOrString
  nodePort?: number
}
export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string
  selector?: Labels
  ports?: ServicePort[]
  clusterIP?: string
  clusterIPs?: string[]
  externalIPs?: string[]
  externalName?: string
  sessionAffinity?: 'None' | 'ClientIP' | string
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } }
  externalTrafficPolicy?: 'Cluster' | 'Local' | string
  internalTrafficPolicy?: 'Cluster' | 'Local' | string
  healthCheckNodePort?: number
  loadBalancerIP?: string
  loadBalancerSourceRanges?: string[]
  loadBalancerClass?: string
  allocateLoadBalancerNodePorts?: boolean
  publishNotReadyAddresses?: boolean
  ipFamilies?: string[]
  ipFamilyPolicy?: string
  trafficDistribution?: string
}
export interface LoadBalancerIngress { ip?: string; hostname?: string; ipMode?: string }
export interface Service extends KubeObject {
  spec: ServiceSpec
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } }
}

export interface EndpointAddress { ip: string; hostname?: string; nodeName?: string; targetRef?: { kind: string; namespace?: string; name: string; uid?: string } }
export interface EndpointPort { name?: string; port: number; protocol?: string; appProtocol?: string }
export interface EndpointSubset { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: EndpointPort[] }
export interface Endpoints extends KubeObject { subsets?: EndpointSubset[] }

export interface EndpointSliceEndpoint {
  addresses: string[]
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean }
  hostname?: string
  nodeName?: string
  zone?: string
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string }
}
export interface EndpointSlice extends KubeObject {
  addressType: 'IPv4' | 'IPv6' | 'FQDN'
  endpoints: EndpointSliceEndpoint[] | null
  ports: EndpointPort[] | null
}

export interface ConfigMap extends KubeObject { data?: Record<string, string>; binaryData?: Record<string, string>; immutable?: boolean }
export interface Secret extends KubeObject { type?: string; data?: Record<string, string>; stringData?: Record<string, string>; immutable?: boolean }

export interface IngressBackend {
  service?: { name: string; port: { number?: number; name?: string } }
  resource?: { apiGroup?: string; kind: string; name: string }
}
export interface HTTPIngressPath { path?: string; pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific' | string; backend: IngressBackend }
export interface IngressRule { host?: string; http?: { paths: HTTPIngressPath[] } }
export interface Ingress extends KubeObject {
  spec: { ingressClassName?: string; defaultBackend?: IngressBackend; tls?: { hosts?: string[]; secretName?: string }[]; rules?: IngressRule[] }
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } }
}
export interface IngressClass extends KubeObject { spec: { controller?: string; parameters?: Record<string, unknown> } }

export interface Taint { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string; timeAdded?: string }
export interface NodeAddress { type: 'InternalIP' | 'ExternalIP' | 'Hostname' | string; address: string }
export interface Node extends KubeObject {
  spec: { podCIDR?: string; podCIDRs?: string[]; taints?: Taint[]; unschedulable?: boolean; providerID?: string }
  status?: {
    addresses?: NodeAddress[]
    conditions?: { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string }[]
    nodeInfo?: Record<string, string>
    capacity?: Record<string, string>
    allocatable?: Record<string, string>
  }
}
export interface Namespace extends KubeObject { spec?: { finalizers?: string[] }; status?: { phase?: 'Active' | 'Terminating' } }

/** Events are stored objects too (`kubectl describe` shows them; `kubectl get events` lists them). */
export interface KubeEvent extends KubeObject {
  involvedObject: { kind: string; namespace?: string; name: string; uid?: string; apiVersion?: string; fieldPath?: string }
  reason: string
  message: string
  type: 'Normal' | 'Warning'
  count?: number
  firstTimestamp?: string
  lastTimestamp?: string
  source?: { component?: string; host?: string }
}
