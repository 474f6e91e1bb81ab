// klog's text header, as kube-proxy v1.32 prints it: `I1123 11:00:00.000000       1 file.go:66] "message" k="v"`.

export type Severity = 'I' | 'W' | 'E' | 'F'

const p2 = (n: number) => String(n).padStart(2, '0')

/** One klog line at virtual time `ms` (+ `micros` for sub-millisecond order), from process `pid`. */
export function klogLine(sev: Severity, ms: number, micros: number, pid: number, where: string, msg: string): string {
  const d = new Date(ms)
  const us = String((d.getUTCMilliseconds() * 1000 + micros) % 1_000_000).padStart(6, '0')
  return `${sev}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(pid).padStart(7)} ${where}] ${msg}`
}

/** A Go %q string (klog's structured values). */
export function q(s: string): string {
  return JSON.stringify(s)
}
