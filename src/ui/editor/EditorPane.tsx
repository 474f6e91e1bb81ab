// The monaco editor itself (lazily loaded chunk): one model per workspace file, YAML language, schema validation.

import Editor, { type OnMount } from '@monaco-editor/react'
import { useRef } from 'react'
import { monaco } from './monacoSetup.ts'

export interface Problem { line: number; column: number; message: string; severity: 'error' | 'warning' | 'info' }

export interface EditorPaneProps {
  path: string
  value: string
  onChange(text: string): void
  onSave(): void
  onProblems(problems: Problem[]): void
}

export default function EditorPane({ path, value, onChange, onSave, onProblems }: EditorPaneProps) {
  const saveRef = useRef(onSave)
  saveRef.current = onSave
  const onMount: OnMount = (editor) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current())
  }
  return (
    <Editor
      path={`file://${path}`}
      language="yaml"
      theme="kubelab-dark"
      value={value}
      onChange={(v) => onChange(v ?? '')}
      onMount={onMount}
      onValidate={(markers) =>
        onProblems(
          markers.map((m) => ({
            line: m.startLineNumber,
            column: m.startColumn,
            message: m.message,
            severity: m.severity >= 8 ? 'error' : m.severity >= 4 ? 'warning' : 'info',
          })),
        )
      }
      loading={<div className="editor-loading">Loading editor…</div>}
      options={{
        minimap: { enabled: false },
        automaticLayout: true,
        fontSize: 13,
        tabSize: 2,
        insertSpaces: true,
        scrollBeyondLastLine: false,
        renderWhitespace: 'none',
        fixedOverflowWidgets: true,
      }}
    />
  )
}
