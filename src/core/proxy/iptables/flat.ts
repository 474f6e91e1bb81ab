// The rules every sync writes again for every service port (its KUBE-SERVICES/KUBE-NODEPORTS jumps in nat, its
// filter rules), kept in service-port order in two flat arrays between syncs: a partial sync after one endpoint
// change at 10,000 Services copies them in one pass and patches the changed ports' slices, instead of visiting
// 10,000 service ports' rule objects (scattered in memory) again. The output is the same rules in the same order.

import type { Args } from './rules.ts'
import type { PortVariant } from './shared.ts'

export class FlatPortRules {
  /** natTop of every key, in key order, and where each key's slice starts (`topAt[keys.length]` = the end) */
  readonly top: Args[] = []
  readonly filter: Args[] = []
  private topAt = new Int32Array(1)
  private filterAt = new Int32Array(1)
  /** `ns/svc` -> the indexes of its service ports among keys */
  private bySvc = new Map<string, number[]>()

  /** built for this key list (the proxier's sorted keys; a new list means keys came or went) */
  constructor(readonly keys: readonly string[]) {}

  /** rebuild from every key's variant (same order as keys) */
  fill(variants: readonly PortVariant[]): void {
    const n = this.keys.length
    this.top.length = 0
    this.filter.length = 0
    this.topAt = new Int32Array(n + 1)
    this.filterAt = new Int32Array(n + 1)
    this.bySvc = new Map()
    for (let i = 0; i < n; i++) {
      const v = variants[i]
      this.topAt[i] = this.top.length
      this.filterAt[i] = this.filter.length
      for (const r of v.rules.natTop) this.top.push(r)
      for (const r of v.rules.filter) this.filter.push(r)
      const list = this.bySvc.get(v.svcKey)
      if (list) list.push(i)
      else this.bySvc.set(v.svcKey, [i])
    }
    this.topAt[n] = this.top.length
    this.filterAt[n] = this.filter.length
  }

  /** the key indexes of these Services' ports, ascending */
  indexesOf(services: Iterable<string>): number[] {
    const out: number[] = []
    for (const s of services) {
      const list = this.bySvc.get(s)
      if (list) for (const i of list) out.push(i)
    }
    return out.sort((a, b) => a - b)
  }

  /** put key i's new variant in place; false when its rule counts changed (then fill() again) */
  patch(i: number, v: PortVariant): boolean {
    const { natTop, filter } = v.rules
    const t = this.topAt[i], f = this.filterAt[i]
    if (this.topAt[i + 1] - t !== natTop.length || this.filterAt[i + 1] - f !== filter.length) return false
    for (let j = 0; j < natTop.length; j++) this.top[t + j] = natTop[j]
    for (let j = 0; j < filter.length; j++) this.filter[f + j] = filter[j]
    return true
  }

  /**
   * nat rules in the order the full loop writes them: every key's natTop, with the chain rules of the keys at
   * `rewritten` (ascending) just before their own natTop
   */
  writeNat(out: Args[], rewritten: readonly number[], variants: readonly PortVariant[]): void {
    const top = this.top
    let from = 0
    for (const i of rewritten) {
      const to = this.topAt[i]
      for (let j = from; j < to; j++) out.push(top[j])
      for (const r of variants[i].rules.natRules) out.push(r)
      from = to
    }
    for (let j = from; j < top.length; j++) out.push(top[j])
  }
}
