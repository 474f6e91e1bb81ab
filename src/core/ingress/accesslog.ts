// The controller's access log: one line per request in ingress-nginx's default log-format-upstream
// `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
// $request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr
// $upstream_response_length $upstream_response_time $upstream_status $req_id`, appended to the controller pod's log.

import type { Cluster } from '../cluster/types.ts'
import { appendContainerLog } from '../images/logs.ts'
import { byteLength } from '../images/app.ts'
import type { IngressController } from './classes.ts'
import type { IngressRequest, RouteDecision } from './route.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const p2 = (n: number) => String(n).padStart(2, '0')

/** $time_local in UTC: `01/Jan/2026:00:00:00 +0000` */
export function timeLocal(ms: number): string {
  const d = new Date(ms)
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`
}

/** $request_length: request line, headers (Host included) and body, in bytes. */
export function requestLength(req: IngressRequest): number {
  let n = byteLength(`${req.method} ${req.path} HTTP/1.1\r\n`) + byteLength(`Host: ${req.host}\r\n`) + 2 + req.bodyBytes
  for (const [k, v] of req.headers) if (k.toLowerCase() !== 'host') n += byteLength(`${k}: ${v}\r\n`)
  return n
}

/** What the upstream answered, when the request was proxied (the caller knows after running the backend). */
export interface UpstreamResult {
  status: number
  /** response body bytes from the upstream */
  bytes: number
  /** seconds, e.g. 0.002 */
  seconds: number
  /** every try when proxy-next-upstream moved on (`$upstream_addr` and friends list them with `, `) */
  tries?: UpstreamTry[]
}

/** One upstream try: the endpoint, its status (502/504 for nginx's own failures), bytes and seconds. */
export interface UpstreamTry { addr: string; status: number; bytes: number; seconds: number }

/** The access-log line for a routed request; `sent` is the body length the client received. */
export function accessLogLine(req: IngressRequest, d: RouteDecision, status: number, sent: number, up?: UpstreamResult): string {
  const header = (n: string) => req.headers.find(([k]) => k.toLowerCase() === n)?.[1]
  const q = (v: string | undefined) => `"${v ?? '-'}"`
  const f3 = (s: number) => s.toFixed(3)
  let addr = '-', len = '-', time = '-', ustatus = '-', reqTime = '0.000'
  if (d.kind === 'proxy' && up?.tries?.length) {
    const t = up.tries
    addr = t.map((x) => x.addr).join(', '); len = t.map((x) => String(x.bytes)).join(', ')
    time = t.map((x) => f3(x.seconds)).join(', '); ustatus = t.map((x) => String(x.status)).join(', '); reqTime = f3(up.seconds)
  } else if (d.kind === 'proxy' && up) {
    addr = `${d.endpoint.ip}:${d.endpoint.port}`; len = String(up.bytes); time = f3(up.seconds); ustatus = String(up.status); reqTime = f3(up.seconds)
  } else if (d.kind === 'reply' && d.upstreamAddr !== '-') {
    addr = d.upstreamAddr; len = String(sent); time = '0.000'; ustatus = String(status)
  }
  return `${req.clientIP} - - [${timeLocal(req.now)}] "${req.method} ${req.path} ${req.protocol ?? 'HTTP/1.1'}" ${status} ${sent} ${q(header('referer'))} ${q(header('user-agent'))} ` +
    `${requestLength(req)} ${reqTime} [${d.upstream}] [] ${addr} ${len} ${time} ${ustatus} ${d.requestId}`
}

/** Appends the access-log line (and a 503's controller warning) to the controller pod's log. */
export function logRequest(cluster: Cluster, ctrl: IngressController, req: IngressRequest, d: RouteDecision, status: number, sent: number, up?: UpstreamResult): string {
  const line = accessLogLine(req, d, status, sent, up)
  appendContainerLog(cluster, ctrl.pod, ctrl.container, line)
  return line
}
