// A request delivered to the ingress-nginx controller's 80/443 (its pod, or the node of a hostNetwork
// controller): the TLS handshake (certificate by SNI, the client's verdict on it), route() in src/core/ingress
// (server, location, why), then the proxied leg: the controller opens its own connection to the chosen endpoint's
// pod IP, traced like any packet through the controller node's netfilter and routing (no ClusterIP), with
// ingress-nginx's retries (proxy-next-upstream "error timeout", 3 tries): 502 when connecting fails, 504 after the
// connect/read timeout; the backend's reply passed back with proxiedReply(); the access-log line appended.

import type { Cluster } from '../core/cluster/types.ts'
import type { Netns } from '../core/node/types.ts'
import type { HttpReply } from '../core/images/app.ts'
import { byteLength } from '../core/images/app.ts'
import { controllerOf, type IngressController } from '../core/ingress/classes.ts'
import { buildModel, locationDirective } from '../core/ingress/model.ts'
import { route, type IngressRequest, type ProxyDecision, type RouteDecision } from '../core/ingress/route.ts'
import { nginxReply, plainHttpToHttpsReply, proxiedReply } from '../core/ingress/responses.ts'
import { certificateForSni } from '../core/ingress/tls.ts'
import { logRequest, type UpstreamTry } from '../core/ingress/accesslog.ts'
import { balancerFor, upstreamEndpoints, type UpstreamEndpoint } from '../core/ingress/upstream.ts'
import { parseCertificatePem, curlName, type CertInfo } from '../core/ingress/x509.ts'
import { verifyChain, verifyHost } from '../core/ingress/verify.ts'
import type { Hop, HostRef, IngressHop, Packet, TlsSession, Trace, TraceRequest, UpstreamLeg } from './types.ts'
import type { Socket } from './deliver.ts'
import { ep, makeHop, whereOf, type HopCounters } from './hops.ts'

/** ingress-nginx's defaults: --http-port 80, --https-port 443; proxy-next-upstream-tries 3 */
export const HTTP_PORT = 80
export const HTTPS_PORT = 443
const NEXT_UPSTREAM_TRIES = 3
/** ingress-nginx's ssl-protocols "TLSv1.2 TLSv1.3" and OpenSSL's first TLS 1.3 suite */
const TLS_PROTOCOL = 'TLSv1.3'
const TLS_CIPHER = 'TLS_AES_256_GCM_SHA384'

/** Does this socket belong to an ingress-nginx controller's HTTP or HTTPS listener? */
export function isIngressListener(sock: Socket, port: number): boolean {
  return sock.app?.image.kind === 'ingress-nginx' && (port === HTTP_PORT || port === HTTPS_PORT) && !!sock.pod
}

/** What the engine needs from its run to splice the controller's work into the trace. */
export interface IngressRun {
  cluster: Cluster
  now: number
  req: TraceRequest
  c: HopCounters
  /** trace one connection of the controller's own (a fresh run sharing the kernel state) */
  connect(from: HostRef, request: Omit<TraceRequest, 'from'>): Trace
  accessLog: boolean
}

export interface IngressOutcome {
  /** hops that happen at the controller after it accepted (TLS, routing, the upstream legs, the answer) */
  hops: Hop[]
  response?: Trace['response']
  tls?: TlsSession
  upstream?: UpstreamLeg[]
  elapsedMs: number
}

/** The trust anchors of a verifying client: its --cacert file's certificates (the lab's system store signs nothing here). */
function trustOf(pems: string[]): CertInfo[] {
  const out: CertInfo[] = []
  for (const pem of pems) {
    for (const block of pem.split(/(?=-----BEGIN CERTIFICATE-----)/)) {
      const c = parseCertificatePem(block)
      if (c) out.push(c)
    }
  }
  return out
}

function refOf(ns: Netns): HostRef {
  if (ns.kind === 'pod') {
    const i = ns.name.indexOf('/')
    return { kind: 'pod', namespace: ns.name.slice(0, i), name: ns.name.slice(i + 1) }
  }
  return { kind: 'node', name: ns.name }
}

