// `cfssl` (1.6) and `cfssljson` as binary-install tutorials use them: gencert -initca / -ca -ca-key -config -profile
// [-hostname], print-defaults config|csr, certinfo -cert, version; JSON on stdout, Go log lines on stderr dated by
// the lab's clock; `cfssljson -bare NAME` writing NAME.pem, NAME-key.pem and NAME.csr.

import type { Command, CommandContext, CommandResult } from '../../types.ts'
import { pkiRng } from './rng.ts'
import { fail, ok, pemBlocksOf, readText } from './io.ts'
import { csrPem, generateKey, keyLabel, pemTraditional, publicOf, signCertificate, type CsrJson, type SigningProfile } from './cfssl-sign.ts'
import { certinfo } from './cfssl-info.ts'
import { keyIdentifier, parsePrivateKeyDer } from './keys.ts'
import { EXT, parseCertificate, readDer } from './x509.ts'
import { csrName } from './cfssl-sign.ts'

const NO_HOSTS = `This certificate lacks a "hosts" field. This makes it unsuitable for
websites. For more information see the Baseline Requirements for the Issuance and Management
of Publicly-Trusted Certificates, v.1.1.6, from the CA/Browser Forum (https://cabforum.org);
specifically, section 10.2.3 ("Information Requirements").`

export const DEFAULTS: Record<string, string> = {
  config: `{
    "signing": {
        "default": {
            "expiry": "168h"
        },
        "profiles": {
            "server": {
                "expiry": "8760h",
                "usages": [
                    "signing",
                    "key encipherment",
                    "server auth"
                ]
            },
            "client": {
                "expiry": "8760h",
                "usages": [
                    "signing",
                    "key encipherment",
                    "client auth"
                ]
            }
        }
    }
}
`,
  csr: `{
    "CN": "example.net",
    "hosts": [
        "example.net",
        "www.example.net"
    ],
    "key": {
        "algo": "rsa",
        "size": 2048
    },
    "names": [
        {
            "C": "US",
            "L": "CA",
            "ST": "San Francisco"
        }
    ]
}
`,
}

/** Go's log.LstdFlags prefix: 2026/01/01 00:00:00 */
export function goLogTime(ms: number): string {
  const d = new Date(ms), p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
}

/** Go's flag package: -name=value, -name value, --name; booleans without a value */
function goFlags(args: string[], bools: string[]): { flags: Map<string, string>; rest: string[] } | string {
  const flags = new Map<string, string>(), rest: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (!a.startsWith('-') || a === '-') { rest.push(...args.slice(i)); break }
    const body = a.replace(/^--?/, '')
    const eq = body.indexOf('=')
    const name = eq >= 0 ? body.slice(0, eq) : body
    if (eq >= 0) flags.set(name, body.slice(eq + 1))
    else if (bools.includes(name)) flags.set(name, 'true')
    else if (i + 1 < args.length) flags.set(name, args[++i])
    else return `flag needs an argument: -${name}`
  }
  return { flags, rest }
}

