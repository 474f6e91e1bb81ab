import { describe, it, expect } from 'vitest'
import { createCluster } from '../../core/cluster/create.ts'
import { createWorkspaceFs } from '../fs.ts'
import type { CommandContext } from '../types.ts'
import { readManifests, splitDocuments } from './manifest.ts'
import { errorsText } from './aggregate.ts'

function ctxWith(files: Record<string, string>, stdin = ''): CommandContext {
  return {
    args: [], stdin, cluster: createCluster(), fs: createWorkspaceFs({ files }), host: { kind: 'node', node: 'controlplane' },
    env: {}, effect: () => {},
  }
}
const opts = (filenames: string[], extra: Partial<{ namespace: string; enforceNamespace: boolean }> = {}) =>
  ({ filenames, recursive: false, namespace: 'default', enforceNamespace: false, ...extra })

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
`

describe('splitDocuments', () => {
  it('splits on --- lines and keeps the start line of each document', () => {
    const docs = splitDocuments('a: 1\n---\nb: 2\n--- # comment\nc: 3\n')
    expect(docs.map((d) => [d.body.trim(), d.startLine])).toEqual([['a: 1', 1], ['b: 2', 3], ['c: 3', 5]])
  })
})

describe('readManifests', () => {
  it('reads multi-document YAML, defaults the namespace and keeps the source name', () => {
    const ctx = ctxWith({ '/root/app.yaml': SVC + '---\n' + SVC.replace('web', 'api') })
    const r = readManifests(ctx, opts(['app.yaml']))
    expect(r.errors).toEqual([])
    expect(r.items.map((i) => [i.obj.metadata.name, i.namespace, i.source])).toEqual([['web', 'default', 'app.yaml'], ['api', 'default', 'app.yaml']])
    expect(r.items[0].obj.metadata.namespace).toBe('default')
  })

  it('reads stdin as STDIN, JSON, and kind: List items', () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', namespace: 'x' } }] })
    const r = readManifests(ctxWith({}, list), opts(['-']))
    expect(r.items.map((i) => [i.obj.kind, i.source, i.namespace])).toEqual([['ConfigMap', 'STDIN', 'default'], ['Namespace', 'STDIN', '']])
    expect(r.items[1].obj.metadata.namespace).toBeUndefined()
  })

  it('reads the .yaml/.yml/.json files of a directory in name order, not below it without -R', () => {
    const ctx = ctxWith({ '/root/k8s/b.yml': SVC, '/root/k8s/a.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), '/root/k8s/notes.txt': 'x', '/root/k8s/sub/d.yaml': SVC })
    expect(readManifests(ctx, opts(['k8s'])).items.map((i) => i.source)).toEqual(['k8s/a.json', 'k8s/b.yml'])
    expect(readManifests(ctx, { ...opts(['k8s']), recursive: true }).items.map((i) => i.source)).toEqual(['k8s/a.json', 'k8s/b.yml', 'k8s/sub/d.yaml'])
  })

  it('a missing path is a builder error', () => {
    expect(() => readManifests(ctxWith({}), opts(['nope.yaml']))).toThrow('the path "nope.yaml" does not exist')
  })

  it('malformed YAML: kubectl text with the line inside the document, the lab hint with the file position', () => {
    const bad = SVC + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web: x\n'
    const r = readManifests(ctxWith({ '/root/x.yaml': bad }), opts(['x.yaml']))
    expect(r.items).toHaveLength(1)
    expect(errorsText(r.errors)).toBe(
      'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n' +
      'kubelab: the problem is at x.yaml line 12, column 9: Nested mappings are not allowed in compact mappings\n')
  })

  it('more-indented key and tabs give go-yaml wording', () => {
    const r1 = readManifests(ctxWith({ '/root/a.yaml': 'spec:\n  selector:\n    app: web\n      tier: x\n' }), opts(['a.yaml']))
    expect(errorsText(r1.errors).split('\n')[0]).toBe('error: error parsing a.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context')
    const r2 = readManifests(ctxWith({ '/root/a.yaml': 'metadata:\n\tname: web\n' }), opts(['a.yaml']))
    expect(errorsText(r2.errors).split('\n')[0]).toBe('error: error parsing a.yaml: error converting YAML to JSON: yaml: line 2: found character that cannot start any token')
    const r3 = readManifests(ctxWith({ '/root/a.yaml': 'metadata:\n  name: web\n labels:\n  a: b\n' }), opts(['a.yaml']))
    expect(errorsText(r3.errors).split('\n')[0]).toBe('error: error parsing a.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key')
  })

  it('missing apiVersion and kind', () => {
    const r = readManifests(ctxWith({ '/root/x.yaml': 'metadata:\n  name: a\n' }), opts(['x.yaml']))
    expect(errorsText(r.errors)).toBe('error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n')
    const r2 = readManifests(ctxWith({ '/root/x.yaml': 'apiVersion: v1\nmetadata:\n  name: a\n' }), opts(['x.yaml']))
    expect(errorsText(r2.errors)).toBe('error: error validating "x.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n')
  })

  it('unserved versions: resource mapping not found, and the next document still reads', () => {
    const ing = 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: my-ingress\n---\n' + SVC
    const r = readManifests(ctxWith({ '/root/ing.yaml': ing }), opts(['ing.yaml']))
    expect(errorsText(r.errors)).toBe('error: resource mapping not found for name: "my-ingress" namespace: "" from "ing.yaml": no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"\nensure CRDs are installed first\n' +
      'kubelab: networking.k8s.io/v1beta1 Ingress is not served since Kubernetes v1.22 (this cluster runs v1.32.0); networking.k8s.io/v1 replaces it.\n' +
      'kubelab: the same Ingress as networking.k8s.io/v1 (serviceName/servicePort -> service.name/service.port, pathType ImplementationSpecific where none was set) is saved in my-ingress-v1.yaml:\n' +
      'kubelab:   kubectl apply -f my-ingress-v1.yaml\n')
    expect(r.items.map((i) => i.obj.metadata.name)).toEqual(['web'])
  })

  it('namespace from the manifest must match -n', () => {
    const svc = SVC.replace('  name: web\n', '  name: web\n  namespace: a\n')
    const ctx = ctxWith({ '/root/s.yaml': svc })
    expect(readManifests(ctx, opts(['s.yaml'])).items[0].namespace).toBe('a')
    expect(readManifests(ctx, opts(['s.yaml'], { namespace: 'a', enforceNamespace: true })).items[0].namespace).toBe('a')
    const r = readManifests(ctx, opts(['s.yaml'], { namespace: 'b', enforceNamespace: true }))
    expect(errorsText(r.errors)).toBe(`error: the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.\n`)
  })

  it('YAML 1.1 scalars as go-yaml reads them', () => {
    const r = readManifests(ctxWith({ '/root/c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: yes\n  b: 2024-01-01\n' }), opts(['c.yaml']))
    expect(r.items[0].obj.data).toEqual({ a: true, b: '2024-01-01' })
  })
})
