// Loading keys, certificates and requests for `openssl`, with the errors each OpenSSL version prints
// when a file is missing or holds something else.

import type { CommandContext } from '../../types.ts'
import { parsePrivateKeyDer, type PrivateKey } from './keys.ts'
import { parseCertificate, parseRequest, type Certificate, type Request } from './x509.ts'
import { pemBlocksOf, readText } from './io.ts'
import type { OpensslVersion } from './text.ts'

export class OpensslError extends Error {}

const THREAD = '40C7D768217F0000'

function missing(v: OpensslVersion, what: string, path: string, exists: boolean): OpensslError {
  if (v === '3.0') {
    const detail = exists ? `${THREAD}:error:1608010C:STORE routines:inner_loader_fetch:unsupported:../crypto/store/store_meth.c:353:Global default library context, Scheme (file : 0), Properties (<null>)\n`
      : `${THREAD}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n` +
        `${THREAD}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:266:calling stat(${path})\n`
    return new OpensslError(`Could not open file or uri for loading ${what} from ${path}\n${detail}${what === 'certificate' ? 'Unable to load certificate\n' : ''}`)
  }
  const cap = what === 'certificate' ? 'unable to load certificate' : what === 'private key' ? 'unable to load Private Key' : 'unable to load X509 request'
  return new OpensslError(exists ? `${cap}\n139787236083616:error:0906D06C:PEM routines:PEM_read_bio:no start line:pem_lib.c:707:Expecting: ANY PRIVATE KEY\n`
    : `${cap}\n139787236083616:error:02001002:system library:fopen:No such file or directory:bss_file.c:402:fopen('${path}','r')\n139787236083616:error:20074002:BIO routines:FILE_CTRL:system lib:bss_file.c:404:\n`)
}

function text(ctx: CommandContext, v: OpensslVersion, what: string, path: string): string {
  const t = readText(ctx, path)
  if (t === undefined) throw missing(v, what, path, false)
  return t
}

export function loadKey(ctx: CommandContext, v: OpensslVersion, path: string): PrivateKey {
  const block = pemBlocksOf(text(ctx, v, 'private key', path)).find((b) => b.type.endsWith('PRIVATE KEY'))
  if (!block) throw missing(v, 'private key', path, true)
  return parsePrivateKeyDer(block.type, block.der)
}

export function loadCert(ctx: CommandContext, v: OpensslVersion, path: string): Certificate {
  const block = pemBlocksOf(text(ctx, v, 'certificate', path)).find((b) => b.type === 'CERTIFICATE')
  if (!block) {
    if (v === '3.0') throw new OpensslError(`Could not find certificate from ${path}\nUnable to load certificate\n`)
    throw new OpensslError('unable to load certificate\n139787236083616:error:0906D06C:PEM routines:PEM_read_bio:no start line:pem_lib.c:707:Expecting: TRUSTED CERTIFICATE\n')
  }
  return parseCertificate(block.der)
}

export function loadRequest(ctx: CommandContext, v: OpensslVersion, path: string): Request {
  const block = pemBlocksOf(text(ctx, v, 'certificate request', path)).find((b) => b.type === 'CERTIFICATE REQUEST' || b.type === 'NEW CERTIFICATE REQUEST')
  if (!block) throw missing(v, 'certificate request', path, true)
  return parseRequest(block.der)
}
