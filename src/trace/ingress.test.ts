// Ingress flows through the whole trace: an outside client to a hostNetwork ingress-nginx controller on a node's
// 80/443 (and to a controller pod behind its NodePort), route() in the controller, the proxied leg to the chosen
// endpoint's pod IP, nginx's own pages (404/503/308/413/502/504), rewrite-target, TLS certificate by SNI.

import { describe, expect, it } from 'vitest'
import type { Cluster } from '../core/cluster/types.ts'
import type { Pod, Service } from '../core/api/types.ts'
import { ingressLab as lab } from './testing/ingress-lab.ts'
import { FOO_BAR_CERT_2025 as FOO_BAR_CERT } from '../core/ingress/testing.ts'
import { podLogs } from '../core/images/logs.ts'
import { trace } from './engine.ts'
import type { HttpRequestSpec, TlsRequest, Trace } from './types.ts'

const NODE01 = '172.18.0.3'
const send = (c: Cluster, to: string, port: number, http: Partial<HttpRequestSpec> & { host: string }, tls?: TlsRequest): Trace =>
  trace(c, { from: { kind: 'external', name: 'client' }, to, port, protocol: 'TCP', ...(tls ? { tls } : {}),
    http: { method: 'GET', path: '/', headers: [['User-Agent', 'curl/7.88.1'], ['Accept', '*/*']], ...http } })
/** which Deployment's pod answered, or nginx's own status */
const who = (t: Trace) => {
  const pod = t.upstream?.find((l) => l.status !== undefined)?.endpoint?.host
  return `${t.response?.status ?? t.verdict}${pod ? ` ${pod.split('/')[1].replace(/-[a-z0-9]+-[a-z0-9]+$/, '')}` : ''}`
}

