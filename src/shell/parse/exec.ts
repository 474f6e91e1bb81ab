// Runs a parsed script: expansion, redirections, pipelines, `&&`/`||`, `for`, `$(...)`, and command lookup.
// Every command runs behind a try/catch: an exception becomes a clearly marked lab error, never a throw.

import type { Cluster } from '../../core/cluster/types.ts'
import type { Trace } from '../../trace/types.ts'
import type { Command, CommandContext, CommandResult, HostContext, ShellEffect, WorkspaceFs } from '../types.ts'
import { expandToString, expandWord, globMatch, unescapeGlob, type ExpandEnv } from './expand.ts'
import { heredocParts, lex } from './lexer.ts'
import { parse, type AndOr, type CommandNode, type ForCommand, type Pipeline, type Redirect, type Script, type SimpleCommand } from './parser.ts'

/** Which shell program runs in a host context: its prompt and error wording differ. */
export type ShellKind = 'bash' | 'dash' | 'ash'

export interface Frame {
  host: HostContext
  fs: WorkspaceFs
  shell: ShellKind
  /**
   * how this context was entered: the lab's first shell, `ssh NAME`, `kubectl exec -it`, an interactive shell
   * started from another (`bash`, `sh`), or a non-interactive one running a script (`sh -c`, `ssh NODE CMD`)
   */
  via: 'login' | 'ssh' | 'exec' | 'nested' | 'script'
  /** set by `exit` in a non-interactive shell: the script stops with this status */
  exited?: number
  /** the name typed after ssh (for `Connection to NAME closed.`) */
  label?: string
  /** lines read in this context (dash numbers its error messages) */
  lines: number
  /** shell variables of this context; the `exported` ones form the environment */
  vars: Map<string, string>
  exported: Set<string>
  aliases: Map<string, string>
}

export interface Session {
  cluster: Cluster
  history: string[]
  frames: Frame[]
  lastExit: number
  effects: ShellEffect[]
  /** traces recorded by traffic tools during the current top-level command */
  traces: Trace[]
  /** finds a command for the current frame (session builtins, then the registry) */
  lookup(name: string, frame: Frame): Command | undefined
  /** push a new host context (ssh, kubectl exec -it) */
  enter(host: HostContext, opts?: { label?: string; via?: Frame['via'] }): void
}

type Sink = (s: string) => void

interface IO {
  stdin: string
  out: Sink
  err: Sink
  /** `out` is the terminal */
  tty?: boolean
}

const MAX_LOOP = 10000

export function currentFrame(s: Session): Frame {
  return s.frames[s.frames.length - 1]
}

/** the ssh session in the current frame ends from the far side (tools/power.ts): pop it, as `exit` would */
function hangup(s: Session): string | undefined {
  const f = currentFrame(s)
  if (f.via !== 'ssh' || s.frames.length <= 1) return undefined
  s.frames.pop()
  currentFrame(s).vars.set('PWD', currentFrame(s).fs.cwd)
  return f.label ?? (f.host.kind === 'node' ? f.host.node : '')
}

/** The prefix of the shell's own messages: `bash: `, `sh: ` (busybox) or `sh: 3: ` (dash). */
export function shellPrefix(f: Frame): string {
  return f.shell === 'bash' ? 'bash: ' : f.shell === 'dash' ? `sh: ${f.lines}: ` : 'sh: '
}

export function syntaxErrorText(f: Frame, token: string): string {
  if (f.shell === 'dash') return `${shellPrefix(f)}Syntax error: ${token === 'newline' ? 'newline' : `"${token}"`} unexpected\n`
  if (f.shell === 'ash') return `sh: syntax error: unexpected ${token === 'newline' ? 'newline' : `"${token}"`}\n`
  return `bash: syntax error near unexpected token \`${token}'\n`
}

export function notFoundText(f: Frame, name: string): string {
  return f.shell === 'bash' ? `bash: ${name}: command not found\n` : `${shellPrefix(f)}${name}: not found\n`
}

export function internalErrorText(what: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e)
  return `kubelab: internal error in ${what}: ${msg} (a bug in the lab, not in your command)\n`
}

export class Interpreter {
  constructor(private readonly s: Session) {}

  private get frame(): Frame {
    return currentFrame(this.s)
  }

  /** Runs a script and returns the exit status of its last command. */
  runScript(script: Script, io: IO): number {
    let code = this.s.lastExit
    const frame = this.frame
    for (const item of script.items) {
      code = this.runAndOr(item, io)
      this.s.lastExit = code
      if (frame.exited !== undefined) return frame.exited
    }
    return code
  }

  private runAndOr(a: AndOr, io: IO): number {
    const frame = this.frame
    let code = this.runPipeline(a.first, io)
    for (const { op, pipeline } of a.rest) {
      if (frame.exited !== undefined) return frame.exited
      this.s.lastExit = code
      if ((op === '&&' && code === 0) || (op === '||' && code !== 0)) code = this.runPipeline(pipeline, io)
    }
    return code
  }

