// Route decisions (facts 6.1/6.2), error pages byte for byte, certificates, class selection and the status address.

import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { apply, deployment, service } from '../cluster/testutil.ts'
import type { Cluster } from '../cluster/types.ts'
import type { Ingress, KubeObject } from '../api/types.ts'
import { ingressControllers, classDecision } from './classes.ts'
import { buildModel, locationDirective } from './model.ts'
import { route, rewriteUri, type IngressRequest } from './route.ts'
import { errorPage } from './responses.ts'
import { parseCertificatePem, curlName, certDate } from './x509.ts'
import { accessLogLine } from './accesslog.ts'
import { FOO_BAR_CERT } from './testing.ts'

const CONTROLLER_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.12.3'
const b64 = (s: string) => btoa(s)

function controller(args: string[] = ['/nginx-ingress-controller', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx']): KubeObject {
  const d = deployment('ingress-nginx-controller', 1, [{ name: 'controller', image: CONTROLLER_IMAGE, args, ports: [{ containerPort: 80 }, { containerPort: 443 }] }], 'ingress-nginx')
  return d
}

function ing(name: string, spec: Ingress['spec'], annotations?: Record<string, string>): Ingress {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default', annotations }, spec: { ingressClassName: 'nginx', ...spec } }
}
const backend = (svc: string, port: number | string = 80) => ({ service: { name: svc, port: typeof port === 'number' ? { number: port } : { name: port } } })
const path = (p: string, pathType: string, svc: string) => ({ path: p, pathType, backend: backend(svc) })

function lab(...objs: KubeObject[]): Cluster {
  const c = createCluster({ seed: 7 })
  apply(c,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    controller(),
  )
  for (const app of ['svc1', 'svc2', 'svc3']) apply(c, deployment(app, 2, [{ name: 'echo', image: 'hashicorp/http-echo', args: [`-text=${app}`] }]), service(app, { app }, [{ port: 80, targetPort: 5678 }]))
  apply(c, ...objs)
  return c
}

const req = (host: string, p: string, extra: Partial<IngressRequest> = {}): IngressRequest =>
  ({ scheme: 'http', host, method: 'GET', path: p, headers: [['User-Agent', 'curl/8.5.0'], ['Accept', '*/*']], bodyBytes: 0, clientIP: '10.244.0.0', now: Date.UTC(2026, 0, 1), ...extra })

function go(c: Cluster, r: IngressRequest): string {
  const d = route(c.store, ingressControllers(c.store)[0], r)
  return d.kind === 'proxy' ? `${d.location!.backend!.service} ${d.uri}` : String(d.reply.status)
}

describe('ingress-nginx routing (facts 6.1, 6.2)', () => {
  it('path types and precedence, table from the Kubernetes docs', () => {
    const c = lab(
      ing('exact', { rules: [{ host: 'exact.com', http: { paths: [path('/foo', 'Exact', 'svc1')] } }] }),
      ing('prefix', { rules: [{ host: 'prefix.com', http: { paths: [path('/foo/', 'Prefix', 'svc1'), path('/aaa/bbb', 'Prefix', 'svc2'), path('/', 'Prefix', 'svc3')] } }] }),
      ing('mixed', { rules: [{ host: 'mixed.com', http: { paths: [path('/foo', 'Prefix', 'svc1'), path('/foo', 'Exact', 'svc2')] } }] }),
    )
    const table: [string, string, string][] = [
      ['exact.com', '/foo', 'svc1 /foo'], ['exact.com', '/bar', '404'], ['exact.com', '/foo/', '404'],
      ['prefix.com', '/foo/x', 'svc1 /foo/x'], ['prefix.com', '/aaa/bbb', 'svc2 /aaa/bbb'], ['prefix.com', '/aaa/bbb/ccc', 'svc2 /aaa/bbb/ccc'],
      ['prefix.com', '/aaa/bbbxyz', 'svc3 /aaa/bbbxyz'], ['prefix.com', '/ccc', 'svc3 /ccc'],
      ['mixed.com', '/foo', 'svc2 /foo'], ['mixed.com', '/foo/a', 'svc1 /foo/a'], ['mixed.com', '/food', '404'],
      ['unknown.com', '/', '404'],
    ]
    for (const [h, p, want] of table) expect(`${h}${p} -> ${go(c, req(h, p))}`).toBe(`${h}${p} -> ${want}`)
  })

  it('locations are written and ordered as ingress-nginx writes them', () => {
    const c = lab(ing('p', { rules: [{ host: 'a.com', http: { paths: [path('/foo', 'Prefix', 'svc1'), path('/foo/bar', 'Exact', 'svc2')] } }] }))
    const server = buildModel(c.store, ingressControllers(c.store)[0]).servers.find((s) => s.hostname === 'a.com')!
    expect(server.locations.map(locationDirective)).toEqual(['location = /foo/bar', 'location /foo/', 'location = /foo', 'location /'])
  })

  it('wildcard hosts match exactly one label', () => {
    const c = lab(ing('w', { rules: [{ host: '*.foo.com', http: { paths: [path('/', 'Prefix', 'svc1')] } }] }))
    expect(go(c, req('bar.foo.com', '/'))).toBe('svc1 /')
    expect(go(c, req('baz.bar.foo.com', '/'))).toBe('404')
    expect(go(c, req('foo.com', '/'))).toBe('404')
  })

  it('rewrite-target with capture groups and use-regex (docs/examples/rewrite)', () => {
    const c = lab(ing('rw', { rules: [{ host: 'rewrite.bar.com', http: { paths: [path('/something(/|$)(.*)', 'ImplementationSpecific', 'svc1')] } }] },
      { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }))
    expect(go(c, req('rewrite.bar.com', '/something'))).toBe('svc1 /')
    expect(go(c, req('rewrite.bar.com', '/something/'))).toBe('svc1 /')
    expect(go(c, req('rewrite.bar.com', '/something/new?x=1'))).toBe('svc1 /new?x=1')
    expect(rewriteUri('/api(/|$)(.*)', '/$2', '/API/v1', '')).toBe('/v1')
  })

  it('TLS: 308 to HTTPS by default, ssl-redirect false turns it off, the Secret certificate per SNI', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'foo-tls', namespace: 'default' },
      data: { 'tls.crt': b64(FOO_BAR_CERT), 'tls.key': b64('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n') } }
    const c = lab(secret as KubeObject,
      ing('tls', { tls: [{ hosts: ['foo.bar.com'], secretName: 'foo-tls' }], rules: [{ host: 'foo.bar.com', http: { paths: [path('/', 'Prefix', 'svc1')] } }] }),
      ing('plain', { tls: [{ hosts: ['www.bar.com'], secretName: 'foo-tls' }], rules: [{ host: 'www.bar.com', http: { paths: [path('/', 'Prefix', 'svc2')] } }] },
        { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }))
    const ctrl = ingressControllers(c.store)[0]
    const d = route(c.store, ctrl, req('foo.bar.com', '/app/'))
    expect(d.kind === 'reply' && [d.reply.status, d.reply.reason, d.reply.headers.find(([k]) => k === 'Location')?.[1]]).toEqual([308, 'Permanent Redirect', 'https://foo.bar.com/app'])
    expect(go(c, req('www.bar.com', '/'))).toBe('svc2 /')
    const s = route(c.store, ctrl, req('foo.bar.com', '/', { scheme: 'https', sni: 'foo.bar.com' }))
    expect(s.kind).toBe('proxy')
    expect(curlName(s.certificate!.cert.subject)).toBe('CN=foo.bar.com; O=foo.bar.com')
    const fake = route(c.store, ctrl, req('10.0.0.9', '/', { scheme: 'https' }))
    expect(curlName(fake.certificate!.cert.issuer)).toBe('O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate')
  })

  it('a host-less Ingress answers plain HTTP: the fake certificate of the catch-all server does not redirect; force-ssl-redirect does', () => {
    const c = lab(ing('any', { rules: [{ http: { paths: [path('/app', 'Prefix', 'svc1')] } }] }),
      ing('forced', { rules: [{ http: { paths: [path('/secure', 'Prefix', 'svc2')] } }] }, { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }))
    expect(go(c, req('172.18.0.3', '/app'))).toBe('svc1 /app')
    expect(go(c, req('172.18.0.3', '/secure'))).toBe('308')
  })

  it('413 over proxy-body-size, 503 without endpoints or Service, app-root 302', () => {
    const c = lab(
      ing('big', { rules: [{ host: 'b.com', http: { paths: [path('/', 'Prefix', 'svc1')] } }] }, { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' }),
      ing('gone', { rules: [{ host: 'g.com', http: { paths: [path('/', 'Prefix', 'nosuch')] } }] }),
      ing('root', { rules: [{ host: 'r.com', http: { paths: [path('/', 'Prefix', 'svc1')] } }] }, { 'nginx.ingress.kubernetes.io/app-root': '/app1' }),
    )
    expect(go(c, req('b.com', '/', { method: 'POST', bodyBytes: 8 * 1024 * 1024 }))).toBe('svc1 /')
    expect(go(c, req('b.com', '/', { method: 'POST', bodyBytes: 8 * 1024 * 1024 + 1 }))).toBe('413')
    const d = route(c.store, ingressControllers(c.store)[0], req('g.com', '/'))
    expect(d.kind === 'reply' && [d.reply.status, d.reply.reason, d.controllerLog]).toEqual([503, 'Service Temporarily Unavailable',
      'Error obtaining Endpoints for Service "default/nosuch": no object matching key "default/nosuch" in local store'])
    const r = route(c.store, ingressControllers(c.store)[0], req('r.com', '/'))
    expect(r.kind === 'reply' && [r.reply.status, r.reply.headers.find(([k]) => k === 'Location')?.[1]]).toEqual([302, 'http://r.com/app1'])
  })

  it('round robin over the ready endpoints, and the headers the backend receives', () => {
    const c = lab(ing('rr', { rules: [{ host: 'rr.com', http: { paths: [path('/', 'Prefix', 'svc1')] } }] }))
    const ctrl = ingressControllers(c.store)[0]
    const picks = [1, 2, 3, 4].map(() => { const d = route(c.store, ctrl, req('rr.com', '/')); return d.kind === 'proxy' ? d.endpoint.ip : '' })
    expect(new Set(picks).size).toBe(2)
    expect(picks[0]).toBe(picks[2])
    const d = route(c.store, ctrl, req('rr.com:8080', '/x'))
    expect(d.kind === 'proxy' && d.headers.map(([k]) => k)).toEqual(['Host', 'X-Request-ID', 'X-Real-IP', 'X-Forwarded-For', 'X-Forwarded-Host',
      'X-Forwarded-Port', 'X-Forwarded-Proto', 'X-Forwarded-Scheme', 'X-Scheme', 'User-Agent', 'Accept'])
    expect(d.kind === 'proxy' && d.timeouts).toEqual({ connect: 5, send: 60, read: 60 })
  })

  it('class selection: annotation, ingressClassName, --watch-ingress-without-class', () => {
    const c = lab()
    const ctrl = ingressControllers(c.store)[0]
    const mk = (spec: Partial<Ingress['spec']>, ann?: Record<string, string>): Ingress => ({ ...ing('x', { defaultBackend: backend('svc1') }, ann), spec: { defaultBackend: backend('svc1'), ...spec } })
    expect(classDecision(c.store, ctrl, mk({ ingressClassName: 'nginx' })).accepted).toBe(true)
    expect(classDecision(c.store, ctrl, mk({ ingressClassName: 'traefik' })).reason).toBe('IngressClass "traefik" does not exist')
    expect(classDecision(c.store, ctrl, mk({}, { 'kubernetes.io/ingress.class': 'nginx' })).accepted).toBe(true)
    expect(classDecision(c.store, ctrl, mk({})).accepted).toBe(false)
    expect(classDecision(c.store, { ...ctrl, watchWithoutClass: true }, mk({})).accepted).toBe(true)
  })

  it('status.loadBalancer.ingress: node IPs of ready controller pods, and the Sync event', () => {
    const c = lab(ing('addr', { rules: [{ host: 'a.com', http: { paths: [path('/', 'Prefix', 'svc1')] } }] }))
    const got = c.store.get('Ingress', 'default', 'addr') as Ingress
    const node = ingressControllers(c.store)[0].pod.spec.nodeName
    const ip = c.profile.nodes.find((n) => n.name === node)!.ip
    expect(got.status?.loadBalancer?.ingress).toEqual([{ ip }])
    const evs = (c.store.list('Event', 'default') as KubeObject[]).filter((e) => (e.involvedObject as { name: string }).name === 'addr').map((e) => `${e.reason} ${e.message}`)
    expect(evs).toEqual(['Sync Scheduled for sync'])
  })
})

