// Pure helpers of the kernel verification suite: the endpoint probabilities a KUBE-SVC chain encodes, a
// chi-square test that does not flake, `iptables-save -c` counter parsing, and whoami/curl output parsing.

/** `ip:port` -> probability, from the `-A KUBE-SVC-X ... [--probability p] -j KUBE-SEP-Y` rules in order */
export function svcProbabilities(save: string, svcChain: string): Map<string, number> {
  const dnat = new Map<string, string>()
  for (const m of save.matchAll(/^-A (KUBE-SEP-\S+) .*-j DNAT --to-destination (\S+)$/gm)) dnat.set(m[1], m[2])
  const out = new Map<string, number>()
  let rest = 1
  for (const line of save.split('\n')) {
    if (!line.startsWith(`-A ${svcChain} `)) continue
    const sep = / -j (KUBE-SEP-\S+)$/.exec(line)
    if (!sep) continue
    const p = /--probability (\S+)/.exec(line)
    const prob = p ? Number(p[1]) : 1
    const ep = dnat.get(sep[1]) ?? sep[1]
    out.set(ep, (out.get(ep) ?? 0) + rest * prob)
    rest *= 1 - prob
  }
  return out
}

/** chi-square critical values at p = 0.0001 by degrees of freedom (1..10): a correct spread fails 1 run in 10,000 */
const CRITICAL = [15.14, 18.42, 21.11, 23.51, 25.74, 27.86, 29.88, 31.83, 33.72, 35.56]

export interface SpreadCheck { ok: boolean; chi2: number; critical: number; text: string }

/** do `counts` (key -> n) fit `probs` (key -> p)? Keys outside probs fail outright. */
export function spreadCheck(counts: Map<string, number>, probs: Map<string, number>): SpreadCheck {
  const total = [...counts.values()].reduce((a, b) => a + b, 0)
  const stray = [...counts.keys()].filter((k) => !probs.has(k))
  let chi2 = 0
  for (const [k, p] of probs) {
    const e = total * p
    const o = counts.get(k) ?? 0
    if (e > 0) chi2 += (o - e) ** 2 / e
  }
  const dof = Math.max(1, probs.size - 1)
  const critical = CRITICAL[Math.min(dof, CRITICAL.length) - 1]
  const shown = [...probs.keys()].map((k) => `${k}=${counts.get(k) ?? 0}`).join(' ')
  const ok = stray.length === 0 && (probs.size < 2 || chi2 <= critical)
  return { ok, chi2, critical, text: `${shown} (n=${total}, chi2=${chi2.toFixed(2)} <= ${critical}${stray.length ? `; unexpected: ${stray.join(' ')}` : ''})` }
}

/** `iptables-save -c` text -> `CHAIN rule-text` (as iptables-save prints it, without `-A`) -> packets */
export function parseCounters(save: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const m of save.matchAll(/^\[(\d+):\d+\] -A (.*)$/gm)) out.set(m[2], (out.get(m[2]) ?? 0) + Number(m[1]))
  return out
}

/** a lab rule (`-A CHAIN ...`) as a parseCounters key */
export const ruleKey = (rule: string) => rule.replace(/^-A /, '')

/** the rule lines of an iptables-save text, without comments, `*table`, COMMIT and counters (for comparison) */
export function ruleLines(save: string): string[] {
  return save.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.replace(/^\[\d+:\d+\] /, '').replace(/ \[\d+:\d+\]$/, ' [0:0]'))
}

export interface CurlResult { exit: number; hostname?: string; remote?: string; body: string }

/** the output of the suite's curl loop: each request's body followed by `@@kubelab exit=N` */
export function parseCurlLoop(out: string): CurlResult[] {
  const res: CurlResult[] = []
  const re = /@@kubelab exit=(\d+)\n/g
  let from = 0
  for (let m = re.exec(out); m; m = re.exec(out)) {
    const body = out.slice(from, m.index)
    from = m.index + m[0].length
    const host = /^Hostname: (.*)$/m.exec(body)
    const remote = /^RemoteAddr: (.*)$/m.exec(body)
    res.push({ exit: Number(m[1]), body, ...(host ? { hostname: host[1] } : {}), ...(remote ? { remote: remote[1].slice(0, remote[1].lastIndexOf(':')) } : {}) })
  }
  return res
}
