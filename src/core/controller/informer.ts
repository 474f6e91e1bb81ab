// The shared informer cache: indexes every controller needs, kept current from the store's watch stream,
// so reconciles never scan whole kinds (pods by namespace and label, dependents by owner uid, Services by
// selector label, pods by node). Reads return stored objects: never mutate them.

import type { Change, Store } from '../apiserver/store.ts'
import type { KubeObject, Pod, Service } from '../api/types.ts'

type NameSet = Set<string>

function bucket<K, V>(m: Map<K, V>, k: K, make: () => NoInfer<V>): V {
  let v = m.get(k)
  if (!v) m.set(k, (v = make()))
  return v
}

// shared factories: an inline `() => new Map()` per call allocates a closure on every index update
const newMap = <K, V>(): Map<K, V> => new Map()
const newSet = <T>(): Set<T> => new Set()

export function objKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`
}

/** an object's key in the dependents index: its uid (every stored object has one; no string to build) */
const depKey = (o: KubeObject): string => o.metadata.uid ?? objKey(o)

function sameStringMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true
  const ka = Object.keys(a ?? {}), kb = Object.keys(b ?? {})
  if (ka.length !== kb.length) return false
  for (const k of ka) if (a![k] !== b![k]) return false
  return true
}

/** Do two versions of an object sit under the same index keys (owners, pod labels)? */
function sameIndexKeys(a: KubeObject, b: KubeObject): boolean {
  if (a.kind !== b.kind || a.metadata.namespace !== b.metadata.namespace || a.metadata.name !== b.metadata.name) return false
  const ra = a.metadata.ownerReferences, rb = b.metadata.ownerReferences
  if (ra !== rb) {
    if ((ra?.length ?? 0) !== (rb?.length ?? 0)) return false
    for (let i = 0; i < (ra?.length ?? 0); i++) if (ra![i].uid !== rb![i].uid) return false
  }
  if (a.kind === 'Pod') {
    return sameStringMap(a.metadata.labels, b.metadata.labels) // a node change is moved by apply
  }
  // a Service goes through remove+add: that moves it last in its selector buckets, an order callers see
  return a.kind !== 'Service'
}

export class Informer {
  private readonly pods = new Map<string, Map<string, Pod>>()
  private readonly podLabels = new Map<string, Map<string, NameSet>>()
  private readonly svcSelectors = new Map<string, Map<string, NameSet>>()
  private readonly owners = new Map<string, Map<string, KubeObject>>()
  private readonly nodePods = new Map<string, NameSet>()
  /** bumped whenever the Service selector index changes (callers cache selector lookups against it) */
  servicesVersion = 0

  constructor(readonly store: Store) {}

  apply(c: Change): void {
    const o = c.object
    if (c.type === 'DELETED') { this.remove(o); return }
    if (c.old && sameIndexKeys(c.old, o)) {
      this.replace(o)
      if (o.kind === 'Pod') this.moveNode(c.old as Pod, o as Pod)
      return
    }
    if (c.old) this.remove(c.old)
    this.add(o)
  }

  /** A bind (or any nodeName change): the pod leaves its old node's set and joins the new one's. */
  private moveNode(old: Pod, p: Pod): void {
    const from = old.spec?.nodeName, to = p.spec?.nodeName
    if (from === to) return
    const k = `${p.metadata.namespace ?? ''}/${p.metadata.name}`
    if (from) this.nodePods.get(from)?.delete(k)
    if (to) bucket(this.nodePods, to, newSet).add(k)
  }

  /**
   * A change that moved no index key (a status write ...): swap the stored objects only. Delete-then-set keeps
   * the iteration order a remove+add gave (the changed object moves last), which callers' tie-breaks see.
   */
  private replace(o: KubeObject): void {
    const refs = o.metadata.ownerReferences
    if (refs?.length) {
      const k = depKey(o)
      for (const r of refs) {
        const m = this.owners.get(r.uid)
        if (m) { m.delete(k); m.set(k, o) }
      }
    }
    if (o.kind === 'Pod') {
      const m = this.pods.get(o.metadata.namespace ?? '')
      if (m) { m.delete(o.metadata.name); m.set(o.metadata.name, o as Pod) }
    }
  }

  private add(o: KubeObject): void {
    for (const r of o.metadata.ownerReferences ?? []) bucket(this.owners, r.uid, newMap).set(depKey(o), o)
    const ns = o.metadata.namespace ?? ''
    if (o.kind === 'Pod') {
      const p = o as Pod
      bucket(this.pods, ns, newMap).set(p.metadata.name, p)
      const idx = bucket(this.podLabels, ns, newMap)
      for (const k in p.metadata.labels ?? {}) bucket(idx, `${k}=${p.metadata.labels![k]}`, newSet).add(p.metadata.name)
      if (p.spec?.nodeName) bucket(this.nodePods, p.spec.nodeName, newSet).add(`${ns}/${p.metadata.name}`)
    } else if (o.kind === 'Service') {
      this.servicesVersion++
      const sel = (o as Service).spec?.selector
      const idx = bucket(this.svcSelectors, ns, newMap)
      for (const k in sel ?? {}) bucket(idx, `${k}=${sel![k]}`, newSet).add(o.metadata.name)
    }
  }

  private remove(o: KubeObject): void {
    for (const r of o.metadata.ownerReferences ?? []) {
      const m = this.owners.get(r.uid)
      m?.delete(depKey(o))
      if (m && m.size === 0) this.owners.delete(r.uid)
    }
    const ns = o.metadata.namespace ?? ''
    if (o.kind === 'Pod') {
      const p = o as Pod
      this.pods.get(ns)?.delete(p.metadata.name)
      const idx = this.podLabels.get(ns)
      for (const k in p.metadata.labels ?? {}) idx?.get(`${k}=${p.metadata.labels![k]}`)?.delete(p.metadata.name)
      if (p.spec?.nodeName) this.nodePods.get(p.spec.nodeName)?.delete(`${ns}/${p.metadata.name}`)
    } else if (o.kind === 'Service') {
      this.servicesVersion++
      const sel = (o as Service).spec?.selector
      const idx = this.svcSelectors.get(ns)
      for (const k in sel ?? {}) idx?.get(`${k}=${sel![k]}`)?.delete(o.metadata.name)
    }
  }

  pod(ns: string, name: string): Pod | undefined {
    return this.pods.get(ns)?.get(name)
  }

  /** Pods of a namespace carrying label pair `k=v` (all pods of the namespace when pair is undefined). */
  podsWith(ns: string, pair: string | undefined): Pod[] {
    const all = this.pods.get(ns)
    if (!all) return []
    if (pair === undefined) return [...all.values()]
    const names = this.podLabels.get(ns)?.get(pair)
    if (!names) return []
    const out: Pod[] = []
    for (const n of names) { const p = all.get(n); if (p) out.push(p) }
    return out
  }

  /** Names of Services in ns whose selector contains pair `k=v`. */
  servicesSelecting(ns: string, pair: string): Iterable<string> {
    return this.svcSelectors.get(ns)?.get(pair) ?? []
  }

  /** Objects that list uid among their ownerReferences. */
  dependents(uid: string | undefined): KubeObject[] {
    if (!uid) return []
    const m = this.owners.get(uid)
    return m ? [...m.values()] : []
  }

  /** `ns/name` keys of pods bound to a node. */
  podsOnNode(node: string): Iterable<string> {
    return this.nodePods.get(node) ?? []
  }
}
