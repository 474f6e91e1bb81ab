// The Go struct field order of the k8s.io/api types kubectl builds itself (create <kind>, run, expose): typed
// objects are encoded by encoding/json in declaration order, unlike unstructured objects (maps, sorted keys).
// One line per struct: `jsonName[?|*][:Type]` in declaration order. `?` = omitempty (dropped when empty: '', 0,
// false, empty map/slice), `*` = omitempty pointer (dropped only when nil), no mark = always written (structs, or
// fields without omitempty). Type: a struct of this table, `[T]` a slice of T, `map` a map (keys sorted).

const STRUCTS: Record<string, string> = {
  // TypeMeta is inlined first; apimachinery pkg/apis/meta/v1
  Object: 'kind? apiVersion? metadata:ObjectMeta',
  ObjectMeta: 'name? generateName? namespace? selfLink? uid? resourceVersion? generation? creationTimestamp deletionTimestamp* ' +
    'deletionGracePeriodSeconds* labels?:map annotations?:map ownerReferences?:[OwnerReference] finalizers? managedFields?:[ManagedFieldsEntry]',
  OwnerReference: 'apiVersion kind name uid controller* blockOwnerDeletion*',
  ManagedFieldsEntry: 'manager? operation? apiVersion? time* fieldsType? fieldsV1* subresource?',
  LabelSelector: 'matchLabels?:map matchExpressions?:[LabelSelectorRequirement]',
  LabelSelectorRequirement: 'key operator values?',
  Condition: 'type status observedGeneration? lastTransitionTime reason message',

  // core/v1
  Namespace: 'spec:NamespaceSpec status:NamespaceStatus',
  NamespaceSpec: 'finalizers?',
  NamespaceStatus: 'phase? conditions?:[NamespaceCondition]',
  NamespaceCondition: 'type status lastTransitionTime? reason? message?',
  ConfigMap: 'immutable* data?:map binaryData?:map',
  Secret: 'immutable* data?:map stringData?:map type?',
  Pod: 'spec:PodSpec status:PodStatus',
  PodTemplateSpec: 'metadata:ObjectMeta spec:PodSpec',
  PodSpec: 'volumes?:[Volume] initContainers?:[Container] containers:[Container] ephemeralContainers?:[Container] restartPolicy? ' +
    'terminationGracePeriodSeconds* activeDeadlineSeconds* dnsPolicy? nodeSelector?:map serviceAccountName? serviceAccount? ' +
    'automountServiceAccountToken* nodeName? hostNetwork? hostPID? hostIPC? shareProcessNamespace* securityContext* ' +
    'imagePullSecrets?:[LocalObjectReference] hostname? subdomain? affinity* schedulerName? tolerations?:[Toleration] hostAliases? ' +
    'priorityClassName? priority* dnsConfig* readinessGates? runtimeClassName* enableServiceLinks* preemptionPolicy* overhead?:map ' +
    'topologySpreadConstraints? setHostnameAsFQDN* os* hostUsers* schedulingGates? resourceClaims? resources*:ResourceRequirements',
  Container: 'name image? command? args? workingDir? ports?:[ContainerPort] envFrom?:[EnvFromSource] env?:[EnvVar] ' +
    'resources:ResourceRequirements resizePolicy? restartPolicy* volumeMounts?:[VolumeMount] volumeDevices? livenessProbe*:Probe ' +
    'readinessProbe*:Probe startupProbe*:Probe lifecycle* terminationMessagePath? terminationMessagePolicy? imagePullPolicy? ' +
    'securityContext* stdin? stdinOnce? tty?',
  ContainerPort: 'name? hostPort? containerPort protocol? hostIP?',
  EnvVar: 'name value? valueFrom*:EnvVarSource',
  EnvVarSource: 'fieldRef*:ObjectFieldSelector resourceFieldRef* configMapKeyRef*:KeySelector secretKeyRef*:KeySelector',
  ObjectFieldSelector: 'apiVersion? fieldPath',
  KeySelector: 'name? key optional*',
  EnvFromSource: 'prefix? configMapRef*:OptionalRef secretRef*:OptionalRef',
  OptionalRef: 'name? optional*',
  LocalObjectReference: 'name?',
  ResourceRequirements: 'limits?:map requests?:map claims?',
  VolumeMount: 'name readOnly? recursiveReadOnly* mountPath subPath? mountPropagation* subPathExpr?',
  Volume: 'name hostPath* emptyDir* secret* configMap* persistentVolumeClaim* projected* downwardAPI*',
  Probe: 'exec* httpGet* tcpSocket* grpc* initialDelaySeconds? timeoutSeconds? periodSeconds? successThreshold? failureThreshold? terminationGracePeriodSeconds*',
  Toleration: 'key? operator? value? effect? tolerationSeconds*',
  PodStatus: 'phase? conditions?:[PodCondition] message? reason? nominatedNodeName? hostIP? hostIPs? podIP? podIPs? startTime* ' +
    'initContainerStatuses?:[ContainerStatus] containerStatuses?:[ContainerStatus] qosClass? ephemeralContainerStatuses?:[ContainerStatus] resize? resourceClaimStatuses?',
  PodCondition: 'type status lastProbeTime? lastTransitionTime? reason? message?',
  ContainerStatus: 'name state?:ContainerState lastState?:ContainerState ready restartCount image imageID containerID? started* ' +
    'allocatedResources?:map resources* volumeMounts? user* allocatedResourcesStatus?',
  ContainerState: 'waiting* running* terminated*',
  Service: 'spec:ServiceSpec status:ServiceStatus',
  ServiceSpec: 'ports?:[ServicePort] selector?:map clusterIP? clusterIPs? type? externalIPs? sessionAffinity? loadBalancerIP? ' +
    'loadBalancerSourceRanges? externalName? externalTrafficPolicy? healthCheckNodePort? publishNotReadyAddresses? ' +
    'sessionAffinityConfig*:SessionAffinityConfig ipFamilies? ipFamilyPolicy* allocateLoadBalancerNodePorts* loadBalancerClass* ' +
    'internalTrafficPolicy* trafficDistribution*',
  ServicePort: 'name? protocol? appProtocol* port targetPort? nodePort?',
  SessionAffinityConfig: 'clientIP*:ClientIPConfig',
  ClientIPConfig: 'timeoutSeconds*',
  ServiceStatus: 'loadBalancer?:LoadBalancerStatus conditions?:[Condition]',
  LoadBalancerStatus: 'ingress?:[LoadBalancerIngress]',
  LoadBalancerIngress: 'ip? hostname? ipMode* ports?:[PortStatus]',
  PortStatus: 'port protocol error*',

  // apps/v1
  Deployment: 'spec:DeploymentSpec status:DeploymentStatus',
  DeploymentSpec: 'replicas* selector*:LabelSelector template:PodTemplateSpec strategy?:DeploymentStrategy minReadySeconds? ' +
    'revisionHistoryLimit* paused? progressDeadlineSeconds*',
  DeploymentStrategy: 'type? rollingUpdate*:RollingUpdateDeployment',
  RollingUpdateDeployment: 'maxUnavailable* maxSurge*',
  DeploymentStatus: 'observedGeneration? replicas? updatedReplicas? readyReplicas? availableReplicas? unavailableReplicas? ' +
    'conditions?:[DeploymentCondition] collisionCount*',
  DeploymentCondition: 'type status lastUpdateTime? lastTransitionTime? reason? message?',

  // networking.k8s.io/v1
  Ingress: 'spec?:IngressSpec status?:IngressStatus',
  IngressSpec: 'ingressClassName* defaultBackend*:IngressBackend tls?:[IngressTLS] rules?:[IngressRule]',
  IngressTLS: 'hosts? secretName?',
  IngressRule: 'host? http*:HTTPIngressRuleValue',
  HTTPIngressRuleValue: 'paths:[HTTPIngressPath]',
  HTTPIngressPath: 'path? pathType* backend:IngressBackend',
  IngressBackend: 'service*:IngressServiceBackend resource*',
  IngressServiceBackend: 'name port?:ServiceBackendPort',
  ServiceBackendPort: 'name? number?',
  IngressStatus: 'loadBalancer?:IngressLoadBalancerStatus',
  IngressLoadBalancerStatus: 'ingress?:[IngressLoadBalancerIngress]',
  IngressLoadBalancerIngress: 'ip? hostname? ports?:[PortStatus]',
}

