import { describe, it, expect } from 'vitest'
import { documentSchema, schemasForEditor } from './schemas.ts'
import { displayPath } from './EditorArea.tsx'

describe('editor schemas', () => {
  it('dispatches on kind', () => {
    const s = documentSchema({ Service: { type: 'object' }, Pod: { type: 'object' } })
    expect(s.required).toEqual(['apiVersion', 'kind'])
    expect((s.allOf as unknown[])[0]).toEqual({ if: { properties: { kind: { const: 'Pod' } }, required: ['kind'] }, then: { type: 'object' } })
  })

  it('gives one schema for YAML files, closed objects for the served kinds', () => {
    const [entry] = schemasForEditor()
    expect(entry.fileMatch).toEqual(['**/*.yaml', '**/*.yml'])
    const allOf = entry.schema.allOf as { if: { properties: { kind: { const: string } } }; then: { additionalProperties: unknown; properties: Record<string, unknown> } }[]
    const kinds = allOf.map((a) => a.if.properties.kind.const)
    expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'Pod', 'Service']))
    const deploy = allOf.find((a) => a.if.properties.kind.const === 'Deployment')!.then
    expect(deploy.additionalProperties).toBe(false)
    expect(Object.keys(deploy.properties)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec']))
  })
})

describe('displayPath', () => {
  it('types paths relative to cwd and quotes odd names', () => {
    expect(displayPath('/root/nginx.yaml', '/root')).toBe('nginx.yaml')
    expect(displayPath('/tmp/x.yaml', '/root')).toBe('/tmp/x.yaml')
    expect(displayPath('/root/my file.yaml', '/root')).toBe(`'my file.yaml'`)
  })
})
