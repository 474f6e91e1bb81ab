// What each exported pod's tiny server answers: the lab's own replies (`appFor`'s http) captured as templates
// (nginx, httpd, http-echo, simulated images), or whoami's text built per request from the address it saw.

import type { Pod } from '../../core/api/types.ts'
import type { App, HttpReply, HttpRequest } from '../../core/images/app.ts'

export interface ReplyTemplate { status: number; reason: string; headers: [string, string][]; body: string }

export type ServerSpec =
  | { kind: 'static'; port: number; process: string; root: ReplyTemplate; other: ReplyTemplate }
  /** whoami: `head` is the text before `RemoteAddr:` (Hostname and IP lines) */
  | { kind: 'whoami'; port: number; process: string; head: string; headers: [string, string][] }

const MARK = '\u0000remote\u0000'

function request(path: string, now: number): HttpRequest {
  return { method: 'GET', path, host: 'kubelab', headers: [], remoteAddr: MARK, now }
}

function template(r: HttpReply): ReplyTemplate {
  return { status: r.status, reason: r.reason, headers: r.headers.map(([k, v]) => [k, v] as [string, string]), body: r.body }
}

/** the servers of a pod's running apps: one per TCP port that answers HTTP on `/` */
export function serverSpecs(pod: Pod, apps: App[], now: number): ServerSpec[] {
  const out: ServerSpec[] = []
  for (const app of apps) {
    for (const l of app.listens) {
      if (l.protocol !== 'TCP' || out.some((s) => s.port === l.port)) continue
      const root = app.http(l.port, request('/', now))
      if (!root) continue
      const process = app.image.kind === 'generic' ? app.image.repository : app.image.kind
      if (app.image.kind === 'whoami') {
        const i = root.body.indexOf('RemoteAddr: ')
        out.push({ kind: 'whoami', port: l.port, process, head: i >= 0 ? root.body.slice(0, i) : `Hostname: ${pod.metadata.name}\n`, headers: template(root).headers })
        continue
      }
      const other = app.http(l.port, request('/kubelab-not-found', now)) ?? root
      out.push({ kind: 'static', port: l.port, process, root: template(root), other: template(other) })
    }
  }
  return out
}
