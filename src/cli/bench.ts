// `npm run bench`: speed and memory of the model at scale (not a test; prints figures for the README).
// Three suites, each in its own fresh process per run (one suite's heap does not slow the next):
// - settle: apply 1,000 Deployments (3 replicas) + 1,000 Services to a 30-node cluster (room for all 3,000 pods
//   under the 110-pods-per-node limit), settle, then time kubectl reads;
// - proxy: compile and restore every node's iptables rules (3 nodes, fresh kernel model per node) for 1,000 and
//   10,000 Services x 10 endpoints, then re-sync after one endpoint change (benchProxy);
// - trace: one packet trace to the Service whose rule is last in nat KUBE-SERVICES, iptables mode (every rule
//   before it evaluated) versus ipvs mode (one virtual-server lookup), at 1,000 and 10,000 Services (benchTrace).
// The table shows the median of BENCH_RUNS runs (default 3) and the machine's load average, since the figures
// depend on it. BENCH_SUITES=settle,proxy,trace picks suites.

import { performance } from 'node:perf_hooks'
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { createCluster } from '../core/cluster/create.ts'
import { createShell } from '../shell/shell.ts'
import { createWorkspaceFs } from '../shell/fs.ts'
import type { KubeObject, Pod } from '../core/api/types.ts'
import { benchProxy } from '../core/proxy/bench.ts'
import { newNetfilter } from '../core/node/netfilter/netfilter.ts'
import type { Netns } from '../core/node/types.ts'
import { benchTrace } from '../trace/bench.ts'

const N = Number(process.env.BENCH_N ?? 1000)
const NODES = Number(process.env.BENCH_NODES ?? 30)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const SUITES = (process.env.BENCH_SUITES ?? 'settle,proxy,trace').split(',').filter(Boolean)

interface Figure { key: string; what: string; value: number; unit: 'ms' | 'MB'; target?: number }

function deployment(i: number): KubeObject {
  const name = `app-${i}`
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas: 3, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
    },
  }
}

function service(i: number): KubeObject {
  const name = `app-${i}`
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80 }] } }
}

/** The settle suite, in this process. */
function runSettle(): Figure[] {
  const gc = (globalThis as { gc?: () => void }).gc
  const heapMB = () => {
    gc?.()
    return process.memoryUsage().heapUsed / 1024 / 1024
  }
  const out: Figure[] = []
  const heap0 = heapMB()
  const cluster = createCluster({ seed: 1, nodes: NODES })
  const shell = createShell({ cluster, fs: createWorkspaceFs() })

  let t = performance.now()
  for (let i = 0; i < N; i++) cluster.store.create(deployment(i), { cause: 'bench' })
  for (let i = 0; i < N; i++) cluster.store.create(service(i), { cause: 'bench' })
  out.push({ key: 'create', what: `create ${N} Deployments + ${N} Services (API server: validate, default, allocate)`, value: performance.now() - t, unit: 'ms' })

  t = performance.now()
  const passes = cluster.settle()
  const settleMs = performance.now() - t
  const pods = cluster.store.list('Pod', 'default') as Pod[]
  const running = pods.filter((p) => p.status?.phase === 'Running').length
  out.push({
    key: 'settle', what: `settle, ${NODES} nodes (${running}/${pods.length} app pods Running, ${cluster.store.count('Event')} events, ${passes} passes)`,
    value: settleMs, unit: 'ms', target: 1000,
  })
  out.push({ key: 'heap', what: 'heap used by the settled cluster (after GC)', value: heapMB() - heap0, unit: 'MB' })

  const time = (key: string, line: string, target?: number) => {
    const t0 = performance.now()
    const r = shell.run(line)
    const ms = performance.now() - t0
    const lines = r.done ? r.stdout.split('\n').length - 1 : 0
    out.push({ key, what: `${line} (${lines} lines)`, value: ms, unit: 'ms', target })
  }
  time('get', 'kubectl get pods -A', 100)
  time('get2', 'kubectl get pods -A', 100)
  time('wide', 'kubectl get pods -A -o wide', 100)
  time('all', 'kubectl get all -A')
  time('describe', `kubectl describe pod ${pods[Math.floor(pods.length / 2)]?.metadata.name ?? 'none'}`)
  return out
}

