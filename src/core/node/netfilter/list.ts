// `iptables [-t T] -L [CHAIN [N]] [-n] [-v] [-x] [--line-numbers]` and `iptables -S [CHAIN [N]] [-v]` as pure
// functions over a Netfilter, in the layout of iptables 1.8.9 (nf_tables) or 1.4.21 (legacy, CentOS 7):
// xshared.c print_header/print_rule_details, names from /etc/hosts and /etc/networks without -n.

import type { Chain, Netfilter, Rule, Table, TableName } from '../types.ts'
import { IPTABLES_VERSION, NetfilterError, NO_CHAIN, noSuchTable } from './errors.ts'
import { isTableName, sortedChains } from './tables.ts'
import { listExtensions, ruleBody } from './text.ts'
import { centos7Services, type ServicesDb } from './services.ts'

/** The iptables a node runs: what `-V` prints and which backend's behaviour the listings follow. */
export interface IptablesRelease {
  /** `v1.8.9 (nf_tables)`, `v1.4.21` */
  readonly version: string
  /** nf_tables backend (a missing chain is "incompatible"; `-n` prints protocol numbers, a 1.8.9 regression) */
  readonly nft: boolean
  /** the distribution's /etc/services, for port names without -n (default Debian's netbase) */
  readonly services?: () => ServicesDb
}

/** Debian 12, kind and Ubuntu nodes */
export const IPTABLES_NFT: IptablesRelease = { version: IPTABLES_VERSION, nft: true }
/** CentOS 7 (the binary profile): iptables-1.4.21, libiptc */
export const IPTABLES_LEGACY: IptablesRelease = { version: 'v1.4.21', nft: false, services: centos7Services }

export interface ListOptions {
  chain?: string
  /** `-L CHAIN N` / `-S CHAIN N`: only rule N (1-based), without the chain header; nothing when out of range */
  ruleNum?: number
  /** -n */
  numeric?: boolean
  /** -v */
  verbose?: boolean
  /** -x: exact counters instead of K/M/G */
  exact?: boolean
  /** --line-numbers */
  lineNumbers?: boolean
  /** default IPTABLES_NFT */
  release?: IptablesRelease
  /** gethostbyaddr: the host's /etc/hosts (a node has no PTR records for the lab's addresses) */
  hostName?: (ip: string) => string | undefined
  /** getnetbyaddr: default the /etc/networks Debian and CentOS ship */
  networkName?: (ip: string) => string | undefined
}

/** /etc/networks of Debian's netbase and CentOS's setup package */
export const ETC_NETWORKS: Readonly<Record<string, string>> = { '0.0.0.0': 'default', '127.0.0.0': 'loopback', '169.254.0.0': 'link-local' }

const defaultNetworkName = (ip: string): string | undefined => ETC_NETWORKS[ip]

const PROTO_NUMBERS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, sctp: 132, udplite: 136, esp: 50, ah: 51, gre: 47, igmp: 2, ipip: 4, icmpv6: 58 }

/** xtables_print_num: `%8llu ` exact, else `%5llu ` up to 99999 and `%4lluK ` / M / G / T */
function num(n: number, exact: boolean, notable = false): string {
  if (exact) return notable ? `${n} ` : `${String(n).padStart(8)} `
  if (n <= 99999) return notable ? `${n} ` : `${String(n).padStart(5)} `
  let v = n
  for (const unit of ['K', 'M', 'G']) {
    v = Math.floor((v + 500) / 1000)
    if (v <= 9999) return notable ? `${v}${unit} ` : `${String(v).padStart(4)}${unit} `
  }
  v = Math.floor((v + 500) / 1000)
  return notable ? `${v}T ` : `${String(v).padStart(4)}T `
}

function resolveTable(nf: Netfilter, table: string): Table {
  if (!isTableName(table)) throw noSuchTable(table)
  return nf.table(table as TableName)
}

/** what `-L NOPE` / `-S NOPE` print: nft cannot tell a missing chain from one it cannot parse */
export function missingChainError(chain: string, table: string, release: IptablesRelease = IPTABLES_NFT): NetfilterError {
  if (!release.nft) return new NetfilterError(NO_CHAIN, 1)
  return new NetfilterError(`iptables ${release.version}: chain \`${chain}' in table \`${table}' is incompatible, use 'nft' tool.`, 1)
}

function selectChains(t: Table, o: { chain?: string; release?: IptablesRelease }): Chain[] {
  if (o.chain === undefined) return sortedChains(t)
  const c = t.chains.get(o.chain)
  if (!c) throw missingChainError(o.chain, t.name, o.release)
  return [c]
}

/** jumps and gotos to each chain, as the chain headers count them */
function references(table: Table): Map<string, number> {
  const refs = new Map<string, number>()
  for (const c of table.chains.values()) {
    for (const r of c.rules) {
      const t = r.spec.target?.name
      if (t !== undefined) refs.set(t, (refs.get(t) ?? 0) + 1)
    }
  }
  return refs
}

/**
 * An address column without -n: `anywhere` for a zero mask, else xtables_ipaddr_to_anyname (the host name,
 * else the network name, else the dotted quad) and xtables_ipmask_to_numeric (nothing for /32).
 */
