// The headless `kubelab` command (bin/kubelab runs this with tsx): run a script against a fresh simulated cluster.

import { readFileSync } from 'node:fs'
import { parseArgs, USAGE } from './args.ts'

// The model is loaded only for `run`, `export` and `version`, so usage errors and --help answer fast.
const loadModel = async () => {
  const [{ createCluster }, { createShell }, { createWorkspaceFs }, t] = await Promise.all([
    import('../core/cluster/create.ts'), import('../shell/shell.ts'), import('../shell/fs.ts'), import('./transcript.ts'),
  ])
  return { createCluster, createShell, createWorkspaceFs, ...t }
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

function readScript(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8')
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv)
  switch (args.kind) {
    case 'help':
      process.stdout.write(USAGE)
      return 0
    case 'version': {
      const { createCluster } = await loadModel()
      const cluster = createCluster({})
      process.stdout.write(`kubelab ${packageVersion()} (simulated Kubernetes ${cluster.profile.version})\n`)
      return 0
    }
    case 'error':
      process.stderr.write(args.message)
      return 2
    case 'run': {
      let text: string
      try {
        text = readScript(args.file)
      } catch (e) {
        const code = (e as { code?: string }).code
        const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : (e as Error).message
        process.stderr.write(`kubelab: cannot read script "${args.file}": ${why}\n`)
        return 2
      }
      const { createCluster, createShell, createWorkspaceFs, jsonLines, scriptLines, transcript } = await loadModel()
      const cluster = createCluster({ profile: args.profile, nodes: args.nodes, proxyMode: args.proxyMode, seed: args.seed })
      const shell = createShell({ cluster, fs: createWorkspaceFs() })
      const lines = scriptLines(text)
      process.stdout.write(args.json ? jsonLines(shell, lines) : transcript(shell, lines, args.trace))
      return 0
    }
    case 'export': {
      let text = ''
      if (args.scenario !== undefined) {
        try {
          text = readScript(args.scenario)
        } catch (e) {
          const code = (e as { code?: string }).code
          const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : (e as Error).message
          process.stderr.write(`kubelab: cannot read scenario "${args.scenario}": ${why}\n`)
          return 2
        }
      }
      const { createCluster, createShell, createWorkspaceFs, runScript, scriptLines } = await loadModel()
      const { exportNetns } = await import('./export/netns.ts')
      const cluster = createCluster({ profile: args.profile, nodes: args.nodes, proxyMode: args.proxyMode, seed: args.seed })
      const shell = createShell({ cluster, fs: createWorkspaceFs() })
      // the scenario sets the cluster up; a failing line is reported (the export still reflects what was built)
      runScript(shell, scriptLines(text), () => {}, (r) => {
        if (r.exitCode !== 0) process.stderr.write(`kubelab: scenario: \`${r.command}\` exited ${r.exitCode}: ${r.stderr}${r.stderr.endsWith('\n') ? '' : '\n'}`)
      })
      process.stdout.write(exportNetns(cluster))
      return 0
    }
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (e) {
  process.stderr.write(`kubelab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exitCode = 1
}
