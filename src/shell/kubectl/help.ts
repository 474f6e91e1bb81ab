// STUB (owned by the kubectl-misc work): `kubectl` overview, `kubectl VERB --help`, unknown-command text.
import type { Verb } from './verb.ts'

export function rootHelp(verbs: readonly Verb[]): string {
  return verbs.map((v) => `  ${v.name}  ${v.short}`).join('\n') + '\n'
}
export function verbHelp(verb: Verb, _path: string): string {
  return verb.help + '\n'
}
export function unknownCommand(name: string, _verbs: readonly Verb[]): string {
  return `error: unknown command "${name}" for "kubectl"\n`
}
