// Target extensions (libxt_*/libipt_*): options, the kernel's canonical form and `iptables -L` text.

import type { Opt } from '../types.ts'
import { parseIPv4 } from './addr.ts'
import { RuleParseError } from './errors.ts'
import { get, hex, optTable, ordered, parseMarkMask, parseU32, type ExtDef } from './extension.ts'
import { saveString } from './savestring.ts'

const none: ExtDef = { opts: new Map(), canon: (o) => o, print: () => '' }

const REJECT_WITH: Record<string, string> = {
  'icmp-net-unreachable': 'icmp-net-unreachable', 'net-unreach': 'icmp-net-unreachable',
  'icmp-host-unreachable': 'icmp-host-unreachable', 'host-unreach': 'icmp-host-unreachable',
  'icmp-proto-unreachable': 'icmp-proto-unreachable', 'proto-unreach': 'icmp-proto-unreachable',
  'icmp-port-unreachable': 'icmp-port-unreachable', 'port-unreach': 'icmp-port-unreachable',
  'icmp-net-prohibited': 'icmp-net-prohibited', 'net-prohib': 'icmp-net-prohibited',
  'icmp-host-prohibited': 'icmp-host-prohibited', 'host-prohib': 'icmp-host-prohibited',
  'tcp-reset': 'tcp-reset', 'tcp-rst': 'tcp-reset',
  'icmp-admin-prohibited': 'icmp-admin-prohibited', 'admin-prohib': 'icmp-admin-prohibited',
}

const REJECT: ExtDef = {
  opts: optTable('reject-with:1'),
  canon(opts) {
    const w = get(opts, 'reject-with')?.value ?? 'icmp-port-unreachable'
    const c = REJECT_WITH[w]
    if (!c) throw new RuleParseError(`unknown reject type "${w}"`)
    return [{ name: 'reject-with', value: c }]
  },
  print: (opts) => ` reject-with ${get(opts, 'reject-with')?.value}`,
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** `a.b.c.d:port` (what kube-proxy writes for every endpoint), checked without splitting */
export function simpleNatRange(v: string): boolean {
  const colon = v.indexOf(':')
  if (colon <= 0 || v.indexOf('-') >= 0) return false
  let port = 0
  for (let i = colon + 1; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c < 48 || c > 57) return false
    port = port * 10 + (c - 48)
  }
  return colon + 1 < v.length && port <= 65535 && parseIPv4(v.slice(0, colon)) !== undefined
}

/** `ip[-ip][:port[-port]]` as the nat targets take it */
function checkNatRange(v: string, what: string): string {
  if (simpleNatRange(v)) return v
  const colon = v.indexOf(':')
  const ips = colon < 0 ? v : v.slice(0, colon)
  for (const ip of ips.split('-')) {
    if (ip !== '' && parseIPv4(ip) === undefined) throw new RuleParseError(`Bad IP address "${ip}"`)
  }
  if (colon >= 0) {
    const ports = v.slice(colon + 1).split('-')
    for (const p of ports) if (!isDigits(p) || Number(p) > 65535) throw new RuleParseError(`Port \`${p}' not valid`)
    if (ports.length === 2 && ports[0] === ports[1]) return `${ips}:${ports[0]}`
  }
  if (ips === '' && what) throw new RuleParseError(`Bad IP address ""`)
  return v
}

function portsRange(v: string): string {
  const parts = v.split('-')
  for (const p of parts) if (!/^\d+$/.test(p) || Number(p) > 65535) throw new RuleParseError(`Port "${p}" not valid`)
  return parts.length === 2 && parts[0] === parts[1] ? parts[0] : v
}

const flagsText = (opts: readonly Opt[], names: string[]) =>
  names.filter((n) => get(opts, n)).map((n) => ` ${n}`).join('')

const DNAT: ExtDef = {
  opts: optTable('to-destination:1 random:0 persistent:0'),
  canon(opts) {
    for (const o of opts) if (o.name === 'to-destination') o.value = checkNatRange(o.value!, 'dst')
    const out = opts
    return ordered(out, ['to-destination', 'random', 'persistent'])
  },
  print: (opts) => opts.filter((o) => o.name === 'to-destination').map((o) => ` to:${o.value}`).join('') +
    flagsText(opts, ['random', 'persistent']),
}

const SNAT: ExtDef = {
  opts: optTable('to-source:1 random:0 random-fully:0 persistent:0'),
  canon(opts) {
    for (const o of opts) if (o.name === 'to-source') o.value = checkNatRange(o.value!, 'src')
    const out = opts
    return ordered(out, ['to-source', 'random', 'random-fully', 'persistent'])
  },
  print: (opts) => opts.filter((o) => o.name === 'to-source').map((o) => ` to:${o.value}`).join('') +
    flagsText(opts, ['random', 'random-fully', 'persistent']),
}

