// `npm run bench`: speed and memory of the model at scale (not a test; prints figures for the README).
// Foundation: apply 1,000 Deployments (3 replicas) + 1,000 Services, settle, then `kubectl get pods -A`.

import { performance } from 'node:perf_hooks'
import { createCluster } from '../core/cluster/create.ts'
import { createShell } from '../shell/shell.ts'
import { createWorkspaceFs } from '../shell/fs.ts'
import type { KubeObject } from '../core/api/types.ts'

const gc = (globalThis as { gc?: () => void }).gc
const heapMB = () => {
  gc?.()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

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

interface Row { what: string; value: string; target?: string }
const rows: Row[] = []
const N = Number(process.env.BENCH_N ?? 1000)

const heap0 = heapMB()
const cluster = createCluster({ seed: 1 })
const shell = createShell({ cluster, fs: createWorkspaceFs() })

let t = performance.now()
for (let i = 0; i < N; i++) cluster.store.create(deployment(i), { cause: 'bench' })
for (let i = 0; i < N; i++) cluster.store.create(service(i), { cause: 'bench' })
const createMs = performance.now() - t
rows.push({ what: `create ${N} Deployments + ${N} Services (API server: validate, default, allocate)`, value: `${createMs.toFixed(0)} ms` })

t = performance.now()
const passes = cluster.settle()
const settleMs = performance.now() - t
const pods = cluster.store.count('Pod')
rows.push({ what: `settle (controllers until quiescent: ${pods} pods, ${passes} passes)`, value: `${settleMs.toFixed(0)} ms`, target: '< 1000 ms' })

t = performance.now()
const out = shell.run('kubectl get pods -A')
const getMs = performance.now() - t
const lines = out.done ? out.stdout.split('\n').length - 1 : 0
rows.push({ what: `kubectl get pods -A (${lines} lines)`, value: `${getMs.toFixed(0)} ms`, target: '< 100 ms' })

t = performance.now()
shell.run('kubectl get pods -A')
rows.push({ what: 'kubectl get pods -A (second run)', value: `${(performance.now() - t).toFixed(0)} ms`, target: '< 100 ms' })

rows.push({ what: 'heap used by the settled cluster', value: `${(heapMB() - heap0).toFixed(0)} MB` })

const w = Math.max(...rows.map((r) => r.what.length))
console.log(`kubelab bench (Node ${process.version}${gc ? '' : ', no --expose-gc: heap figures include garbage'})`)
for (const r of rows) console.log(`${r.what.padEnd(w)}  ${r.value.padStart(8)}${r.target ? `  (target ${r.target})` : ''}`)
