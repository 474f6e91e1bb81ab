// Match extensions (libxt_*): the options each takes, the kernel's canonical form, and `iptables -L` text.

import type { Opt } from '../types.ts'
import { canonicalPortRange, parseIPv4, portName } from './addr.ts'
import { RuleParseError } from './errors.ts'
import { bang, get, markText, optTable, ordered, parseMarkMask, parseU32, type ExtDef, type ListContext } from './extension.ts'
import { saveString } from './savestring.ts'
import { ipvs } from './ipvsmatch.ts'

function portsText(name: string, o: Opt | undefined, numeric: boolean, proto: string, ctx?: ListContext): string {
  if (!o?.value) return ''
  const inv = o.negate ? '!' : ''
  const colon = o.value.indexOf(':')
  if (colon < 0) return ` ${name}:${inv}${portName(Number(o.value), numeric, proto, ctx?.services)}`
  const lo = Number(o.value.slice(0, colon))
  const hi = Number(o.value.slice(colon + 1))
  return ` ${name}s:${inv}${portName(lo, numeric, proto, ctx?.services)}:${portName(hi, numeric, proto, ctx?.services)}`
}

const TCP_FLAGS: [string, number][] = [['FIN', 1], ['SYN', 2], ['RST', 4], ['PSH', 8], ['ACK', 16], ['URG', 32]]

function parseTcpFlags(s: string): number {
  let v = 0
  for (const f of s.split(',')) {
    const up = f.toUpperCase()
    if (up === 'ALL') v |= 63
    else if (up === 'NONE') continue
    else {
      const hit = TCP_FLAGS.find(([n]) => n === up)
      if (!hit) throw new RuleParseError(`Unknown TCP flag \`${f}'`)
      v |= hit[1]
    }
  }
  return v
}

function tcpFlagsText(v: number): string {
  const names = TCP_FLAGS.filter(([, bit]) => v & bit).map(([n]) => n)
  return names.length ? names.join(',') : 'NONE'
}

function l4(proto: 'tcp' | 'udp' | 'sctp'): ExtDef {
  const spec = proto === 'tcp'
    ? 'sport|source-port:1 dport|destination-port:1 tcp-option:1 tcp-flags:2 syn:0'
    : proto === 'sctp' ? 'sport|source-port:1 dport|destination-port:1 chunk-types:2' : 'sport|source-port:1 dport|destination-port:1'
  return {
    opts: optTable(spec),
    canon(opts) {
      // the options are fresh objects made by the parser: canonicalised in place
      for (const o of opts) {
        if (o.name === 'sport' || o.name === 'dport') o.value = canonicalPortRange(o.value!)
        else if (o.name === 'syn') { o.name = 'tcp-flags'; o.value = 'FIN,SYN,RST,ACK SYN' }
        else if (o.name === 'tcp-flags') {
          const [m, c] = o.value!.split(' ')
          o.value = `${tcpFlagsText(parseTcpFlags(m))} ${tcpFlagsText(parseTcpFlags(c ?? ''))}`
        }
      }
      return ordered(opts, ['sport', 'dport', 'tcp-option', 'tcp-flags', 'chunk-types'])
    },
    print(opts, numeric, ctx) {
      let s = ` ${proto}` + portsText('spt', get(opts, 'sport'), numeric, proto, ctx) + portsText('dpt', get(opts, 'dport'), numeric, proto, ctx)
      const opt = get(opts, 'tcp-option')
      if (opt) s += ` option=${opt.negate ? '!' : ''}${opt.value}`
      const fl = get(opts, 'tcp-flags')
      if (fl?.value) {
        const [m, c] = fl.value.split(' ')
        const mask = parseTcpFlags(m)
        const comp = parseTcpFlags(c)
        const hex2 = (n: number) => '0x' + n.toString(16).toUpperCase().padStart(2, '0')
        s += ` flags:${fl.negate ? '!' : ''}` + (numeric ? `${hex2(mask)}/${hex2(comp)}` : `${tcpFlagsText(mask)}/${tcpFlagsText(comp)}`)
      }
      return s
    },
  }
}

const ADDRTYPES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE',
  'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE']

function canonTypes(s: string): string {
  const idx = s.split(',').map((t) => {
    const i = ADDRTYPES.indexOf(t.toUpperCase())
    if (i < 0) throw new RuleParseError(`addrtype: invalid address type ${t} specified`)
    return i
  })
  return [...new Set(idx)].sort((a, b) => a - b).map((i) => ADDRTYPES[i]).join(',')
}

const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT']

