import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import { apply } from '../cluster/testutil.ts'
import type { Container, Pod } from '../api/types.ts'
import { appFor, byteLength, type HttpRequest } from './app.ts'
import { defaultPullPolicy, parseImage } from './catalogue.ts'
import { podLogs } from './logs.ts'
import { NGINX_WELCOME } from './pages.ts'

const pod = (c: Container): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [c] },
  status: { podIP: '10.244.1.7', hostIP: '172.18.0.3' },
})
const req: HttpRequest = { method: 'GET', path: '/', host: '10.96.0.20', headers: [['User-Agent', 'curl/8.11.1'], ['Accept', '*/*']], remoteAddr: '10.244.2.5:43512', now: Date.UTC(2026, 0, 1) }

describe('image catalogue', () => {
  it('normalises references as containerd does', () => {
    expect(parseImage('nginx').canonical).toBe('docker.io/library/nginx:latest')
    expect(parseImage('traefik/whoami:v1.10').canonical).toBe('docker.io/traefik/whoami:v1.10')
    expect(parseImage('registry.k8s.io/coredns/coredns:v1.11.3')).toMatchObject({ kind: 'coredns', canonical: 'registry.k8s.io/coredns/coredns:v1.11.3' })
    expect(parseImage('nginx').imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(defaultPullPolicy('nginx')).toBe('Always')
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent')
  })
})

describe('appFor', () => {
  it('nginx serves its welcome page (615 bytes) on 80 and 404s elsewhere', () => {
    const app = appFor(pod({ name: 'n', image: 'nginx' }), { name: 'n', image: 'nginx' })
    expect(app.listens).toEqual([{ port: 80, protocol: 'TCP' }])
    const r = app.http(80, req)!
    expect(r.status).toBe(200)
    expect(r.body).toBe(NGINX_WELCOME)
    expect(byteLength(r.body)).toBe(615)
    expect(r.headers.slice(0, 2)).toEqual([['Server', 'nginx/1.27.3'], ['Date', 'Thu, 01 Jan 2026 00:00:00 GMT']])
    expect(app.http(80, { ...req, path: '/nope' })!.status).toBe(404)
    expect(app.http(8080, req)).toBeUndefined()
  })
  it('httpd answers It works!', () => {
    const app = appFor(pod({ name: 'h', image: 'httpd:2.4' }), { name: 'h', image: 'httpd:2.4' })
    expect(app.http(80, req)!.body).toBe('<html><body><h1>It works!</h1></body></html>\n')
  })
  it('whoami prints hostname, IPs, remote address and the request', () => {
    const c = { name: 'w', image: 'traefik/whoami' }
    const body = appFor(pod(c), c).http(80, req)!.body
    expect(body.split('\n').slice(0, 3)).toEqual(['Hostname: p', 'IP: 127.0.0.1', 'IP: ::1'])
    expect(body).toContain('IP: 10.244.1.7\n')
    expect(body).toContain('RemoteAddr: 10.244.2.5:43512\nGET / HTTP/1.1\r\nHost: 10.96.0.20\r\nUser-Agent: curl/8.11.1\r\nAccept: */*\r\n\r\n')
  })
  it('http-echo echoes -text on -listen (default 5678)', () => {
    const c1 = { name: 'e', image: 'hashicorp/http-echo', args: ['-text=hello world'] }
    expect(appFor(pod(c1), c1).http(5678, req)!.body).toBe('hello world\n')
    const c2 = { name: 'e', image: 'hashicorp/http-echo', args: ['-listen=:8080', '-text', 'bar'] }
    expect(appFor(pod(c2), c2).listens).toEqual([{ port: 8080, protocol: 'TCP' }])
  })
  it('unknown images are simulated on their declared ports', () => {
    const c = { name: 'x', image: 'example/app:1', ports: [{ containerPort: 3000 }] }
    const app = appFor(pod(c), c)
    expect(app.simulated).toBe(true)
    expect(app.http(3000, req)!.body).toContain('kubelab: simulated reply')
  })
})

describe('podLogs', () => {
  it('prints nginx start-up lines with the container start time', () => {
    const cl = createCluster({ seed: 41 })
    apply(cl, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } })
    const text = podLogs(cl, cl.store.get('Pod', 'default', 'web') as Pod)!
    const lines = text.split('\n')
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration')
    expect(lines[8]).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up')
    expect(lines[9]).toBe('2026/01/01 00:00:00 [notice] 1#1: using the "epoll" event method')
    expect(lines[10]).toBe('2026/01/01 00:00:00 [notice] 1#1: nginx/1.27.3')
  })
  it('grows a `while true` loop with virtual time and prints ConfigMap files', () => {
    const cl = createCluster({ seed: 42 })
    apply(cl,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'port=8080\n' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loop', namespace: 'default' }, spec: {
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'cat /etc/cfg/app.conf; while true; do echo tick; sleep 5; done'], volumeMounts: [{ name: 'v', mountPath: '/etc/cfg' }] }],
        volumes: [{ name: 'v', configMap: { name: 'cfg' } }],
      } })
    const p = () => cl.store.get('Pod', 'default', 'loop') as Pod
    expect(podLogs(cl, p())).toBe('port=8080\ntick\n')
    cl.advance(10_000)
    expect(podLogs(cl, p())).toBe('port=8080\ntick\ntick\ntick\n')
  })
})
