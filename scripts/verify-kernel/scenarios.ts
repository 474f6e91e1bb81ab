// The scenarios of the kernel suite: each sets a lab cluster up with terminal lines, then compares what the
// real kernel does with the exported namespaces against what the lab's traces say. A check returns the
// differences (empty = passed) and notes of what it verified.

import type { Lab } from './lab.ts'
import { clientPod } from './lab.ts'
import type { RealLab } from './real.ts'
import type { HostRef, Trace } from '../../src/trace/types.ts'
import { podId } from '../../src/cli/export/netns.ts'
import { listing } from './listing.ts'
import { parseCounters, ruleKey, ruleLines, spreadCheck, svcProbabilities, type CurlResult } from '../../src/cli/export/verify-stats.ts'

export interface Outcome { diffs: string[]; notes: string[] }
export interface Scenario {
  name: string
  mode: 'iptables' | 'ipvs'
  setup: (nodes: string[]) => string
  check: (lab: Lab, real: RealLab) => Outcome
}

const NODES = ['controlplane', 'node01', 'node02']
const clients = (nodes: string[]) => nodes.map(clientPod).join('\n')
const whoami = (name: string, replicas: number) => `kubectl create deployment ${name} --image=traefik/whoami --replicas=${replicas}`
const svcYaml = (name: string, app: string, type: string, extra: string[] = []) => [
  'kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', `  type: ${type}`,
  `  selector: {app: ${app}}`, '  ports:', '  - port: 80', '    targetPort: 80', ...extra.map((l) => `  ${l}`), 'EOF',
].join('\n')

const podRef = (name: string): HostRef => ({ kind: 'pod', namespace: 'default', name })
const CLIENT: HostRef = { kind: 'external', name: 'client' }
const podName = (t: Trace) => t.endpoint ? t.endpoint.host.slice(t.endpoint.host.indexOf('/') + 1) : undefined
/** the exit code curl has for a lab verdict: delivered 0, rejected/refused 7 (ECONNREFUSED), dropped/timeout 28 */
const curlExitOf = (t: Trace) => t.verdict === 'delivered' ? 0 : t.verdict === 'rejected' || t.verdict === 'refused' ? 7 : 28
const count = <T>(xs: T[]) => { const m = new Map<T, number>(); for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1); return m }
const fmt = (m: Map<string | undefined, number>) => [...m].map(([k, v]) => `${k ?? '-'}=${v}`).sort().join(' ')

/** the pod each real request reached and the address it saw, keyed like the lab's traces */
function realOutcome(r: CurlResult): string {
  return r.exit !== 0 ? `exit ${r.exit}` : `${r.hostname} saw ${r.remote}`
}
function labOutcome(t: Trace): string {
  return t.verdict !== 'delivered' ? `exit ${curlExitOf(t)} (${t.verdict}${t.reason ? ` ${t.reason}` : ''})` : `${podName(t)} saw ${t.seenSource?.ip}`
}

/** the same requests on both sides: the sets of outcomes must agree (which pods, which source addresses, which failures) */
function sameOutcomes(what: string, real: CurlResult[], lab: Trace[], out: Outcome): void {
  const r = new Set(real.map(realOutcome)), l = new Set(lab.map(labOutcome))
  const norm = (s: string) => s.replace(/ \(.*\)$/, '')
  const ln = new Set([...l].map(norm))
  const onlyReal = [...r].filter((x) => !ln.has(x)), onlyLab = [...l].filter((x) => !r.has(norm(x)))
  if (onlyReal.length || onlyLab.length) out.diffs.push(`${what}: kernel ${[...r].sort().join(', ')} | lab ${[...l].sort().join(', ')}`)
  else out.notes.push(`${what}: ${[...r].sort().join(', ')}`)
}

function svcChainOf(traces: Trace[]): string | undefined {
  for (const t of traces) for (const h of t.hops) if (h.chain?.startsWith('KUBE-SVC-')) return h.chain
  return undefined
}

