// The JSON Schema the YAML editor validates against, built from the core's per-kind schemas
// (src/core/api/schema.ts, the same fields the API server's strict decoding knows): one document schema
// that dispatches on `kind`.

import { KIND_FIELDS, jsonSchemaFor } from '../../core/api/schema.ts'

type Schema = Record<string, unknown>

export interface EditorSchema {
  uri: string
  fileMatch: string[]
  schema: Schema
}

/** One schema for a YAML document: `kind` picks the per-kind schema; other kinds are left unchecked. */
export function documentSchema(perKind: Record<string, Schema>): Schema {
  const kinds = Object.keys(perKind).sort()
  return {
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' } },
    allOf: kinds.map((k) => ({ if: { properties: { kind: { const: k } }, required: ['kind'] }, then: perKind[k] })),
  }
}

export function schemasForEditor(): EditorSchema[] {
  const perKind: Record<string, Schema> = {}
  for (const kind of Object.keys(KIND_FIELDS)) {
    const s = jsonSchemaFor(kind)
    if (s) perKind[kind] = s as Schema
  }
  return [
    {
      // a name only (never fetched: schema requests are off); ending in .json keeps the language server from probing it
      uri: 'https://kubelab.invalid/schemas/kubernetes.json',
      fileMatch: ['**/*.yaml', '**/*.yml'],
      schema: documentSchema(perKind),
    },
  ]
}