describe('requests through the ingress controller, hop by hop', () => {
  const flows: [string, Partial<HttpRequestSpec> & { host: string }, string][] = [
    ['Prefix /foo', { host: 'foo.bar.com', path: '/foo/x' }, '308'], // foo.bar.com has TLS: plain HTTP is redirected
    ['a host without TLS: proxied', { host: 'www.bar.com', path: '/' }, '200 svc2'],
    ['no host matches: default backend', { host: 'nope.com', path: '/' }, '404'],
    ['no endpoints', { host: 'www.bar.com', path: '/empty' }, '503'],
    ['endpoint port without listener: connection refused', { host: 'www.bar.com', path: '/closed' }, '502'],
    ['backend accepts but never answers HTTP: read timeout', { host: 'www.bar.com', path: '/silent' }, '504'],
    ['body over proxy-body-size', { host: 'small.bar.com', method: 'POST', body: 'x'.repeat(11) }, '413'],
    ['rewrite-target', { host: 'rewrite.bar.com', path: '/something/new' }, '200 svc1'],
  ]
  for (const hostNetwork of [true, false]) {
    const c = lab(hostNetwork)
    const [to, port] = hostNetwork ? [NODE01, 80] : [NODE01, 30080]
    for (const [name, http, want] of flows) {
      it(`${hostNetwork ? 'hostNetwork' : 'NodePort'}: ${name} -> ${want}`, () => expect(who(send(c, to, port, http))).toBe(want))
    }
  }

  it('the hops: controller accepts on the node, location and why, the proxied leg to the pod IP, the reply', () => {
    const c = lab(true)
    const t = send(c, NODE01, 80, { host: 'rewrite.bar.com', path: '/something/new?x=1' })
    const route = t.hops.find((h) => h.ingress?.uri)!
    expect(route.where.host).toBe('node01')
    expect(route.ingress).toMatchObject({ server: 'rewrite.bar.com', location: 'location ~* "^/something(/|$)(.*)"', ingress: 'default/rw', upstream: 'default-svc1-80', uri: '/new?x=1' })
    expect(route.text).toContain('rewrite-target /$2 turns /something/new into /new')
    const leg = t.hops.filter((h) => h.leg === 'upstream')
    expect(leg[0].kind).toBe('send')
    expect(leg[0].before.dst).toBe(route.ingress!.endpoint!.split(':')[0])
    expect(leg.some((h) => h.kind === 'app' && h.text.includes('GET /new?x=1'))).toBe(true)
    expect(t.hops.findIndex((h) => h.leg === 'upstream')).toBeGreaterThan(t.hops.indexOf(route))
    expect(t.hops[t.hops.length - 1].text).toContain('client receives')
    expect(t.response?.body).toBe('svc1\n')
    expect(JSON.parse(JSON.stringify(t))).toEqual(t)
    // the backend saw the controller (the node's flannel.1 address), the controller saw the client
    expect(t.seenSource?.ip).toBe('172.18.0.5')
    expect(t.upstream![0].endpoint?.kind).toBe('pod')
  })

  it('504 and 502: retries over the endpoints, time spent, access log with every try', () => {
    const c = lab(true)
    const t = send(c, NODE01, 80, { host: 'www.bar.com', path: '/silent' })
    expect(t.upstream!.length).toBe(3)
    expect(t.elapsedMs).toBe(180_000)
    expect(t.response?.reason).toBe('Gateway Time-out')
    const r = send(c, NODE01, 80, { host: 'www.bar.com', path: '/closed' })
    expect(r.upstream!.map((l) => l.verdict)).toEqual(['refused', 'refused', 'refused'])
    const log = podLogs(c, (c.store.list('Pod', 'ingress-nginx') as Pod[])[0], 'controller') ?? ''
    expect(log).toMatch(/"GET \/closed HTTP\/1.1" 502 150 "-" "curl\/7.88.1" \d+ 0.000 \[default-closed-80\] \[\] (10\.244\.\d+\.\d+:9999, ){2}10\.244\.\d+\.\d+:9999 0, 0, 0 0.000, 0.000, 0.000 502, 502, 502 [0-9a-f]{32}/)
  })

  it('TLS: the Secret certificate by SNI, the fake certificate otherwise, HSTS, plain HTTP on 443 gets 400', () => {
    const c = lab(true)
    const ok = send(c, NODE01, 443, { host: 'foo.bar.com', path: '/foo' }, { sni: 'foo.bar.com', alpn: ['h2', 'http/1.1'] })
    expect([ok.tls?.secret, ok.tls?.alpn, ok.tls?.verify.code, who(ok)]).toEqual(['default/foo-tls', 'h2', 18, '200 svc1'])
    expect(ok.response?.headers).toContainEqual(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'])
    const fake = send(c, NODE01, 443, { host: 'foo.bar.com', path: '/foo' }, { alpn: ['http/1.1'] })
    expect(fake.tls?.secret).toBe('')
    expect(fake.tls?.certificate.subject.map((a) => a.value)).toEqual(['Acme Co', 'Kubernetes Ingress Controller Fake Certificate'])
    const trusted = send(c, NODE01, 443, { host: 'foo.bar.com', path: '/foo' }, { sni: 'foo.bar.com', alpn: ['h2'], verify: { host: 'foo.bar.com', cacerts: [FOO_BAR_CERT] } })
    expect([trusted.tls?.verify.code, trusted.tls?.rejected, who(trusted)]).toEqual([0, undefined, '200 svc1'])
    const rejected = send(c, NODE01, 443, { host: 'foo.bar.com', path: '/foo' }, { sni: 'foo.bar.com', alpn: ['h2'], verify: { host: 'foo.bar.com', cacerts: [] } })
    expect([rejected.tls?.rejected, rejected.response, rejected.upstream]).toEqual([true, undefined, undefined])
    const plain = send(c, NODE01, 443, { host: 'foo.bar.com' })
    expect([plain.response?.status, plain.response?.body.length]).toEqual([400, 248])
    const tlsOn80 = send(c, NODE01, 80, { host: 'foo.bar.com' }, { alpn: ['http/1.1'] })
    expect([tlsOn80.verdict, tlsOn80.tls, tlsOn80.response]).toEqual(['delivered', undefined, undefined])
  })

  it('a node without a controller refuses port 80; the NodePort reaches the controller pod from any node', () => {
    const c = lab(true)
    expect(send(c, '172.18.0.4', 80, { host: 'www.bar.com' }).verdict).toBe('refused')
    const np = lab(false)
    const svc = np.store.get('Service', 'ingress-nginx', 'ingress-nginx-controller') as Service
    expect(svc.spec.ports![0].nodePort).toBe(30080)
    expect(who(send(np, '172.18.0.4', 30080, { host: 'www.bar.com' }))).toBe('200 svc2')
    const ctrl = (np.store.list('Pod', 'ingress-nginx') as Pod[])[0]
    expect(send(np, '172.18.0.4', 30080, { host: 'www.bar.com' }).endpoint?.host).toBe(`ingress-nginx/${ctrl.metadata.name}`)
  })
})
