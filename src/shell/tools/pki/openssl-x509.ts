// `openssl x509`: print a certificate (-text, -subject, -issuer, -dates, -startdate, -enddate, -serial,
// -fingerprint) or sign a request (-req with -CA/-CAkey/-CAcreateserial or -signkey, -days, -extfile/-extensions),
// keeping the CA's serial file (`ca.srl`) as OpenSSL does.

import { sha1 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { CommandContext, CommandResult } from '../../types.ts'
import { certDate } from '../../../core/ingress/x509.ts'
import { bytesToBig, hexColon, pem } from './asn1.ts'
import { keyIdentifier, publicOf, samePublicKey, verify } from './keys.ts'
import { extensionsFrom, parseConf } from './openssl-conf.ts'
import { loadCert, loadKey, loadRequest, OpensslError } from './openssl-load.ts'
import { parseOpts } from './openssl-opts.ts'
import { randomSerial } from './openssl-req.ts'
import { readText } from './io.ts'
import { certificateText, nameOneline, nameText, type OpensslVersion } from './text.ts'
import { buildCertificate, EXT, ext, parseCertificate, readDer, type Certificate, type Extension } from './x509.ts'

const SPEC = {
  in: 'value', out: 'value', noout: 'flag', text: 'flag', subject: 'flag', issuer: 'flag', dates: 'flag', startdate: 'flag', enddate: 'flag',
  serial: 'flag', fingerprint: 'flag', sha1: 'flag', sha256: 'flag', req: 'flag', CA: 'value', CAkey: 'value', CAcreateserial: 'flag',
  CAserial: 'value', days: 'value', extfile: 'value', extensions: 'value', signkey: 'value', set_serial: 'value', inform: 'value', outform: 'value',
  nameopt: 'value', purpose: 'flag', pubkey: 'flag',
} as const

const PRINT_ORDER = ['issuer', 'subject', 'serial', 'startdate', 'enddate', 'fingerprint'] as const

function srlPath(caPath: string): string {
  const dot = caPath.lastIndexOf('.')
  const slash = caPath.lastIndexOf('/')
  return (dot > slash ? caPath.slice(0, dot) : caPath) + '.srl'
}

function sign(ctx: CommandContext, o: ReturnType<typeof parseOpts>, v: OpensslVersion): { cert: Certificate; err: string } {
  const request = loadRequest(ctx, v, o.values.get('in') ?? '-')
  let err = ''
  if (!verify(request.publicKey, request.sigAlg, request.info, request.signature)) {
    throw new OpensslError(v === '3.0' ? 'Certificate request self-signature did not match the contents\n' : 'Signature did not match the certificate request\n')
  }
  err += v === '3.0' ? `Certificate request self-signature ok\nsubject=${nameText(request.subject, v)}\n` : `Signature ok\nsubject=${nameOneline(request.subject)}\n`
  const caPath = o.values.get('CA')
  const signKeyPath = o.values.get('CAkey') ?? o.values.get('signkey') ?? caPath
  if (!signKeyPath) throw new OpensslError('We need a private key to sign with\n')
  if (caPath && v === '1.0.2') err += 'Getting CA Private Key\n'
  if (!caPath && v === '1.0.2') err += 'Getting Private key\n'
  const ca = caPath ? loadCert(ctx, v, caPath) : undefined
  const key = loadKey(ctx, v, signKeyPath)
  if (ca && !samePublicKey(ca.publicKey, publicOf(key))) {
    throw new OpensslError(v === '3.0' ? `40C7D768217F0000:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:405:\n`
      : `CA certificate and CA private key do not match\n139787236083616:error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch:x509_cmp.c:331:\n`)
  }
  if (!ca && !samePublicKey(request.publicKey, publicOf(key))) throw new OpensslError('Signature key and public key of cert do not match\n')
  let serial: bigint
  if (o.values.has('set_serial')) serial = BigInt(o.values.get('set_serial')!)
  else if (ca) {
    const srl = o.values.get('CAserial') ?? srlPath(caPath!)
    const prev = readText(ctx, srl)
    if (prev === undefined && !o.flags.has('CAcreateserial')) {
      throw new OpensslError(v === '3.0' ? `${srl}: No such file or directory\n40C7D768217F0000:error:80000002:system library:file_ctrl:No such file or directory:../crypto/bio/bss_file.c:297:calling fopen(${srl}, r)\n`
        : `${srl}: No such file or directory\n139787236083616:error:02001002:system library:fopen:No such file or directory:bss_file.c:402:fopen('${srl}','r')\n`)
    }
    serial = prev === undefined ? randomSerial(ctx, v) : BigInt('0x' + prev.trim()) + 1n
    const hex = serial.toString(16).toUpperCase()
    ctx.fs.write(srl, (hex.length % 2 ? '0' + hex : hex) + '\n')
  } else serial = randomSerial(ctx, v)
  const caSki = ca?.extensions.find((e) => e.oid === EXT.subjectKeyIdentifier)
  const issuerKeyId = caSki ? readDer(caSki.value).der.body : keyIdentifier(ca ? ca.publicKey : request.publicKey)
  let extensions: Extension[] = []
  const extfile = o.values.get('extfile')
  if (extfile) {
    const t = readText(ctx, extfile)
    if (t === undefined) throw new OpensslError(`Error opening extfile ${extfile}\n`)
    const conf = parseConf(t)
    const section = o.values.get('extensions') ?? 'default'
    extensions = extensionsFrom(conf.get(section) ?? [], conf, { subjectKeyId: keyIdentifier(request.publicKey), issuerKeyId })
    if (v === '3.0') {
      if (!extensions.some((e) => e.oid === EXT.subjectKeyIdentifier)) extensions.push(ext.ski(keyIdentifier(request.publicKey)))
      if (!extensions.some((e) => e.oid === EXT.authorityKeyIdentifier) && ca) extensions.push(ext.aki(issuerKeyId))
    }
  }
  const now = Math.floor(ctx.cluster.clock.now() / 1000) * 1000
  const days = Number(o.values.get('days') ?? 30)
  const der = buildCertificate({
    version: extensions.length ? 3 : 1, serial, issuer: ca ? ca.subject : request.subject, subject: request.subject,
    notBefore: now, notAfter: now + days * 86400000, publicKey: request.publicKey, extensions, strings: 'openssl',
  }, key)
  return { cert: parseCertificate(der), err }
}

export function x509(ctx: CommandContext, args: string[], v: OpensslVersion): CommandResult {
  const o = parseOpts('x509', args, SPEC, v)
  let cert: Certificate
  let stderr = ''
  if (o.flags.has('req')) ({ cert, err: stderr } = sign(ctx, o, v))
  else cert = loadCert(ctx, v, o.values.get('in') ?? '-')
  let stdout = ''
  const sha = o.flags.has('sha256') ? 'sha256' : 'sha1'
  // OpenSSL prints the one-line fields in the order they were given on the command line
  for (const a of args) {
    const name = a.replace(/^--?/, '')
    if (!(PRINT_ORDER as readonly string[]).includes(name) && name !== 'dates') continue
    if (name === 'subject') stdout += v === '3.0' ? `subject=${nameText(cert.subject, v)}\n` : `subject= ${nameOneline(cert.subject)}\n`
    if (name === 'issuer') stdout += v === '3.0' ? `issuer=${nameText(cert.issuer, v)}\n` : `issuer= ${nameOneline(cert.issuer)}\n`
    if (name === 'serial') stdout += `serial=${bytesHex(cert.serial)}\n`
    if (name === 'startdate' || name === 'dates') stdout += `notBefore=${certDate(cert.notBefore)}\n`
    if (name === 'enddate' || name === 'dates') stdout += `notAfter=${certDate(cert.notAfter)}\n`
    if (name === 'fingerprint') {
      const digest = sha === 'sha256' ? sha256(cert.der) : sha1(cert.der)
      stdout += `${sha === 'sha256' ? (v === '3.0' ? 'sha256' : 'SHA256') : 'SHA1'} Fingerprint=${hexColon(digest, true)}\n`
    }
  }
  if (o.flags.has('text')) stdout += certificateText(cert, v)
  if (!o.flags.has('noout')) {
    const text = pem('CERTIFICATE', cert.der)
    const out = o.values.get('out')
    if (out) ctx.fs.write(out, text)
    else stdout += text
  }
  return { stdout, stderr, exitCode: 0 }
}

const bytesHex = (b: Uint8Array) => {
  const h = bytesToBig(b).toString(16).toUpperCase()
  return h.length % 2 ? '0' + h : h
}
