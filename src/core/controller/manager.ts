// The controller manager: per-controller work queues keyed by object, fed from the store's watch stream,
// drained in passes until nothing is queued (level-driven reconciliation), plus virtual-time timers for
// work due later (readiness delays, back-off restarts, grace periods).

import type { Change, Store } from '../apiserver/store.ts'
import type { Clock } from '../util/clock.ts'
import { Informer } from './informer.ts'

export interface Controller {
  readonly name: string
  /** the kinds whose changes onChange reads; absent: every kind. The manager skips the call for other kinds. */
  readonly watches?: readonly string[]
  /** map a change to the keys to reconcile (call queue.add) */
  onChange(c: Change, queue: Set<string>): void
  reconcile(key: string): void
}

interface Timer { at: number; ctrl: string; key: string }

/** Beyond this many passes without quiescence a controller is fighting another: an internal error. */
export const MAX_PASSES = 2000

export class ControllerManager {
  readonly informer: Informer
  private readonly controllers: Controller[] = []
  private readonly queues = new Map<string, Set<string>>()
  /** each registered controller's queue, in registration order (the watch fan-out walks these in step) */
  private readonly queueList: Set<string>[] = []
  /** per kind: the controllers that read its changes and their queues, in registration order (built lazily) */
  private readonly routes = new Map<string, { ctrls: Controller[]; queues: Set<string>[] }>()
  /** pending timers by due time; equal times keep their insertion order */
  private timers: Timer[] = []
  /** `ctrl \0 key \0 at` of every pending timer (after() ignores a duplicate) */
  private readonly timerKeys = new Set<string>()
  private settling = false

  constructor(readonly store: Store, readonly clock: Clock) {
    this.informer = new Informer(store)
    store.watch((c) => this.onChange(c))
  }

  register(c: Controller): void {
    const q = new Set<string>()
    this.controllers.push(c)
    this.queues.set(c.name, q)
    this.queueList.push(q)
    this.routes.clear()
  }

  private route(kind: string): { ctrls: Controller[]; queues: Set<string>[] } {
    const r = { ctrls: [] as Controller[], queues: [] as Set<string>[] }
    for (let i = 0; i < this.controllers.length; i++) {
      const c = this.controllers[i]
      if (c.watches && !c.watches.includes(kind)) continue
      r.ctrls.push(c)
      r.queues.push(this.queueList[i])
    }
    this.routes.set(kind, r)
    return r
  }

  enqueue(ctrl: string, key: string): void {
    this.queues.get(ctrl)?.add(key)
  }

  /** Reconcile `key` again once virtual time reaches `at` (ms). */
  after(ctrl: string, key: string, at: number): void {
    const id = `${ctrl}\0${key}\0${at}`
    if (this.timerKeys.has(id)) return
    this.timerKeys.add(id)
    // insert after every timer due at or before `at` (what a stable sort after a push gave)
    const ts = this.timers
    let lo = 0, hi = ts.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (ts[mid].at <= at) lo = mid + 1
      else hi = mid
    }
    if (lo === ts.length) ts.push({ at, ctrl, key })
    else ts.splice(lo, 0, { at, ctrl, key })
  }

  nextTimer(): number | undefined {
    return this.timers[0]?.at
  }

  private onChange(c: Change): void {
    if (c.object.kind === 'Event') return // no controller reads events
    this.informer.apply(c)
    const r = this.routes.get(c.object.kind) ?? this.route(c.object.kind)
    const cs = r.ctrls, qs = r.queues
    for (let i = 0; i < cs.length; i++) cs[i].onChange(c, qs[i])
  }

  private fireDue(): void {
    const now = this.clock.now()
    while (this.timers.length && this.timers[0].at <= now) {
      const t = this.timers.shift()!
      this.timerKeys.delete(`${t.ctrl}\0${t.key}\0${t.at}`)
      this.enqueue(t.ctrl, t.key)
    }
  }

  /** Drain every queue, pass after pass, until none has work. Returns the number of passes. */
  settle(): number {
    if (this.settling) return 0
    this.settling = true
    let passes = 0
    try {
      this.fireDue()
      for (;;) {
        let busy = false
        for (const q of this.queueList) if (q.size) { busy = true; break }
        if (!busy) return passes
        if (++passes > MAX_PASSES) {
          const stuck = [...this.queues].filter(([, q]) => q.size).map(([n, q]) => `${n}: ${[...q].slice(0, 3).join(', ')}`)
          throw new Error(`internal error: controllers did not settle after ${MAX_PASSES} passes (still queued: ${stuck.join('; ')})`)
        }
        for (let i = 0; i < this.controllers.length; i++) {
          const ctrl = this.controllers[i], q = this.queueList[i]
          if (!q.size) continue
          const keys = [...q]
          q.clear()
          for (const k of keys) ctrl.reconcile(k)
        }
      }
    } finally {
      this.settling = false
    }
  }

  /** Advance virtual time by ms, stopping at each due timer to reconcile what it wakes. */
  advance(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms)
    this.settle()
    for (;;) {
      const next = this.nextTimer()
      if (next === undefined || next > target) break
      if (next > this.clock.now()) this.clock.advance(next - this.clock.now())
      this.settle()
    }
    if (target > this.clock.now()) this.clock.advance(target - this.clock.now())
    this.settle()
  }
}
