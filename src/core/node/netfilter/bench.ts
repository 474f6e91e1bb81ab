// benchRestore(): kube-proxy-sized iptables-restore input (10,000 Services x 10 endpoints, ~430,000 lines as
// pre-split argument arrays) restored into a fresh namespace, then re-synced; `npm run bench` prints the figures.

import { newNetfilter } from './netfilter.ts'

export interface RestoreBench {
  lines: number
  rules: number
  /** first restore into an empty namespace (every rule checked), ms */
  firstMs: number
  /** the same input again (unchanged rules kept, counters carried), ms */
  resyncMs: number
  /** iptables-save of the whole nat table, ms */
  saveMs: number
}

function hash16(n: number): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let x = (n * 2654435761) >>> 0
  let s = ''
  for (let i = 0; i < 16; i++) {
    s += A[x & 31]
    x = ((x >>> 5) | (i * 7919 + n) << 27) >>> 0
  }
  return s
}

/** kube-proxy's nat lines for `services` ClusterIP Services with `endpoints` endpoints each */
export function kubeProxyLines(services: number, endpoints: number): string[][] {
  const decl: string[][] = [['*nat'], [':KUBE-SERVICES', '-', '[0:0]'], [':KUBE-NODEPORTS', '-', '[0:0]'],
    [':KUBE-MARK-MASQ', '-', '[0:0]']]
  const rules: string[][] = []
  const probs = Array.from({ length: endpoints }, (_, i) => (1 / (endpoints - i)).toFixed(10))
  for (let s = 0; s < services; s++) {
    const name = `ns${s % 50}/svc${s}:http`
    const vip = `10.96.${(s >> 8) & 255}.${s & 255}`
    const svc = `KUBE-SVC-${hash16(s)}`
    decl.push([`:${svc}`, '-', '[0:0]'])
    rules.push(['-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', `${name} cluster IP`, '-m', 'tcp', '-p', 'tcp', '-d', vip,
      '--dport', '80', '-j', svc])
    rules.push(['-A', svc, '-m', 'comment', '--comment', `${name} cluster IP`, '-m', 'tcp', '-p', 'tcp', '-d', vip,
      '--dport', '80', '!', '-s', '10.244.0.0/16', '-j', 'KUBE-MARK-MASQ'])
    for (let e = 0; e < endpoints; e++) {
      const ip = `10.${244 + (e & 3)}.${(s >> 6) & 255}.${((s & 63) << 2) + (e >> 2)}`
      const sep = `KUBE-SEP-${hash16(s * 100 + e + 1_000_000)}`
      decl.push([`:${sep}`, '-', '[0:0]'])
      const rule = ['-A', svc, '-m', 'comment', '--comment', `${name} -> ${ip}:8080`]
      if (e < endpoints - 1) rule.push('-m', 'statistic', '--mode', 'random', '--probability', probs[e])
      rule.push('-j', sep)
      rules.push(rule)
      rules.push(['-A', sep, '-m', 'comment', '--comment', name, '-s', ip, '-j', 'KUBE-MARK-MASQ'])
      rules.push(['-A', sep, '-m', 'comment', '--comment', name, '-m', 'tcp', '-p', 'tcp', '-j', 'DNAT', '--to-destination', `${ip}:8080`])
    }
  }
  rules.push(['-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', 'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
    '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODEPORTS'])
  rules.push(['-A', 'KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', '0x4000'])
  return decl.concat(rules, [['COMMIT']])
}

function clock(now?: () => number): () => number {
  const perf = (globalThis as { performance?: { now(): number } }).performance
  return now ?? (perf ? () => perf.now() : () => 0)
}

export function benchRestore(opts: { services?: number; endpoints?: number; now?: () => number } = {}): RestoreBench {
  const now = clock(opts.now)
  const lines = kubeProxyLines(opts.services ?? 10_000, opts.endpoints ?? 10)
  const nf = newNetfilter()
  let t = now()
  nf.restore(lines, { noflush: true })
  const firstMs = now() - t
  t = now()
  nf.restore(lines, { noflush: true })
  const resyncMs = now() - t
  t = now()
  nf.save({ table: 'nat' })
  const saveMs = now() - t
  let rules = 0
  for (const c of nf.table('nat').chains.values()) rules += c.rules.length
  return { lines: lines.length, rules, firstMs, resyncMs, saveMs }
}
