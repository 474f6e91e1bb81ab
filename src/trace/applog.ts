// The application's side of a delivered request: ask the app for its HTTP reply (with the source address it
// saw) and append the access-log line nginx (`main` format) or httpd (common format) writes to stdout.

import type { Cluster } from '../core/cluster/types.ts'
import { appendContainerLog } from '../core/images/logs.ts'
import type { HttpReply } from '../core/images/app.ts'
import type { HttpRequestSpec } from './types.ts'
import type { Socket } from './deliver.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const p2 = (n: number) => String(n).padStart(2, '0')

/** `01/Jan/2026:00:00:00 +0000` ($time_local, %t) */
export function timeLocal(ms: number): string {
  const d = new Date(ms)
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`
}

function header(req: HttpRequestSpec, name: string): string | undefined {
  return req.headers.find(([k]) => k.toLowerCase() === name)?.[1]
}

function bodyBytes(req: HttpRequestSpec, reply: HttpReply): number {
  if (req.method === 'HEAD') return 0
  const cl = reply.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1]
  return cl !== undefined ? Number(cl) : reply.body.length
}

/** the access-log line the server writes for this request, if its image logs requests */
export function accessLogLine(sock: Socket, remote: string, req: HttpRequestSpec, reply: HttpReply, now: number): string | undefined {
  const kind = sock.app?.image.kind
  const request = `${req.method} ${req.path} HTTP/1.1`
  const n = bodyBytes(req, reply)
  if (kind === 'nginx') {
    return `${remote} - - [${timeLocal(now)}] "${request}" ${reply.status} ${n} "${header(req, 'referer') ?? '-'}" "${header(req, 'user-agent') ?? '-'}" "${header(req, 'x-forwarded-for') ?? '-'}"`
  }
  if (kind === 'httpd') return `${remote} - - [${timeLocal(now)}] "${request}" ${reply.status} ${n === 0 ? '-' : n}`
  return undefined
}

/** the app's reply to an HTTP request on the socket, the access-log line appended */
export function serveHttp(cluster: Cluster, sock: Socket, req: HttpRequestSpec, seen: { ip: string; port: number }, now: number, log: boolean): HttpReply | undefined {
  if (!sock.app) return undefined
  const reply = sock.app.http(sock.port, { method: req.method, path: req.path, host: req.host, headers: req.headers, remoteAddr: `${seen.ip}:${seen.port}`, now })
  if (!reply) return undefined
  if (log && sock.pod && sock.container) {
    const line = accessLogLine(sock, seen.ip, req, reply, now)
    if (line) appendContainerLog(cluster, sock.pod, sock.container, line)
  }
  return reply
}
