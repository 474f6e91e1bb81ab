// IP sets of one namespace (`ipset create/add/del/flush/destroy`) and the `ipset list [-n] [NAME]` renderer in
// ipset 7.x's plain format. Type revisions and the Header line follow the node's kernel generation.

import type { IpSet, Netns } from '../types.ts'
import { fnv32 } from '../addr.ts'

/** Which kernel/ipset pairing the node runs: `modern` = Linux 6.8 + ipset 7.19, `legacy` = Linux 5.4 + ipset 7.1 */
export type IpsetGeneration = 'modern' | 'legacy'

/** the highest revision each kernel supports for the types kube-proxy uses (net/netfilter/ipset/ip_set_*.c) */
const REVISIONS: Record<IpsetGeneration, Record<string, number>> = {
  // 6.x: bucketsize/initval added to hash types (5.11), bitmask to hash:ip and hash:ip,port (6.1)
  modern: { 'hash:ip': 6, 'hash:ip,port': 7, 'hash:ip,port,ip': 6, 'hash:ip,port,net': 8, 'hash:net': 7, 'bitmap:port': 3 },
  legacy: { 'hash:ip': 4, 'hash:ip,port': 5, 'hash:ip,port,ip': 5, 'hash:ip,port,net': 7, 'hash:net': 6, 'bitmap:port': 3 },
}

export const IPSET_VERSION: Record<IpsetGeneration, string> = { modern: 'v7.19', legacy: 'v7.1' }

/** the error text ipset prints for a missing set (lib/errcode.c, ENOENT) */
export const IPSET_NO_SUCH_SET = 'The set with the given name does not exist'

export class IpsetError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IpsetError'
  }
}

/** kernel bookkeeping not in the IpSet contract: creation options, references from iptables rules */
interface SetMeta { hashsize: number; maxelem: number; range?: string; generation: IpsetGeneration; references: number }
const metas = new WeakMap<IpSet, SetMeta>()

function meta(s: IpSet): SetMeta {
  let m = metas.get(s)
  if (!m) metas.set(s, (m = { hashsize: 1024, maxelem: 65536, generation: 'modern', references: 0 }))
  return m
}

export interface CreateSetOptions {
  family?: 'inet' | 'inet6'
  hashsize?: number
  maxelem?: number
  /** bitmap:port */
  range?: string
  /** kube-proxy's description (not a kernel attribute; kube-proxy does not create sets with `comment`) */
  comment?: string
  generation?: IpsetGeneration
}

/** `ipset create NAME TYPE ...` (-exist semantics: an existing set with that name is returned) */
export function createSet(ns: Netns, name: string, type: string, o: CreateSetOptions = {}): IpSet {
  const existing = ns.ipsets.get(name)
  if (existing) return existing
  const s: IpSet = { name, type, family: o.family ?? 'inet', comment: o.comment ?? '', entries: [] }
  metas.set(s, {
    hashsize: o.hashsize ?? 1024, maxelem: o.maxelem ?? 65536, range: o.range ?? (type === 'bitmap:port' ? '0-65535' : undefined),
    generation: o.generation ?? 'modern', references: 0,
  })
  ns.ipsets.set(name, s)
  return s
}

function mustGet(ns: Netns, name: string): IpSet {
  const s = ns.ipsets.get(name)
  if (!s) throw new IpsetError(IPSET_NO_SUCH_SET)
  return s
}

/** `ipset add NAME ENTRY -exist` */
export function addEntry(ns: Netns, name: string, entry: string): void {
  const s = mustGet(ns, name)
  if (!s.entries.includes(entry)) s.entries.push(entry)
}

/** `ipset del NAME ENTRY` (missing entries are ignored, as kube-proxy passes -exist) */
export function delEntry(ns: Netns, name: string, entry: string): void {
  const s = mustGet(ns, name)
  const i = s.entries.indexOf(entry)
  if (i >= 0) s.entries.splice(i, 1)
}

export function flushSet(ns: Netns, name: string): void {
  mustGet(ns, name).entries.length = 0
}

/** `ipset destroy NAME`: refused while iptables rules reference the set */
export function destroySet(ns: Netns, name: string): void {
  const s = mustGet(ns, name)
  if (meta(s).references > 0) throw new IpsetError('Set cannot be destroyed: it is in use by a kernel component')
  ns.ipsets.delete(name)
}

