// The kubelet's makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go): service links, envFrom, env with
// $(VAR) expansion and valueFrom (configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef), and the errors
// that leave a container in CreateContainerConfigError. Go map iteration order is random; the lab draws
// one fixed order per container instance from its id.

import type { ConfigMap, Container, Node, Pod, Secret, Service } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { fnv32a } from '../controller/hash.ts'

export function b64decode(s: string): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let bits = 0, acc = 0, out = ''
  for (const ch of s.replace(/[^A-Za-z0-9+/]/g, '')) {
    acc = ((acc << 6) | abc.indexOf(ch)) & 0xffffff
    bits += 6
    if (bits >= 8) { bits -= 8; out += String.fromCharCode((acc >> bits) & 0xff) }
  }
  try { return decodeURIComponent(escape(out)) } catch { return out }
}

/** A Secret's data decoded (stringData too, for objects that never went through the API server). */
export function secretData(s: Secret | undefined): Record<string, string> | undefined {
  if (!s) return undefined
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = b64decode(v)
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v
  return out
}

/** ConfigMap data plus binaryData decoded. */
export function configMapData(cm: ConfigMap | undefined): Record<string, string> | undefined {
  if (!cm) return undefined
  const out: Record<string, string> = { ...(cm.data ?? {}) }
  for (const [k, v] of Object.entries(((cm as { binaryData?: Record<string, string> }).binaryData) ?? {})) out[k] = b64decode(v)
  return out
}

const envName = (s: string) => s.toUpperCase().replace(/-/g, '_')

/** pkg/kubelet/envvars FromServices for the services a pod in `ns` sees (kubernetes always, others with enableServiceLinks). */
export function serviceEnv(store: Store, ns: string, links: boolean): Record<string, string> {
  const out: Record<string, string> = {}
  const seen = new Map<string, Service>()
  for (const s of store.list('Service') as Service[]) {
    const ip = s.spec?.clusterIP
    if (!ip || ip === 'None') continue
    const n = s.metadata.name
    if (s.metadata.namespace === 'default' && n === 'kubernetes') { if (!seen.has(n)) seen.set(n, s) }
    else if (s.metadata.namespace === ns && links) seen.set(n, s)
  }
  for (const svc of seen.values()) {
    const ports = svc.spec.ports ?? []
    if (!ports.length) continue
    const n = envName(svc.metadata.name)
    const ip = svc.spec.clusterIP!
    const host = ip.includes(':') ? `[${ip}]` : ip
    out[`${n}_SERVICE_HOST`] = ip
    out[`${n}_SERVICE_PORT`] = String(ports[0].port)
    for (const p of ports) if (p.name) out[`${n}_SERVICE_PORT_${envName(p.name)}`] = String(p.port)
    out[`${n}_PORT`] = `${(ports[0].protocol ?? 'TCP').toLowerCase()}://${host}:${ports[0].port}`
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP'
      const pre = `${n}_PORT_${p.port}_${proto}`
      out[pre] = `${proto.toLowerCase()}://${host}:${p.port}`
      out[`${pre}_PROTO`] = proto.toLowerCase()
      out[`${pre}_PORT`] = String(p.port)
      out[`${pre}_ADDR`] = ip
    }
  }
  return out
}

/** third_party/forked/golang/expansion: `$(VAR)` from the mapping, `$$` escapes, unknown references stay. */
export function expand(v: string, lookup: (k: string) => string | undefined): string {
  return v.replace(/\$\$|\$\(([^)]*)\)/g, (m, k: string | undefined) => (m === '$$' ? '$' : lookup(k!) ?? m))
}

/** A fixed stand-in for Go's random map iteration order, drawn from `seed`. */
export function mapOrder(keys: string[], seed: string): string[] {
  return keys.map((k) => [fnv32a(seed + '\u0000' + k), k] as const).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)).map((x) => x[1])
}

