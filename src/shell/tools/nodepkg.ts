// Package installs on the nodes, for what the HA tutorials install there: keepalived (`apt-get install -y
// keepalived` on the kubeadm profile's Debian-family nodes, `yum install -y keepalived` on CentOS 7). Installing
// creates /etc/keepalived and registers the unit with core/node/keepalived (Debian's package enables it; the
// unit's ConditionFileNotEmpty keeps it from starting until keepalived.conf exists). Other packages: a lab note.

import type { Command, CommandContext, CommandResult } from '../types.ts'
import { keepalivedOf } from '../../core/node/keepalived/keepalived.ts'
import { aptGet as podAptGet, aptCmd as podApt } from './pkg.ts'
import { isOutside } from './access.ts'

const APT_HEAD = 'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n'
const KNOWN = ['keepalived']

function packagesOf(args: string[]): string[] {
  return args.slice(1).filter((a) => !a.startsWith('-'))
}

function nodeOf(ctx: CommandContext): string | undefined {
  return ctx.host.kind === 'node' && !isOutside(ctx.cluster, ctx.host) ? ctx.host.node : undefined
}

function unknownNote(pkgs: string[]): string {
  return `kubelab: the lab's nodes model these packages only: ${KNOWN.join(', ')} (asked for: ${pkgs.join(' ')})\n`
}

function apt(ctx: CommandContext, tool: 'apt-get' | 'apt'): CommandResult {
  const [sub] = ctx.args
  if (!sub) return { stdout: '', stderr: `E: Invalid operation ${sub ?? ''}\n`, exitCode: 100 }
  if (sub === 'update') return { stdout: 'Hit:1 http://archive.ubuntu.com/ubuntu noble InRelease\nReading package lists... Done\n', stderr: '', exitCode: 0 }
  if (sub !== 'install') return { stdout: '', stderr: `E: Invalid operation ${sub}\n`, exitCode: 100 }
  const pkgs = packagesOf(ctx.args)
  const node = nodeOf(ctx)
  const k = keepalivedOf(ctx.cluster.store)
  if (pkgs.some((p) => !KNOWN.includes(p))) return { stdout: '', stderr: unknownNote(pkgs), exitCode: 100 }
  if (!node || !k) return { stdout: '', stderr: unknownNote(pkgs), exitCode: 100 }
  if (k.installed(node)) return { stdout: APT_HEAD + 'keepalived is already the newest version.\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', stderr: '', exitCode: 0 }
  k.install(node)
  ctx.fs.mkdir('/etc/keepalived')
  const warn = tool === 'apt' ? '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n' : ''
  return {
    stdout: APT_HEAD + 'The following NEW packages will be installed:\n  keepalived\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\n' +
      'Setting up keepalived ...\n' +
      'Created symlink /etc/systemd/system/multi-user.target.wants/keepalived.service → /usr/lib/systemd/system/keepalived.service.\n',
    stderr: warn, exitCode: 0,
  }
}

export const nodeAptGet: Command = (ctx) => (ctx.host.kind === 'pod' ? podAptGet(ctx) : apt(ctx, 'apt-get'))
export const nodeApt: Command = (ctx) => (ctx.host.kind === 'pod' ? podApt(ctx) : apt(ctx, 'apt'))

/** `yum install [-y] keepalived` on the binary profile's CentOS 7 nodes */
export const yum: Command = (ctx) => {
  const [sub] = ctx.args
  const pkgs = packagesOf(ctx.args)
  const node = nodeOf(ctx)
  const k = keepalivedOf(ctx.cluster.store)
  if (sub !== 'install' || !pkgs.length) return { stdout: '', stderr: 'kubelab: the lab models `yum install -y PACKAGE` only\n', exitCode: 1 }
  if (pkgs.some((p) => !KNOWN.includes(p)) || !node || !k) return { stdout: '', stderr: unknownNote(pkgs), exitCode: 1 }
  if (k.installed(node)) return { stdout: 'Loaded plugins: fastestmirror\nPackage keepalived-1.3.5-19.el7.x86_64 already installed and latest version\nNothing to do\n', stderr: '', exitCode: 0 }
  k.install(node)
  ctx.fs.mkdir('/etc/keepalived')
  return { stdout: 'Loaded plugins: fastestmirror\nResolving Dependencies\n--> Running transaction check\n---> Package keepalived.x86_64 0:1.3.5-19.el7 will be installed\n\nInstalled:\n  keepalived.x86_64 0:1.3.5-19.el7\n\nComplete!\n', stderr: '', exitCode: 0 }
}
