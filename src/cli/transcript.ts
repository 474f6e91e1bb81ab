// Feeds script lines to a shell and renders the result: the terminal transcript, or JSON lines per command.

import type { RunOutcome } from '../shell/types.ts'
import type { LabShell } from '../shell/shell.ts'
import type { Trace } from '../trace/types.ts'
import { traceText } from './trace-text.ts'

export interface CommandRecord {
  command: string
  stdout: string
  stderr: string
  exitCode: number
  /** the packet traces of the traffic the command sent (curl, ping ...); absent when it sent none */
  traces?: Trace[]
}

/** Splits a script into lines (LF or CRLF); a final newline does not make an extra empty line. */
export function scriptLines(text: string): string[] {
  const ls = text.replace(/\r\n/g, '\n').split('\n')
  if (ls[ls.length - 1] === '') ls.pop()
  return ls
}

/**
 * Runs every line. `onEcho` gets what the terminal shows when the line is typed (prompt + line), `onDone`
 * each completed command. Blank lines outside a heredoc or continuation are skipped (not echoed).
 */
export function runScript(shell: LabShell, lines: string[], onEcho: (text: string) => void, onDone: (r: CommandRecord) => void): void {
  const handle = (r: RunOutcome | undefined) => {
    if (r && r.done) onDone({ command: r.command, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, ...(r.traces?.length ? { traces: r.traces } : {}) })
  }
  for (const line of lines) {
    const prompt = shell.prompt()
    const continuing = prompt === '> '
    if (!continuing && line.trim() === '') continue
    onEcho(prompt + line + '\n')
    handle(shell.run(line))
  }
  handle(shell.eof())
}

/**
 * The default output: what the terminal shows (stdout, then stderr, as the command returned them). With
 * `traces`, each packet trace of the command follows as readable text (a newline first if the output did not end one).
 */
export function transcript(shell: LabShell, lines: string[], traces = false): string {
  let out = ''
  runScript(shell, lines, (t) => (out += t), (r) => {
    out += r.stdout + r.stderr
    if (traces && r.traces?.length) {
      if (out !== '' && !out.endsWith('\n')) out += '\n'
      r.traces.forEach((t, i) => (out += traceText(t, i + 1)))
    }
  })
  return out
}

/** `--json`: one object per completed command, one per line. */
export function jsonLines(shell: LabShell, lines: string[]): string {
  let out = ''
  runScript(shell, lines, () => {}, (r) => (out += JSON.stringify(r) + '\n'))
  return out
}
