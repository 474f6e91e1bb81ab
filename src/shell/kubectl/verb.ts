// The contract of one kubectl verb (one file each under verbs/, listed explicitly in index.ts).

import type { CommandContext, CommandResult } from '../types.ts'
import type { FlagSpec, ParsedFlags } from './flags.ts'

export interface Invocation {
  ctx: CommandContext
  flags: ParsedFlags
  /** positional args after the verb (and after a sub-verb for create/rollout) */
  args: string[]
  /** -n value, or the context's default namespace (`default`) */
  namespace: string
  /** was -n/--namespace given */
  namespaceSet: boolean
  /** `kubectl get`, `kubectl create deployment`: for usage/help texts */
  commandPath: string
}

export interface Verb {
  name: string
  aliases?: string[]
  /** one line for the `kubectl` overview */
  short: string
  /** group heading in the `kubectl` overview: 'Basic Commands (Beginner)', ... */
  group: string
  flags: FlagSpec[]
  /** full `kubectl VERB --help` text (without the trailing global-options note) */
  help: string
  /** sub-commands (create deployment, rollout restart ...) */
  subcommands?: Verb[]
  run(inv: Invocation): CommandResult
}

export const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 })
export const fail = (stderr: string, stdout = '', exitCode = 1): CommandResult => ({
  stdout, stderr: stderr.endsWith('\n') || stderr === '' ? stderr : stderr + '\n', exitCode,
})
