// Private and public keys of the PKI tools: RSA (rsa.ts) and ECDSA P-256 (@noble/curves), their DER/PEM forms
// (PKCS#8 "PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY", SubjectPublicKeyInfo) and parsing back.

import { p256 } from '@noble/curves/nist.js'
import { sha1 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { Rng } from '../../../core/util/rand.ts'
import { children, oid as readOid, readDer, type Der } from '../../../core/ingress/der.ts'
import { bigToBytes, bits, bytesToBig, explicit, int, nullDer, octets, oid, pem, seq, type Bytes } from './asn1.ts'
import { randomRange } from './prime.ts'
import { rsaBits, rsaSign, rsaVerify, type RsaKey } from './rsa.ts'

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
} as const

export interface EcKey { kind: 'ec'; d: bigint; pub: Bytes }
export type PrivateKey = RsaKey | EcKey
export type PublicKey = { kind: 'rsa'; n: bigint; e: bigint } | { kind: 'ec'; pub: Bytes }

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n

export function generateEc(rng: Rng): EcKey {
  const d = randomRange(rng, 1n, P256_N - 1n)
  return { kind: 'ec', d, pub: p256.getPublicKey(bigToBytes(d, 32), false) }
}

export const publicOf = (k: PrivateKey): PublicKey => (k.kind === 'rsa' ? { kind: 'rsa', n: k.n, e: k.e } : { kind: 'ec', pub: k.pub })

export function keyBits(k: PublicKey): number {
  return k.kind === 'rsa' ? rsaBits(k) : 256
}

export function pkcs1(k: RsaKey): Bytes {
  return seq(int(0), int(k.n), int(k.e), int(k.d), int(k.p), int(k.q), int(k.dp), int(k.dq), int(k.qi))
}

/** SEC1 ECPrivateKey; `params` false inside PKCS#8 (as OpenSSL writes it) */
export function sec1(k: EcKey, params = true): Bytes {
  return seq(int(1), octets(bigToBytes(k.d, 32)), ...(params ? [explicit(0, oid(OID.prime256v1))] : []), explicit(1, bits(k.pub)))
}

export function pkcs8(k: PrivateKey): Bytes {
  return k.kind === 'rsa'
    ? seq(int(0), seq(oid(OID.rsaEncryption), nullDer()), octets(pkcs1(k)))
    : seq(int(0), seq(oid(OID.ecPublicKey), oid(OID.prime256v1)), octets(sec1(k, false)))
}

/** the subjectPublicKey BIT STRING's contents (what a key identifier hashes) */
export function publicKeyBytes(k: PublicKey): Bytes {
  return k.kind === 'rsa' ? seq(int(k.n), int(k.e)) : k.pub
}

export function spki(k: PublicKey): Bytes {
  const alg = k.kind === 'rsa' ? seq(oid(OID.rsaEncryption), nullDer()) : seq(oid(OID.ecPublicKey), oid(OID.prime256v1))
  return seq(alg, bits(publicKeyBytes(k)))
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits */
export const keyIdentifier = (k: PublicKey): Bytes => sha1(publicKeyBytes(k))

export const pemPkcs8 = (k: PrivateKey) => pem('PRIVATE KEY', pkcs8(k))
export const pemTraditional = (k: PrivateKey) => (k.kind === 'rsa' ? pem('RSA PRIVATE KEY', pkcs1(k)) : pem('EC PRIVATE KEY', sec1(k)))

/** the signature algorithm a key signs with (SHA-256 in every tool the lab has) */
export const sigAlgOf = (k: PublicKey): string => (k.kind === 'rsa' ? OID.sha256WithRSA : OID.ecdsaWithSHA256)

export function algorithmIdentifier(sigOid: string): Bytes {
  return sigOid === OID.ecdsaWithSHA256 ? seq(oid(sigOid)) : seq(oid(sigOid), nullDer())
}

/** sign DER bytes with SHA-256 (ECDSA: RFC 6979 nonces, DER signature) */
export function sign(k: PrivateKey, data: Bytes): Bytes {
  const digest = sha256(data)
  if (k.kind === 'rsa') return rsaSign(k, 'sha256', digest)
  return p256.sign(digest, bigToBytes(k.d, 32), { prehash: false, format: 'der', lowS: false })
}

export function verify(k: PublicKey, sigOid: string, data: Bytes, sig: Bytes): boolean {
  const digest = sha256(data)
  if (k.kind === 'ec') return sigOid === OID.ecdsaWithSHA256 && p256.verify(sig, digest, k.pub, { prehash: false, format: 'der', lowS: false })
  if (sigOid !== OID.sha256WithRSA) return false
  return rsaVerify(k, 'sha256', digest, sig)
}

// ---- parsing ----

const int$ = (d: Der): bigint => bytesToBig(d.body)

function rsaFromPkcs1(der: Der): RsaKey {
  const [, n, e, d, p, q, dp, dq, qi] = children(der).map(int$)
  if (qi === undefined) throw new Error('not an RSA key')
  return { kind: 'rsa', n, e, d, p, q, dp, dq, qi }
}

function ecFromSec1(der: Der): EcKey {
  const parts = children(der)
  const d = bytesToBig(parts[1].body)
  const pubTag = parts.find((x) => x.tag === 0xa1)
  const pub = pubTag ? children(pubTag)[0].body.subarray(1) : p256.getPublicKey(bigToBytes(d, 32), false)
  return { kind: 'ec', d, pub: Uint8Array.from(pub) }
}

/** a private key from DER of the PEM type given */
export function parsePrivateKeyDer(type: string, bytes: Bytes): PrivateKey {
  const der = readDer(bytes).der
  if (type === 'RSA PRIVATE KEY') return rsaFromPkcs1(der)
  if (type === 'EC PRIVATE KEY') return ecFromSec1(der)
  const [, alg, inner] = children(der)
  const algOid = readOid(children(alg)[0])
  const body = readDer(inner.body).der
  if (algOid === OID.rsaEncryption) return rsaFromPkcs1(body)
  if (algOid === OID.ecPublicKey) return ecFromSec1(body)
  throw new Error('unsupported key algorithm')
}

export function parseSpki(der: Der): PublicKey {
  const [alg, bitStr] = children(der)
  const algOid = readOid(children(alg)[0])
  const body = bitStr.body.subarray(1)
  if (algOid === OID.rsaEncryption) {
    const [n, e] = children(readDer(body).der).map(int$)
    return { kind: 'rsa', n, e }
  }
  if (algOid === OID.ecPublicKey) return { kind: 'ec', pub: Uint8Array.from(body) }
  throw new Error('unsupported public key algorithm')
}

export function samePublicKey(a: PublicKey, b: PublicKey): boolean {
  if (a.kind === 'rsa' && b.kind === 'rsa') return a.n === b.n && a.e === b.e
  if (a.kind === 'ec' && b.kind === 'ec') return a.pub.length === b.pub.length && a.pub.every((x, i) => x === b.pub[i])
  return false
}
