import { describe, it, expect } from 'vitest'
import { jsonSchemaFor, unknownFields, KIND_FIELDS } from './schema.ts'
import { strictDecodingError, decodeErrorText } from '../apiserver/validation/decode.ts'
import { kubectlErrorText } from '../apiserver/errors.ts'
import { RESOURCE_TYPES } from './kinds.ts'
import type { KubeObject } from './types.ts'

/* eslint-disable @typescript-eslint/no-explicit-any */
const deploy = (containers: any[], extra: Record<string, any> = {}): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } }, ...extra },
})

describe('strict field validation', () => {
  it('covers every served kind', () => {
    for (const t of RESOURCE_TYPES) expect(KIND_FIELDS[t.kind], t.kind).toBeDefined()
  })
  it('a valid manifest has no unknown fields', () => {
    expect(unknownFields(deploy([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 } } }]))).toEqual([])
    expect(unknownFields({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] }, status: { loadBalancer: {} } })).toEqual([])
  })
  it('gives paths with indices, keys sorted as kubectl sends JSON', () => {
    const d = deploy([{ name: 'web', image: 'nginx', imagePullPolicyz: 'Always' }], { replica: 3 })
    ;(d.metadata as any).app = 'x'
    expect(unknownFields(d)).toEqual(['metadata.app', 'spec.replica', 'spec.template.spec.containers[0].imagePullPolicyz'])
  })
  it('renders the BadRequest kubectl prints', () => {
    const e = strictDecodingError(deploy([{ name: 'web', image: 'nginx', imagePullPolicyz: 'Always' }]), { operation: 'creating', source: 'x.yaml' })!
    expect(kubectlErrorText(e)).toBe('Error from server (BadRequest): error when creating "x.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyz"')
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80, nodeport: 30080, targetport: 80 }] } } as KubeObject
    expect(strictDecodingError(svc)!.message).toBe('Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].nodeport", unknown field "spec.ports[0].targetport"')
    expect(strictDecodingError(deploy([{ name: 'web', image: 'nginx' }]))).toBeUndefined()
  })
  it('type errors win over unknown fields, with Go struct and type names', () => {
    expect(decodeErrorText(deploy([{ name: 'web', image: 'nginx', bogus: 1 }], { replicas: '3' }))).toBe(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32')
    expect(decodeErrorText(deploy([{ name: 'web', image: 'nginx', ports: [{ containerPort: '80' }] }]))).toBe(
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32')
    expect(decodeErrorText({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: '80' }] } })).toBe(
      'json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32')
    expect(decodeErrorText({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: { b: 1 } } })).toBe(
      'json: cannot unmarshal object into Go struct field ConfigMap.data of type string')
    expect(decodeErrorText({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { version: 1.0 } }, spec: { containers: [] } })).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string')
    expect(decodeErrorText(deploy([{ name: 'web', image: 'nginx' }], { replicas: 1.5 }))).toBe(
      'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32')
    expect(decodeErrorText(deploy({ name: 'web' } as any))).toBe(
      'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container')
    expect(decodeErrorText(deploy([{ name: 'web', image: 'nginx', resources: { limits: { cpu: 'lots' } } }]))).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    expect(decodeErrorText({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { a: 'not base64!' } })).toBe('illegal base64 data at input byte 3')
    expect(strictDecodingError({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x' }, spec: { tls: [{ secretNmae: 'x' }] } })!.message).toBe(
      'Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: unknown field "spec.tls[0].secretNmae"')
  })
  it('exports closed JSON Schemas for the editor', () => {
    const s = jsonSchemaFor('Deployment')!
    expect(s.additionalProperties).toBe(false)
    const c = s.properties!.spec.properties!.template.properties!.spec.properties!.containers.items!
    expect(c.additionalProperties).toBe(false)
    expect(c.properties!.imagePullPolicy).toEqual({ type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] })
    expect(s.properties!.metadata.properties!.labels).toEqual({ type: 'object', additionalProperties: { type: 'string' } })
    expect(jsonSchemaFor('Service')!.properties!.spec.properties!.ports.items!.properties!.targetPort).toEqual({ type: ['integer', 'string'] })
    expect(jsonSchemaFor('Nope')).toBeUndefined()
  })
})
