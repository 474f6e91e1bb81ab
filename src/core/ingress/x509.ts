// X.509 certificate fields a TLS client shows (`curl -v`'s "Server certificate" block): subject, issuer,
// validity, subjectAltName DNS names and IPs, serial. Read from PEM with the DER reader; no verification.

import { children, decodeBase64, oid, pemBlocks, readDer, text, time, type Der } from './der.ts'

export interface NameAttr { type: string; value: string }

export interface CertInfo {
  subject: NameAttr[]
  issuer: NameAttr[]
  /** epoch ms */
  notBefore: number
  notAfter: number
  dnsNames: string[]
  ipAddresses: string[]
  /** hex, upper case, colon separated (openssl's serial text) */
  serial: string
  selfSigned: boolean
  /** the DER encoding's size in bytes (a TLS Certificate message carries it) */
  derLength?: number
}

const ATTR_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.9': 'street',
  '2.5.4.10': 'O', '2.5.4.11': 'OU', '1.2.840.113549.1.9.1': 'emailAddress', '0.9.2342.19200300.100.1.25': 'DC',
}

function readName(d: Der): NameAttr[] {
  const out: NameAttr[] = []
  for (const rdn of children(d)) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv)
      if (!t || !v) continue
      const id = oid(t)
      out.push({ type: ATTR_NAMES[id] ?? id, value: text(v) })
    }
  }
  return out
}

function ipText(b: Uint8Array): string {
  if (b.length === 4) return [...b].join('.')
  const groups: string[] = []
  for (let i = 0; i + 1 < b.length; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16))
  return groups.join(':')
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0')

/** Parses one DER certificate; throws on malformed input. */
export function parseCertificateDer(der: Uint8Array): CertInfo {
  const cert = readDer(der).der
  const tbs = children(children(cert)[0] ?? { tag: 0, body: new Uint8Array() })
  let i = 0
  if (tbs[0]?.tag === 0xa0) i++ // [0] EXPLICIT version
  const serialDer = tbs[i++], _sigAlg = tbs[i++], issuerDer = tbs[i++], validity = tbs[i++], subjectDer = tbs[i++]
  if (!serialDer || !issuerDer || !validity || !subjectDer) throw new Error('x509: malformed certificate')
  i++ // subjectPublicKeyInfo
  const dnsNames: string[] = [], ipAddresses: string[] = []
  for (; i < tbs.length; i++) {
    if (tbs[i].tag !== 0xa3) continue // [3] extensions
    for (const ext of children(children(tbs[i])[0])) {
      const parts = children(ext)
      if (oid(parts[0]) !== '2.5.29.17') continue
      const value = parts[parts.length - 1]
      for (const gn of children(readDer(value.body).der)) {
        if (gn.tag === 0x82) dnsNames.push(text({ tag: 0x16, body: gn.body }))
        else if (gn.tag === 0x87) ipAddresses.push(ipText(gn.body))
      }
    }
  }
  const [nb, na] = children(validity)
  const subject = readName(subjectDer), issuer = readName(issuerDer)
  let serialBytes = [...serialDer.body]
  while (serialBytes.length > 1 && serialBytes[0] === 0) serialBytes = serialBytes.slice(1)
  return {
    subject, issuer, notBefore: time(nb), notAfter: time(na), dnsNames, ipAddresses,
    serial: serialBytes.map(hex2).join(':'),
    selfSigned: JSON.stringify(subject) === JSON.stringify(issuer),
    derLength: der.length,
  }
}

/** The first CERTIFICATE in a PEM text (the leaf of a chain), or undefined when there is none or it is malformed. */
export function parseCertificatePem(pem: string): CertInfo | undefined {
  const first = pemBlocks(pem, 'CERTIFICATE')[0]
  if (!first) return undefined
  try {
    return parseCertificateDer(first)
  } catch {
    return undefined
  }
}

/** A Secret's base64 `data` value as text (undefined when it is not base64). */
export function secretText(b64: string | undefined): string | undefined {
  if (b64 === undefined) return undefined
  const bytes = decodeBase64(b64)
  if (!bytes) return undefined
  let s = ''
  for (const c of bytes) s += String.fromCharCode(c)
  return s
}

/** A distinguished name as curl prints it with OpenSSL: attributes in certificate order, `; ` between them. */
export function curlName(name: NameAttr[]): string {
  return name.map((a) => `${a.type}=${a.value}`).join('; ')
}

/** `May 11 16:05:16 2020 GMT`: the date form curl and openssl print (ASN1_TIME_print). */
export function certDate(ms: number): string {
  const d = new Date(ms)
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]
  const p2 = (n: number) => String(n).padStart(2, '0')
  return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`
}