  private runPipeline(p: Pipeline, io: IO): number {
    let stdin = io.stdin
    let code = 0
    p.commands.forEach((c, i) => {
      const last = i === p.commands.length - 1
      let pipe = ''
      const out: Sink = last ? io.out : (s) => (pipe += s)
      code = this.runCommand(c, { stdin, out, err: io.err, tty: last && io.tty })
      stdin = pipe
    })
    return p.negated ? (code === 0 ? 1 : 0) : code
  }

  private runCommand(c: CommandNode, io: IO): number {
    return c.type === 'for' ? this.runFor(c, io) : this.runSimple(c, io)
  }

  expandEnv(io: IO): ExpandEnv {
    const fs = this.frame.fs
    return {
      home: this.frame.vars.get('HOME') ?? '/root',
      getVar: (name) => {
        if (name === '?') return String(this.s.lastExit)
        if (name === '$') return '1'
        if (name === '#') return '0'
        if (name === '0') return this.frame.shell === 'bash' ? 'bash' : 'sh'
        return this.frame.vars.get(name)
      },
      substitute: (source) => this.substitute(source, io),
      glob: (pattern) => globFs(fs, pattern),
    }
  }

  private substitute(source: string, io: IO): string {
    const lx = lex(source)
    if (lx.incomplete) {
      io.err(`${shellPrefix(this.frame)}unexpected EOF while looking for matching \`)'\n`)
      return ''
    }
    const pr = parse(lx.tokens)
    if (pr.kind !== 'ok') {
      io.err(syntaxErrorText(this.frame, pr.kind === 'error' ? pr.token : 'newline'))
      return ''
    }
    let captured = ''
    const saved = this.s.lastExit
    this.runScript(pr.script, { stdin: '', out: (s) => (captured += s), err: io.err })
    if (pr.script.items.length === 0) this.s.lastExit = saved
    return captured
  }

  /** Applies redirections; returns the io for the command, or an exit code when one failed. */
  private redirect(redirects: Redirect[], io: IO, env: ExpandEnv): IO | number {
    let { stdin, out, err } = io
    const fs = this.frame.fs
    const sinks: Record<number, Sink> = { 1: out, 2: err }
    for (const r of redirects) {
      const target = r.heredoc ? '' : expandToString(r.target.parts, env)
      const fail = (msg: string) => {
        sinks[2](`${shellPrefix(this.frame)}${target}: ${msg}\n`)
        return 1
      }
      switch (r.op) {
        case '<<':
        case '<<-': {
          const h = r.heredoc!
          const body = h.body ?? ''
          stdin = h.expand ? expandToString(heredocParts(body), env, false) : body
          break
        }
        case '<<<':
          stdin = expandToString(r.target.parts, env) + '\n'
          break
        case '<':
        case '<>': {
          if (target === '/dev/null') stdin = ''
          else if (fs.isDir(target)) return fail('Is a directory')
          else {
            const c = fs.read(target)
            if (c === undefined) return fail('No such file or directory')
            stdin = c
          }
          break
        }
        case '>&':
        case '<&': {
          if (/^[0-9]+$/.test(target)) {
            const from = Number(target)
            if (!(from in sinks)) return fail('Bad file descriptor')
            sinks[r.fd] = sinks[from]
            break
          }
          if (target === '-') {
            sinks[r.fd] = () => {}
            break
          }
          // `>& file` is `&> file`
          const s = this.openFile(target, false)
          if (typeof s === 'string') return fail(s)
          sinks[1] = sinks[2] = s
          break
        }
        case '>':
        case '>|':
        case '>>':
        case '&>':
        case '&>>': {
          const s = this.openFile(target, r.op === '>>' || r.op === '&>>')
          if (typeof s === 'string') return fail(s)
          if (r.op === '&>' || r.op === '&>>') sinks[1] = sinks[2] = s
          else sinks[r.fd] = s
          break
        }
      }
    }
    const tty = io.tty && sinks[1] === io.out
    out = sinks[1]
    err = sinks[2]
    return { stdin, out, err, tty }
  }

  /** Opens a file for writing as bash does before the command runs (`>` truncates now). */
  private openFile(path: string, append: boolean): Sink | string {
    if (path === '/dev/null') return () => {}
    const fs = this.frame.fs
    if (path === '') return 'No such file or directory'
    if (fs.isDir(path)) return 'Is a directory'
    const abs = fs.resolve(path)
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/'
    if (!fs.isDir(parent)) return fs.exists(parent) ? 'Not a directory' : 'No such file or directory'
    try {
      if (!append || !fs.exists(abs)) fs.write(abs, '')
    } catch (e) {
      // a read-only mount (a pod's configMap/secret volume) refuses the write: `...: Read-only file system`
      return (e as Error).message.replace(/^.*: /, '')
    }
    return (s) => {
      if (s) fs.append(abs, s)
    }
  }

