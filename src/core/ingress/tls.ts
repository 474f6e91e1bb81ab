// Certificates as ingress-nginx serves them: a host's certificate from a `kubernetes.io/tls` Secret named in an
// Ingress's tls section (controller.go extractTLSSecretName + VerifyHostname, CN accepted as the legacy
// fallback), the certificate chosen per SNI (lua certificate.lua: exact name, then `*.` of the parent), and the
// controller's self-signed "Kubernetes Ingress Controller Fake Certificate" (internal/net/ssl GetFakeSSLCert).

import type { Ingress, Pod, Secret } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { fnv32a } from '../controller/hash.ts'
import { parseCertificatePem, secretText, type CertInfo } from './x509.ts'

export interface ServedCert {
  /** `namespace/name` of the Secret, or '' for the controller's default certificate */
  secret: string
  cert: CertInfo
  /** true for the fake (or --default-ssl-certificate) certificate */
  isDefault: boolean
}

const YEAR_MS = 365 * 24 * 3600 * 1000

/** The self-signed certificate ingress-nginx generates when it starts (valid one year from then). */
export function fakeCertificate(pod: Pod): CertInfo {
  const running = (pod.status?.containerStatuses?.[0]?.state as { running?: { startedAt?: string } } | undefined)?.running
  const started = running?.startedAt ?? pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '1970-01-01T00:00:00Z'
  const t = Date.parse(started)
  const name = [{ type: 'O', value: 'Acme Co' }, { type: 'CN', value: 'Kubernetes Ingress Controller Fake Certificate' }]
  let serial = ''
  for (let i = 0; i < 4; i++) serial += fnv32a(`${pod.metadata.uid ?? pod.metadata.name}/${i}`).toString(16).toUpperCase().padStart(8, '0')
  return {
    subject: name, issuer: name, notBefore: t, notAfter: t + YEAR_MS, dnsNames: ['ingress.local'], ipAddresses: [],
    serial: serial.match(/../g)!.join(':'), selfSigned: true,
  }
}

/** Why a Secret gives no certificate, in the controller's log words; undefined when it does. */
export type SecretCert = { cert: CertInfo } | { error: string }

export function certFromSecret(store: Store, namespace: string, name: string): SecretCert {
  const s = store.get('Secret', namespace, name) as Secret | undefined
  if (!s) return { error: `local SSL certificate ${namespace}/${name} was not found` }
  const crt = secretText(s.data?.['tls.crt']), key = secretText(s.data?.['tls.key'])
  if (crt === undefined || key === undefined) return { error: `secret ${namespace}/${name} contains no keypair or CA certificate` }
  const cert = parseCertificatePem(crt)
  if (!cert) return { error: 'no valid PEM formatted block found' }
  return { cert }
}

/** Go's x509 hostname check (SAN DNS names, `*.` matching one label), plus the CN as ingress-nginx's fallback. */
export function certMatchesHost(cert: CertInfo, host: string): boolean {
  const h = host.toLowerCase()
  const names = cert.dnsNames.length ? cert.dnsNames : []
  const cn = cert.subject.filter((a) => a.type === 'CN').map((a) => a.value)
  return [...names, ...cn].some((n) => matchCertName(n.toLowerCase(), h))
}

function matchCertName(pattern: string, host: string): boolean {
  if (pattern === host) return true
  if (!pattern.startsWith('*.')) return false
  const dot = host.indexOf('.')
  return dot > 0 && host.slice(dot + 1) === pattern.slice(2)
}

/** extractTLSSecretName: the tls entry listing the host, else one whose certificate covers it; undefined if none. */
export function tlsSecretNameFor(store: Store, ing: Ingress, host: string): string | undefined {
  const h = host.toLowerCase()
  for (const t of ing.spec.tls ?? []) for (const th of t.hosts ?? []) if (th.toLowerCase() === h) return t.secretName ?? ''
  for (const t of ing.spec.tls ?? []) {
    if (!t.secretName) continue
    const r = certFromSecret(store, ing.metadata.namespace ?? 'default', t.secretName)
    if ('cert' in r && certMatchesHost(r.cert, host)) return t.secretName
  }
  return undefined
}

/** The certificate a TLS client sees for an SNI name: exact host, then the wildcard of its parent, else the default. */
export function certificateForSni(hostCerts: ReadonlyMap<string, ServedCert>, sni: string | undefined, fallback: ServedCert): ServedCert {
  if (sni) {
    const h = sni.toLowerCase()
    const exact = hostCerts.get(h)
    if (exact) return exact
    const dot = h.indexOf('.')
    const wild = dot > 0 ? hostCerts.get('*' + h.slice(dot)) : undefined
    if (wild) return wild
  }
  return fallback
}
