// The event recorder (client-go tools/record): controllers and kubelets report what they did as Event
// objects in the involved object's namespace; a repeat of the same reason and message on the same object
// bumps `count` and `lastTimestamp` instead of creating a new Event, as the real event correlator does.

import type { KubeEvent, KubeObject } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import type { Clock } from '../util/clock.ts'
import { rfc3339 } from '../util/clock.ts'
import { deepClone } from '../util/clone.ts'

export interface EventSource {
  /** `default-scheduler`, `kubelet`, `replicaset-controller`, `deployment-controller`, `kubelab` ... */
  component: string
  /** the node name, for kubelet events */
  host?: string
}

export class EventRecorder {
  /** false while bootstrapping: a cluster that has been up a while shows no old events (they expire after 1h) */
  enabled = true
  private seq = 0
  private readonly seen = new Map<string, string>()

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    if (!this.enabled) return
    const ns = obj.metadata.namespace ?? 'default'
    const now = rfc3339(this.clock.now())
    const key = `${obj.metadata.uid}|${type}|${reason}|${message}|${source.component}|${fieldPath ?? ''}`
    const existing = this.seen.get(key)
    if (existing) {
      const ev = this.store.get('Event', ns, existing) as KubeEvent | undefined
      if (ev) {
        const next = deepClone(ev)
        next.count = (ev.count ?? 1) + 1
        next.lastTimestamp = now
        delete next.metadata.resourceVersion
        this.store.update(next, { cause: `controller:${source.component}` })
        return
      }
    }
    const nanos = BigInt(this.clock.now()) * 1000000n + BigInt(this.seq++ % 1000000)
    const name = `${obj.metadata.name}.${nanos.toString(16)}`
    const ev: KubeEvent = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: {
        apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace,
        uid: obj.metadata.uid, ...(fieldPath ? { fieldPath } : {}),
      },
      reason, message, type, count: 1, firstTimestamp: now, lastTimestamp: now,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      reportingComponent: source.component, reportingInstance: source.host ?? '', eventTime: null,
    }
    if (obj.metadata.resourceVersion) (ev.involvedObject as Record<string, unknown>).resourceVersion = obj.metadata.resourceVersion
    try {
      this.store.create(ev, { cause: `controller:${source.component}` })
      this.seen.set(key, name)
    } catch {
      // the namespace is gone (being deleted): the real recorder drops the event too
    }
  }
}
