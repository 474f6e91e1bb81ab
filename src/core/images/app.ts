// What runs in a container: `appFor(pod, container)` says which ports the image's process listens on,
// how it answers an HTTP request, whether it exits promptly on SIGTERM, and (for shell images) what its
// command does. The shell and the trace engine ask this; they never guess from the image name themselves.

import type { Container, Pod } from '../api/types.ts'
import { parseImage, NGINX_VERSION, HTTPD_VERSION, type ImageInfo } from './catalogue.ts'
import { planCommand, type RunEnv, type RunPlan } from './command.ts'
import { HTTPD_IT_WORKS, HTTPD_NOT_FOUND, NGINX_WELCOME, nginxError } from './pages.ts'
import { corednsPlan } from '../dns/process.ts'

export interface ListenPort { port: number; protocol: 'TCP' | 'UDP' }

export interface HttpRequest {
  method: string
  /** path with query: `/`, `/index.html?x=1` */
  path: string
  /** Host header value */
  host: string
  /** other request headers in the order sent (User-Agent, Accept ...) */
  headers: [string, string][]
  /** the client address as the server sees it: `10.244.2.1:43512` */
  remoteAddr: string
  /** virtual time of the request (ms) */
  now: number
}

export interface HttpReply {
  status: number
  reason: string
  headers: [string, string][]
  body: string
}

