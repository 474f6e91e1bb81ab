import { describe, it, expect } from 'vitest'
import { tabify, DESCRIBE_TABS } from './tabwriter.ts'
import { toYaml, goYamlKeyCompare } from './yaml.ts'
import { goJsonIndent } from './json.ts'
import { jsonpath } from './jsonpath.ts'
import { formatObjects, asListObject } from './index.ts'
import type { KubeObject } from '../../../core/api/types.ts'

describe('tabwriter (Go text/tabwriter as cli-runtime configures it)', () => {
  it('pads to max(6, cell+3), leaves the last column unpadded', () => {
    expect(tabify('NAME\tAGE\na\t5s\n')).toBe('NAME   AGE\na      5s\n')
  })
  it('a line without tabs ends a column block (describe)', () => {
    expect(tabify('Name:\tx\nIPs:\n  IP:\t1.2.3.4\nControlled By:\tRS/x\n', DESCRIBE_TABS))
      .toBe('Name:  x\nIPs:\n  IP:           1.2.3.4\nControlled By:  RS/x\n')
  })
})

describe('yaml (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('sorts keys, quotes ambiguous strings, block literals, no sequence indent', () => {
    const obj = {
      metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z', resourceVersion: '', labels: { 'app.kubernetes.io/name': 'web', app: 'web' },
        annotations: { 'last': '{"a":1}\n' } },
      kind: 'Service', apiVersion: 'v1',
      spec: { ports: [{ port: 80, targetPort: '8080', name: 'http' }], selector: {}, hosts: ['*.example.com', 'yes'], e: [] },
    }
    expect(toYaml(obj)).toBe(`apiVersion: v1
kind: Service
metadata:
  annotations:
    last: |
      {"a":1}
  creationTimestamp: "2026-01-01T00:00:00Z"
  labels:
    app: web
    app.kubernetes.io/name: web
  name: web
  resourceVersion: ""
spec:
  e: []
  hosts:
  - '*.example.com'
  - "yes"
  ports:
  - name: http
    port: 80
    targetPort: "8080"
  selector: {}
`)
  })
  it('orders keys as go-yaml does (numbers numerically, non-letters first)', () => {
    expect(['a10', 'a9', 'a_b', 'ab'].sort(goYamlKeyCompare)).toEqual(['a_b', 'a9', 'a10', 'ab'])
  })
})

describe('json (MarshalIndent, 4 spaces, sorted, HTML-escaped)', () => {
  it('prints as kubectl does', () => {
    expect(goJsonIndent({ b: '<none>', a: [1] })).toBe('{\n    "a": [\n        1\n    ],\n    "b": "\\u003cnone\\u003e"\n}')
  })
})

describe('jsonpath', () => {
  const list = { items: [
    { metadata: { name: 'a' }, status: { podIP: '10.0.0.1', addresses: [{ type: 'InternalIP', address: '1.1.1.1' }, { type: 'Hostname', address: 'n1' }] } },
    { metadata: { name: 'b' }, status: { podIP: '10.0.0.2' } },
  ] }
  it.each([
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].status.podIP}', '10.0.0.1'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', 'a\t10.0.0.1\nb\t10.0.0.2\n'],
    ['{.items[0].status.addresses[?(@.type=="InternalIP")].address}', '1.1.1.1'],
    ['{.items[-1:].metadata.name}', 'b'],
    ['{.items[0].metadata}', '{"name":"a"}'],
    ['{.items[*].missing}', ''],
    ['name={.items[1].metadata.name}', 'name=b'],
  ])('%s', (tpl, want) => expect(jsonpath(tpl, list)).toBe(want))
})

describe('formatObjects', () => {
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } } as KubeObject
  const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } } as KubeObject
  it('name printer: kind.group/name', () => {
    expect(formatObjects([svc, dep], 'name')).toBe('service/web\ndeployment.apps/web\n')
    expect(formatObjects([asListObject([svc, dep])], 'name')).toBe('service/web\ndeployment.apps/web\n')
  })
  it('yaml: one object as is, several separated by ---, the List wrapper', () => {
    expect(formatObjects([svc], 'yaml')).toBe('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n')
    expect(formatObjects([svc, svc], 'yaml')).toBe('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n')
    // kubectl get pods -o yaml with no pods (get.go printGeneric)
    expect(formatObjects([asListObject([])], 'yaml')).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n')
  })
  it('unknown format', () => {
    expect(() => formatObjects([svc], 'foo')).toThrow('unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml')
  })
})