function spread(what: string, node: string, hosts: (string | undefined)[], lab: Lab, traces: Trace[], out: Outcome): void {
  const chain = svcChainOf(traces)
  if (!chain) { out.diffs.push(`${what}: the lab's traces never entered a KUBE-SVC chain`); return }
  const byIP = new Map(lab.pods('').map((p) => [`${p.status?.podIP}:80`, p.metadata.name]))
  const probs = new Map([...svcProbabilities(lab.natSave(node), chain)].map(([ep, p]) => [byIP.get(ep) ?? ep, p]))
  const c = spreadCheck(count(hosts.map((h) => h ?? '(none)')), probs)
  ;(c.ok ? out.notes : out.diffs).push(`${what}: ${c.text}`)
}

const roundtrip: Scenario = {
  name: 'iptables-save round trip (the kernel prints back the lab\'s rules)',
  mode: 'iptables',
  setup: (nodes) => [whoami('web', 2), 'kubectl expose deployment web --port=80 --type=NodePort', clients(nodes.slice(1, 2))].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    for (const n of lab.nodes()) {
      const mine = ruleLines(lab.cluster.network.netns(n.name)!.netfilter.save({}))
      const theirs = ruleLines(real.save(n.name))
      const a = new Set(theirs), b = new Set(mine)
      const missing = mine.filter((l) => !a.has(l)), extra = theirs.filter((l) => !b.has(l))
      if (missing.length || extra.length) {
        out.diffs.push(`${n.name}: ${missing.length} lab line(s) the kernel prints differently, ${extra.length} kernel line(s) the lab lacks`)
        for (const l of missing.slice(0, 5)) out.diffs.push(`  lab:    ${l}`)
        for (const l of extra.slice(0, 5)) out.diffs.push(`  kernel: ${l}`)
      } else if (mine.join('\n') !== theirs.join('\n')) {
        out.diffs.push(`${n.name}: same lines, different order`)
      } else out.notes.push(`${n.name}: ${mine.length} lines identical`)
    }
    return out
  },
}

const N_SPREAD = 150
const clusterIPSpread = (mode: 'iptables' | 'ipvs'): Scenario => ({
  name: `ClusterIP, 3 endpoints, from a pod on each node${mode === 'ipvs' ? ' (IPVS)' : ''}`,
  mode,
  setup: (nodes) => [whoami('web', 3), 'kubectl expose deployment web --port=80', clients(nodes)].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    const ip = lab.service('web').spec.clusterIP!
    for (const n of lab.nodes()) {
      const from = `client-${n.name}`
      const r = real.curl(podId('default', from), `http://${ip}/`, N_SPREAD)
      const l = Array.from({ length: N_SPREAD }, () => lab.request(podRef(from), ip, 80))
      sameOutcomes(`${from} -> ${ip}`, r, l, out)
      if (mode === 'iptables') {
        spread(`${from} kernel spread`, n.name, r.map((x) => x.hostname), lab, l, out)
        spread(`${from} lab spread`, n.name, l.map(podName), lab, l, out)
      }
    }
    return out
  },
})

const noEndpoints: Scenario = {
  name: 'Service with no endpoints (ClusterIP from a pod, NodePort from the client)',
  mode: 'iptables',
  setup: (nodes) => ['kubectl create service clusterip nothing --tcp=80:80', 'kubectl create service nodeport nothing-np --tcp=80:80', clients(nodes.slice(1, 2))].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    const cases: [string, string, HostRef, string, number][] = [
      ['pod -> ClusterIP', podId('default', 'client-node01'), podRef('client-node01'), lab.service('nothing').spec.clusterIP!, 80],
      ['client -> NodePort', 'client', CLIENT, lab.nodes()[1].ip, lab.service('nothing-np').spec.ports![0].nodePort!],
    ]
    for (const [what, id, ref, ip, port] of cases) {
      const r = real.curlOnce(id, `http://${ip}:${port}/`)
      const t = lab.request(ref, ip, port)
      const line = `${what} ${ip}:${port}: kernel curl exit ${r.exit} (${r.stderr.trim()}), lab ${t.verdict}${t.reason ? ` (${t.reason})` : ''} = curl exit ${curlExitOf(t)}`
      ;(r.exit === curlExitOf(t) ? out.notes : out.diffs).push(line)
    }
    return out
  },
}

