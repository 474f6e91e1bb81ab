// Errors with iptables' own texts: the message is exactly what the tool prints on stderr (no trailing newline).

export const IPTABLES_VERSION = 'v1.8.9 (nf_tables)'

/** xtables exit codes: OTHER_PROBLEM 1, PARAMETER_PROBLEM 2, VERSION_PROBLEM 3, RESOURCE_PROBLEM 4 */
export class NetfilterError extends Error {
  readonly exitCode: number
  /** the bare detail (`unknown option "--foo"`), without the program prefix */
  readonly detail: string
  constructor(message: string, exitCode = 1, detail = message) {
    super(message)
    this.name = 'NetfilterError'
    this.exitCode = exitCode
    this.detail = detail
  }
}

/** a problem with one rule's arguments; the caller (iptables or iptables-restore) adds its own prefix */
export class RuleParseError extends Error {
  constructor(readonly detail: string) {
    super(detail)
    this.name = 'RuleParseError'
  }
}

/** `iptables v1.8.9 (nf_tables): <detail>` + the help hint, as `iptables -A ...` prints a PARAMETER_PROBLEM */
export function iptablesParameterProblem(detail: string, prog = 'iptables'): NetfilterError {
  return new NetfilterError(
    `${prog} ${IPTABLES_VERSION}: ${detail}\nTry \`${prog} -h' or '${prog} --help' for more information.`, 2, detail)
}

/** iptables-restore's report of a bad line (PARAMETER_PROBLEM while parsing) */
export function restoreParameterProblem(detail: string, line: number): NetfilterError {
  return new NetfilterError(
    `iptables-restore ${IPTABLES_VERSION}: ${detail}\nError occurred at line: ${line}\n` +
      `Try \`iptables-restore -h' or 'iptables-restore --help' for more information.`, 2, detail)
}

/** iptables-restore's report when the kernel refuses a line at COMMIT (missing chain, chain in use, ...) */
export function restoreLineFailed(line: number): NetfilterError {
  return new NetfilterError(`iptables-restore: line ${line} failed`, 1)
}

export const NO_CHAIN = 'iptables: No chain/target/match by that name.'

export function noSuchTable(table: string, prog = 'iptables'): NetfilterError {
  return new NetfilterError(
    `${prog} ${IPTABLES_VERSION}: table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3)
}
