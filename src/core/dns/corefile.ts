// The Corefile parser: Caddyfile tokens -> server blocks -> directives with args and nested blocks, checked
// against CoreDNS v1.11.3's directive list; errors read as CoreDNS logs them before it exits
// (`/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'foo'`, from coredns/caddy
// caddyfile/dispenser.go Err/EOFErr and caddyfile/parse.go). Plugin-level checks live in plugins.ts.

/** Directive names CoreDNS v1.11.3 registers (coredns/coredns plugin.cfg, in execution order). */
export const DIRECTIVES = [
  'root', 'metadata', 'geoip', 'cancel', 'tls', 'timeouts', 'reload', 'nsid', 'bufsize', 'bind', 'debug', 'trace',
  'ready', 'health', 'pprof', 'prometheus', 'errors', 'log', 'dnstap', 'local', 'dns64', 'acl', 'any', 'chaos',
  'loadbalance', 'tsig', 'cache', 'rewrite', 'header', 'dnssec', 'autopath', 'minimal', 'template', 'transfer',
  'hosts', 'route53', 'azure', 'clouddns', 'k8s_external', 'kubernetes', 'file', 'auto', 'secondary', 'etcd',
  'loop', 'forward', 'grpc', 'erratic', 'whoami', 'on', 'sign', 'view',
] as const

export interface Token { text: string; line: number }

/** One line of a nested block (`pods insecure`), its own nested lines when it opens a block. */
export interface BlockLine { name: string; args: string[]; line: number; /** the last token of the line (for ArgErr) */ last: Token; block?: BlockLine[] }

/** A directive in a server block: `kubernetes cluster.local in-addr.arpa { ... }`. */
export interface Directive extends BlockLine { block: BlockLine[] }

export interface ServerKey { /** `.` or `cluster.local.` */ zone: string; port: number; text: string }

export interface ServerBlock { keys: ServerKey[]; directives: Directive[] }

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string }

