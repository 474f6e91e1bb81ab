// kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class] [--default-backend] [--annotation]:
// a networking.k8s.io/v1 Ingress built as kubectl's CreateIngressOptions does (`*` suffix = Prefix, else Exact).

import type { KubeObject } from '../../../core/api/types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr, str } from '../flags.ts'
import { CliError } from '../aggregate.ts'
import { GENERATOR_FLAGS } from '../dryrun.ts'
import { createGenerated, guarded, metaNamespace, nameArg } from './create-common.ts'

const RULE = /^([\w*\-.]*)(\/[^,=\n]*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$/

type Backend = { service: { name: string; port: { name?: string; number?: number } } }

function backend(svc: string): Backend {
  const [name, port] = svc.split(':')
  return { service: { name, port: /^-?\d+$/.test(port) ? { number: Number(port) } : { name: port } } }
}

function httpPath(pathsvc: string): Record<string, unknown> {
  const [p, svc] = pathsvc.split('=')
  let path = '/' + p
  let pathType = 'Exact'
  if (path.endsWith('*')) {
    pathType = 'Prefix'
    path = path.slice(0, -1)
  }
  return { backend: backend(svc), path, pathType }
}

export function buildIngress(inv: Invocation, name: string): KubeObject {
  const rules = arr(inv.flags, 'rule'), annotations = arr(inv.flags, 'annotation')
  const cls = str(inv.flags, 'class'), defaultBackend = str(inv.flags, 'default-backend')
  if (!defaultBackend && rules.length === 0) {
    throw new CliError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)')
  }
  for (const r of rules) if (!RULE.test(r)) throw new CliError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`)
  for (const a of annotations) if (!a.includes('=')) throw new CliError(`annotation ${a} is invalid and should be in format key=[value]`)
  if (defaultBackend && defaultBackend.split(':').length !== 2) throw new CliError('default-backend should be in format servicename:serviceport')

  const ann: Record<string, string> = {}
  for (const a of annotations) {
    const i = a.indexOf('=')
    ann[a.slice(0, i)] = a.slice(i + 1)
  }
  // spec.tls: one entry per secret, hosts added once
  const tls: { hosts?: string[]; secretName?: string }[] = []
  const seenHost = new Set<string>()
  for (const r of rules) {
    const parts = r.split(',')
    if (parts.length !== 2) continue
    const host = r.split('/')[0]
    const sn = parts[1].split('=')
    const secret = sn.length > 1 ? sn[1] : ''
    const idx = tls.findIndex((t) => (t.secretName ?? '') === secret)
    if (seenHost.has(host)) continue
    if (idx > -1) {
      tls[idx].hosts = [...(tls[idx].hosts ?? []), host]
      seenHost.add(host)
      continue
    }
    const entry: { hosts?: string[]; secretName?: string } = {}
    if (host) entry.hosts = [host]
    if (secret) entry.secretName = secret
    if (entry.hosts || entry.secretName) tls.push(entry)
    seenHost.add(host)
  }
  // spec.rules: paths grouped by host, in rule order
  const ingRules: { host?: string; http: { paths: Record<string, unknown>[] } }[] = []
  for (const r of rules) {
    const noTls = r.split(',')[0]
    const slash = noTls.indexOf('/')
    const host = noTls.slice(0, slash)
    const p = httpPath(noTls.slice(slash + 1))
    const existing = ingRules.find((x) => (x.host ?? '') === host)
    if (existing) {
      existing.http.paths.push(p)
      continue
    }
    ingRules.push({ ...(host ? { host } : {}), http: { paths: [p] } })
  }
  const spec: Record<string, unknown> = {}
  if (defaultBackend) spec.defaultBackend = backend(defaultBackend)
  if (cls) spec.ingressClassName = cls
  if (ingRules.length) spec.rules = ingRules
  if (tls.length) spec.tls = tls
  const metadata: Record<string, unknown> = {}
  if (Object.keys(ann).length) metadata.annotations = Object.fromEntries(Object.keys(ann).sort().map((k) => [k, ann[k]]))
  Object.assign(metadata, { creationTimestamp: null, name, ...metaNamespace(inv) })
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: metadata as unknown as KubeObject['metadata'], spec, status: { loadBalancer: {} } }
}

export const createIngress: Verb = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  group: '',
  help: `Create an ingress with the specified name.

Aliases:
ingress, ing

Examples:
  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
  # svc1:8080 with a TLS secret "my-cert"
  kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"
  
  # Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
  kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"
  
  # Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2
  kubectl create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\
  --annotation ingress.annotation1=foo \\
  --annotation ingress.annotation2=bla
  
  # Create an ingress with the same host and multiple paths
  kubectl create ingress multipath --class=default \\
  --rule="foo.com/=svc:port" \\
  --rule="foo.com/admin/=svcadmin:portadmin"
  
  # Create an ingress with multiple hosts and the pathType as Prefix
  kubectl create ingress ingress1 --class=default \\
  --rule="foo.com/path*=svc:8080" \\
  --rule="bar.com/admin*=svc2:http"
  
  # Create an ingress with TLS enabled using the default ingress certificate and different path types
  kubectl create ingress ingtls --class=default \\
  --rule="foo.com/=svc:https,tls" \\
  --rule="foo.com/path/subpath*=othersvc:8080"
  
  # Create an ingress with TLS enabled using a specific secret and pathType as Prefix
  kubectl create ingress ingsecret --class=default \\
  --rule="foo.com/*=svc:8080,tls=secret1"
  
  # Create an ingress with a default backend
  kubectl create ingress ingdefault --class=default \\
  --default-backend=defaultsvc:http \\
  --rule="foo.com/*=svc:8080,tls=secret1"

Usage:
  kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]`,
  flags: [
    { name: 'class', type: 'string', default: '', usage: 'Ingress Class to be used' },
    { name: 'rule', type: 'stringArray', usage: "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional." },
    { name: 'default-backend', type: 'string', default: '', usage: 'Default service for backend, in format of svcname:port' },
    { name: 'annotation', type: 'stringArray', usage: 'Annotation to insert in the ingress object, in the format annotation=value' },
    ...GENERATOR_FLAGS,
  ],
  run: (inv) => guarded(inv, () => createGenerated(inv, buildIngress(inv, nameArg(inv)), 'failed to create ingress')),
}
