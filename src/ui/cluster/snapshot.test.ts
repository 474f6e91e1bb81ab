import { describe, it, expect } from 'vitest'
import { buildSnapshot, matchesSelector, visibleNamespace } from './snapshot.ts'
import { layoutCluster } from './layout.ts'
import { PROFILE, bareStore, pod, service, slice } from './fixtures.ts'

const userOnly = (ns: string) => visibleNamespace(ns, false)

describe('buildSnapshot', () => {
  it('places pods in their nodes with IP, phase, health and labels (no pod-template-hash)', () => {
    const store = bareStore()
    store.create(pod('web-1', { node: 'node01', ip: '10.244.1.5' }), { cause: 't' })
    store.create(pod('web-2', { node: 'node01', ip: '10.244.1.6', ready: false }), { cause: 't' })
    store.create(pod('web-3', { phase: 'Pending' }), { cause: 't' })
    const snap = buildSnapshot(store, PROFILE, userOnly)
    expect(snap.nodes.map((n) => [n.name, n.role, n.ip, n.podCIDR])).toEqual([
      ['controlplane', 'control-plane', '172.18.0.2', '10.244.0.0/24'],
      ['node01', 'worker', '172.18.0.3', '10.244.1.0/24'],
    ])
    const node01 = snap.nodes[1]
    expect(node01.pods.map((p) => [p.name, p.ip, p.phase, p.health])).toEqual([
      ['web-1', '10.244.1.5', 'Running', 'ready'],
      ['web-2', '10.244.1.6', 'Running', 'running'],
    ])
    expect(node01.pods[0].labels).toEqual([['app', 'web']])
    expect(snap.unscheduled.map((p) => [p.name, p.health])).toEqual([['web-3', 'pending']])
  })

  it('reads endpoints from EndpointSlices: by targetRef, else by IP, keeping readiness', () => {
    const store = bareStore()
    store.create(pod('web-1', { node: 'node01', ip: '10.244.1.5' }), { cause: 't' })
    store.create(pod('web-2', { node: 'node01', ip: '10.244.1.6' }), { cause: 't' })
    store.create(pod('other', { node: 'node01', ip: '10.244.1.7', labels: { app: 'web' } }), { cause: 't' })
    store.create(service('web', { app: 'web' }), { cause: 't' })
    // the slice is the truth: `other` matches the selector but is not in the slice
    store.create(slice('web', [{ ip: '10.244.1.5', pod: 'web-1' }, { ip: '10.244.1.6', ready: false }]), { cause: 't' })
    const [svc] = buildSnapshot(store, PROFILE, userOnly).services
    expect(svc).toMatchObject({ name: 'web', type: 'ClusterIP', clusterIP: '10.96.0.20', ports: '80/TCP', fromSlices: true })
    expect(svc.endpoints).toEqual([
      { target: 'default/web-1', ready: true },
      { target: 'default/web-2', ready: false },
    ])
  })

  it('falls back to the label selector when the Service has no slices', () => {
    const store = bareStore()
    store.create(pod('web-1', { node: 'node01', ip: '10.244.1.5' }), { cause: 't' })
    store.create(pod('web-2', { node: 'node01', ip: '10.244.1.6', ready: false }), { cause: 't' })
    store.create(pod('db', { node: 'node01', ip: '10.244.1.9', labels: { app: 'db' } }), { cause: 't' })
    store.create(service('web', { app: 'web' }), { cause: 't' })
    const [svc] = buildSnapshot(store, PROFILE, userOnly).services
    expect(svc.fromSlices).toBe(false)
    expect(svc.endpoints).toEqual([
      { target: 'default/web-1', ready: true },
      { target: 'default/web-2', ready: false },
    ])
  })

  it('links an endpoint on a node address (the kubernetes Service) to the node', () => {
    const store = bareStore()
    store.create(service('kubernetes', undefined), { cause: 't' })
    store.create(slice('kubernetes', [{ ip: '172.18.0.2' }]), { cause: 't' })
    const [svc] = buildSnapshot(store, PROFILE, userOnly).services
    expect(svc.endpoints).toEqual([{ target: 'node:controlplane', ready: true }])
  })

  it('filters namespaces: kube-system only on request', () => {
    const store = bareStore()
    store.create(pod('coredns-1', { ns: 'kube-system', node: 'controlplane', ip: '10.244.0.2' }), { cause: 't' })
    store.create(pod('api', { ns: 'dev', node: 'node01', ip: '10.244.1.2' }), { cause: 't' })
    const names = (show: boolean) =>
      buildSnapshot(store, PROFILE, (ns) => visibleNamespace(ns, show)).nodes.flatMap((n) => n.pods.map((p) => p.key))
    expect(names(false)).toEqual(['dev/api'])
    expect(names(true)).toEqual(['kube-system/coredns-1', 'dev/api'])
    expect(visibleNamespace('kube-node-lease', true)).toBe(false)
  })

  it('matches label selectors with expressions', () => {
    const labels = { app: 'web', tier: 'fe' }
    expect(matchesSelector(labels, { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] })).toBe(true)
    expect(matchesSelector(labels, { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] })).toBe(false)
    expect(matchesSelector(labels, { matchExpressions: [{ key: 'x', operator: 'Exists' }] })).toBe(false)
    expect(matchesSelector(labels, { matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] })).toBe(true)
  })
})

describe('layoutCluster', () => {
  it('puts Services above nodes, pods inside their node, and one edge per endpoint', () => {
    const store = bareStore()
    store.create(pod('web-1', { node: 'node01', ip: '10.244.1.5' }), { cause: 't' })
    store.create(pod('web-2', { node: 'node01', ip: '10.244.1.6' }), { cause: 't' })
    store.create(service('web', { app: 'web' }), { cause: 't' })
    const l = layoutCluster(buildSnapshot(store, PROFILE, userOnly))
    const node = l.nodes.get('node01')!
    const svc = l.services.get('default/web')!
    expect(svc.y + svc.h).toBeLessThan(node.y)
    for (const key of ['default/web-1', 'default/web-2']) {
      const p = l.pods.get(key)!
      expect(p.x).toBeGreaterThanOrEqual(node.x)
      expect(p.x + p.w).toBeLessThanOrEqual(node.x + node.w)
      expect(p.y + p.h).toBeLessThanOrEqual(node.y + node.h)
    }
    expect(l.pods.get('default/web-2')!.y).toBeGreaterThan(l.pods.get('default/web-1')!.y)
    expect(l.edges.map((e) => e.key)).toEqual(['default/web->default/web-1', 'default/web->default/web-2'])
    expect(l.width).toBeGreaterThanOrEqual(node.x + node.w)
  })
})
