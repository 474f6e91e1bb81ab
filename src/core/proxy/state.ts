// One node's ProxyState, kept current incrementally as pkg/proxy's ServiceChangeTracker and
// EndpointsChangeTracker do: a Service or EndpointSlice change touches only that Service's entries and
// records its name, so a back end can re-sync just the changed Services (partial sync).

import type { EndpointSlice, Node, Service } from '../api/types.ts'
import type { Change, Store } from '../apiserver/store.ts'
import type { KubeProxyConfig, ProxyState, ServicePortInfo } from './types.ts'
import { servicePortKey, servicePortsOf } from './serviceport.ts'
import { endpointsFromSlices } from './endpoints.ts'
import { jsonEqual } from '../util/equal.ts'
import type { ServiceIndex, SliceIndex } from './serviceindex.ts'

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

export interface ProxyNode { name: string; ip: string; podCIDR: string }

/** The node's InternalIP and pod CIDR from its Node object (empty strings when unknown). */
export function proxyNodeOf(store: Store, name: string): ProxyNode {
  const n = store.get('Node', undefined, name) as Node | undefined
  const ip = n?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
  return { name, ip, podCIDR: n?.spec?.podCIDR ?? '' }
}

export class ProxyStateTracker {
  readonly state: ProxyState
  /** `ns/svc` -> its service-port keys */
  private readonly portsBySvc = new Map<string, string[]>()
  /** `ns/svc` -> slice name -> slice: this tracker's own, or the cluster's ServiceIndex (read-only here) */
  private readonly slicesBySvc: SliceIndex
  /** `ns/svc` -> endpoint keys it produced */
  private readonly epKeysBySvc = new Map<string, string[]>()
  private changed = new Set<string>()
  /** the next take() reports a full sync (start, node or config change) */
  private full = true

  /** `slices`: a shared index kept by its owner; then feed this tracker with refresh(), not apply() */
  constructor(node: ProxyNode, clusterCIDR: string, slices?: SliceIndex) {
    this.state = { node: { ...node }, clusterCIDR, services: new Map(), endpoints: new Map(), portKeysVersion: 0 }
    this.slicesBySvc = slices ?? new Map()
  }

  /** Load every Service and slice of a shared index (the tracker was built with its `slices`). */
  loadIndex(index: ServiceIndex): this {
    for (const s of index.services.values()) this.setService(s)
    for (const key of index.slices.keys()) this.recomputeEndpoints(key)
    this.full = true
    return this
  }

  /**
   * Re-read one Service (`ns/svc`) from the shared index after it or its slices changed: its Service object
   * (undefined when deleted) and its endpoints. True when this proxy's view changed.
   */
  refresh(key: string, svc: Service | undefined): boolean {
    const a = svc ? this.setService(svc) : this.deleteService(key)
    const b = this.recomputeEndpoints(key)
    return a || b
  }

  /** Load every Service and EndpointSlice of the store (an informer's initial list). */
  load(store: Store): this {
    for (const s of store.list('Service')) this.setService(s as Service)
    for (const e of store.list('EndpointSlice')) this.setSlice(e as EndpointSlice, false)
    this.full = true
    return this
  }

  setNode(node: ProxyNode): void {
    const n = this.state.node
    if (n.name === node.name && n.ip === node.ip && n.podCIDR === node.podCIDR) return
    const renamed = n.name !== node.name
    this.state.node = { ...node }
    this.full = true
    if (renamed) for (const key of this.slicesBySvc.keys()) this.recomputeEndpoints(key)
  }

  setClusterCIDR(cidr: string): void {
    if (this.state.clusterCIDR === cidr) return
    this.state.clusterCIDR = cidr
    this.full = true
  }

