import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { apply, events } from '../cluster/testutil.ts'
import type { Container, Pod } from '../api/types.ts'
import { expand, makeEnvironmentVariables } from './envvars.ts'
import { containerSpecEnv, processEnv, replaceOrAppend } from './env.ts'
import { atomicTree, SYNC_PERIOD_MS, timestampDir } from './volumes.ts'

const pod = (name: string, c: Partial<Container>, spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], ...c }], ...spec },
})
const get = (c: ReturnType<typeof createCluster>, n: string) => c.store.get('Pod', 'default', n) as Pod
const cm = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data })

describe('env and config errors (kubelet)', () => {
  it('expands $(VAR) from earlier variables and service links; $$ escapes; unknown stays', () => {
    const m = (k: string) => ({ A: 'x', B: 'y' } as Record<string, string>)[k]
    expect(expand('$(A)-$(B)-$(C)-$$(A)', m)).toBe('x-y-$(C)-$(A)')
  })

  it('the runtime keeps a name\'s first position; runc adds HOME last; -t adds TERM', () => {
    expect(replaceOrAppend([['PATH', 'a'], ['HOSTNAME', 'h']], [['PATH', 'b'], ['X', '1']])).toEqual([['PATH', 'b'], ['HOSTNAME', 'h'], ['X', '1']])
    const p = pod('p', { image: 'nginx:1.27.3' })
    const spec = containerSpecEnv(p, p.spec.containers[0], [['X', '1']])
    expect(spec.map((e) => e[0])).toEqual(['PATH', 'HOSTNAME', 'NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE', 'X'])
    expect(processEnv(spec, true).slice(-2)).toEqual([['TERM', 'xterm'], ['HOME', '/root']])
  })

  it('reports the kubelet\'s texts for missing objects and keys; optional refs are skipped', () => {
    const c = createCluster({ seed: 3 })
    apply(c, cm('x', { other: '1' }))
    const env = (e: Container['env'], ef?: unknown[]) => makeEnvironmentVariables(c.store, pod('p', {}), { name: 'c', env: e, envFrom: ef } as Container, 's')
    expect(env([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'y', key: 'k' } } }])).toEqual({ error: 'configmap "y" not found' })
    expect(env([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } }])).toEqual({ error: "couldn't find key k in ConfigMap default/x" })
    expect(env([{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }])).toEqual({ error: 'secret "s" not found' })
    expect(env([], [{ secretRef: { name: 's' } }])).toEqual({ error: 'secret "s" not found' })
    const ok = env([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'k', optional: true } } }, { name: 'B', value: '$(other)!' }], [{ configMapRef: { name: 'x' } }])
    expect('vars' in ok && Object.fromEntries(ok.vars)).toMatchObject({ other: '1', B: '1!' })
    expect('vars' in ok && ok.vars.some(([k]) => k === 'A')).toBe(false)
  })

  it('CreateContainerConfigError until the ConfigMap appears, then the container starts', () => {
    const c = createCluster({ seed: 5 })
    apply(c, pod('p', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } }] }))
    const st = get(c, 'p').status!
    expect(st.phase).toBe('Pending')
    expect(st.containerStatuses![0].state).toEqual({ waiting: { message: 'configmap "x" not found', reason: 'CreateContainerConfigError' } })
    expect(events(c, 'p').some((e) => e.includes('Warning Failed Error: configmap "x" not found') || e.includes('Error: configmap "x" not found'))).toBe(true)
    apply(c, cm('x', { k: 'v' }))
    c.advance(16_000)
    const after = get(c, 'p').status!
    expect(after.phase).toBe('Running')
    expect(after.containerStatuses![0].restartCount).toBe(0)
  })

  it('a missing configMap volume: FailedMount and ContainerCreating, no pod IP', () => {
    const c = createCluster({ seed: 6 })
    apply(c, pod('v', { volumeMounts: [{ name: 'v', mountPath: '/etc/v' }] }, { volumes: [{ name: 'v', configMap: { name: 'nope' } }] }))
    const st = get(c, 'v').status!
    expect(st.phase).toBe('Pending')
    expect(st.podIP).toBeUndefined()
    expect(st.containerStatuses![0].state).toEqual({ waiting: { reason: 'ContainerCreating' } })
    expect(events(c, 'v').some((e) => e.includes('MountVolume.SetUp failed for volume "v" : configmap "nope" not found'))).toBe(true)
    apply(c, cm('nope', { a: 'b' }))
    c.advance(5_000)
    expect(get(c, 'v').status!.phase).toBe('Running')
  })

  it('the atomic writer layout and its timestamp directory name', () => {
    expect(timestampDir(Date.UTC(2026, 0, 1, 0, 0, 0), 's')).toMatch(/^\.\.2026_01_01_00_00_00\.\d+$/)
    const t = atomicTree(new Map([['a', { content: 'x', mode: 0o644 }], ['d/b', { content: 'yy', mode: 0o400 }]]), true, 0, 's')
    const ts = t.get('..data')!.target!
    expect([...t.keys()].sort()).toEqual(['', ts, `${ts}/a`, `${ts}/d`, `${ts}/d/b`, '..data', 'a', 'd'].sort())
    expect(t.get('d')).toMatchObject({ type: 'link', target: '..data/d' })
    expect(t.get('')).toMatchObject({ mode: 0o1777, size: 120 })
    expect(SYNC_PERIOD_MS).toBe(60_000)
  })
})
