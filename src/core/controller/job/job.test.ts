import { describe, it, expect } from 'vitest'
import { createCluster } from '../../cluster/create.ts'
import type { KubeObject, Pod } from '../../api/types.ts'
import type { Job } from './types.ts'

const job = (name: string, command: string[], spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' },
  spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command }] } } },
})

describe('job-controller', () => {
  it('runs a pod to completion: selector from the uid, pod name and labels, SuccessCriteriaMet then Complete', () => {
    const c = createCluster({ seed: 1 })
    c.store.create(job('hello', ['echo', 'hi']), { cause: 'test' })
    c.settle()
    const j = c.store.get('Job', 'default', 'hello') as Job
    const uid = j.metadata.uid!
    expect(j.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } } })
    expect(j.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'hello', 'controller-uid': uid, 'job-name': 'hello' })
    expect(j.metadata.generation).toBe(1)
    const pods = c.store.list('Pod', 'default') as Pod[]
    expect(pods).toHaveLength(1)
    expect(pods[0].metadata.name).toMatch(/^hello-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(pods[0].metadata.labels?.['job-name']).toBe('hello')
    expect(pods[0].status?.phase).toBe('Succeeded')
    expect(j.status?.succeeded).toBe(1)
    expect(j.status?.conditions?.map((x) => `${x.type}/${x.reason}`)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached'])
    expect(j.status?.completionTime).toBe(j.status?.startTime)
  })

  it('runs completions with parallelism', () => {
    const c = createCluster({ seed: 2 })
    c.store.create(job('many', ['true'], { completions: 3, parallelism: 2 }), { cause: 'test' })
    c.settle()
    expect((c.store.get('Job', 'default', 'many') as Job).status?.succeeded).toBe(3)
    expect(c.store.list('Pod', 'default')).toHaveLength(3)
  })

  it('recreates failed pods after the back-off and fails past backoffLimit', () => {
    const c = createCluster({ seed: 3 })
    c.store.create(job('bad', ['sh', '-c', 'exit 1'], { backoffLimit: 1 }), { cause: 'test' })
    c.settle()
    expect(c.store.list('Pod', 'default')).toHaveLength(1)
    c.advance(9_000)
    expect(c.store.list('Pod', 'default')).toHaveLength(1)
    c.advance(2_000)
    expect(c.store.list('Pod', 'default')).toHaveLength(2)
    c.advance(60_000)
    const j = c.store.get('Job', 'default', 'bad') as Job
    expect(j.status?.failed).toBe(2)
    expect(j.status?.conditions?.map((x) => `${x.type}/${x.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded'])
  })

  it('rejects a template with restartPolicy Always', () => {
    const c = createCluster({ seed: 4 })
    const bad = job('x', ['true'])
    ;((bad.spec as { template: { spec: { restartPolicy: string } } }).template.spec).restartPolicy = 'Always'
    expect(() => c.store.create(bad, { cause: 'test' })).toThrow('spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"')
  })
})
