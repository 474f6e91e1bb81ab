// Oracle golden test: every client-side kubectl output captured from real kubectl v1.32 (scripts/oracle) must come
// out of the lab byte for byte; only klog timestamps/pids and the build facts of `version` are normalised, and the
// lab may add its own `kubelab: ` hint lines at the very end of stderr, after kubectl's exact text.

import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createCluster } from '../../../core/cluster/create.ts'
import { createShell } from '../../shell.ts'
import { createWorkspaceFs } from '../../fs.ts'
import { normalise, withoutLabHints } from './normalise.ts'

interface Fixture { command: string; stdout: string; stderr: string; exitCode: number }

const ROOT = new URL('../../../../', import.meta.url).pathname
const FIXTURES = join(ROOT, 'src/shell/kubectl/golden/client')
const FILES = join(ROOT, 'scripts/oracle/files')
/** where capture-kubectl.sh runs the cases (its working directory) */
const WORKDIR = '/tmp/oracle-files'

function inputFiles(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) inputFiles(p, out)
    else out[`${WORKDIR}/${relative(FILES, p)}`] = readFileSync(p, 'utf8')
  }
  return out
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ id: f.replace('.json', ''), ...(JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture) }))
const files = inputFiles(FILES)

describe('kubectl client-side outputs match real kubectl v1.32', () => {
  it('has the captured fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(150)
  })
  for (const fx of fixtures) {
    it(`${fx.id}: ${fx.command}`, () => {
      const cluster = createCluster({ seed: 1 })
      const fs = createWorkspaceFs({ cwd: WORKDIR, dirs: [WORKDIR], files })
      const sh = createShell({ cluster, fs })
      const r = sh.run(fx.command)
      expect(r.done).toBe(true)
      const got = r.done ? r : { stdout: '', stderr: '', exitCode: -1 }
      expect({ stdout: normalise(got.stdout), stderr: normalise(withoutLabHints(got.stderr)), exitCode: got.exitCode })
        .toEqual({ stdout: normalise(fx.stdout), stderr: normalise(fx.stderr), exitCode: fx.exitCode })
    })
  }
})

describe('withoutLabHints', () => {
  it('drops only trailing kubelab: lines that start a line', () => {
    expect(withoutLabHints('error: x\nkubelab: hint\n')).toBe('error: x\n')
    expect(withoutLabHints('error: x\nkubelab: a\nkubelab: b')).toBe('error: x\n')
    expect(withoutLabHints('kubelab: a\nerror: x\n')).toBe('kubelab: a\nerror: x\n')
    expect(withoutLabHints('error: x kubelab: a\n')).toBe('error: x kubelab: a\n')
    expect(withoutLabHints('error: x\n')).toBe('error: x\n')
  })
})

describe('normalise', () => {
  it('keeps the klog shape and masks only timestamp and pid', () => {
    const line = 'E1123 09:33:49.018668    2120 run.go:72] "command failed"\n'
    expect(normalise(line)).toBe('EMMDD hh:mm:ss.uuuuuu     PID run.go:72] "command failed"\n')
    expect(normalise('E1123 09:33:49.018668 2120 run.go:72] x')).toBe('E1123 09:33:49.018668 2120 run.go:72] x')
  })
})
