// createShell: the one door. Feeds typed lines (heredocs, `\` and open quotes continue), keeps the host-context
// stack (node shell, ssh, kubectl exec -it), history, prompt and completion; never throws out of run().

import type { Cluster } from '../core/cluster/types.ts'
import type { Command, CommandContext, CommandResult, CreateShellOptions, HostContext, RunOutcome, Shell, WorkspaceFs } from './types.ts'
import { createWorkspaceFs, isLabFs } from './fs.ts'
import { corednsManifest } from '../core/dns/manifest.ts'
import { lex } from './parse/lexer.ts'
import { parse, type Heredoc } from './parse/parser.ts'
import { currentFrame, internalErrorText, Interpreter, syntaxErrorText, type Frame, type Session, type ShellKind } from './parse/exec.ts'
import { sessionBuiltins } from './builtins/session.ts'
import { commandNames, findCommand } from './commands.ts'
import { CONTINUATION_PROMPT, promptFor } from './prompt.ts'
import { complete } from './completion.ts'
import { seedHostFs } from './tools/hostfs.ts'
import { withPodVolumes } from './tools/podvolumes.ts'
import { podFrameEnv } from './tools/podenv.ts'
import { isOutside } from './tools/access.ts'
import { execNotFound } from './builtins/sh.ts'

/** The shell as createShell returns it: the contract plus what the CLI needs at end of input. */
export interface LabShell extends Shell {
  /** end of input: runs a command whose heredoc was never closed (bash warns), drops any other open line */
  eof(): RunOutcome | undefined
  /** the current host context (top of the stack) */
  readonly host: HostContext
}

interface Pending {
  raw: string[]
  text: string
  bodies: string[]
  body: string[]
  heredocs: Heredoc[]
  readingBody: boolean
}

/**
 * Virtual time advances by commands, not by the wall clock: each complete command line first moves the
 * cluster on by the time the learner took to type it (empty lines and heredoc body lines do not count).
 */
export const TYPING_MS = 5000

const NODE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash', 'zsh'])

/** Is this `kubectl exec -it POD -- CMD` command an interactive shell the lab can enter (`sh`, `/bin/bash` ...)? */
export function isShellCommand(cmd: string): boolean {
  return SHELL_NAMES.has(cmd.slice(cmd.lastIndexOf('/') + 1))
}

function podImage(cluster: Cluster, ns: string, pod: string, container: string): string {
  const p = cluster.store.get('Pod', ns, pod) as { spec?: { containers?: { name: string; image?: string }[] } } | undefined
  const cs = p?.spec?.containers ?? []
  return (cs.find((c) => c.name === container) ?? cs[0])?.image ?? ''
}

/** busybox and alpine images have ash and no bash; Debian-based images have bash and dash as sh. */
function podShellKind(image: string, command: string | undefined): ShellKind {
  if (/(^|\/)(busybox|alpine)|alpine/.test(image)) return 'ash'
  const prog = (command ?? 'sh').slice((command ?? 'sh').lastIndexOf('/') + 1)
  return prog === 'bash' ? 'bash' : 'dash'
}

/**
 * For the kubectl engineer: `kubectl exec -it POD [-c C] -- sh` calls this to open the pod's shell in the terminal.
 * Returns the result kubectl should return (empty on success; the runtime's error when the image lacks the shell).
 */
/** A node's login shell is bash; `sh` there is dash (Debian, Ubuntu) or bash itself (CentOS). */
function nodeShellKind(cluster: Cluster, command: string | undefined): ShellKind {
  const prog = command?.slice(command.lastIndexOf('/') + 1)
  return prog === 'dash' || (prog === 'sh' && cluster.profile.name !== 'binary') ? 'dash' : 'bash'
}

export function enterPodShell(ctx: CommandContext, target: { namespace: string; pod: string; container: string; command: string }): CommandResult {
  const host: HostContext = { kind: 'pod', namespace: target.namespace, pod: target.pod, container: target.container, command: target.command }
  if (!findCommand(target.command, host, ctx.cluster)) return execNotFound(target.command, `${target.namespace}/${target.pod}/${target.container}@${ctx.cluster.clock.now()}`)
  if (!ctx.enter) return { stdout: '', stderr: 'kubelab: an interactive shell needs the lab terminal\n', exitCode: 1 }
  ctx.enter(host)
  return { stdout: '', stderr: '', exitCode: 0 }
}

