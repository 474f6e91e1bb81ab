// The event recorder (client-go tools/record): controllers and kubelets report what they did as Event
// objects in the involved object's namespace; a repeat of the same reason and message on the same object
// bumps `count` and `lastTimestamp` instead of creating a new Event, as the real event correlator does.

import type { KubeEvent, KubeObject } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import type { Clock } from '../util/clock.ts'
import { rfc3339 } from '../util/clock.ts'
import { deepClone, flat } from '../util/clone.ts'
import { SeenEvents } from './seen.ts'

export interface EventSource {
  /** `default-scheduler`, `kubelet`, `replicaset-controller`, `deployment-controller`, `kubelab` ... */
  component: string
  /** the node name, for kubelet events */
  host?: string
}

const TWO24 = 0x1000000

/**
 * (ms * 1e6 + extra) in hex, the event name suffix (the event's UnixNano), exact beyond 2^53 without BigInt:
 * ms = hi * 2^24 + lo, so the value is (hi * 1e6) * 2^24 + (lo * 1e6 + extra), each part exact in a double.
 */
export function nanosHex(ms: number, extra: number): string {
  const lo0 = ms % TWO24
  let hi = (ms - lo0) / TWO24 * 1e6
  let lo = lo0 * 1e6 + extra
  const carry = Math.floor(lo / TWO24)
  hi += carry
  lo -= carry * TWO24
  if (!hi) return lo.toString(16)
  if (hi !== lastHi) { lastHi = hi; lastHiHex = hi.toString(16) } // the high digits change every ~17 ms of clock
  return lastHiHex + lo.toString(16).padStart(6, '0')
}
let lastHi = 0, lastHiHex = ''

const causes = new Map<string, string>()
/** `controller:<component>`, one string per component (every event write carries it) */
function causeOf(component: string): string {
  let c = causes.get(component)
  if (c === undefined) causes.set(component, (c = `controller:${component}`))
  return c
}

/** the event's involvedObject (fieldPath and resourceVersion only when set), built in one literal */
function involvedOf(obj: KubeObject, fieldPath: string | undefined): KubeEvent['involvedObject'] {
  const md = obj.metadata, rv = md.resourceVersion
  if (fieldPath) {
    return rv
      ? { apiVersion: obj.apiVersion, kind: obj.kind, name: md.name, namespace: md.namespace, uid: md.uid, fieldPath, resourceVersion: rv } as KubeEvent['involvedObject']
      : { apiVersion: obj.apiVersion, kind: obj.kind, name: md.name, namespace: md.namespace, uid: md.uid, fieldPath }
  }
  return rv
    ? { apiVersion: obj.apiVersion, kind: obj.kind, name: md.name, namespace: md.namespace, uid: md.uid, resourceVersion: rv } as KubeEvent['involvedObject']
    : { apiVersion: obj.apiVersion, kind: obj.kind, name: md.name, namespace: md.namespace, uid: md.uid }
}

/** the event's source: one object per component and host, shared by that source's events (never mutated) */
const sources = new Map<string, Map<string | undefined, KubeEvent['source']>>()
function sourceOf(component: string, host: string | undefined): KubeEvent['source'] {
  let byHost = sources.get(component)
  if (!byHost) sources.set(component, (byHost = new Map()))
  let s = byHost.get(host)
  if (!s) byHost.set(host, (s = host ? { component, host } : { component }))
  return s
}

export class EventRecorder {
  /** false while bootstrapping: a cluster that has been up a while shows no old events (they expire after 1h) */
  enabled = true
  private seq = 0
  /** the event recorded for each involved object uid and type, reason, component, fieldPath and message */
  private readonly seen = new SeenEvents()
  /**
   * the involvedObject of the last event, reused while events come for the same object version and fieldPath
   * (a kubelet's Pulling, Pulled, Created, Started): stored events share it as they share other parts
   */
  private last: { obj: KubeObject; fieldPath: string | undefined; rv: string | undefined; involved: KubeEvent['involvedObject'] } | undefined

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  private involved(obj: KubeObject, fieldPath: string | undefined): KubeEvent['involvedObject'] {
    const l = this.last
    if (l !== undefined && l.obj === obj && l.fieldPath === fieldPath && l.rv === obj.metadata.resourceVersion) return l.involved
    const involved = involvedOf(obj, fieldPath)
    this.last = { obj, fieldPath, rv: obj.metadata.resourceVersion, involved }
    return involved
  }

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    if (!this.enabled) return
    const ns = obj.metadata.namespace ?? 'default'
    const now = rfc3339(this.clock.now())
    const fp = fieldPath ?? '', component = source.component, uid = obj.metadata.uid
    const hit = this.seen.find(uid, type, reason, component, fp, message)
    if (hit !== undefined) {
      const ev = this.store.get('Event', ns, hit.name) as KubeEvent | undefined
      if (ev) {
        const next = deepClone(ev)
        next.count = (ev.count ?? 1) + 1
        next.lastTimestamp = now
        delete next.metadata.resourceVersion
        this.store.update(next, { cause: causeOf(component), owned: true })
        return
      }
    }
    const name = flat(`${obj.metadata.name}.${nanosHex(this.clock.now(), this.seq++ % 1000000)}`)
    // every property is declared in its final order up front: the store fills in uid, resourceVersion and
    // creationTimestamp in this order (values only, no new properties), so an event is built at its final size
    const ev: KubeEvent = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject: this.involved(obj, fieldPath),
      reason, message, type, count: 1, firstTimestamp: now, lastTimestamp: now,
      source: sourceOf(component, source.host),
      reportingComponent: component, reportingInstance: source.host ?? '', eventTime: null,
    }
    try {
      this.store.create(ev, { cause: causeOf(component), owned: true })
      // (a hit whose event is gone: repeats now count on this one)
      this.seen.remember(uid, { type, reason, component, fieldPath: fp, message: ev.message, name })
    } catch {
      // the namespace is gone (being deleted): the real recorder drops the event too
    }
  }
}
