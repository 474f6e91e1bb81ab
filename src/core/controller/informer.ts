// The shared informer cache: indexes every controller needs, kept current from the store's watch stream,
// so reconciles never scan whole kinds (pods by namespace and label, dependents by owner uid, Services by
// selector label, pods by node). Reads return stored objects: never mutate them.

import type { Change, Store } from '../apiserver/store.ts'
import type { KubeObject, Pod, Service } from '../api/types.ts'

type NameSet = Set<string>

function bucket<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k)
  if (!v) m.set(k, (v = make()))
  return v
}

export function objKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`
}

export class Informer {
  private readonly pods = new Map<string, Map<string, Pod>>()
  private readonly podLabels = new Map<string, Map<string, NameSet>>()
  private readonly svcSelectors = new Map<string, Map<string, NameSet>>()
  private readonly owners = new Map<string, Map<string, KubeObject>>()
  private readonly nodePods = new Map<string, NameSet>()

  constructor(readonly store: Store) {}

  apply(c: Change): void {
    const o = c.object
    if (c.old) this.remove(c.old)
    if (c.type !== 'DELETED') this.add(o)
  }

  private add(o: KubeObject): void {
    for (const r of o.metadata.ownerReferences ?? []) bucket(this.owners, r.uid, () => new Map()).set(objKey(o), o)
    const ns = o.metadata.namespace ?? ''
    if (o.kind === 'Pod') {
      const p = o as Pod
      bucket(this.pods, ns, () => new Map()).set(p.metadata.name, p)
      const idx = bucket(this.podLabels, ns, () => new Map())
      for (const k in p.metadata.labels ?? {}) bucket(idx, `${k}=${p.metadata.labels![k]}`, () => new Set()).add(p.metadata.name)
      if (p.spec?.nodeName) bucket(this.nodePods, p.spec.nodeName, () => new Set()).add(`${ns}/${p.metadata.name}`)
    } else if (o.kind === 'Service') {
      const sel = (o as Service).spec?.selector
      const idx = bucket(this.svcSelectors, ns, () => new Map())
      for (const k in sel ?? {}) bucket(idx, `${k}=${sel![k]}`, () => new Set()).add(o.metadata.name)
    }
  }

  private remove(o: KubeObject): void {
    for (const r of o.metadata.ownerReferences ?? []) {
      const m = this.owners.get(r.uid)
      m?.delete(objKey(o))
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
