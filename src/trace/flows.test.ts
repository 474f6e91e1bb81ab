// Table-driven packet flows through the compiled kube-proxy state, in iptables and ipvs mode.
import { describe, it, expect } from 'vitest'
import { buildLab, pinnedPod, setIngress, type Lab } from './testing/lab.ts'
import { trace } from './engine.ts'
import { apply, service } from '../core/cluster/testutil.ts'
import type { Pod, Service } from '../core/api/types.ts'
import type { HostRef, L4Protocol, Trace } from './types.ts'

const LB_IP = '172.18.255.200'

function setup(mode: 'iptables' | 'ipvs'): Lab {
  const lab = buildLab({ mode })
  const c = lab.cluster
  apply(c,
    pinnedPod('client', 'node01', { role: 'client' }, 'busybox'),
    pinnedPod('a1', 'node01', { app: 'a' }),
    pinnedPod('b1', 'node02', { app: 'b' }),
    pinnedPod('w1', 'node01', { app: 'w' }), pinnedPod('w2', 'node02', { app: 'w' }), pinnedPod('w3', 'node02', { app: 'w' }),
    service('s-a', { app: 'a' }, [{ port: 80, targetPort: 80 }]),
    service('s-b', { app: 'b' }, [{ port: 80, targetPort: 80 }]),
    service('none', { app: 'nothing' }, [{ port: 80, targetPort: 80 }]),
    service('itl', { app: 'b' }, [{ port: 80, targetPort: 80 }], { internalTrafficPolicy: 'Local' }),
    service('np', { app: 'w' }, [{ port: 80, targetPort: 80, nodePort: 30080 }], { type: 'NodePort' }),
    service('npl', { app: 'a' }, [{ port: 80, targetPort: 80, nodePort: 30081 }], { type: 'NodePort', externalTrafficPolicy: 'Local' }),
    service('nplb', { app: 'b' }, [{ port: 80, targetPort: 80, nodePort: 30083 }], { type: 'NodePort', externalTrafficPolicy: 'Local' }),
    service('aff', { app: 'w' }, [{ port: 80, targetPort: 80 }], { sessionAffinity: 'ClientIP' }),
    service('lb', { app: 'w' }, [{ port: 80, targetPort: 80, nodePort: 30082 }], { type: 'LoadBalancer' }),
  )
  c.advance(30_000)
  lab.sync()
  setIngress(lab, 'lb', LB_IP)
  return lab
}

const clusterIP = (lab: Lab, name: string) => (lab.cluster.store.get('Service', 'default', name) as Service).spec.clusterIP!
const podIP = (lab: Lab, name: string) => (lab.cluster.store.get('Pod', 'default', name) as Pod).status!.podIP!
const NODE_IP: Record<string, string> = { controlplane: '172.18.0.2', node01: '172.18.0.3', node02: '172.18.0.4' }

interface Flow {
  name: string
  from: HostRef
  to: (lab: Lab) => string
  port: number
  protocol?: L4Protocol
  verdict: Trace['verdict'] | { iptables: Trace['verdict']; ipvs: Trace['verdict'] }
  /** the pod (or one of the pods) expected to answer */
  pod?: string | string[]
  reason?: Trace['reason'] | { iptables?: Trace['reason']; ipvs?: Trace['reason'] }
  /** did the server see a source other than the sender's own address? */
  masqueraded?: boolean | { iptables: boolean; ipvs: boolean }
}

const CLIENT: HostRef = { kind: 'pod', namespace: 'default', name: 'client' }
const A1: HostRef = { kind: 'pod', namespace: 'default', name: 'a1' }
const OUTSIDE: HostRef = { kind: 'external', name: 'client' }
const NODE01: HostRef = { kind: 'node', name: 'node01' }