  /** Feed a store change; true when it changed this proxy's view. */
  apply(c: Change): boolean {
    const o = c.object
    if (o.kind === 'Service') {
      if (c.type === 'DELETED') return this.deleteService(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`)
      return this.setService(o as Service)
    }
    if (o.kind === 'EndpointSlice') return this.setSlice(o as EndpointSlice, c.type === 'DELETED', c.old as EndpointSlice | undefined)
    return false
  }

  private setService(s: Service): boolean {
    const key = `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`
    const ports = servicePortsOf(s)
    const oldKeys = this.portsBySvc.get(key) ?? []
    const newKeys = ports.map((p) => servicePortKey(p.name, p.protocol))
    let same = oldKeys.length === newKeys.length
    if (same) {
      for (let i = 0; i < ports.length && same; i++) {
        const prev = this.state.services.get(newKeys[i])
        same = !!prev && jsonEqual(prev, ports[i])
      }
    }
    if (same) return false
    if (!sameKeys(oldKeys, newKeys)) this.keysChanged()
    for (const k of oldKeys) this.state.services.delete(k)
    ports.forEach((p: ServicePortInfo, i) => this.state.services.set(newKeys[i], p))
    if (newKeys.length) this.portsBySvc.set(key, newKeys)
    else this.portsBySvc.delete(key)
    this.changed.add(key)
    return true
  }

  private deleteService(key: string): boolean {
    const keys = this.portsBySvc.get(key)
    if (!keys) return false
    if (keys.length) this.keysChanged()
    for (const k of keys) this.state.services.delete(k)
    this.portsBySvc.delete(key)
    this.changed.add(key)
    return true
  }

  private setSlice(slice: EndpointSlice, deleted: boolean, old?: EndpointSlice): boolean {
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL]
    const oldSvc = old?.metadata.labels?.[SERVICE_NAME_LABEL]
    const ns = slice.metadata.namespace ?? 'default'
    let touched = false
    if (oldSvc && oldSvc !== svc) {
      const k = `${ns}/${oldSvc}`
      if (this.slicesBySvc.get(k)?.delete(slice.metadata.name)) { this.recomputeEndpoints(k); touched = true }
    }
    if (!svc) return touched
    const key = `${ns}/${svc}`
    let m = this.slicesBySvc.get(key)
    if (deleted) {
      if (!m?.delete(slice.metadata.name)) return touched
      if (!m.size) this.slicesBySvc.delete(key)
    } else {
      if (!m) this.slicesBySvc.set(key, (m = new Map()))
      m.set(slice.metadata.name, slice)
    }
    return this.recomputeEndpoints(key) || touched
  }

  private recomputeEndpoints(svcKey: string): boolean {
    const slices = this.slicesBySvc.get(svcKey)
    const oldKeys0 = this.epKeysBySvc.get(svcKey)
    if (!slices && !oldKeys0) return false
    const slash = svcKey.indexOf('/')
    const ns = svcKey.slice(0, slash), name = svcKey.slice(slash + 1)
    const next = slices ? endpointsFromSlices(ns, name, slices.values(), this.state.node.name) : new Map()
    const oldKeys = this.epKeysBySvc.get(svcKey) ?? []
    let same = oldKeys.length === next.size
    if (same) for (const k of oldKeys) if (!next.has(k) || !jsonEqual(next.get(k), this.state.endpoints.get(k))) { same = false; break }
    if (same) return false
    for (const k of oldKeys) this.state.endpoints.delete(k)
    for (const [k, v] of next) this.state.endpoints.set(k, v)
    if (next.size) this.epKeysBySvc.set(svcKey, [...next.keys()])
    else this.epKeysBySvc.delete(svcKey)
    this.changed.add(svcKey)
    return true
  }

  private keysChanged(): void {
    this.state.portKeysVersion = (this.state.portKeysVersion ?? 0) + 1
  }

  /** Is there anything to sync? */
  get pending(): boolean {
    return this.full || this.changed.size > 0
  }

  /** Force the next sync to be a full one (restart, a flushed table). */
  forceFull(): void {
    this.full = true
  }

  /**
   * The state to sync now, with `changedServices` set to the Services changed since the last take() (or left
   * undefined for a full sync); resets the change record.
   */
  take(): ProxyState {
    const st = this.state
    st.changedServices = this.full ? undefined : this.changed
    this.changed = new Set()
    this.full = false
    return st
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A node's complete ProxyState from the store (what a freshly started kube-proxy computes). */
export function buildProxyState(store: Store, node: string | ProxyNode, config: Pick<KubeProxyConfig, 'clusterCIDR'>): ProxyState {
  const n = typeof node === 'string' ? proxyNodeOf(store, node) : node
  return new ProxyStateTracker(n, config.clusterCIDR).load(store).take()
}
