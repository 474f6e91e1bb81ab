// The kubelet's watch-based ConfigMap/Secret cache (configMapAndSecretChangeDetectionStrategy: Watch): every
// change it saw, with the virtual time it arrived, so a volume can be projected as of an earlier sync.

import type { KubeObject } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'

interface Entry { at: number; object: KubeObject | undefined }

export class ObjectHistory {
  private readonly log = new Map<string, Entry[]>()

  private key(kind: string, ns: string, name: string): string {
    return `${kind}/${ns}/${name}`
  }

  /** Record a watch event (undefined: deleted). */
  record(kind: string, ns: string, name: string, object: KubeObject | undefined, at: number, old?: KubeObject): void {
    const k = this.key(kind, ns, name)
    let l = this.log.get(k)
    if (!l) {
      l = []
      // what existed before the first event we saw dates from the beginning
      if (old) l.push({ at: -Infinity, object: old })
      else if (object) l.push({ at: -Infinity, object: undefined })
      this.log.set(k, l)
    }
    l.push({ at, object })
  }

  /** The object as the cache held it at `at` (the store's current one if it never changed while watched). */
  asOf(store: Store, kind: string, ns: string, name: string, at: number): KubeObject | undefined {
    const l = this.log.get(this.key(kind, ns, name))
    if (!l) return store.get(kind, ns, name)
    let cur: KubeObject | undefined
    for (const e of l) { if (e.at <= at) cur = e.object; else break }
    return cur
  }

  /** When the object changed (for finding the sync that wrote a new payload). */
  changes(kind: string, ns: string, name: string): number[] {
    return (this.log.get(this.key(kind, ns, name)) ?? []).map((e) => e.at).filter((t) => t !== -Infinity)
  }
}
