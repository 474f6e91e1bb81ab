// The editor pane: tabs over workspace files, a file picker, Save and Apply (through the terminal's shell).

import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { LabSession } from '../session/session.ts'
import { SAMPLE_FILE } from '../session/workspace.ts'
import { useEditor } from '../state/editorStore.ts'
import type { Problem } from './EditorPane.tsx'

const EditorPane = lazy(() => import('./EditorPane.tsx'))

/** How a path is typed in the terminal: relative to the shell's cwd when inside it. */
export function displayPath(path: string, cwd: string): string {
  const base = cwd.endsWith('/') ? cwd : cwd + '/'
  const rel = path.startsWith(base) ? path.slice(base.length) : path
  return /^[A-Za-z0-9._\-/]+$/.test(rel) ? rel : `'${rel.replace(/'/g, `'\\''`)}'`
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1)

export function EditorArea({ session }: { session: LabSession }) {
  const { fs } = session.shell
  const { open, active, buffers, openFile, close, setActive, setBuffer } = useEditor()
  const files = useSyncExternalStore(session.workspace.subscribe, session.workspace.files)
  const [problems, setProblems] = useState<Problem[]>([])
  const [fsTick, setFsTick] = useState(0)
  // the file content each buffer was last loaded from or saved to: an unmodified buffer follows its file
  const baseline = useRef(new Map<string, string>())

  useEffect(() => {
    const ed = useEditor.getState()
    for (const p of ed.open) if (!baseline.current.has(p)) baseline.current.set(p, fs.read(p) ?? ed.buffers[p] ?? '')
    if (ed.open.length === 0) {
      const sample = fs.resolve(SAMPLE_FILE)
      const content = fs.read(sample)
      if (content !== undefined) {
        baseline.current.set(sample, content)
        ed.openFile(sample, content)
      }
    }
    return fs.watch((changed) => {
      const p = fs.resolve(changed)
      setFsTick((t) => t + 1)
      const st = useEditor.getState()
      if (!st.open.includes(p)) return
      const now = fs.read(p)
      if (now !== undefined && st.buffers[p] === baseline.current.get(p)) {
        baseline.current.set(p, now)
        st.setBuffer(p, now)
      }
    })
  }, [fs])

  const dirty = useCallback((p: string) => buffers[p] !== fs.read(p), [buffers, fs, fsTick]) // eslint-disable-line react-hooks/exhaustive-deps

  const save = useCallback(() => {
    const st = useEditor.getState()
    if (!st.active) return undefined
    const text = st.buffers[st.active] ?? ''
    fs.write(st.active, text)
    baseline.current.set(st.active, text)
    return st.active
  }, [fs])

  const apply = useCallback(() => {
    const path = save()
    if (path) session.terminal.runCommand(`kubectl apply -f ${displayPath(path, fs.cwd)}`)
  }, [save, session, fs])

  const openPath = (p: string) => {
    const content = fs.read(p) ?? ''
    if (!useEditor.getState().open.includes(p)) baseline.current.set(p, content)
    openFile(p, content)
  }

  const newFile = () => {
    const name = window.prompt('New file name', 'service.yaml')?.trim()
    if (!name) return
    const p = fs.resolve(name)
    if (!fs.exists(p)) fs.write(p, '')
    openPath(p)
  }

  const unopened = useMemo(() => files.filter((f) => !open.includes(f)), [files, open])
  const errors = problems.filter((p) => p.severity !== 'info')

  return (
    <div className="editor-pane" data-testid="editor-pane">
      <div className="pane-toolbar tabs" role="tablist">
        {open.map((p) => (
          <div key={p} role="tab" aria-selected={p === active} className={`tab${p === active ? ' active' : ''}`} title={p}
            onClick={() => setActive(p)}>
            <span>{baseName(p)}</span>
            {dirty(p) && <span className="dirty" aria-label="unsaved">●</span>}
            <button type="button" className="icon" aria-label={`Close ${baseName(p)}`} onClick={(e) => (e.stopPropagation(), close(p))}>
              ×
            </button>
          </div>
        ))}
        <select className="file-picker" aria-label="Open a workspace file" value="" onChange={(e) => e.target.value && openPath(e.target.value)}>
          <option value="">Open…</option>
          {unopened.map((f) => (
            <option key={f} value={f}>
              {displayPath(f, fs.cwd)}
            </option>
          ))}
        </select>
        <button type="button" className="small" onClick={newFile}>
          New
        </button>
        <span className="spacer" />
        <span className={`problems${errors.length ? ' has' : ''}`} data-testid="problems" title={errors.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}>
          {errors.length ? `${errors.length} problem${errors.length === 1 ? '' : 's'}` : 'no problems'}
        </span>
        <button type="button" className="small" onClick={save} disabled={!active} title="Save to the workspace (Ctrl+S)">
          Save
        </button>
        <button type="button" className="primary" onClick={apply} disabled={!active} data-testid="apply" title="Save, then run kubectl apply -f in the terminal">
          Apply
        </button>
      </div>
      <div className="editor-body">
        {active ? (
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <EditorPane path={active} value={buffers[active] ?? ''} onChange={(t) => setBuffer(active, t)} onSave={save} onProblems={setProblems} />
          </Suspense>
        ) : (
          <div className="editor-empty">No file open. Pick one from “Open…” or create a new one.</div>
        )}
      </div>
    </div>
  )
}
