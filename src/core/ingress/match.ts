// nginx's request matching on the model: the virtual server by Host (exact name, then ingress-nginx's wildcard
// regex `~^(?<subdomain>[\w-]+)\.foo\.com$`, else the default server `_`) and the location by URI (exact `=`,
// then the longest prefix, with regex locations tried in order first-match; all regex when the server is).

import { DEFAULT_SERVER, type Location, type NginxModel, type Server } from './model.ts'

/** The Host header without port, lower-cased, trailing dot removed (nginx's $host). */
export function hostOf(hostHeader: string): string {
  let h = hostHeader.trim().toLowerCase()
  if (h.startsWith('[')) h = h.slice(0, h.indexOf(']') + 1)
  else if (h.includes(':')) h = h.slice(0, h.indexOf(':'))
  return h.endsWith('.') ? h.slice(0, -1) : h
}

export function selectServer(model: NginxModel, host: string): { server: Server; how: string } {
  const h = hostOf(host)
  const exact = model.servers.find((s) => s.hostname === h && s.hostname !== DEFAULT_SERVER)
  if (exact) return { server: exact, how: `Host "${h}" is server ${exact.hostname}` }
  for (const s of model.servers) {
    if (!s.hostname.startsWith('*.')) continue
    const dot = h.indexOf('.')
    if (dot > 0 && /^[\w-]+$/.test(h.slice(0, dot)) && h.slice(dot + 1) === s.hostname.slice(2)) {
      return { server: s, how: `Host "${h}" matches the wildcard server ${s.hostname} (one label in place of *)` }
    }
  }
  const def = model.servers.find((s) => s.hostname === DEFAULT_SERVER)!
  return { server: def, how: h ? `no server is named "${h}", so the catch-all server _ answers` : 'no Host, so the catch-all server _ answers' }
}

/** nginx's $uri: the path without the query, %XX decoded, `//` merged (merge_slashes on). */
export function normalizeUri(pathAndQuery: string): { uri: string; args: string } {
  const q = pathAndQuery.indexOf('?')
  const raw = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q)
  const args = q < 0 ? '' : pathAndQuery.slice(q + 1)
  let uri = raw.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
  uri = uri.replace(/\/{2,}/g, '/')
  return { uri: uri.startsWith('/') ? uri : '/' + uri, args }
}

/** The regex of a `~*` location, as PCRE would compile `^<path>` case-insensitively (undefined if invalid). */
export function locationRegex(path: string): RegExp | undefined {
  try {
    return new RegExp('^' + path.replace(/\(\?<([A-Za-z_]\w*)>/g, '(?<$1>'), 'i')
  } catch {
    return undefined
  }
}

export function matchLocation(server: Server, uri: string): { location: Location; how: string } | undefined {
  const locs = server.locations
  if (server.regex) {
    for (const l of locs) {
      if (locationRegex(l.path)?.test(uri)) return { location: l, how: `regex location ~* "^${l.path}" is the first to match (every location of this server is a regex because of use-regex/rewrite-target)` }
    }
    return undefined
  }
  const exact = locs.find((l) => l.modifier === '=' && l.path === uri)
  if (exact) return { location: exact, how: `exact location = ${exact.path}` }
  let best: Location | undefined
  for (const l of locs) if (l.modifier === '' && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l
  if (!best) return undefined
  return { location: best, how: best.path === '/' ? 'only location / matches' : `longest prefix location ${best.path}` }
}
