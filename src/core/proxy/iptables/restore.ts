// Text forms of a sync: the iptables-restore input exactly as kube-proxy writes it (quoted comments,
// `:CHAIN - [0:0]` lines), the argument lists handed to the kernel model, and toRestoreText(): the dump in the
// order upstream's proxier_test.go compares (tables filter, nat; KUBE-NODEPORTS, KUBE-SERVICES, then the
// other chains alphabetically; rules of the shared chains sorted by comment, the nodeports rule kept last).

import type { Args } from './rules.ts'
import type { RestoreData } from './proxier.ts'
import { KUBE_EXTERNAL_SERVICES, KUBE_NODEPORTS, KUBE_SERVICES } from './chains.ts'
import { chainDeclArgs } from './rules.ts'

/** One argument as kube-proxy writes it: arguments with spaces in double quotes. */
export function quoteArg(a: string): string {
  return a.includes(' ') ? `"${a}"` : a
}

export function ruleText(args: Args): string {
  return args.map(quoteArg).join(' ')
}

/** utiliptables.MakeChainLine */
export function chainLine(chain: string): string {
  return `:${chain} - [0:0]`
}

/** The restore input in kube-proxy's write order (what it passes to iptables-restore --noflush), in one array of its final size. */
export function restoreLines(d: RestoreData): (string | Args)[] {
  const decls = d.natDecls.length === d.natChains.length ? d.natDecls : d.natChains.map(chainDeclArgs)
  const out: (string | Args)[] = new Array(4 + d.filterChains.length + d.filterRules.length + decls.length + d.natRules.length)
  let n = 0
  out[n++] = '*filter'
  for (const c of d.filterChains) out[n++] = chainDeclArgs(c)
  for (const r of d.filterRules) out[n++] = r
  out[n++] = 'COMMIT'
  out[n++] = '*nat'
  for (const c of decls) out[n++] = c
  for (const r of d.natRules) out[n++] = r
  out[n++] = 'COMMIT'
  return out
}

/** The raw text kube-proxy writes (`-v=9` "Restoring iptables" dump). */
export function restoreText(d: RestoreData): string {
  return restoreLines(d).map((l) => (typeof l === 'string' ? l : ruleText(l))).join('\n') + '\n'
}

const LAST_RULE = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain'

function commentOf(r: Args): string {
  const i = r.indexOf('--comment')
  return i >= 0 ? r[i + 1] : ''
}

function tableText(name: string, chains: string[], rules: Args[]): string[] {
  const order = [...new Set(chains)].sort((a, b) => {
    for (const top of [KUBE_NODEPORTS, KUBE_SERVICES]) {
      if (a === top) return -1
      if (b === top) return 1
    }
    return a < b ? -1 : a > b ? 1 : 0
  })
  const byChain = new Map<string, Args[]>()
  const deletes: string[] = []
  for (const r of rules) {
    if (r[0] === '-X') { deletes.push(r[1]); continue }
    const list = byChain.get(r[1]) ?? []
    list.push(r)
    byChain.set(r[1], list)
  }
  const cmp = (a: Args, b: Args) => { const x = commentOf(a), y = commentOf(b); return x < y ? -1 : x > y ? 1 : 0 }
  for (const c of [KUBE_NODEPORTS, KUBE_EXTERNAL_SERVICES]) byChain.get(c)?.sort(cmp)
  const svc = byChain.get(KUBE_SERVICES)
  if (svc) {
    const last = svc.filter((r) => commentOf(r) === LAST_RULE)
    byChain.set(KUBE_SERVICES, [...svc.filter((r) => commentOf(r) !== LAST_RULE).sort(cmp), ...last])
  }
  const out = [`*${name}`, ...order.filter((c) => !deletes.includes(c)).map(chainLine)]
  for (const c of order) for (const r of byChain.get(c) ?? []) out.push(ruleText(r))
  for (const c of deletes) out.push(`-X ${c}`)
  out.push('COMMIT')
  return out
}

/** The sync as upstream's tests print expected dumps (sortIPTablesRules in proxier_test.go). */
export function toRestoreText(d: RestoreData): string {
  return [...tableText('filter', d.filterChains, d.filterRules), ...tableText('nat', d.natChains, d.natRules)].join('\n') + '\n'
}

/** Arguments for the kernel model: the same lists, already unquoted. */
export function kernelLines(d: RestoreData): (string | Args)[] {
  return restoreLines(d)
}
