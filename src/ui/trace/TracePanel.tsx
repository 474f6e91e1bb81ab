// The trace panel under the cluster view: the hops of the replayed packet (where, the rule or IPVS entry that
// matched, the packet before and after a rewrite, the sentence), the verdict, and replay controls.

import { useEffect, useRef } from 'react'
import type { Hop, Packet, Trace } from '../../trace/types.ts'
import { useTraces } from './traceStore.ts'

const addr = (p: Packet) => (p.protocol === 'ICMP' ? p.dst : `${p.dst}:${p.dport}`)
const src = (p: Packet) => (p.protocol === 'ICMP' ? p.src : `${p.src}:${p.sport}`)
const rewritten = (h: Hop) => h.before.src !== h.after.src || h.before.dst !== h.after.dst || h.before.sport !== h.after.sport || h.before.dport !== h.after.dport

const VERDICT_TEXT: Record<Trace['verdict'], string> = {
  delivered: 'delivered',
  rejected: 'rejected',
  dropped: 'dropped',
  timeout: 'timed out',
  refused: 'refused',
}

export function verdictLine(t: Trace): string {
  const base = VERDICT_TEXT[t.verdict]
  if (t.verdict === 'delivered' && t.endpoint) {
    // behind an ingress controller: the endpoint the proxied leg reached, and what the client got
    const leg = t.upstream?.find((l) => l.status !== undefined)
    const via = t.upstream ? (leg?.endpoint ? `, proxied to ${leg.endpoint.host} (${leg.to})` : ', no upstream answered') : ''
    return `${base} to ${t.endpoint.host} (${t.endpoint.ip}:${t.endpoint.port})${via}${t.response && t.upstream ? ` · ${t.response.status}` : ''}`
  }
  if (t.reason) return `${base}: ${t.reason.replace(/-/g, ' ')}`
  return base
}

function where(h: Hop): string {
  const at = h.where.iface ? `${h.where.host} ${h.where.iface}` : h.where.host
  return h.leg === 'upstream' ? `${at} · controller -> upstream` : at
}

/** an ingress hop's decision in nginx terms */
function ingressText(h: Hop): string | undefined {
  const i = h.ingress
  if (!i) return undefined
  return [`server ${i.server}`, i.location, i.upstream && `upstream ${i.upstream}`, i.endpoint && `-> ${i.endpoint}`, i.uri && `uri ${i.uri}`, i.status && `status ${i.status}`]
    .filter(Boolean).join(' · ')
}

export function TracePanel() {
  const { command, traces, shown, hop, playing } = useTraces()
  const listRef = useRef<HTMLOListElement>(null)
  useEffect(() => {
    listRef.current?.querySelector('.current')?.scrollIntoView?.({ block: 'nearest' })
  }, [hop])
  const t = traces[shown]
  if (!t) return null
  const s = useTraces.getState()
  const step = () => {
    s.setPlaying(false)
    s.setHop(Math.min(t.hops.length - 1, hop + 1))
  }
  return (
    <div className="trace-panel" data-testid="trace-panel" aria-label="Packet trace">
      <div className="trace-head">
        <strong>Trace{traces.length > 1 ? ` ${shown + 1}/${traces.length}` : ''}</strong>
        <span className="trace-command" title={command}>{command}</span>
        <span className={`verdict ${t.verdict}`} data-testid="trace-verdict">{verdictLine(t)}</span>
        <span className="muted trace-cost" data-testid="trace-cost">
          {t.rulesEvaluated} rules evaluated · {t.ipvsLookups} IPVS lookups
        </span>
        <span className="controls">
        {traces.length > 1 && (
          <>
            <button type="button" className="small" disabled={shown === 0} onClick={() => s.show(shown - 1)} aria-label="Previous trace">‹</button>
            <button type="button" className="small" disabled={shown >= traces.length - 1} onClick={() => s.show(shown + 1)} aria-label="Next trace">›</button>
          </>
        )}
        <button type="button" className="small" onClick={() => s.show(shown)} disabled={playing}>Replay</button>
        <button type="button" className="small" onClick={step} disabled={hop >= t.hops.length - 1}>Step</button>
        <button type="button" className="small" onClick={() => s.clear()} aria-label="Close the trace">✕</button>
        </span>
      </div>
      <ol className="trace-hops" ref={listRef}>
        {t.hops.map((h, i) => (
          <li key={i} className={`hop ${h.kind}${i === hop ? ' current' : ''}${i > hop && playing ? ' ahead' : ''}`}
            onClick={() => { s.setPlaying(false); s.setHop(i) }} data-testid="trace-hop">
            <span className="hop-where">{where(h)}</span>
            <span className="hop-text">{h.text}</span>
            {h.rule && <code className="hop-rule">{h.table ? `-t ${h.table} ` : ''}{h.rule}</code>}
            {h.ingress && <code className="hop-rule">{ingressText(h)}</code>}
            {h.ipvs && <code className="hop-rule">{h.ipvs.service}{h.ipvs.real ? ` -> ${h.ipvs.real}` : ''}</code>}
            {rewritten(h) && (
              <span className="hop-nat">{src(h.before)} → {addr(h.before)} ⇒ {src(h.after)} → {addr(h.after)}</span>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
