// Parses the headless CLI's command line: `kubelab run [--profile P] [--nodes N] [--proxy-mode M] [--seed S] [--json] [--trace] [FILE|-]`
// and `kubelab export netns [--profile P] [--nodes N] [--proxy-mode M] [--seed S] [--scenario FILE]`.

import type { ProfileName, ProxyMode } from '../core/cluster/types.ts'

export const USAGE = `Usage:
  kubelab run [--profile kubeadm|binary] [--nodes N] [--proxy-mode iptables|ipvs] [--seed N] [--json] [--trace] [FILE|-]
  kubelab export netns [--profile kubeadm|binary] [--nodes N] [--proxy-mode iptables|ipvs] [--seed N] [--scenario FILE]
  kubelab version
  kubelab --help

Runs a script of terminal lines (kubectl, shell commands, heredocs) against a fresh simulated cluster,
line by line through the same shell the browser terminal uses, and prints what the terminal would show.
Reads the script from FILE, or from standard input when FILE is - or absent.

Flags for run:
  --profile kubeadm|binary   cluster profile (default kubeadm)
  --nodes N                  number of nodes, control plane included (default: the profile's)
  --proxy-mode iptables|ipvs kube-proxy mode (default iptables)
  --seed N                   random seed: the same seed gives the same names and IPs (default 1)
  --json                     one JSON object per command: {"command","stdout","stderr","exitCode"}, plus
                             "traces": [...] (the packet traces) for commands that sent traffic
  --trace                    print each packet trace (hop by hop, then the verdict) after the command's output

export netns runs the scenario FILE (terminal lines, as for run) on a fresh cluster, then prints a bash script
that rebuilds the settled cluster's network in Linux network namespaces (nodes, pods, the outside client, the
nodes' iptables rules, a tiny server per pod). Run it as root: \`sudo bash lab.sh\`; remove it: \`sudo bash lab.sh --down\`.
`

export interface RunArgs {
  kind: 'run'
  profile: ProfileName
  nodes?: number
  proxyMode: ProxyMode
  seed: number | string
  json: boolean
  /** print the packet traces as text after each command */
  trace: boolean
  /** a path, or '-' for stdin */
  file: string
}

export interface ExportArgs {
  kind: 'export'
  /** what to export: only `netns` so far */
  target: 'netns'
  profile: ProfileName
  nodes?: number
  proxyMode: ProxyMode
  seed: number | string
  /** the setup script (terminal lines), or undefined for a fresh cluster */
  scenario?: string
}

export type CliArgs = RunArgs | ExportArgs | { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string }

const PROFILES: readonly ProfileName[] = ['kubeadm', 'binary']
/** userspace mode was removed from kube-proxy in v1.26: a v1.32 cluster cannot start with it */
const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'ipvs']
const VALUE_FLAGS = new Set(['--profile', '--nodes', '--proxy-mode', '--seed'])

type ClusterFlags = Pick<RunArgs, 'profile' | 'nodes' | 'proxyMode' | 'seed'>

/** one of the cluster flags shared by run and export: undefined when fine, else the error message */
function clusterFlag(out: ClusterFlags, flag: string, value: string): string | undefined {
  switch (flag) {
    case '--profile':
      if (!PROFILES.includes(value as ProfileName)) return `kubelab: unknown profile "${value}" (supported: ${PROFILES.join(', ')})\n`
      out.profile = value as ProfileName
      break
    case '--nodes':
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 50) return `kubelab: --nodes must be a whole number from 1 to 50, not "${value}"\n`
      out.nodes = Number(value)
      break
    case '--proxy-mode':
      if (!PROXY_MODES.includes(value as ProxyMode)) return `kubelab: unknown proxy mode "${value}" (supported: ${PROXY_MODES.join(', ')})\n`
      out.proxyMode = value as ProxyMode
      break
    case '--seed':
      out.seed = /^-?\d+$/.test(value) ? Number(value) : value
      break
  }
  return undefined
}

function parseExport(argv: readonly string[]): CliArgs {
  const [target, ...rest] = argv
  if (target === '--help' || target === '-h') return { kind: 'help' }
  if (target !== 'netns') return { kind: 'error', message: `kubelab: export needs a target: netns${target === undefined ? '' : ` (not "${target}")`}\n` + USAGE }
  const out: ExportArgs = { kind: 'export', target: 'netns', profile: 'kubeadm', proxyMode: 'iptables', seed: 1 }
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]
    if (a === '--help' || a === '-h') return { kind: 'help' }
    const eq = a.indexOf('=')
    const flag = eq >= 0 ? a.slice(0, eq) : a
    if (!VALUE_FLAGS.has(flag) && flag !== '--scenario') {
      return { kind: 'error', message: a.startsWith('-') ? `kubelab: unknown flag ${flag}\n` + USAGE : `kubelab: export netns takes no argument "${a}" (the setup script goes in --scenario FILE)\n` }
    }
    const value = eq >= 0 ? a.slice(eq + 1) : rest[++i]
    if (value === undefined || value === '') return { kind: 'error', message: `kubelab: flag ${flag} needs a value\n` }
    if (flag === '--scenario') { out.scenario = value; continue }
    const err = clusterFlag(out, flag, value)
    if (err) return { kind: 'error', message: err }
  }
  return out
}

export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.length === 0) return { kind: 'error', message: 'kubelab: missing command\n' + USAGE }
  const [cmd, ...rest] = argv
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') return { kind: 'help' }
  if (cmd === 'version' || cmd === '--version') return { kind: 'version' }
  if (cmd === 'export') return parseExport(rest)
  if (cmd !== 'run') {
    if (cmd.startsWith('-')) return { kind: 'error', message: `kubelab: unknown flag ${cmd}\n` + USAGE }
    return { kind: 'error', message: `kubelab: unknown command "${cmd}"\n` + USAGE }
  }
  const out: RunArgs = { kind: 'run', profile: 'kubeadm', proxyMode: 'iptables', seed: 1, json: false, trace: false, file: '-' }
  const files: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]
    if (a === '--help' || a === '-h') return { kind: 'help' }
    if (a === '--json') {
      out.json = true
      continue
    }
    if (a === '--trace') {
      out.trace = true
      continue
    }
    if (a === '-' || !a.startsWith('-')) {
      files.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const flag = eq >= 0 ? a.slice(0, eq) : a
    if (!VALUE_FLAGS.has(flag)) return { kind: 'error', message: `kubelab: unknown flag ${flag}\n` + USAGE }
    const value = eq >= 0 ? a.slice(eq + 1) : rest[++i]
    if (value === undefined || value === '') return { kind: 'error', message: `kubelab: flag ${flag} needs a value\n` }
    const err = clusterFlag(out, flag, value)
    if (err) return { kind: 'error', message: err }
  }
  if (files.length > 1) return { kind: 'error', message: `kubelab: run takes one script, got ${files.length}: ${files.join(' ')}\n` }
  if (files.length === 1) out.file = files[0]
  return out
}