const MASQUERADE: ExtDef = {
  opts: optTable('to-ports:1 random:0 random-fully:0'),
  canon(opts) {
    for (const o of opts) if (o.name === 'to-ports') o.value = portsRange(o.value!)
    const out = opts
    return ordered(out, ['to-ports', 'random', 'random-fully'])
  },
  print(opts) {
    const ports = get(opts, 'to-ports')
    return (ports ? ` masq ports: ${ports.value}` : '') + flagsText(opts, ['random', 'random-fully'])
  },
}

const REDIRECT: ExtDef = {
  opts: optTable('to-ports:1 random:0'),
  canon(opts) {
    for (const o of opts) if (o.name === 'to-ports') o.value = portsRange(o.value!)
    const out = opts
    return ordered(out, ['to-ports', 'random'])
  },
  print(opts) {
    const ports = get(opts, 'to-ports')
    return (ports ? ` redir ports ${ports.value}` : '') + flagsText(opts, ['random'])
  },
}

/** MARK (revision 2) keeps value/mask pairs; iptables-save prints every form as --set-xmark */
const MARK: ExtDef = {
  opts: optTable('set-xmark:1 set-mark:1 and-mark:1 or-mark:1 xor-mark:1'),
  canon(opts) {
    if (opts.length !== 1) throw new RuleParseError('MARK target: Parameter --set/and/or/xor-mark is required')
    const o = opts[0]
    let mark: number
    let mask: number
    switch (o.name) {
      case 'set-xmark': [mark, mask] = parseMarkMask(o.value!, 'mark'); break
      case 'set-mark': { const [v, m] = parseMarkMask(o.value!, 'mark'); mark = v; mask = (v | m) >>> 0; break }
      case 'and-mark': mark = 0; mask = ~parseU32(o.value!, 'mark') >>> 0; break
      case 'or-mark': mark = mask = parseU32(o.value!, 'mark'); break
      default: mark = parseU32(o.value!, 'mark'); mask = 0
    }
    return [{ name: 'set-xmark', value: `${hex(mark)}/${hex(mask)}` }]
  },
  print(opts) {
    const [m, k] = (get(opts, 'set-xmark')?.value ?? '0x0/0x0').split('/').map((x) => parseInt(x.slice(2), 16) >>> 0)
    if (m === 0) return ` MARK and ${hex(~k >>> 0)}`
    if (m === k) return ` MARK or ${hex(m)}`
    if (k === 0) return ` MARK xor ${hex(m)}`
    if (k === 0xffffffff) return ` MARK set ${hex(m)}`
    return ` MARK xset ${hex(m)}/${hex(k)}`
  },
}

const LOG_LEVELS: [string, number][] = [['alert', 1], ['crit', 2], ['debug', 7], ['emerg', 0], ['error', 3],
  ['info', 6], ['notice', 5], ['panic', 0], ['warning', 4]]
const LOG_FLAGS = ['log-tcp-sequence', 'log-tcp-options', 'log-ip-options', 'log-uid', 'log-macdecode']

const LOG: ExtDef = {
  opts: optTable('log-prefix:1 log-level:1 log-tcp-sequence:0 log-tcp-options:0 log-ip-options:0 log-uid:0 log-macdecode:0'),
  canon(opts) {
    const out: Opt[] = []
    const prefix = get(opts, 'log-prefix')
    if (prefix?.value) {
      if (prefix.value.length > 29) throw new RuleParseError('Maximum prefix length 29 for --log-prefix')
      out.push({ name: 'log-prefix', value: prefix.value })
    }
    const level = get(opts, 'log-level')
    if (level) {
      const named = LOG_LEVELS.find(([n]) => n === level.value)
      const n = named ? named[1] : /^[0-7]$/.test(level.value!) ? Number(level.value) : -1
      if (n < 0) throw new RuleParseError(`log-level \`${level.value}' unknown`)
      if (n !== 4) out.push({ name: 'log-level', value: String(n) })
    }
    for (const f of LOG_FLAGS) if (get(opts, f)) out.push({ name: f })
    return out
  },
  print(opts, numeric) {
    const level = Number(get(opts, 'log-level')?.value ?? 4)
    let s = ' LOG'
    if (numeric) {
      let flags = 0
      LOG_FLAGS.forEach((f, i) => { if (get(opts, f)) flags |= 1 << i })
      s += ` flags ${flags} level ${level}`
    } else {
      s += ` level ${LOG_LEVELS.find(([, n]) => n === level)![0]}`
      for (const f of LOG_FLAGS) if (get(opts, f)) s += ` ${f.slice(4)}`
    }
    const prefix = get(opts, 'log-prefix')
    return prefix ? s + ` prefix "${prefix.value}"` : s
  },
  saveValue: (name, v) => (name === 'log-prefix' ? saveString(v) : ' ' + v),
}

export const TARGETS: Record<string, ExtDef> = {
  ACCEPT: none, DROP: none, RETURN: none, QUEUE: none,
  REJECT, DNAT, SNAT, MASQUERADE, REDIRECT, MARK, LOG,
}

/** the verdicts and extension targets: everything else after -j is a user chain */
export function isExtensionTarget(name: string): boolean {
  return EXTENSION_TARGETS.has(name)
}

const EXTENSION_TARGETS: ReadonlySet<string> = new Set(Object.keys(TARGETS))
