// Tab completion for a line (cursor at its end): command names, kubectl verbs, resource types, object names
// from the store (in the typed -n namespace), namespaces, nodes for ssh, and file names.

import type { Cluster } from '../core/cluster/types.ts'
import { RESOURCE_TYPES, resolveResource } from '../core/api/kinds.ts'
import type { Completion, WorkspaceFs } from './types.ts'

export const KUBECTL_VERBS = [
  'apply', 'create', 'get', 'describe', 'delete', 'edit', 'expose', 'scale', 'label', 'annotate', 'logs', 'exec',
  'rollout', 'run', 'version', 'cluster-info', 'api-resources', 'explain', 'patch',
] as const

/** verbs whose first argument is a resource type (then names) */
const TYPE_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'expose', 'explain', 'patch'])
/** verbs whose first argument is a pod name */
const POD_VERBS = new Set(['logs', 'exec'])
const ROLLOUT_SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo']
const CREATE_SUBCOMMANDS = ['configmap', 'deployment', 'ingress', 'namespace', 'secret', 'service']
const OUTPUT_FORMATS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml']
/** kubectl flags that take a separate value */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-f', '--filename', '-l', '--selector', '-o', '--output', '-c', '--container', '--context', '--replicas', '--image', '--port', '--type', '--name', '--target-port', '-p'])
/** commands whose arguments are not files */
const NON_FILE = new Set(['echo', 'export', 'unset', 'alias', 'unalias', 'history', 'exit', 'help', 'hostname', 'whoami', 'date', 'sleep', 'true', 'false', 'clear', 'env', 'printenv', 'pwd'])

export interface CompletionEnv {
  cluster: Cluster
  fs: WorkspaceFs
  /** command names available here */
  commands: string[]
  aliases: ReadonlyMap<string, string>
}

function commonPrefix(xs: string[]): string {
  if (xs.length === 0) return ''
  let p = xs[0]
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1)
  return p
}

function result(word: string, start: number, all: string[]): Completion {
  const candidates = [...new Set(all.filter((c) => c.startsWith(word)))].sort()
  if (candidates.length === 0) return { candidates, replacement: word, start }
  if (candidates.length === 1) {
    const c = candidates[0]
    return { candidates, replacement: c.endsWith('/') || c.endsWith('=') ? c : c + ' ', start }
  }
  return { candidates, replacement: commonPrefix(candidates), start }
}

function fileCandidates(fs: WorkspaceFs, word: string, dirsOnly = false): string[] {
  const slash = word.lastIndexOf('/')
  const dirTyped = slash >= 0 ? word.slice(0, slash + 1) : ''
  const base = slash >= 0 ? word.slice(slash + 1) : word
  let dir = dirTyped === '' ? '.' : dirTyped
  const home = '/root'
  if (dir.startsWith('~/')) dir = home + dir.slice(1)
  const names = fs.list(dir) ?? []
  const out: string[] = []
  for (const n of names) {
    if (n.startsWith('.') && !base.startsWith('.')) continue
    const path = `${dir === '/' ? '' : dir.replace(/\/$/, '')}/${n}`
    const isDir = fs.isDir(dir === '.' ? n : path)
    if (dirsOnly && !isDir) continue
    out.push(dirTyped + n + (isDir ? '/' : ''))
  }
  return out
}

function namesOf(cluster: Cluster, kind: string, namespaced: boolean, ns: string | undefined): string[] {
  return cluster.store.list(kind, namespaced ? ns : undefined).map((o) => o.metadata.name)
}

const TYPE_WORDS = RESOURCE_TYPES.flatMap((t) => [t.plural, t.singular, ...t.shortNames])

