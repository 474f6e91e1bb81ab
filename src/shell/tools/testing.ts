// Test helpers for the tools: a real cluster with a few pods (nginx, busybox, curlimages/curl, netshoot), a shell,
// and hand-made Trace fixtures served by a fake engine, so output formats are tested exactly.

import { createCluster } from '../../core/cluster/create.ts'
import type { CreateClusterOptions } from '../../core/cluster/types.ts'
import type { Trace, TraceRequest, Verdict } from '../../trace/types.ts'
import { createShell, type LabShell } from '../shell.ts'
import { createWorkspaceFs } from '../fs.ts'
import { useTraceEngine, type TraceEngine } from './engine.ts'

export function labShell(opts: CreateClusterOptions = {}): LabShell {
  return createShell({ cluster: createCluster({ seed: 1, ...opts }), fs: createWorkspaceFs() })
}

/** stdout + stderr of one line */
export function sh(shell: LabShell, line: string): string {
  const r = shell.run(line)
  if (!r.done) throw new Error(`open line: ${line}`)
  return r.stdout + r.stderr
}

/** A shell whose cluster runs web (nginx x2 behind Service web) and pods deb (nginx), box (busybox), cu (curl), ns (netshoot). */
export function podsShell(opts: CreateClusterOptions = {}): LabShell {
  const s = labShell(opts)
  for (const l of [
    'kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80',
    'kubectl run deb --image=nginx', 'kubectl run box --image=busybox -- sleep 3600',
    'kubectl run cu --image=curlimages/curl -- sleep 3600', 'kubectl run ns --image=nicolaka/netshoot -- sleep 3600', 'sleep 40',
  ]) sh(s, l)
  return s
}

/** A trace with the given verdict and, when delivered over HTTP, nginx's reply; hops: send and deliver only. */
export function fixtureTrace(req: TraceRequest, verdict: Verdict, extra: Partial<Trace> = {}): Trace {
  const pkt = { protocol: req.protocol, src: '10.244.1.5', sport: 43512, dst: req.to, dport: req.port ?? 0, mark: 0 }
  return {
    request: req,
    hops: [{ kind: 'send', where: { host: 'default/x', kind: 'pod' }, before: pkt, after: pkt, rulesEvaluated: 0, ipvsLookups: 0, text: 'leaves' }],
    verdict, rulesEvaluated: 0, ipvsLookups: 0,
    ...(verdict === 'delivered' ? { endpoint: { host: 'default/web-1', kind: 'pod' as const, ip: '10.244.1.2', port: req.port ?? 0, node: 'node01' } } : {}),
    ...(verdict === 'delivered' && req.http ? {
      response: {
        status: 200, reason: 'OK', body: 'hello\n',
        headers: [['Server', 'nginx/1.27.3'], ['Content-Type', 'text/html'], ['Content-Length', '6']] as [string, string][],
      },
    } : {}),
    ...extra,
  }
}

/**
 * Runs fn with a fake engine answering every request but DNS queries with `answer` (names still resolve through
 * the real engine and CoreDNS); returns what fn returned and the non-DNS requests seen.
 */
export function withFakeEngine<T>(answer: (req: TraceRequest) => Trace, fn: () => T): { value: T; requests: TraceRequest[] } {
  const requests: TraceRequest[] = []
  const real = useTraceEngine(undefined)
  useTraceEngine(real)
  const fake: TraceEngine = (c, req, opts) => {
    if (req.dns && real) return real(c, req, opts)
    requests.push(req)
    return answer(req)
  }
  const prev = useTraceEngine(fake)
  try {
    return { value: fn(), requests }
  } finally {
    useTraceEngine(prev)
  }
}
