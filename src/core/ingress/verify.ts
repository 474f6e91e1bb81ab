// What a TLS client (curl with OpenSSL 3) decides about the certificate a server presents: the chain check
// (OpenSSL's X509_V_ERR codes and texts: 18 self-signed, 20 unable to get local issuer, 9/10 dates) against the
// trusted certificates (`--cacert`; the lab's system store holds no CA that signs lab certificates), then
// curl's host name check (subjectAltName DNS/IP entries, the CN only when there is no SAN at all).
// The chain is matched by names (issuer DN = a trusted subject, or the very certificate trusted): the lab
// carries no keys, so signatures are not checked.

import type { CertInfo } from './x509.ts'

/** OpenSSL's verify result: code 0 is `ok`. */
export interface ChainResult { code: number; text: string }

/** curl's host check: which certificate name matched, or how it failed. */
export type HostResult =
  | { ok: true; how: 'san'; matched: string }
  | { ok: true; how: 'cn'; matched: string }
  | { ok: false; how: 'san' }
  | { ok: false; how: 'cn'; cn: string }

const sameName = (a: CertInfo['subject'], b: CertInfo['subject']) => JSON.stringify(a) === JSON.stringify(b)
const sameCert = (a: CertInfo, b: CertInfo) => a.serial === b.serial && sameName(a.subject, b.subject) && sameName(a.issuer, b.issuer)

/** X509_verify_cert on a one-certificate chain: trust first, then the validity dates. */
export function verifyChain(cert: CertInfo, trusted: readonly CertInfo[], now: number): ChainResult {
  const anchored = trusted.some((t) => sameCert(t, cert)) || (!cert.selfSigned && trusted.some((t) => sameName(t.subject, cert.issuer)))
  if (!anchored) {
    return cert.selfSigned ? { code: 18, text: 'self-signed certificate' } : { code: 20, text: 'unable to get local issuer certificate' }
  }
  if (now < cert.notBefore) return { code: 9, text: 'certificate is not yet valid' }
  if (now > cert.notAfter) return { code: 10, text: 'certificate has expired' }
  return { code: 0, text: 'ok' }
}

const isIPv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s)

/** curl's Curl_cert_hostcheck: `*.` matches one whole left-most label, never for IP addresses. */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase(), h = host.toLowerCase().replace(/\.$/, '')
  if (p === h) return true
  if (!p.startsWith('*.') || isIPv4(h)) return false
  const dot = h.indexOf('.')
  return dot > 0 && h.slice(dot + 1) === p.slice(2) && p.slice(2).includes('.')
}

/** ossl_verifyhost: SAN entries of the host's type when the certificate has a SAN, else the last CN. */
export function verifyHost(cert: CertInfo, host: string): HostResult {
  const ip = isIPv4(host)
  if (cert.dnsNames.length || cert.ipAddresses.length) {
    const names = ip ? cert.ipAddresses : cert.dnsNames
    const m = names.find((n) => (ip ? n === host : hostMatches(n, host)))
    return m !== undefined ? { ok: true, how: 'san', matched: m } : { ok: false, how: 'san' }
  }
  const cns = cert.subject.filter((a) => a.type === 'CN').map((a) => a.value)
  const cn = cns[cns.length - 1] ?? ''
  return cn && hostMatches(cn, host) ? { ok: true, how: 'cn', matched: cn } : { ok: false, how: 'cn', cn }
}