function kubectlComplete(args: string[], word: string, start: number, env: CompletionEnv): Completion {
  let ns: string | undefined = 'default'
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-A' || a === '--all-namespaces') ns = undefined
    else if (a === '-n' || a === '--namespace') ns = args[++i] ?? ns
    else if (a.startsWith('--namespace=')) ns = a.slice('--namespace='.length)
    else if (a.startsWith('-n') && a.length > 2 && !a.startsWith('--')) ns = a.slice(2)
    else if (VALUE_FLAGS.has(a)) i++
    else if (!a.startsWith('-')) positional.push(a)
  }
  const prev = args[args.length - 1]
  const namespaces = () => env.cluster.store.list('Namespace').map((o) => o.metadata.name)
  if (prev === '-n' || prev === '--namespace') return result(word, start, namespaces())
  if (word.startsWith('--namespace=')) return result(word, start, namespaces().map((n) => `--namespace=${n}`))
  if (prev === '-f' || prev === '--filename') return result(word, start, fileCandidates(env.fs, word))
  if (prev === '-o' || prev === '--output') return result(word, start, OUTPUT_FORMATS)
  if (word.startsWith('-')) return result(word, start, [])
  const verb = positional[0]
  if (verb === undefined) return result(word, start, [...KUBECTL_VERBS])
  let rest = positional.slice(1)
  if (verb === 'rollout') {
    if (rest.length === 0) return result(word, start, ROLLOUT_SUBCOMMANDS)
    rest = rest.slice(1)
  }
  if (verb === 'create' && rest.length === 0) return result(word, start, CREATE_SUBCOMMANDS)
  if (POD_VERBS.has(verb)) {
    if (rest.length === 0) return result(word, start, namesOf(env.cluster, 'Pod', true, ns))
    return result(word, start, [])
  }
  if (!TYPE_VERBS.has(verb) && verb !== 'rollout') return result(word, start, [])
  if (word.includes('/')) {
    const typed = word.slice(0, word.indexOf('/'))
    const t = resolveResource(typed)
    if (!t) return result(word, start, [])
    return result(word, start, namesOf(env.cluster, t.kind, t.namespaced, ns).map((n) => `${typed}/${n}`))
  }
  if (rest.length === 0) {
    const types = verb === 'rollout' ? ['deployment', 'deployments', 'deploy'] : TYPE_WORDS
    return result(word, start, types)
  }
  if (verb === 'explain' || rest[0].includes('/')) return result(word, start, [])
  const t = resolveResource(rest[0].split(',')[0])
  if (!t) return result(word, start, [])
  return result(word, start, namesOf(env.cluster, t.kind, t.namespaced, ns))
}

/** Completes the last word of `line`. */
export function complete(line: string, env: CompletionEnv): Completion {
  // the current simple command: after the last unquoted ; | & (a rough split is enough for completion)
  const segStart = Math.max(line.lastIndexOf(';'), line.lastIndexOf('|'), line.lastIndexOf('&')) + 1
  const seg = line.slice(segStart)
  const m = /(\S*)$/.exec(seg)!
  const word = m[1]
  const start = line.length - word.length
  const before = seg.slice(0, seg.length - word.length).trim()
  const prevWords = before === '' ? [] : before.split(/\s+/)
  const redirect = prevWords.length && /[<>]$/.test(prevWords[prevWords.length - 1])
  if (redirect) return result(word, start, fileCandidates(env.fs, word))
  if (/^[<>]/.test(word)) {
    const op = /^[<>]+&?/.exec(word)![0]
    const r = result(word.slice(op.length), start + op.length, fileCandidates(env.fs, word.slice(op.length)))
    return r
  }
  if (prevWords.length === 0) return result(word, start, env.commands)
  let cmd = prevWords[0]
  let args = prevWords.slice(1)
  const alias = env.aliases.get(cmd)
  if (alias) {
    const parts = alias.split(/\s+/).filter(Boolean)
    cmd = parts[0]
    args = [...parts.slice(1), ...args]
  }
  if (cmd === 'kubectl') return kubectlComplete(args, word, start, env)
  if (cmd === 'ssh') return result(word, start, env.cluster.profile.nodes.map((n) => n.name))
  if (cmd === 'cd') return result(word, start, fileCandidates(env.fs, word, true))
  if (NON_FILE.has(cmd)) return result(word, start, [])
  return result(word, start, fileCandidates(env.fs, word))
}