/** The controller's side of one delivered connection. `pkt` is the packet as the controller received it. */
export function serveIngress(run: IngressRun, ns: Netns, pkt: Packet, sock: Socket, seen: { ip: string; port: number }): IngressOutcome {
  const out: IngressOutcome = { hops: [], elapsedMs: 0 }
  const ctrl = sock.pod ? controllerOf(sock.pod) : undefined
  if (!ctrl) return out
  const name = `${ctrl.pod.metadata.namespace}/${ctrl.pod.metadata.name}`
  const hop = (text: string, extra: Partial<Hop> = {}) => out.hops.push(makeHop('app', whereOf(ns), pkt, pkt, run.c, text, extra))
  const https = pkt.dport === HTTPS_PORT
  const model = buildModel(run.cluster.store, ctrl)
  const tlsReq = run.req.tls
  let h2 = false
  if (https && tlsReq) {
    const served = certificateForSni(model.certs, tlsReq.sni, model.defaultCert)
    const alpn = tlsReq.alpn.includes('h2') ? 'h2' : tlsReq.alpn.includes('http/1.1') ? 'http/1.1' : ''
    h2 = alpn === 'h2'
    const v = tlsReq.verify
    const chain = verifyChain(served.cert, v ? trustOf(v.cacerts) : [], run.now)
    const tls: TlsSession = { protocol: TLS_PROTOCOL, cipher: TLS_CIPHER, alpn, certificate: served.cert, secret: served.secret, verify: chain }
    out.tls = tls
    const whose = served.secret ? `the certificate of Secret ${served.secret}` : 'its default certificate (no TLS host matches)'
    const sni = tlsReq.sni ? `SNI ${tlsReq.sni}` : 'no SNI (the client connected to an IP address)'
    hop(`TLS handshake with ${name}: ${sni}, nginx presents ${whose}: ${curlName(served.cert.subject)}${alpn ? `; ALPN ${alpn}` : ''}`)
    if (v) {
      const host = verifyHost(served.cert, v.host)
      if (chain.code !== 0 || !host.ok) {
        tls.rejected = true
        const why = chain.code !== 0 ? `${chain.text} (${chain.code})` : `no certificate name matches ${v.host}`
        hop(`the client rejects the certificate: ${why}; it sends a TLS alert and closes, no request is sent`)
        return out
      }
    }
  } else if (https && run.req.http) {
    // plain HTTP on the TLS port: nginx's 400 "The plain HTTP request was sent to HTTPS port"
    const reply = plainHttpToHttpsReply(run.now)
    hop(`nginx in ${name} reads a plain HTTP request on its TLS port ${pkt.dport}: 400 The plain HTTP request was sent to HTTPS port`, { ingress: { controller: name, server: '_', upstream: '', status: 400, why: 'plain HTTP on the HTTPS port' } })
    out.response = toResponse(reply)
    return out
  } else if (!https && tlsReq) {
    hop(`nginx in ${name} gets a TLS ClientHello on its plain HTTP port ${pkt.dport}: it answers 400 Bad Request in clear text, which the client's TLS cannot read`)
    return out
  }
  const http = run.req.http
  if (!http) return out
  const ireq: IngressRequest = {
    scheme: https ? 'https' : 'http', host: http.host, ...(tlsReq?.sni ? { sni: tlsReq.sni } : {}), method: http.method, path: http.path,
    headers: http.headers, bodyBytes: http.body ? byteLength(http.body) : 0, clientIP: seen.ip, serverPort: pkt.dport, now: run.now,
    ...(h2 ? { protocol: 'HTTP/2.0' as const } : {}),
  }
  const d = route(run.cluster.store, ctrl, ireq, model)
  const info = ingressHop(name, d)
  if (d.kind === 'reply') {
    info.status = d.reply.status
    hop(`nginx in ${name}: ${d.why}`, { ingress: info })
    out.response = toResponse(d.reply)
    if (run.accessLog) logRequest(run.cluster, ctrl, ireq, d, d.reply.status, bodySent(http.method, d.reply))
    return out
  }
  hop(`nginx in ${name}: ${d.why}${d.uri !== http.path ? ` (upstream URI ${d.uri})` : ''}`, { ingress: info })
  proxy(run, ns, ctrl, name, ireq, d, https, out, hop)
  return out
}

function ingressHop(controller: string, d: RouteDecision): IngressHop {
  const h: IngressHop = { controller, server: d.server.hostname, upstream: d.upstream, why: d.why }
  if (d.location) h.location = locationDirective(d.location)
  if (d.location?.ingress) h.ingress = d.location.ingress
  if (d.kind === 'proxy') {
    h.endpoint = ep(d.endpoint.ip, d.endpoint.port)
    h.uri = d.uri
  }
  return h
}

const toResponse = (r: HttpReply): Trace['response'] => ({ status: r.status, reason: r.reason, headers: r.headers, body: r.body })
const bodySent = (method: string, r: HttpReply) => (method === 'HEAD' ? 0 : byteLength(r.body))

