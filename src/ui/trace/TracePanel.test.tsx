// @vitest-environment happy-dom
import { describe, it, expect, beforeAll } from 'vitest'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import type { Hop, Packet, Trace } from '../../trace/types.ts'
import { TracePanel, verdictLine } from './TracePanel.tsx'
import { useTraces } from './traceStore.ts'

beforeAll(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
})

const before: Packet = { protocol: 'TCP', src: '10.244.1.2', sport: 41000, dst: '10.96.0.12', dport: 80, mark: 0 }
const after: Packet = { ...before, dst: '10.244.2.3' }
const hops: Hop[] = [
  { kind: 'send', where: { host: 'default/client', kind: 'pod', iface: 'eth0' }, before, after: before, rulesEvaluated: 0, ipvsLookups: 0, text: 'curl opens a TCP connection to 10.96.0.12:80' },
  { kind: 'netfilter', where: { host: 'node01', kind: 'node' }, table: 'nat', chain: 'KUBE-SEP-IO5XOSKPAXIFQXAJ',
    rule: '-A KUBE-SEP-IO5XOSKPAXIFQXAJ -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.2.3:80',
    comment: 'default/web', before, after, rulesEvaluated: 7, ipvsLookups: 0, text: 'DNAT 10.96.0.12:80 -> 10.244.2.3:80' },
]
const trace: Trace = {
  request: { from: { kind: 'pod', namespace: 'default', name: 'client' }, to: '10.96.0.12', port: 80, protocol: 'TCP' },
  hops, verdict: 'delivered', endpoint: { host: 'default/web-2', kind: 'pod', ip: '10.244.2.3', port: 80, node: 'node02' },
  rulesEvaluated: 7, ipvsLookups: 0,
}

describe('TracePanel', () => {
  it('says what happened to the packet in words', () => {
    expect(verdictLine(trace)).toBe('delivered to default/web-2 (10.244.2.3:80)')
    expect(verdictLine({ ...trace, verdict: 'timeout', endpoint: undefined, reason: 'no-local-endpoints' })).toBe('timed out: no local endpoints')
  })

  it('names the proxied leg behind an ingress controller and the status the client got', () => {
    const ingress: Trace = { ...trace, endpoint: { host: 'node01', kind: 'node', ip: '172.18.0.3', port: 80, node: 'node01' },
      upstream: [{ to: '10.244.2.3:80', verdict: 'delivered', status: 200, endpoint: trace.endpoint }], response: { status: 200, reason: 'OK', headers: [], body: '' } }
    expect(verdictLine(ingress)).toBe('delivered to node01 (172.18.0.3:80), proxied to default/web-2 (10.244.2.3:80) · 200')
    const failed: Trace = { ...ingress, upstream: [{ to: '10.244.2.3:9999', verdict: 'refused' }], response: { status: 502, reason: 'Bad Gateway', headers: [], body: '' } }
    expect(verdictLine(failed)).toBe('delivered to node01 (172.18.0.3:80), no upstream answered · 502')
  })

  it('lists the hops with the rule and the rewrite, and steps through them', () => {
    const el = document.createElement('div')
    const root = createRoot(el)
    act(() => root.render(<TracePanel />))
    expect(el.textContent).toBe('') // nothing to show before a command sends traffic
    act(() => useTraces.getState().setTraces('curl -s 10.96.0.12', [trace]))
    expect(el.querySelector('[data-testid="trace-verdict"]')!.textContent).toBe('delivered to default/web-2 (10.244.2.3:80)')
    expect(el.querySelector('[data-testid="trace-cost"]')!.textContent).toBe('7 rules evaluated · 0 IPVS lookups')
    const items = el.querySelectorAll('[data-testid="trace-hop"]')
    expect(items).toHaveLength(2)
    expect(items[1].textContent).toContain('-t nat -A KUBE-SEP-IO5XOSKPAXIFQXAJ')
    expect(items[1].textContent).toContain('10.244.1.2:41000 → 10.96.0.12:80 ⇒ 10.244.1.2:41000 → 10.244.2.3:80')
    expect(items[0].querySelector('.hop-nat')).toBeNull()
    const step = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Step')!
    act(() => step.click())
    expect(useTraces.getState()).toMatchObject({ hop: 0, playing: false })
    expect(el.querySelectorAll('.hop.current')).toHaveLength(1)
    act(() => step.click())
    expect(useTraces.getState().hop).toBe(1)
    expect(step.disabled).toBe(true)
    const close = el.querySelector<HTMLButtonElement>('button[aria-label="Close the trace"]')!
    act(() => close.click())
    expect(el.textContent).toBe('')
    act(() => root.unmount())
  })
})
