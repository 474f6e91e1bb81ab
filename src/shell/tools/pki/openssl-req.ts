// `openssl req`: a new key (-newkey rsa:N | ec, or the default RSA key), a PKCS#10 request (-new) or a
// self-signed certificate (-x509) with the extensions of Debian's (3.0) or CentOS 7's (1.0.2) openssl.cnf
// v3_ca section plus -addext; the progress dots and status lines each version prints on stderr.

import type { CommandContext, CommandResult } from '../../types.ts'
import { pem } from './asn1.ts'
import { generateEc, keyIdentifier, pemPkcs8, publicOf, type PrivateKey } from './keys.ts'
import { extensionFrom, parseConf } from './openssl-conf.ts'
import { loadKey, OpensslError } from './openssl-load.ts'
import { parseOpts } from './openssl-opts.ts'
import { generateRsa } from './rsa.ts'
import { randomBytes } from './prime.ts'
import { bytesToBig } from './asn1.ts'
import { pkiRng } from './rng.ts'
import type { OpensslVersion } from './text.ts'
import { buildCertificate, buildRequest, ext, type Extension, type Name } from './x509.ts'
import { ok } from './io.ts'

const SPEC = {
  x509: 'flag', new: 'flag', nodes: 'flag', noenc: 'flag', batch: 'flag', verbose: 'flag', text: 'flag', noout: 'flag', utf8: 'flag',
  sha256: 'flag', sha1: 'flag', sha384: 'flag', sha512: 'flag',
  days: 'value', newkey: 'value', keyout: 'value', out: 'value', subj: 'value', key: 'value', config: 'value', extensions: 'value',
  reqexts: 'value', keyform: 'value', outform: 'value', set_serial: 'value',
  addext: 'multi', pkeyopt: 'multi',
} as const

/** `/CN=a/O=b` with `\` escapes; undefined when it does not start with `/` or an element lacks `=` */
export function parseSubj(s: string): Name | undefined {
  if (!s.startsWith('/')) return undefined
  const parts: string[] = []
  let cur = ''
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) { cur += s[++i]; continue }
    if (s[i] === '/') { parts.push(cur); cur = ''; continue }
    cur += s[i]
  }
  parts.push(cur)
  const out: Name = []
  for (const p of parts.filter((x) => x !== '')) {
    const eq = p.indexOf('=')
    if (eq < 0) return undefined
    const value = p.slice(eq + 1)
    if (value !== '') out.push({ type: p.slice(0, eq), value })
  }
  return out
}

/** a random certificate serial: 159 bits (OpenSSL 3's rand_serial) or 64 bits (1.0.2) */
export function randomSerial(ctx: CommandContext, v: OpensslVersion): bigint {
  const b = randomBytes(pkiRng(ctx.cluster), v === '3.0' ? 20 : 8)
  b[0] &= 0x7f
  return bytesToBig(b)
}

function newKey(ctx: CommandContext, v: OpensslVersion, spec: string, pkeyopts: string[], keyout: string): { key: PrivateKey; err: string } {
  const rng = pkiRng(ctx.cluster)
  const [alg, arg] = spec.split(':')
  if (alg === 'ec') {
    const curve = pkeyopts.map((o) => /^ec_paramgen_curve:(.+)$/.exec(o)?.[1]).find(Boolean) ?? 'prime256v1'
    if (!['prime256v1', 'P-256'].includes(curve)) throw new OpensslError(`${v === '3.0' ? '' : ''}unknown curve name (${curve})\n`)
    const key = generateEc(rng)
    return { key, err: v === '3.0' ? '-----\n' : `Generating an EC private key\nwriting new private key to '${keyout}'\n-----\n` }
  }
  if (alg !== 'rsa') throw new OpensslError(v === '3.0' ? `Unknown algorithm ${alg}\nError making certificate request\n` : `Unknown algorithm ${alg}\n`)
  const bitsN = arg ? Number(arg) : 2048
  let dots = ''
  const key = generateRsa(rng, bitsN, v === '3.0' ? 'openssl3' : 'openssl1', (c) => { dots += '.+*\n'[c] })
  return { key, err: v === '3.0' ? `${dots}-----\n` : `Generating a ${bitsN} bit RSA private key\n${dots}writing new private key to '${keyout}'\n-----\n` }
}

const PROMPT = `You are about to be asked to enter information that will be incorporated
into your certificate request.
What you are about to enter is what is called a Distinguished Name or a DN.
There are quite a few fields but you can leave some blank
For some fields there will be a default value,
If you enter '.', the field will be left blank.
-----
`

export function req(ctx: CommandContext, args: string[], v: OpensslVersion): CommandResult {
  const o = parseOpts('req', args, SPEC, v)
  const keyPath = o.values.get('key')
  const keyout = o.values.get('keyout') ?? 'privkey.pem'
  let key: PrivateKey
  let err = ''
  if (keyPath) key = loadKey(ctx, v, keyPath)
  else {
    const g = newKey(ctx, v, o.values.get('newkey') ?? 'rsa:2048', o.multi.get('pkeyopt') ?? [], keyout)
    key = g.key
    err = g.err
    ctx.fs.write(keyout, pemPkcs8(key))
  }
  const subjText = o.values.get('subj')
  if (subjText === undefined) {
    return { stdout: '', stderr: `${err}${PROMPT}Country Name (2 letter code) [${v === '3.0' ? 'AU' : 'XX'}]:Error making certificate request\n`, exitCode: 1 }
  }
  const subject = parseSubj(subjText)
  if (!subject) {
    throw new OpensslError(v === '3.0'
      ? `req: Subject does not start with '/'.\nError making certificate request\n`
      : `Subject does not start with '/'.\nproblems making Certificate Request\n`)
  }
  const pub = publicOf(key)
  const skid = keyIdentifier(pub)
  const conf = parseConf('')
  const added: Extension[] = []
  for (const line of o.multi.get('addext') ?? []) {
    const eq = line.indexOf('=')
    const e = extensionFrom(line.slice(0, eq).trim(), line.slice(eq + 1).trim(), conf, { subjectKeyId: skid, issuerKeyId: skid })
    if (e) added.push(e)
  }
  const out = o.values.get('out')
  let text: string
  if (o.flags.has('x509')) {
    const now = Math.floor(ctx.cluster.clock.now() / 1000) * 1000
    const days = Number(o.values.get('days') ?? 30)
    const base = v === '3.0' ? [ext.ski(skid), ext.aki(skid), ext.basicConstraints(true, true)] : [ext.ski(skid), ext.aki(skid), ext.basicConstraints(true, false)]
    const extensions = [...base.filter((b) => !added.some((a) => a.oid === b.oid)), ...added]
    const serial = o.values.has('set_serial') ? BigInt(o.values.get('set_serial')!) : randomSerial(ctx, v)
    text = pem('CERTIFICATE', buildCertificate({ version: 3, serial, issuer: subject, subject, notBefore: now, notAfter: now + days * 86400000, publicKey: pub, extensions, strings: 'openssl' }, key))
  } else {
    text = pem('CERTIFICATE REQUEST', buildRequest(subject, key, added, 'openssl'))
  }
  if (o.flags.has('noout')) return ok('', err)
  if (out) { ctx.fs.write(out, text); return ok('', err) }
  return ok(text, err)
}
