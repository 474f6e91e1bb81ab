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
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
