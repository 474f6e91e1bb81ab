// URL parsing for curl and wget: scheme, host (name, IPv4 or [IPv6]), port, path with query, as the tools split it.

export interface ParsedUrl {
  scheme: 'http' | 'https'
  host: string
  /** explicit or the scheme's default */
  port: number
  /** the port was written in the URL */
  explicitPort: boolean
  /** path with query, at least `/` */
  path: string
}

export type UrlResult = { ok: true; url: ParsedUrl } | { ok: false; error: 'scheme' | 'malformed' | 'port'; scheme?: string }

export function parseUrl(input: string, defaultScheme: 'http' = 'http'): UrlResult {
  let rest = input
  let scheme: string = defaultScheme
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest)
  if (m) {
    scheme = m[1].toLowerCase()
    rest = rest.slice(m[0].length)
  }
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, error: 'scheme', scheme: m ? m[1] : scheme }
  const cut = rest.search(/[/?#]/)
  let authority = cut < 0 ? rest : rest.slice(0, cut)
  let path = cut < 0 ? '/' : rest.slice(cut)
  path = path.replace(/#.*$/, '')
  if (path.startsWith('?')) path = '/' + path
  if (path === '') path = '/'
  const at = authority.lastIndexOf('@')
  if (at >= 0) authority = authority.slice(at + 1)
  let host = authority
  let portText: string | undefined
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']')
    if (close < 0) return { ok: false, error: 'malformed' }
    host = authority.slice(0, close + 1)
    const after = authority.slice(close + 1)
    if (after.startsWith(':')) portText = after.slice(1)
  } else {
    const colon = authority.lastIndexOf(':')
    if (colon >= 0) {
      host = authority.slice(0, colon)
      portText = authority.slice(colon + 1)
    }
  }
  if (host === '') return { ok: false, error: 'malformed' }
  const defPort = scheme === 'https' ? 443 : 80
  let port = defPort
  const explicitPort = portText !== undefined && portText !== ''
  if (explicitPort) {
    if (!/^\d+$/.test(portText!) || Number(portText) > 65535) return { ok: false, error: 'port' }
    port = Number(portText)
  }
  return { ok: true, url: { scheme: scheme as 'http' | 'https', host, port, explicitPort, path } }
}

/** The Host header value: host, plus `:port` when it is not the scheme's default. */
export function hostHeader(u: ParsedUrl): string {
  const def = u.scheme === 'https' ? 443 : 80
  return u.port === def ? u.host : `${u.host}:${u.port}`
}