export type Omit = 'empty' | 'nil' | 'never'
export interface FieldSpec { name: string; omit: Omit; type?: string; list: boolean }

const parsed = new Map<string, FieldSpec[]>()

/** The fields of a struct of the table, in declaration order; the top-level kinds start with TypeMeta/ObjectMeta. */
export function structFields(struct: string): FieldSpec[] | undefined {
  const hit = parsed.get(struct)
  if (hit) return hit
  const def = STRUCTS[struct]
  if (def === undefined) return undefined
  const top = TOP_LEVEL.has(struct) ? STRUCTS.Object + ' ' : ''
  const fields = (top + def).split(/\s+/).filter(Boolean).map((tok): FieldSpec => {
    const m = /^([A-Za-z0-9]+)([?*]?)(?::(\[?)([A-Za-z]+)\]?)?$/.exec(tok)
    if (!m) throw new Error(`bad field spec ${tok} in ${struct}`)
    return { name: m[1], omit: m[2] === '?' ? 'empty' : m[2] === '*' ? 'nil' : 'never', type: m[4], list: m[3] === '[' }
  })
  parsed.set(struct, fields)
  return fields
}

/** The kinds the table knows as typed top-level objects (TypeMeta and ObjectMeta first). */
const TOP_LEVEL = new Set(['Namespace', 'ConfigMap', 'Secret', 'Pod', 'Service', 'Deployment', 'Ingress'])

export function isTypedKind(kind: string): boolean {
  return TOP_LEVEL.has(kind)
}
