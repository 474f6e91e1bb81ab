// The replies the controller's nginx makes itself (ngx_http_special_response.c pages with server tokens off,
// header order of ngx_http_header_filter_module: Date, Content-Type, Content-Length, Connection, then Location)
// and how it passes a backend's reply on (upstream Date/Server replaced, hop-by-hop headers dropped, HSTS on HTTPS).

import { byteLength, httpDate, type HttpReply } from '../images/app.ts'

/** nginx's status line reason phrases (ngx_http_status_lines) for the codes the controller produces. */
export const STATUS_LINES: Record<number, string> = {
  200: 'OK', 301: 'Moved Permanently', 302: 'Moved Temporarily', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 413: 'Request Entity Too Large', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
}

/** The title in the error page body (differs from the status line for 302). */
const PAGE_TITLES: Record<number, string> = { 302: 'Found' }

export const HSTS = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]

/** The built-in error page: `<html>\r\n<head><title>404 Not Found</title></head>...<center>nginx</center>...` */
export function errorPage(code: number): string {
  const t = `${code} ${PAGE_TITLES[code] ?? STATUS_LINES[code] ?? ''}`
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** nginx closes the connection after these errors (ngx_http_special_response_handler). */
const CLOSES = new Set([400, 413, 414, 500, 501])

/** A reply nginx generates: status, Date, Content-Type, Content-Length, Connection, [Location], [HSTS on HTTPS]. */
export function nginxReply(code: number, now: number, https: boolean, location?: string): HttpReply {
  const body = errorPage(code)
  const headers: [string, string][] = [
    ['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))],
    ['Connection', CLOSES.has(code) ? 'close' : 'keep-alive'],
  ]
  if (location !== undefined) headers.push(['Location', location])
  if (https) headers.push(HSTS)
  return { status: code, reason: STATUS_LINES[code] ?? '', headers, body }
}

/** nginx's answer to plain HTTP on an `ssl` listener (NGX_HTTP_TO_HTTPS: status 400, its own page, connection closed). */
export function plainHttpToHttpsReply(now: number): HttpReply {
  const t = '400 The plain HTTP request was sent to HTTPS port'
  const body = `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n` +
    '<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
  return {
    status: 400, reason: STATUS_LINES[400],
    headers: [['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ['Connection', 'close']],
    body,
  }
}

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'server', 'x-pad'])
const FIRST = ['content-type', 'content-length', 'last-modified']

/** A backend's reply as the client receives it through the controller. */
export function proxiedReply(upstream: HttpReply, now: number, https: boolean): HttpReply {
  const get = (n: string) => upstream.headers.filter(([k]) => k.toLowerCase() === n)
  const headers: [string, string][] = [['Date', httpDate(now)]]
  for (const n of FIRST) headers.push(...get(n))
  headers.push(['Connection', 'keep-alive'])
  for (const h of upstream.headers) {
    const k = h[0].toLowerCase()
    if (!HOP.has(k) && !FIRST.includes(k)) headers.push(h)
  }
  if (https) headers.push(HSTS)
  return { status: upstream.status, reason: upstream.reason, headers, body: upstream.body }
}
