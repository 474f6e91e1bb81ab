import { describe, expect, it } from 'vitest'
import { parseResourceArgs } from './resources.ts'

describe('parseResourceArgs', () => {
  it('resolves short names, lists and slash forms', () => {
    expect(parseResourceArgs(['svc', 'web']).map((s) => [s.type.kind, s.names])).toEqual([['Service', ['web']]])
    expect(parseResourceArgs(['po,deploy']).map((s) => s.type.kind)).toEqual(['Pod', 'Deployment'])
    expect(parseResourceArgs(['deploy/web', 'svc/web']).map((s) => [s.type.kind, s.names])).toEqual([['Deployment', ['web']], ['Service', ['web']]])
    expect(parseResourceArgs(['ingresses.networking.k8s.io'])[0].type.kind).toBe('Ingress')
    expect(parseResourceArgs(['all']).map((s) => s.type.kind)).toEqual(['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'Job'])
  })
  it("fails with kubectl's texts", () => {
    expect(() => parseResourceArgs(['foo'])).toThrow(`the server doesn't have a resource type "foo"`)
    expect(() => parseResourceArgs(['svc', 'deploy/web'])).toThrow(/there is no need to specify a resource type as a separate argument/)
  })
})
