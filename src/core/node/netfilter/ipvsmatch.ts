// The `ipvs` match (libxt_ipvs): `[!] --ipvs`, `[!] --vproto`, `[!] --vaddr`, `[!] --vport`, `--vdir`,
// `[!] --vmethod`, `[!] --vportctl`, in the kernel's form: protocol numbers, ports as numbers, the address
// with its mask as a prefix length (unmasked, no `/32`), printed by iptables-save in that fixed order.

import type { Opt } from '../types.ts'
import { parseIPv4, parsePort } from './addr.ts'
import { RuleParseError } from './errors.ts'
import { bang, get, optTable, type ExtDef } from './extension.ts'

const PROTO_NUMBERS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, sctp: 132, udplite: 136, esp: 50, ah: 51, gre: 47, igmp: 2, ipip: 4, icmpv6: 58, all: 0 }

/** xtables_parse_protocol: a name (any case) or a number up to 255 */
function protoNumber(s: string): string {
  const low = s.toLowerCase()
  const n = PROTO_NUMBERS[low]
  if (n !== undefined) return String(n)
  if (/^\d+$/.test(s) && Number(s) <= 255) return String(Number(s))
  throw new RuleParseError(`unknown protocol "${s}" specified`)
}

/** `addr[/mask]` as xtables_ipmask_to_numeric prints it: no `/32`, a contiguous mask as a length */
function vaddr(s: string): string {
  const slash = s.indexOf('/')
  const host = slash < 0 ? s : s.slice(0, slash)
  if (parseIPv4(host) === undefined) throw new RuleParseError(`host/network \`${host}' not found`)
  if (slash < 0) return host
  const m = s.slice(slash + 1)
  let len: number
  const dotted = parseIPv4(m)
  if (dotted !== undefined) {
    len = -1
    for (let l = 0; l <= 32; l++) if ((l === 0 ? 0 : (0xffffffff << (32 - l)) >>> 0) === dotted) len = l
    if (len < 0) return `${host}/${m}`
  } else {
    len = /^\d{1,2}$/.test(m) ? Number(m) : -1
    if (len < 0 || len > 32) throw new RuleParseError(`invalid mask \`${m}' specified`)
  }
  return len === 32 ? host : `${host}/${len}`
}

const METHODS: Record<string, string> = { GATE: 'GATE', IPIP: 'IPIP', MASQ: 'MASQ' }
const ORDER = ['vproto', 'vaddr', 'vport', 'vdir', 'vmethod', 'vportctl']

export const ipvs: ExtDef = {
  opts: optTable('ipvs:0 vproto:1 vaddr:1 vport:1 vdir:1 vmethod:1 vportctl:1'),
  canon(opts) {
    if (!opts.length) throw new RuleParseError('IPVS: At least one option is required')
    const out: Opt[] = []
    for (const name of ORDER) {
      let o: Opt | undefined
      for (const x of opts) if (x.name === name) o = x
      if (!o) continue
      const v = o.value!
      let value: string
      switch (name) {
        case 'vproto': value = protoNumber(v); break
        case 'vaddr': value = vaddr(v); break
        case 'vport': case 'vportctl': value = String(parsePort(v)); break
        case 'vdir': {
          if (o.negate) throw new RuleParseError('ipvs: option "--vdir" cannot be inverted.')
          const up = v.toUpperCase()
          if (up !== 'ORIGINAL' && up !== 'REPLY') throw new RuleParseError(`ipvs: Bad value for "--vdir" option: "${v}"`)
          value = up
          break
        }
        default: {
          const m = METHODS[v.toUpperCase()]
          if (!m) throw new RuleParseError(`ipvs: Bad value for "--vmethod" option: "${v}"`)
          value = m
        }
      }
      out.push(o.negate ? { name, value, negate: true } : { name, value })
    }
    const flag = get(opts, 'ipvs')
    if (out.length) {
      // any other option implies --ipvs, which then is not printed
      if (flag?.negate) throw new RuleParseError('! --ipvs cannot be together with other options')
      return out
    }
    return [flag!.negate ? { name: 'ipvs', negate: true } : { name: 'ipvs' }]
  },
  print(opts, numeric) {
    let s = ''
    for (const o of opts) {
      if (o.name === 'ipvs') { s += `${bang(o)} ipvs`; continue }
      const value = o.name === 'vaddr' && !numeric && o.value!.startsWith('0.0.0.0') ? 'anywhere' : o.value
      s += `${bang(o)} ${o.name} ${value}`
    }
    return s
  },
}
