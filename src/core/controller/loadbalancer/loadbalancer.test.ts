import { describe, it, expect } from 'vitest'
import type { Service } from '../../api/types.ts'
import { deleteObject } from '../../apiserver/delete.ts'
import { createCluster } from '../../cluster/create.ts'
import { apply, events, service } from '../../cluster/testutil.ts'
import type { Cluster } from '../../cluster/types.ts'
import { externalLoadBalancers } from './external.ts'
import { LB_FINALIZER } from './loadbalancer.ts'
import { firstFree, inPool } from './pool.ts'
import { createShell } from '../../../shell/shell.ts'
import { createWorkspaceFs } from '../../../shell/fs.ts'
import { out } from '../../../shell/test-helpers.ts'

const lb = (name: string, extra: Partial<Service['spec']> = {}) => service(name, { app: name }, [{ port: 80, targetPort: 8080 }], { type: 'LoadBalancer', ...extra })
const get = (c: Cluster, name: string) => c.store.get('Service', 'default', name) as Service | undefined
const ingress = (c: Cluster, name: string) => get(c, name)?.status?.loadBalancer?.ingress

describe('pool', () => {
  it('hands out the lowest free address of the range', () => {
    const pool = { first: '10.0.0.254', last: '10.0.1.1' }
    expect(firstFree(pool, new Set(['10.0.0.254']))).toBe('10.0.0.255')
    expect(firstFree(pool, new Set(['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1']))).toBeUndefined()
    expect(inPool(pool, '10.0.1.0')).toBe(true)
    expect(inPool(pool, '10.0.1.2')).toBe(false)
  })
})

describe('service-controller (the lab as cloud provider)', () => {
  it('gives a LoadBalancer Service an ingress IP from the pool, the finalizer and the events', () => {
    const c = createCluster()
    apply(c, lb('web'))
    expect(ingress(c, 'web')).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }])
    expect(get(c, 'web')!.metadata.finalizers).toEqual([LB_FINALIZER])
    expect(events(c, 'web')).toEqual(['Normal EnsuringLoadBalancer Ensuring load balancer', 'Normal EnsuredLoadBalancer Ensured load balancer'])
    apply(c, lb('api'))
    expect(ingress(c, 'api')).toEqual([{ ip: '172.18.255.201', ipMode: 'VIP' }])
    expect((c.store.list('Event', 'default')).filter((e) => (e.source as { component: string }).component === 'service-controller')).toHaveLength(4)
  })

  it('binary profile: its own pool; spec.loadBalancerIP honoured inside the pool, refused outside', () => {
    const c = createCluster({ profile: 'binary' })
    apply(c, lb('a', { loadBalancerIP: '192.168.186.220' }), lb('b'))
    expect(ingress(c, 'a')).toEqual([{ ip: '192.168.186.220', ipMode: 'VIP' }])
    expect(ingress(c, 'b')).toEqual([{ ip: '192.168.186.200', ipMode: 'VIP' }])
    apply(c, lb('x', { loadBalancerIP: '10.1.2.3' }))
    expect(ingress(c, 'x')).toBeUndefined()
    expect(events(c, 'x')).toEqual([
      'Normal EnsuringLoadBalancer Ensuring load balancer',
      'Warning SyncLoadBalancerFailed Error syncing load balancer: failed to ensure load balancer: requested IP 10.1.2.3 is not in the load balancer address pool 192.168.186.200-192.168.186.250',
    ])
  })

  it('releases the IP on delete (finalizer removed, Service gone) and on a type change, and reuses it', () => {
    const c = createCluster()
    apply(c, lb('web'), lb('api'))
    const r = deleteObject(c.store, 'Service', 'default', 'web', { cause: 'kubectl' })
    expect(r.gone).toBe(false)
    c.settle()
    expect(get(c, 'web')).toBeUndefined()
    apply(c, lb('new'))
    expect(ingress(c, 'new')).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }])

    const api = structuredClone(get(c, 'api')!)
    api.spec.type = 'ClusterIP'
    for (const p of api.spec.ports ?? []) delete p.nodePort
    delete api.metadata.resourceVersion
    c.store.update(api, { cause: 'kubectl' })
    c.settle()
    expect(ingress(c, 'api') ?? []).toEqual([])
    expect(get(c, 'api')!.metadata.finalizers).toBeUndefined()
    expect(events(c, 'api').slice(2)).toEqual(['Normal Type LoadBalancer -> ClusterIP', 'Normal DeletingLoadBalancer Deleting load balancer', 'Normal DeletedLoadBalancer Deleted load balancer'])
  })

  it('a pending Service gets an IP once one frees up; loadBalancerClass Services are left alone', () => {
    const c = createCluster({ profile: 'binary' })
    apply(c, lb('a', { loadBalancerIP: '192.168.186.210' }), lb('b', { loadBalancerIP: '192.168.186.210' }))
    expect(ingress(c, 'b')).toBeUndefined()
    deleteObject(c.store, 'Service', 'default', 'a', { cause: 'kubectl' })
    c.settle()
    expect(ingress(c, 'b')).toEqual([{ ip: '192.168.186.210', ipMode: 'VIP' }])
    apply(c, lb('metallb', { loadBalancerClass: 'example.com/other' }))
    expect(ingress(c, 'metallb')).toBeUndefined()
    expect(events(c, 'metallb')).toEqual([])
  })

  it('externalLoadBalancers: listeners to NodePorts on every node but the excluded control plane', () => {
    const c = createCluster({ nodes: 3 })
    apply(c, lb('web'))
    const np = get(c, 'web')!.spec.ports![0].nodePort!
    expect(externalLoadBalancers(c.store, ['172.18.0.2', '172.18.0.3', '172.18.0.4'])).toEqual([
      { service: 'default/web', ip: '172.18.255.200', ports: [{ protocol: 'TCP', port: 80, nodePort: np }], targets: ['172.18.0.3', '172.18.0.4'] },
    ])
  })

  it('kubectl get svc shows the EXTERNAL-IP instead of <pending>', () => {
    const c = createCluster()
    const sh = createShell({ cluster: c, fs: createWorkspaceFs() })
    apply(c, lb('web'))
    const np = get(c, 'web')!.spec.ports![0].nodePort!
    const ip = get(c, 'web')!.spec.clusterIP!
    const text = out(sh, 'kubectl get svc web')
    expect(text).toContain('EXTERNAL-IP')
    expect(text.split('\n')[1]).toMatch(new RegExp(`^web +LoadBalancer +${ip.replace(/\./g, '\\.')} +172\\.18\\.255\\.200 +80:${np}/TCP +`))
  })
})
