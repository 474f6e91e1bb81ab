// `openssl` on the lab's nodes: the subcommands certificate tutorials use (req, x509, genrsa, ecparam, version),
// OpenSSL 3.0 on kubeadm nodes (Debian 12) and 1.0.2k on the binary profile's CentOS 7 nodes.

import type { Command, CommandContext, CommandResult } from '../../types.ts'
import { fail, ok, opensslVersionOf } from './io.ts'
import { generateEc, pemPkcs8, pemTraditional } from './keys.ts'
import { OpensslError } from './openssl-load.ts'
import { parseOpts } from './openssl-opts.ts'
import { req } from './openssl-req.ts'
import { x509 } from './openssl-x509.ts'
import { pkiRng } from './rng.ts'
import { generateRsa } from './rsa.ts'
import type { OpensslVersion } from './text.ts'

export const OPENSSL_VERSION: Record<OpensslVersion, string> = {
  '3.0': 'OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)',
  '1.0.2': 'OpenSSL 1.0.2k-fips  26 Jan 2017',
}

function genrsa(ctx: CommandContext, args: string[], v: OpensslVersion): CommandResult {
  const o = parseOpts('genrsa', args, { out: 'value', verbose: 'flag', traditional: 'flag', f4: 'flag', '3': 'flag' }, v)
  const bits = Number(o.params[0] ?? 2048)
  if (!Number.isInteger(bits) || bits < 512) throw new OpensslError(v === '3.0' ? `genrsa: Extra option: "${o.params[0]}"\ngenrsa: Use -help for summary.\n` : 'usage: genrsa [args] [numbits]\n')
  let dots = ''
  const key = generateRsa(pkiRng(ctx.cluster), bits, v === '3.0' ? 'openssl3' : 'openssl1', (c) => { dots += '.+*\n'[c] })
  const text = v === '3.0' && !o.flags.has('traditional') ? pemPkcs8(key) : pemTraditional(key)
  const stderr = v === '3.0'
    ? (o.flags.has('verbose') ? `Generating RSA private key, ${bits} bit long modulus (2 primes)\n${dots}e is 65537 (0x010001)\n` : '')
    : `Generating RSA private key, ${bits} bit long modulus\n${dots}e is 65537 (0x10001)\n`
  const out = o.values.get('out')
  if (out) { ctx.fs.write(out, text); return ok('', stderr) }
  return ok(text, stderr)
}

function ecparam(ctx: CommandContext, args: string[], v: OpensslVersion): CommandResult {
  const o = parseOpts('ecparam', args, { name: 'value', genkey: 'flag', noout: 'flag', out: 'value' }, v)
  const name = o.values.get('name')
  if (name && !['prime256v1', 'P-256'].includes(name)) throw new OpensslError(v === '3.0' ? `unknown curve name (${name})\n` : `unknown curve name (${name})\n`)
  let text = o.flags.has('noout') ? '' : '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n'
  if (o.flags.has('genkey')) text += pemTraditional(generateEc(pkiRng(ctx.cluster)))
  const out = o.values.get('out')
  if (out) { ctx.fs.write(out, text); return ok() }
  return ok(text)
}

export const openssl: Command = (ctx) => {
  const v = opensslVersionOf(ctx)
  const [sub, ...args] = ctx.args
  try {
    switch (sub) {
      case 'req': return req(ctx, args, v)
      case 'x509': return x509(ctx, args, v)
      case 'genrsa': return genrsa(ctx, args, v)
      case 'ecparam': return ecparam(ctx, args, v)
      case 'version': return ok(`${OPENSSL_VERSION[v]}\n`)
      case undefined: return fail('', '', 0)
      default:
        return v === '3.0' ? fail(`Invalid command '${sub}'; type "help" for a list.\n`) : fail(`openssl:Error: '${sub}' is an invalid command.\n`)
    }
  } catch (e) {
    if (e instanceof OpensslError) return fail(e.message)
    throw e
  }
}
