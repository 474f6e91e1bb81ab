// Builtins that change the shell session itself: cd, export, unset, alias, unalias, history, source, exit, ssh, help.

import type { Command, CommandResult, HostContext } from '../types.ts'
import { currentFrame, type Session } from '../parse/exec.ts'
import { fail, ok } from './util.ts'
import { findOutside } from '../tools/access.ts'
import { nodeMachines } from '../../core/kubelet/heartbeat.ts'

export interface SessionApi {
  session: Session
  /** runs a script text (for `source`) in the current context */
  runText(text: string, stdin: string): CommandResult
  /** command names available in the current context (for `help`) */
  commandNames(): string[]
  /** runs a line in another host context (`ssh node01 CMD`) */
  runIn(host: HostContext, line: string, stdin: string): CommandResult
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `'it''s'` quoting as bash prints values in `alias` and `declare -x`. */
function singleQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`
}

function findNode(s: Session, target: string): string | undefined {
  const host = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target
  const byProfile = s.cluster.profile.nodes.find((n) => n.name === host || n.ip === host)
  if (byProfile) return byProfile.name
  for (const n of s.cluster.store.list('Node')) {
    const addrs = ((n as { status?: { addresses?: { address: string }[] } }).status?.addresses ?? []).map((a) => a.address)
    if (n.metadata.name === host || addrs.includes(host)) return n.metadata.name
  }
  // the host outside the cluster (`ssh client`)
  return findOutside(s.cluster, host)
}

export function sessionBuiltins(api: SessionApi): Record<string, Command> {
  const s = api.session
  const frame = () => currentFrame(s)

  const cd: Command = ({ args }) => {
    const ops = args.filter((a) => a !== '--' && a !== '-L' && a !== '-P')
    if (ops.length > 1) return fail('bash: cd: too many arguments\n')
    const fs = frame().fs
    let target = ops[0] ?? frame().vars.get('HOME') ?? '/'
    let print = false
    if (target === '-') {
      const old = frame().vars.get('OLDPWD')
      if (!old) return fail('bash: cd: OLDPWD not set\n')
      target = old
      print = true
    }
    if (!fs.exists(target)) return fail(`bash: cd: ${target}: No such file or directory\n`)
    if (!fs.isDir(target)) return fail(`bash: cd: ${target}: Not a directory\n`)
    frame().vars.set('OLDPWD', fs.cwd)
    fs.cwd = fs.resolve(target)
    frame().vars.set('PWD', fs.cwd)
    return ok(print ? fs.cwd + '\n' : '')
  }

  const exportCmd: Command = ({ args }) => {
    const ops = args.filter((a) => a !== '-p' && a !== '--')
    if (ops.length === 0) {
      const names = [...frame().exported].filter((k) => frame().vars.has(k)).sort()
      return ok(names.map((k) => `declare -x ${k}="${frame().vars.get(k)!.replace(/(["\\$`])/g, '\\$1')}"\n`).join(''))
    }
    let err = ''
    for (const a of ops) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a : a.slice(0, eq)
      if (!NAME.test(name)) {
        err += `bash: export: \`${a}': not a valid identifier\n`
        continue
      }
      if (eq >= 0) frame().vars.set(name, a.slice(eq + 1))
      frame().exported.add(name)
    }
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 }
  }

  const unset: Command = ({ args }) => {
    for (const a of args.filter((x) => !x.startsWith('-'))) {
      frame().vars.delete(a)
      frame().exported.delete(a)
    }
    return ok()
  }

  const alias: Command = ({ args }) => {
    if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
      return ok([...frame().aliases.keys()].sort().map((k) => `alias ${k}=${singleQuote(frame().aliases.get(k)!)}\n`).join(''))
    }
    let out = ''
    let err = ''
    for (const a of args) {
      const eq = a.indexOf('=')
      if (eq < 0) {
        const v = frame().aliases.get(a)
        if (v === undefined) err += `bash: alias: ${a}: not found\n`
        else out += `alias ${a}=${singleQuote(v)}\n`
      } else frame().aliases.set(a.slice(0, eq), a.slice(eq + 1))
    }
    return { stdout: out, stderr: err, exitCode: err ? 1 : 0 }
  }

  const unalias: Command = ({ args }) => {
    if (args.includes('-a')) {
      frame().aliases.clear()
      return ok()
    }
    let err = ''
    for (const a of args) if (!frame().aliases.delete(a)) err += `bash: unalias: ${a}: not found\n`
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 }
  }

  const history: Command = ({ args }) => {
    if (args[0] === '-c') {
      s.history.length = 0
      return ok()
    }
    if (args[0] !== undefined && !/^\d+$/.test(args[0])) return fail(`bash: history: ${args[0]}: numeric argument required\n`)
    const n = args[0] === undefined ? s.history.length : Number(args[0])
    const start = Math.max(0, s.history.length - n)
    return ok(s.history.slice(start).map((h, i) => `${String(start + i + 1).padStart(5)}  ${h}\n`).join(''))
  }

  const source: Command = ({ args, stdin }) => {
    if (args.length === 0) return fail('bash: source: filename argument required\nsource: usage: source filename [arguments]\n', 2)
    const fs = frame().fs
    const text = fs.isDir(args[0]) ? undefined : fs.read(args[0])
    if (text === undefined) return fail(`bash: ${args[0]}: ${fs.isDir(args[0]) ? 'is a directory' : 'No such file or directory'}\n`)
    return api.runText(text, stdin)
  }

  const exit: Command = ({ args }) => {
    if (args.length && !/^-?\d+$/.test(args[0])) {
      // bash: `exit foo` complains and exits 2
      args = ['2']
    }
    const code = args.length ? ((Number(args[0]) % 256) + 256) % 256 : s.lastExit
    const f = frame()
    // a non-interactive shell (`sh -c`, `ssh NODE CMD`): the script ends here
    if (f.via === 'script') {
      f.exited = code
      return { stdout: '', stderr: '', exitCode: code }
    }
    if (s.frames.length <= 1) {
      return fail("kubelab: this is the lab's top-level shell: there is nowhere to exit to (use ssh NODE or kubectl exec -it POD -- sh to go somewhere, exit to come back)\n", 0)
    }
    s.frames.pop()
    frame().vars.set('PWD', frame().fs.cwd)
    if (f.via === 'ssh') return { stdout: 'logout\n', stderr: `Connection to ${f.label ?? (f.host.kind === 'node' ? f.host.node : '')} closed.\n`, exitCode: code }
    // an interactive bash that is not a login shell says `exit` as it leaves; dash and ash say nothing
    const said = f.shell === 'bash' ? 'exit\n' : ''
    if (f.via === 'nested') return { stdout: '', stderr: said, exitCode: code }
    return { stdout: '', stderr: said + (code !== 0 ? `command terminated with exit code ${code}\n` : ''), exitCode: code }
  }

  const ssh: Command = ({ args, stdin }) => {
    let target: string | undefined
    const rest: string[] = []
    for (let i = 0; i < args.length; i++) {
      const a = args[i]
      if (target === undefined && a.startsWith('-')) {
        if (/^-[ilopFJLRDWbcemS]$/.test(a)) i++
        continue
      }
      if (target === undefined) target = a
      else rest.push(...args.slice(i))
      if (rest.length) break
    }
    if (target === undefined) {
      return fail('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n', 255)
    }
    const node = findNode(s, target)
    const hostPart = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target
    if (!node) {
      if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostPart)) return fail(`ssh: connect to host ${hostPart} port 22: Connection timed out\n`, 255)
      return fail(`ssh: Could not resolve hostname ${hostPart}: Name or service not known\n`, 255)
    }
    // a powered-off machine answers no ARP (core/kubelet/heartbeat.ts)
    if (nodeMachines(s.cluster.store)?.powered(node) === false) return fail(`ssh: connect to host ${hostPart} port 22: No route to host\n`, 255)
    const host: HostContext = { kind: 'node', node }
    if (rest.length) return api.runIn(host, rest.join(' '), stdin)
    s.enter(host, { label: hostPart, via: 'ssh' })
    return ok()
  }

  const help: Command = () => {
    const f = frame()
    const where = f.host.kind === 'node' ? `node ${f.host.node}` : `pod ${f.host.namespace}/${f.host.pod}`
    const names = api.commandNames()
    let out = `kubelab shell (${where}): a simulated bash for learning Kubernetes Service networking.\n\nCommands:\n`
    for (let i = 0; i < names.length; i += 8) out += '  ' + names.slice(i, i + 8).join('  ') + '\n'
    out += '\nShell syntax: quotes, $VAR, $(...), ;, &&, ||, |, >, >>, <, 2>&1, heredocs (<<EOF), for ... do ... done.\n'
    out += 'Tab completes commands, kubectl verbs, resource types, object names and files.\n'
    return ok(out)
  }

  return { cd, export: exportCmd, unset, alias, unalias, history, source, '.': source, exit, ssh, help }
}
