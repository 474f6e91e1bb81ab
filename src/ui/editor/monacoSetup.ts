// Loads monaco from the bundle (never a CDN): core editor + YAML grammar, workers, and monaco-yaml validation.
// Imported only by the lazily loaded editor chunk.

import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/yaml/register'
import { loader } from '@monaco-editor/react'
import { configureMonacoYaml } from 'monaco-yaml'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import YamlWorker from './yaml.worker.ts?worker'
import { schemasForEditor } from './schemas.ts'

type Monaco = typeof import('monaco-editor')

interface LegacyWorkerOptions {
  label?: string
  createData?: unknown
  host?: Record<string, unknown>
  keepIdleModels?: boolean
  worker?: unknown
}

const getWorker = (_id: string, label: string): Worker => (label === 'yaml' ? new YamlWorker() : new EditorWorker())
self.MonacoEnvironment = { getWorker }

loader.config({ monaco: monaco as unknown as Monaco })

// monaco >= 0.55 wants editor.createWebWorker({ worker }); monaco-yaml 5.5.1 still passes the legacy
// { label, createData }. Build the worker ourselves and send the legacy handshake monaco itself used to send.
const createWebWorker = (opts: LegacyWorkerOptions) => {
  if (opts.worker) return monaco.editor.createWebWorker(opts as never)
  const w = getWorker('workerMain.js', opts.label ?? 'yaml')
  w.postMessage('ignore')
  w.postMessage(opts.createData)
  return monaco.editor.createWebWorker({ worker: w, host: opts.host, keepIdleModels: opts.keepIdleModels } as never)
}

configureMonacoYaml({ ...monaco, editor: { ...monaco.editor, createWebWorker } } as unknown as Monaco, {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: schemasForEditor(),
})

monaco.editor.defineTheme('kubelab-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#0f141b' },
})

export { monaco }
