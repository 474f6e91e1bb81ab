// Test helper for get/describe: a bare cluster (store, clock, nodes, namespaces; no controllers), objects
// built exactly as the API server would hold them, and `k('get pods')`.

import { testCluster } from '../../test-helpers.ts'
import { createWorkspaceFs } from '../../fs.ts'
import { kubectl } from '../index.ts'
import { words } from '../testkit-write.ts'
import type { KubeObject } from '../../../core/api/types.ts'

export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0)
export const iso = (msAfterT0: number): string => new Date(T0 + msAfterT0).toISOString().replace(/\.\d{3}Z$/, 'Z')

export function kit() {
  const cluster = testCluster()
  const fs = createWorkspaceFs({})
  const k = (line: string) =>
    kubectl({ args: words(line), stdin: '', cluster, fs, host: { kind: 'node', node: 'controlplane' }, env: {}, effect: () => {} })
  /** create as stored, `at` ms after the start of the virtual clock (calls must come in time order) */
  const add = (obj: KubeObject, at?: number): KubeObject => {
    if (at !== undefined) cluster.clock.advance(T0 + at - cluster.clock.now())
    return cluster.store.create(obj, { cause: 'test' })
  }
  return { cluster, k, add, advance: (ms: number) => cluster.clock.advance(ms), at: (ms: number) => cluster.clock.advance(T0 + ms - cluster.clock.now()) }
}

export function pod(name: string, opts: {
  ns?: string; labels?: Record<string, string>; node?: string; ip?: string; ready?: boolean; phase?: string
  restarts?: number; lastFinished?: string; waiting?: string; terminated?: string; image?: string; deleting?: string
} = {}): KubeObject {
  const state = opts.waiting ? { waiting: { reason: opts.waiting } }
    : opts.terminated ? { terminated: { exitCode: 0, reason: opts.terminated, startedAt: iso(0), finishedAt: iso(0) } }
      : { running: { startedAt: iso(0) } }
  const ready = opts.ready ?? !opts.waiting
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: opts.ns ?? 'default', labels: opts.labels ?? { app: 'web' }, ...(opts.deleting ? { deletionTimestamp: opts.deleting } : {}) },
    spec: { containers: [{ name: 'web', image: opts.image ?? 'nginx:1.27' }], nodeName: opts.node ?? 'node01' },
    status: {
      phase: opts.phase ?? (opts.waiting === 'ContainerCreating' ? 'Pending' : 'Running'),
      ...(opts.ip ? { podIP: opts.ip, podIPs: [{ ip: opts.ip }] } : {}),
      hostIP: '172.18.0.3',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{
        name: 'web', ready, restartCount: opts.restarts ?? 0, image: opts.image ?? 'nginx:1.27', imageID: '', started: ready, state,
        ...(opts.lastFinished ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: opts.lastFinished } } } : {}),
      }],
    },
  }
}
