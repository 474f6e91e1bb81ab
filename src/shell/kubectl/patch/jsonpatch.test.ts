import { describe, it, expect } from 'vitest'
import { applyJsonPatch, decodePatch, mergePatch, JsonPatchError } from './jsonpatch.ts'
import { decodeJson, patchToJson } from './input.ts'
import { goValue } from './gofmt.ts'

const doc = () => ({ spec: { ports: [{ port: 80 }, { port: 443 }], type: 'ClusterIP' } })

describe('JSON patch (evanphx/json-patch v4 semantics)', () => {
  it('replace of a missing object key adds it; remove takes negative indices', () => {
    expect(applyJsonPatch(doc(), decodePatch([{ op: 'replace', path: '/spec/new', value: 1 }])).spec).toMatchObject({ new: 1 })
    expect(applyJsonPatch(doc(), decodePatch([{ op: 'remove', path: '/spec/ports/-1' }])).spec).toEqual({ ports: [{ port: 80 }], type: 'ClusterIP' })
  })
  it('keys are unescaped (~1 is /, ~0 is ~) and the input document is untouched', () => {
    const d = { metadata: { labels: { 'a/b': 'x', 'c~d': 'y' } } }
    const out = applyJsonPatch(d, decodePatch([{ op: 'remove', path: '/metadata/labels/a~1b' }, { op: 'replace', path: '/metadata/labels/c~0d', value: 'z' }]))
    expect(out).toEqual({ metadata: { labels: { 'c~d': 'z' } } })
    expect(d.metadata.labels['a/b']).toBe('x')
  })
  it('test compares structurally and fails with the library text', () => {
    expect(() => applyJsonPatch(doc(), decodePatch([{ op: 'test', path: '/spec/ports/0', value: { port: 80 } }]))).not.toThrow()
    expect(() => applyJsonPatch(doc(), decodePatch([{ op: 'test', path: '/spec/ports/0', value: { port: 81 } }])))
      .toThrow(new JsonPatchError('testing value /spec/ports/0 failed: test failed', 'apply'))
  })
})

describe('JSON merge patch', () => {
  it('merges objects, deletes on null, drops nulls inside new values, replaces lists', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: { e: null, f: 1 } }, l: [3] }))
      .toEqual({ a: { c: 2, d: { f: 1 } }, l: [3] })
  })
})

describe('patch text', () => {
  it('passes JSON through and converts YAML; JSON errors read as encoding/json reports them', () => {
    expect(patchToJson('spec: {replicas: 3}')).toEqual({ value: { spec: { replicas: 3 } } })
    expect(patchToJson(' {"a":1}')).toEqual({ value: { a: 1 } })
    expect(decodeJson('{"a":}')).toEqual({ syntaxError: "invalid character '}' looking for beginning of value" })
    expect(decodeJson('{"a":1} {"b":2}')).toEqual({ syntaxError: "invalid character '{' after top-level value" })
  })
  it('formats Go values as fmt %v does', () => {
    expect(goValue({ name: 'x', ports: [80, 443], m: { b: true, a: null } })).toBe('map[m:map[a:<nil> b:true] name:x ports:[80 443]]')
  })
})