/** The proxied leg(s): one traced connection per try, then the answer the client gets. */
function proxy(run: IngressRun, ns: Netns, ctrl: IngressController, name: string, ireq: IngressRequest, d: ProxyDecision, https: boolean,
  out: IngressOutcome, hop: (text: string, extra?: Partial<Hop>) => void): void {
  const from = refOf(ns)
  const tries: UpstreamTry[] = []
  const legs: UpstreamLeg[] = []
  let endpoint: UpstreamEndpoint = d.endpoint
  let answer: HttpReply | undefined
  let lastStatus = 502
  for (let i = 0; i < NEXT_UPSTREAM_TRIES; i++) {
    const host = d.headers.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? ireq.host
    const t = run.connect(from, {
      to: endpoint.ip, port: endpoint.port, protocol: 'TCP',
      http: { method: d.method, path: d.uri, host, headers: d.headers.filter(([k]) => k.toLowerCase() !== 'host') },
    })
    for (const h of t.hops) out.hops.push({ ...h, leg: 'upstream', rulesEvaluated: h.rulesEvaluated + run.c.rules, ipvsLookups: h.ipvsLookups + run.c.ipvs })
    const addr = ep(endpoint.ip, endpoint.port)
    const leg: UpstreamLeg = { to: addr, verdict: t.verdict, ...(t.reason ? { reason: t.reason } : {}), ...(t.endpoint ? { endpoint: t.endpoint } : {}) }
    legs.push(leg)
    if (t.verdict === 'delivered' && t.response) {
      leg.status = t.response.status
      const r = t.response
      tries.push({ addr, status: r.status, bytes: d.method === 'HEAD' ? 0 : byteLength(r.body), seconds: 0.001 })
      answer = proxiedReply({ status: r.status, reason: r.reason, headers: r.headers, body: r.body }, run.now + out.elapsedMs, https)
      break
    }
    let status: number, wait: number, why: string
    if (t.verdict === 'delivered') {
      status = 504; wait = d.timeouts.read * 1000
      why = `upstream timed out (110: Connection timed out) while reading response header from upstream: ${addr} accepted the connection but sent no HTTP reply within proxy-read-timeout ${d.timeouts.read}s`
    } else if (t.verdict === 'timeout' || t.verdict === 'dropped') {
      status = 504; wait = d.timeouts.connect * 1000
      why = `upstream timed out (110: Connection timed out) while connecting to upstream: no answer from ${addr} within proxy-connect-timeout ${d.timeouts.connect}s`
    } else {
      status = 502; wait = 0
      why = `connect() failed (${t.verdict === 'refused' ? '111: Connection refused' : '113: No route to host'}) while connecting to upstream ${addr}`
    }
    out.elapsedMs += wait
    lastStatus = status
    tries.push({ addr, status, bytes: 0, seconds: wait / 1000 })
    const more = i + 1 < NEXT_UPSTREAM_TRIES
    const next = more ? nextEndpoint(run, ctrl, d) : undefined
    hop(`nginx in ${name}: ${why}${next ? `; proxy-next-upstream tries ${next.ip}:${next.port} (try ${i + 2} of ${NEXT_UPSTREAM_TRIES})` : ''}`)
    if (!next) break
    endpoint = next
  }
  out.upstream = legs
  const reply = answer ?? nginxReply(lastStatus, run.now + out.elapsedMs, https)
  const info: IngressHop = { controller: name, server: d.server.hostname, upstream: d.upstream, status: reply.status, why: '' }
  info.why = answer
    ? `passes ${reply.status} ${reply.reason} from ${tries[tries.length - 1].addr} back to the client (Date replaced, hop-by-hop headers dropped${https ? ', HSTS added' : ''})`
    : `every try failed: nginx answers ${reply.status} ${reply.reason}`
  hop(`nginx in ${name} ${info.why}`, { ingress: info })
  out.response = toResponse(reply)
  if (run.accessLog) {
    const last = tries[tries.length - 1]
    const up = { status: last.status, bytes: last.bytes, seconds: tries.reduce((s, x) => s + x.seconds, 0), tries }
    logRequest(run.cluster, ctrl, { ...ireq, now: run.now + out.elapsedMs }, d, reply.status, bodySent(ireq.method, reply), up)
  }
}

/** the balancer's next pick for a retry (the endpoint list re-read, round robin goes on) */
function nextEndpoint(run: IngressRun, ctrl: IngressController, d: ProxyDecision): UpstreamEndpoint | undefined {
  if (!d.location?.backend) return undefined
  const eps = upstreamEndpoints(run.cluster.store, d.location.backend)
  if ('error' in eps || !eps.endpoints.length) return undefined
  return balancerFor(run.cluster.store, ctrl.pod.metadata.uid ?? ctrl.pod.metadata.name).pick(d.upstream, eps.endpoints)
}
