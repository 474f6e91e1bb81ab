// AGE and "ago" texts as kubectl prints them (apimachinery pkg/util/duration HumanDuration,
// printers translateTimestampSince), computed against the cluster's virtual clock.

/** duration.HumanDuration for a duration in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.floor(ms / 60000)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 180) return `${minutes}m`
  const hours = Math.floor(ms / 3600000)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365
    const y = Math.floor(hours / 24 / 365)
    return dy === 0 ? `${y}y` : `${y}y${dy}d`
  }
  return `${Math.floor(hours / 24 / 365)}y`
}

/** translateTimestampSince: `<unknown>` for a missing timestamp, else the human duration since it. */
export function translateTimestampSince(ts: string | undefined | null, nowMs: number): string {
  if (!ts) return '<unknown>'
  const t = Date.parse(ts)
  if (Number.isNaN(t)) return '<unknown>'
  return humanDuration(nowMs - t)
}
