// busybox `wget`: `wget -qO- URL`, `wget URL` (saves index.html), `-O FILE`, `-T SECS`, `--header`, `-U`, with
// busybox's texts (`Connecting to H (IP:PORT)`, `saving to`, the 100% bar, `can't connect to remote host`).

import { utf8Length } from '../fs.ts'
import type { Command, CommandContext } from '../types.ts'
import { NO_ENGINE, send, wait } from './engine.ts'
import { resolveName } from './resolver.ts'
import { parseUrl } from './url.ts'

const USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	--post-file FILE	Send FILE using POST method
	--no-check-certificate	Don't validate the server's certificate
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`

/** busybox's progress bar line once the transfer ended (80-column terminal: 32 stars). */
export function wgetBar(name: string, bytes: number): string {
  const label = name.length > 20 ? name.slice(0, 20) : name.padEnd(20)
  return `${label} 100% |********************************| ${String(bytes).padStart(5)}  0:00:00 ETA\n`
}

export const wget: Command = (ctx: CommandContext) => {
  let quiet = false
  let spider = false
  let out: string | undefined
  let timeout: number | undefined
  let agent = 'Wget'
  const headers: [string, string][] = []
  const urls: string[] = []
  const a = ctx.args
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    if (x === '--spider') { spider = true; continue }
    if (x === '--quiet') { quiet = true; continue }
    if (x === '--header') { const h = a[++i] ?? ''; const c = h.indexOf(':'); if (c > 0) headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]); continue }
    if (x === '--output-document' || x === '--timeout' || x === '--user-agent') {
      const v = a[++i]
      if (v === undefined) return { stdout: '', stderr: `wget: option '${x}' requires an argument\n${USAGE}`, exitCode: 1 }
      if (x === '--output-document') out = v
      else if (x === '--timeout') timeout = Number(v)
      else agent = v
      continue
    }
    if (x === '--no-check-certificate') continue
    if (x.startsWith('--')) return { stdout: '', stderr: `wget: unrecognized option '${x}'\n${USAGE}`, exitCode: 1 }
    if (x.startsWith('-') && x.length > 1) {
      for (let j = 1; j < x.length; j++) {
        const c = x[j]
        if (c === 'q') quiet = true
        else if (c === 'c' || c === 'S') continue
        else if ('OTUPYot'.includes(c)) {
          const v = j + 1 < x.length ? x.slice(j + 1) : a[++i]
          if (v === undefined) return { stdout: '', stderr: `wget: option requires an argument -- '${c}'\n${USAGE}`, exitCode: 1 }
          if (c === 'O') out = v
          else if (c === 'T') timeout = Number(v)
          else if (c === 'U') agent = v
          break
        } else return { stdout: '', stderr: `wget: invalid option -- '${c}'\n${USAGE}`, exitCode: 1 }
      }
      continue
    }
    urls.push(x)
  }
  if (!urls.length) return { stdout: '', stderr: USAGE, exitCode: 1 }
  let stdout = ''
  let stderr = ''
  const die = (msg: string) => ({ stdout, stderr: stderr + `wget: ${msg}\n`, exitCode: 1 })
  for (const raw of urls) {
    const p = parseUrl(raw)
    if (!p.ok) return die(p.error === 'scheme' ? `not an http or ftp url: ${raw}` : `bad port spec '${raw}'`)
    const u = p.url
    const res = resolveName(ctx, u.host)
    if (!res.ok) return die(`bad address '${u.host}'`)
    if (!quiet) stderr += `Connecting to ${u.host} (${res.ip}:${u.port})\n`
    const t = send(ctx, { to: res.ip, port: u.port, protocol: 'TCP', http: { method: 'GET', path: u.path, host: u.explicitPort ? `${u.host}:${u.port}` : u.host, headers: [['User-Agent', agent], ['Connection', 'close'], ...headers] } })
    if (!t) return { stdout, stderr: stderr + NO_ENGINE, exitCode: 1 }
    if (t.verdict === 'refused' || t.verdict === 'rejected') return die(`can't connect to remote host (${res.ip}): Connection refused`)
    if (t.verdict === 'dropped' && (t.reason === 'no-route' || t.reason === 'host-unreachable')) {
      wait(ctx.cluster, 3070)
      return die(`can't connect to remote host (${res.ip}): No route to host`)
    }
    if (t.verdict === 'dropped' || t.verdict === 'timeout') {
      if (timeout !== undefined && timeout > 0) {
        wait(ctx.cluster, timeout * 1000)
        return die('download timed out')
      }
      wait(ctx.cluster, 130_017)
      return die(`can't connect to remote host (${res.ip}): Connection timed out`)
    }
    const r = t.response
    if (!r) return die('error getting response: Connection reset by peer')
    if (r.status >= 400 || (r.status > 204 && r.status < 300 && r.status !== 206)) return die(`server returned error: HTTP/1.1 ${r.status} ${r.reason}`)
    if (spider) {
      if (!quiet) stderr += 'remote file exists\n'
      continue
    }
    const bytes = utf8Length(r.body)
    if (out === '-') {
      if (!quiet) stderr += 'writing to stdout\n'
      stdout += r.body
      if (!quiet) stderr += wgetBar('-', bytes) + 'written to stdout\n'
      continue
    }
    const name = out ?? (u.path.replace(/\?.*$/, '').split('/').pop() || 'index.html')
    if (out === undefined && ctx.fs.exists(name)) return die(`can't open '${name}': File exists`)
    ctx.fs.write(name, r.body)
    if (!quiet) stderr += `saving to '${name}'\n` + wgetBar(name.slice(name.lastIndexOf('/') + 1), bytes) + `'${name}' saved\n`
  }
  return { stdout, stderr, exitCode: 0 }
}
