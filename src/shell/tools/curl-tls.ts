// curl's TLS texts: the -v handshake lines (OpenSSL's message callback as curl 7.88.1 prints it, checked against
// Debian 12's curl with a real nginx; 8.x from curl's sources), the "Server certificate" block, the verify result,
// the HTTP/2 request lines, and the error 60 / 35 / 77 messages. With stdout not a terminal curl also prints
// `} [N bytes data]` after each message: the sizes are those of a TLS 1.3 handshake with an RSA-2048 certificate.

import type { TlsSession } from '../../trace/types.ts'
import { certDate, curlName } from '../../core/ingress/x509.ts'
import { verifyHost } from '../../core/ingress/verify.ts'
import type { CurlFamily } from './curl-text.ts'

export const CA_FILE = '/etc/ssl/certs/ca-certificates.crt'

/** the OpenSSL build each family reports in its error texts */
export const openssl = (f: CurlFamily) => (f === 7 ? 'OpenSSL/3.0.15' : 'OpenSSL/3.3.2')

export function alpnOffer(f: CurlFamily, http11: boolean): string {
  const list = http11 ? 'http/1.1' : 'h2,http/1.1'
  return f === 7 ? `* ALPN: offers ${list}\n` : `* ALPN: curl offers ${list}\n`
}

/** `*  CAfile: ...` lines a verifying client prints after its ClientHello */
export function caLines(f: CurlFamily, cafile: string | undefined): string {
  return `*  CAfile: ${cafile ?? CA_FILE}\n*  CApath: ${f === 7 ? '/etc/ssl/certs' : 'none'}\n`
}

interface Msg { line: string; out: boolean; bytes: number }

/** the handshake messages up to the server's Certificate; `rest` = CERT verify to the client's Finished */
function handshake(tls: TlsSession, sni: boolean): { head: Msg[]; rest: Msg[] } {
  const p = tls.protocol
  const ee = 4 + 2 + (tls.alpn ? 7 + tls.alpn.length : 0) + (sni ? 4 : 0)
  const der = tls.certificate.derLength ?? 917
  return {
    head: [
      { line: `${p} (IN), TLS handshake, Server hello (2):`, out: false, bytes: 122 },
      { line: `${p} (IN), TLS handshake, Encrypted Extensions (8):`, out: false, bytes: ee },
      { line: `${p} (IN), TLS handshake, Certificate (11):`, out: false, bytes: der + 13 },
    ],
    rest: [
      { line: `${p} (IN), TLS handshake, CERT verify (15):`, out: false, bytes: 264 },
      { line: `${p} (IN), TLS handshake, Finished (20):`, out: false, bytes: 52 },
      { line: `${p} (OUT), TLS change cipher, Change cipher spec (1):`, out: true, bytes: 1 },
      { line: `${p} (OUT), TLS handshake, Finished (20):`, out: true, bytes: 52 },
    ],
  }
}

const render = (msgs: Msg[], data: boolean) =>
  msgs.map((m) => `* ${m.line}\n` + (data ? `${m.out ? '}' : '{'} [${m.bytes} bytes data]\n` : '')).join('')

export interface TlsVerbose {
  /** verbose text from the ClientHello to the end of the certificate block (or to the failure) */
  text: string
  /** the error line when the client rejected the certificate (exit 60) */
  error?: string
}

/**
 * The -v lines of a completed or rejected handshake. `data`: stdout is not a terminal (the `[N bytes data]` lines).
 * `verifying`: no -k. `cafile`: --cacert. `host`: the URL's host (what the certificate is checked against).
 */