function canonStates(s: string, allowed: readonly string[], what: string): string {
  const set = new Set<string>()
  for (const st of s.split(',')) {
    const up = st.toUpperCase()
    if (!allowed.includes(up)) throw new RuleParseError(`Bad ${what} "${st}"`)
    set.add(up)
  }
  return allowed.filter((x) => set.has(x)).join(',')
}

/** the kernel keeps round(p * 2^31); iptables-save prints it back with 11 decimals */
export function quantiseProbability(p: number): string {
  return (Math.round(p * 0x80000000) / 0x80000000).toFixed(11)
}

/** quantised texts by written text (kube-proxy writes the same few probabilities on every SVC chain) */
const quantised = new Map<string, string>()

const comment: ExtDef = {
  opts: optTable('comment:1'),
  canon(opts) {
    const o = get(opts, 'comment')
    if (!o) throw new RuleParseError('comment: option "--comment" must be specified')
    if (o.value!.length > 255) throw new RuleParseError('comment: option "--comment" must not be longer than 255 characters')
    return opts.length === 1 ? opts : [o]
  },
  print: (opts) => ` /* ${get(opts, 'comment')?.value ?? ''} */`,
  saveValue: (_n, v) => saveString(v),
}

const addrtype: ExtDef = {
  opts: optTable('src-type:1 dst-type:1 limit-iface-in:0 limit-iface-out:0'),
  canon(opts) {
    const out = opts.map((o) => (o.value !== undefined ? { ...o, value: canonTypes(o.value) } : { name: o.name }))
    return ordered(out, ['src-type', 'dst-type', 'limit-iface-in', 'limit-iface-out'])
  },
  print(opts) {
    let s = ' ADDRTYPE match'
    const src = get(opts, 'src-type')
    const dst = get(opts, 'dst-type')
    if (src) s += ` src-type ${src.negate ? '!' : ''}${src.value}`
    if (dst) s += ` dst-type ${dst.negate ? '!' : ''}${dst.value}`
    if (get(opts, 'limit-iface-in')) s += ' limit-in'
    if (get(opts, 'limit-iface-out')) s += ' limit-out'
    return s
  },
}

const mark: ExtDef = {
  opts: optTable('mark:1'),
  canon(opts) {
    const o = get(opts, 'mark')!
    const [v, m] = parseMarkMask(o.value!, 'mark')
    o.value = markText(v, m).slice(1)
    return [o]
  },
  print: (opts) => ` mark match${bang(get(opts, 'mark'))} ${get(opts, 'mark')?.value}`,
}

const conntrack: ExtDef = {
  opts: optTable('ctstate:1 ctproto:1 ctorigsrc:1 ctorigdst:1 ctreplsrc:1 ctrepldst:1 ctorigsrcport:1 ' +
    'ctorigdstport:1 ctreplsrcport:1 ctrepldstport:1 ctstatus:1 ctexpire:1 ctdir:1'),
  canon(opts) {
    const out = opts.map((o) => (o.name === 'ctstate' ? { ...o, value: canonStates(o.value!, CT_STATES, 'ctstate') } : o))
    return ordered(out, ['ctstate', 'ctproto', 'ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst', 'ctorigsrcport',
      'ctorigdstport', 'ctreplsrcport', 'ctrepldstport', 'ctstatus', 'ctexpire', 'ctdir'])
  },
  print: (opts) => opts.map((o) => `${bang(o)} ${o.name}${o.value !== undefined ? ' ' + o.value : ''}`).join(''),
}

