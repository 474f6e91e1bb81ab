import { describe, it, expect } from 'vitest'
import { lab } from '../testkit-write.ts'
import type { Cluster } from '../../../core/cluster/types.ts'

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n'

function pod(cluster: Cluster, name: string, image: string, ns = 'default', command?: string[]) {
  cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { run: name } }, spec: { containers: [{ name, image, ...(command ? { command } : {}) }] } } as never, { cause: 'test' })
  cluster.settle()
}

function seeded() {
  const l = lab()
  pod(l.cluster, 'web', 'nginx')
  pod(l.cluster, 'sleeper', 'busybox', 'default', ['sleep', '3600'])
  return { ...l, elapsed: (since: number) => (l.cluster.clock.now() - since) / 1000 }
}

describe('kubectl delete is graceful', () => {
  it('waits until the pod is gone: at once for nginx (exits on SIGTERM), 30 s for a sleeping busybox', () => {
    const { k, cluster, elapsed } = seeded()
    let t = cluster.clock.now()
    expect(k('delete pod web')).toEqual({ stdout: 'pod "web" deleted\n', stderr: '', exitCode: 0 })
    expect(elapsed(t)).toBe(0)
    expect(cluster.store.get('Pod', 'default', 'web')).toBeUndefined()
    t = cluster.clock.now()
    expect(k('delete pod sleeper')).toEqual({ stdout: 'pod "sleeper" deleted\n', stderr: '', exitCode: 0 })
    expect(elapsed(t)).toBe(30)
    expect(cluster.store.get('Pod', 'default', 'sleeper')).toBeUndefined()
  })
  it('--wait=false leaves it Terminating; get pods shows it; --now is one second', () => {
    const { k, cluster, elapsed } = seeded()
    const t = cluster.clock.now()
    expect(k('delete pod sleeper --wait=false').stdout).toBe('pod "sleeper" deleted\n')
    expect(elapsed(t)).toBe(0)
    const p = cluster.store.get('Pod', 'default', 'sleeper')!
    expect(p.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z')
    expect(p.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(k('get pod sleeper').stdout).toMatch(/^NAME {6}READY {3}STATUS {8}RESTARTS {3}AGE\nsleeper {3}1\/1 {5}Terminating {3}0 {10}0s\n$/)
    cluster.advance(30_000)
    expect(cluster.store.get('Pod', 'default', 'sleeper')).toBeUndefined()
    const l2 = seeded()
    const t2 = l2.cluster.clock.now()
    expect(l2.k('delete pod sleeper --now').stdout).toBe('pod "sleeper" deleted\n')
    expect(l2.elapsed(t2)).toBe(1)
  })
  it('--grace-period=0 --force deletes at once with the warning; --timeout reports what is left', () => {
    const { k, cluster, elapsed } = seeded()
    let t = cluster.clock.now()
    expect(k('delete pod sleeper --grace-period=0 --force')).toEqual({ stdout: 'pod "sleeper" force deleted\n', stderr: FORCE_WARNING, exitCode: 0 })
    expect(elapsed(t)).toBe(0)
    expect(cluster.store.get('Pod', 'default', 'sleeper')).toBeUndefined()
    pod(cluster, 'sleeper', 'busybox', 'default', ['sleep', '3600'])
    t = cluster.clock.now()
    expect(k('delete pod sleeper --timeout=5s')).toEqual({ stdout: 'pod "sleeper" deleted\n', stderr: 'error: timed out waiting for the condition on pods/sleeper\n', exitCode: 1 })
    expect(elapsed(t)).toBe(5)
    expect(cluster.store.get('Pod', 'default', 'sleeper')?.metadata.deletionTimestamp).toBeDefined()
  })
  it('waits once for several objects; a Deployment cascades in the background', () => {
    const { k, cluster, elapsed } = seeded()
    pod(cluster, 'sleeper2', 'busybox', 'default', ['sleep', '3600'])
    const t = cluster.clock.now()
    expect(k('delete pod sleeper sleeper2').stdout).toBe('pod "sleeper" deleted\npod "sleeper2" deleted\n')
    expect(elapsed(t)).toBe(30)
    k('create deployment app --image=nginx --replicas=2')
    expect(cluster.store.list('Pod', 'default').filter((p) => p.metadata.name.startsWith('app-'))).toHaveLength(2)
    expect(k('delete deploy app').stdout).toBe('deployment.apps "app" deleted\n')
    expect(cluster.store.list('ReplicaSet', 'default')).toEqual([])
    expect(cluster.store.list('Pod', 'default').map((p) => p.metadata.name)).toEqual(['web'])
  })
})

describe('namespaces are deleted by the namespace controller', () => {
  it('Terminating while a pod shuts down, no new content meanwhile, gone afterwards', () => {
    const { k, cluster } = lab()
    k('create namespace dev')
    pod(cluster, 'sleeper', 'busybox', 'dev', ['sleep', '3600'])
    k('create configmap cfg -n dev --from-literal=a=b')
    expect(k('delete ns dev --wait=false')).toEqual({ stdout: 'namespace "dev" deleted\n', stderr: '', exitCode: 0 })
    const ns = cluster.store.get('Namespace', undefined, 'dev')!
    expect(ns.status).toEqual({ phase: 'Terminating' })
    expect(ns.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z')
    expect(cluster.store.list('ConfigMap', 'dev')).toEqual([])
    expect(cluster.store.get('Pod', 'dev', 'sleeper')?.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z')
    expect(k('get ns dev').stdout).toBe('NAME   STATUS        AGE\ndev    Terminating   0s\n')
    expect(k('create configmap x -n dev')).toEqual({
      stdout: '', exitCode: 1,
      stderr: 'error: failed to create configmap: configmaps "x" is forbidden: unable to create new content in namespace dev because it is being terminated\n',
    })
    const t = cluster.clock.now()
    expect(k('delete ns dev').stdout).toBe('namespace "dev" deleted\n')
    expect((cluster.clock.now() - t) / 1000).toBe(30)
    expect(cluster.store.get('Namespace', undefined, 'dev')).toBeUndefined()
    expect(cluster.store.get('Pod', 'dev', 'sleeper')).toBeUndefined()
  })
  it('the API server refuses default, kube-system and kube-public', () => {
    const { k, cluster } = lab()
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      expect(k(`delete namespace ${ns}`)).toEqual({ stdout: '', stderr: `Error from server (Forbidden): namespaces "${ns}" is forbidden: this namespace may not be deleted\n`, exitCode: 1 })
      expect(cluster.store.get('Namespace', undefined, ns)?.metadata.deletionTimestamp).toBeUndefined()
    }
    expect(k('delete namespace kube-node-lease --dry-run=server').stdout).toBe('namespace "kube-node-lease" deleted (server dry run)\n')
  })
})