const nodePort: Scenario = {
  name: 'NodePort from the outside client to each node',
  mode: 'iptables',
  setup: () => [whoami('web', 2), 'kubectl expose deployment web --port=80 --type=NodePort'].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    const np = lab.service('web').spec.ports![0].nodePort!
    for (const n of lab.nodes()) {
      const r = real.curl('client', `http://${n.ip}:${np}/`, 40)
      const l = Array.from({ length: 40 }, () => lab.request(CLIENT, n.ip, np))
      sameOutcomes(`client -> ${n.name} ${n.ip}:${np}`, r, l, out)
    }
    return out
  },
}

const etpLocal: Scenario = {
  name: 'externalTrafficPolicy Local: who answers, who drops, which source whoami sees',
  mode: 'iptables',
  setup: () => [whoami('web', 1), svcYaml('web', 'web', 'NodePort', ['externalTrafficPolicy: Local'])].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    const np = lab.service('web').spec.ports![0].nodePort!
    for (const n of lab.nodes()) {
      const r = real.curl('client', `http://${n.ip}:${np}/`, 3, 1)
      const l = Array.from({ length: 3 }, () => lab.request(CLIENT, n.ip, np))
      sameOutcomes(`client -> ${n.name} ${n.ip}:${np}`, r, l, out)
    }
    return out
  },
}

const masquerade: Scenario = {
  name: 'masquerade versus preserved client IP',
  mode: 'iptables',
  setup: (nodes) => [whoami('web', 1), svcYaml('web', 'web', 'NodePort'), svcYaml('web-local', 'web', 'NodePort', ['externalTrafficPolicy: Local']), clients(nodes)].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    const ip = lab.service('web').spec.clusterIP!
    const np = lab.service('web').spec.ports![0].nodePort!, npl = lab.service('web-local').spec.ports![0].nodePort!
    const home = lab.pods('web-')[0]?.spec.nodeName
    for (const n of lab.nodes()) {
      sameOutcomes(`client-${n.name} -> ClusterIP`, real.curl(podId('default', `client-${n.name}`), `http://${ip}/`, 3), [0, 1, 2].map(() => lab.request(podRef(`client-${n.name}`), ip, 80)), out)
      sameOutcomes(`client -> ${n.name} NodePort (Cluster)`, real.curl('client', `http://${n.ip}:${np}/`, 3), [0, 1, 2].map(() => lab.request(CLIENT, n.ip, np)), out)
      if (n.name === home) sameOutcomes(`client -> ${n.name} NodePort (Local)`, real.curl('client', `http://${n.ip}:${npl}/`, 3), [0, 1, 2].map(() => lab.request(CLIENT, n.ip, npl)), out)
    }
    return out
  },
}

const affinity: Scenario = {
  name: 'sessionAffinity ClientIP (stickiness)',
  mode: 'iptables',
  setup: (nodes) => [whoami('web', 3), svcYaml('web', 'web', 'ClusterIP', ['sessionAffinity: ClientIP']), clients(nodes)].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    const ip = lab.service('web').spec.clusterIP!
    for (const n of lab.nodes()) {
      const from = `client-${n.name}`
      const r = count(real.curl(podId('default', from), `http://${ip}/`, 20).map((x) => x.exit === 0 ? x.hostname : `exit ${x.exit}`))
      const l = count(Array.from({ length: 20 }, () => lab.request(podRef(from), ip, 80)).map((t) => podName(t) ?? t.verdict))
      const line = `${from}: kernel ${fmt(r)} | lab ${fmt(l)}`
      ;(r.size === 1 && l.size === 1 && ![...r.keys()][0]?.startsWith('exit') ? out.notes : out.diffs).push(line)
    }
    return out
  },
}

/** chains whose rules only service traffic reaches (flannel's vxlan packets also cross the built-in chains) */
const serviceRule = (key: string) => /^(KUBE-SVC-|KUBE-SEP-|KUBE-EXT-|KUBE-SVL-|KUBE-FW-|KUBE-MARK-MASQ )/.test(key)
  || (/^(KUBE-SERVICES|KUBE-NODEPORTS) /.test(key) && !key.includes('this must be the last rule'))