/** A node's kernel for benchProxy: a fresh netfilter with the tables a kind node has, so restore is timed too. */
function freshNetns(name: string): Netns {
  return { name, kind: 'node', links: [], routes: [], netfilter: newNetfilter({ tables: ['filter', 'nat'] }) } as unknown as Netns
}

/** The proxy suite: 3 nodes, 10 endpoints per Service, rules compiled and restored into each node's kernel. */
function runProxy(): Figure[] {
  const out: Figure[] = []
  for (const services of [1000, 10_000]) {
    const r = benchProxy({ services, now: () => performance.now(), netns: freshNetns })
    const k = services / 1000
    out.push({
      key: `proxy${k}k`, what: `kube-proxy iptables: ${services} Services x 10 endpoints, 3 nodes, compile + restore (${r.natRules} nat rules/node)`,
      value: r.fullSyncMs, unit: 'ms', target: services === 1000 ? 200 : 2000,
    })
    out.push({ key: `resync${k}k`, what: `  re-sync of the 3 nodes after one endpoint change (${services} Services, median of 5)`, value: r.resyncMs, unit: 'ms', target: 10 })
    out.push({ key: `resync1st${k}k`, what: `  the first of those re-syncs, right after the full sync`, value: r.firstResyncMs, unit: 'ms' })
  }
  return out
}

/** The trace suite: ms per trace to the last KUBE-SERVICES Service, iptables versus ipvs. */
function runTrace(): Figure[] {
  const out: Figure[] = []
  for (const services of [1000, 10_000]) {
    for (const mode of ['iptables', 'ipvs'] as const) {
      const r = benchTrace(services, mode, { timer: () => performance.now(), runs: 30 })
      const work = mode === 'iptables' ? `${r.rulesEvaluated} rules evaluated` : `${r.ipvsLookups} IPVS lookup, ${r.rulesEvaluated} rules`
      out.push({
        key: `trace-${mode}-${services}`, what: `trace to the last of ${services} Services, ${mode} (${r.verdict}, ${work})`,
        value: r.ms ?? NaN, unit: 'ms', target: mode === 'iptables' && services === 10_000 ? 2 : undefined,
      })
    }
  }
  return out
}

const RUNNERS: Record<string, () => Figure[]> = { settle: runSettle, proxy: runProxy, trace: runTrace }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** a figure as printed: whole numbers from 10 up, two decimals below (trace times are fractions of a ms) */
function fmt(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a'
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(2)
}

const child = process.env.BENCH_CHILD
if (child) {
  const run = RUNNERS[child]
  if (!run) throw new Error(`unknown bench suite ${child}`)
  process.stdout.write(JSON.stringify(run()))
} else {
  const load0 = loadavg()
  const runs: Figure[][] = []
  for (let i = 0; i < RUNS; i++) {
    const figures: Figure[] = []
    for (const suite of SUITES) {
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_CHILD: suite }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
      })
      if (r.status !== 0) {
        process.stderr.write(r.stderr)
        process.exit(r.status ?? 1)
      }
      figures.push(...(JSON.parse(r.stdout) as Figure[]))
    }
    runs.push(figures)
  }
  const load1 = loadavg()
  const gcNote = process.execArgv.includes('--expose-gc') ? '' : ', no --expose-gc: heap figures include garbage'
  console.log(`kubelab bench (Node ${process.version}, ${RUNS} runs of fresh processes per suite, median [min-max]${gcNote})`)
  console.log(`load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}`)
  const w = Math.max(...runs[0].map((f) => f.what.length))
  for (const f of runs[0]) {
    // JSON turns a figure that could not be measured (NaN) into null: those runs are left out
    const vals = runs.map((r) => r.find((x) => x.key === f.key)?.value).filter((v): v is number => typeof v === 'number')
    const m = vals.length ? median(vals) : NaN
    const spread = `[${fmt(Math.min(...vals))}-${fmt(Math.max(...vals))}]`
    const verdict = f.target === undefined ? '' : `  (target < ${f.target} ${f.unit}${m < f.target ? ', met' : ', MISSED'})`
    console.log(`${f.what.padEnd(w)}  ${`${fmt(m)} ${f.unit}`.padStart(9)} ${spread.padStart(13)}${verdict}`)
  }
}