describe('pages, certificates, log lines', () => {
  it('error pages are nginx special responses without a version', () => {
    expect(errorPage(404)).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n')
    expect(errorPage(404).length).toBe(146)
    expect(errorPage(302)).toContain('<title>302 Found</title>')
    expect(errorPage(503)).toContain('<h1>503 Service Temporarily Unavailable</h1>')
  })

  it('reads subject, issuer, SAN and dates from a real certificate', () => {
    const cert = parseCertificatePem(FOO_BAR_CERT)!
    expect(curlName(cert.subject)).toBe('CN=foo.bar.com; O=foo.bar.com')
    expect(cert.selfSigned).toBe(true)
    expect(cert.dnsNames).toEqual(['foo.bar.com', '*.bar.com'])
    expect(cert.ipAddresses).toEqual(['10.0.0.1'])
    expect(certDate(cert.notBefore)).toBe('Dec  6 04:11:09 2026 GMT')
    expect(certDate(cert.notAfter)).toBe('Dec  6 04:11:09 2027 GMT')
    expect(cert.serial).toBe('2D:6D:D8:27:84:13:92:6A:C0:A9:9B:64:D7:43:A8:81:18:30:5D:F7')
  })

  it('access log in the default log-format-upstream', () => {
    const c = lab(ing('log', { rules: [{ host: 'l.com', http: { paths: [path('/', 'Prefix', 'svc1')] } }] }))
    const r = req('l.com', '/')
    const d = route(c.store, ingressControllers(c.store)[0], r)
    if (d.kind !== 'proxy') throw new Error('expected proxy')
    expect(accessLogLine(r, d, 200, 5, { status: 200, bytes: 5, seconds: 0.001 })).toBe(
      `10.244.0.0 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8.5.0" 68 0.001 [default-svc1-80] [] ${d.endpoint.ip}:5678 5 0.001 200 ${d.requestId}`)
  })
})
