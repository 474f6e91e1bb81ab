// The kubectl command: global flags, the explicit verb list, `--help`, unknown verbs. Each verb lives in verbs/.

import type { Command, CommandContext, CommandResult } from '../types.ts'
import { FlagError, parseFlags, str, bool, GLOBAL_FLAGS, type ParsedFlags } from './flags.ts'
import { flagError, errorText } from './errors.ts'
import type { Verb } from './verb.ts'
import { rootHelp, verbHelp, unknownCommand, unknownHelpTopic } from './help.ts'
import { commandFailed, klog } from './klog.ts'
import { apply } from './verbs/apply.ts'
import { create } from './verbs/create.ts'
import { get } from './verbs/get.ts'
import { describe } from './verbs/describe.ts'
import { deleteVerb } from './verbs/delete.ts'
import { edit } from './verbs/edit.ts'
import { expose } from './verbs/expose.ts'
import { scale } from './verbs/scale.ts'
import { label } from './verbs/label.ts'
import { annotate } from './verbs/annotate.ts'
import { logs } from './verbs/logs.ts'
import { exec } from './verbs/exec.ts'
import { rollout } from './verbs/rollout.ts'
import { run } from './verbs/run.ts'
import { version } from './verbs/version.ts'
import { clusterInfo } from './verbs/cluster-info.ts'
import { apiResources } from './verbs/api-resources.ts'
import { explain } from './verbs/explain.ts'
import { patch } from './verbs/patch.ts'
import { cordon, uncordon } from './verbs/cordon.ts'
import { drain } from './verbs/drain.ts'
import { taint } from './verbs/taint.ts'

/** Every verb kubectl knows here, in the order of `kubectl --help`. */
export const VERBS: readonly Verb[] = [
  create, expose, run, get, explain, edit, deleteVerb, rollout, scale, describe, logs, exec,
  clusterInfo, cordon, uncordon, drain, taint, label, annotate, apply, patch, apiResources, version,
]

export function findVerb(name: string): Verb | undefined {
  return VERBS.find((v) => v.name === name || v.aliases?.includes(name))
}

/** Global flags may come before the verb: `kubectl -n kube-system get pods`. Returns the index of the verb. */
function verbIndex(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (!a.startsWith('-')) return i
    const name = a.replace(/^-+/, '').split('=')[0]
    const spec = GLOBAL_FLAGS.find((g) => g.name === name || g.short === name)
    if (spec && spec.type !== 'bool' && !a.includes('=') && !(a.startsWith('-') && !a.startsWith('--') && a.length > 2)) i++
  }
  return -1
}

function dispatch(verb: Verb, path: string, args: string[], ctx: CommandContext): CommandResult {
  if (verb.subcommands?.length) {
    const i = args.findIndex((a) => !a.startsWith('-'))
    const sub = i >= 0 ? verb.subcommands.find((s) => s.name === args[i] || s.aliases?.includes(args[i])) : undefined
    if (sub) return dispatch(sub, `${path} ${sub.name}`, [...args.slice(0, i), ...args.slice(i + 1)], ctx)
  }
  let flags
  try {
    flags = parseFlags(args, verb.flags)
  } catch (e) {
    if (e instanceof FlagError) return { stdout: '', stderr: flagError(path, e.message), exitCode: 1 }
    throw e
  }
  if (bool(flags, 'help')) return { stdout: verbHelp(verb, path), stderr: '', exitCode: 0 }
  // cobra ValidateRequiredFlags: before the verb runs; the error leaves through component-base's klog line
  const missing = verb.flags.filter((f) => f.required && !flags.set.has(f.name)).map((f) => `"${f.name}"`)
  if (missing.length) return { stdout: '', stderr: commandFailed(ctx, `required flag(s) ${missing.join(', ')} not set`), exitCode: 1 }
  const ns = str(flags, 'namespace')
  // cmdutil.GetDryRunStrategy warns through klog when --dry-run has no value
  const warn = verb.flags.some((f) => f.name === 'dry-run') && str(flags, 'dry-run') === 'unchanged'
    ? klog(ctx, 'W', 'helpers.go:702', '--dry-run is deprecated and can be replaced with --dry-run=client.') : ''
  if (warn) {
    const r = runVerb(verb, flags, ns, path, ctx)
    return { ...r, stderr: warn + r.stderr }
  }
  return runVerb(verb, flags, ns, path, ctx)
}

function runVerb(verb: Verb, flags: ParsedFlags, ns: string, path: string, ctx: CommandContext): CommandResult {
  try {
    return verb.run({ ctx, flags, args: flags.positional, namespace: ns || 'default', namespaceSet: ns !== '', commandPath: path })
  } catch (e) {
    return { stdout: '', stderr: errorText(e), exitCode: 1 }
  }
}

/** `kubectl help [COMMAND...]`: the command's help, or cobra's unknown-topic text with the root usage. */
function help(words: string[]): CommandResult {
  if (!words.length) return { stdout: rootHelp(VERBS), stderr: '', exitCode: 0 }
  const found = findVerb(words[0])
  if (!found) return { stdout: '', stderr: unknownHelpTopic(words, VERBS), exitCode: 0 }
  let verb: Verb = found
  let path = `kubectl ${verb.name}`
  for (const w of words.slice(1)) {
    const sub: Verb | undefined = verb.subcommands?.find((s) => s.name === w || s.aliases?.includes(w))
    if (!sub) break
    verb = sub
    path += ` ${sub.name}`
  }
  return { stdout: verbHelp(verb, path), stderr: '', exitCode: 0 }
}

export const kubectl: Command = (ctx) => {
  const args = ctx.args
  const vi = verbIndex(args)
  if (vi < 0) {
    // no verb: global flags only (`kubectl`, `kubectl --help`, `kubectl -n x`, `kubectl --bogus`)
    try {
      parseFlags(args, [])
    } catch (e) {
      if (e instanceof FlagError) return { stdout: '', stderr: flagError('kubectl', e.message), exitCode: 1 }
      throw e
    }
    return { stdout: rootHelp(VERBS), stderr: '', exitCode: 0 }
  }
  const name = args[vi]
  if (name === 'help') return help(args.slice(vi + 1).filter((a) => !a.startsWith('-')))
  const verb = findVerb(name)
  if (!verb) {
    // kubectl looks for a plugin named like the first word; flags before it are refused
    if (vi > 0) return { stdout: '', stderr: `Error: flags cannot be placed before plugin name: ${args[0]}\n`, exitCode: 1 }
    return { stdout: '', stderr: unknownCommand(name, VERBS), exitCode: 1 }
  }
  if (vi > 0) {
    // an unknown global flag before a known verb: kubectl's plugin lookup refuses it the same way
    try {
      parseFlags(args.slice(0, vi), [])
    } catch (e) {
      if (e instanceof FlagError) return { stdout: '', stderr: `Error: flags cannot be placed before plugin name: ${args[0]}\n`, exitCode: 1 }
      throw e
    }
  }
  const rest = [...args.slice(0, vi), ...args.slice(vi + 1)]
  return dispatch(verb, `kubectl ${verb.name}`, rest, ctx)
}