type Ref = { name: string; key: string; optional?: boolean }
type EnvFrom = { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }
type ValueFrom = {
  configMapKeyRef?: Ref; secretKeyRef?: Ref; fieldRef?: { fieldPath: string }
  resourceFieldRef?: { containerName?: string; resource: string; divisor?: string | number }
}

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6, m: 1e-3, u: 1e-6, n: 1e-9 }
/** A resource.Quantity as a number. */
export function quantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined
  const m = /^([+-]?[\d.]+(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|[kMGTPEmun]?)$/.exec(String(q).trim())
  return m ? Number(m[1]) * SUFFIX[m[2]] : undefined
}

/** containerResourceRuntimeValue: the limit (or request), the node's allocatable when no limit, divided and rounded up. */
export function resourceValue(store: Store, pod: Pod, c: Container, ref: NonNullable<ValueFrom['resourceFieldRef']>): string {
  const target = ref.containerName ? pod.spec.containers.find((x) => x.name === ref.containerName) ?? c : c
  const res = (target.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> }
  const [kind, name] = ref.resource.split('.') as ['limits' | 'requests', string]
  const node = store.get('Node', undefined, pod.spec.nodeName ?? '') as Node | undefined
  const alloc = (node?.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {}
  const base = name === 'ephemeral-storage' ? 'ephemeral-storage' : name
  let v = quantity(res[kind]?.[base])
  if (v === undefined && kind === 'requests') v = quantity(res.limits?.[base])
  if (v === undefined) v = kind === 'limits' ? quantity(alloc[base]) : 0
  const div = quantity(ref.divisor ?? (name === 'cpu' ? '1' : '1')) || 1
  return String(Math.ceil((v ?? 0) / div - 1e-9))
}

/** A downward API fieldRef's value (`metadata.labels` whole: `key="value"` lines, sorted). */
export function fieldValue(pod: Pod, path: string): string {
  if (path === 'metadata.labels' || path === 'metadata.annotations') {
    const m = (path === 'metadata.labels' ? pod.metadata.labels : pod.metadata.annotations) ?? {}
    return Object.keys(m).sort().map((k) => `${k}=${JSON.stringify(m[k])}`).join('\n')
  }
  const lab = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path)
  if (lab) return (lab[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[lab[2]] ?? ''
  switch (path) {
    case 'metadata.name': return pod.metadata.name
    case 'metadata.namespace': return pod.metadata.namespace ?? 'default'
    case 'metadata.uid': return pod.metadata.uid ?? ''
    case 'spec.nodeName': return pod.spec.nodeName ?? ''
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? ''
    case 'status.hostIP': return pod.status?.hostIP ?? ''
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((x) => x.ip).join(',')
    case 'status.podIP': return pod.status?.podIP ?? ''
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((x) => x.ip).join(',')
    default: return ''
  }
}

export type EnvResult = { vars: [string, string][] } | { error: string }
/**
 * What makeEnvironmentVariables resolved for a container, the (Go map) ordering of the service variables left
 * for orderedVars: `user` the container's own variables in order, `svcEnv` the service links (shared, never mutated).
 */
export interface ResolvedEnv { user: [string, string][]; svcEnv: Record<string, string>; seed: string }
export type PreparedEnv = ResolvedEnv | { error: string }
const NO_VARS: [string, string][] = []

/** The variables of a ResolvedEnv in kubelet order, as makeEnvironmentVariables returns them (a new list). */
export function orderedVars(r: ResolvedEnv): [string, string][] {
  const vars = r.user.slice()
  const own = r.user.length ? new Set(r.user.map((e) => e[0])) : undefined
  for (const k of mapOrder(Object.keys(r.svcEnv), r.seed + '/svc')) if (!own?.has(k)) vars.push([k, r.svcEnv[k]])
  return vars
}

/** serviceEnv results per store, kept while its Services are unchanged (by links flag, then namespace) */
const serviceEnvs = new WeakMap<Store, { version: number; byLinks: [Map<string, Record<string, string>>, Map<string, Record<string, string>>] }>()

/** serviceEnv for the store's current Services; pods launched between two Service changes share one (never mutate it). */
export function currentServiceEnv(store: Store, ns: string, links: boolean): Record<string, string> {
  const version = store.kindVersion('Service')
  let c = serviceEnvs.get(store)
  if (!c || c.version !== version) serviceEnvs.set(store, (c = { version, byLinks: [new Map(), new Map()] }))
  const m = c.byLinks[links ? 1 : 0]
  let env = m.get(ns)
  if (!env) m.set(ns, (env = serviceEnv(store, ns, links)))
  return env
}

/** A ConfigMap's or Secret's data in `ns` (decoded), looked up once per name through `cache`. */
function objectData(store: Store, ns: string, kind: 'ConfigMap' | 'Secret', name: string, cache: Map<string, Record<string, string>>): Record<string, string> | undefined {
  if (!cache.has(name)) {
    const o = store.get(kind, ns, name)
    const d = kind === 'ConfigMap' ? configMapData(o as ConfigMap | undefined) : secretData(o as Secret | undefined)
    if (d) cache.set(name, d)
  }
  return cache.get(name)
}

/** The variables the kubelet hands the runtime for container `c` (kubelet order), or the error it reports. */
export function makeEnvironmentVariables(store: Store, pod: Pod, c: Container, seed: string): EnvResult {
  const p = prepareEnvironmentVariables(store, pod, c, seed)
  return 'error' in p ? p : { vars: orderedVars(p) }
}

/**
 * makeEnvironmentVariables as of now, its errors found at once, the ordering of the service variables left for
 * orderedVars: with service links a pod sees 7 variables per Service of its namespace, and ordering thousands
 * of them for every container whose environment nobody inspects would dominate the kubelet's work.
 */
export function prepareEnvironmentVariables(store: Store, pod: Pod, c: Container, seed: string): PreparedEnv {
  const ns = pod.metadata.namespace ?? 'default'
  const svcEnv = currentServiceEnv(store, ns, pod.spec.enableServiceLinks !== false)
  // (no closures made per call: tsx's keepNames turns each named one into a defineProperty call)
  const cms = new Map<string, Record<string, string>>()
  const secrets = new Map<string, Record<string, string>>()
  const tmp = new Map<string, string>()
  for (const ef of (c.envFrom ?? []) as EnvFrom[]) {
    const ref = ef.configMapRef ?? ef.secretRef
    if (!ref) continue
    const data = ef.configMapRef ? objectData(store, ns, 'ConfigMap', ref.name, cms) : objectData(store, ns, 'Secret', ref.name, secrets)
    if (!data) {
      if (ref.optional) continue
      return { error: `${ef.configMapRef ? 'configmap' : 'secret'} "${ref.name}" not found` }
    }
    for (const [k, v] of Object.entries(data)) tmp.set((ef.prefix ?? '') + k, v)
  }
  for (const e of c.env ?? []) {
    let v = e.value ?? ''
    if (v !== '') v = expand(v, (k) => tmp.get(k) ?? svcEnv[k])
    else if (e.valueFrom) {
      const vf = e.valueFrom as ValueFrom
      if (vf.fieldRef) v = fieldValue(pod, vf.fieldRef.fieldPath)
      else if (vf.resourceFieldRef) v = resourceValue(store, pod, c, vf.resourceFieldRef)
      else if (vf.configMapKeyRef || vf.secretKeyRef) {
        const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!
        const isCM = !!vf.configMapKeyRef
        const data = isCM ? objectData(store, ns, 'ConfigMap', ref.name, cms) : objectData(store, ns, 'Secret', ref.name, secrets)
        if (!data) {
          if (ref.optional) continue
          return { error: `${isCM ? 'configmap' : 'secret'} "${ref.name}" not found` }
        }
        if (!(ref.key in data)) {
          if (ref.optional) continue
          return { error: `couldn't find key ${ref.key} in ${isCM ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}` }
        }
        v = data[ref.key]
      }
    }
    tmp.set(e.name, v)
  }
  const user: [string, string][] = tmp.size ? mapOrder([...tmp.keys()], seed + '/env').map((k) => [k, tmp.get(k)!]) : NO_VARS
  return { user, svcEnv, seed }
}
