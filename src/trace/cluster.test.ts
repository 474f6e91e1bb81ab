// The engine on a cluster as createCluster wires it (cluster.network, kube-proxy on every node).
import { describe, it, expect } from 'vitest'
import { createCluster } from '../core/cluster/create.ts'
import { apply, deployment, service, podsOf } from '../core/cluster/testutil.ts'
import { trace } from './engine.ts'
import type { Service } from '../core/api/types.ts'

describe('trace on createCluster', () => {
  for (const proxyMode of ['iptables', 'ipvs'] as const) {
    it(`${proxyMode}: a pod reaches a Service's pods and gets nginx's welcome page`, () => {
      const c = createCluster({ seed: 3, proxyMode })
      apply(c, deployment('web', 2), deployment('shell', 1, [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }]),
        service('web', { app: 'web' }, [{ port: 80, targetPort: 80 }]))
      c.advance(30_000)
      const vip = (c.store.get('Service', 'default', 'web') as Service).spec.clusterIP!
      const from = podsOf(c, 'shell')[0]
      const t = trace(c, { from: { kind: 'pod', namespace: 'default', name: from.metadata.name }, to: vip, port: 80, protocol: 'TCP',
        http: { method: 'GET', path: '/', host: 'web', headers: [['User-Agent', 'curl/8.5.0']] } })
      const explain = t.hops.map((h) => `${h.kind} ${h.where.host}: ${h.text}`).join('\n')
      expect(t.verdict, explain).toBe('delivered')
      expect(podsOf(c, 'web').map((p) => `default/${p.metadata.name}`)).toContain(t.endpoint?.host)
      expect(t.response?.status).toBe(200)
      expect(t.hops.some((h) => (proxyMode === 'ipvs' ? h.kind === 'ipvs' : h.rule?.includes('-j DNAT')))).toBe(true)
    })
  }
})
