// The recorder's memory of the events it wrote (client-go's event correlator cache): per involved object, the
// event last written for each type, reason, component, fieldPath and message. Kept without composed key
// strings: an entry references the strings its Event already holds, so 19,000 events cost no extra text.

/** One recorded event's key fields and its name. */
export interface SeenEvent {
  readonly type: string
  readonly reason: string
  readonly component: string
  readonly fieldPath: string
  readonly message: string
  name: string
}

/** Past this many entries an object's list becomes a map by message (a scan would cost more than a lookup). */
const SCAN_LIMIT = 16

type Bucket = SeenEvent[] | Map<string, SeenEvent[]>

function matches(e: SeenEvent, type: string, reason: string, component: string, fieldPath: string, message: string): boolean {
  return e.message === message && e.reason === reason && e.type === type && e.component === component && e.fieldPath === fieldPath
}

function findIn(list: SeenEvent[] | undefined, type: string, reason: string, component: string, fieldPath: string, message: string): SeenEvent | undefined {
  if (!list) return undefined
  for (let i = 0; i < list.length; i++) if (matches(list[i], type, reason, component, fieldPath, message)) return list[i]
  return undefined
}

export class SeenEvents {
  private readonly byObject = new Map<string | undefined, Bucket>()

  /** The entry for these key fields on the object with this uid, if an event was recorded for them. */
  find(uid: string | undefined, type: string, reason: string, component: string, fieldPath: string, message: string): SeenEvent | undefined {
    const b = this.byObject.get(uid)
    if (b === undefined) return undefined
    return findIn(Array.isArray(b) ? b : b.get(message), type, reason, component, fieldPath, message)
  }

  /** Remember that `e.name` is the event for its key fields (replacing an earlier entry for the same fields). */
  remember(uid: string | undefined, e: SeenEvent): void {
    const b = this.byObject.get(uid)
    if (b === undefined) { this.byObject.set(uid, [e]); return }
    const list = Array.isArray(b) ? b : b.get(e.message)
    const had = findIn(list, e.type, e.reason, e.component, e.fieldPath, e.message)
    if (had) { had.name = e.name; return }
    if (!Array.isArray(b)) {
      if (list) list.push(e)
      else b.set(e.message, [e])
    } else if (b.length < SCAN_LIMIT) b.push(e)
    else {
      const m = new Map<string, SeenEvent[]>()
      for (const x of [...b, e]) {
        const l = m.get(x.message)
        if (l) l.push(x)
        else m.set(x.message, [x])
      }
      this.byObject.set(uid, m)
    }
  }
}
