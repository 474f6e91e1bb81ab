// The lab's help after kubectl's "no matches for kind" error for a retired Ingress version (networking.k8s.io/v1beta1,
// extensions/v1beta1, not served since v1.22): the same Ingress rewritten as networking.k8s.io/v1 the way the API
// server's conversion maps it (serviceName/servicePort -> service.name/service.port.number|name, backend ->
// defaultBackend, a missing pathType -> ImplementationSpecific as v1beta1 defaulting set it), saved beside the source.

import { toYaml } from './printers/yaml.ts'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export const RETIRED_INGRESS_VERSIONS = ['networking.k8s.io/v1beta1', 'extensions/v1beta1']

function backendV1(b: unknown): Obj | undefined {
  if (!isObj(b)) return undefined
  if (b.resource) return { resource: b.resource }
  const port = b.servicePort
  const p = typeof port === 'number' || (typeof port === 'string' && /^\d+$/.test(port)) ? { number: Number(port) } : { name: String(port ?? '') }
  return { service: { name: b.serviceName, port: p } }
}

/** The v1 form of a v1beta1 Ingress object. */
export function ingressToV1(obj: Obj): Obj {
  const spec = isObj(obj.spec) ? obj.spec : {}
  const out: Obj = {}
  if (spec.ingressClassName !== undefined) out.ingressClassName = spec.ingressClassName
  const def = backendV1(spec.backend)
  if (def) out.defaultBackend = def
  if (Array.isArray(spec.tls)) out.tls = spec.tls
  if (Array.isArray(spec.rules)) {
    out.rules = spec.rules.map((r: unknown) => {
      if (!isObj(r)) return r
      const rule: Obj = {}
      if (r.host !== undefined) rule.host = r.host
      if (isObj(r.http)) {
        const paths = Array.isArray(r.http.paths) ? r.http.paths : []
        rule.http = {
          paths: paths.map((p: unknown) => {
            const hp = isObj(p) ? p : {}
            const o: Obj = {}
            if (hp.path !== undefined) o.path = hp.path
            o.pathType = hp.pathType ?? 'ImplementationSpecific'
            o.backend = backendV1(hp.backend) ?? {}
            return o
          }),
        }
      }
      return rule
    })
  }
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: obj.metadata ?? {}, spec: out }
}

export interface RewriteHint { hint: string; path: string; content: string }

/** For a retired Ingress version: the hint lines and the file to write (NAME-v1.yaml next to the source). */
export function retiredIngressHint(apiVersion: string, kind: string, obj: Obj, source: string, clusterVersion: string): RewriteHint | undefined {
  if (kind !== 'Ingress' || !RETIRED_INGRESS_VERSIONS.includes(apiVersion)) return undefined
  const name = isObj(obj.metadata) && typeof obj.metadata.name === 'string' && obj.metadata.name ? obj.metadata.name : 'ingress'
  const dir = source !== 'STDIN' && source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : ''
  const path = `${dir}${name}-v1.yaml`
  const hint = [
    `kubelab: ${apiVersion} Ingress is not served since Kubernetes v1.22 (this cluster runs ${clusterVersion}); networking.k8s.io/v1 replaces it.`,
    `kubelab: the same Ingress as networking.k8s.io/v1 (serviceName/servicePort -> service.name/service.port, pathType ImplementationSpecific where none was set) is saved in ${path}:`,
    `kubelab:   kubectl apply -f ${path}`,
  ].join('\n')
  return { hint, path, content: toYaml(ingressToV1(obj)) }
}
