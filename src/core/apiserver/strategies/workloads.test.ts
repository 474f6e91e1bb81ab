import { describe, it, expect } from 'vitest'
import { newTestStore, errorOf } from './testing.ts'
import type { KubeObject } from '../../api/types.ts'

const W = { cause: 'kubectl' }
/* eslint-disable @typescript-eslint/no-explicit-any */
const deploy = (name: string, spec: Record<string, any>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec })
const tmpl = (labels: Record<string, string> | undefined, containers: any[] = [{ name: 'web', image: 'nginx:1.27' }]) =>
  ({ metadata: labels ? { labels } : {}, spec: { containers } })

describe('Deployment', () => {
  it('defaults as kubectl get -o yaml shows them', () => {
    const s = newTestStore()
    const d = s.create(deploy('web', { selector: { matchLabels: { app: 'web' } }, template: tmpl({ app: 'web' }) }), W)
    const spec = d.spec as any
    expect([spec.replicas, spec.strategy, spec.revisionHistoryLimit, spec.progressDeadlineSeconds]).toEqual(
      [1, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, 10, 600])
    expect(spec.template.spec).toEqual({
      containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
    })
    expect(d.metadata.generation).toBe(1)
    expect(d.status).toEqual({})
  })
  it('selector required and must match the template labels', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create(deploy('x', { template: tmpl({ app: 'x' }) }), W))).toBe(
      'The Deployment "x" is invalid: \n* spec.selector: Required value\n' +
      '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`')
    expect(errorOf(() => s.create(deploy('x', { selector: { matchLabels: { app: 'y' } }, template: tmpl({ app: 'x', tier: 'web' }) }), W))).toBe(
      'The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"web"}: `selector` does not match template `labels`')
  })
  it('replicas, containers, names, images, ports', () => {
    const s = newTestStore()
    const sel = { matchLabels: { app: 'x' } }
    expect(errorOf(() => s.create(deploy('x', { replicas: -1, selector: sel, template: tmpl({ app: 'x' }) }), W))).toBe(
      'The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0')
    expect(errorOf(() => s.create(deploy('x', { selector: sel, template: tmpl({ app: 'x' }, []) }), W))).toBe(
      'The Deployment "x" is invalid: spec.template.spec.containers: Required value')
    expect(errorOf(() => s.create(deploy('x', { selector: sel, template: tmpl({ app: 'x' }, [{ image: 'nginx' }]) }), W))).toBe(
      'The Deployment "x" is invalid: spec.template.spec.containers[0].name: Required value')
    expect(errorOf(() => s.create(deploy('x', { selector: sel, template: tmpl({ app: 'x' }, [{ name: 'web' }]) }), W))).toBe(
      'The Deployment "x" is invalid: spec.template.spec.containers[0].image: Required value')
    expect(errorOf(() => s.create(deploy('x', { selector: sel, template: tmpl({ app: 'x' }, [{ name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }] }]) }), W))).toBe(
      'The Deployment "x" is invalid: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive')
    expect(errorOf(() => s.create(deploy('x', { selector: sel, template: { ...tmpl({ app: 'x' }), spec: { containers: [{ name: 'web', image: 'nginx' }], restartPolicy: 'Never' } } }), W))).toBe(
      'The Deployment "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"')
  })
  it('spec.selector is immutable; template changes bump generation, scaling too', () => {
    const s = newTestStore()
    s.create(deploy('web', { selector: { matchLabels: { app: 'web' } }, template: tmpl({ app: 'web', v: '1' }) }), W)
    expect(errorOf(() => s.update(deploy('web', { selector: { matchLabels: { app: 'web', v: '2' } }, template: tmpl({ app: 'web', v: '2' }) }), W))).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable')
    const u = s.update(deploy('web', { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tmpl({ app: 'web', v: '1' }) }), W)
    expect(u.metadata.generation).toBe(2)
    const same = s.update(deploy('web', { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tmpl({ app: 'web', v: '1' }) }), W)
    expect(same.metadata.generation).toBe(2)
  })
  it('label validation on object and template', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create({ ...deploy('x', { selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x' }) }), metadata: { name: 'x', labels: { 'app name': 'x' } } }, W))).toBe(
      "The Deployment \"x\" is invalid: metadata.labels: Invalid value: \"app name\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
  })
})

describe('ReplicaSet', () => {
  it('defaults replicas to 1 and keeps status on update', () => {
    const s = newTestStore()
    const rs = s.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1' }, spec: { selector: { matchLabels: { app: 'web' } }, template: tmpl({ app: 'web' }) } }, W)
    expect((rs.spec as any).replicas).toBe(1)
    s.updateStatus('ReplicaSet', 'default', 'web-1', { replicas: 1, readyReplicas: 1 }, 'controller:replicaset')
    const u = s.update({ ...rs, metadata: { ...rs.metadata, resourceVersion: undefined }, status: { replicas: 9 } }, W)
    expect(u.status).toEqual({ replicas: 1, readyReplicas: 1 })
  })
})

describe('Pod', () => {
  it('image pull policy by tag', () => {
    const s = newTestStore()
    const pull = (image: string, name: string) =>
      (s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image }] } }, W).spec as any).containers[0].imagePullPolicy
    expect(pull('nginx', 'a')).toBe('Always')
    expect(pull('nginx:latest', 'b')).toBe('Always')
    expect(pull('nginx:1.27', 'c')).toBe('IfNotPresent')
    expect(pull('localhost:5000/app', 'd')).toBe('Always')
    expect(pull('registry.k8s.io/pause@sha256:abc', 'e')).toBe('IfNotPresent')
  })
  it('admission defaults: service account, tolerations, priority; no generation; Pending status', () => {
    const s = newTestStore()
    const p = s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }] }] } }, W)
    const spec = p.spec as any
    expect([spec.serviceAccountName, spec.serviceAccount, spec.enableServiceLinks, spec.priority, spec.preemptionPolicy]).toEqual(['default', 'default', true, 0, 'PreemptLowerPriority'])
    expect(spec.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ])
    expect(spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(spec.containers[0].volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: spec.volumes[0].name, readOnly: true }])
    expect(spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }])
    expect(p.metadata.generation).toBeUndefined()
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' })
  })
  it('duplicate container names and bad names', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'a' }, { name: 'c', image: 'b' }] } }, W))).toBe(
      'The Pod "p" is invalid: spec.containers[1].name: Duplicate value: "c"')
    expect(errorOf(() => s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'P_1' }, spec: { containers: [{ name: 'c', image: 'a' }] } }, W))).toBe(
      "The Pod \"P_1\" is invalid: metadata.name: Invalid value: \"P_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
    expect(errorOf(() => s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'a', imagePullPolicy: 'Maybe' }] } }, W))).toBe(
      'The Pod "p" is invalid: \n* spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"\n' +
      '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"')
  })
})

describe('Namespace', () => {
  it('label, finalizer, phase; DNS-1123 label names', () => {
    const s = newTestStore()
    const ns = s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, W)
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' })
    expect([ns.spec, ns.status, ns.metadata.generation]).toEqual([{ finalizers: ['kubernetes'] }, { phase: 'Active' }, undefined])
    expect(errorOf(() => s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev.team' } }, W))).toBe(
      "The Namespace \"dev.team\" is invalid: metadata.name: Invalid value: \"dev.team\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
  })
})

describe('speed', () => {
  it('1,000 Deployments and 1,000 Services in well under a second', () => {
    const s = newTestStore()
    const t0 = performance.now()
    for (let i = 0; i < 1000; i++) {
      s.create(deploy(`web-${i}`, { replicas: 3, selector: { matchLabels: { app: `web-${i}` } }, template: tmpl({ app: `web-${i}` }, [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }]) }), W)
      s.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: `web-${i}` }, spec: { type: i % 2 ? 'NodePort' : 'ClusterIP', selector: { app: `web-${i}` }, ports: [{ port: 80 }] } }, W)
    }
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})
