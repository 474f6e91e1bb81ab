// One kube-proxy per node: a controller fed by the store's watch stream (Services, EndpointSlices, Nodes, the
// kube-proxy pods) that keeps each node's ProxyState current and syncs that node's kernel through the mode's
// back end. Configuration comes from the kube-proxy ConfigMap when the node's kube-proxy pod starts (kubeadm)
// or from the unit's flags file on `systemctl restart kube-proxy` (binary). Implements ProxyControl.

import type { ConfigMap, Pod } from '../api/types.ts'
import type { Change, Store } from '../apiserver/store.ts'
import type { Controller } from '../controller/manager.ts'
import type { ClusterProfile } from '../cluster/types.ts'
import type { Clock } from '../util/clock.ts'
import type { Netns } from '../node/types.ts'
import type { ClusterNetwork } from '../node/network.ts'
import { syncOnRead } from './lazy.ts'
import type { KubeProxyConfig, KubeProxyStatus, ProxyBackend, ProxyControl, ProxyMode } from './types.ts'
import { ProxyStateTracker, proxyNodeOf } from './state.ts'
import { ServiceIndex } from './serviceindex.ts'
import { defaultConfig, minorOf, parseConfigFile, validateConfig, type RawConfig } from './config.ts'
import { FLAGS_PATH, defaultFlagsFile, parseFlags } from './flags.ts'
import { failureLog, startupLog } from './startup.ts'
import { klogLine, q } from './klog.ts'
import { fnv32a } from '../controller/hash.ts'
import { deepClone } from '../util/clone.ts'

export type BackendFactory = (node: string) => ProxyBackend

export interface KubeProxyOptions {
  store: Store
  clock: Clock
  profile: ClusterProfile
  /** the node's root network namespace (cluster.network), undefined until the network exists */
  netns(node: string): Netns | undefined
  backends: Partial<Record<ProxyMode, BackendFactory>>
}

interface NodeProxy {
  node: string
  tracker: ProxyStateTracker
  backend?: ProxyBackend
  config: KubeProxyConfig
  status: KubeProxyStatus
  /** uid of the kube-proxy pod whose process runs (kubeadm) */
  podUid?: string
  /** the binary install's flags file */
  flags: string
  restarts: number
  /** a restart is due at the next reconcile */
  restartDue: boolean
  /** virtual ms of the latest change not yet written to the kernel (when kube-proxy would have synced it) */
  dueAt?: number
  /** `ns/svc` -> virtual ms: Services changed in the shared index since this tracker last looked */
  dirty: Map<string, number>
}

const LOG_LIMIT = 500

function isProxyPod(o: Change['object']): o is Pod {
  return o.kind === 'Pod' && o.metadata.namespace === 'kube-system' && o.metadata.labels?.['k8s-app'] === 'kube-proxy'
}

export class KubeProxyController implements Controller, ProxyControl {
  readonly name = 'kube-proxy'
  private readonly proxies = new Map<string, NodeProxy>()
  /** a node's kernel may appear after the proxy started: sync then */
  private readonly waiting = new Set<string>()

  /** the last kube-proxy ConfigMap text parsed, and its parse */
  private configText: string | undefined
  private configParsed: RawConfig | undefined
  /** the Services and EndpointSlices, indexed once for every node */
  private readonly index: ServiceIndex

  constructor(private readonly o: KubeProxyOptions) {
    this.index = new ServiceIndex().load(o.store)
  }

  private get kubeadm(): boolean {
    return this.o.profile.name === 'kubeadm'
  }

  private ensure(node: string): NodeProxy {
    let p = this.proxies.get(node)
    if (!p) {
      const cidr = this.o.profile.podCIDR
      const mode = this.o.profile.proxyMode
      p = {
        node, tracker: new ProxyStateTracker(proxyNodeOf(this.o.store, node), cidr, this.index.slices).loadIndex(this.index), dirty: new Map(),
        config: { ...defaultConfig(), clusterCIDR: cidr }, restarts: 0, restartDue: !this.kubeadm,
        flags: defaultFlagsFile(node, cidr, mode),
        status: { node, mode, running: false, lastSync: 0, log: [] },
      }
      this.proxies.set(node, p)
    }
    return p
  }

