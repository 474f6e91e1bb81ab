// `cfssl certinfo -cert FILE`: certinfo.Certificate as Go's json.MarshalIndent prints it (two-space indent).

import type { CommandContext, CommandResult } from '../../types.ts'
import { rfc3339 } from '../../../core/util/clock.ts'
import { bytesToBig } from './asn1.ts'
import { fail, ok, pemBlocksOf, readText } from './io.ts'
import { goLogTime } from './cfssl.ts'
import { OID } from './keys.ts'
import { EXT, parseCertificate, parseGeneralNames, type Name } from './x509.ts'

function nameJson(n: Name): Record<string, unknown> {
  const join = (t: string) => n.filter((a) => a.type === t).map((a) => a.value).join(',')
  const out: Record<string, unknown> = {}
  const put = (k: string, v: string) => { if (v) out[k] = v }
  put('common_name', join('CN')); put('serial_number', join('serialNumber')); put('country', join('C')); put('organization', join('O'))
  put('organizational_unit', join('OU')); put('locality', join('L')); put('province', join('ST'))
  if (n.length) out.names = n.map((a) => a.value)
  return out
}

export function certinfo(ctx: CommandContext, args: string[]): CommandResult {
  const i = args.findIndex((a) => /^--?cert(=|$)/.test(a))
  const path = i < 0 ? undefined : args[i].includes('=') ? args[i].split('=')[1] : args[i + 1]
  const stamp = goLogTime(ctx.cluster.clock.now())
  if (!path) return fail(`${stamp} [ERROR] no certificate specified\n`)
  const text = readText(ctx, path)
  if (text === undefined) return fail(`${stamp} [ERROR] open ${path}: no such file or directory\n`)
  const block = pemBlocksOf(text).find((b) => b.type === 'CERTIFICATE')
  if (!block) return fail(`${stamp} [ERROR] {"code":1002,"message":"Failed to decode certificate"}\n`)
  const c = parseCertificate(block.der)
  const san = c.extensions.find((e) => e.oid === EXT.subjectAltName)
  const gns = san ? parseGeneralNames(san.value) : []
  const sans = [...gns.filter((g) => g.kind === 'DNS').map((g) => g.value as string), ...gns.filter((g) => g.kind === 'IP').map((g) => [...(g.value as Uint8Array)].join('.'))]
  const obj: Record<string, unknown> = { subject: nameJson(c.subject), issuer: nameJson(c.issuer), serial_number: bytesToBig(c.serial).toString() }
  if (sans.length) obj.sans = sans
  obj.not_before = rfc3339(c.notBefore)
  obj.not_after = rfc3339(c.notAfter)
  obj.sigalg = c.sigAlg === OID.ecdsaWithSHA256 ? 'ECDSAWithSHA256' : 'SHA256WithRSA'
  obj.pem = text.slice(text.indexOf('-----BEGIN CERTIFICATE-----'), text.indexOf('-----END CERTIFICATE-----') + 26)
  return ok(JSON.stringify(obj, null, 2) + '\n')
}
