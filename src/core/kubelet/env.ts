// What a container sees of its pod: environment variables (Service links, env, envFrom, valueFrom refs to
// ConfigMaps, Secrets and the downward API) and the files of its configMap/secret volumes.

import type { ConfigMap, Container, KubeObject, Pod, Secret, Service } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'

function b64decode(s: string): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let bits = 0, acc = 0, out = ''
  for (const ch of s.replace(/[^A-Za-z0-9+/]/g, '')) {
    acc = (acc << 6) | abc.indexOf(ch)
    bits += 6
    if (bits >= 8) { bits -= 8; out += String.fromCharCode((acc >> bits) & 0xff) }
  }
  try { return decodeURIComponent(escape(out)) } catch { return out }
}

function secretData(s: Secret | undefined): Record<string, string> | undefined {
  if (!s) return undefined
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = b64decode(v)
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v
  return out
}

function serviceLinks(store: Store, ns: string): Record<string, string> {
  const out: Record<string, string> = {}
  const add = (svc: Service) => {
    const ip = svc.spec?.clusterIP
    if (!ip || ip === 'None' || !svc.spec.ports?.length) return
    const n = svc.metadata.name.toUpperCase().replace(/-/g, '_')
    const p0 = svc.spec.ports[0]
    out[`${n}_SERVICE_HOST`] = ip
    out[`${n}_SERVICE_PORT`] = String(p0.port)
    for (const p of svc.spec.ports) if (p.name) out[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port)
    const proto0 = (p0.protocol ?? 'TCP').toLowerCase()
    out[`${n}_PORT`] = `${proto0}://${ip}:${p0.port}`
    for (const p of svc.spec.ports) {
      const proto = (p.protocol ?? 'TCP')
      const pre = `${n}_PORT_${p.port}_${proto}`
      out[pre] = `${proto.toLowerCase()}://${ip}:${p.port}`
      out[`${pre}_PROTO`] = proto.toLowerCase()
      out[`${pre}_PORT`] = String(p.port)
      out[`${pre}_ADDR`] = ip
    }
  }
  const k = store.get('Service', 'default', 'kubernetes') as Service | undefined
  if (k) add(k)
  for (const s of store.list('Service', ns) as Service[]) if (!(ns === 'default' && s.metadata.name === 'kubernetes')) add(s)
  return out
}

/** The container's environment as `env` inside it prints it (PATH and HOSTNAME first, like the runtime). */
export function podEnv(store: Store, pod: Pod, c: Container): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default'
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: pod.spec.hostname ?? pod.metadata.name,
  }
  for (const ef of (c.envFrom ?? []) as { prefix?: string; configMapRef?: { name: string }; secretRef?: { name: string } }[]) {
    const data = ef.configMapRef
      ? (store.get('ConfigMap', ns, ef.configMapRef.name) as ConfigMap | undefined)?.data
      : ef.secretRef ? secretData(store.get('Secret', ns, ef.secretRef.name) as Secret | undefined) : undefined
    for (const [k, v] of Object.entries(data ?? {})) env[(ef.prefix ?? '') + k] = v
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) { env[e.name] = e.value.replace(/\$\((\w+)\)/g, (m, k) => env[k] ?? m); continue }
    const vf = (e.valueFrom ?? {}) as {
      configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string }
      fieldRef?: { fieldPath: string }
    }
    if (vf.configMapKeyRef) {
      const v = (store.get('ConfigMap', ns, vf.configMapKeyRef.name) as ConfigMap | undefined)?.data?.[vf.configMapKeyRef.key]
      if (v !== undefined) env[e.name] = v
    } else if (vf.secretKeyRef) {
      const v = secretData(store.get('Secret', ns, vf.secretKeyRef.name) as Secret | undefined)?.[vf.secretKeyRef.key]
      if (v !== undefined) env[e.name] = v
    } else if (vf.fieldRef) {
      const f = vf.fieldRef.fieldPath
      const v = f === 'metadata.name' ? pod.metadata.name : f === 'metadata.namespace' ? ns : f === 'status.podIP' ? pod.status?.podIP
        : f === 'spec.nodeName' ? pod.spec.nodeName : f === 'status.hostIP' ? pod.status?.hostIP
        : f === 'spec.serviceAccountName' ? (pod.spec.serviceAccountName ?? 'default') : undefined
      if (v !== undefined) env[e.name] = v
    } else env[e.name] = ''
  }
  if (pod.spec.enableServiceLinks !== false) Object.assign(env, serviceLinks(store, ns))
  else Object.assign(env, serviceLinks(store, '\u0000'))
  env.HOME = env.HOME ?? '/root'
  return env
}

/** A file under one of the container's configMap or secret volume mounts, or undefined. */
export function readPodFile(store: Store, pod: Pod, c: Container, path: string): string | undefined {
  const ns = pod.metadata.namespace ?? 'default'
  for (const m of c.volumeMounts ?? []) {
    const mp = m.mountPath.replace(/\/$/, '')
    const target = m.subPath ? mp : mp + '/'
    if (!(path === mp || path.startsWith(target))) continue
    const vol = (pod.spec.volumes ?? []).find((v) => v.name === m.name) as
      | { configMap?: { name: string; items?: { key: string; path: string }[] }; secret?: { secretName: string; items?: { key: string; path: string }[] } }
      | undefined
    if (!vol) continue
    let data: Record<string, string> | undefined
    let items: { key: string; path: string }[] | undefined
    if (vol.configMap) { data = (store.get('ConfigMap', ns, vol.configMap.name) as ConfigMap | undefined)?.data; items = vol.configMap.items }
    else if (vol.secret) { data = secretData(store.get('Secret', ns, vol.secret.secretName) as KubeObject as Secret); items = vol.secret.items }
    if (!data) continue
    const files: Record<string, string> = {}
    if (items) for (const it of items) { if (data[it.key] !== undefined) files[it.path] = data[it.key] }
    else Object.assign(files, data)
    if (m.subPath) { if (path === mp) return files[m.subPath]; continue }
    const rel = path.slice(target.length)
    if (files[rel] !== undefined) return files[rel]
  }
  return undefined
}
