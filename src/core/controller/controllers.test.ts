import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { apply, deployment, events, podsOf, service } from '../cluster/testutil.ts'
import type { Deployment, EndpointSlice, Endpoints, Pod, ReplicaSet } from '../api/types.ts'
import { computePodTemplateHash, safeEncodeString } from './hash.ts'

const SAFE = '[bcdfghjklmnpqrstvwxz2456789]'

describe('Deployment -> ReplicaSet -> Pods', () => {
  it('names the ReplicaSet by pod-template-hash and pods <rs>-<5 chars>, all Running with IPs', () => {
    const c = createCluster({ seed: 11 })
    apply(c, deployment('web', 3))
    const rs = c.store.list('ReplicaSet', 'default') as ReplicaSet[]
    expect(rs).toHaveLength(1)
    expect(rs[0].metadata.name).toMatch(new RegExp(`^web-[4-9bcdf]{6,10}$`))
    expect(rs[0].metadata.labels!['pod-template-hash']).toBe(rs[0].metadata.name.slice(4))
    expect(rs[0].metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' })
    const pods = podsOf(c, 'web')
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^${rs[0].metadata.name}-${SAFE}{5}$`))
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs[0].metadata.name, uid: rs[0].metadata.uid, controller: true, blockOwnerDeletion: true }])
      expect(p.status!.phase).toBe('Running')
      expect(p.status!.podIP).toMatch(/^10\.244\.[12]\.\d+$/)
      expect(p.status!.conditions!.map((x) => `${x.type}=${x.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'])
      expect(p.status!.containerStatuses![0]).toMatchObject({ image: 'docker.io/library/nginx:latest', ready: true, restartCount: 0, started: true })
      expect(p.status!.containerStatuses![0].containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/)
    }
    const d = c.store.get('Deployment', 'default', 'web') as Deployment
    expect(d.metadata.generation).toBe(1)
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1')
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 })
    expect((d.status!.conditions as { type: string; reason: string; message: string }[]).map((x) => `${x.type} ${x.reason} ${x.message}`)).toEqual([
      'Available MinimumReplicasAvailable Deployment has minimum availability.',
      `Progressing NewReplicaSetAvailable ReplicaSet "${rs[0].metadata.name}" has successfully progressed.`,
    ])
    expect(events(c, 'web')).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${rs[0].metadata.name} to 3`])
    const pe = events(c, pods[0].metadata.name)
    expect(pe[0]).toBe(`Normal Scheduled Successfully assigned default/${pods[0].metadata.name} to ${pods[0].spec.nodeName}`)
    expect(pe.slice(1, 3).join('\n')).toMatch(/^Normal Pulling Pulling image "nginx"\nNormal Pulled Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/)
    expect(pe.slice(3)).toEqual(['Normal Created Created container nginx', 'Normal Started Started container nginx'])
  })

  it('is deterministic per seed: same seed same names and IPs, another seed other names', () => {
    const run = (seed: number) => {
      const c = createCluster({ seed })
      apply(c, deployment('web', 3))
      return podsOf(c, 'web').map((p) => `${p.metadata.name} ${p.status!.podIP} ${p.spec.nodeName}`)
    }
    expect(run(5)).toEqual(run(5))
    expect(run(5).map((x) => x.split(' ')[0])).not.toEqual(run(6).map((x) => x.split(' ')[0]))
  })

  it('computes pod-template-hash with the SafeEncodeString alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf')
    const h = computePodTemplateHash({ metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } })
    expect(h).toMatch(/^[4-9bcdf]{1,10}$/)
    expect(computePodTemplateHash({ spec: {} }, 1)).not.toBe(computePodTemplateHash({ spec: {} }))
  })

  it('scales up and down, deleting the newest pods first', () => {
    const c = createCluster({ seed: 2 })
    apply(c, deployment('web', 2))
    c.clock.advance(5000)
    const first = podsOf(c, 'web').map((p) => p.metadata.name)
    const d = structuredClone(c.store.get('Deployment', 'default', 'web')) as Deployment
    d.spec.replicas = 5
    c.store.update(d, { cause: 'test' })
    c.settle()
    expect(podsOf(c, 'web')).toHaveLength(5)
    const d2 = structuredClone(c.store.get('Deployment', 'default', 'web')) as Deployment
    d2.spec.replicas = 2
    c.store.update(d2, { cause: 'test' })
    c.settle()
    expect(podsOf(c, 'web').map((p) => p.metadata.name).sort()).toEqual(first.sort())
    const rsName = (c.store.list('ReplicaSet', 'default')[0]).metadata.name
    expect(events(c, 'web')).toEqual([
      `Normal ScalingReplicaSet Scaled up replica set ${rsName} to 2`,
      `Normal ScalingReplicaSet Scaled up replica set ${rsName} to 5 from 2`,
      `Normal ScalingReplicaSet Scaled down replica set ${rsName} to 2 from 5`,
    ])
    expect(events(c, rsName).filter((e) => e.includes('SuccessfulDelete'))).toHaveLength(3)
  })

  it('rolls out a template change (rollout restart) to a new ReplicaSet and scales the old one to 0', () => {
    const c = createCluster({ seed: 3 })
    apply(c, deployment('web', 3))
    const oldRS = c.store.list('ReplicaSet', 'default')[0].metadata.name
    c.clock.advance(60_000)
    const d = structuredClone(c.store.get('Deployment', 'default', 'web')) as Deployment
    d.spec.template.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:01:00Z' }
    c.store.update(d, { cause: 'test' })
    c.settle()
    const rss = c.store.list('ReplicaSet', 'default') as ReplicaSet[]
    expect(rss).toHaveLength(2)
    const newRS = rss.find((r) => r.metadata.name !== oldRS)!
    expect(newRS.spec.replicas).toBe(3)
    expect(newRS.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2')
    expect(rss.find((r) => r.metadata.name === oldRS)!.spec.replicas).toBe(0)
    const pods = podsOf(c, 'web')
    expect(pods).toHaveLength(3)
    for (const p of pods) expect(p.metadata.name.startsWith(newRS.metadata.name)).toBe(true)
    const dd = c.store.get('Deployment', 'default', 'web') as Deployment
    expect(dd.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2')
    expect(dd.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 })
    const ev = events(c, 'web')
    expect(ev[1]).toBe(`Normal ScalingReplicaSet Scaled up replica set ${newRS.metadata.name} to 1`)
    expect(ev).toContain(`Normal ScalingReplicaSet Scaled down replica set ${oldRS} to 0 from 1`)
  })

  it('cascades deletion: Deployment -> ReplicaSet -> Pods; Service -> EndpointSlice', () => {
    const c = createCluster({ seed: 4 })
    apply(c, deployment('web', 2), service('web', { app: 'web' }, [{ port: 80 }]))
    expect(c.store.list('EndpointSlice', 'default').some((s) => s.metadata.name.startsWith('web-'))).toBe(true)
    c.store.delete('Deployment', 'default', 'web', { cause: 'test' })
    c.store.delete('Service', 'default', 'web', { cause: 'test' })
    c.settle()
    expect(c.store.list('ReplicaSet', 'default')).toEqual([])
    expect(podsOf(c, 'web')).toEqual([])
    expect(c.store.list('EndpointSlice', 'default').map((s) => s.metadata.name)).toEqual(['kubernetes'])
    expect(c.store.get('Endpoints', 'default', 'web')).toBeUndefined()
  })
})

describe('EndpointSlice and Endpoints controllers', () => {
  it('resolve a named targetPort per pod and list ready addresses', () => {
    const c = createCluster({ seed: 8 })
    apply(c,
      deployment('api', 2, [{ name: 'app', image: 'traefik/whoami', ports: [{ name: 'http-web', containerPort: 8080 }] }]),
      service('api', { app: 'api' }, [{ name: 'web', port: 80, targetPort: 'http-web', protocol: 'TCP' }], { }))
    const slices = (c.store.list('EndpointSlice', 'default') as EndpointSlice[]).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'api')
    expect(slices).toHaveLength(1)
    expect(slices[0].metadata.name).toMatch(new RegExp(`^api-${SAFE}{5}$`))
    expect(slices[0].metadata.labels).toEqual({ 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'api' })
    expect(slices[0].ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }])
    const pods = podsOf(c, 'api')
    expect(slices[0].endpoints!.map((e) => e.addresses[0]).sort()).toEqual(pods.map((p) => p.status!.podIP).sort())
    expect(slices[0].endpoints![0].conditions).toEqual({ ready: true, serving: true, terminating: false })
    expect(slices[0].endpoints![0].targetRef!.kind).toBe('Pod')
    const ep = c.store.get('Endpoints', 'default', 'api') as Endpoints
    expect(ep.subsets).toHaveLength(1)
    expect(ep.subsets![0].ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }])
    expect(ep.subsets![0].addresses!.map((a) => a.ip)).toEqual(pods.map((p) => p.status!.podIP!).sort())
    expect(ep.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-01-01T00:00:00Z')
  })

  it('keeps not-ready pods in notReadyAddresses until the readiness delay passes; publishNotReadyAddresses lists them as ready', () => {
    const c = createCluster({ seed: 9 })
    apply(c,
      deployment('slow', 1, [{ name: 'nginx', image: 'nginx', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 10 } }]),
      service('slow', { app: 'slow' }, [{ port: 80 }]),
      service('slow-all', { app: 'slow' }, [{ port: 80 }], { publishNotReadyAddresses: true }))
    const ep = () => c.store.get('Endpoints', 'default', 'slow') as Endpoints
    const pod = podsOf(c, 'slow')[0]
    expect(pod.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' })
    expect(ep().subsets![0].addresses).toBeUndefined()
    expect(ep().subsets![0].notReadyAddresses!.map((a) => a.ip)).toEqual([pod.status!.podIP])
    expect((c.store.get('Endpoints', 'default', 'slow-all') as Endpoints).subsets![0].addresses!.map((a) => a.ip)).toEqual([pod.status!.podIP])
    const slice = (c.store.list('EndpointSlice', 'default') as EndpointSlice[]).find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'slow')!
    expect(slice.endpoints![0].conditions).toEqual({ ready: false, serving: false, terminating: false })
    c.advance(10_000)
    expect(ep().subsets![0].addresses!.map((a) => a.ip)).toEqual([podsOf(c, 'slow')[0].status!.podIP])
    expect(ep().subsets![0].notReadyAddresses).toBeUndefined()
  })

  it('gives a selector-less Service no endpoints and an empty selection a placeholder slice', () => {
    const c = createCluster({ seed: 10 })
    apply(c, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { ports: [{ port: 80 }] } },
      service('none', { app: 'nothing' }, [{ port: 80 }]))
    expect(c.store.get('Endpoints', 'default', 'ext')).toBeUndefined()
    const s = (c.store.list('EndpointSlice', 'default') as EndpointSlice[]).filter((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'none')
    expect(s.map((x) => [x.endpoints, x.ports])).toEqual([[null, null]])
    expect((c.store.get('Endpoints', 'default', 'none') as Endpoints).subsets).toBeUndefined()
  })
})

describe('settle at scale', () => {
  it('settles 200 Deployments and Services', () => {
    const c = createCluster({ seed: 1, nodes: 10 })
    for (let i = 0; i < 200; i++) {
      c.store.create(deployment(`app-${i}`, 3), { cause: 'test' })
      c.store.create(service(`app-${i}`, { app: `app-${i}` }, [{ port: 80, targetPort: 80 }]), { cause: 'test' })
    }
    const passes = c.settle()
    expect(passes).toBeGreaterThan(0)
    expect(c.settle()).toBe(0)
    const pods = c.store.list('Pod', 'default') as Pod[]
    expect(pods).toHaveLength(600)
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true)
  })
})
