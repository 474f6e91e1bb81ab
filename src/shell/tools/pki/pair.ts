// The public-key check of Go's tls.X509KeyPair (after its PEM checks, which create-secret.ts makes):
// the leaf certificate's key must be the private key's, with Go's error texts.

import { parsePrivateKeyDer, publicOf, samePublicKey } from './keys.ts'
import { pemBlocksOf } from './io.ts'
import { parseCertificate } from './x509.ts'

/** undefined when the pair matches (or cannot be decoded here); otherwise the error kubectl prints */
export function keyPairMismatch(certPem: string, keyPem: string): string | undefined {
  const c = pemBlocksOf(certPem).find((b) => b.type === 'CERTIFICATE')
  const k = pemBlocksOf(keyPem).find((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'))
  if (!c || !k) return undefined
  let cert, key
  // bodies the lab cannot decode are left to the PEM checks (create.test.ts feeds placeholder blocks)
  try { cert = parseCertificate(c.der); key = parsePrivateKeyDer(k.type, k.der) } catch { return undefined }
  if (cert.publicKey.kind !== key.kind) return 'tls: private key type does not match public key type'
  return samePublicKey(cert.publicKey, publicOf(key)) ? undefined : 'tls: private key does not match public key'
}
