// Sums the suites' results into the one line CI reads: "N passed, N failed". Exit 1 when anything failed.
import { existsSync, readFileSync } from 'node:fs'

const [tcPass, tcFail, buildOk] = process.argv.slice(2).map(Number)
let passed = tcPass, failed = tcFail + (buildOk ? 0 : 1)

if (existsSync('reports/vitest.json')) {
  const v = JSON.parse(readFileSync('reports/vitest.json', 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  // a suite that failed to load has no tests but must count
  failed += (v.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length
} else {
  failed += 1
  console.error('vitest produced no report')
}
if (existsSync('reports/playwright.json')) {
  const p = JSON.parse(readFileSync('reports/playwright.json', 'utf8'))
  passed += p.stats.expected + p.stats.flaky
  failed += p.stats.unexpected
  if ((p.errors ?? []).length) failed += p.errors.length
} else if (buildOk) {
  failed += 1
  console.error('playwright produced no report')
}
// the kernel suite: one test per scenario; skipped scenarios (not root, no ip_vs ...) are no failures
if (existsSync('reports/kernel.json')) {
  try {
    const k = JSON.parse(readFileSync('reports/kernel.json', 'utf8'))
    const n = (s) => k.scenarios.filter((x) => x.status === s).length
    if (k.suite !== 'kernel' || !Array.isArray(k.scenarios) || n('passed') !== k.passed || n('failed') !== k.failed) throw new Error('inconsistent report')
    passed += k.passed
    failed += k.failed
    for (const s of k.scenarios.filter((x) => x.status === 'skipped')) console.log(`kernel suite skipped: ${s.name}: ${s.reason}`)
  } catch (e) {
    failed += 1
    console.error(`kernel suite report unreadable: ${e.message}`)
  }
} else {
  failed += 1
  console.error('kernel suite produced no report')
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
