// Targets that rewrite the packet: DNAT, SNAT, MASQUERADE, REDIRECT (nat, terminating) and MARK (non-terminating).

import type { Opt } from '../../core/node/types.ts'
import { splitHostPort } from '../ip.ts'
import type { NfCtx } from './context.ts'

function val(opts: Opt[], ...names: string[]): string | undefined {
  return opts.find((o) => names.includes(o.name))?.value
}

function num(s: string): number {
  return s.startsWith('0x') || s.startsWith('0X') ? parseInt(s.slice(2), 16) : Number(s)
}

/** pick a port from `a` or `a-b` */
function portFrom(range: string, ctx: NfCtx): number {
  const [a, b] = range.split('-').map(Number)
  if (b === undefined || b <= a) return a
  return a + ctx.state.choices.int(b - a + 1)
}

/** the nat targets; returns false when the target is not one of them */
export function applyNat(name: string, opts: Opt[], ctx: NfCtx): boolean {
  const p = ctx.pkt
  switch (name) {
    case 'DNAT': {
      const to = val(opts, 'to-destination', 'to')
      if (to) {
        const [ipPart, portPart] = to.includes(':') ? [to.slice(0, to.lastIndexOf(':')), to.slice(to.lastIndexOf(':') + 1)] : [to, undefined]
        if (ipPart) p.dst = ipPart.split('-')[0]
        if (portPart) p.dport = portFrom(portPart, ctx)
      }
      ctx.ct.dnat = true
      return true
    }
    case 'SNAT': {
      const to = val(opts, 'to-source', 'to')
      if (to) {
        const [ip] = splitHostPort(to)
        p.src = (to.includes(':') ? ip : to).split('-')[0]
        if (to.includes(':')) p.sport = portFrom(to.slice(to.lastIndexOf(':') + 1), ctx)
      }
      ctx.ct.snat = true
      return true
    }
    case 'MASQUERADE': {
      const addr = ctx.outIf ? ctx.addrOf(ctx.outIf) : undefined
      if (addr) p.src = addr
      const ports = val(opts, 'to-ports')
      if (ports) p.sport = portFrom(ports, ctx)
      else if (opts.some((o) => o.name === 'random-fully' || o.name === 'random')) p.sport = 1024 + ctx.state.choices.int(65536 - 1024)
      ctx.ct.snat = true
      return true
    }
    case 'REDIRECT': {
      const ports = val(opts, 'to-ports')
      p.dst = ctx.hook === 'OUTPUT' ? '127.0.0.1' : (ctx.inIf ? ctx.addrOf(ctx.inIf) : undefined) ?? p.dst
      if (ports) p.dport = portFrom(ports, ctx)
      ctx.ct.dnat = true
      return true
    }
    default:
      return false
  }
}

/** MARK: `--set-xmark v/m` (what iptables-save prints), `--set-mark`, `--or-mark`, `--xor-mark`, `--and-mark` */
export function applyMark(opts: Opt[], ctx: NfCtx): void {
  const p = ctx.pkt
  for (const o of opts) {
    if (o.value === undefined) continue
    const [v, m] = o.value.split('/')
    const value = num(v) >>> 0
    const mask = m === undefined ? 0xffffffff : num(m) >>> 0
    switch (o.name) {
      case 'set-xmark': p.mark = ((p.mark & ~mask) ^ value) >>> 0; break
      case 'set-mark': p.mark = ((p.mark & ~mask) | value) >>> 0; break
      case 'or-mark': p.mark = (p.mark | value) >>> 0; break
      case 'xor-mark': p.mark = (p.mark ^ value) >>> 0; break
      case 'and-mark': p.mark = (p.mark & value) >>> 0; break
    }
  }
}