  private runFor(c: ForCommand, io0: IO): number {
    const env = this.expandEnv(io0)
    const io = this.redirect(c.redirects, io0, env)
    if (typeof io === 'number') return io
    const items = c.items.flatMap((w) => expandWord(w, env))
    let code = 0
    const frame = this.frame
    for (const item of items.slice(0, MAX_LOOP)) {
      frame.vars.set(c.variable, item)
      code = this.runScript(c.body, io)
      if (frame.exited !== undefined) return frame.exited
    }
    return code
  }

  private runSimple(c: SimpleCommand, io0: IO): number {
    const env = this.expandEnv(io0)
    let argv = c.words.flatMap((w) => expandWord(w, env))
    const first = c.words[0]
    if (argv.length && first && !/['"\\]/.test(first.raw) && this.frame.aliases.has(argv[0])) {
      argv = [...this.frame.aliases.get(argv[0])!.split(/\s+/).filter(Boolean), ...argv.slice(1)]
    }
    const assigns = c.assigns.map((a) => [a.name, expandToString(a.value, env)] as const)
    const io = this.redirect(c.redirects, io0, env)
    if (typeof io === 'number') return io
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.frame.vars.set(k, v)
      return 0
    }
    return this.invoke(argv, assigns, io)
  }

  /** Looks up and runs argv[0] with the session's exported variables plus `assigns`. */
  private invoke(argv: string[], assigns: readonly (readonly [string, string])[], io: IO): number {
    const name = argv[0]
    const frame = this.frame
    const cmd = this.s.lookup(name, frame)
    if (!cmd) {
      io.err(notFoundText(frame, name))
      return 127
    }
    const envObj: Record<string, string> = {}
    for (const k of this.frame.exported) {
      const v = this.frame.vars.get(k)
      if (v !== undefined) envObj[k] = v
    }
    for (const [k, v] of assigns) envObj[k] = v
    const ctx: CommandContext = {
      args: argv.slice(1),
      stdin: io.stdin,
      tty: !!io.tty,
      cluster: this.s.cluster,
      fs: frame.fs,
      host: frame.host,
      env: envObj,
      effect: (e) => this.s.effects.push(e),
      trace: (t) => this.s.traces.push(t),
      enter: (host, o) => this.s.enter(host, o),
      hangup: () => hangup(this.s),
      runIn: (host, command, stdin) => this.runIn(host, command, stdin ?? ''),
    }
    let r: CommandResult
    try {
      r = cmd(ctx)
    } catch (e) {
      io.err(internalErrorText(`"${name}"`, e))
      return 1
    }
    if (r.stdout) io.out(r.stdout)
    if (r.stderr) io.err(r.stderr)
    return r.exitCode
  }

  /**
   * Runs a command line in another host context without entering it (`ssh node01 CMD`, `kubectl exec POD -- CMD`,
   * `sh -c CMD`): a non-interactive shell there, whose `exit` ends the script.
   */
  runIn(host: HostContext, command: string | string[], stdin: string): CommandResult {
    const depth = this.s.frames.length
    this.s.enter(host, { via: 'script' })
    const frame = this.frame
    frame.lines = 1
    let stdout = ''
    let stderr = ''
    let code: number
    try {
      if (Array.isArray(command)) {
        code = command.length ? this.invoke(command, [], { stdin, out: (s) => (stdout += s), err: (s) => (stderr += s) }) : 0
        return { stdout, stderr, exitCode: code }
      }
      const lx = lex(command)
      const pr = lx.incomplete ? undefined : parse(lx.tokens)
      if (!pr || pr.kind !== 'ok') {
        stderr += syntaxErrorText(frame, pr?.kind === 'error' ? pr.token : 'newline')
        code = 2
      } else {
        code = this.runScript(pr.script, { stdin, out: (s) => (stdout += s), err: (s) => (stderr += s) })
      }
      code = frame.exited ?? code
    } catch (e) {
      stderr += internalErrorText('runIn', e)
      code = 1
    } finally {
      this.s.frames.length = depth
    }
    return { stdout, stderr, exitCode: code }
  }
}

/** Expands a glob pattern against the file system; relative patterns give relative names. */
export function globFs(fs: WorkspaceFs, pattern: string): string[] {
  const abs = pattern.startsWith('/')
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0)
  let paths: string[] = [abs ? '' : '.']
  for (const seg of abs ? segs.slice(1) : segs) {
    const next: string[] = []
    for (const p of paths) {
      const dir = p === '' ? '/' : p
      if (/(^|[^\\])[*?[]/.test(seg)) {
        for (const name of fs.list(dir) ?? []) if (globMatch(seg, name)) next.push(join(p, name))
      } else {
        const candidate = join(p, unescapeGlob(seg))
        if (fs.exists(candidate === '' ? '/' : candidate)) next.push(candidate)
      }
    }
    paths = next
  }
  return paths.filter((p) => p !== '.' && p !== '').sort()
}

function join(base: string, name: string): string {
  if (base === '.') return name
  return `${base}/${name}`
}
