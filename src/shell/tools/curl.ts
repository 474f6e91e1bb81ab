// `curl`: options, name resolution (stub resolver, --resolve), one traced connection per URL, and curl's output:
// the body, -I/-i headers, -v lines, -w, -o, the progress meter when stdout is not a terminal, and its errors.

import { utf8Length } from '../fs.ts'
import type { Command, CommandContext, CommandResult } from '../types.ts'
import type { TlsRequest, Trace } from '../../trace/types.ts'
import { fnv32a } from '../../core/controller/hash.ts'
import { alpnOffer, caLines, h2Headers, h2RequestLines, openssl, SSLCERTS_HELP, ticketLines, tlsVerbose } from './curl-tls.ts'
import { primaryIP } from './access.ts'
import { crossedNodes, NO_ENGINE, send, wait } from './engine.ts'
import { toolIn } from './images.ts'
import { resolveName } from './resolver.ts'
import { hostHeader, parseUrl, type ParsedUrl } from './url.ts'
import {
  closingLine, connectedLine, connectLines, CURL_TRY, failedToConnect, familyOfVersion, leftIntact, progressMeter, refusedVerbose, type CurlFamily,
} from './curl-text.ts'

export interface CurlOptions {
  silent: boolean
  showError: boolean
  verbose: boolean
  head: boolean
  include: boolean
  location: boolean
  fail: boolean
  insecure: boolean
  headers: string[]
  output?: string
  maxTime?: number
  connectTimeout?: number
  method?: string
  data?: string
  userAgent?: string
  resolve: string[]
  writeOut?: string
  /** --cacert FILE: the CA certificates to verify against */
  cacert?: string
  /** --http1.1: offer only http/1.1 in ALPN */
  http11: boolean
  urls: string[]
}

const BOOL: Record<string, keyof CurlOptions> = {
  s: 'silent', S: 'showError', v: 'verbose', I: 'head', i: 'include', L: 'location', f: 'fail', k: 'insecure',
}
const LONG_BOOL: Record<string, keyof CurlOptions | ''> = {
  silent: 'silent', 'show-error': 'showError', verbose: 'verbose', head: 'head', include: 'include', location: 'location',
  fail: 'fail', insecure: 'insecure', 'http1.1': 'http11', http2: '', ipv4: '', 'no-progress-meter': '', compressed: '', 'no-buffer': '',
}
const SHORT_VALUE = new Set(['H', 'o', 'm', 'X', 'd', 'A', 'w', 'u', 'e'])
const LONG_VALUE: Record<string, string> = {
  header: 'H', output: 'o', 'max-time': 'm', request: 'X', data: 'd', 'data-raw': 'd', 'user-agent': 'A', 'write-out': 'w',
  user: 'u', referer: 'e', resolve: 'resolve', cacert: 'cacert', 'connect-timeout': 'connect-timeout', noproxy: 'noproxy',
}

export type ParsedCurl = { ok: true; opts: CurlOptions; noProgress: boolean } | { ok: false; result: CommandResult }

