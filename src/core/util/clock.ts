// Virtual time. The model reads time only through a Clock; commands advance it, never the wall clock.

export interface Clock {
  /** milliseconds since the Unix epoch, virtual */
  now(): number
  advance(ms: number): void
}

/** A manual clock starting at a fixed instant (default 2026-01-01T00:00:00Z) so AGE columns are stable. */
export function createManualClock(startMs = Date.UTC(2026, 0, 1, 0, 0, 0)): Clock {
  let t = startMs
  return {
    now: () => t,
    advance: (ms) => {
      if (ms > 0) t += ms
    },
  }
}

/** RFC 3339 with second precision, as Kubernetes serialises metav1.Time: 2026-01-01T00:00:00Z */
let lastSecond = NaN
let lastText = ''
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000)
  if (sec !== lastSecond) {
    lastSecond = sec
    lastText = new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }
  return lastText
}