export function tlsVerbose(f: CurlFamily, tls: TlsSession, o: { data: boolean; verifying: boolean; cafile?: string; host: string; sni: boolean }): TlsVerbose {
  const d = o.data
  let text = d ? '} [5 bytes data]\n' : ''
  text += `* ${tls.protocol} (OUT), TLS handshake, Client hello (1):\n` + (d ? '} [512 bytes data]\n' : '')
  if (o.verifying) text += caLines(f, o.cafile) + (d ? '{ [5 bytes data]\n' : '')
  const hs = handshake(tls, o.sni)
  text += render(hs.head, d)
  const cert = tls.certificate
  if (o.verifying && tls.verify.code !== 0) {
    text += `* ${tls.protocol} (OUT), TLS alert, unknown CA (560):\n` + (d ? '} [2 bytes data]\n' : '')
    const msg = `SSL certificate problem: ${tls.verify.text}`
    return { text: text + `* ${msg}\n`, error: msg }
  }
  text += render(hs.rest, d)
  text += f === 7
    ? `* SSL connection using ${tls.protocol} / ${tls.cipher}\n`
    : `* SSL connection using ${tls.protocol} / ${tls.cipher} / x25519 / RSASSA-PSS\n`
  text += tls.alpn ? `* ALPN: server accepted ${tls.alpn}\n` : `* ALPN: server did not agree on a protocol. Uses default.\n`
  text += '* Server certificate:\n'
  text += `*  subject: ${curlName(cert.subject)}\n*  start date: ${certDate(cert.notBefore)}\n*  expire date: ${certDate(cert.notAfter)}\n`
  if (o.verifying) {
    const h = verifyHost(cert, o.host)
    if (!h.ok) {
      const msg = h.how === 'san'
        ? `SSL: no alternative certificate subject name matches target ${f === 7 ? 'host name' : 'hostname'} '${o.host}'`
        : `SSL: certificate subject name '${h.cn}' does not match target ${f === 7 ? 'host name' : 'hostname'} '${o.host}'`
      if (h.how === 'san') text += `*  subjectAltName does not match ${o.host}\n`
      return { text: text + `* ${msg}\n`, error: msg }
    }
    text += h.how === 'san' ? `*  subjectAltName: host "${o.host}" matched cert's "${h.matched}"\n` : `*  common name: ${h.matched} (matched)\n`
  }
  text += `*  issuer: ${curlName(cert.issuer)}\n`
  text += o.verifying ? '*  SSL certificate verify ok.\n' : `*  SSL certificate verify result: ${tls.verify.text} (${tls.verify.code}), continuing anyway.\n`
  if (f === 8) text += '*   Certificate level 0: Public key type RSA (2048/112 Bits/secBits), signed using sha256WithRSAEncryption\n'
  return { text }
}

/** After the request: TLS 1.3 session tickets arrive (7.x also drops its stale session id). */
export function ticketLines(f: CurlFamily, data: boolean, sni: boolean): string {
  const n = sni ? 265 : 249
  const t = `* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):\n` + (data ? `{ [${n} bytes data]\n` : '')
  return (data ? '{ [5 bytes data]\n' : '') + t + t + (f === 7 ? '* old SSL session ID is stale, removing\n' : '') + (data ? '{ [5 bytes data]\n' : '')
}

/** `* using HTTP/2` and the pseudo-headers curl logs before the request (h2h3 in 7.88, [HTTP/2] [1] in 8.x). */
export function h2RequestLines(f: CurlFamily, method: string, path: string, authority: string, headers: [string, string][], url: string, handle: string): string {
  const fields: [string, string][] = [[':method', method], [':path', path], [':scheme', 'https'], [':authority', authority],
    ...headers.filter(([k]) => k.toLowerCase() !== 'host').map(([k, v]) => [k.toLowerCase(), v] as [string, string])]
  if (f === 7) return '* using HTTP/2\n' + fields.map(([k, v]) => `* h2h3 [${k}: ${v}]\n`).join('') + `* Using Stream ID: 1 (easy handle ${handle})\n`
  const order = [fields[0], fields[2], fields[3], fields[1], ...fields.slice(4)]
  return `* using HTTP/2\n* [HTTP/2] [1] OPENED stream for ${url}\n` + order.map(([k, v]) => `* [HTTP/2] [1] [${k}: ${v}]\n`).join('')
}

/** the text after `curl: (60) ...` */
export const SSLCERTS_HELP = 'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the web page mentioned above.\n'

/** A reply as curl shows an HTTP/2 response: `HTTP/2 200 `, lower-case names, no connection-specific fields. */
export function h2Headers(status: number, headers: [string, string][]): string[] {
  const drop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade'])
  return [`HTTP/2 ${status} `, ...headers.filter(([k]) => !drop.has(k.toLowerCase())).map(([k, v]) => `${k.toLowerCase()}: ${v}`)]
}
