// The kernel suite's report (reports/kernel.json): one entry per scenario, passed / failed (with the
// differences) / skipped (with the reason), its text rendering and a strict reader for the summary.

export type ScenarioStatus = 'passed' | 'failed' | 'skipped'

export interface ScenarioResult {
  name: string
  status: ScenarioStatus
  /** skipped: why (not root, no ip netns, no iptables, no ip_vs) */
  reason?: string
  /** failed: the differences; passed: what was checked */
  details: string[]
  durationMs: number
}

export interface KernelReport {
  suite: 'kernel'
  environment: Record<string, string | boolean>
  scenarios: ScenarioResult[]
  passed: number
  failed: number
  skipped: number
  durationMs: number
}

export function makeReport(environment: KernelReport['environment'], scenarios: ScenarioResult[], durationMs: number): KernelReport {
  const n = (s: ScenarioStatus) => scenarios.filter((x) => x.status === s).length
  return { suite: 'kernel', environment, scenarios, passed: n('passed'), failed: n('failed'), skipped: n('skipped'), durationMs }
}

/** one line per scenario, details indented under failures, then the totals */
export function reportText(r: KernelReport): string {
  const lines: string[] = []
  for (const s of r.scenarios) {
    const head = `${s.status.toUpperCase().padEnd(7)} ${s.name}`
    if (s.status === 'skipped') lines.push(`${head}: ${s.reason ?? ''}`)
    else lines.push(`${head} (${(s.durationMs / 1000).toFixed(1)}s)`)
    if (s.status === 'failed') for (const d of s.details) lines.push(`    ${d}`)
  }
  lines.push(`kernel suite: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped in ${(r.durationMs / 1000).toFixed(1)}s`)
  return lines.join('\n') + '\n'
}

/** reads a report back; throws on anything malformed or inconsistent (the summary counts that as a failure) */
export function parseReport(text: string): KernelReport {
  const r = JSON.parse(text) as Partial<KernelReport>
  if (r.suite !== 'kernel' || !Array.isArray(r.scenarios)) throw new Error('not a kernel suite report')
  for (const s of r.scenarios) {
    if (typeof s?.name !== 'string' || !['passed', 'failed', 'skipped'].includes(s.status)) throw new Error(`bad scenario entry: ${JSON.stringify(s)}`)
    if (s.status === 'skipped' && !s.reason) throw new Error(`scenario ${s.name} skipped without a reason`)
  }
  const count = (st: ScenarioStatus) => r.scenarios!.filter((s) => s.status === st).length
  for (const st of ['passed', 'failed', 'skipped'] as const) {
    if (r[st] !== count(st)) throw new Error(`report says ${r[st]} ${st}, its scenarios say ${count(st)}`)
  }
  return r as KernelReport
}
