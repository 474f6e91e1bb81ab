// The controller manager: per-controller work queues keyed by object, fed from the store's watch stream,
// drained in passes until nothing is queued (level-driven reconciliation), plus virtual-time timers for
// work due later (readiness delays, back-off restarts, grace periods).

import type { Change, Store } from '../apiserver/store.ts'
import type { Clock } from '../util/clock.ts'
import { Informer } from './informer.ts'

export interface Controller {
  readonly name: string
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
  private timers: Timer[] = []
  private settling = false

  constructor(readonly store: Store, readonly clock: Clock) {
    this.informer = new Informer(store)
    store.watch((c) => this.onChange(c))
  }

  register(c: Controller): void {
    this.controllers.push(c)
    this.queues.set(c.name, new Set())
  }

  enqueue(ctrl: string, key: string): void {
    this.queues.get(ctrl)?.add(key)
  }

  /** Reconcile `key` again once virtual time reaches `at` (ms). */
  after(ctrl: string, key: string, at: number): void {
    if (this.timers.some((t) => t.ctrl === ctrl && t.key === key && t.at === at)) return
    this.timers.push({ at, ctrl, key })
    this.timers.sort((a, b) => a.at - b.at)
  }

  nextTimer(): number | undefined {
    return this.timers[0]?.at
  }

  private onChange(c: Change): void {
    if (c.object.kind === 'Event') return // no controller reads events
    this.informer.apply(c)
    for (const ctrl of this.controllers) ctrl.onChange(c, this.queues.get(ctrl.name)!)
  }

  private fireDue(): void {
    const now = this.clock.now()
    while (this.timers.length && this.timers[0].at <= now) {
      const t = this.timers.shift()!
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
        for (const q of this.queues.values()) if (q.size) { busy = true; break }
        if (!busy) return passes
        if (++passes > MAX_PASSES) {
          const stuck = [...this.queues].filter(([, q]) => q.size).map(([n, q]) => `${n}: ${[...q].slice(0, 3).join(', ')}`)
          throw new Error(`internal error: controllers did not settle after ${MAX_PASSES} passes (still queued: ${stuck.join('; ')})`)
        }
        for (const ctrl of this.controllers) {
          const q = this.queues.get(ctrl.name)!
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
