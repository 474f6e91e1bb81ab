// `nc`: `nc -zv HOST PORT` port checks (busybox and OpenBSD netcat texts), `-u`, `-w SECS`, and a plain
// connection that carries an HTTP request read from stdin (`printf 'GET / HTTP/1.0\r\n\r\n' | nc web 80`).

import type { Command } from '../types.ts'
import { NO_ENGINE, send, wait } from './engine.ts'
import { toolIn } from './images.ts'
import { gaiError, libcOf, resolveName } from './resolver.ts'

const SERVICES: Record<string, string> = { '22': 'ssh', '53': 'domain', '80': 'http', '443': 'https', '8080': 'http-alt', '2379': '*', '6443': '*' }

function parseHttp(stdin: string): { method: string; path: string; host?: string; headers: [string, string][] } | undefined {
  const lines = stdin.split(/\r?\n/)
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '')
  if (!m) return undefined
  const headers: [string, string][] = []
  let host: string | undefined
  for (const l of lines.slice(1)) {
    if (!l) break
    const c = l.indexOf(':')
    if (c <= 0) continue
    const k = l.slice(0, c).trim()
    const v = l.slice(c + 1).trim()
    if (k.toLowerCase() === 'host') host = v
    else headers.push([k, v])
  }
  return { method: m[1], path: m[2], host, headers }
}

export const nc: Command = (ctx) => {
  const tool = toolIn(ctx.cluster, ctx.host, 'nc')
  const busybox = tool?.name === 'nc' && tool.variant === 'busybox'
  let zero = false
  let verbose = false
  let udp = false
  let waitSecs: number | undefined
  const ops: string[] = []
  const a = ctx.args
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    if (x.startsWith('-') && x.length > 1) {
      for (let j = 1; j < x.length; j++) {
        const c = x[j]
        if (c === 'z') zero = true
        else if (c === 'v') verbose = true
        else if (c === 'u') udp = true
        else if (c === 'n' || c === '4') continue
        else if (c === 'w') {
          const v = j + 1 < x.length ? x.slice(j + 1) : a[++i]
          waitSecs = Number(v)
          break
        } else return { stdout: '', stderr: busybox ? `nc: invalid option -- '${c}'\n` : `nc: invalid option -- '${c}'\nusage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n`, exitCode: 1 }
      }
      continue
    }
    ops.push(x)
  }
  if (ops.length < 2) {
    return busybox
      ? { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n', exitCode: 1 }
      : { stdout: '', stderr: 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n', exitCode: 1 }
  }
  const [host, portText] = ops
  const port = Number(portText)
  const res = resolveName(ctx, host)
  if (!res.ok) return { stdout: '', stderr: busybox ? `nc: bad address '${host}'\n` : `nc: getaddrinfo for host "${host}" port ${portText}: ${gaiError(libcOf(ctx.cluster, ctx.host), res.error)}\n`, exitCode: 1 }
  const ip = res.ip
  const proto = udp ? 'udp' : 'tcp'
  const http = !zero && !udp ? parseHttp(ctx.stdin) : undefined
  const t = send(ctx, {
    to: ip, port, protocol: udp ? 'UDP' : 'TCP',
    ...(http ? { http: { method: http.method, path: http.path, host: http.host ?? host, headers: http.headers } } : {}),
  })
  if (!t) return { stdout: '', stderr: NO_ENGINE, exitCode: 1 }
  const svc = SERVICES[String(port)] ?? '*'
  if (t.verdict === 'refused' || t.verdict === 'rejected') {
    if (udp) return { stdout: '', stderr: !busybox && verbose ? `Connection to ${host} ${port} port [udp/${svc}] succeeded!\n` : '', exitCode: 0 }
    return { stdout: '', stderr: busybox ? `nc: ${host} (${ip}:${port}): Connection refused\n` : verbose ? `nc: connect to ${host} port ${port} (${proto}) failed: Connection refused\n` : '', exitCode: 1 }
  }
  if (t.verdict !== 'delivered' && !udp) {
    const ms = waitSecs !== undefined && waitSecs > 0 ? waitSecs * 1000 : 130_017
    wait(ctx.cluster, ms)
    if (busybox) return { stdout: '', stderr: `nc: ${host} (${ip}:${port}): Connection timed out\n`, exitCode: 1 }
    return { stdout: '', stderr: verbose ? (waitSecs ? `nc: connect to ${host} port ${port} (${proto}) timed out: Operation now in progress\n` : `nc: connect to ${host} port ${port} (${proto}) failed: Connection timed out\n`) : '', exitCode: 1 }
  }
  let stdout = ''
  if (http && t.response) {
    const r = t.response
    stdout = `HTTP/1.1 ${r.status} ${r.reason}\r\n` + r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n' + (http.method === 'HEAD' ? '' : r.body)
  }
  const note = verbose ? (busybox ? `${host} (${ip}:${port}) open\n` : `Connection to ${host} ${port} port [${proto}/${svc}] succeeded!\n`) : ''
  return { stdout, stderr: note, exitCode: 0 }
}
