import { describe, it, expect } from 'vitest'
import { nanosHex } from './recorder.ts'

describe('nanosHex', () => {
  it('renders ms * 1e6 + extra in hex exactly, as BigInt does', () => {
    const samples: [number, number][] = [
      [Date.UTC(2026, 0, 1), 0], [Date.UTC(2026, 0, 1), 999999], [Date.UTC(2025, 11, 31, 23, 40), 12345],
      [1767225600123, 42], [0, 0], [0, 5], [16777215, 999999], [16777216, 1], [2 ** 41 - 1, 999999],
    ]
    for (const [ms, extra] of samples) expect(nanosHex(ms, extra)).toBe((BigInt(ms) * 1000000n + BigInt(extra)).toString(16))
  })
})

describe('EventRecorder', () => {
  it('bumps count for a repeat and starts a new event when the earlier one is gone', async () => {
    const { createCluster } = await import('../cluster/create.ts')
    const { runtimeOf } = await import('../cluster/runtime.ts')
    const cluster = createCluster({ seed: 3 })
    const rec = runtimeOf(cluster)!.recorder
    const node = cluster.store.list('Node')[0]
    const mine = () => cluster.store.list('Event').filter((e) => (e as { reason?: string }).reason === 'Probe') as unknown as { metadata: { name: string }; count: number }[]
    rec.record(node, 'Normal', 'Probe', 'hello', { component: 'test' })
    rec.record(node, 'Normal', 'Probe', 'hello', { component: 'test' })
    rec.record(node, 'Normal', 'Probe', 'other', { component: 'test' })
    expect(mine().map((e) => e.count).sort()).toEqual([1, 2])
    const first = mine().find((e) => e.count === 2)!.metadata.name
    cluster.store.delete('Event', 'default', first, { cause: 'test' })
    rec.record(node, 'Normal', 'Probe', 'hello', { component: 'test' })
    rec.record(node, 'Normal', 'Probe', 'hello', { component: 'test' })
    const again = mine().filter((e) => e.metadata.name !== first)
    expect(again.map((e) => e.count).sort()).toEqual([1, 2])
  })

  it('gives each event the involvedObject of the object version and fieldPath it was recorded for', async () => {
    const { createCluster } = await import('../cluster/create.ts')
    const { runtimeOf } = await import('../cluster/runtime.ts')
    const cluster = createCluster({ seed: 3 })
    const rec = runtimeOf(cluster)!.recorder
    const cm = cluster.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: {} }, { cause: 'test' })
    rec.record(cm, 'Normal', 'A', 'one', { component: 'test' }, 'data.a')
    rec.record(cm, 'Normal', 'B', 'two', { component: 'test' }, 'data.a')
    rec.record(cm, 'Normal', 'C', 'three', { component: 'test' }, 'data.b')
    rec.record(cm, 'Normal', 'D', 'four', { component: 'test' })
    const cm2 = cluster.store.update({ ...cm, data: { k: 'v' } }, { cause: 'test' })
    rec.record(cm2, 'Normal', 'E', 'five', { component: 'test' })
    const by = (r: string) => (cluster.store.list('Event') as unknown as { reason: string; involvedObject: Record<string, unknown> }[]).find((e) => e.reason === r)!.involvedObject
    const base = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'default', uid: cm.metadata.uid }
    expect(by('A')).toEqual({ ...base, fieldPath: 'data.a', resourceVersion: cm.metadata.resourceVersion })
    expect(by('B')).toEqual(by('A'))
    expect(by('C')).toEqual({ ...base, fieldPath: 'data.b', resourceVersion: cm.metadata.resourceVersion })
    expect(by('D')).toEqual({ ...base, resourceVersion: cm.metadata.resourceVersion })
    expect(by('E')).toEqual({ ...base, resourceVersion: cm2.metadata.resourceVersion })
    expect(cm2.metadata.resourceVersion).not.toBe(cm.metadata.resourceVersion)
  })
})
