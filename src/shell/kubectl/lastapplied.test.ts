import { describe, it, expect } from 'vitest'
import type { KubeObject } from '../../core/api/types.ts'
import { lastAppliedValue, threeWayMerge, withLastApplied, LAST_APPLIED } from './lastapplied.ts'

const svc: KubeObject = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
}

describe('last-applied annotation', () => {
  it('is compact JSON with sorted keys, an empty annotations map and a trailing newline', () => {
    expect(lastAppliedValue(svc)).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"ports":[{"port":80,"targetPort":8080}],"selector":{"app":"web"}}}\n')
  })
  it('leaves other annotations in and never nests itself', () => {
    const o = withLastApplied(withLastApplied({ ...svc, metadata: { ...svc.metadata, annotations: { a: '<b>' } } }))
    expect(o.metadata.annotations![LAST_APPLIED]).toContain('"annotations":{"a":"\\u003cb\\u003e"}')
    expect(o.metadata.annotations![LAST_APPLIED]).not.toContain('last-applied')
  })
})

describe('threeWayMerge', () => {
  const live = {
    metadata: { name: 'web', uid: 'u1', labels: { app: 'web', tier: 'fe' } },
    spec: { clusterIP: '10.96.1.2', type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }] },
    status: { loadBalancer: {} },
  }
  it('keeps server-set fields, removes fields dropped from the manifest', () => {
    const last = { metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] } }
    const desired = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 9090 }] } }
    expect(threeWayMerge(live, last, desired)).toEqual({
      metadata: { name: 'web', uid: 'u1', labels: { app: 'web' } },
      spec: { clusterIP: '10.96.1.2', type: 'NodePort', ports: [{ port: 80, targetPort: 9090, nodePort: 30080, protocol: 'TCP' }] },
      status: { loadBalancer: {} },
    })
  })
  it('a port removed from the manifest goes; one the manifest never had (not in last-applied) stays', () => {
    const l2 = { spec: { ports: [{ port: 80, nodePort: 30080 }, { port: 443, nodePort: 30443 }, { port: 9000 }] } }
    const last = { spec: { ports: [{ port: 80 }, { port: 443 }] } }
    const desired = { spec: { ports: [{ port: 80 }] } }
    expect(threeWayMerge(l2, last, desired)).toEqual({ spec: { ports: [{ port: 80, nodePort: 30080 }, { port: 9000 }] } })
  })
  it('merges containers by name and replaces lists without a merge key', () => {
    const l = { spec: { containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent' }], args: ['a', 'b'] } }
    const d = { spec: { containers: [{ name: 'a', image: 'x:2' }], args: ['c'] } }
    expect(threeWayMerge(l, {}, d)).toEqual({ spec: { containers: [{ name: 'a', image: 'x:2', imagePullPolicy: 'IfNotPresent' }], args: ['c'] } })
  })
})
