// How kubectl prints failures: API errors (StatusError) via kubectlErrorText, other errors with `error: `.

import { StatusError, kubectlErrorText } from '../../core/apiserver/errors.ts'
import { CliError, CliErrors, ServerError, errorsText } from './aggregate.ts'

/** kubectl's usage error: `<msg>\nSee 'kubectl get -h' for help and examples` */
export function usageError(commandPath: string, msg: string): string {
  return `error: ${msg}\nSee '${commandPath} -h' for help and examples\n`
}

/** cobra's flag error as kubectl prints it: `Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.` */
export function flagError(commandPath: string, msg: string): string {
  return `Error: ${msg}\nSee '${commandPath} --help' for usage.\n`
}

/** Any error as kubectl's CheckErr prints it. */
export function errorText(e: unknown): string {
  if (e instanceof StatusError) return kubectlErrorText(e) + '\n'
  if (e instanceof CliErrors) return errorsText(e.errors)
  if (e instanceof ServerError) return e.text + '\n'
  if (e instanceof CliError && e.hint) return `error: ${e.message}\n${e.hint}\n`
  if (e instanceof Error) return `error: ${e.message}\n`
  return `error: ${String(e)}\n`
}
