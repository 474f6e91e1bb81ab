import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { apply, events } from '../cluster/testutil.ts'
import type { Container, Pod } from '../api/types.ts'
import { podLogs } from '../images/logs.ts'
import { goDuration } from './kubelet.ts'

const pod = (name: string, c: Partial<Container>, spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name, image: 'busybox', ...c }], ...spec },
})
const get = (c: ReturnType<typeof createCluster>, n: string) => c.store.get('Pod', 'default', n) as Pod

describe('kubelet', () => {
  it('keeps `sleep 3600` running, and restarts it when it exits an hour later', () => {
    const c = createCluster({ seed: 31 })
    apply(c, pod('bb', { command: ['sleep', '3600'] }))
    expect(get(c, 'bb').status!.phase).toBe('Running')
    expect(get(c, 'bb').status!.containerStatuses![0].restartCount).toBe(0)
    c.advance(3600_000)
    expect(get(c, 'bb').status!.containerStatuses![0].restartCount).toBe(1)
    expect(get(c, 'bb').status!.containerStatuses![0].lastState!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' })
  })

  it('completes a pod without a long-running command under restartPolicy Never', () => {
    const c = createCluster({ seed: 32 })
    apply(c, pod('once', { command: ['sh', '-c', 'echo hello; echo $HOSTNAME'] }, { restartPolicy: 'Never' }))
    const p = get(c, 'once')
    expect(p.status!.phase).toBe('Succeeded')
    expect(p.status!.containerStatuses![0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' })
    expect(p.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' })
    expect(podLogs(c, p)).toBe('hello\nonce\n')
  })

  it('crash-loops `exit 1` with restarts and doubling back-off in virtual time', () => {
    const c = createCluster({ seed: 33 })
    apply(c, pod('crash', { command: ['sh', '-c', 'exit 1'] }))
    const cs = () => get(c, 'crash').status!.containerStatuses![0]
    expect(get(c, 'crash').status!.phase).toBe('Running')
    expect(cs().restartCount).toBe(1)
    expect(cs().state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=crash pod=crash_default(${get(c, 'crash').metadata.uid})` })
    expect(cs().lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' })
    expect(cs().ready).toBe(false)
    c.advance(10_000)
    expect(cs().restartCount).toBe(2)
    expect(cs().state.waiting!.message).toMatch(/^back-off 20s /)
    c.advance(19_000)
    expect(cs().restartCount).toBe(2)
    c.advance(1_000)
    expect(cs().restartCount).toBe(3)
    const ev = events(c, 'crash')
    expect(ev).toContain(`Warning BackOff Back-off restarting failed container crash in pod crash_default(${get(c, 'crash').metadata.uid})`)
    const backoff = (c.store.list('Event', 'default') as unknown as { reason: string; count?: number }[]).find((e) => e.reason === 'BackOff')!
    expect(backoff.count).toBe(3)
  })

  it('says when it simulates an unknown image', () => {
    const c = createCluster({ seed: 34 })
    apply(c, pod('mystery', { image: 'example/app:1.0', ports: [{ containerPort: 8080 }] }))
    expect(get(c, 'mystery').status!.phase).toBe('Running')
    expect(events(c, 'mystery')).toContain('Normal Simulated kubelab does not know image "example/app:1.0": it simulates a generic server listening on the declared containerPorts (8080/TCP)')
  })

  it('uses "already present" for IfNotPresent images already on the node', () => {
    const c = createCluster({ seed: 35 })
    apply(c, pod('a', { image: 'nginx:1.27' }, { nodeName: 'node01' }), pod('b', { image: 'nginx:1.27' }, { nodeName: 'node01' }))
    expect(events(c, 'a')[0]).toBe('Normal Pulling Pulling image "nginx:1.27"')
    expect(events(c, 'b')[0]).toBe('Normal Pulled Container image "nginx:1.27" already present on machine')
  })

  it('gives hostNetwork pods the node IP and others sequential addresses from the pod CIDR', () => {
    const c = createCluster({ seed: 36 })
    apply(c, pod('h', { image: 'nginx' }, { nodeName: 'node02', hostNetwork: true }), pod('p1', { image: 'nginx' }, { nodeName: 'node02' }), pod('p2', { image: 'nginx' }, { nodeName: 'node02' }))
    expect(get(c, 'h').status!.podIP).toBe('172.18.0.4')
    expect([get(c, 'p1').status!.podIP, get(c, 'p2').status!.podIP]).toEqual(['10.244.2.2', '10.244.2.3'])
  })

  it('keeps a deleted sleeper Terminating for its grace period, but lets nginx go at once', () => {
    const c = createCluster({ seed: 37 })
    apply(c, pod('sleeper', { command: ['sleep', '3600'] }), pod('web', { image: 'nginx' }))
    c.store.markForDeletion('Pod', 'default', 'sleeper', 30, 'test')
    c.store.markForDeletion('Pod', 'default', 'web', 30, 'test')
    c.settle()
    expect(get(c, 'web')).toBeUndefined()
    expect(get(c, 'sleeper').metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z')
    expect(events(c, 'sleeper')).toContain('Normal Killing Stopping container sleeper')
    c.advance(30_000)
    expect(get(c, 'sleeper')).toBeUndefined()
  })

  it('formats pull durations as Go does', () => {
    expect([goDuration(523), goDuration(6138), goDuration(6100), goDuration(62_500)]).toEqual(['523ms', '6.138s', '6.1s', '1m2.5s'])
  })
})