export interface App {
  image: ImageInfo
  /** the lab does not know this image and simulates a generic server on its declared ports */
  simulated: boolean
  listens: ListenPort[]
  /** the HTTP reply on `port`, or undefined when nothing there speaks HTTP */
  http(port: number, req: HttpRequest): HttpReply | undefined
  /** PID 1 exits promptly on SIGTERM (else the pod stays Terminating for its grace period) */
  exitsOnSigterm: boolean
  /** for command-running images: what the command does (RunEnv supplied by the caller) */
  plan?(env: RunEnv): RunPlan
  /** the argv the container runs */
  argv: string[]
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const p2 = (n: number) => String(n).padStart(2, '0')

/** RFC 7231 date: `Thu, 01 Jan 2026 00:00:00 GMT` */
export function httpDate(ms: number): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`
}

/** UTF-8 length (Content-Length) */
export function byteLength(s: string): number {
  let n = 0
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
  }
  return n
}

/** The nginx version an image tag stands for (`nginx:1.14.2` -> 1.14.2, `nginx` -> the lab's latest). */
export function nginxVersion(img: ImageInfo): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(img.tag)
  if (!m) return NGINX_VERSION
  if (m[3] !== undefined) return `${m[1]}.${m[2]}.${m[3]}`
  return `${m[1]}.${m[2]}.${NGINX_LATEST_PATCH[`${m[1]}.${m[2]}`] ?? 0}`
}
const NGINX_LATEST_PATCH: Record<string, number> = { '1.14': 2, '1.16': 1, '1.18': 0, '1.19': 10, '1.20': 2, '1.21': 6, '1.22': 1, '1.23': 4, '1.24': 0, '1.25': 5, '1.26': 3, '1.27': 3 }

function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    for (const pre of [`-${name}=`, `--${name}=`]) if (a.startsWith(pre)) return a.slice(pre.length)
    if ((a === `-${name}` || a === `--${name}`) && i + 1 < args.length) return args[i + 1]
  }
  return undefined
}

function declaredPorts(c: Container): ListenPort[] {
  return (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: (p.protocol === 'UDP' ? 'UDP' : 'TCP') as 'TCP' | 'UDP' }))
}

function reply(status: number, reason: string, headers: [string, string][], body: string): HttpReply {
  return { status, reason, headers, body }
}

/** The image's default entrypoint + cmd, as its Dockerfile sets them. */
function defaultArgv(img: ImageInfo): string[] {
  switch (img.kind) {
    case 'nginx': return ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']
    case 'httpd': return ['httpd-foreground']
    case 'whoami': return ['/whoami']
    case 'http-echo': return ['/http-echo']
    case 'curl': return ['/entrypoint.sh', 'curl']
    case 'shell': return img.repository.endsWith('/ubuntu') || img.repository.endsWith('/centos') ? ['/bin/bash'] : ['sh']
    default: return []
  }
}

export function effectiveArgv(c: Container, img: ImageInfo): string[] {
  const def = defaultArgv(img)
  if (c.command?.length) return [...c.command, ...(c.args ?? [])]
  if (c.args?.length) {
    // args replace the image CMD; the ENTRYPOINT stays
    if (img.kind === 'nginx') return ['/docker-entrypoint.sh', ...c.args]
    if (img.kind === 'whoami' || img.kind === 'http-echo') return [def[0], ...c.args]
    if (img.kind === 'curl') return ['/entrypoint.sh', ...c.args]
    return [...c.args]
  }
  return def
}

/** an app that serves no HTTP (module-level: one function, not one per container) */
const none = (): undefined => undefined

/** nginx's replies on its port (built by a helper so each container's closure stays anonymous and cheap) */
function nginxHttp(version: string, port: number): App['http'] {
  return (p, req) => {
    if (p !== port) return undefined
    const path = req.path.split('?')[0]
    const common: [string, string][] = [['Server', `nginx/${version}`], ['Date', httpDate(req.now)]]
    if (path === '/' || path === '/index.html') {
      return reply(200, 'OK', [...common, ['Content-Type', 'text/html'], ['Content-Length', '615'],
        ['Last-Modified', 'Tue, 26 Nov 2024 15:55:00 GMT'], ['Connection', 'keep-alive'], ['ETag', '"6745ef54-267"'], ['Accept-Ranges', 'bytes']], NGINX_WELCOME)
    }
    const body = nginxError(404, 'Not Found', version)
    return reply(404, 'Not Found', [...common, ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ['Connection', 'keep-alive']], body)
  }
}

export function appFor(pod: Pod, c: Container): App {
  const image = parseImage(c.image ?? '')
  const argv = effectiveArgv(c, image)
  const args = argv.slice(1)
  const base: Omit<App, 'listens' | 'http'> = { image, simulated: false, exitsOnSigterm: true, argv }
  switch (image.kind) {
    case 'nginx': {
      const version = nginxVersion(image)
      const port = image.repository.endsWith('nginx-unprivileged') ? 8080 : 80
      return { ...base, listens: [{ port, protocol: 'TCP' }], http: nginxHttp(version, port) }
    }
    case 'httpd':
      return {
        ...base, listens: [{ port: 80, protocol: 'TCP' }],
        http: (p, req) => {
          if (p !== 80) return undefined
          const path = req.path.split('?')[0]
          const common: [string, string][] = [['Date', httpDate(req.now)], ['Server', `Apache/${HTTPD_VERSION} (Unix)`]]
          if (path === '/' || path === '/index.html') {
            return reply(200, 'OK', [...common, ['Last-Modified', 'Mon, 11 Jun 2007 18:53:14 GMT'], ['ETag', '"2d-432a5e4a73a80"'],
              ['Accept-Ranges', 'bytes'], ['Content-Length', '45'], ['Content-Type', 'text/html']], HTTPD_IT_WORKS)
          }
          return reply(404, 'Not Found', [...common, ['Content-Length', String(byteLength(HTTPD_NOT_FOUND))], ['Content-Type', 'text/html; charset=iso-8859-1']], HTTPD_NOT_FOUND)
        },
      }
    case 'whoami': {
      const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? '']))
      const port = Number(flagValue(args, 'port') ?? env.WHOAMI_PORT_NUMBER ?? 80) || 80
      return {
        ...base, listens: [{ port, protocol: 'TCP' }],
        http: (p, req) => {
          if (p !== port) return undefined
          const ips = ['127.0.0.1', '::1', pod.status?.podIP ?? '', 'fe80::' + ipSuffix(pod.status?.podIP ?? '')].filter((x) => x !== 'fe80::')
          const hdrs = [...req.headers].filter(([k]) => k.toLowerCase() !== 'host')
          const ua = hdrs.filter(([k]) => k.toLowerCase() === 'user-agent')
          const rest = hdrs.filter(([k]) => k.toLowerCase() !== 'user-agent').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          const lines = [
            `Hostname: ${pod.spec.hostname ?? pod.metadata.name}`, ...ips.map((ip) => `IP: ${ip}`), `RemoteAddr: ${req.remoteAddr}`,
          ]
          const wire = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${req.host}`, ...ua.map(([k, v]) => `${k}: ${v}`), ...rest.map(([k, v]) => `${k}: ${v}`)]
          const body = lines.join('\n') + '\n' + wire.join('\r\n') + '\r\n\r\n'
          return reply(200, 'OK', [['Date', httpDate(req.now)], ['Content-Length', String(byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8']], body)
        },
      }
    }
    case 'http-echo': {
      const text = flagValue(args, 'text') ?? ''
      const listen = flagValue(args, 'listen') ?? ':5678'
      const port = Number(listen.split(':').pop()) || 5678
      return {
        ...base, listens: [{ port, protocol: 'TCP' }],
        http: (p, req) => {
          if (p !== port) return undefined
          const body = text + '\n'
          return reply(200, 'OK', [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0'], ['Date', httpDate(req.now)],
            ['Content-Length', String(byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8']], body)
        },
      }
    }
    case 'shell': case 'curl':
      return {
        ...base, listens: declaredPorts(c).filter((p) => /httpd|nc /.test(argv.join(' '))), http: none, exitsOnSigterm: false,
        plan: (env) => {
          if (image.kind === 'curl' && argv[0] === '/entrypoint.sh') {
            const a = argv.slice(1)
            if (a.length === 1 && a[0] === 'curl') return { forever: false, seconds: 0, exitCode: 2, output: ["curl: try 'curl --help' or 'curl --manual' for more information"], ignoresSigterm: false }
            return planCommand(a, env)
          }
          return planCommand(argv, env)
        },
      }
    case 'coredns':
      return {
        ...base, exitsOnSigterm: false,
        // a Corefile CoreDNS cannot load makes the process exit 1 with its error line (then CrashLoopBackOff)
        plan: (env) => corednsPlan(argv, env),
        listens: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153, protocol: 'TCP' }, { port: 8080, protocol: 'TCP' }, { port: 8181, protocol: 'TCP' }],
        http: (p, req) => (p === 8080 && req.path === '/health') || (p === 8181 && req.path === '/ready')
          ? reply(200, 'OK', [['Date', httpDate(req.now)], ['Content-Length', '2'], ['Content-Type', 'text/plain; charset=utf-8']], 'OK')
          : undefined,
      }
    case 'ingress-nginx':
      // 80/443 route through src/core/ingress (route()), which the trace calls for these ports; here only the
      // health endpoint the probes use: 10254 /healthz answers 200 "ok"
      return {
        ...base, listens: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }, { port: 10254, protocol: 'TCP' }],
        http: (p, req) => p === 10254 && req.path.split('?')[0] === '/healthz'
          ? reply(200, 'OK', [['Content-Type', 'text/plain; charset=utf-8'], ['Date', httpDate(req.now)], ['Content-Length', '2']], 'ok')
          : undefined,
      }
    case 'certgen':
      // kube-webhook-certgen create|patch: one API call (controller/job/certgen.ts makes it), then exit 0
      return { ...base, listens: [], http: none, plan: () => ({ forever: false, seconds: 1, exitCode: 0, output: [], ignoresSigterm: false }) }
    case 'component':
      return { ...base, listens: declaredPorts(c), http: none }
    default:
      return {
        ...base, simulated: true, listens: declaredPorts(c),
        http: (p, req) => {
          if (!declaredPorts(c).some((d) => d.port === p && d.protocol === 'TCP')) return undefined
          const body = `kubelab: simulated reply from image "${c.image}" (pod ${pod.metadata.name}, port ${p})\n`
          return reply(200, 'OK', [['Date', httpDate(req.now)], ['Content-Length', String(byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8']], body)
        },
      }
  }
}

function ipSuffix(ip: string): string {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4) return ''
  return `${((parts[0] ^ 0x02) << 8 | parts[1]).toString(16)}:${(parts[2] << 8 | 0xff).toString(16)}:fe${parts[2].toString(16).padStart(2, '0')}:${(parts[3] << 8 | parts[3]).toString(16)}`
}
