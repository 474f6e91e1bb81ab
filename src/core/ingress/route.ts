// route(): what ingress-nginx does with one HTTP request on a controller pod, in nginx's phase order: pick the
// server (Host) and location (URI), the certificate (SNI), then client_max_body_size (413), app-root (302),
// the HTTPS redirect (308), rewrite-target, and the Lua balancer (503 without endpoints) or the default
// backend (404); else a proxy decision to one endpoint with the headers the controller adds.

import type { HttpReply } from '../images/app.ts'
import type { Store } from '../apiserver/store.ts'
import type { IngressController } from './classes.ts'
import { DEFAULT_BACKEND_ADDR, DEFAULT_UPSTREAM, buildModel, locationDirective, type Location, type NginxModel, type Server, DEFAULT_SERVER } from './model.ts'
import { hostOf, matchLocation, normalizeUri, selectServer } from './match.ts'
import { nginxReply } from './responses.ts'
import { certificateForSni, type ServedCert } from './tls.ts'
import { balancerFor, upstreamEndpoints, type UpstreamEndpoint } from './upstream.ts'
import type { BackendProtocol } from './annotations.ts'

export interface IngressRequest {
  scheme: 'http' | 'https'
  /** the Host header as sent (may carry a port) */
  host: string
  /** the TLS server name the client sent (curl sends the URL's host unless it is an IP) */
  sni?: string
  method: string
  /** path with query, as on the request line */
  path: string
  /** the client's other headers in order (User-Agent, Accept ...), without Host */
  headers: [string, string][]
  /** request body length in bytes */
  bodyBytes: number
  /** the client address nginx sees ($remote_addr) and its port */
  clientIP: string
  /** the port nginx accepted the connection on ($server_port); defaults 80/443 by scheme */
  serverPort?: number
  /** virtual time (ms) */
  now: number
  /** $server_protocol: HTTP/1.1, or HTTP/2.0 when the client negotiated h2 */
  protocol?: 'HTTP/1.1' | 'HTTP/2.0'
}

interface Common {
  server: Server
  location?: Location
  /** the certificate presented (HTTPS only) */
  certificate?: ServedCert
  /** $proxy_upstream_name for the access log */
  upstream: string
  /** $req_id */
  requestId: string
  /** one sentence: which server and location won and why, and what the controller did */
  why: string
}

export interface ReplyDecision extends Common {
  kind: 'reply'
  reply: HttpReply
  /** $upstream_addr: the built-in default backend for 404s, '-' when nothing was contacted */
  upstreamAddr: string
  /** set for 503: the controller's log line explaining it */
  controllerLog?: string
}

export interface ProxyDecision extends Common {
  kind: 'proxy'
  endpoint: UpstreamEndpoint
  /** the URI sent upstream (after rewrite-target), with the query */
  uri: string
  method: string
  /** the request headers the backend receives, Host first, in nginx's order */
  headers: [string, string][]
  /** seconds */
  timeouts: { connect: number; send: number; read: number }
  backendProtocol: BackendProtocol
}

export type RouteDecision = ReplyDecision | ProxyDecision

/** nginx `rewrite "(?i)<path>" <target> break;`: the whole URI replaced, $1..$9 filled, the query kept. */
export function rewriteUri(path: string, target: string, uri: string, args: string): string | undefined {
  let re: RegExp
  try { re = new RegExp(path, 'i') } catch { return undefined }
  const m = re.exec(uri)
  if (!m) return undefined
  const out = target.replace(/\$(\d)/g, (_s, d: string) => m[Number(d)] ?? '')
  if (out.includes('?')) return args ? `${out}&${args}` : out
  return args ? `${out}?${args}` : out
}