  onChange(c: Change, queue: Set<string>): void {
    const o = c.object
    if (o.kind === 'Service' || o.kind === 'EndpointSlice') {
      // one index update; each node re-reads the touched Services when its rules are next needed
      const keys = this.index.apply(c)
      if (!keys.length) return
      const now = this.o.clock.now()
      for (const p of this.proxies.values()) for (const k of keys) p.dirty.set(k, now)
      return
    }
    if (o.kind === 'Node') {
      const name = o.metadata.name
      if (c.type === 'DELETED') { const p = this.proxies.get(name); if (p) this.halt(p); return }
      const p = this.ensure(name)
      p.tracker.setNode(proxyNodeOf(this.o.store, name))
      queue.add(name)
      return
    }
    if (isProxyPod(o)) {
      const node = o.spec?.nodeName
      if (!node) return
      const p = this.ensure(node)
      if (c.type === 'DELETED') {
        if (p.podUid === o.metadata.uid) this.halt(p)
        return
      }
      if (o.status?.phase === 'Running' && p.podUid !== o.metadata.uid && !o.metadata.deletionTimestamp) {
        p.podUid = o.metadata.uid
        p.restartDue = true
        queue.add(node)
      }
    }
  }

  /**
   * Lazy sync: a reconcile only notes that the node's rules are due (cheap, so a settle over many nodes and
   * Services does not compile rules nobody reads); the node syncs when its kernel state is read (flush), as
   * if kube-proxy had synced at the noted virtual time.
   */
  reconcile(node: string): void {
    const p = this.proxies.get(node)
    if (!p) return
    if (p.restartDue) { p.restartDue = false; this.start(p) }
    this.noteDue(p)
  }

  /** Bring a node's ProxyState up to date with the shared index; a real change makes a sync due (then). */
  private refresh(p: NodeProxy): void {
    if (!p.dirty.size) return
    let due: number | undefined
    for (const [key, at] of p.dirty) {
      if (p.tracker.refresh(key, this.index.services.get(key)) && (due === undefined || at > due)) due = at
    }
    p.dirty.clear()
    if (due !== undefined && p.status.running && p.backend && (p.dueAt === undefined || due > p.dueAt)) p.dueAt = due
  }

  private noteDue(p: NodeProxy): void {
    if (p.status.running && p.backend && p.tracker.pending) p.dueAt = this.o.clock.now()
  }

  private syncNode(p: NodeProxy): void {
    this.refresh(p)
    if (!p.status.running || !p.backend || !p.tracker.pending) return
    const ns = this.o.netns(p.node)
    if (!ns) { this.waiting.add(p.node); return }
    this.waiting.delete(p.node)
    const at = p.dueAt ?? this.o.clock.now()
    p.dueAt = undefined
    try {
      p.backend.sync(p.tracker.take(), ns, p.config)
    } catch (e) {
      // syncProxyRules logs the failed restore and retries with a full sync
      p.tracker.forceFull()
      this.log(p, [klogLine('E', at, 0, this.pid(p), 'proxier.go:1540', `${q('Failed to execute iptables-restore')} err=${q((e as Error).message)}`)])
      return
    }
    p.status.lastSync = at
  }

  /** Write a node's pending changes into its kernel (before anything reads the node's kernel state). */
  flush(node: string): void {
    const p = this.proxies.get(node)
    if (p) this.syncNode(p)
  }

  /** flush() every node */
  flushAll(): void {
    for (const p of this.proxies.values()) this.syncNode(p)
  }

  /** Nodes whose kernel appeared after their proxy started sync on their first read, like every other node. */
  flushWaiting(): void {
    for (const n of this.waiting) { const p = this.proxies.get(n); if (p) this.noteDue(p) }
  }

  /** The cluster's network as the rest of the lab reads it: a node's kernel is synced before it is handed out. */
  syncingNetwork(network: ClusterNetwork): ClusterNetwork {
    return syncOnRead(network, this)
  }

  private pid(p: NodeProxy): number {
    return this.kubeadm ? 1 : 1000 + ((fnv32a(`${p.node}/${p.restarts}`) % 8000))
  }

  private log(p: NodeProxy, lines: string[]): void {
    p.status.log.push(...lines)
    if (p.status.log.length > LOG_LIMIT) p.status.log.splice(0, p.status.log.length - LOG_LIMIT)
  }

  private halt(p: NodeProxy): void {
    // the process synced what it had seen before it ended
    this.syncNode(p)
    p.status.running = false
    p.podUid = undefined
  }

