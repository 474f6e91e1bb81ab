// Partial syncs (only changed Services' chains rewritten) agree with a full sync of the same state, through
// port renames that keep the number of service ports, removals and endpoint moves; stale chains are deleted.
import { describe, it, expect } from 'vitest'
import { IptablesProxier } from './proxier.ts'
import { restoreLines, toRestoreText } from './restore.ts'
import { makeService, makeSlice, testConfig, TEST_CLUSTER_CIDR, TEST_NODE } from '../testing.ts'
import { ProxyStateTracker } from '../state.ts'
import { newNetfilter } from '../../node/netfilter/netfilter.ts'
import type { Change } from '../../apiserver/store.ts'
import type { KubeObject } from '../../api/types.ts'

const add = (o: KubeObject, type: Change['type'] = 'ADDED'): Change => ({ type, object: o, cause: 'test', resourceVersion: 1 })
const port = (name: string) => [{ name, port: 80, protocol: 'TCP' }]

/** the restore text of a fresh proxier's full sync of the tracker's current state */
function fullText(t: ProxyStateTracker): string {
  t.forceFull()
  const d = new IptablesProxier().sync(t.take(), testConfig())
  return toRestoreText(d).split('\n').filter((l) => !l.startsWith('-X ')).join('\n')
}

describe('partial syncs', () => {
  it('write what a full sync writes, and delete the chains that went away', () => {
    const t = new ProxyStateTracker(TEST_NODE, TEST_CLUSTER_CIDR)
    const twin = new ProxyStateTracker(TEST_NODE, TEST_CLUSTER_CIDR)
    const feed = (c: Change) => { t.apply(c); twin.apply(c) }
    for (const n of ['a', 'b', 'c']) {
      feed(add(makeService('ns', n, { clusterIP: `172.30.0.${n.charCodeAt(0) - 90}`, ports: port('http') })))
      feed(add(makeSlice('ns', n, 1, [{ addresses: [`10.180.0.${n.charCodeAt(0) - 90}`] }], port('http'))))
    }
    const proxier = new IptablesProxier()
    const nf = newNetfilter({ tables: ['filter', 'nat'] })
    const sync = () => {
      const d = proxier.sync(t.take(), testConfig())
      nf.restore(restoreLines(d), { noflush: true })
      return d
    }
    expect(sync().full).toBe(true)
    const chains = () => [...nf.table('nat').chains.keys()].filter((c) => /^KUBE-(SVC|SEP)-/.test(c)).sort()
    const before = chains()
    expect(before).toHaveLength(6)

    // b's port renamed: the count of service ports stays 3, the key changes
    feed(add(makeService('ns', 'b', { clusterIP: '172.30.0.8', ports: port('web') }), 'MODIFIED'))
    feed(add(makeSlice('ns', 'b', 1, [{ addresses: ['10.180.0.8'] }], port('web')), 'MODIFIED'))
    const d = sync()
    expect(d.full).toBe(false)
    expect(d.natRules.filter((r) => r[0] === '-X').length).toBe(2)
    expect(toRestoreText(d)).toContain('ns/b:web cluster IP')
    expect(chains()).toHaveLength(6)
    expect(chains().filter((c) => !before.includes(c))).toHaveLength(2)

    // c's endpoint moves; a goes away
    feed(add(makeSlice('ns', 'c', 1, [{ addresses: ['10.180.0.99'] }], port('http')), 'MODIFIED'))
    feed(add(makeService('ns', 'a', { clusterIP: '172.30.0.7', ports: port('http') }), 'DELETED'))
    const d2 = sync()
    expect(d2.full).toBe(false)
    expect(chains()).toHaveLength(4)
    expect(nf.save({ table: 'nat' })).not.toContain('ns/a:http')
    expect(nf.save({ table: 'nat' })).toContain('--to-destination 10.180.0.99:80')
    // what the kernel holds now is what a fresh full sync would write
    const saved = nf.save({ table: 'nat' })
    for (const line of fullText(twin).split('\n').filter((l) => l.startsWith('-A KUBE-S'))) {
      const name = line.split(' ')[1]
      expect(nf.table('nat').chains.has(name)).toBe(true)
    }
    expect(saved.match(/^-A KUBE-SERVICES /gm)?.length).toBe(3)
  })

  it('a full sync deletes the kernel\'s leftover service chains, and only those', () => {
    const t = new ProxyStateTracker(TEST_NODE, TEST_CLUSTER_CIDR)
    t.apply(add(makeService('ns', 'a', { clusterIP: '172.30.0.7', ports: port('http') })))
    t.apply(add(makeSlice('ns', 'a', 1, [{ addresses: ['10.180.0.7'] }], port('http'))))
    const d = new IptablesProxier().sync(t.take(), testConfig(), ['KUBE-SVC-LEFTOVER0000000', 'KUBE-MARK-MASQ', 'KUBE-SEP-OLD0000000000000'])
    expect(d.natRules.filter((r) => r[0] === '-X').map((r) => r[1])).toEqual(['KUBE-SEP-OLD0000000000000', 'KUBE-SVC-LEFTOVER0000000'])
  })
})