function gencert(ctx: CommandContext, args: string[]): CommandResult {
  const log: string[] = []
  const now = ctx.cluster.clock.now()
  const info = (m: string, level = 'INFO') => log.push(`${goLogTime(now)} [${level}] ${m}`)
  const done = (stdout: string, code = 0) => ({ stdout, stderr: log.map((l) => l + '\n').join(''), exitCode: code })
  const parsed = goFlags(args, ['initca', 'renewca'])
  if (typeof parsed === 'string') return fail(`${parsed}\n`)
  const { flags, rest } = parsed
  const file = rest[0]
  if (!file) { info('specified file must be non-empty', 'ERROR'); return done('', 1) }
  const text = readText(ctx, file)
  if (text === undefined) { info(`open ${file}: no such file or directory`, 'ERROR'); return done('', 1) }
  let req: CsrJson
  try { req = JSON.parse(text) as CsrJson } catch { info('invalid character in CSR JSON', 'ERROR'); return done('', 1) }
  const rng = pkiRng(ctx.cluster)
  if (flags.get('cn')) req.CN = flags.get('cn')
  const initca = flags.get('initca') === 'true'
  if (!initca && flags.get('hostname')) req.hosts = flags.get('hostname')!.split(',')
  if (initca) info('generating a new CA key and certificate from CSR')
  else if (!flags.get('ca') || !flags.get('ca-key')) {
    info(!flags.get('ca') ? 'need a CA certificate (provide one with -ca)' : 'need a CA key (provide one with -ca-key)', 'ERROR')
    return done('')
  }
  info('generate received request')
  if (initca && !req.CN && !(req.names ?? []).length) { info('invalid request: {"code":5300,"message":"missing subject information"}', 'WARNING'); return done('', 1) }
  info('received CSR')
  info(`generating key: ${keyLabel(req)}`)
  let key
  try { key = generateKey(rng, req) } catch (e) { info(`{"code":2400,"message":"${(e as Error).message}"}`, 'ERROR'); return done('', 1) }
  const csr = csrPem(req, key)
  info('encoded CSR')
  const keyPem = pemTraditional(key)
  if (initca) {
    const expiry = req.ca?.expiry ?? '43800h'
    const s = signCertificate(rng, now, csrName(req), publicOf(key), req.hosts ?? [], { usages: ['cert sign', 'crl sign'], expiry, isCA: true }, key, undefined, undefined, req.ca)
    info(`signed certificate with serial number ${s.serial}`)
    return done(JSON.stringify({ cert: s.pem, csr, key: keyPem }) + '\n')
  }
  const caText = readText(ctx, flags.get('ca')!), caKeyText = readText(ctx, flags.get('ca-key')!)
  if (caText === undefined) { info(`open ${flags.get('ca')}: no such file or directory`, 'ERROR'); return done('', 1) }
  if (caKeyText === undefined) { info(`open ${flags.get('ca-key')}: no such file or directory`, 'ERROR'); return done('', 1) }
  const caBlock = pemBlocksOf(caText).find((b) => b.type === 'CERTIFICATE')
  const keyBlock = pemBlocksOf(caKeyText).find((b) => b.type.endsWith('PRIVATE KEY'))
  if (!caBlock || !keyBlock) { info('{"code":1002,"message":"Failed to decode certificate"}', 'ERROR'); return done('', 1) }
  const ca = parseCertificate(caBlock.der)
  const caKey = parsePrivateKeyDer(keyBlock.type, keyBlock.der)
  let profile: SigningProfile = { usages: ['signing', 'key encipherment', 'server auth', 'client auth'], expiry: '8760h' }
  const configPath = flags.get('config')
  if (configPath) {
    const c = readText(ctx, configPath)
    if (c === undefined) { info(`open ${configPath}: no such file or directory`, 'ERROR'); return done('', 1) }
    const cfg = JSON.parse(c) as { signing?: { default?: { usages?: string[]; expiry?: string }; profiles?: Record<string, { usages?: string[]; expiry?: string; ca_constraint?: { is_ca?: boolean } }> } }
    const base = cfg.signing?.default ?? {}
    const p = flags.get('profile') ? cfg.signing?.profiles?.[flags.get('profile')!] : undefined
    if (flags.get('profile') && !p) { info('{"code":5200,"message":"Invalid or unknown policy"}', 'ERROR'); return done('', 1) }
    profile = { usages: p?.usages ?? base.usages ?? profile.usages, expiry: p?.expiry ?? base.expiry ?? '168h', isCA: p?.ca_constraint?.is_ca }
  }
  const caSki = ca.extensions.find((e) => e.oid === EXT.subjectKeyIdentifier)
  const akid = caSki ? readDer(caSki.value).der.body : keyIdentifier(ca.publicKey)
  const s = signCertificate(rng, now, csrName(req), publicOf(key), req.hosts ?? [], profile, caKey, ca, akid)
  info(`signed certificate with serial number ${s.serial}`)
  if (!(req.hosts ?? []).length) info(NO_HOSTS, 'WARNING')
  return done(JSON.stringify({ cert: s.pem, csr, key: keyPem }) + '\n')
}

export const cfssl: Command = (ctx) => {
  const [sub, ...args] = ctx.args
  switch (sub) {
    case 'gencert': return gencert(ctx, args)
    case 'print-defaults': {
      const what = args[0]
      if (!what || !DEFAULTS[what]) return fail(`${goLogTime(ctx.cluster.clock.now())} [ERROR] unknown defaults type ${JSON.stringify(what ?? '')}\n`)
      return ok(DEFAULTS[what])
    }
    case 'certinfo': return certinfo(ctx, args)
    case 'version': return ok('Version: 1.6.5\nRuntime: go1.22.0\n')
    default: return fail(`No command is given.\nUsage:\nAvailable commands:\n\tsign\n\tgenkey\n\tgencert\n\tcertinfo\n\tversion\n\tprint-defaults\n\tbundle\n\tserve\n\tinfo\n\tgencrl\n\tocspsign\n\tscan\n\trevoke\n\tselfsign\n\tgencsr\n\tocspdump\n\tocspserve\n\tocsprefresh\n\tgenkey\nTop-level flags:\n`)
  }
}

/** `cfssljson -bare NAME [FILE|-]`: the JSON's cert, key and csr into NAME.pem, NAME-key.pem, NAME.csr */
export const cfssljson: Command = (ctx) => {
  const parsed = goFlags(ctx.args, ['stdout'])
  if (typeof parsed === 'string') return fail(`${parsed}\n`)
  const input = parsed.flags.get('f') ?? parsed.rest[0] ?? '-'
  const text = readText(ctx, input) ?? ''
  let data: Record<string, unknown>
  try { data = JSON.parse(text) as Record<string, unknown> } catch {
    return fail(`Failed to parse input: ${text.trim() ? 'invalid character looking for beginning of value' : 'unexpected end of JSON input'}\n`)
  }
  const bare = parsed.flags.get('bare')
  if (!bare) {
    const out = ['cert', 'key', 'csr'].filter((k) => typeof data[k] === 'string').map((k) => data[k] as string).join('')
    return ok(out)
  }
  if (typeof data.cert === 'string') ctx.fs.write(`${bare}.pem`, data.cert)
  if (typeof data.key === 'string') ctx.fs.write(`${bare}-key.pem`, data.key)
  if (typeof data.csr === 'string') ctx.fs.write(`${bare}.csr`, data.csr)
  return ok()
}
