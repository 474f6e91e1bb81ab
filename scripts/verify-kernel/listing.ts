// The listing scenario: each lab node's rules (after traffic, counters included) loaded into a fresh real
// namespace with iptables-restore -c, then `iptables -L/-S` of nat and filter printed by the lab and by the
// real iptables compared byte for byte. kube-proxy's `-m nfacct` rules need nfacct objects the kernel suite
// cannot create: they are deleted on both sides first (through the lab's own `iptables -D`).

import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import type { Lab } from './lab.ts'
import { clientPod } from './lab.ts'
import type { RealLab } from './real.ts'
import type { Outcome, Scenario } from './scenarios.ts'
import type { HostRef } from '../../src/trace/types.ts'
import { proxyOf } from '../../src/shell/tools/access.ts'
import { nodeHostsFile } from '../../src/shell/tools/hostfs.ts'

/** the listing forms tutorials type, per table */
export const LISTINGS = ['-L -n -v', '-L', '-S', '-S -v', '-L -v -x --line-numbers', '-L -n']

const yaml = (name: string, app: string, type: string, extra: string[] = []) => [
  'kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', `  type: ${type}`,
  `  selector: {app: ${app}}`, '  ports:', '  - port: 80', '    targetPort: 80', ...extra.map((l) => `  ${l}`), 'EOF',
].join('\n')

const setup = (nodes: string[]) => [
  'kubectl create deployment web --image=traefik/whoami --replicas=3',
  yaml('web', 'web', 'NodePort'),
  'kubectl create deployment one --image=traefik/whoami --replicas=1',
  yaml('one', 'one', 'LoadBalancer'),
  yaml('one-local', 'one', 'NodePort', ['externalTrafficPolicy: Local']),
  yaml('sticky', 'web', 'ClusterIP', ['sessionAffinity: ClientIP']),
  'kubectl create service clusterip nothing --tcp=80:80',
  ...nodes.slice(1).map(clientPod),
].join('\n')

/** (table, chain, 1-based index) of each nfacct rule, last first so deleting keeps the others' numbers */
function nfacctRules(save: string): [string, string, number][] {
  const out: [string, string, number][] = []
  let table = ''
  const seen = new Map<string, number>()
  for (const line of save.split('\n')) {
    if (line.startsWith('*')) { table = line.slice(1); seen.clear(); continue }
    const m = /^(?:\[\d+:\d+\] )?-A (\S+) (.*)$/.exec(line)
    if (!m) continue
    const n = (seen.get(m[1]) ?? 0) + 1
    seen.set(m[1], n)
    if (m[2].includes('-m nfacct ')) out.push([table, m[1], n])
  }
  return out.reverse()
}

function sh(argv: string[], input?: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', input, timeout: 60_000 })
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }
}

function firstDiff(a: string, b: string): string {
  const x = a.split('\n'), y = b.split('\n')
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: kernel ${JSON.stringify(x[i] ?? '(none)')} | lab ${JSON.stringify(y[i] ?? '(none)')}`
  }
  return 'same lines'
}

function checkNode(lab: Lab, node: string, ns: string, out: Outcome): void {
  lab.run(`ssh ${node}`)
  // the lab re-syncs a node's rules when its kernel is read; stopped, kube-proxy leaves them as they are (as a
  // stopped real kube-proxy does), so the deletions below stay
  lab.run('iptables-save')
  proxyOf(lab.cluster)?.stop(node)
  for (const [table, chain, n] of nfacctRules(lab.run('iptables-save').stdout)) {
    const r = lab.run(`iptables -t ${table} -D ${chain} ${n}`)
    if (r.exitCode !== 0) throw new Error(`lab: iptables -t ${table} -D ${chain} ${n}: ${r.stderr.trim()}`)
  }
  const save = lab.run('iptables-save -c').stdout
  if (save.includes('-m nfacct')) throw new Error(`${node}: the lab re-synced its nfacct rules`)
  sh(['ip', 'netns', 'del', ns])
  mkdirSync(`/etc/netns/${ns}`, { recursive: true })
  // what `ip netns exec` mounts over /etc: the node's hosts file, no resolver (PTR lookups fail at once)
  const hosts = lab.run('cat /etc/hosts')
  // the control plane's workspace has no hosts file of its own: its tools read the node's default one
  writeFileSync(`/etc/netns/${ns}/hosts`, hosts.exitCode === 0 ? hosts.stdout : nodeHostsFile(lab.cluster, { kind: 'node', node }))
  writeFileSync(`/etc/netns/${ns}/resolv.conf`, 'nameserver 127.0.0.1\n')
  try {
    if (sh(['ip', 'netns', 'add', ns]).status !== 0) throw new Error(`ip netns add ${ns} failed`)
    const r = sh(['ip', 'netns', 'exec', ns, 'iptables-restore', '-c'], save)
    if (r.status !== 0) throw new Error(`${node}: iptables-restore -c: ${r.stderr.trim()}`)
    let same = 0
    for (const table of ['nat', 'filter']) {
      for (const form of LISTINGS) {
        const line = `iptables -t ${table} ${form}`
        const k = sh(['ip', 'netns', 'exec', ns, ...line.split(' ')])
        const l = lab.run(line)
        if (k.stdout === l.stdout && k.status === l.exitCode && k.stderr === l.stderr) { same++; continue }
        out.diffs.push(`${node}: ${line}: ${firstDiff(k.stdout + k.stderr, l.stdout + l.stderr)}`)
      }
    }
    out.notes.push(`${node}: ${same} of ${LISTINGS.length * 2} listings identical (${save.split('\n').filter((x) => x.includes('-A ')).length} rules)`)
  } finally {
    lab.run('exit')
    sh(['ip', 'netns', 'del', ns])
    rmSync(`/etc/netns/${ns}`, { recursive: true, force: true })
  }
}

export const listing: Scenario = {
  name: 'iptables -L/-S listings of each node against the real iptables',
  mode: 'iptables',
  setup,
  check: (lab: Lab, real: RealLab) => {
    const out: Outcome = { diffs: [], notes: [] }
    // traffic first, so the counters columns have something to print
    const CLIENT: HostRef = { kind: 'external', name: 'client' }
    const nodes = lab.nodes()
    const np = lab.service('web').spec.ports![0].nodePort!
    for (const n of nodes) for (let i = 0; i < 3; i++) lab.request(CLIENT, n.ip, np)
    for (const n of nodes.slice(1)) {
      const from: HostRef = { kind: 'pod', namespace: 'default', name: `client-${n.name}` }
      for (const svc of ['web', 'sticky', 'one', 'nothing']) lab.request(from, lab.service(svc).spec.clusterIP!, 80)
    }
    for (const n of nodes) checkNode(lab, n.name, `${real.prefix}-lst`, out)
    return out
  },
}
