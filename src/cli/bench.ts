// `npm run bench`: speed and memory of the model at scale (not a test; prints figures for the README).
// Apply 1,000 Deployments (3 replicas) + 1,000 Services to a 30-node cluster (room for all 3,000 pods under the
// 110-pods-per-node limit), settle, then time kubectl reads. Each run is a fresh process; the table shows the
// median of BENCH_RUNS runs (default 3) and the machine's load average, since the figures depend on it.

import { performance } from 'node:perf_hooks'
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { createCluster } from '../core/cluster/create.ts'
import { createShell } from '../shell/shell.ts'
import { createWorkspaceFs } from '../shell/fs.ts'
import type { KubeObject, Pod } from '../core/api/types.ts'

const N = Number(process.env.BENCH_N ?? 1000)
const NODES = Number(process.env.BENCH_NODES ?? 30)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

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

/** One run in this process: the figures, as JSON on stdout. */
function runOnce(): Figure[] {
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

if (process.env.BENCH_CHILD) {
  process.stdout.write(JSON.stringify(runOnce()))
} else {
  const load0 = loadavg()
  const runs: Figure[][] = []
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_CHILD: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    })
    if (r.status !== 0) {
      process.stderr.write(r.stderr)
      process.exit(r.status ?? 1)
    }
    runs.push(JSON.parse(r.stdout) as Figure[])
  }
  const load1 = loadavg()
  const gcNote = process.execArgv.includes('--expose-gc') ? '' : ', no --expose-gc: heap figures include garbage'
  console.log(`kubelab bench (Node ${process.version}, ${RUNS} fresh processes, median [min-max]${gcNote})`)
  console.log(`load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}`)
  const w = Math.max(...runs[0].map((f) => f.what.length))
  for (const f of runs[0]) {
    const vals = runs.map((r) => r.find((x) => x.key === f.key)!.value)
    const m = median(vals)
    const spread = `[${Math.min(...vals).toFixed(0)}-${Math.max(...vals).toFixed(0)}]`
    const verdict = f.target === undefined ? '' : `  (target < ${f.target} ${f.unit}${m < f.target ? ', met' : ', MISSED'})`
    console.log(`${f.what.padEnd(w)}  ${`${m.toFixed(0)} ${f.unit}`.padStart(8)} ${spread.padStart(11)}${verdict}`)
  }
}