function addrName(cidr: string | undefined, o: ListOptions): string {
  const slash = cidr === undefined ? -1 : cidr.indexOf('/')
  const len = slash < 0 ? 32 : Number(cidr!.slice(slash + 1))
  if (cidr === undefined || len === 0) return o.numeric ? '0.0.0.0/0' : 'anywhere'
  const ip = slash < 0 ? cidr : cidr.slice(0, slash)
  const name = o.numeric ? ip : o.hostName?.(ip) ?? (o.networkName ?? defaultNetworkName)(ip) ?? ip
  return len === 32 ? name : `${name}/${len}`
}

function header(c: Chain, refs: number, o: ListOptions): string {
  const exact = !!o.exact
  let s = `Chain ${c.name}`
  if (c.builtin) {
    s += ` (policy ${c.policy ?? 'ACCEPT'}`
    if (o.verbose) s += ` ${num(c.counters.packets, exact, true)}packets, ${num(c.counters.bytes, exact, true)}bytes`
    s += ')'
  } else s += ` (${refs} references)`
  let cols = ''
  if (o.lineNumbers) cols += 'num  '
  if (o.verbose) cols += exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes '
  cols += 'target    '
  cols += ' prot opt'
  if (o.verbose) cols += ' in     out    '
  cols += ` ${'source'.padEnd(19)} `
  cols += ` ${'destination'.padEnd(19)} `
  return s + '\n' + cols
}

function ruleLine(r: Rule, n: number, o: ListOptions): string {
  const spec = r.spec
  const numeric = !!o.numeric
  let s = ''
  if (o.lineNumbers) s += `${String(n).padEnd(4)} `
  if (o.verbose) s += num(r.counters.packets, !!o.exact) + num(r.counters.bytes, !!o.exact)
  s += `${(spec.target?.name ?? '').padEnd(9)} `
  // iptables 1.8.9 prints protocol numbers with -n (a regression fixed in 1.8.10); 1.4.21 prints names
  const p = spec.protocol
  const pname = p ? p.name : 'all'
  const ptext = numeric && (o.release ?? IPTABLES_NFT).nft ? String(pname === 'all' ? 0 : PROTO_NUMBERS[pname] ?? pname) : pname
  s += (p?.negate ? '!' : ' ') + ptext.padEnd(4) + ' '
  s += '-- '
  if (o.verbose) {
    const any = numeric ? '*' : 'any'
    const i = spec.inInterface ? (spec.inInterface.negate ? '!' : '') + spec.inInterface.name : any
    const out = spec.outInterface ? (spec.outInterface.negate ? '!' : '') + spec.outInterface.name : any
    s += ` ${i.padEnd(6)} ${out.padEnd(6)} `
  }
  s += (spec.source?.negate ? '!' : ' ') + addrName(spec.source?.cidr, o).padEnd(19) + ' '
  s += (spec.destination?.negate ? '!' : ' ') + addrName(spec.destination?.cidr, o).padEnd(19) + ' '
  if (spec.goto) s += '[goto] '
  return s + listExtensions(spec, numeric, numeric ? undefined : o.release?.services?.())
}

/** `iptables -L` output (without a trailing newline; '' for a rule number past the end); throws NetfilterError with iptables' text */
export function listChains(nf: Netfilter, table: string, o: ListOptions = {}): string {
  const t = resolveTable(nf, table)
  const chains = selectChains(t, o)
  if (o.ruleNum !== undefined) {
    const r = chains[0]?.rules[o.ruleNum - 1]
    return r ? ruleLine(r, o.ruleNum, o) : ''
  }
  const refs = references(t)
  const blocks: string[] = []
  for (const c of chains) {
    const lines = [header(c, refs.get(c.name) ?? 0, o)]
    c.rules.forEach((r, i) => lines.push(ruleLine(r, i + 1, o)))
    blocks.push(lines.join('\n'))
  }
  return blocks.join('\n\n')
}

/** `-c PKTS BYTES` goes just before the `-j`/`-g` (at the end of a rule without a target) */
function withCounters(r: Rule): string {
  const body = ruleBody(r)
  const cnt = ` -c ${r.counters.packets} ${r.counters.bytes}`
  const t = r.spec.target
  const at = t ? body.lastIndexOf(r.spec.goto ? ` -g ${t.name}` : ` -j ${t.name}`) : -1
  return at >= 0 ? body.slice(0, at) + cnt + body.slice(at) : body + cnt
}

/** `iptables -S [CHAIN [N]] [-v]` output (without a trailing newline; '' for a rule number past the end) */
export function listRules(nf: Netfilter, table: string, o: Pick<ListOptions, 'chain' | 'ruleNum' | 'verbose' | 'release'> = {}): string {
  const t = resolveTable(nf, table)
  const chains = selectChains(t, o)
  const rule = (c: Chain, r: Rule) => `-A ${c.name}${o.verbose ? withCounters(r) : ruleBody(r)}`
  if (o.ruleNum !== undefined) {
    const c = chains[0]
    const r = c?.rules[o.ruleNum - 1]
    return r ? rule(c, r) : ''
  }
  const out: string[] = []
  for (const c of chains) {
    if (c.builtin) out.push(`-P ${c.name} ${c.policy ?? 'ACCEPT'}` + (o.verbose ? ` -c ${c.counters.packets} ${c.counters.bytes}` : ''))
    else out.push(`-N ${c.name}`)
  }
  for (const c of chains) for (const r of c.rules) out.push(rule(c, r))
  return out.join('\n')
}
