// The real side of a scenario: write the exported script, bring it up under a unique prefix, run curl loops
// and iptables-save inside its namespaces, and always bring it down again.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCurlLoop, type CurlResult } from '../../src/cli/export/verify-stats.ts'

export class RealLab {
  private readonly dir: string
  private readonly file: string
  private readonly env: NodeJS.ProcessEnv

  constructor(script: string, readonly prefix: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'kubelab-verify-'))
    this.file = join(this.dir, 'lab.sh')
    writeFileSync(this.file, script)
    this.env = { ...process.env, KUBELAB_PREFIX: prefix, TMPDIR: this.dir }
  }

  up(): void {
    const r = spawnSync('bash', [this.file], { encoding: 'utf8', env: this.env, timeout: 60_000 })
    if (r.status !== 0) throw new Error(`lab.sh failed (${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`)
  }

  down(): void {
    spawnSync('bash', [this.file, '--down'], { encoding: 'utf8', env: this.env, timeout: 60_000 })
    rmSync(this.dir, { recursive: true, force: true })
  }

  /** run a command in a namespace (`id` as the export names it) */
  exec(id: string, argv: string[], timeoutMs = 60_000): { status: number; stdout: string; stderr: string } {
    const r = spawnSync('ip', ['netns', 'exec', `${this.prefix}-${id}`, ...argv], { encoding: 'utf8', timeout: timeoutMs })
    return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }
  }

  /** n curl requests from a namespace, each with its exit code */
  curl(id: string, url: string, n: number, maxTime = 2): CurlResult[] {
    const loop = `for i in $(seq ${n}); do curl -s -m ${maxTime} ${url}; echo "@@kubelab exit=$?"; done`
    const r = this.exec(id, ['bash', '-c', loop], (n * maxTime + 30) * 1000)
    const res = parseCurlLoop(r.stdout)
    if (res.length !== n) throw new Error(`curl loop in ${id}: ${res.length} of ${n} results (${r.stderr.trim()})`)
    return res
  }

  /** one curl with -sS: exit code and the error text */
  curlOnce(id: string, url: string, maxTime = 2): { exit: number; stderr: string } {
    const r = this.exec(id, ['curl', '-sS', '-m', String(maxTime), url])
    return { exit: r.status, stderr: r.stderr }
  }

  save(id: string, args: string[] = []): string {
    const r = this.exec(id, ['iptables-save', ...args])
    if (r.status !== 0) throw new Error(`iptables-save in ${id}: ${r.stderr}`)
    return r.stdout
  }
}
