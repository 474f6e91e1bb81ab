// Partial syncs through the flat copy of every port's jumps (flat.ts) leave the kernel exactly as a full sync
// of the same state does, and write the shared chains' rules in the full sync's order.
import { describe, it, expect } from 'vitest'
import { IptablesProxier } from './proxier.ts'
import { restoreLines } from './restore.ts'
import { makeService, makeSlice, testConfig, TEST_CLUSTER_CIDR, TEST_NODE } from '../testing.ts'
import { ProxyStateTracker } from '../state.ts'
import { newNetfilter } from '../../node/netfilter/netfilter.ts'
import type { Change } from '../../apiserver/store.ts'
import type { KubeObject } from '../../api/types.ts'
import type { Args } from './rules.ts'

const change = (o: KubeObject, type: Change['type'] = 'MODIFIED'): Change => ({ type, object: o, cause: 'test', resourceVersion: 1 })
const ports = [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]
const slice = (n: number, ips: string[]) => makeSlice('ns', `s${n}`, 1, ips.map((ip) => ({ addresses: [ip], nodeName: TEST_NODE.name })),
  [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }])
const service = (n: number) => makeService('ns', `s${n}`, { clusterIP: `172.30.0.${n + 1}`, ports, ...(n % 3 === 0 ? { type: 'NodePort' as const } : {}) })
const withNodePorts = (n: number) => {
  const s = service(n)
  if (n % 3 === 0) s.spec!.ports = ports.map((p, i) => ({ ...p, nodePort: 30000 + n * 2 + i }))
  return s
}

const shared = (rules: Args[]) => rules.filter((r) => r[1] === 'KUBE-SERVICES' || r[1] === 'KUBE-NODEPORTS')

describe('partial syncs from the flat copy', () => {
  it('endpoint moves, endpoints gone and back, several Services at once: kernel and order as a full sync', () => {
    const t = new ProxyStateTracker(TEST_NODE, TEST_CLUSTER_CIDR)
    for (let n = 0; n < 8; n++) {
      t.apply(change(withNodePorts(n), 'ADDED'))
      t.apply(change(slice(n, [`10.180.${n}.1`, `10.180.${n}.2`]), 'ADDED'))
    }
    const proxier = new IptablesProxier()
    const nf = newNetfilter({ tables: ['filter', 'nat'] })
    nf.restore(restoreLines(proxier.sync(t.take(), testConfig())), { noflush: true })
    const steps: [number, string[]][][] = [
      [[2, ['10.180.2.9', '10.180.2.1']]], // same rule counts
      [[3, []]], // no endpoints: jumps become filter REJECTs
      [[0, ['10.180.0.5']], [7, ['10.180.7.5']]], // two Services
      [[3, ['10.180.3.3']]], // back
      [[5, []], [6, []]],
    ]
    for (const step of steps) {
      for (const [n, ips] of step) t.apply(change(slice(n, ips)))
      const d = proxier.sync(t.take(), testConfig())
      expect(d.full).toBe(false)
      nf.restore(restoreLines(d), { noflush: true })
      // a fresh proxier and kernel, full sync of the same state
      t.forceFull()
      const f = new IptablesProxier().sync(t.take(), testConfig())
      const fresh = newNetfilter({ tables: ['filter', 'nat'] })
      fresh.restore(restoreLines(f), { noflush: true })
      expect(nf.save({})).toBe(fresh.save({}))
      expect(shared(d.natRules)).toEqual(shared(f.natRules))
      expect(d.filterRules).toEqual(f.filterRules)
    }
  })

  it('a seeded run of 40 random changes (endpoints, none, NodePort on and off) keeps the kernel equal to a full sync', () => {
    let seed = 7
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    const t = new ProxyStateTracker(TEST_NODE, TEST_CLUSTER_CIDR)
    for (let n = 0; n < 12; n++) {
      t.apply(change(service(n), 'ADDED'))
      t.apply(change(slice(n, [`10.180.${n}.1`]), 'ADDED'))
    }
    const proxier = new IptablesProxier()
    const nf = newNetfilter({ tables: ['filter', 'nat'] })
    nf.restore(restoreLines(proxier.sync(t.take(), testConfig())), { noflush: true })
    for (let step = 0; step < 40; step++) {
      for (let k = rand(3) + 1; k > 0; k--) {
        const n = rand(12)
        if (rand(4) === 0) t.apply(change(rand(2) ? withNodePorts(n) : service(n)))
        else t.apply(change(slice(n, Array.from({ length: rand(4) }, (_, e) => `10.180.${n}.${e + rand(3) + 1}`))))
      }
      const d = proxier.sync(t.take(), testConfig())
      nf.restore(restoreLines(d), { noflush: true })
      t.forceFull()
      const f = new IptablesProxier().sync(t.take(), testConfig())
      const fresh = newNetfilter({ tables: ['filter', 'nat'] })
      fresh.restore(restoreLines(f), { noflush: true })
      expect(nf.save({}), `step ${step}`).toBe(fresh.save({}))
      expect(shared(d.natRules)).toEqual(shared(f.natRules))
    }
  })
})