/** Routes one request on the controller (model rebuilt from the store unless given). */
export function route(store: Store, ctrl: IngressController, req: IngressRequest, model: NginxModel = buildModel(store, ctrl)): RouteDecision {
  const https = req.scheme === 'https'
  const balancer = balancerFor(store, ctrl.pod.metadata.uid ?? ctrl.pod.metadata.name)
  const requestId = balancer.requestId()
  const { server, how: serverHow } = selectServer(model, req.host)
  const certificate = https ? certificateForSni(model.certs, req.sni, model.defaultCert) : undefined
  const { uri, args } = normalizeUri(req.path)
  const m = matchLocation(server, uri)
  const base = { server, certificate, requestId }
  const reply = (code: number, why: string, upstream: string, upstreamAddr: string, location?: Location, loc?: string, controllerLog?: string): ReplyDecision =>
    ({ ...base, kind: 'reply', location, reply: nginxReply(code, req.now, https, loc), upstream, upstreamAddr, why, controllerLog })
  if (!m) return reply(404, `${serverHow}; no location matches ${uri}, nginx answers 404`, '', '-')
  const loc = m.location
  const where = `${serverHow}; ${m.how}${loc.ingress ? ` (Ingress ${loc.ingress})` : ''}`
  const upstream = loc.backend?.upstream ?? DEFAULT_UPSTREAM
  const cfg = loc.config

  if (cfg.bodySizeBytes > 0 && req.bodyBytes > cfg.bodySizeBytes) {
    return reply(413, `${where}; the ${req.bodyBytes}-byte body is over proxy-body-size ${cfg.bodySize}, so nginx answers 413`, upstream, '-', loc)
  }
  if (cfg.appRoot && uri === '/') {
    return reply(302, `${where}; app-root sends / to ${cfg.appRoot}`, upstream, '-', loc, `${req.scheme}://${req.host}${cfg.appRoot}`)
  }
  // the catch-all server's fake certificate does not turn the redirect on: a host-less Ingress answers plain HTTP
  // (as in the kind and minikube ingress guides); a host with a TLS section (even one using the default
  // certificate) redirects
  const hasCert = !!server.cert && !(server.hostname === DEFAULT_SERVER && server.cert.isDefault)
  const builtIn = loc.isDefBackend && loc.ingress === '' // the catch-all's own `/` carries no annotations
  if (!https && !builtIn && (cfg.forceSslRedirect || (hasCert && cfg.sslRedirect))) {
    let ru = req.path
    if (!cfg.preserveTrailingSlash && ru.endsWith('/')) ru = ru.slice(0, -1)
    const why = cfg.forceSslRedirect ? 'force-ssl-redirect is set' : `the server has a TLS certificate (${server.cert!.secret || 'default'}) and ssl-redirect is on by default`
    return reply(308, `${where}; ${why}, so plain HTTP gets 308 to HTTPS`, upstream, '-', loc, `https://${hostOf(req.host)}${ru}`)
  }

  let target = args ? `${uri}?${args}` : uri
  let rewriteWhy = ''
  if (cfg.rewriteTarget) {
    const r = rewriteUri(loc.path, cfg.rewriteTarget, uri, args)
    if (r !== undefined) { target = r; rewriteWhy = `; rewrite-target ${cfg.rewriteTarget} turns ${uri} into ${r.split('?')[0]}` }
  }

  if (!loc.backend) {
    return reply(404, `${where}; no Ingress path matches, so the default backend answers 404`, DEFAULT_UPSTREAM, DEFAULT_BACKEND_ADDR, loc)
  }
  const eps = upstreamEndpoints(store, loc.backend)
  if ('error' in eps || eps.endpoints.length === 0) {
    const log = 'error' in eps ? eps.error : `Service "${loc.backend.namespace}/${loc.backend.service}" does not have any active Endpoint.`
    return reply(503, `${where}; ${log} The balancer has no endpoint, so nginx answers 503`, upstream, '-', loc, undefined, log)
  }
  const endpoint = balancer.pick(upstream, eps.endpoints)
  const port = req.serverPort ?? (https ? 443 : 80)
  const headers: [string, string][] = [
    ['Host', req.host], ['X-Request-ID', requestId], ['X-Real-IP', req.clientIP], ['X-Forwarded-For', req.clientIP],
    ['X-Forwarded-Host', req.host], ['X-Forwarded-Port', String(port)], ['X-Forwarded-Proto', req.scheme],
    ['X-Forwarded-Scheme', req.scheme], ['X-Scheme', req.scheme],
  ]
  const set = new Set(headers.map(([k]) => k.toLowerCase()))
  for (const h of req.headers) {
    const k = h[0].toLowerCase()
    if (k === 'host' || k === 'connection' || k === 'proxy' || set.has(k)) continue
    headers.push(h)
  }
  if (req.bodyBytes > 0 && !req.headers.some(([k]) => k.toLowerCase() === 'content-length')) headers.push(['Content-Length', String(req.bodyBytes)])
  const n = eps.endpoints.length
  return {
    ...base, kind: 'proxy', location: loc, upstream, endpoint, uri: target, method: req.method, headers,
    timeouts: { connect: cfg.connectTimeout, send: cfg.sendTimeout, read: cfg.readTimeout }, backendProtocol: cfg.backendProtocol,
    why: `${where}${rewriteWhy}; round robin over ${n} ready endpoint${n === 1 ? '' : 's'} of ${loc.backend.namespace}/${loc.backend.service} picks ${endpoint.ip}:${endpoint.port}`,
  }
}

/** The nginx location line of a decision, for display (`location = /foo`). */
export function decisionLocation(d: RouteDecision): string | undefined {
  return d.location ? locationDirective(d.location) : undefined
}