/** Caddy's lexer: whitespace-separated words, `"quoted strings"`, `#` comments to the end of the line. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  let line = 1, cur = '', curLine = 1, quoted = false, inToken = false, escaped = false
  const push = () => { if (inToken) out.push({ text: cur, line: curLine }); cur = ''; inToken = false }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (escaped) { cur += ch === '"' ? '"' : '\\' + ch; escaped = false; if (ch === '\n') line++; continue }
      if (ch === '\\') { escaped = true; continue }
      if (ch === '"') { quoted = false; push(); continue }
      if (ch === '\n') line++
      cur += ch
      continue
    }
    if (ch === '\n' || ch === ' ' || ch === '\t' || ch === '\r') { push(); if (ch === '\n') line++; continue }
    if (ch === '#' && !inToken) { while (i < text.length && text[i] !== '\n') i++; i--; continue }
    if (ch === '"' && !inToken) { quoted = true; inToken = true; curLine = line; continue }
    if (!inToken) { inToken = true; curLine = line }
    cur += ch
  }
  if (quoted) push()
  push()
  return out
}

function err(file: string, line: number, msg: string): string {
  return `${file}:${line} - Error during parsing: ${msg}`
}

/** `dns://.:53`, `cluster.local:53`, `.` -> zone and port (53 when absent). */
export function parseServerKey(text: string): ServerKey | undefined {
  let s = text.replace(/^dns:\/\//i, '')
  let port = 53
  const m = /^(.*):(\d+)$/.exec(s)
  if (m) { s = m[1]; port = Number(m[2]) }
  if (s === '') s = '.'
  if (!/^[A-Za-z0-9._\-/*]+$/.test(s)) return undefined
  return { zone: normalizeZone(s), port, text }
}

export function normalizeZone(z: string): string {
  const l = z.toLowerCase()
  return l.endsWith('.') ? l : l + '.'
}

/**
 * Parses the Corefile into server blocks. `file` is the path CoreDNS was given (`-conf /etc/coredns/Corefile`)
 * and prefixes every error, as caddy's dispenser does.
 */
export function parseCorefile(text: string, file = 'Corefile'): ParseResult<ServerBlock[]> {
  const toks = tokenize(text)
  const blocks: ServerBlock[] = []
  let i = 0
  const known = new Set<string>(DIRECTIVES)
  while (i < toks.length) {
    // keys: tokens until `{` (keys may be comma separated)
    if (toks[i].text === '}') return { ok: false, error: err(file, toks[i].line, "Unexpected '}' because no matching opening brace") }
    const keyToks: Token[] = []
    while (i < toks.length && toks[i].text !== '{') {
      if (keyToks.length && toks[i].line !== keyToks[keyToks.length - 1].line && !keyToks[keyToks.length - 1].text.endsWith(',')) break
      keyToks.push(toks[i]); i++
    }
    if (!keyToks.length) return { ok: false, error: err(file, toks[i].line, "Unexpected '{' because no matching server block key") }
    const keys: ServerKey[] = []
    for (const t of keyToks) {
      for (const part of t.text.split(',').filter((x) => x)) {
        const k = parseServerKey(part)
        if (!k) return { ok: false, error: err(file, t.line, `Invalid server block key: ${part}`) }
        keys.push(k)
      }
    }
    const braced = i < toks.length && toks[i].text === '{'
    if (!braced && blocks.length === 0 && i < toks.length) {
      // a single server block may omit its braces: everything after the keys belongs to it
    } else if (!braced) {
      return { ok: false, error: err(file, keyToks[keyToks.length - 1].line, 'Unexpected EOF') }
    }
    if (braced) i++
    const dirs: BlockLine[] = []
    const r = parseLines(toks, i, file, braced, dirs)
    if ('error' in r) return { ok: false, error: r.error }
    i = r.next
    for (const d of dirs) {
      if (!known.has(d.name)) return { ok: false, error: err(file, d.line, `Unknown directive '${d.name}'`) }
    }
    blocks.push({ keys, directives: dirs.map((d) => ({ ...d, block: d.block ?? [] })) })
  }
  return { ok: true, value: blocks }
}

/** Lines until the closing `}` (when `closing`), each with its args and an optional nested block. */
function parseLines(toks: Token[], start: number, file: string, closing: boolean, out: BlockLine[]): { next: number } | { error: string } {
  let i = start
  while (i < toks.length) {
    const t = toks[i]
    if (t.text === '}') {
      if (closing) return { next: i + 1 }
      return { error: err(file, t.line, "Unexpected '}' because no matching opening brace") }
    }
    if (t.text === '{') return { error: err(file, t.line, "Unexpected '{' because no matching directive") }
    const args: string[] = []
    let last = t
    i++
    while (i < toks.length && toks[i].line === t.line && toks[i].text !== '{' && toks[i].text !== '}') { args.push(toks[i].text); last = toks[i]; i++ }
    const line: BlockLine = { name: t.text, args, line: t.line, last }
    if (i < toks.length && toks[i].text === '{' && toks[i].line === last.line) {
      const nested: BlockLine[] = []
      const r = parseLines(toks, i + 1, file, true, nested)
      if ('error' in r) return r
      line.block = nested
      i = r.next
    }
    out.push(line)
  }
  if (closing) return { error: err(file, toks[toks.length - 1]?.line ?? 1, 'Unexpected EOF') }
  return { next: i }
}

/** Caddy's ArgErr: `Wrong argument count or unexpected line ending after '<token>'`. */
export function argErr(file: string, at: Token): string {
  return err(file, at.line, `Wrong argument count or unexpected line ending after '${at.text}'`)
}

export function parseErr(file: string, line: number, msg: string): string {
  return err(file, line, msg)
}

/** Go's time.ParseDuration for the forms Corefiles use (`5s`, `30s`, `1m`, `1m30s`, `500ms`); ms, or undefined. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy
  let total = 0, m: RegExpExecArray | null, used = 0
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  while ((m = re.exec(s))) { total += Number(m[1]) * unit[m[2]]; used = re.lastIndex }
  return used === s.length && used > 0 ? total : undefined
}
