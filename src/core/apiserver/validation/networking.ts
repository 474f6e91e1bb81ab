// Ingress and IngressClass validation (k/k pkg/apis/networking/validation: ValidateIngressCreate,
// ValidateIngressSpec, validateHTTPIngressPath, validateIngressBackend, ValidateIngressClass).
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'
import { validateObjectMeta } from './meta.ts'
import { isDNS1035Label, isDNS1123Subdomain, isValidIP, isValidPortName, isValidPortNum, regexError } from './names.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const WILDCARD_FMT = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'
const WILDCARD_MSG = "a wildcard RFC 1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character"

function isWildcardSubdomain(v: string): string[] {
  const errs: string[] = []
  if (v.length > 253) errs.push('must be no more than 253 characters')
  if (!new RegExp('^' + WILDCARD_FMT + '$').test(v)) errs.push(regexError(WILDCARD_MSG, WILDCARD_FMT, '*.example.com'))
  return errs
}

function validateHost(host: string, path: string): FieldError[] {
  const msgs = host.includes('*') ? isWildcardSubdomain(host) : isDNS1123Subdomain(host)
  return msgs.map((m) => ({ type: 'Invalid', field: path, value: host, detail: m }))
}

function validateBackend(b: Obj, path: string): FieldError[] {
  const hasRes = isObj(b.resource), hasSvc = isObj(b.service)
  if (hasRes && hasSvc) return [{ type: 'Invalid', field: path, value: '', detail: 'cannot set both resource and service backends' }]
  if (hasRes) {
    const errs: FieldError[] = []
    if (!b.resource.kind) errs.push({ type: 'Required', field: path + '.resource.kind' })
    if (!b.resource.name) errs.push({ type: 'Required', field: path + '.resource.name' })
    return errs
  }
  if (!hasSvc) return [{ type: 'Invalid', field: path, value: '', detail: 'resource or service backend is required' }]
  const errs: FieldError[] = []
  const svc = b.service
  if (!svc.name) errs.push({ type: 'Required', field: path + '.service.name' })
  else for (const m of isDNS1035Label(svc.name)) errs.push({ type: 'Invalid', field: path + '.service.name', value: svc.name, detail: m })
  const port = isObj(svc.port) ? svc.port : {}
  const hasName = typeof port.name === 'string' && port.name.length > 0
  const hasNum = typeof port.number === 'number' && port.number !== 0
  if (hasName && hasNum) errs.push({ type: 'Invalid', field: path, value: '', detail: 'cannot set both port name & port number' })
  else if (hasName) for (const m of isValidPortName(port.name)) errs.push({ type: 'Invalid', field: path + '.service.port.name', value: port.name, detail: m })
  else if (hasNum) for (const m of isValidPortNum(port.number)) errs.push({ type: 'Invalid', field: path + '.service.port.number', value: port.number, detail: m })
  else errs.push({ type: 'Required', field: path, detail: 'port name or number is required' })
  return errs
}

function validatePath(p: Obj, path: string): FieldError[] {
  if (p.pathType === undefined || p.pathType === null) return [{ type: 'Required', field: path + '.pathType', detail: 'pathType must be specified' }]
  const errs: FieldError[] = []
  const v = typeof p.path === 'string' ? p.path : ''
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!v.startsWith('/')) errs.push({ type: 'Invalid', field: path + '.path', value: v, detail: 'must be an absolute path' })
      if (v.length > 0) {
        for (const seq of ['//', '/./', '/../', '%2f', '%2F']) if (v.includes(seq)) errs.push({ type: 'Invalid', field: path + '.path', value: v, detail: `must not contain '${seq}'` })
        for (const suf of ['/..', '/.']) if (v.endsWith(suf)) errs.push({ type: 'Invalid', field: path + '.path', value: v, detail: `cannot end with '${suf}'` })
      }
      break
    case 'ImplementationSpecific':
      if (v.length > 0 && !v.startsWith('/')) errs.push({ type: 'Invalid', field: path + '.path', value: v, detail: 'must be an absolute path' })
      break
    default:
      errs.push({ type: 'NotSupported', field: path + '.pathType', value: p.pathType, supported: ['Exact', 'ImplementationSpecific', 'Prefix'] })
  }
  errs.push(...validateBackend(isObj(p.backend) ? p.backend : {}, path + '.backend'))
  return errs
}

