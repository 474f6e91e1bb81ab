// The page: a top bar and three panes (editor, cluster view, terminal) over one lab session.

import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { ProfileName } from '../core/cluster/types.ts'
import type { ShellEffect } from '../shell/types.ts'
import { ClusterView } from './cluster/ClusterView.tsx'
import { ErrorBoundary } from './common/ErrorBoundary.tsx'
import { Splitter } from './common/Splitter.tsx'
import { EditorArea } from './editor/EditorArea.tsx'
import { createSessionHolder } from './session/current.ts'
import { useEditor } from './state/editorStore.ts'
import { NODE_COUNTS, useUi } from './state/uiStore.ts'
import { TerminalPane } from './terminal/TerminalPane.tsx'

const onEffect = (e: ShellEffect) => {
  if (e.kind === 'edit') useEditor.getState().openFile(e.path, e.content, true)
}

const sessions = createSessionHolder({ profile: useUi.getState().profile, nodes: useUi.getState().nodes }, onEffect)
window.addEventListener('pagehide', () => sessions.get().workspace.flush())

export function App() {
  const profile = useUi((s) => s.profile)
  const nodes = useUi((s) => s.nodes)
  const panes = useUi((s) => s.panes)
  const setPanes = useUi((s) => s.setPanes)
  const setCluster = useUi((s) => s.setCluster)
  const session = useSyncExternalStore(sessions.subscribe, sessions.get)

  const recreate = useCallback(
    (nextProfile: ProfileName, nextNodes: number | null, question: string) => {
      if (!window.confirm(question)) return false
      setCluster(nextProfile, nextNodes)
      sessions.replace(nextProfile, nextNodes)
      return true
    },
    [setCluster],
  )

  const mainRef = useRef<HTMLDivElement>(null)
  const topRef = useRef<HTMLDivElement>(null)
  const nodeCount = session.cluster.profile.nodes.length

  return (
    <div className="app" id="app">
      <header className="topbar">
        <h1>kubelab</h1>
        <span className="subtitle">Kubernetes Service networking lab · {session.cluster.profile.version}</span>
        <span className="spacer" />
        <label>
          Profile
          <select
            aria-label="Cluster profile"
            value={profile}
            onChange={(e) => {
              const next = e.target.value as ProfileName
              recreate(next, null, `Switch to the ${next} profile? This creates a new cluster; your files are kept.`)
            }}>
            <option value="kubeadm">kubeadm</option>
            <option value="binary">binary</option>
          </select>
        </label>
        <label>
          Nodes
          <select
            aria-label="Node count"
            value={String(nodes ?? nodeCount)}
            onChange={(e) => {
              const next = Number(e.target.value)
              recreate(profile, next, `Recreate the cluster with ${next} node${next === 1 ? '' : 's'}? Your files are kept.`)
            }}>
            {NODE_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => recreate(profile, nodes, 'Reset the cluster to its initial state? Your files are kept.')}>
          Reset
        </button>
      </header>
      <main className="panes" ref={mainRef} style={{ gridTemplateRows: `${panes.top * 100}fr 6px ${(1 - panes.top) * 100}fr` }}>
        <div className="top-row" ref={topRef} style={{ gridTemplateColumns: `${panes.editor * 100}fr 6px ${(1 - panes.editor) * 100}fr` }}>
          <section className="pane" aria-label="YAML editor">
            <ErrorBoundary name="editor" resetKey={session.id}>
              <EditorArea session={session} />
            </ErrorBoundary>
          </section>
          <Splitter direction="vertical" containerRef={topRef} onChange={(f) => setPanes({ editor: f })} />
          <section className="pane" aria-label="Cluster view">
            <ErrorBoundary name="cluster view" resetKey={session.id}>
              <ClusterView key={session.id} cluster={session.cluster} />
            </ErrorBoundary>
          </section>
        </div>
        <Splitter direction="horizontal" containerRef={mainRef} onChange={(f) => setPanes({ top: f })} />
        <section className="pane terminal-pane" aria-label="Terminal">
          <ErrorBoundary name="terminal" resetKey={session.id}>
            <TerminalPane key={session.id} controller={session.terminal} />
          </ErrorBoundary>
        </section>
      </main>
    </div>
  )
}
