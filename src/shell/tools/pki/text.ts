// `openssl x509 -text` and the one-line fields (-subject, -issuer, -dates, -serial, -fingerprint) in the layouts
// of OpenSSL 3.0 (Debian 12, the kubeadm profile's nodes) and OpenSSL 1.0.2k (CentOS 7, the binary profile's nodes).

import { certDate } from '../../../core/ingress/x509.ts'
import { bytesToBig, hexColon } from './asn1.ts'
import { bitsSet } from './bits.ts'
import { OID, keyBits, publicKeyBytes } from './keys.ts'
import { EKU_OIDS, EXT, KEY_USAGE_BITS, parseGeneralNames, readDer, type Certificate, type Extension, type Name } from './x509.ts'
import { children } from '../../../core/ingress/der.ts'
import { bigToBytes } from './asn1.ts'

export type OpensslVersion = '3.0' | '1.0.2'

const SIG_NAMES: Record<string, string> = { [OID.sha256WithRSA]: 'sha256WithRSAEncryption', [OID.sha384WithRSA]: 'sha384WithRSAEncryption', [OID.sha512WithRSA]: 'sha512WithRSAEncryption', [OID.ecdsaWithSHA256]: 'ecdsa-with-SHA256' }
export const sigName = (oid: string) => SIG_NAMES[oid] ?? oid

/** X509_NAME_print_ex: `CN = a, O = b` (3.0's default) or `CN=a, O=b` (1.0.2's -text) */
export function nameText(name: Name, v: OpensslVersion): string {
  return name.map((a) => (v === '3.0' ? `${a.type} = ${a.value}` : `${a.type}=${a.value}`)).join(', ')
}

/** 1.0.2's -subject/-issuer: the old slash form */
export const nameOneline = (name: Name) => name.map((a) => `/${a.type}=${a.value}`).join('')

function hexBlock(b: Uint8Array, perLine: number, indent: number): string {
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0'))
  const lines: string[] = []
  for (let i = 0; i < hex.length; i += perLine) lines.push(' '.repeat(indent) + hex.slice(i, i + perLine).join(':') + (i + perLine < hex.length ? ':' : ''))
  return lines.join('\n') + '\n'
}

function serialText(serial: Uint8Array): string {
  const v = bytesToBig(serial)
  if (serial.length <= 8 && v <= 0x7fffffffffffffffn) return `        Serial Number: ${v} (0x${v.toString(16)})\n`
  return `        Serial Number:\n            ${hexColon(serial)}\n`
}

const KU_TEXT: Record<string, string> = {
  digitalSignature: 'Digital Signature', nonRepudiation: 'Non Repudiation', keyEncipherment: 'Key Encipherment', dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement', keyCertSign: 'Certificate Sign', cRLSign: 'CRL Sign', encipherOnly: 'Encipher Only', decipherOnly: 'Decipher Only',
}
const EKU_TEXT: Record<string, string> = {
  serverAuth: 'TLS Web Server Authentication', clientAuth: 'TLS Web Client Authentication', codeSigning: 'Code Signing', emailProtection: 'E-mail Protection',
  ipsecEndSystem: 'IPSec End System', ipsecTunnel: 'IPSec Tunnel', ipsecUser: 'IPSec User', timeStamping: 'Time Stamping', OCSPSigning: 'OCSP Signing',
  anyExtendedKeyUsage: 'Any Extended Key Usage',
}
const EKU_BY_OID = Object.fromEntries(Object.entries(EKU_OIDS).map(([k, v]) => [v, k]))

function ipText(b: Uint8Array): string {
  if (b.length === 4) return [...b].join('.')
  const g: string[] = []
  for (let i = 0; i < b.length; i += 2) g.push(((b[i] << 8) | b[i + 1]).toString(16).toUpperCase())
  return g.join(':')
}

