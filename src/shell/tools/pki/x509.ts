// X.509 certificates and PKCS#10 requests: distinguished names, the v3 extensions the lab's tools write
// (subject/authority key identifiers, basic constraints, key usage, extended key usage, subjectAltName),
// building and signing them, and parsing them back into a model the printers use.

import { children, oid as readOid, readDer, text, time as readTime, type Der } from '../../../core/ingress/der.ts'
import { bitsOf } from './bits.ts'
import { asciiBytes, bool, bytesToBig, explicit, int, octets, oid, printableString, seq, set, tlv, utf8String, time, type Bytes, isPrintable, ia5String, bits as bitString } from './asn1.ts'
import { algorithmIdentifier, parseSpki, sign, sigAlgOf, spki, publicOf, type PrivateKey, type PublicKey } from './keys.ts'

export interface NameAttr { type: string; value: string }
/** a distinguished name: RDNs in order, one attribute each */
export type Name = NameAttr[]

export const ATTR_OIDS: Record<string, string> = {
  CN: '2.5.4.3', C: '2.5.4.6', L: '2.5.4.7', ST: '2.5.4.8', street: '2.5.4.9', O: '2.5.4.10', OU: '2.5.4.11',
  serialNumber: '2.5.4.5', postalCode: '2.5.4.17', emailAddress: '1.2.840.113549.1.9.1', DC: '0.9.2342.19200300.100.1.25',
}
const ATTR_BY_OID = Object.fromEntries(Object.entries(ATTR_OIDS).map(([k, v]) => [v, k]))

/** how values are encoded: OpenSSL's utf8only mask (PrintableString for C), or Go's (PrintableString when it can) */
export type StringStyle = 'openssl' | 'go'

export function encodeName(name: Name, style: StringStyle): Bytes {
  return seq(...name.map((a) => {
    const id = ATTR_OIDS[a.type] ?? a.type
    const value = a.type === 'emailAddress' ? ia5String(a.value)
      : a.type === 'C' || (style === 'go' && isPrintable(a.value)) ? printableString(a.value) : utf8String(a.value)
    return set(seq(oid(id), value))
  }))
}

export function readName(d: Der): Name {
  const out: Name = []
  for (const rdn of children(d)) for (const atv of children(rdn)) {
    const [t, v] = children(atv)
    const id = readOid(t)
    out.push({ type: ATTR_BY_OID[id] ?? id, value: text(v) })
  }
  return out
}

export interface Extension { oid: string; critical: boolean; value: Bytes }

export const EXT = {
  subjectKeyIdentifier: '2.5.29.14', keyUsage: '2.5.29.15', subjectAltName: '2.5.29.17', basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35', extKeyUsage: '2.5.29.37',
} as const

export const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const
export const EKU_OIDS: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2', codeSigning: '1.3.6.1.5.5.7.3.3', emailProtection: '1.3.6.1.5.5.7.3.4',
  ipsecEndSystem: '1.3.6.1.5.5.7.3.5', ipsecTunnel: '1.3.6.1.5.5.7.3.6', ipsecUser: '1.3.6.1.5.5.7.3.7', timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9', anyExtendedKeyUsage: '2.5.29.37.0',
}

export type GeneralName = { kind: 'DNS' | 'email' | 'URI'; value: string } | { kind: 'IP'; value: Bytes }

export const ext = {
  ski: (id: Bytes): Extension => ({ oid: EXT.subjectKeyIdentifier, critical: false, value: octets(id) }),
  aki: (id: Bytes): Extension => ({ oid: EXT.authorityKeyIdentifier, critical: false, value: seq(tlv(0x80, id)) }),
  basicConstraints: (ca: boolean, critical: boolean, pathLen?: number): Extension => ({
    oid: EXT.basicConstraints, critical,
    value: seq(...(ca ? [bool(true)] : []), ...(pathLen !== undefined ? [int(pathLen)] : [])),
  }),
  keyUsage: (usages: readonly string[], critical: boolean): Extension => {
    const on = usages.map((u) => KEY_USAGE_BITS.indexOf(u as (typeof KEY_USAGE_BITS)[number]))
    return { oid: EXT.keyUsage, critical, value: bitsOf(on) }
  },
  extKeyUsage: (usages: readonly string[], critical = false): Extension => ({
    oid: EXT.extKeyUsage, critical, value: seq(...usages.map((u) => oid(EKU_OIDS[u] ?? u))),
  }),
  subjectAltName: (names: readonly GeneralName[], critical = false): Extension => ({
    oid: EXT.subjectAltName, critical,
    value: seq(...names.map((n) => n.kind === 'IP' ? tlv(0x87, n.value)
      : tlv(n.kind === 'DNS' ? 0x82 : n.kind === 'email' ? 0x81 : 0x86, asciiBytes(n.value)))),
  }),
}

const encodeExtensions = (exts: readonly Extension[]) =>
  seq(...exts.map((e) => seq(oid(e.oid), ...(e.critical ? [bool(true)] : []), octets(e.value))))