const FLOWS: Flow[] = [
  { name: 'pod -> ClusterIP, endpoint on the same node', from: CLIENT, to: (l) => clusterIP(l, 's-a'), port: 80, verdict: 'delivered', pod: 'a1', masqueraded: false },
  { name: 'pod -> ClusterIP, endpoint on another node (vxlan)', from: CLIENT, to: (l) => clusterIP(l, 's-b'), port: 80, verdict: 'delivered', pod: 'b1', masqueraded: false },
  { name: 'hairpin: a pod reaches its own Service and lands on itself', from: A1, to: (l) => clusterIP(l, 's-a'), port: 80, verdict: 'delivered', pod: 'a1', masqueraded: true },
  { name: 'node -> ClusterIP', from: NODE01, to: (l) => clusterIP(l, 's-b'), port: 80, verdict: 'delivered', pod: 'b1', masqueraded: true },
  { name: 'pod -> pod IP directly', from: CLIENT, to: (l) => podIP(l, 'b1'), port: 80, verdict: 'delivered', pod: 'b1', masqueraded: false },
  { name: 'outside -> NodePort on controlplane (Cluster policy)', from: OUTSIDE, to: () => NODE_IP.controlplane, port: 30080, verdict: 'delivered', pod: ['w1', 'w2', 'w3'], masqueraded: true },
  { name: 'outside -> NodePort on node01 (Cluster policy)', from: OUTSIDE, to: () => NODE_IP.node01, port: 30080, verdict: 'delivered', pod: ['w1', 'w2', 'w3'], masqueraded: true },
  { name: 'outside -> NodePort on node02 (Cluster policy)', from: OUTSIDE, to: () => NODE_IP.node02, port: 30080, verdict: 'delivered', pod: ['w1', 'w2', 'w3'], masqueraded: true },
  { name: 'outside -> NodePort, Local policy, node with the endpoint', from: OUTSIDE, to: () => NODE_IP.node01, port: 30081, verdict: 'delivered', pod: 'a1', masqueraded: false },
  // ipvs keeps the cluster endpoints when none is local (#97081): the remote pod answers the client directly
  { name: 'outside -> NodePort, Local policy, node without an endpoint', from: OUTSIDE, to: () => NODE_IP.node02, port: 30081, verdict: 'timeout', reason: { iptables: 'no-local-endpoints', ipvs: 'reply-mismatch' } },
  { name: 'pod -> NodePort of a Local Service, endpoint elsewhere', from: CLIENT, to: () => NODE_IP.node01, port: 30083, verdict: 'delivered', pod: 'b1', masqueraded: false },
  { name: 'Service without endpoints', from: CLIENT, to: (l) => clusterIP(l, 'none'), port: 80, verdict: 'rejected', reason: 'no-endpoints' },
  { name: 'internalTrafficPolicy Local without a local endpoint', from: CLIENT, to: (l) => clusterIP(l, 'itl'), port: 80, verdict: { iptables: 'timeout', ipvs: 'rejected' }, reason: { iptables: 'no-local-endpoints', ipvs: 'no-endpoints' } },
  { name: 'UDP to a TCP-only port', from: CLIENT, to: (l) => clusterIP(l, 's-a'), port: 80, protocol: 'UDP', verdict: { iptables: 'dropped', ipvs: 'rejected' } },
  // iptables: no rule matches and the packet leaves for the gateway; ipvs: KUBE-IPVS-FILTER rejects it
  { name: 'wrong port on a ClusterIP', from: CLIENT, to: (l) => clusterIP(l, 's-a'), port: 81, verdict: { iptables: 'timeout', ipvs: 'rejected' } },
  { name: 'nothing listens on the pod port', from: CLIENT, to: (l) => podIP(l, 'a1'), port: 8080, verdict: 'refused' },
  { name: 'outside -> LoadBalancer IP', from: OUTSIDE, to: () => LB_IP, port: 80, verdict: 'delivered', pod: ['w1', 'w2', 'w3'], masqueraded: true },
  { name: 'pod -> LoadBalancer IP (caught on the node)', from: CLIENT, to: () => LB_IP, port: 80, verdict: 'delivered', pod: ['w1', 'w2', 'w3'], masqueraded: true },
  { name: 'node -> kubelet on another node', from: NODE01, to: () => NODE_IP.node02, port: 10250, verdict: 'delivered' },
]

for (const mode of ['iptables', 'ipvs'] as const) {
  describe(`packet flows, ${mode} mode`, () => {
    const lab = setup(mode)
    for (const f of FLOWS) {
      it(f.name, () => {
        const t = trace(lab.cluster, { from: f.from, to: f.to(lab), port: f.port, protocol: f.protocol ?? 'TCP' }, { network: lab.net })
        const verdict = typeof f.verdict === 'string' ? f.verdict : f.verdict[mode]
        const reason = typeof f.reason === 'object' ? f.reason[mode] : f.reason
        const explain = t.hops.map((h) => `${h.kind} ${h.where.host}: ${h.text}`).join('\n')
        expect(t.verdict, explain).toBe(verdict)
        if (reason) expect(t.reason, explain).toBe(reason)
        if (f.pod) {
          const want = Array.isArray(f.pod) ? f.pod.map((p) => `default/${p}`) : [`default/${f.pod}`]
          expect(want, explain).toContain(t.endpoint?.host)
        }
        if (f.masqueraded !== undefined) {
          const sender = t.hops[0].before.src
          const masq = typeof f.masqueraded === 'boolean' ? f.masqueraded : f.masqueraded[mode]
          expect(t.seenSource!.ip !== sender, explain).toBe(masq)
        }
      })
    }
  })
}