function extText(e: Extension, v: OpensslVersion): [string, string] {
  const body = readDer(e.value).der
  switch (e.oid) {
    case EXT.subjectKeyIdentifier: return ['X509v3 Subject Key Identifier', hexColon(body.body, true)]
    case EXT.authorityKeyIdentifier: {
      const id = children(body).find((c) => c.tag === 0x80)
      const hex = id ? hexColon(id.body, true) : ''
      return ['X509v3 Authority Key Identifier', v === '3.0' ? hex : `keyid:${hex}\n`]
    }
    case EXT.basicConstraints: {
      const parts = children(body)
      const ca = parts.some((p) => p.tag === 0x01 && p.body[0] !== 0)
      const path = parts.find((p) => p.tag === 0x02)
      return ['X509v3 Basic Constraints', `CA:${ca ? 'TRUE' : 'FALSE'}${path ? `, pathlen:${bytesToBig(path.body)}` : ''}`]
    }
    case EXT.keyUsage: return ['X509v3 Key Usage', bitsSet(body.body).map((b) => KU_TEXT[KEY_USAGE_BITS[b]]).join(', ')]
    case EXT.extKeyUsage: return ['X509v3 Extended Key Usage', children(body).map((o) => {
      const id = oidText(o.body)
      return EKU_TEXT[EKU_BY_OID[id]] ?? id
    }).join(', ')]
    case EXT.subjectAltName: return ['X509v3 Subject Alternative Name', parseGeneralNames(e.value).map((g) =>
      g.kind === 'IP' ? `IP Address:${ipText(g.value)}` : `${g.kind}:${g.value}`).join(', ')]
    default: return [e.oid, hexColon(e.value)]
  }
}

function oidText(b: Uint8Array): string {
  const parts = [Math.floor(b[0] / 40), b[0] % 40]
  let x = 0
  for (let i = 1; i < b.length; i++) { x = x * 128 + (b[i] & 0x7f); if (!(b[i] & 0x80)) { parts.push(x); x = 0 } }
  return parts.join('.')
}

function publicKeyText(c: Certificate): string {
  const k = c.publicKey
  if (k.kind === 'rsa') {
    const mod = bigToBytes(k.n)
    const modBytes = mod[0] & 0x80 ? Uint8Array.of(0, ...mod) : mod
    return `            Public Key Algorithm: rsaEncryption\n                Public-Key: (${keyBits(k)} bit)\n                Modulus:\n${hexBlock(modBytes, 15, 20)}                Exponent: ${k.e} (0x${k.e.toString(16)})\n`
  }
  return `            Public Key Algorithm: id-ecPublicKey\n                Public-Key: (256 bit)\n                pub:\n${hexBlock(publicKeyBytes(k), 15, 20)}                ASN1 OID: prime256v1\n                NIST CURVE: P-256\n`
}

/** X509_print_ex with the default flags */
export function certificateText(c: Certificate, v: OpensslVersion): string {
  let out = 'Certificate:\n    Data:\n'
  out += `        Version: ${c.version} (0x${(c.version - 1).toString(16)})\n`
  out += serialText(c.serial)
  out += `        Signature Algorithm: ${sigName(c.sigAlg)}\n`
  out += `        Issuer: ${nameText(c.issuer, v)}\n`
  out += `        Validity\n            Not Before: ${certDate(c.notBefore)}\n            Not After : ${certDate(c.notAfter)}\n`
  out += `        Subject: ${nameText(c.subject, v)}\n`
  out += `        Subject Public Key Info:\n${publicKeyText(c)}`
  if (c.extensions.length) {
    out += '        X509v3 extensions:\n'
    for (const e of c.extensions) {
      const [title, value] = extText(e, v)
      out += `            ${title}: ${e.critical ? 'critical' : ''}\n                ${value}\n`
    }
  }
  if (v === '3.0') out += `    Signature Algorithm: ${sigName(c.sigAlg)}\n    Signature Value:\n${hexBlock(c.signature, 18, 8)}`
  else out += `    Signature Algorithm: ${sigName(c.sigAlg)}\n${hexBlock(c.signature, 18, 9)}`
  return out
}
