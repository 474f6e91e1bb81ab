import { describe, it, expect } from 'vitest'
import { goJson, goJsonIndent, GoStruct } from './json.ts'
import { typedObject, structValue } from './typed.ts'
import { toYaml } from './yaml.ts'
import { kit } from './testkit.ts'
import type { KubeObject } from '../../../core/api/types.ts'

describe('typed objects: Go struct field order (encoding/json)', () => {
  it('keeps TypeMeta, ObjectMeta, spec, status order and sorts maps', () => {
    const obj = {
      apiVersion: 'v1', kind: 'Service', status: { loadBalancer: {} },
      spec: { type: 'ClusterIP', selector: { b: '2', a: '1' }, ports: [{ targetPort: 80, port: 80, protocol: 'TCP', name: 'http' }] },
      metadata: { labels: { z: '1', a: '2' }, creationTimestamp: null, namespace: 'dev', name: 'web' },
    } as unknown as KubeObject
    expect(goJson(typedObject(obj))).toBe('{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","namespace":"dev",' +
      '"creationTimestamp":null,"labels":{"a":"2","z":"1"}},"spec":{"ports":[{"name":"http","protocol":"TCP","port":80,' +
      '"targetPort":80}],"selector":{"a":"1","b":"2"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}')
  })
  it('omitempty drops empty maps and strings, keeps empty structs and set pointers', () => {
    const v = structValue({ metadata: { name: 'd', annotations: {}, labels: {} }, spec: { replicas: 0, strategy: {}, paused: false,
      template: { metadata: {}, spec: { containers: [{ name: 'c', image: '', resources: {} }] } } } }, 'Deployment')
    expect(goJson(v)).toBe('{"metadata":{"name":"d"},"spec":{"replicas":0,"template":{"metadata":{},"spec":{"containers":' +
      '[{"name":"c","resources":{}}]}},"strategy":{}}}')
  })
  it('fields the table does not know follow the known ones, sorted', () => {
    expect(goJson(structValue({ zz: 1, name: 'x', aa: 2 }, 'ContainerPort'))).toBe('{"aa":2,"zz":1}'.replace('{', '{"name":"x",'))
  })
  it('unknown kinds stay maps (sorted)', () => {
    expect(goJson(typedObject({ kind: 'Widget', apiVersion: 'x/v1', metadata: { name: 'w' } } as KubeObject)))
      .toBe('{"apiVersion":"x/v1","kind":"Widget","metadata":{"name":"w"}}')
  })
  it('MarshalIndent of a GoStruct: 4 spaces, empty values inline, HTML escaped', () => {
    expect(goJsonIndent(new GoStruct([['b', []], ['a', {}], ['c', '<&>']]))).toBe('{\n    "b": [],\n    "a": {},\n    "c": "\\u003c\\u0026\\u003e"\n}')
  })
  it('YAML is unaffected: sigs.k8s.io/yaml sorts keys through a map', () => {
    expect(toYaml({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'dev', creationTimestamp: null } }))
      .toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: dev\n')
  })
})

describe('server objects (kubectl get: unstructured, Go maps) stay sorted in -o json', () => {
  it('get svc -o json lists keys alphabetically at every level', () => {
    const t = kit()
    t.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] } } as KubeObject)
    const out = t.k('get svc web -o json').stdout
    // JSON.parse keeps the text's key order (none of these keys is an integer)
    const o = JSON.parse(out) as Record<string, Record<string, unknown>>
    const sorted = (x: object) => [...Object.keys(x)].sort()
    expect(Object.keys(o).slice(0, 4)).toEqual(['apiVersion', 'kind', 'metadata', 'spec'])
    expect(Object.keys(o)).toEqual(sorted(o))
    expect(Object.keys(o.metadata)).toEqual(sorted(o.metadata))
    expect(Object.keys(o.spec)).toEqual(sorted(o.spec))
    expect(out).toMatch(/"name": "http",\n\s+"port": 80,\n\s+"protocol": "TCP",\n\s+"targetPort": 8080/)
  })
})
