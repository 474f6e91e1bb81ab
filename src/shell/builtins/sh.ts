// The shells as programs: `sh -c 'SCRIPT'`, `bash -c ...`, `sh FILE`, a script on stdin, and an interactive shell
// started from another one. Which shells a host has follows the image (busybox/alpine: ash as sh; Debian: dash as
// sh plus bash; scratch images: none) or the node's distribution (Debian/Ubuntu: dash as sh; CentOS: bash as sh).

import type { Cluster } from '../../core/cluster/types.ts'
import type { Command, CommandContext, CommandResult, HostContext } from '../types.ts'
import { familyOf, type Family } from '../tools/images.ts'
import { imageOf } from '../tools/access.ts'
import { fnv32a } from '../../core/controller/hash.ts'

export type ShellProgram = 'sh' | 'bash' | 'ash' | 'dash'

/** per image family; a family not listed is Debian-based */
const PROGRAMS: Partial<Record<Family, readonly ShellProgram[]>> = {
  busybox: ['sh', 'ash'], busyboxplus: ['sh', 'ash'], alpine: ['sh', 'ash'], curl: ['sh', 'ash'],
  netshoot: ['sh', 'ash', 'bash'], nginx: ['sh', 'dash', 'bash'], debian: ['sh', 'dash', 'bash'],
  centos: ['sh', 'bash'], scratch: [],
}

/** The shell programs a host has. */
export function shellsOf(host: HostContext, cluster: Cluster): readonly ShellProgram[] {
  if (host.kind === 'node') return cluster.profile.name === 'binary' ? ['sh', 'bash'] : ['sh', 'dash', 'bash']
  const image = imageOf(cluster, host)
  return image === undefined ? [] : PROGRAMS[familyOf(image)] ?? PROGRAMS.debian!
}

/** The shell that really runs for `program` on this host: `sh` is dash on Debian, bash on CentOS, ash on busybox. */
export function implOf(program: ShellProgram, host: HostContext, cluster: Cluster): 'bash' | 'dash' | 'ash' {
  if (program !== 'sh') return program
  const has = shellsOf(host, cluster)
  return has.includes('ash') ? 'ash' : has.includes('dash') ? 'dash' : 'bash'
}

function fail(stderr: string, exitCode: number): CommandResult {
  return { stdout: '', stderr, exitCode }
}

/** A shell program: runs `-c SCRIPT`, a script file, or stdin; with a terminal and nothing to run, starts interactively. */
export function shellCommand(program: ShellProgram): Command {
  return (ctx: CommandContext): CommandResult => {
    const host = ctx.host
    const args = [...ctx.args]
    let script: string | undefined
    let interactiveFlag = false
    const impl = implOf(program, host, ctx.cluster)
    while (args.length && /^-[a-z]+$/.test(args[0])) {
      const opt = args.shift()!
      if (opt.includes('c')) {
        if (!args.length) {
          if (impl === 'bash') return fail(`${program}: -c: option requires an argument\n`, 2)
          return fail(`${program}: ${impl === 'dash' ? '0: ' : ''}-c requires an argument\n`, 2)
        }
        script = args.shift()!
      }
      if (opt.includes('i')) interactiveFlag = true
    }
    const target: HostContext = { ...host, command: program }
    if (!ctx.runIn) return { stdout: '', stderr: 'kubelab: a shell needs a shell session\n', exitCode: 1 }
    if (script !== undefined) return ctx.runIn(target, script, ctx.stdin)
    if (args.length) {
      const file = args[0]
      const text = ctx.fs.isDir(file) ? undefined : ctx.fs.read(file)
      if (text === undefined) {
        if (impl === 'bash') return fail(`${program}: ${file}: No such file or directory\n`, 127)
        if (impl === 'dash') return fail(`${program}: 0: cannot open ${file}: No such file\n`, 2)
        return fail(`${program}: can't open '${file}': No such file or directory\n`, 2)
      }
      return ctx.runIn(target, text, ctx.stdin)
    }
    if ((ctx.tty || interactiveFlag) && !ctx.stdin && ctx.enter) {
      ctx.enter(target, { via: 'nested' })
      return { stdout: '', stderr: '', exitCode: 0 }
    }
    return ctx.runIn(target, ctx.stdin, '')
  }
}

/** A 64-hex-digit exec id (containerd's), derived from `seed` so the same session prints the same id. */
function execId(seed: string): string {
  let out = ''
  let h = fnv32a(seed)
  while (out.length < 64) {
    h = fnv32a(out + seed, h)
    out += h.toString(16).padStart(8, '0')
  }
  return out.slice(0, 64)
}

/**
 * `kubectl exec` of a program the container does not have: containerd's CRI error as the API server passes it on
 * (kubectl exits 1; no `command terminated` line, since nothing ran).
 */
export function execNotFound(program: string, seed: string): CommandResult {
  return fail(`error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(seed)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown\n`, 1)
}