export function parseCurlArgs(args: readonly string[]): ParsedCurl {
  const o: CurlOptions = { silent: false, showError: false, verbose: false, head: false, include: false, location: false, fail: false, insecure: false, http11: false, headers: [], resolve: [], urls: [] }
  let noProgress = false
  const bad = (opt: string): ParsedCurl => ({ ok: false, result: { stdout: '', stderr: `curl: option ${opt}: is unknown\n${CURL_TRY}`, exitCode: 2 } })
  const needs = (opt: string): ParsedCurl => ({ ok: false, result: { stdout: '', stderr: `curl: option ${opt}: requires parameter\n${CURL_TRY}`, exitCode: 2 } })
  const setValue = (key: string, v: string): ParsedCurl | undefined => {
    switch (key) {
      case 'H': o.headers.push(v); break
      case 'o': o.output = v; break
      case 'm':
      case 'connect-timeout': {
        if (!/^\d+(\.\d+)?$/.test(v)) return { ok: false, result: { stdout: '', stderr: `curl: option ${key === 'm' ? '-m' : '--connect-timeout'}: expected a proper numerical parameter\n${CURL_TRY}`, exitCode: 2 } }
        if (key === 'm') o.maxTime = Number(v)
        else o.connectTimeout = Number(v)
        break
      }
      case 'X': o.method = v; break
      case 'd': o.data = v; break
      case 'A': o.userAgent = v; break
      case 'w': o.writeOut = v; break
      case 'resolve': o.resolve.push(v); break
      case 'cacert': o.cacert = v; break
      default: break
    }
    return undefined
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2)
      if (name in LONG_BOOL) {
        const k = LONG_BOOL[name]
        if (k) (o as unknown as Record<string, boolean>)[k] = true
        if (name === 'no-progress-meter') noProgress = true
        continue
      }
      if (name in LONG_VALUE) {
        const v = args[++i]
        if (v === undefined) return needs(a)
        const r = setValue(LONG_VALUE[name], v)
        if (r) return r
        continue
      }
      return bad(a)
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]
        if (c in BOOL) {
          (o as unknown as Record<string, boolean>)[BOOL[c]] = true
          continue
        }
        if (c === '4' || c === '6' || c === 'N') continue
        if (SHORT_VALUE.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i]
          if (v === undefined) return needs(`-${c}`)
          const r = setValue(c, v)
          if (r) return r
          break
        }
        return bad(`-${c}`)
      }
      continue
    }
    o.urls.push(a)
  }
  return { ok: true, opts: o, noProgress }
}

interface Out {
  stdout: string
  /** verbose and error text; merged into stdout in order when both go to the terminal */
  stderr: string
}

/** `-w`: curl's variables; an unknown one prints nothing and a warning on stderr (tool_writeout.c) */
function writeOut(fmt: string, vars: Record<string, string>, out: Out): string {
  return fmt.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r').replace(/%\{([a-z_]+)\}/g, (_m, k: string) => {
    if (k in vars) return vars[k]
    out.stderr += `curl: unknown --write-out variable: '${k}'\n`
    return ''
  })
}

/** where a 3xx would lead (curl's redirect_url): the Location resolved against the URL just fetched */
function redirectUrl(status: number, headers: [string, string][], from: ParsedUrl): string {
  if (status < 300 || status > 399) return ''
  const loc = headers.find(([n]) => n.toLowerCase() === 'location')?.[1]
  if (!loc) return ''
  // curl's URL parser normalises: an absolute URL without a path gets `/`
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(loc)) return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*$/i.test(loc) ? loc + '/' : loc
  if (loc.startsWith('//')) return `${from.scheme}:${loc}`
  const origin = `${from.scheme}://${from.host}${from.explicitPort ? `:${from.port}` : ''}`
  if (loc.startsWith('/')) return origin + loc
  const dir = from.path.split('?')[0].replace(/[^/]*$/, '')
  return origin + dir + loc
}

