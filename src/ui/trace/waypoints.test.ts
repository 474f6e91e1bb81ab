import { describe, it, expect } from 'vitest'
import { buildSnapshot, visibleNamespace } from '../cluster/snapshot.ts'
import { layoutCluster } from '../cluster/layout.ts'
import { PROFILE, bareStore, pod, service } from '../cluster/fixtures.ts'
import type { Hop, Packet, Trace } from '../../trace/types.ts'
import { serviceOfHop, waypoints } from './waypoints.ts'

const pkt: Packet = { protocol: 'TCP', src: '172.18.0.100', sport: 40000, dst: '172.18.0.3', dport: 30080, mark: 0 }
const hop = (kind: Hop['kind'], where: Hop['where'], extra: Partial<Hop> = {}): Hop =>
  ({ kind, where, before: pkt, after: pkt, rulesEvaluated: 0, ipvsLookups: 0, text: kind, ...extra })

function setup() {
  const store = bareStore()
  store.create(pod('web-1', { node: 'node01', ip: '10.244.1.5' }), { cause: 't' })
  store.create(service('web', { app: 'web' }), { cause: 't' })
  const outside = [{ key: 'client', name: 'client', kind: 'host' as const, ip: '172.18.0.100', detail: 'outside the cluster' }]
  const snap = buildSnapshot(store, PROFILE, (ns) => visibleNamespace(ns, false), outside)
  return { snap, layout: layoutCluster(snap) }
}

describe('trace waypoints', () => {
  it('puts the outside client above the Services, and maps hops to places, merging hops at one place', () => {
    const { layout } = setup()
    const client = layout.outside.get('client')!
    const svc = layout.services.get('default/web')!
    expect(client.y + client.h).toBeLessThan(svc.y)
    const trace: Trace = {
      request: { from: { kind: 'external', name: 'client' }, to: '172.18.0.3', port: 30080, protocol: 'TCP' },
      hops: [
        hop('send', { host: 'client', kind: 'external' }),
        hop('route', { host: 'client', kind: 'external' }),
        hop('netfilter', { host: 'node01', kind: 'node' }, { comment: 'default/web' }),
        hop('netfilter', { host: 'node01', kind: 'node' }),
        hop('deliver', { host: 'default/web-1', kind: 'pod' }),
        hop('reply', { host: 'hidden/pod', kind: 'pod' }),
      ],
      verdict: 'delivered', rulesEvaluated: 9, ipvsLookups: 0,
    }
    const w = waypoints(trace, layout)
    expect(w.map((p) => [p.place, p.hops])).toEqual([
      ['outside:client', [0, 1]],
      ['node:node01', [2, 3]],
      ['pod:default/web-1', [4]],
    ])
    const node = layout.nodes.get('node01')!
    expect(w[1].x).toBe(node.x + node.w / 2)
    const p = layout.pods.get('default/web-1')!
    expect(w[2]).toMatchObject({ x: p.x + p.w / 2, y: p.y + p.h / 2 })
  })

  it('finds the Service a rule belongs to from its comment or the IPVS virtual server', () => {
    const { snap } = setup()
    const ip = snap.services[0].clusterIP
    const n = { host: 'node01', kind: 'node' as const }
    expect(serviceOfHop(hop('netfilter', n, { comment: 'default/web cluster IP' }), snap.services)).toBe('default/web')
    expect(serviceOfHop(hop('netfilter', n, { comment: 'default/web:http -> 10.244.1.5:80' }), snap.services)).toBe('default/web')
    expect(serviceOfHop(hop('netfilter', n, { comment: 'kubernetes service portals' }), snap.services)).toBeUndefined()
    expect(serviceOfHop(hop('ipvs', n, { ipvs: { service: `TCP  ${ip}:80 rr`, scheduler: 'rr' } }), snap.services)).toBe('default/web')
  })
})