  /** Read the configuration the new process sees; undefined + an error text when it cannot start. */
  private readConfig(p: NodeProxy, readFile?: (path: string) => string | undefined): { config?: RawConfig; error?: string } {
    if (this.kubeadm) {
      const cm = this.o.store.get('ConfigMap', 'kube-system', 'kube-proxy') as ConfigMap | undefined
      const text = cm?.data?.['config.conf']
      if (text === undefined) return { error: 'failed complete: open /var/lib/kube-proxy/config.conf: no such file or directory' }
      try {
        // every node's pod reads the same ConfigMap: parse each text once
        if (this.configText !== text) { this.configParsed = parseConfigFile(text); this.configText = text }
        return { config: deepClone(this.configParsed!) }
      } catch (e) {
        return { error: `failed complete: ${(e as Error).message}` }
      }
    }
    const r = parseFlags(p.flags, readFile)
    return r.error ? { error: r.error } : { config: r.config }
  }

  private start(p: NodeProxy, readFile?: (path: string) => string | undefined): void {
    // the old process synced what it had seen before it was replaced
    this.syncNode(p)
    const now = this.o.clock.now()
    p.restarts++
    p.status.log = []
    p.status.running = false
    const pid = this.pid(p)
    const { config, error } = this.readConfig(p, readFile)
    const errs = config ? validateConfig(config, this.o.profile.version) : []
    if (!config || errs.length) {
      const msg = error ?? `failed validate: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`
      this.log(p, msg.startsWith('unknown flag') ? [`Error: ${msg}`] : failureLog(msg, now, pid))
      p.backend = undefined
      return
    }
    const mode: ProxyMode | 'nftables' = config.mode === '' ? 'iptables' : (config.mode as ProxyMode | 'nftables')
    const factory = mode === 'nftables' ? undefined : this.o.backends[mode]
    if (!factory) {
      this.log(p, failureLog(`the lab does not simulate the ${mode} proxy mode`, now, pid))
      p.backend = undefined
      return
    }
    const m = mode as ProxyMode
    const previous = p.backend
    const ns = this.o.netns(p.node)
    // before v1.14 a starting kube-proxy removed the other modes' rules; since then only `--cleanup` does (#76109)
    if (previous && previous.mode !== m && ns && minorOf(this.o.profile.version) < 14) previous.cleanup(ns)
    p.config = { ...(config as KubeProxyConfig), mode: config.mode as KubeProxyConfig['mode'] }
    p.tracker.setClusterCIDR(config.clusterCIDR)
    p.tracker.forceFull()
    ;(previous as { dispose?(): void } | undefined)?.dispose?.()
    p.backend = factory(p.node)
    p.status.mode = m
    p.status.running = true
    p.status.pid = pid
    p.status.startedAt = now
    this.log(p, startupLog({ mode: m, nodeIP: p.tracker.state.node.ip, version: this.o.profile.version, config }, now, pid))
  }

  // ProxyControl

  status(node: string): KubeProxyStatus {
    const p = this.proxies.get(node)
    if (!p) throw new Error(`no kube-proxy on node ${node}`)
    // a sync not yet written happened, for the learner, when it was due
    this.refresh(p)
    const lastSync = p.dueAt ?? p.status.lastSync
    return { ...p.status, lastSync, log: [...p.status.log] }
  }

  restart(node: string, flagsText?: string, readFile?: (path: string) => string | undefined): KubeProxyStatus {
    const p = this.ensure(node)
    if (flagsText !== undefined) p.flags = flagsText
    this.start(p, readFile)
    this.noteDue(p)
    return this.status(node)
  }

  stop(node: string): KubeProxyStatus {
    const p = this.ensure(node)
    if (p.status.running) {
      this.log(p, [klogLine('I', this.o.clock.now(), 0, this.pid(p), 'server.go:563', `${q('Received signal, shutting down')} signal=${q('terminated')}`)])
    }
    this.halt(p)
    return this.status(node)
  }

  flagsFile(node: string): { path: string; text: string } | undefined {
    if (this.kubeadm) return undefined
    return { path: FLAGS_PATH, text: this.ensure(node).flags }
  }

  /** The back end running on a node (tests, the CLI's rule dumps). */
  backendOf(node: string): ProxyBackend | undefined {
    this.flush(node)
    return this.proxies.get(node)?.backend
  }

  nodes(): string[] {
    return [...this.proxies.keys()]
  }
}
