// Defaulting as the API server's decoder applies it (k/k pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go,
// pkg/apis/discovery/v1/defaults.go): what `kubectl get -o yaml` shows on fields the user left out.
/* eslint-disable @typescript-eslint/no-explicit-any */

type Obj = Record<string, any>

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The tag of an image reference (`nginx:1.27` -> `1.27`, `nginx` -> `latest`, digest only -> ''). */
export function imageTag(image: string): string {
  const at = image.indexOf('@')
  const ref = at >= 0 ? image.slice(0, at) : image
  const lastSlash = ref.lastIndexOf('/')
  const colon = ref.indexOf(':', lastSlash + 1)
  if (colon >= 0) return ref.slice(colon + 1)
  return at >= 0 ? '' : 'latest'
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return
  p.timeoutSeconds ??= 1
  p.periodSeconds ??= 10
  p.successThreshold ??= 1
  p.failureThreshold ??= 3
  if (isObj(p.httpGet)) {
    p.httpGet.path ||= '/'
    p.httpGet.scheme ||= 'HTTP'
  }
  if (isObj(p.grpc)) p.grpc.service ??= ''
}

/** SetDefaults_Container (+ ContainerPort, Probe, HTTPGetAction). */
export function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent'
  c.terminationMessagePath ||= '/dev/termination-log'
  c.terminationMessagePolicy ||= 'File'
  if (!isObj(c.resources)) c.resources = {}
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) p.protocol ||= 'TCP'
  defaultProbe(c.readinessProbe)
  defaultProbe(c.livenessProbe)
  defaultProbe(c.startupProbe)
  if (Array.isArray(c.env)) {
    for (const e of c.env) {
      const fr = isObj(e) && isObj(e.valueFrom) ? e.valueFrom.fieldRef : undefined
      if (isObj(fr)) fr.apiVersion ||= 'v1'
    }
  }
}

function defaultVolume(v: Obj): void {
  for (const k of ['configMap', 'secret', 'downwardAPI', 'projected'] as const) {
    if (isObj(v[k])) v[k].defaultMode ??= 420
  }
  if (isObj(v.hostPath)) v.hostPath.type ??= ''
}

/** SetDefaults_PodSpec and the per-container defaults: shared by Pods and pod templates. */
export function defaultPodSpec(spec: Obj): void {
  spec.dnsPolicy ||= 'ClusterFirst'
  spec.restartPolicy ||= 'Always'
  if (!isObj(spec.securityContext)) spec.securityContext = {}
  spec.terminationGracePeriodSeconds ??= 30
  spec.schedulerName ||= 'default-scheduler'
  for (const list of [spec.containers, spec.initContainers]) {
    if (Array.isArray(list)) for (const c of list) if (isObj(c)) defaultContainer(c)
  }
  if (Array.isArray(spec.volumes)) for (const v of spec.volumes) if (isObj(v)) defaultVolume(v)
}

/** SetDefaults_Pod (the decoder part; admission defaults live in the Pod strategy). */
export function defaultPod(pod: Obj): void {
  if (!isObj(pod.spec)) return
  defaultPodSpec(pod.spec)
  // defaultHostNetworkPorts: a hostNetwork pod's container ports are host ports
  if (pod.spec.hostNetwork === true) {
    for (const list of [pod.spec.containers, pod.spec.initContainers]) {
      if (Array.isArray(list)) for (const c of list) if (isObj(c) && Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) p.hostPort ??= p.containerPort
    }
  }
  pod.spec.enableServiceLinks ??= true
}

function defaultTemplate(spec: Obj): void {
  if (isObj(spec.template) && isObj(spec.template.spec)) defaultPodSpec(spec.template.spec)
}

/** apps/v1 SetDefaults_Deployment. */
export function defaultDeployment(d: Obj): void {
  if (!isObj(d.spec)) return
  const s = d.spec
  s.replicas ??= 1
  if (!isObj(s.strategy)) s.strategy = {}
  s.strategy.type ||= 'RollingUpdate'
  if (s.strategy.type === 'RollingUpdate') {
    if (!isObj(s.strategy.rollingUpdate)) s.strategy.rollingUpdate = {}
    s.strategy.rollingUpdate.maxUnavailable ??= '25%'
    s.strategy.rollingUpdate.maxSurge ??= '25%'
  }
  s.revisionHistoryLimit ??= 10
  s.progressDeadlineSeconds ??= 600
  defaultTemplate(s)
}

/** apps/v1 SetDefaults_ReplicaSet. */
export function defaultReplicaSet(rs: Obj): void {
  if (!isObj(rs.spec)) return
  rs.spec.replicas ??= 1
  defaultTemplate(rs.spec)
}

/** Standard base64 of the UTF-8 bytes of s (no DOM/Node APIs in core). */
export function base64Encode(s: string): string {
  const bytes: number[] = []
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x80) bytes.push(cp)
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63))
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
  }
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63]
    out += i + 1 < bytes.length ? A[(n >> 6) & 63] : '='
    out += i + 2 < bytes.length ? A[n & 63] : '='
  }
  return out
}

/** Decoded byte length of base64 text, or undefined when it is not valid base64 (Go's StdEncoding). */
export function base64DecodedLength(s: string): number | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0
  return (s.length / 4) * 3 - pad
}

/** SetDefaults_Secret, and the v1 conversion that folds stringData into data (stringData wins) and drops it. */
export function defaultSecret(s: Obj): void {
  s.type ||= 'Opaque'
  if (isObj(s.stringData)) {
    if (!isObj(s.data)) s.data = {}
    for (const [k, v] of Object.entries(s.stringData)) s.data[k] = base64Encode(String(v ?? ''))
  }
  delete s.stringData
}

/** SetDefaults_Namespace (the immutable name label) and the strategy's spec/status. */
export function defaultNamespace(ns: Obj): void {
  const md = ns.metadata as Obj
  if (!isObj(md.labels)) md.labels = {}
  md.labels['kubernetes.io/metadata.name'] = md.name
  if (!isObj(ns.spec)) ns.spec = {}
  if (!Array.isArray(ns.spec.finalizers)) ns.spec.finalizers = ['kubernetes']
  if (!isObj(ns.status)) ns.status = { phase: 'Active' }
}

/** SetDefaults_Endpoints: port protocol TCP. */
export function defaultEndpoints(ep: Obj): void {
  if (!Array.isArray(ep.subsets)) return
  for (const ss of ep.subsets) {
    if (isObj(ss) && Array.isArray(ss.ports)) for (const p of ss.ports) if (isObj(p)) p.protocol ||= 'TCP'
  }
}

/** discovery/v1 SetDefaults_EndpointPort: name "" and protocol TCP. */
export function defaultEndpointSlice(es: Obj): void {
  if (!Array.isArray(es.ports)) return
  for (const p of es.ports) {
    if (!isObj(p)) continue
    p.name ??= ''
    p.protocol ||= 'TCP'
  }
}
