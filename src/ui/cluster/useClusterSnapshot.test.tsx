// @vitest-environment happy-dom
import { describe, it, expect, beforeAll } from 'vitest'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import type { Cluster } from '../../core/cluster/types.ts'
import { useClusterSnapshot } from './useClusterSnapshot.ts'
import { PROFILE, bareStore, pod } from './fixtures.ts'

beforeAll(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
})

function Probe({ cluster, showSystem, onRender }: { cluster: Cluster; showSystem: boolean; onRender: (pods: string[]) => void }) {
  const snap = useClusterSnapshot(cluster, showSystem)
  const pods = snap.nodes.flatMap((n) => n.pods.map((p) => p.key))
  onRender(pods)
  return <ul>{pods.map((p) => <li key={p}>{p}</li>)}</ul>
}

describe('useClusterSnapshot', () => {
  it('re-renders on store changes and unsubscribes on unmount', () => {
    const store = bareStore()
    let watchers = 0
    const realWatch = store.watch.bind(store)
    store.watch = (fn) => {
      watchers++
      const off = realWatch(fn)
      return () => {
        watchers--
        return off()
      }
    }
    const network = { outside: () => [], loadBalancers: () => [] }
    const cluster = { store, profile: PROFILE, network } as unknown as Cluster
    const renders: string[][] = []
    const el = document.createElement('div')
    const root = createRoot(el)
    act(() => root.render(<Probe cluster={cluster} showSystem={false} onRender={(p) => renders.push(p)} />))
    expect(renders.at(-1)).toEqual([])
    expect(watchers).toBe(1)

    act(() => {
      store.create(pod('web-1', { node: 'node01', ip: '10.244.1.5' }), { cause: 't' })
    })
    expect(renders.at(-1)).toEqual(['default/web-1'])
    expect(el.textContent).toBe('default/web-1')

    act(() => {
      store.create(pod('coredns', { ns: 'kube-system', node: 'controlplane', ip: '10.244.0.2' }), { cause: 't' })
    })
    expect(renders.at(-1)).toEqual(['default/web-1'])
    act(() => root.render(<Probe cluster={cluster} showSystem={true} onRender={(p) => renders.push(p)} />))
    expect(renders.at(-1)).toEqual(['kube-system/coredns', 'default/web-1'])

    act(() => {
      store.delete('Pod', 'default', 'web-1', { cause: 't' })
    })
    expect(el.textContent).toBe('kube-system/coredns')

    act(() => root.unmount())
    expect(watchers).toBe(0)
  })
})
