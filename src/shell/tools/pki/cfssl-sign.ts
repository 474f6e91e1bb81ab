// What cfssl (Go's crypto/x509 underneath) signs: keys from a CSR JSON's "key" (ECDSA P-256 by default),
// the PKCS#10 request, and certificates from a signing profile (usages, expiry, CA constraint), with Go's
// extension order and cfssl's 5-minute backdating.

import type { Rng } from '../../../core/util/rand.ts'
import { bytesToBig, pem } from './asn1.ts'
import { generateEc, keyIdentifier, pemTraditional, publicOf, type PrivateKey, type PublicKey } from './keys.ts'
import { randomBytes } from './prime.ts'
import { generateRsa } from './rsa.ts'
import { buildCertificate, buildRequest, ext, parseCertificate, type Certificate, type Extension, type GeneralName, type Name } from './x509.ts'

export interface CsrJson {
  CN?: string
  names?: Record<string, string>[]
  hosts?: string[]
  key?: { algo?: string; size?: number }
  ca?: { expiry?: string; pathlen?: number; pathlenzero?: boolean }
}

export interface SigningProfile { usages: string[]; expiry: string; isCA?: boolean }

/** Go's pkix.Name order: C, ST, L, O, OU, CN */
export function csrName(req: CsrJson): Name {
  const out: Name = []
  for (const t of ['C', 'ST', 'L', 'O', 'OU'] as const) for (const n of req.names ?? []) if (n[t]) out.push({ type: t, value: n[t] })
  if (req.CN) out.push({ type: 'CN', value: req.CN })
  return out
}

export function hostNames(hosts: readonly string[]): GeneralName[] {
  const dns: GeneralName[] = [], ips: GeneralName[] = []
  for (const h of hosts) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h)
    if (m) ips.push({ kind: 'IP', value: Uint8Array.from(m.slice(1).map(Number)) })
    else if (h.includes('@')) dns.push({ kind: 'email', value: h })
    else dns.push({ kind: 'DNS', value: h })
  }
  // Go's marshalSANs writes DNS names, then emails, then IP addresses
  return [...dns.filter((g) => g.kind === 'DNS'), ...dns.filter((g) => g.kind === 'email'), ...ips]
}

export function keyLabel(req: CsrJson): string {
  return `${req.key?.algo ?? 'ecdsa'}-${req.key?.size ?? 256}`
}

export function generateKey(rng: Rng, req: CsrJson): PrivateKey {
  const algo = req.key?.algo ?? 'ecdsa', size = req.key?.size ?? 256
  if (algo === 'rsa') {
    if (size < 2048) throw new Error('RSA key is too weak')
    if (size > 8192) throw new Error('RSA key size too large')
    return generateRsa(rng, size, 'go')
  }
  if (algo === 'ecdsa') {
    if (size !== 256) throw new Error('invalid curve')
    return generateEc(rng)
  }
  throw new Error('invalid algorithm')
}

export function csrPem(req: CsrJson, key: PrivateKey): string {
  const exts: Extension[] = []
  if (req.hosts?.length) exts.push(ext.subjectAltName(hostNames(req.hosts)))
  if (req.ca) exts.push(ext.basicConstraints(true, true, req.ca.pathlen || (req.ca.pathlenzero ? 0 : undefined)))
  return pem('CERTIFICATE REQUEST', buildRequest(csrName(req), key, exts, 'go'))
}

/** Go's time.ParseDuration for the h/m/s forms cfssl configs use */
export function parseDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g
  let ms = 0, seen = ''
  for (let m = re.exec(s); m; m = re.exec(s)) { ms += Number(m[1]) * { h: 3600000, m: 60000, s: 1000, ms: 1 }[m[2] as 'h']; seen += m[0] }
  return seen === s && s ? ms : undefined
}

const KU: Record<string, string> = {
  signing: 'digitalSignature', 'digital signature': 'digitalSignature', 'content commitment': 'nonRepudiation', 'key encipherment': 'keyEncipherment',
  'key agreement': 'keyAgreement', 'data encipherment': 'dataEncipherment', 'cert sign': 'keyCertSign', 'crl sign': 'cRLSign',
  'encipher only': 'encipherOnly', 'decipher only': 'decipherOnly',
}
const EKU: Record<string, string> = {
  any: 'anyExtendedKeyUsage', 'server auth': 'serverAuth', 'client auth': 'clientAuth', 'code signing': 'codeSigning',
  'email protection': 'emailProtection', 's/mime': 'emailProtection', 'ipsec end system': 'ipsecEndSystem', 'ipsec tunnel': 'ipsecTunnel',
  'ipsec user': 'ipsecUser', timestamping: 'timeStamping', 'ocsp signing': 'OCSPSigning',
}

export interface Signed { cert: Certificate; pem: string; serial: bigint }

/** local.Signer.Sign: `issuer` undefined for a self-signed CA (initca) */
export function signCertificate(rng: Rng, now: number, subject: Name, pub: PublicKey, hosts: readonly string[], profile: SigningProfile,
  signer: PrivateKey, issuer?: Certificate, issuerKeyId?: Uint8Array, ca?: CsrJson['ca']): Signed {
  const serialBytes = randomBytes(rng, 20)
  serialBytes[0] &= 0x7f
  const serial = bytesToBig(serialBytes)
  const notBefore = Math.round(now / 60000) * 60000 - 5 * 60000
  const notAfter = notBefore + (parseDuration(profile.expiry) ?? 8760 * 3600000)
  const ku = profile.usages.map((u) => KU[u]).filter(Boolean)
  const eku = profile.usages.map((u) => EKU[u]).filter(Boolean)
  const exts: Extension[] = []
  if (ku.length) exts.push(ext.keyUsage(ku, true))
  if (eku.length) exts.push(ext.extKeyUsage(eku))
  const pathLen = ca?.pathlen ? ca.pathlen : ca?.pathlenzero ? 0 : undefined
  exts.push(ext.basicConstraints(!!profile.isCA, true, profile.isCA ? pathLen : undefined))
  exts.push(ext.ski(keyIdentifier(pub)))
  if (issuer && issuerKeyId) exts.push(ext.aki(issuerKeyId))
  // a new root keeps only its IP addresses (local.Signer drops DNS names and emails)
  const sans = hostNames(hosts).filter((g) => issuer || g.kind === 'IP')
  if (sans.length) exts.push(ext.subjectAltName(sans))
  const der = buildCertificate({ version: 3, serial, issuer: issuer ? issuer.subject : subject, subject, notBefore, notAfter, publicKey: pub, extensions: exts, strings: 'go' }, signer)
  return { cert: parseCertificate(der), pem: pem('CERTIFICATE', der), serial }
}

export { pemTraditional, publicOf }