export function createShell(opts: CreateShellOptions): LabShell {
  const cluster = opts.cluster
  const workspace: WorkspaceFs = opts.fs ?? createWorkspaceFs()
  if (isLabFs(workspace)) workspace.useClock(() => cluster.clock.now())
  const cp = cluster.profile.nodes.find((n) => n.controlPlane) ?? cluster.profile.nodes[0]
  const homeNode = cp?.name ?? cluster.profile.promptHost
  const fsCache = new Map<string, WorkspaceFs>()
  seedHostFs(cluster, { kind: 'node', node: homeNode }, workspace, true)
  // the binary profile installs CoreDNS from a manifest the learner applies (kubectl apply -f coredns.yaml)
  if (cluster.profile.name === 'binary' && !cluster.profile.dnsInstalled && !workspace.exists('/root/coredns.yaml')) workspace.write('/root/coredns.yaml', corednsManifest(cluster.profile))

  const fsFor = (host: HostContext): WorkspaceFs => {
    if (host.kind === 'node' && host.node === homeNode) return workspace
    const key = host.kind === 'node' ? `node/${host.node}` : `pod/${host.namespace}/${host.pod}/${host.container}`
    let fs = fsCache.get(key)
    if (!fs) {
      fs = opts.hostFs?.(host) ?? createWorkspaceFs(host.kind === 'pod' ? { cwd: '/' } : {})
      if (isLabFs(fs)) fs.useClock(() => cluster.clock.now())
      seedHostFs(cluster, host, fs, false)
      if (host.kind === 'pod') fs = withPodVolumes(cluster, host, fs)
      fsCache.set(key, fs)
    }
    return fs
  }

  const hostnameOf = (host: HostContext) => (host.kind === 'pod' ? host.pod : host.node === homeNode ? cluster.profile.promptHost : host.node)

  const newFrame = (host: HostContext, via: Frame['via'], label?: string): Frame => {
    const fs = fsFor(host)
    const shell: ShellKind = host.kind === 'node' ? nodeShellKind(cluster, host.command) : podShellKind(podImage(cluster, host.namespace, host.pod, host.container), host.command)
    // a shell started from a shell in the same container inherits that shell's exported variables
    const parent = host.kind === 'pod' && (via === 'script' || via === 'nested') ? session.frames.at(-1) : undefined
    const ph = parent?.host
    const same = !!parent && ph?.kind === 'pod' && host.kind === 'pod' && ph.pod === host.pod && ph.namespace === host.namespace && ph.container === host.container
    const inherited = same && parent ? [...parent.exported].filter((k) => parent.vars.has(k)).map((k): [string, string] => [k, parent.vars.get(k)!]) : undefined
    const inPod = host.kind === 'pod' ? podFrameEnv(cluster, host, shell, via === 'exec' || via === 'nested', fs.cwd, inherited) : undefined
    const base: Record<string, string> = inPod ? { ...Object.fromEntries(inPod), ...(opts.hostEnv?.(host) ?? {}) } : {
      HOME: '/root', HOSTNAME: hostnameOf(host), PATH: NODE_PATH, PWD: fs.cwd, TERM: 'xterm',
      ...(host.kind === 'node' ? { SHELL: '/bin/bash', USER: 'root', LOGNAME: 'root', SHLVL: '1', LANG: 'en_US.UTF-8' } : {}),
      ...(opts.hostEnv?.(host) ?? {}),
    }
    return { host, fs, shell, via, label, lines: 0, vars: new Map(Object.entries(base)), exported: new Set(Object.keys(base)), aliases: new Map() }
  }

  const builtinNames = new Set(['cd', 'export', 'unset', 'alias', 'unalias', 'history', 'source', '.', 'exit', 'help'])
  let builtins: Record<string, Command> = {}
  const session: Session = {
    cluster,
    history: [],
    frames: [],
    lastExit: 0,
    effects: [],
    traces: [],
    lookup: (name, frame) => {
      if (builtinNames.has(name) || (name === 'ssh' && frame.host.kind === 'node')) return builtins[name]
      return findCommand(name, frame.host, cluster)
    },
    enter: (host, o) => {
      session.frames.push(newFrame(host, o?.via ?? (host.kind === 'pod' ? 'exec' : 'ssh'), o?.label))
    },
  }
  const interp = new Interpreter(session)
  builtins = sessionBuiltins({
    session,
    runText: (text, stdin) => runText(text, stdin),
    commandNames: () => [...new Set([...commandNames(currentFrame(session).host, cluster), ...builtinNames, ...(currentFrame(session).host.kind === 'node' ? ['ssh'] : [])])].filter((n) => n !== '.').sort(),
    runIn: (host, line, stdin) => interp.runIn(host, line, stdin),
  })
  session.frames.push(newFrame({ kind: 'node', node: homeNode }, 'login'))

  function runText(text: string, stdin: string): CommandResult {
    const lx = lex(text)
    const pr = lx.incomplete ? undefined : parse(lx.tokens)
    if (!pr || pr.kind !== 'ok') return { stdout: '', stderr: syntaxErrorText(currentFrame(session), pr?.kind === 'error' ? pr.token : 'newline'), exitCode: 2 }
    let stdout = ''
    let stderr = ''
    const code = interp.runScript(pr.script, { stdin, out: (s) => (stdout += s), err: (s) => (stderr += s) })
    return { stdout, stderr, exitCode: code }
  }

  let pending: Pending | undefined

  function execute(p: Pending, warning = ''): RunOutcome {
    const command = p.raw.join('\n')
    pending = undefined
    if (command.trim() !== '') session.history.push(command)
    session.effects = []
    session.traces = []
    const frame = currentFrame(session)
    let stdout = ''
    let stderr = warning
    let exitCode: number
    try {
      if (command.trim() !== '') cluster.advance(TYPING_MS)
      const lx = lex(p.text)
      const pr = parse(lx.tokens, p.bodies)
      if (pr.kind !== 'ok') {
        stderr += syntaxErrorText(frame, pr.kind === 'error' ? pr.token : 'newline')
        exitCode = 2
      } else if (pr.script.items.length === 0) {
        exitCode = session.lastExit
      } else {
        exitCode = interp.runScript(pr.script, { stdin: '', out: (s) => (stdout += s), err: (s) => (stderr += s), tty: true })
      }
    } catch (e) {
      stderr += internalErrorText('the shell', e)
      exitCode = 1
    }
    session.lastExit = exitCode
    return { done: true, command, stdout, stderr, exitCode, effects: session.effects, ...(session.traces.length ? { traces: session.traces } : {}) }
  }

  /** Looks at the text so far: run it, or wait for more lines (open quote, `\`, trailing `|`, heredoc bodies). */
  function evaluate(p: Pending): RunOutcome {
    const lx = lex(p.text)
    if (lx.incomplete) return { done: false }
    const pr = parse(lx.tokens, p.bodies)
    if (pr.heredocs.length > p.bodies.length) {
      p.heredocs = pr.heredocs
      p.readingBody = true
      return { done: false }
    }
    if (pr.kind === 'incomplete') return { done: false }
    return execute(p)
  }

  function feed(line: string): RunOutcome {
    const p: Pending = pending ?? (pending = { raw: [], text: '', bodies: [], body: [], heredocs: [], readingBody: false })
    p.raw.push(line)
    currentFrame(session).lines++
    if (p.readingBody) {
      const h = p.heredocs[p.bodies.length]
      const stripped = h.stripTabs ? line.replace(/^\t+/, '') : line
      if (stripped !== h.delimiter) {
        p.body.push(stripped + '\n')
        return { done: false }
      }
      p.bodies.push(p.body.join(''))
      p.body = []
      if (p.bodies.length < p.heredocs.length) return { done: false }
      p.readingBody = false
      return evaluate(p)
    }
    p.text = p.raw.length === 1 ? line : `${p.text}\n${line}`
    return evaluate(p)
  }

  const shell: LabShell = {
    cluster,
    /** the workspace (the control plane's files, what the editor shows), whatever host the shell is on */
    fs: workspace,
    get host() {
      return currentFrame(session).host
    },
    history: session.history,
    run(line) {
      try {
        return feed(line)
      } catch (e) {
        const command = pending ? pending.raw.join('\n') : line
        pending = undefined
        return { done: true, command, stdout: '', stderr: internalErrorText('the shell', e), exitCode: 1, effects: [] }
      }
    },
    prompt() {
      if (pending) return CONTINUATION_PROMPT
      const f = currentFrame(session)
      return promptFor({
        profile: isOutside(cluster, f.host) ? 'kubeadm' : cluster.profile.name, hostname: hostnameOf(f.host), cwd: f.fs.cwd, home: f.vars.get('HOME') ?? '/root',
        shell: f.shell, inPod: f.host.kind === 'pod', program: f.host.command,
      })
    },
    complete(line) {
      try {
        const f = currentFrame(session)
        const names = [...new Set([...commandNames(f.host, cluster), ...builtinNames, ...f.aliases.keys(), ...(f.host.kind === 'node' ? ['ssh'] : [])])].sort()
        return complete(line, { cluster, fs: f.fs, commands: names, aliases: f.aliases })
      } catch {
        return { candidates: [], replacement: '', start: line.length }
      }
    },
    cancel() {
      pending = undefined
    },
    eof() {
      if (!pending) return undefined
      const p = pending
      if (p.readingBody) {
        const h = p.heredocs[p.bodies.length]
        const lineNo = currentFrame(session).lines - p.body.length
        p.bodies.push(p.body.join(''))
        while (p.bodies.length < p.heredocs.length) p.bodies.push('')
        return execute(p, `bash: warning: here-document at line ${lineNo} delimited by end-of-file (wanted \`${h.delimiter}')\n`)
      }
      pending = undefined
      return { done: true, command: p.raw.join('\n'), stdout: '', stderr: 'bash: syntax error: unexpected end of file\n', exitCode: 2, effects: [] }
    },
  }
  return shell
}