export function validateIngress(ing: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ing, isDNS1123Subdomain)
  const spec: Obj = isObj(ing.spec) ? ing.spec : {}
  const rules: Obj[] | undefined = Array.isArray(spec.rules) ? spec.rules : undefined
  if (!rules?.length && !isObj(spec.defaultBackend)) {
    errs.push({ type: 'Invalid', field: 'spec', valueText: rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)', detail: 'either `defaultBackend` or `rules` must be specified' })
  }
  if (isObj(spec.defaultBackend)) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'))
  ;(rules ?? []).forEach((r, i) => {
    const p = `spec.rules[${i}]`
    const rule = isObj(r) ? r : {}
    if (typeof rule.host === 'string' && rule.host) {
      if (isValidIP(rule.host)) errs.push({ type: 'Invalid', field: p + '.host', value: rule.host, detail: 'must be a DNS name, not an IP address' })
      errs.push(...validateHost(rule.host, p + '.host'))
    }
    if (isObj(rule.http)) {
      const paths: Obj[] = Array.isArray(rule.http.paths) ? rule.http.paths : []
      if (paths.length === 0) errs.push({ type: 'Required', field: p + '.http.paths' })
      paths.forEach((hp, j) => errs.push(...validatePath(isObj(hp) ? hp : {}, `${p}.http.paths[${j}]`)))
    }
  })
  ;(Array.isArray(spec.tls) ? spec.tls : []).forEach((t: Obj, i: number) => {
    ;(Array.isArray(t?.hosts) ? t.hosts : []).forEach((h: string, j: number) => errs.push(...validateHost(String(h), `spec.tls[${i}].hosts[${j}]`)))
    if (typeof t?.secretName === 'string' && t.secretName) {
      for (const m of isDNS1123Subdomain(t.secretName)) errs.push({ type: 'Invalid', field: `spec.tls[${i}].secretName`, value: t.secretName, detail: m })
    }
  })
  if (typeof spec.ingressClassName === 'string') {
    for (const m of isDNS1123Subdomain(spec.ingressClassName)) errs.push({ type: 'Invalid', field: 'spec.ingressClassName', value: spec.ingressClassName, detail: m })
  }
  const ann = ing.metadata.annotations?.['kubernetes.io/ingress.class']
  if (ann !== undefined && spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    errs.push({ type: 'Invalid', field: 'annotations.kubernetes.io/ingress.class', value: ann, detail: 'can not be set when the class field is also set' })
  }
  return errs
}

export function validateIngressClass(ic: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ic, isDNS1123Subdomain)
  const spec: Obj = isObj(ic.spec) ? ic.spec : {}
  const c = spec.controller
  if (!c) errs.push({ type: 'Required', field: 'spec.controller' })
  else if (String(c).length > 250) errs.push({ type: 'TooLong', field: 'spec.controller', detail: 'may not be longer than 250 bytes' })
  else {
    const [prefix, ...rest] = String(c).split('/')
    if (!rest.length || isDNS1123Subdomain(prefix).length) {
      errs.push({ type: 'Invalid', field: 'spec.controller', value: c, detail: 'must be a domain-prefixed path (such as "acme.io/foo")' })
    }
  }
  return errs
}

export function validateIngressClassUpdate(ic: KubeObject, old: KubeObject): FieldError[] {
  const n = (ic.spec as Obj | undefined)?.controller, o = (old.spec as Obj | undefined)?.controller
  const errs: FieldError[] = n !== o ? [{ type: 'Invalid', field: 'spec.controller', value: n ?? '', detail: 'field is immutable' }] : []
  return [...errs, ...validateIngressClass(ic)]
}
