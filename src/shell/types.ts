// The contract of the shell: one door (`run(line)`) that the terminal, the editor's Apply button,
// lessons and the headless CLI all use.

import type { Cluster } from '../core/cluster/types.ts'
import type { Trace } from '../trace/types.ts'

/** Something the shell asks its host (the page) to do besides printing. */
export type ShellEffect =
  | { kind: 'clear' }
  /** `kubectl edit` in the page: open this text in the editor; applying it applies the object */
  | { kind: 'edit'; path: string; content: string }

export interface CommandResult {
  stdout: string
  stderr: string
  exitCode: number
}

export interface RunResult extends CommandResult {
  /** the whole command as entered, heredoc body included */
  command: string
  effects: ShellEffect[]
  /** the packet traces of the traffic this command sent (curl, ping ...), in order; absent or empty when none */
  traces?: Trace[]
}

/** `run` answers `continue` while a heredoc (or a trailing `\`) is still open; the prompt is then `> `. */
export type RunOutcome = { done: false } | ({ done: true } & RunResult)

/** Where commands run: the node shell (a node of the cluster, or the outside client), or inside a pod. */
export type HostContext =
  /** `command`: a shell started by name on the node (`sh`, `bash`); sets the prompt style */
  | { kind: 'node'; node: string; command?: string }
  /** `command`: the program started by `kubectl exec -it` (`sh`, `bash`, `/bin/sh`); sets the prompt style */
  | { kind: 'pod'; namespace: string; pod: string; container: string; command?: string }

export interface CommandContext {
  readonly args: string[]
  readonly stdin: string
  readonly cluster: Cluster
  readonly fs: WorkspaceFs
  readonly host: HostContext
  readonly env: Record<string, string>
  /** effects to hand back to the page */
  effect(e: ShellEffect): void
  /** traffic tools (curl, ping ...) record each trace they ran here; `run()` returns them in RunResult.traces.
   *  Absent outside a shell session (unit tests). */
  trace?(t: Trace): void
  /** push a host context (`ssh NODE`; `kubectl exec -it POD -- sh` via enterPodShell in shell.ts); `exit` leaves it.
   *  Absent when a command runs outside a shell session (unit tests). */
  enter?(host: HostContext, opts?: { via?: 'nested' }): void
  /** the remote end of the current `ssh` session went away (the node powered off): leave it. Returns the name
   *  typed after ssh (for `Connection to NAME closed by remote host.`), or undefined when this is no ssh session. */
  hangup?(): string | undefined
  /** stdout goes straight to the terminal (not a pipe, file or `$(...)`): `ls` then prints columns */
  tty?: boolean
  /** run a command in another host context without entering it: a line is parsed as by the shell there
   *  (`ssh node01 'iptables-save | grep KUBE'`), an argv runs as is (`kubectl exec POD -- cat /etc/resolv.conf`) */
  runIn?(host: HostContext, command: string | string[], stdin?: string): CommandResult
}

export type Command = (ctx: CommandContext) => CommandResult

/** The small workspace file system that the terminal and the editor share. Paths are absolute or relative to cwd. */
export interface WorkspaceFs {
  cwd: string
  read(path: string): string | undefined
  write(path: string, content: string): void
  append(path: string, content: string): void
  exists(path: string): boolean
  isDir(path: string): boolean
  list(path: string): string[] | undefined
  mkdir(path: string): void
  remove(path: string): boolean
  resolve(path: string): string
  /** subscribe to changes (the editor's file list) */
  watch(fn: (path: string) => void): () => void
}

export interface Completion {
  /** the candidates for the word under the cursor */
  candidates: string[]
  /** the common prefix to insert (may equal the typed word) */
  replacement: string
  /** where the word starts in the line */
  start: number
}

/** A terminal session: one per terminal tab / CLI run. */
export interface Shell {
  readonly cluster: Cluster
  readonly fs: WorkspaceFs
  /** feed one typed line; `continue` while a heredoc is open */
  run(line: string): RunOutcome
  /** the prompt to show before the next line: `[root@k8s-master01 ~]# `, or `> ` inside a heredoc */
  prompt(): string
  /** Tab completion for a line with the cursor at its end */
  complete(line: string): Completion
  /** drop a half-entered heredoc (Ctrl-C) */
  cancel(): void
  readonly history: readonly string[]
}

export interface CreateShellOptions {
  cluster: Cluster
  fs?: WorkspaceFs
  /** the file system of another host context (a worker node, a pod); default: an empty one, kept per host */
  hostFs?: (host: HostContext) => WorkspaceFs | undefined
  /** extra environment variables of a host context (a pod's env from its spec and Services) */
  hostEnv?: (host: HostContext) => Record<string, string> | undefined
}