/** One URL: resolve, connect (trace), print. Returns curl's exit code for it. */
function fetchUrl(ctx: CommandContext, o: CurlOptions, rawUrl: string, version: string, out: Out, showProgress: boolean): number {
  const f: CurlFamily = familyOfVersion(version)
  const errOut = (code: number, msg: string) => {
    if (!o.silent || o.showError) out.stderr += `curl: (${code}) ${msg}\n`
    return code
  }
  const parsed = parseUrl(rawUrl)
  if (!parsed.ok) {
    if (parsed.error === 'scheme') return errOut(1, f === 7 ? `Protocol "${parsed.scheme}" not supported or disabled in libcurl` : `Protocol "${parsed.scheme}" not supported`)
    if (parsed.error === 'port') return errOut(3, 'URL using bad/illegal format or missing URL')
    return errOut(3, 'URL using bad/illegal format or missing URL')
  }
  let url: ParsedUrl = parsed.url
  let redirects = 0
  for (;;) {
    const v = o.verbose
    // --resolve host:port:addr
    let ip: string | undefined
    for (const r of o.resolve) {
      const m = /^([^:]+):(\d+):(.+)$/.exec(r)
      if (m && m[1].toLowerCase() === url.host.toLowerCase() && Number(m[2]) === url.port) {
        ip = m[3]
        if (v) out.stderr += `* Added ${m[1]}:${m[2]}:${m[3]} to DNS cache\n* Hostname ${url.host} was found in DNS cache\n`
      }
    }
    const named = !/^\d+\.\d+\.\d+\.\d+$/.test(url.host)
    if (!ip) {
      const res = resolveName(ctx, url.host)
      if (!res.ok) {
        if (v) out.stderr += `* Could not resolve host: ${url.host}\n` + (f === 7 ? closingLine(7) : '* shutting down connection #0\n')
        if (showProgress) out.stderr += progressMeter(0, 0, true)
        return errOut(6, `Could not resolve host: ${url.host}`)
      }
      ip = res.ip
    }
    if (v) out.stderr += connectLines(f, url.host, ip, url.port, named && !o.resolve.length)
    const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET')
    const reqHeaders: [string, string][] = [['Host', hostHeader(url)], ['User-Agent', o.userAgent ?? `curl/${version}`], ['Accept', '*/*']]
    for (const h of o.headers) {
      const c = h.indexOf(':')
      if (c <= 0) continue
      const name = h.slice(0, c).trim()
      const value = h.slice(c + 1).trim()
      const i = reqHeaders.findIndex(([n]) => n.toLowerCase() === name.toLowerCase())
      if (i >= 0) {
        if (value === '') reqHeaders.splice(i, 1)
        else reqHeaders[i] = [reqHeaders[i][0], value]
      } else if (value !== '') reqHeaders.push([name, value])
    }
    if (o.data !== undefined) reqHeaders.push(['Content-Length', String(o.data.length)], ['Content-Type', 'application/x-www-form-urlencoded'])
    const host = reqHeaders.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? url.host
    const https = url.scheme === 'https'
    let tls: TlsRequest | undefined
    if (https) {
      const cacerts: string[] = []
      if (!o.insecure && o.cacert !== undefined) {
        const pem = ctx.fs.read(o.cacert)
        if (pem === undefined) return errOut(77, `error setting certificate file: ${o.cacert}`)
        cacerts.push(pem)
      }
      // SNI is the URL's host (never the Host header), and none for an IP address
      tls = { ...(named ? { sni: url.host } : {}), alpn: o.http11 ? ['http/1.1'] : ['h2', 'http/1.1'], ...(o.insecure ? {} : { verify: { host: url.host, cacerts } }) }
    }
    const t: Trace | undefined = send(ctx, {
      to: ip, port: url.port, protocol: 'TCP', ...(tls ? { tls } : {}),
      http: { method, path: url.path, host, headers: reqHeaders.filter(([n]) => n.toLowerCase() !== 'host'), ...(o.data !== undefined ? { body: o.data } : {}) },
    })
    if (!t) {
      out.stderr += NO_ENGINE
      return 1
    }
    const src = primaryIP(ctx.cluster, ctx.host)
    const sport = t.hops[0]?.before.sport ?? t.request.sport ?? 0
    const failMs = crossedNodes(t) ? 1 : 0
    if (t.verdict === 'refused' || t.verdict === 'rejected' || (t.verdict === 'dropped' && (t.reason === 'no-route' || t.reason === 'host-unreachable'))) {
      const os = t.verdict === 'dropped' ? 'No route to host' as const : 'Connection refused' as const
      const ms = t.verdict === 'dropped' ? 3070 : failMs
      wait(ctx.cluster, ms)
      if (v) out.stderr += refusedVerbose(f, ip, url.port, src, sport, os) + `* ${failedToConnect(f, url.host, url.port, ms, os)}\n` + closingLine(f)
      if (showProgress) out.stderr += progressMeter(0, ms, true)
      return errOut(7, failedToConnect(f, url.host, url.port, ms, os))
    }
    if (t.verdict === 'dropped' || t.verdict === 'timeout') {
      const limit = [o.maxTime, o.connectTimeout].filter((x): x is number => x !== undefined)
      if (limit.length) {
        const ms = Math.round(Math.min(...limit) * 1000) + 1
        wait(ctx.cluster, ms)
        const byConnect = o.connectTimeout !== undefined && (o.maxTime === undefined || o.connectTimeout <= o.maxTime)
        const msg = f === 8 && byConnect ? `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached` : `Connection timed out after ${ms} milliseconds`
        if (v) out.stderr += `* ${msg}\n` + closingLine(f)
        if (showProgress) out.stderr += progressMeter(0, ms, true)
        return errOut(28, msg)
      }
      const ms = 130_017
      wait(ctx.cluster, ms)
      const msg = failedToConnect(f, url.host, url.port, ms, 'Connection timed out')
      if (v) out.stderr += refusedVerboseTimeout(f, ip, url.port, src, sport) + `* ${msg}\n` + closingLine(f)
      if (showProgress) out.stderr += progressMeter(0, ms, true)
      return errOut(28, msg)
    }
    // delivered
    if (t.elapsedMs) {
      const limit = o.maxTime !== undefined ? Math.round(o.maxTime * 1000) : undefined
      if (limit !== undefined && t.elapsedMs > limit) {
        wait(ctx.cluster, limit + 1)
        const msg = `Operation timed out after ${limit + 1} milliseconds with 0 bytes received`
        if (v) out.stderr += connectedLine(f, url.host, ip, url.port, https) + `* ${msg}\n` + closingLine(f)
        if (showProgress) out.stderr += progressMeter(0, limit + 1, true)
        return errOut(28, msg)
      }
      wait(ctx.cluster, t.elapsedMs)
    }
    if (v) out.stderr += connectedLine(f, url.host, ip, url.port, https)
    const data = !ctx.tty
    let h2 = false
    if (https) {
      if (v) out.stderr += alpnOffer(f, o.http11)
      const tls = t.tls
      if (!tls) {
        const msg = `${openssl(f)}: error:0A00010B:SSL routines::wrong version number`
        if (v) {
          out.stderr += (data ? '} [5 bytes data]\n' : '') + '* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n' + (data ? '} [512 bytes data]\n' : '')
          if (!o.insecure) out.stderr += caLines(f, o.cacert)
          out.stderr += `* ${msg}\n` + closingLine(f)
        }
        if (showProgress) out.stderr += progressMeter(0, failMs, true)
        return errOut(35, msg)
      }
      const tv = tlsVerbose(f, tls, { data, verifying: !o.insecure, ...(o.cacert !== undefined ? { cafile: o.cacert } : {}), host: url.host, sni: named })
      if (v) out.stderr += tv.text
      if (tv.error) {
        if (v) out.stderr += closingLine(f)
        if (showProgress) out.stderr += progressMeter(0, failMs, true)
        const code = errOut(60, tv.error)
        if (!o.silent || o.showError) out.stderr += SSLCERTS_HELP
        return code
      }
      h2 = tls.alpn === 'h2'
    }
    if (v) {
      const handle = `0x55${fnv32a(rawUrl).toString(16).padStart(8, '0').slice(0, 7)}2b0`
      if (h2) out.stderr += (data ? '} [5 bytes data]\n' : '') + h2RequestLines(f, method, url.path, hostHeader(url), reqHeaders, `${url.scheme}://${hostHeader(url)}${url.path}`, handle)
      else if (https) out.stderr += f === 7 ? '* using HTTP/1.1\n' : '* using HTTP/1.x\n'
      if (https && data) out.stderr += '} [5 bytes data]\n'
      const shown = h2 && f === 7 ? reqHeaders.map(([n, val]) => [n.toLowerCase() === 'host' ? n : n.toLowerCase(), val] as [string, string]) : reqHeaders
      out.stderr += `> ${method} ${url.path} ${h2 ? 'HTTP/2' : 'HTTP/1.1'}\r\n` + shown.map(([n, val]) => `> ${n}: ${val}\r\n`).join('') + '> \r\n'
      if (f === 8) out.stderr += '* Request completely sent off\n'
      if (https) out.stderr += ticketLines(f, data, named)
    }
    const resp = t.response
    if (!resp) {
      if (v) out.stderr += '* Empty reply from server\n' + closingLine(f)
      if (showProgress) out.stderr += progressMeter(0, failMs, true)
      return errOut(52, 'Empty reply from server')
    }
    const headLines = h2 ? h2Headers(resp.status, resp.headers) : [`HTTP/1.1 ${resp.status} ${resp.reason}`, ...resp.headers.map(([n, val]) => `${n}: ${val}`)]
    const headerText = headLines.map((l) => l + '\r\n').join('') + '\r\n'
    if (v) out.stderr += headerText.split('\r\n').slice(0, -1).map((l) => `< ${l}\r\n`).join('')
    const body = method === 'HEAD' ? '' : resp.body
    const location = resp.headers.find(([n]) => n.toLowerCase() === 'location')?.[1]
    if (o.location && location && resp.status >= 300 && resp.status < 400 && redirects < 50) {
      if (o.include || o.head) out.stdout += headerText
      if (v) out.stderr += leftIntact(url.host) + `* Issue another request to this URL: '${location}'\n`
      const next = parseUrl(location.startsWith('/') ? `${url.scheme}://${hostHeader(url)}${location}` : location)
      if (!next.ok) return errOut(3, 'URL using bad/illegal format or missing URL')
      url = next.url
      redirects++
      continue
    }
    if (o.fail && resp.status >= 400) {
      if (v) out.stderr += `* The requested URL returned error: ${resp.status}\n` + closingLine(f)
      if (showProgress) out.stderr += progressMeter(0, 1, true)
      return errOut(22, `The requested URL returned error: ${resp.status}`)
    }
    let shown = ''
    if (o.include || o.head) shown += headerText
    shown += body
    const bytes = utf8Length(body)
    if (o.output !== undefined && o.output !== '-') {
      if (o.output !== '/dev/null') ctx.fs.write(o.output, body)
      if (o.include || o.head) out.stdout += headerText
    } else out.stdout += shown
    if (v) {
      if (!ctx.tty && body) out.stderr += `{ [${bytes} bytes data]\n`
      // the server said it closes (nginx after a 400, 413, 500 ...): curl closes too
      const closes = resp.headers.some(([n, val]) => n.toLowerCase() === 'connection' && val.toLowerCase() === 'close')
      out.stderr += closes ? closingLine(f) : leftIntact(url.host)
    }
    if (showProgress) out.stderr = progressMeter(bytes, 1) + out.stderr
    if (o.writeOut !== undefined) {
      out.stdout += writeOut(o.writeOut, {
        http_code: String(resp.status).padStart(3, '0'), response_code: String(resp.status), remote_ip: ip, remote_port: String(url.port),
        local_ip: src, local_port: String(sport), size_download: String(bytes), url_effective: rawUrl, time_total: '0.001000',
        time_connect: '0.000400', content_type: resp.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '',
        redirect_url: redirectUrl(resp.status, resp.headers, url), num_redirects: String(redirects),
        scheme: url.scheme.toUpperCase(),
      }, out)
    }
    return 0
  }
}

