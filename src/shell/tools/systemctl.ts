// `systemctl status|start|stop|restart kube-proxy` on a binary-profile node (CentOS 7's systemd 219 layout; the
// journal lines are kube-proxy's klog lines from cluster.proxy), and the kubeadm answer: kube-proxy is a pod there.
// kubelet.service and keepalived.service (once installed) are in units.ts.

import type { Command, CommandContext, CommandResult } from '../types.ts'
import type { KubeProxyStatus } from '../../core/proxy/types.ts'
import { hostNameOf, isOutside, proxyOf } from './access.ts'
import { keepalivedUnit, kubeletUnit } from './units.ts'

interface UnitState { since: number; pid: number; how: 'running' | 'stopped' | 'failed' }

const units = new WeakMap<object, Map<string, UnitState>>()
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const p2 = (n: number) => String(n).padStart(2, '0')

/** `Thu 2026-01-01 00:20:05 UTC` */
function sinceText(ms: number): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`
}

/** systemd's relative time: `10s ago`, `5min ago`, `1h 5min ago`, `2 days ago` */
export function agoText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return `${s}s ago`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}min ${s % 60}s ago`.replace(/ 0s ago$/, ' ago')
  const h = Math.floor(m / 60)
  if (h < 24) return `${h}h ${m % 60}min ago`.replace(/ 0min ago$/, ' ago')
  return `${Math.floor(h / 24)} days ago`
}

/** `Jan 01 00:20:05 ` journal timestamp from a klog line (`I0101 00:20:05.123456 ...`). */
function journalLine(host: string, pid: number, klog: string): string {
  const m = /^[IWEF](\d\d)(\d\d) (\d\d:\d\d:\d\d)/.exec(klog)
  const stamp = m ? `${MONTHS[Number(m[1]) - 1]} ${m[2]} ${m[3]}` : ''
  return `${stamp} ${host} kube-proxy[${pid}]: ${klog}\n`
}

function unitOf(ctx: CommandContext, node: string): UnitState {
  let m = units.get(ctx.cluster)
  if (!m) units.set(ctx.cluster, (m = new Map()))
  let u = m.get(node)
  if (!u) {
    const n = ctx.cluster.store.get('Node', undefined, node) as { metadata: { creationTimestamp?: string } } | undefined
    const created = n?.metadata.creationTimestamp ? Date.parse(n.metadata.creationTimestamp) : ctx.cluster.clock.now()
    const st = proxyOf(ctx.cluster)?.status(node)
    u = { since: created, pid: pidFromLog(st) ?? 1000 + (node.length * 97) % 900, how: st && !st.running ? 'failed' : 'running' }
    m.set(node, u)
  }
  return u
}

function pidFromLog(st: KubeProxyStatus | undefined): number | undefined {
  const m = /^[IWEF]\d{4} [\d:.]+\s+(\d+) /.exec(st?.log[0] ?? '')
  return m ? Number(m[1]) : undefined
}

function flagsLine(ctx: CommandContext, node: string): string {
  const f = proxyOf(ctx.cluster)?.flagsFile(node)
  const text = f ? ctx.fs.read(f.path) ?? f.text : ''
  const m = /KUBE_PROXY_OPTS\s*=\s*"([^"]*)"/.exec(text.replace(/\\\r?\n/g, ' '))
  return (m ? m[1] : '').split(/\s+/).filter(Boolean).join(' ')
}

function status(ctx: CommandContext, node: string): CommandResult {
  const proxy = proxyOf(ctx.cluster)!
  const st = proxy.status(node)
  const u = unitOf(ctx, node)
  const now = ctx.cluster.clock.now()
  const host = hostNameOf(ctx.cluster, ctx)
  const active = u.how === 'running' && st.running
  let out = `● kube-proxy.service - Kubernetes Proxy\n` +
    '   Loaded: loaded (/usr/lib/systemd/system/kube-proxy.service; enabled; vendor preset: disabled)\n'
  if (active) out += `   Active: active (running) since ${sinceText(u.since)}; ${agoText(now - u.since)}\n`
  else if (u.how === 'stopped') out += `   Active: inactive (dead) since ${sinceText(u.since)}; ${agoText(now - u.since)}\n`
  else out += `   Active: failed (Result: exit-code) since ${sinceText(u.since)}; ${agoText(now - u.since)}\n`
  out += '     Docs: https://github.com/kubernetes/kubernetes\n'
  if (active) {
    out += ` Main PID: ${u.pid} (kube-proxy)\n   CGroup: /system.slice/kube-proxy.service\n           └─${u.pid} /opt/kubernetes/bin/kube-proxy ${flagsLine(ctx, node)}\n`
  } else if (u.how === 'failed') {
    out += `  Process: ${u.pid} ExecStart=/opt/kubernetes/bin/kube-proxy $KUBE_PROXY_OPTS (code=exited, status=1/FAILURE)\n Main PID: ${u.pid} (code=exited, status=1/FAILURE)\n`
  } else {
    out += `  Process: ${u.pid} ExecStart=/opt/kubernetes/bin/kube-proxy $KUBE_PROXY_OPTS (code=killed, signal=TERM)\n Main PID: ${u.pid} (code=killed, signal=TERM)\n`
  }
  const log = st.log.slice(-10).map((l) => journalLine(host, u.pid, l))
  // systemd logs `Stopping` before kube-proxy's own shutdown line
  if (u.how === 'stopped' && log.length) log.splice(log.length - 1, 0, `${journalStamp(u.since)} ${host} systemd[1]: Stopping Kubernetes Proxy...\n`)
  if (log.length) out += '\n' + log.slice(-10).join('')
  if (u.how === 'stopped') out += `${journalStamp(u.since)} ${host} systemd[1]: Stopped Kubernetes Proxy.\n`
  return { stdout: out, stderr: '', exitCode: active ? 0 : 3 }
}