const state: ExtDef = {
  opts: optTable('state:1'),
  canon(opts) {
    const o = get(opts, 'state')!
    return [{ name: 'state', value: canonStates(o.value!, ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED'], 'state'), negate: o.negate }]
  },
  print: (opts) => `${bang(get(opts, 'state'))} state ${get(opts, 'state')?.value}`,
}

const statistic: ExtDef = {
  opts: optTable('mode:1 probability:1 every:1 packet:1'),
  canon(opts) {
    const mode = get(opts, 'mode')?.value
    if (mode === 'random') {
      const p = get(opts, 'probability')
      if (!p) throw new RuleParseError('statistic: --probability must be specified')
      let q = quantised.get(p.value!)
      if (q === undefined) {
        const n = Number(p.value)
        if (!(n >= 0 && n <= 1)) throw new RuleParseError('--probability must be between 0 and 1')
        q = quantiseProbability(n)
        if (quantised.size > 10_000) quantised.clear()
        quantised.set(p.value!, q)
      }
      return [{ name: 'mode', value: 'random' }, { name: 'probability', value: q, negate: p.negate }]
    }
    if (mode === 'nth') {
      const every = get(opts, 'every')
      if (!every) throw new RuleParseError('statistic: --every must be specified')
      const packet = get(opts, 'packet')?.value ?? '0'
      return [{ name: 'mode', value: 'nth' }, { name: 'every', value: String(parseU32(every.value!, 'every')), negate: every.negate },
        { name: 'packet', value: String(parseU32(packet, 'packet')) }]
    }
    throw new RuleParseError(`Bad mode "${mode ?? ''}"`)
  },
  print(opts) {
    const mode = get(opts, 'mode')?.value
    if (mode === 'random') {
      const p = get(opts, 'probability')!
      return ` statistic mode random${bang(p)} probability ${p.value}`
    }
    const every = get(opts, 'every')!
    const packet = get(opts, 'packet')?.value ?? '0'
    return ` statistic mode nth${bang(every)} every ${every.value}` + (packet !== '0' ? ` packet ${packet}` : '')
  },
}

const RECENT_CMDS = ['set', 'rcheck', 'update', 'remove']

const recent: ExtDef = {
  opts: optTable('set:0 rcheck:0 update:0 remove:0 seconds:1 reap:0 hitcount:1 rttl:0 name:1 mask:1 rsource:0 rdest:0'),
  canon(opts) {
    const cmds = opts.filter((o) => RECENT_CMDS.includes(o.name))
    if (cmds.length !== 1) {
      throw new RuleParseError("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'")
    }
    const negate = opts.some((o) => o.negate)
    const out: Opt[] = [{ name: cmds[0].name, negate: negate || undefined }]
    const seconds = get(opts, 'seconds')
    if (seconds) out.push({ name: 'seconds', value: String(parseU32(seconds.value!, 'seconds')) })
    if (get(opts, 'reap')) {
      if (!seconds) throw new RuleParseError('recent: --reap requires --seconds')
      out.push({ name: 'reap' })
    }
    const hit = get(opts, 'hitcount')
    if (hit) out.push({ name: 'hitcount', value: String(parseU32(hit.value!, 'hitcount')) })
    if (get(opts, 'rttl')) out.push({ name: 'rttl' })
    out.push({ name: 'name', value: get(opts, 'name')?.value ?? 'DEFAULT' })
    const mask = get(opts, 'mask')?.value ?? '255.255.255.255'
    if (parseIPv4(mask) === undefined) throw new RuleParseError(`host/network \`${mask}' not found`)
    out.push({ name: 'mask', value: mask })
    let side = 'rsource'
    for (const o of opts) if (o.name === 'rsource' || o.name === 'rdest') side = o.name
    out.push({ name: side })
    return out
  },
  print(opts) {
    const words: Record<string, string> = { set: 'SET', rcheck: 'CHECK', update: 'UPDATE', remove: 'REMOVE' }
    let s = `${opts[0]?.negate ? ' !' : ''} recent:`
    for (const o of opts) {
      if (words[o.name]) s += ` ${words[o.name]}`
      else if (o.name === 'seconds') s += ` seconds: ${o.value}`
      else if (o.name === 'reap') s += ' reap'
      else if (o.name === 'hitcount') s += ` hit_count: ${o.value}`
      else if (o.name === 'rttl') s += ' TTL-Match'
    }
    s += ` name: ${get(opts, 'name')?.value}`
    s += get(opts, 'rdest') ? ' side: dest' : ' side: source'
    return s + ` mask: ${get(opts, 'mask')?.value}`
  },
}

const set: ExtDef = {
  opts: optTable('match-set:2 return-nomatch:0 update-counters:0 update-subcounters:0 packets-eq:1 packets-lt:1 ' +
    'packets-gt:1 bytes-eq:1 bytes-lt:1 bytes-gt:1'),
  canon(opts) {
    for (const o of opts) {
      if (o.name !== 'match-set') continue
      const dirs = o.value!.split(' ')[1] ?? ''
      if (!dirs || dirs.split(',').some((d) => d !== 'src' && d !== 'dst')) {
        throw new RuleParseError(`You must specify (the comma separated list of) 'src' or 'dst'.`)
      }
    }
    return opts
  },
  print: (opts) => opts.map((o) => `${bang(o)} ${o.name}${o.value !== undefined ? ' ' + o.value : ''}`).join(''),
}

const multiport: ExtDef = {
  opts: optTable('sports|source-ports:1 dports|destination-ports:1 ports:1'),
  canon(opts) {
    if (opts.length !== 1) throw new RuleParseError('multiport can only have one option')
    const o = opts[0]
    const list = o.value!.split(',').map(canonicalPortRange)
    if (list.length > 15) throw new RuleParseError('too many ports specified')
    return [{ ...o, value: list.join(',') }]
  },
  print(opts, numeric, ctx) {
    const o = opts[0]
    const ports = o.value!.split(',').map((p) => p.split(':').map((x) => portName(Number(x), numeric, ctx?.proto, ctx?.services)).join(':'))
    return ` multiport ${o.name} ${o.negate ? ' !' : ''}${ports.join(',')}`
  },
}

const physdev: ExtDef = {
  opts: optTable('physdev-in:1 physdev-out:1 physdev-is-in:0 physdev-is-out:0 physdev-is-bridged:0'),
  canon: (opts) => ordered(opts, ['physdev-in', 'physdev-out', 'physdev-is-in', 'physdev-is-out', 'physdev-is-bridged']),
  print: (opts) => ' PHYSDEV match' + opts.map((o) => `${bang(o)} --${o.name}${o.value !== undefined ? ' ' + o.value : ''}`).join(''),
}

const nfacct: ExtDef = {
  opts: optTable('nfacct-name:1'),
  canon: (opts) => [{ name: 'nfacct-name', value: get(opts, 'nfacct-name')!.value }],
  // libxt_nfacct prints ` --nfacct-name ` and then xtables_save_string adds its own space: two spaces
  print: (opts) => ` nfacct-name ${saveString(get(opts, 'nfacct-name')?.value ?? '')}`,
  saveValue: (_n, v) => ' ' + saveString(v),
}

const ICMP_TYPES: [string, number, number, number][] = [
  ['any', 255, 0, 255], ['echo-reply', 0, 0, 255], ['destination-unreachable', 3, 0, 255],
  ['network-unreachable', 3, 0, 0], ['host-unreachable', 3, 1, 1], ['protocol-unreachable', 3, 2, 2],
  ['port-unreachable', 3, 3, 3], ['fragmentation-needed', 3, 4, 4], ['source-quench', 4, 0, 255],
  ['redirect', 5, 0, 255], ['echo-request', 8, 0, 255], ['time-exceeded', 11, 0, 255],
  ['parameter-problem', 12, 0, 255], ['timestamp-request', 13, 0, 255], ['timestamp-reply', 14, 0, 255],
]

const icmp: ExtDef = {
  opts: optTable('icmp-type:1'),
  canon(opts) {
    const o = get(opts, 'icmp-type')!
    const v = o.value!
    const named = ICMP_TYPES.find(([n]) => n === v)
    let value: string
    if (named) value = named[1] === 255 ? 'any' : named[2] === named[3] ? `${named[1]}/${named[2]}` : `${named[1]}`
    else if (/^\d+(\/\d+)?$/.test(v)) value = v
    else throw new RuleParseError(`Invalid ICMP type \`${v}'`)
    return [{ name: 'icmp-type', value, negate: o.negate }]
  },
  print(opts, numeric) {
    const o = get(opts, 'icmp-type')!
    const [t, c] = o.value === 'any' ? [255, undefined] : o.value!.split('/').map(Number)
    if (!numeric) {
      const hit = ICMP_TYPES.find(([, type, lo, hi]) => type === t && (c === undefined ? lo === 0 && hi === 255 : lo === c && hi === c))
      if (hit) return ` icmp ${o.negate ? '!' : ''}${hit[0]}`
    }
    return ` icmp${o.negate ? ' !' : ''}type ${t}` + (c !== undefined ? ` code ${c}` : '')
  },
}

function simple(spec: string, order: string[], label: (o: Opt) => string): ExtDef {
  return { opts: optTable(spec), canon: (opts) => ordered(opts, order), print: (opts) => opts.map(label).join('') }
}

export const MATCHES: Record<string, ExtDef> = {
  comment, addrtype, mark, conntrack, state, statistic, recent, set, multiport, physdev, nfacct, icmp, ipvs,
  tcp: l4('tcp'), udp: l4('udp'), sctp: l4('sctp'),
  iprange: simple('src-range:1 dst-range:1', ['src-range', 'dst-range'],
    (o) => ` ${o.name === 'src-range' ? 'source' : 'destination'} IP range${o.negate ? ' !' : ''} ${o.value}`),
  length: simple('length:1', ['length'], (o) => ` length ${o.negate ? '!' : ''}${o.value}`),
  limit: simple('limit:1 limit-burst:1', ['limit', 'limit-burst'], (o) => (o.name === 'limit' ? ` limit: avg ${o.value}` : ` burst ${o.value}`)),
  pkttype: simple('pkt-type:1', ['pkt-type'], (o) => ` PKTTYPE ${o.negate ? '!' : ''}= ${o.value}`),
  mac: simple('mac-source:1', ['mac-source'], (o) => ` MAC${o.negate ? ' !' : ''} ${o.value?.toUpperCase()}`),
}
