// Benchmark helpers for `npm run bench` (wired by src/cli/bench.ts): compile every node's iptables rules for
// N Services x 10 endpoints, then re-sync after one endpoint change (a partial sync), five times with a different
// Service each time (the median is reported, and the first apart). Time comes from the caller (the core has no
// clock of its own).

import type { Change } from '../apiserver/store.ts'
import type { Netns } from '../node/types.ts'
import { ProxyStateTracker } from './state.ts'
import { IptablesProxier } from './iptables/proxier.ts'
import { SharedPortRules } from './iptables/shared.ts'
import { restoreLines } from './iptables/restore.ts'
import { makeService, makeSlice, testConfig } from './testing.ts'

export interface ProxyBenchResult {
  services: number
  nodes: number
  /** ms to compile (and restore, when a kernel factory is given) every node's rules */
  fullSyncMs: number
  /** median ms to re-sync all nodes after one endpoint of one Service changed (over `resyncs` changes) */
  resyncMs: number
  /** the first of those re-syncs, right after the full sync (code paths not yet optimised, collector busy) */
  firstResyncMs: number
  natRules: number
}

export function benchProxy(opts: { services: number; endpoints?: number; nodes?: number; resyncs?: number; now: () => number;
  netns?: (node: string) => Netns }): ProxyBenchResult {
  const nodes = Array.from({ length: opts.nodes ?? 3 }, (_, i) => ({ name: `node${i}`, ip: `172.18.0.${i + 2}`, podCIDR: `10.244.${i}.0/24` }))
  const per = opts.endpoints ?? 10
  const changes: Change[] = []
  for (let s = 0; s < opts.services; s++) {
    const ip = `10.${96 + (s >> 16)}.${(s >> 8) & 255}.${s & 255}`
    changes.push({ type: 'ADDED', object: makeService('bench', `svc${s}`, { clusterIP: ip, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }), cause: 'bench', resourceVersion: 1 })
    const eps = Array.from({ length: per }, (_, e) => ({ addresses: [`10.244.${e % nodes.length}.${(s * per + e) % 250 + 2}`], nodeName: nodes[e % nodes.length].name }))
    changes.push({ type: 'ADDED', object: makeSlice('bench', `svc${s}`, 1, eps, [{ name: 'http', port: 8080, protocol: 'TCP' }]), cause: 'bench', resourceVersion: 1 })
  }
  const config = testConfig({ clusterCIDR: '10.244.0.0/16' })
  // one SharedPortRules for the nodes, as createKubeProxies wires it
  const shared = new SharedPortRules()
  const runs = nodes.map((n) => {
    const tracker = new ProxyStateTracker(n, config.clusterCIDR)
    for (const c of changes) tracker.apply(c)
    return { tracker, proxier: new IptablesProxier(undefined, shared), ns: opts.netns?.(n.name) }
  })
  let natRules = 0
  const t0 = opts.now()
  for (const r of runs) {
    const d = r.proxier.sync(r.tracker.take(), config)
    natRules = d.natRules.length
    r.ns?.netfilter.restore(restoreLines(d), { noflush: true })
  }
  const t1 = opts.now()
  // each re-sync: one endpoint of another Service moves (its slice is replaced by a one-endpoint slice)
  const times: number[] = []
  for (let k = 0; k < Math.min(opts.resyncs ?? 5, opts.services); k++) {
    const changed = makeSlice('bench', `svc${k}`, 1, [{ addresses: ['10.244.0.250'], nodeName: nodes[0].name }], [{ name: 'http', port: 8080, protocol: 'TCP' }])
    for (const r of runs) r.tracker.apply({ type: 'MODIFIED', object: changed, cause: 'bench', resourceVersion: 2 + k })
    const t2 = opts.now()
    for (const r of runs) {
      const d = r.proxier.sync(r.tracker.take(), config)
      r.ns?.netfilter.restore(restoreLines(d), { noflush: true })
    }
    times.push(opts.now() - t2)
  }
  const sorted = [...times].sort((a, b) => a - b)
  const resyncMs = sorted.length ? sorted[(sorted.length - 1) >> 1] : 0
  return { services: opts.services, nodes: nodes.length, fullSyncMs: t1 - t0, resyncMs, firstResyncMs: times[0] ?? 0, natRules }
}