/** How many iptables `-m set --match-set` rules use the set (the References line); the ipvs back end sets it. */
export function setReferences(s: IpSet, n: number): void {
  meta(s).references = n
}

/** element size in bytes (IPv4), as the kernel's hash element structs */
const ELEM: Record<string, number> = { 'hash:ip': 4, 'hash:ip,port': 8, 'hash:ip,port,ip': 12, 'hash:ip,port,net': 12, 'hash:net': 8 }

/** Size in memory: the kernel's estimate (struct sizes plus one bucket per element); approximate */
function memsize(s: IpSet, m: SetMeta): number {
  if (s.type.startsWith('bitmap:')) return 8264
  const base = m.generation === 'modern' ? 200 : 120
  const elem = ELEM[s.type] ?? 8
  return base + s.entries.length * (16 + 2 * elem)
}

function header(s: IpSet, m: SetMeta): string {
  if (s.type.startsWith('bitmap:')) return `range ${m.range ?? '0-65535'}`
  let h = `family ${s.family} hashsize ${m.hashsize} maxelem ${m.maxelem}`
  if (m.generation === 'modern') {
    const initval = fnv32(`initval|${s.name}|${s.type}`)
    h += ` bucketsize 12 initval 0x${initval.toString(16).padStart(8, '0')}`
  }
  return h
}

function renderSet(s: IpSet, terse: boolean): string {
  const m = meta(s)
  let out = `Name: ${s.name}\nType: ${s.type}\nRevision: ${REVISIONS[m.generation][s.type] ?? 0}\nHeader: ${header(s, m)}\n`
  out += `Size in memory: ${memsize(s, m)}\nReferences: ${m.references}\nNumber of entries: ${s.entries.length}\n`
  if (terse) return out
  out += 'Members:\n'
  for (const e of s.entries) out += `${e}\n`
  return out
}

export interface ToolOutput { stdout: string; stderr: string; code: number }

/**
 * `ipset list [-n|-t] [NAME]` (also `-L`, `save` is not modelled). Sets in creation order, a blank line between
 * sets; members in insertion order (the kernel's hash order is effectively random).
 */
export function renderIpsetList(ns: Netns, o: { name?: string; namesOnly?: boolean; terse?: boolean; generation?: IpsetGeneration } = {}): ToolOutput {
  const version = IPSET_VERSION[o.generation ?? 'modern']
  const sets = o.name === undefined ? [...ns.ipsets.values()] : ns.ipsets.has(o.name) ? [ns.ipsets.get(o.name)!] : undefined
  if (!sets) return { stdout: '', stderr: `ipset ${version}: ${IPSET_NO_SUCH_SET}\n`, code: 1 }
  if (o.namesOnly) return { stdout: sets.map((s) => `${s.name}\n`).join(''), stderr: '', code: 0 }
  return { stdout: sets.map((s) => renderSet(s, !!o.terse)).join('\n'), stderr: '', code: 0 }
}

/** `ipset ARGS` for the read-only verbs learners type: list/-L [-n|-t] [NAME], version/-v */
export function ipsetCommand(ns: Netns, argv: readonly string[], generation: IpsetGeneration = 'modern'): ToolOutput {
  const version = IPSET_VERSION[generation]
  const [verb, ...rest] = argv
  if (verb === undefined) return { stdout: '', stderr: `ipset ${version}: No command specified.\nTry \`ipset help' for more information.\n`, code: 1 }
  if (verb === 'version' || verb === '-v' || verb === '-V' || verb === '--version') {
    return { stdout: `ipset ${version}, protocol version: 7\n`, stderr: '', code: 0 }
  }
  if (verb === 'list' || verb === '-L' || verb === '--list') {
    let name: string | undefined, namesOnly = false, terse = false
    for (const a of rest) {
      if (a === '-n' || a === '-name') namesOnly = true
      else if (a === '-t' || a === '-terse') terse = true
      else if (a === '-o' || a === 'plain' || a === '-s' || a === '-sorted') continue
      else name = a
    }
    return renderIpsetList(ns, { name, namesOnly, terse, generation })
  }
  return { stdout: '', stderr: `ipset ${version}: Unknown command: \`${verb}'\nTry \`ipset help' for more information.\n`, code: 1 }
}