function journalStamp(ms: number): string {
  const d = new Date(ms)
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`
}

const USAGE = 'systemctl [OPTIONS...] {COMMAND} ...\n\nQuery or send control commands to the systemd manager.\n'

export const systemctl: Command = (ctx) => {
  const ops = ctx.args.filter((a) => !a.startsWith('-'))
  const [verb, unitArg] = ops
  if (!verb) return { stdout: '', stderr: '', exitCode: 0 }
  if (!['status', 'start', 'stop', 'restart', 'reload', 'is-active', 'enable', 'disable', 'daemon-reload'].includes(verb)) return { stdout: '', stderr: `Unknown operation '${verb}'.\n`, exitCode: 1 }
  if (verb === 'daemon-reload') return { stdout: '', stderr: '', exitCode: 0 }
  if (!unitArg) return { stdout: '', stderr: verb === 'status' ? '' : `Too few arguments.\n`, exitCode: 1 }
  const unit = unitArg.endsWith('.service') ? unitArg : `${unitArg}.service`
  const node = ctx.host.kind === 'node' ? ctx.host.node : ''
  const clusterNode = ctx.host.kind === 'node' && !isOutside(ctx.cluster, ctx.host)
  if (unit === 'kubelet.service' && clusterNode) return kubeletUnit(ctx, verb, node)
  if (unit === 'keepalived.service' && clusterNode) {
    const r = keepalivedUnit(ctx, verb, node)
    if (r) return r
  }
  const proxy = proxyOf(ctx.cluster)
  const binaryNode = ctx.cluster.profile.name === 'binary' && ctx.host.kind === 'node' && !isOutside(ctx.cluster, ctx.host)
  if (unit !== 'kube-proxy.service' || !binaryNode || !proxy) {
    if (verb === 'status') return { stdout: '', stderr: `Unit ${unit} could not be found.\n`, exitCode: 4 }
    if (verb === 'is-active') return { stdout: 'inactive\n', stderr: '', exitCode: 3 }
    const Verb = verb[0].toUpperCase() + verb.slice(1)
    return { stdout: '', stderr: `Failed to ${verb} ${unit}: Unit ${unit} not found.\n`.replace(`Failed to ${verb}`, `Failed to ${Verb === 'Enable' ? 'enable' : verb}`), exitCode: 5 }
  }
  const u = unitOf(ctx, node)
  switch (verb) {
    case 'status':
      return status(ctx, node)
    case 'is-active': {
      const on = u.how === 'running' && proxy.status(node).running
      return { stdout: on ? 'active\n' : u.how === 'failed' ? 'failed\n' : 'inactive\n', stderr: '', exitCode: on ? 0 : 3 }
    }
    case 'enable':
      return { stdout: '', stderr: '', exitCode: 0 }
    case 'stop':
      if (u.how === 'running') {
        proxy.stop(node)
        u.how = 'stopped'
        u.since = ctx.cluster.clock.now()
      }
      return { stdout: '', stderr: '', exitCode: 0 }
    case 'start':
    case 'restart': {
      if (verb === 'start' && u.how === 'running' && proxy.status(node).running) return { stdout: '', stderr: '', exitCode: 0 }
      const f = proxy.flagsFile(node)
      const text = f ? ctx.fs.read(f.path) : undefined
      const st = proxy.restart(node, text, (path) => ctx.fs.read(path)) // --config=FILE is read from the node too
      u.since = ctx.cluster.clock.now()
      u.pid = pidFromLog(st) ?? u.pid + 17
      u.how = st.running ? 'running' : 'failed'
      return { stdout: '', stderr: '', exitCode: 0 }
    }
  }
  return { stdout: '', stderr: USAGE, exitCode: 1 }
}
