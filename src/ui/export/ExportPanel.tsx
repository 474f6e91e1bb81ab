// The cluster view's "Run on Linux…" control and its panel: what the netns script does, how to run it, Download.

import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { createPortal } from 'react-dom'
import type { Cluster } from '../../core/cluster/types.ts'
import { downloadText } from './download.ts'
import { netnsScript, type NetnsScript, type NetnsSummary } from './netnsScript.ts'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function summaryLine(s: NetnsSummary): string {
  const system = s.systemPods ? ` (and ${s.systemPods} in kube-system)` : ''
  return `Built from the cluster as it is now: ${plural(s.nodes, 'node')}, ${plural(s.pods, 'pod')}${system}, ` +
    `${plural(s.services, 'Service')} of yours; ${s.profile} profile, kube-proxy in ${s.proxyMode} mode.`
}

export function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`
}

export function RunOnLinux({ cluster }: { cluster: Cluster }) {
  const [open, setOpen] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const close = useCallback(() => setOpen(false), [])
  return (
    <>
      <button ref={opener} type="button" className="small" aria-haspopup="dialog" aria-expanded={open} data-testid="run-on-linux"
        title="Download a bash script that rebuilds this cluster's network in Linux network namespaces" onClick={() => setOpen(true)}>
        Run on Linux…
      </button>
      {open && <ExportPanel cluster={cluster} onClose={close} returnFocusTo={opener} />}
    </>
  )
}

type Built = { ok: true; script: NetnsScript } | { ok: false; error: string }

function build(cluster: Cluster): Built {
  try {
    return { ok: true, script: netnsScript(cluster) }
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) }
  }
}

export interface ExportPanelProps {
  cluster: Cluster
  onClose: () => void
  /** where focus goes back when the panel closes (the control that opened it) */
  returnFocusTo?: RefObject<HTMLElement | null>
}

export function ExportPanel({ cluster, onClose, returnFocusTo }: ExportPanelProps) {
  // built once on open: the page behind the panel is inert, so the cluster does not change while it is open
  const [built] = useState(() => build(cluster))
  const [status, setStatus] = useState('')
  const panelRef = useRef<HTMLDivElement>(null)
  const downloadRef = useRef<HTMLButtonElement>(null)
  const closeRef = useRef(onClose)
  closeRef.current = onClose

  // modal: the rest of the page is inert, Escape closes, focus comes back to the opener
  useLayoutEffect(() => {
    const panel = panelRef.current!
    const backdrop = panel.parentElement!
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const made = [...document.body.children].filter((el) => el !== backdrop && !el.hasAttribute('inert'))
    for (const el of made) el.setAttribute('inert', '')
    const first = downloadRef.current
    ;(first && !first.disabled ? first : panel).focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      e.preventDefault()
      e.stopPropagation()
      closeRef.current()
    }
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('keydown', onKey, true)
      for (const el of made) el.removeAttribute('inert')
      const back = returnFocusTo?.current ?? before
      if (back?.isConnected) back.focus()
    }
  }, [returnFocusTo])

  const save = () => {
    if (!built.ok) return
    downloadText(built.script.filename, built.script.text)
    setStatus(`Download started: see your browser's downloads.`)
  }
  const bytes = built.ok ? new TextEncoder().encode(built.script.text).length : 0

  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={panelRef} className="modal export-panel" role="dialog" aria-modal="true" aria-labelledby="export-title"
        aria-describedby="export-what" tabIndex={-1} data-testid="export-panel">
        <div className="modal-head">
          <h2 id="export-title">Run this cluster's network on Linux</h2>
          <span className="spacer" />
          <button type="button" className="icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <p id="export-what">
          A bash script that rebuilds the network of this cluster, as it is now, in Linux network namespaces: one for each
          node, each pod and the outside client, joined by veth pairs and flannel's VXLAN. Each node gets the lab's
          kube-proxy rules loaded with <code>iptables-restore</code> exactly as <code>iptables-save</code> prints them, and
          each pod a tiny python3 server that answers like its image, so real requests take the paths the lab's traces show.
        </p>
        <p>
          It needs root, iproute2, iptables and python3 (curl to try it)
          {built.ok && built.script.summary.proxyMode === 'ipvs' ? '; in IPVS mode also ipset, ipvsadm and the ip_vs module' : ''}.
          It uses only the lab's private addresses, inside namespaces it creates; once up it prints
          the <code>ip netns exec kl-… curl …</code> lines to try, and <code>--down</code> removes everything it built.
        </p>
        <pre className="export-commands" data-testid="export-commands">
          <code>
            {'sudo bash kubelab-netns.sh          # build it\n'}
            {'sudo bash kubelab-netns.sh --down   # remove it all'}
          </code>
        </pre>
        {built.ok ? (
          <p className="muted" data-testid="export-summary">
            {summaryLine(built.script.summary)}
          </p>
        ) : (
          <p className="export-error" role="alert">
            The script could not be built: {built.error}
          </p>
        )}
        <div className="modal-actions">
          <span className="export-file">
            {built.ok && (
              <span data-testid="export-file">
                <code>{built.script.filename}</code> · {sizeText(bytes)}
              </span>
            )}
            <span className="export-status" role="status" aria-live="polite">
              {status}
            </span>
          </span>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button ref={downloadRef} type="button" className="primary" data-testid="export-download" disabled={!built.ok} onClick={save}>
            Download
          </button>
        </div>
      </div>
    </div>,
    document.body,
  )
}
