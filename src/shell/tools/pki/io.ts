// Shared plumbing of the PKI commands: results, reading PEM files from the host's file system, and the
// OpenSSL version each profile's nodes run.

import type { CommandContext, CommandResult } from '../../types.ts'
import { decodeBase64 } from '../../../core/ingress/der.ts'
import type { OpensslVersion } from './text.ts'

export const ok = (stdout = '', stderr = ''): CommandResult => ({ stdout, stderr, exitCode: 0 })
export const fail = (stderr: string, stdout = '', exitCode = 1): CommandResult => ({ stdout, stderr, exitCode })

/** Debian 12 (kubeadm profile) ships OpenSSL 3.0; the binary profile's CentOS 7 nodes 1.0.2k */
export const opensslVersionOf = (ctx: CommandContext): OpensslVersion => (ctx.cluster.profile.name === 'binary' ? '1.0.2' : '3.0')

export function readText(ctx: CommandContext, path: string): string | undefined {
  if (path === '-' || path === '/dev/stdin') return ctx.stdin
  return ctx.fs.exists(path) && !ctx.fs.isDir(path) ? ctx.fs.read(path) : undefined
}

/** every PEM block: its type and DER bytes */
export function pemBlocksOf(text: string): { type: string; der: Uint8Array }[] {
  const out: { type: string; der: Uint8Array }[] = []
  const re = /-----BEGIN ([^-\n]+)-----([\s\S]*?)-----END \1-----/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const der = decodeBase64(m[2])
    if (der) out.push({ type: m[1], der })
  }
  return out
}
