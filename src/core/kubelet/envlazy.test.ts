import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { runtimeOf } from '../cluster/runtime.ts'
import type { Pod, Service } from '../api/types.ts'
import { currentServiceEnv, makeEnvironmentVariables, orderedVars, prepareEnvironmentVariables } from './envvars.ts'
import { containerSpecEnv } from './env.ts'

const svc = (name: string): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80, name: 'http' }] } })
const pod = (name: string, env: { name: string; value: string }[] = []): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx', env }] },
})

describe('container env fixed at creation, ordered when read', () => {
  it('shares the service links between launches until a Service changes', () => {
    const c = createCluster({ seed: 2 })
    c.store.create(svc('a'), { cause: 'test' })
    const e1 = currentServiceEnv(c.store, 'default', true)
    expect(currentServiceEnv(c.store, 'default', true)).toBe(e1)
    expect(e1.A_SERVICE_HOST).toBeDefined()
    expect(currentServiceEnv(c.store, 'default', false)).not.toHaveProperty('A_SERVICE_HOST')
    c.store.create(svc('b'), { cause: 'test' })
    const e2 = currentServiceEnv(c.store, 'default', true)
    expect(e2).not.toBe(e1)
    expect(e2.B_SERVICE_HOST).toBeDefined()
    expect(e1.B_SERVICE_HOST).toBeUndefined()
  })

  it('prepare + orderedVars gives what makeEnvironmentVariables gives', () => {
    const c = createCluster({ seed: 2 })
    for (const n of ['a', 'b', 'c']) c.store.create(svc(n), { cause: 'test' })
    const p = pod('p', [{ name: 'X', value: '$(A_SERVICE_HOST):$(B_SERVICE_PORT)' }, { name: 'A_SERVICE_PORT', value: 'mine' }])
    const r = prepareEnvironmentVariables(c.store, p, p.spec.containers[0], 'seed')
    if ('error' in r) throw new Error(r.error)
    const eager = makeEnvironmentVariables(c.store, p, p.spec.containers[0], 'seed')
    expect('vars' in eager && eager.vars).toEqual(orderedVars(r))
  })

  it('a running container keeps the env of its creation after Services change', () => {
    const c = createCluster({ seed: 4 })
    c.store.create(svc('a'), { cause: 'test' })
    c.store.create(pod('p', [{ name: 'X', value: '$(A_PORT)' }]), { cause: 'test' })
    c.settle()
    const p = c.store.get('Pod', 'default', 'p') as Pod
    const run = runtimeOf(c)!.kubelet.runOf(p.metadata.uid)!.containers[0]
    const atCreation = containerSpecEnv(p, p.spec.containers[0], (makeEnvironmentVariables(c.store, p, p.spec.containers[0], run.containerID) as { vars: [string, string][] }).vars)
    c.store.create(svc('later'), { cause: 'test' })
    c.store.delete('Service', 'default', 'a', { cause: 'test' })
    c.settle()
    expect(run.env).toEqual(atCreation)
    expect(run.env!.find((e) => e[0] === 'X')![1]).toMatch(/^tcp:\/\/10\.\d+\.\d+\.\d+:80$/)
    expect(run.env!.some((e) => e[0].startsWith('LATER_'))).toBe(false)
    expect(run.env).toBe(run.env) // built once
  })
})