export interface CertTemplate {
  /** 1 or 3 (v1 has no extensions) */
  version: 1 | 3
  serial: bigint
  issuer: Name
  subject: Name
  notBefore: number
  notAfter: number
  publicKey: PublicKey
  extensions: Extension[]
  strings: StringStyle
}

/** sign a certificate with the issuer's key; returns DER */
export function buildCertificate(t: CertTemplate, issuerKey: PrivateKey): Bytes {
  const sigOid = sigAlgOf(publicOf(issuerKey))
  const alg = algorithmIdentifier(sigOid)
  const tbs = seq(
    ...(t.version === 3 ? [explicit(0, int(2))] : []),
    int(t.serial), alg, encodeName(t.issuer, t.strings), seq(time(t.notBefore), time(t.notAfter)), encodeName(t.subject, t.strings),
    spki(t.publicKey),
    ...(t.version === 3 && t.extensions.length ? [explicit(3, encodeExtensions(t.extensions))] : []),
  )
  return seq(tbs, alg, bitString(sign(issuerKey, tbs)))
}

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14'

/** a PKCS#10 request signed by its own key; returns DER */
export function buildRequest(subject: Name, key: PrivateKey, extensions: Extension[], strings: StringStyle): Bytes {
  const attrs = extensions.length ? seq(oid(EXTENSION_REQUEST), set(encodeExtensions(extensions))) : new Uint8Array()
  const info = seq(int(0), encodeName(subject, strings), spki(publicOf(key)), tlv(0xa0, attrs))
  const sigOid = sigAlgOf(publicOf(key))
  return seq(info, algorithmIdentifier(sigOid), bitString(sign(key, info)))
}

// ---- parsing ----

function readExtensions(d: Der): Extension[] {
  return children(d).map((e) => {
    const parts = children(e)
    const critical = parts.length === 3 && parts[1].tag === 0x01 && parts[1].body[0] !== 0
    return { oid: readOid(parts[0]), critical, value: parts[parts.length - 1].body }
  })
}

export interface Certificate {
  der: Bytes
  tbs: Bytes
  version: number
  serial: Bytes
  sigAlg: string
  issuer: Name
  subject: Name
  notBefore: number
  notAfter: number
  publicKey: PublicKey
  extensions: Extension[]
  signature: Bytes
}

/** the whole TLV of `d` as it appears in `buf` (the signed bytes of a TBS or request info) */
function rawOf(buf: Bytes, d: Der): Bytes {
  const len = d.body.length
  const header = 1 + (len < 0x80 ? 1 : 1 + Math.ceil(len.toString(16).length / 2))
  const start = d.body.byteOffset - buf.byteOffset - header
  return buf.subarray(start, start + header + len)
}

export function parseCertificate(der: Bytes): Certificate {
  const top = readDer(der).der
  const [tbsD, algD, sigD] = children(top)
  const tbs = children(tbsD)
  let i = 0
  let version = 1
  if (tbs[0].tag === 0xa0) { version = Number(bytesToBig(children(tbs[0])[0].body)) + 1; i++ }
  const serial = tbs[i++].body
  i++
  const issuer = readName(tbs[i++])
  const [nb, na] = children(tbs[i++])
  const subject = readName(tbs[i++])
  const publicKey = parseSpki(tbs[i++])
  let extensions: Extension[] = []
  for (; i < tbs.length; i++) if (tbs[i].tag === 0xa3) extensions = readExtensions(children(tbs[i])[0])
  return {
    der, tbs: rawOf(der, tbsD), version, serial: stripZero(serial), sigAlg: readOid(children(algD)[0]), issuer, subject,
    notBefore: readTime(nb), notAfter: readTime(na), publicKey, extensions, signature: sigD.body.subarray(1),
  }
}

const stripZero = (b: Bytes) => (b.length > 1 && b[0] === 0 ? b.subarray(1) : b)

export interface Request { der: Bytes; info: Bytes; subject: Name; publicKey: PublicKey; extensions: Extension[]; sigAlg: string; signature: Bytes }

export function parseRequest(der: Bytes): Request {
  const [infoD, algD, sigD] = children(readDer(der).der)
  const [, subjectD, spkiD, attrsD] = children(infoD)
  let extensions: Extension[] = []
  for (const attr of attrsD ? children(attrsD) : []) {
    const [t, values] = children(attr)
    if (readOid(t) === EXTENSION_REQUEST) extensions = readExtensions(children(values)[0])
  }
  return {
    der, info: rawOf(der, infoD), subject: readName(subjectD), publicKey: parseSpki(spkiD), extensions,
    sigAlg: readOid(children(algD)[0]), signature: sigD.body.subarray(1),
  }
}

export function parseGeneralNames(value: Bytes): GeneralName[] {
  return children(readDer(value).der).map((g): GeneralName => {
    const s = [...g.body].map((c) => String.fromCharCode(c)).join('')
    if (g.tag === 0x87) return { kind: 'IP', value: Uint8Array.from(g.body) }
    return { kind: g.tag === 0x82 ? 'DNS' : g.tag === 0x81 ? 'email' : 'URI', value: s }
  })
}

export { readDer }
