// kubectl's error reporting for verbs that go on past per-object failures: one error is printed as CheckErr
// prints it; several as utilerrors.Aggregate (one line each, API errors `Error from server (Reason): ...`).

import { StatusError, kubectlErrorText } from '../../core/apiserver/errors.ts'

/** A client-side (non-API) error; `hint` is the lab's own explanation, printed on its own line after kubectl's text. */
export class CliError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message)
  }
}

/**
 * An API error whose Status kubectl renders without the lab's StatusError shapes: reason '' (a plain server error,
 * `Error from server: <message>`), or Invalid without details (`The request is invalid: <message>`).
 */
export class ServerError extends Error {
  constructor(message: string, readonly reason: '' | 'Invalid') {
    super(message)
  }

  /** CheckErr's text for this error alone */
  get text(): string {
    return this.reason === 'Invalid' ? `The request is invalid: ${this.message}` : `Error from server: ${this.message}`
  }

  /** StandardErrorMessage: the text of this error inside an aggregate */
  get aggregateText(): string {
    return this.reason ? `Error from server (${this.reason}): ${this.message}` : `Error from server: ${this.message}`
  }
}

/** Several errors kubectl reports together (utilerrors.NewAggregate), e.g. the resource builder's path errors. */
export class CliErrors extends Error {
  constructor(readonly errors: readonly unknown[]) {
    super(errors.map((e) => (e instanceof Error ? e.message : String(e))).join(', '))
  }
}

/** cmdutil.AddSourceToErr: `error when creating "svc.yaml": <message>`, keeping the API status. */
export function addSourceToErr(verb: string, source: string, err: unknown): unknown {
  if (!source) return err
  if (err instanceof StatusError) {
    return new StatusError(err.reason, `error when ${verb} "${source}": ${err.message}`, err.details)
  }
  if (err instanceof Error) return new CliError(`error when ${verb} "${source}": ${err.message}`, err instanceof CliError ? err.hint : undefined)
  return err
}

function hintOf(e: unknown): string {
  return e instanceof CliError && e.hint ? e.hint + '\n' : ''
}

/** The stderr text for the errors of one command (empty for none). */
export function errorsText(errs: readonly unknown[]): string {
  if (errs.length === 0) return ''
  if (errs.length === 1) {
    const e = errs[0]
    if (e instanceof StatusError) return kubectlErrorText(e) + '\n'
    if (e instanceof ServerError) return e.text + '\n'
    const msg = e instanceof Error ? e.message : String(e)
    return (msg.startsWith('error: ') ? msg : `error: ${msg}`) + '\n' + hintOf(e)
  }
  let out = ''
  for (const e of errs) {
    if (e instanceof StatusError) out += `Error from server (${e.reason}): ${e.message}\n`
    else if (e instanceof ServerError) out += e.aggregateText + '\n'
    else out += (e instanceof Error ? e.message : String(e)) + '\n' + hintOf(e)
  }
  return out
}
