// npm run verify:kernel: for each scenario, build the lab cluster, export its network, bring it up in real
// namespaces, send real traffic with curl and compare with the lab's traces; then tear it down. Writes
// reports/kernel.json; exit 0 when nothing failed (skipped scenarios say why).

import { mkdirSync, writeFileSync } from 'node:fs'
import { probe, skipReason } from './env.ts'
import { Lab } from './lab.ts'
import { RealLab } from './real.ts'
import { SCENARIOS, NODES } from './scenarios.ts'
import { exportNetns } from '../../src/cli/export/netns.ts'
import { makeReport, reportText, type ScenarioResult } from '../../src/cli/export/verify-report.ts'

const only = process.argv.slice(2)
const started = performance.now()
const caps = probe()
const results: ScenarioResult[] = []
let live: RealLab | undefined
const cleanup = () => { live?.down(); live = undefined }
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { cleanup(); process.exit(130) })

SCENARIOS.forEach((s, i) => {
  if (only.length && !only.some((o) => s.name.toLowerCase().includes(o.toLowerCase()))) return
  const t0 = performance.now()
  const reason = skipReason(caps, s.mode)
  if (reason) { results.push({ name: s.name, status: 'skipped', reason, details: [], durationMs: 0 }); return }
  let r: ScenarioResult
  try {
    const lab = new Lab(s.setup(NODES), { proxyMode: s.mode })
    live = new RealLab(exportNetns(lab.cluster), `klv${process.pid % 10000}s${i}`)
    live.up()
    const o = s.check(lab, live)
    r = { name: s.name, status: o.diffs.length ? 'failed' : 'passed', details: o.diffs.length ? [...o.diffs, ...o.notes.map((n) => `(ok) ${n}`)] : o.notes, durationMs: 0 }
  } catch (e) {
    r = { name: s.name, status: 'failed', details: [`error: ${e instanceof Error ? e.message : String(e)}`], durationMs: 0 }
  } finally {
    cleanup()
  }
  r.durationMs = Math.round(performance.now() - t0)
  results.push(r)
  process.stdout.write(reportText(makeReport({}, [r], r.durationMs)).split('\n')[0] + '\n')
})

const report = makeReport({
  root: caps.root, netns: caps.netns, iptables: caps.iptables ?? false, curl: caps.curl, python3: caps.python3, ipvs: caps.ipvs,
}, results, Math.round(performance.now() - started))
mkdirSync('reports', { recursive: true })
writeFileSync('reports/kernel.json', JSON.stringify(report, null, 2) + '\n')
process.stdout.write('\n' + reportText(report))
if (process.env.KUBELAB_VERIFY_VERBOSE) for (const s of results) for (const d of s.details) process.stdout.write(`  [${s.name}] ${d}\n`)
process.exitCode = report.failed ? 1 : 0
