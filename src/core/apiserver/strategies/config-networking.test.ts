import { describe, it, expect } from 'vitest'
import { newTestStore, errorOf } from './testing.ts'
import type { KubeObject } from '../../api/types.ts'

const W = { cause: 'kubectl' }
/* eslint-disable @typescript-eslint/no-explicit-any */
const ing = (name: string, spec: Record<string, any>, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, annotations }, spec })
const backend = { service: { name: 'web', port: { number: 80 } } }

describe('ConfigMap and Secret', () => {
  it('config key message', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'bad key': 'x' } }, W))).toBe(
      "The ConfigMap \"cfg\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")
  })
  it('stringData merges into data as base64 and is dropped; type Opaque', () => {
    const s = newTestStore()
    const sec = s.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 's3cr3t!', note: 'héllo' } }, W)
    expect(sec.type).toBe('Opaque')
    expect(sec.stringData).toBeUndefined()
    expect(sec.data).toEqual({ user: 'YWRtaW4=', password: 'czNjcjN0IQ==', note: 'aMOpbGxv' })
  })
  it('tls secrets need tls.crt and tls.key; size limit; type immutable', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, type: 'kubernetes.io/tls', data: {} }, W))).toBe(
      'The Secret "tls" is invalid: \n* data[tls.crt]: Required value\n* data[tls.key]: Required value')
    const big = 'A'.repeat(1400000)
    expect(errorOf(() => s.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'big' }, data: { a: big } }, W))).toBe(
      'The Secret "big" is invalid: data: Too long: may not be longer than 1048576 bytes')
    s.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'o' }, data: {} }, W)
    expect(errorOf(() => s.update({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'o' }, type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, W))).toBe(
      'The Secret "o" is invalid: type: Invalid value: "kubernetes.io/tls": field is immutable')
  })
})

describe('Ingress (facts 4.7)', () => {
  const s = newTestStore()
  const cases: [string, Record<string, any>, string][] = [
    ['no rules, no default backend', {}, 'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
    ['IP host', { rules: [{ host: '1.2.3.4', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }, 'spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address'],
    ['no paths', { rules: [{ host: 'a.example.com', http: { paths: [] } }] }, 'spec.rules[0].http.paths: Required value'],
    ['no pathType', { rules: [{ http: { paths: [{ path: '/', backend }] } }] }, 'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ['relative path', { rules: [{ http: { paths: [{ path: 'foo', pathType: 'Prefix', backend }] } }] }, 'spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path'],
    ['double slash', { rules: [{ http: { paths: [{ path: '/a//b', pathType: 'Exact', backend }] } }] }, "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"],
    ['dot suffix', { rules: [{ http: { paths: [{ path: '/a/..', pathType: 'Exact', backend }] } }] }, "spec.rules[0].http.paths[0].path: Invalid value: \"/a/..\": cannot end with '/..'"],
    ['unknown pathType', { rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] }, 'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"'],
    ['no service name', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { port: { number: 80 } } } }] } }] }, 'spec.rules[0].http.paths[0].backend.service.name: Required value'],
    ['no port', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: {} } } }] } }] }, 'spec.rules[0].http.paths[0].backend: Required value: port name or number is required'],
    ['both ports', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }] } }] }, 'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number'],
    ['no backend', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: {} }] } }] }, 'spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required'],
  ]
  for (const [name, spec, want] of cases) {
    it(name, () => expect(errorOf(() => s.create(ing('x', spec), W))).toBe(`The Ingress "x" is invalid: ${want}`))
  }
  it('class annotation with the class field', () => {
    expect(errorOf(() => s.create(ing('x', { ingressClassName: 'nginx', defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'nginx' }), W))).toBe(
      'The Ingress "x" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "nginx": can not be set when the class field is also set')
  })
  it('wildcard hosts pass; the default IngressClass is filled in; generation starts at 1', () => {
    const s2 = newTestStore()
    s2.create({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } }, W)
    const o = s2.create(ing('web', { rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }), W)
    expect((o.spec as any).ingressClassName).toBe('nginx')
    expect(o.metadata.generation).toBe(1)
    expect(o.status).toEqual({ loadBalancer: {} })
  })
})

describe('EndpointSlice', () => {
  it('defaults port name and protocol; validates addresses', () => {
    const s = newTestStore()
    const es = s.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abcde' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.1.3'] }], ports: [{ port: 80 }] }, W)
    expect(es.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }])
    expect(es.metadata.generation).toBe(1)
    const u = s.update({ ...es, metadata: { ...es.metadata, resourceVersion: undefined }, endpoints: [{ addresses: ['10.244.1.4'] }] }, W)
    expect(u.metadata.generation).toBe(2)
    expect(errorOf(() => s.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'bad' }, addressType: 'IPv4', endpoints: [{ addresses: [] }, { addresses: ['10.0.0.300'] }], ports: [] }, W))).toBe(
      'The EndpointSlice "bad" is invalid: \n* endpoints[0].addresses: Required value: must contain at least 1 address\n* endpoints[1].addresses[0]: Invalid value: "10.0.0.300": must be a valid IPv4 address')
  })
})
