// `hostname` with `-i` (the addresses the host name resolves to through /etc/hosts), `-I` (all addresses),
// `-f` (the FQDN from /etc/hosts) and `-s`, as Debian's hostname and busybox's applet print them.

import type { Command } from '../types.ts'
import { hostNameOf, primaryIP } from './access.ts'
import { hostsFileOf } from './hostfs.ts'
import { toolIn } from './images.ts'

export const hostname: Command = (ctx) => {
  const name = hostNameOf(ctx.cluster, ctx)
  const flags = ctx.args.filter((a) => a.startsWith('-')).join('').replace(/-/g, '')
  const busybox = toolIn(ctx.cluster, ctx.host, 'hostname')?.name === 'hostname' && (toolIn(ctx.cluster, ctx.host, 'hostname') as { variant: string }).variant === 'busybox'
  const hosts = hostsFileOf(ctx.cluster, ctx.host, ctx.fs)
  const lines = hosts.split('\n').map((l) => l.replace(/#.*/, '').trim().split(/\s+/)).filter((p) => p.length > 1)
  if (flags.includes('I')) return { stdout: `${primaryIP(ctx.cluster, ctx.host)} \n`, stderr: '', exitCode: 0 }
  if (flags.includes('i')) {
    const ips = lines.filter((p) => p.slice(1).includes(name) && /^\d+\./.test(p[0])).map((p) => p[0])
    if (!ips.length) return { stdout: '', stderr: busybox ? `hostname: ${name}: Unknown host\n` : 'hostname: Name or service not known\n', exitCode: 1 }
    return { stdout: `${ips.join(' ')}\n`, stderr: '', exitCode: 0 }
  }
  if (flags.includes('f')) {
    const line = lines.find((p) => p.slice(1).includes(name))
    return { stdout: `${line && line[1].includes('.') ? line[1] : name}\n`, stderr: '', exitCode: 0 }
  }
  if (flags.includes('s')) return { stdout: `${name.split('.')[0]}\n`, stderr: '', exitCode: 0 }
  const ops = ctx.args.filter((a) => !a.startsWith('-'))
  if (ops.length) return { stdout: '', stderr: busybox ? `hostname: sethostname: Operation not permitted\n` : 'hostname: you must be root to change the host name\n', exitCode: 1 }
  return { stdout: name + '\n', stderr: '', exitCode: 0 }
}