function refusedVerboseTimeout(f: CurlFamily, ip: string, port: number, src: string, sport: number): string {
  return f === 7 ? `* connect to ${ip} port ${port} failed: Connection timed out\n` : `* connect to ${ip} port ${port} from ${src} port ${sport} failed: Connection timed out\n`
}

export const curl: Command = (ctx) => {
  const tool = toolIn(ctx.cluster, ctx.host, 'curl')
  const version = tool && tool.name === 'curl' ? tool.version : '7.88.1'
  const p = parseCurlArgs(ctx.args)
  if (!p.ok) return p.result
  const o = p.opts
  if (!o.urls.length) {
    return { stdout: '', stderr: (familyOfVersion(version) === 7 ? 'curl: no URL specified!\n' : 'curl: no URL specified\n') + CURL_TRY, exitCode: 2 }
  }
  const out: Out = { stdout: '', stderr: '' }
  let code = 0
  for (const u of o.urls) {
    // the meter shows when the body does not go to the terminal (a pipe, a file, -o) and neither -s nor -v is given
    const showProgress = !o.silent && !o.verbose && !p.noProgress && (!ctx.tty || (o.output !== undefined && o.output !== '-'))
    code = fetchUrl(ctx, o, u, version, out, showProgress)
  }
  // verbose lines and the body both reach the terminal: print them in the order curl writes them
  if (ctx.tty && o.verbose) return { stdout: mergeVerbose(out), stderr: '', exitCode: code }
  return { stdout: out.stdout, stderr: out.stderr, exitCode: code }
}

/** In a terminal, `curl -v` shows the request/response lines, then the body, then `* Connection #0 ... left intact`. */
function mergeVerbose(out: Out): string {
  const tail = /(\* Connection #0 to host .* left intact\n)$/.exec(out.stderr)
  if (tail) return out.stderr.slice(0, -tail[1].length) + out.stdout + tail[1]
  return out.stderr + out.stdout
}