const counters: Scenario = {
  name: 'rule hit counters (iptables-save -c) against the rules the traces matched',
  mode: 'iptables',
  setup: (nodes) => [whoami('web', 2), 'kubectl expose deployment web --port=80 --type=NodePort', clients(nodes)].join('\n'),
  check: (lab, real) => {
    const out: Outcome = { diffs: [], notes: [] }
    const ip = lab.service('web').spec.clusterIP!, np = lab.service('web').spec.ports![0].nodePort!
    const nodes = lab.nodes()
    const before = new Map(nodes.map((n) => [n.name, lab.natCounters(n.name)]))
    // per path (from, target): the real outcomes and the lab's traces
    const paths: { id: string; ref: HostRef; ip: string; port: number; n: number }[] = [
      ...nodes.map((n) => ({ id: podId('default', `client-${n.name}`), ref: podRef(`client-${n.name}`), ip, port: 80, n: 30 })),
      ...nodes.map((n) => ({ id: 'client', ref: CLIENT, ip: n.ip, port: np, n: 10 })),
    ]
    // expected counts: each real request weighs the rules a lab trace with the same (path, endpoint) matched
    const expectReal = new Map<string, number>(), expectLab = new Map<string, number>()
    const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
    for (const p of paths) {
      const r = real.curl(p.id, `http://${p.ip}:${p.port}/`, p.n)
      const traces = Array.from({ length: p.n }, () => lab.request(p.ref, p.ip, p.port))
      const rulesOf = new Map<string, string[]>()
      for (const t of traces) {
        const keys = t.hops.filter((h) => h.kind === 'netfilter' && h.table === 'nat' && h.rule).map((h) => `${h.where.host}|${ruleKey(h.rule!)}`)
        rulesOf.set(podName(t) ?? '-', keys)
        for (const k of keys) add(expectLab, k, 1)
      }
      for (const x of r) {
        const keys = rulesOf.get(x.hostname ?? '-')
        if (!keys) { out.diffs.push(`${p.id} -> ${p.ip}:${p.port}: the kernel reached ${x.hostname ?? `exit ${x.exit}`}, the lab never did in ${p.n} traces`); continue }
        for (const k of keys) add(expectReal, k, 1)
      }
    }
    let compared = 0
    for (const n of nodes) {
      const kernel = parseCounters(real.save(n.name, ['-c', '-t', 'nat']))
      const after = lab.natCounters(n.name), was = before.get(n.name)!
      const keys = new Set([...kernel.keys()].filter((k) => / -j DNAT /.test(k) && k.startsWith('KUBE-SEP-')))
      for (const k of expectReal.keys()) if (k.startsWith(`${n.name}|`)) keys.add(k.slice(n.name.length + 1))
      for (const k of keys) {
        const full = `${n.name}|${k}`
        const want = expectReal.get(full) ?? 0, got = kernel.get(k)
        const labGot = (after.get(k) ?? 0) - (was.get(k) ?? 0), labWant = expectLab.get(full) ?? 0
        if (got === undefined) { out.diffs.push(`${n.name}: the kernel's iptables-save -c has no rule "${k}"`); continue }
        if (!serviceRule(k)) {
          if (got !== want) out.notes.push(`${n.name}: (not compared: flannel's vxlan packets cross it too) kernel ${got}, traces say ${want}: ${k}`)
          continue
        }
        compared++
        if (got !== want) out.diffs.push(`${n.name}: kernel counted ${got}, the traces matched ${want}: ${k}`)
        if (labGot !== labWant) out.diffs.push(`${n.name}: lab counted ${labGot}, its traces matched ${labWant}: ${k}`)
      }
    }
    out.notes.push(`${compared} service rule counters compared`)
    return out
  },
}

export const SCENARIOS: Scenario[] = [
  roundtrip, listing, clusterIPSpread('iptables'), noEndpoints, nodePort, etpLocal, masquerade, affinity, counters, clusterIPSpread('ipvs'),
]
export { NODES }
