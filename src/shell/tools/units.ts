// systemd units of the nodes beyond kube-proxy: kubelet.service (kubeadm: the pkgs.k8s.io unit with kubeadm's
// 10-kubeadm.conf drop-in, systemd 255 layout; binary profile: /usr/lib/systemd/system/kubelet.service, CentOS 7's
// systemd 219 layout) and keepalived.service once installed. start/stop go to the node's machine model
// (core/kubelet/heartbeat.ts) and keepalived (core/node/keepalived); status prints the unit and its journal.

import type { CommandContext, CommandResult } from '../types.ts'
import { nodeMachines } from '../../core/kubelet/heartbeat.ts'
import { keepalivedOf, type JournalLine } from '../../core/node/keepalived/keepalived.ts'
import { fnv32a } from '../../core/controller/hash.ts'
import { agoText } from './systemctl.ts'
import { hostNameOf } from './access.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const p2 = (n: number) => String(n).padStart(2, '0')

/** `Thu 2026-01-01 00:20:05 UTC` */
export function sinceText(ms: number): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`
}

/** `Jan 01 00:20:05` */
export function journalStamp(ms: number): string {
  const d = new Date(ms)
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`
}

const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 })

interface UnitView {
  active: boolean
  enabled: boolean
  /** undefined: never started since boot */
  since?: number
  pid: number
  description: string
  path: string
  dropIn?: string[]
  docs: string[]
  cgroup: string[]
  journal: string[]
  /** the process line when inactive */
  exec: string
}

/** systemd 255 (Ubuntu/Debian nodes) or 219 (CentOS 7) `systemctl status UNIT` */
function render(ctx: CommandContext, unit: string, v: UnitView, legacy: boolean): CommandResult {
  const now = ctx.cluster.clock.now()
  const state = v.since === undefined ? 'inactive (dead)'
    : `${v.active ? 'active (running)' : 'inactive (dead)'} since ${sinceText(v.since)}; ${agoText(now - v.since)}`
  let out: string
  if (legacy) {
    out = `● ${unit} - ${v.description}\n   Loaded: loaded (${v.path}; ${v.enabled ? 'enabled' : 'disabled'}; vendor preset: disabled)\n`
    if (v.dropIn) out += `  Drop-In: ${v.dropIn[0]}\n           └─${v.dropIn[1]}\n`
    out += `   Active: ${state}\n`
    out += v.docs.map((d, i) => `${i ? '          ' : '     Docs:'} ${d}\n`).join('')
    if (v.active) out += ` Main PID: ${v.pid} (${v.cgroup[0].split(' ')[0].split('/').pop()})\n   CGroup: /system.slice/${unit}\n${v.cgroup.map((c, i) => `           ${i === v.cgroup.length - 1 ? '└─' : '├─'}${v.pid + i} ${c}\n`).join('')}`
    else if (v.since !== undefined) out += `  Process: ${v.pid} ${v.exec} (code=killed, signal=TERM)\n Main PID: ${v.pid} (code=killed, signal=TERM)\n`
  } else {
    out = `${v.active ? '●' : '○'} ${unit} - ${v.description}\n     Loaded: loaded (${v.path}; ${v.enabled ? 'enabled' : 'disabled'}; preset: enabled)\n`
    if (v.dropIn) out += `    Drop-In: ${v.dropIn[0]}\n             └─${v.dropIn[1]}\n`
    out += `     Active: ${state}\n`
    out += v.docs.map((d, i) => `${i ? '            ' : '       Docs:'} ${d}\n`).join('')
    if (v.active) out += `   Main PID: ${v.pid} (${v.cgroup[0].split(' ')[0].split('/').pop()})\n     CGroup: /system.slice/${unit}\n${v.cgroup.map((c, i) => `             ${i === v.cgroup.length - 1 ? '└─' : '├─'}${v.pid + i} ${c}\n`).join('')}`
    else if (v.since !== undefined) out += `    Process: ${v.pid} ${v.exec} (code=killed, signal=TERM)\n   Main PID: ${v.pid} (code=killed, signal=TERM)\n`
  }
  const lines = v.journal.slice(-10)
  if (lines.length) out += '\n' + lines.join('')
  return { stdout: out, stderr: '', exitCode: v.active ? 0 : 3 }
}

function journalText(host: string, lines: JournalLine[]): string[] {
  return lines.map((l) => `${journalStamp(l.at)} ${host} ${l.ident}[${l.pid}]: ${l.text}\n`)
}

// ---- kubelet ----

/** the kubelet unit as the lab keeps it: systemd's journal lines around each start and stop, the process's pid */
interface KubeletUnit { log: JournalLine[]; pid: number }
const kubeletUnits = new WeakMap<object, Map<string, KubeletUnit>>()

function kubeletState(ctx: CommandContext, node: string): KubeletUnit {
  let m = kubeletUnits.get(ctx.cluster)
  if (!m) kubeletUnits.set(ctx.cluster, (m = new Map()))
  let u = m.get(node)
  // the boot-time kubelet: the pid ss/netstat show (tools/listeners' daemon pids)
  if (!u) m.set(node, (u = { log: [], pid: 1000 + (fnv32a(`${node}/kubelet`) % 400) }))
  return u
}

export function kubeletUnit(ctx: CommandContext, verb: string, node: string): CommandResult {
  const machines = nodeMachines(ctx.cluster.store)
  if (!machines) return { stdout: '', stderr: 'Unit kubelet.service could not be found.\n', exitCode: 4 }
  const legacy = ctx.cluster.profile.name === 'binary'
  const description = legacy ? 'Kubernetes Kubelet' : 'kubelet: The Kubernetes Node Agent'
  const label = legacy ? description : `kubelet.service - ${description}`
  const unitState = kubeletState(ctx, node)
  const log = unitState.log
  const now = ctx.cluster.clock.now()
  const running = machines.kubeletRunning(node)
  const say = (text: string) => log.push({ at: now, ident: 'systemd', pid: 1, text })
  switch (verb) {
    case 'is-active':
      return { stdout: running ? 'active\n' : 'inactive\n', stderr: '', exitCode: running ? 0 : 3 }
    case 'enable': case 'daemon-reload':
      return ok()
    case 'stop':
      if (running) {
        say(`Stopping ${label}...`)
        if (!legacy) say('kubelet.service: Deactivated successfully.')
        say(`Stopped ${label}.`)
        machines.stopKubelet(node)
        ctx.cluster.settle()
      }
      return ok()
    case 'start': case 'restart':
      if (running && verb === 'start') return ok()
      if (running) {
        say(`Stopping ${label}...`)
        say(`Stopped ${label}.`)
        machines.stopKubelet(node)
      }
      say(`Started ${label}.`)
      unitState.pid = 1000 + (fnv32a(`${node}/kubelet/${now}`) % 30000)
      machines.startKubelet(node)
      ctx.cluster.settle()
      return ok()
  }
  const started = machines.kubeletSince(node) || Date.parse((ctx.cluster.store.get('Node', undefined, node)?.metadata.creationTimestamp) ?? '') || now
  const pid = unitState.pid
  const view: UnitView = legacy
    ? { active: running, enabled: true, since: started, pid, description, path: '/usr/lib/systemd/system/kubelet.service', docs: ['https://github.com/kubernetes/kubernetes'],
      cgroup: ['/opt/kubernetes/bin/kubelet $KUBELET_OPTS'], exec: 'ExecStart=/opt/kubernetes/bin/kubelet $KUBELET_OPTS', journal: journalText(hostNameOf(ctx.cluster, ctx), log) }
    : { active: running, enabled: true, since: started, pid, description, path: '/usr/lib/systemd/system/kubelet.service',
      dropIn: ['/usr/lib/systemd/system/kubelet.service.d', '10-kubeadm.conf'], docs: ['https://kubernetes.io/docs/'],
      cgroup: ['/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock'],
      exec: 'ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS', journal: journalText(hostNameOf(ctx.cluster, ctx), log) }
  return render(ctx, 'kubelet.service', view, legacy)
}

// ---- keepalived ----

/** undefined when keepalived is not installed on the node (the caller prints systemd's not-found texts) */
export function keepalivedUnit(ctx: CommandContext, verb: string, node: string): CommandResult | undefined {
  const k = keepalivedOf(ctx.cluster.store)
  if (!k?.installed(node)) return undefined
  const legacy = ctx.cluster.profile.name === 'binary'
  switch (verb) {
    case 'is-active': {
      const on = !!k.status(node)?.running
      return { stdout: on ? 'active\n' : 'inactive\n', stderr: '', exitCode: on ? 0 : 3 }
    }
    case 'enable': case 'disable':
      k.enable(node, verb === 'enable')
      return legacy && verb === 'enable'
        ? { stdout: '', stderr: 'Created symlink from /etc/systemd/system/multi-user.target.wants/keepalived.service to /usr/lib/systemd/system/keepalived.service.\n', exitCode: 0 }
        : ok()
    case 'daemon-reload':
      return ok()
    case 'stop':
      k.stop(node)
      ctx.cluster.settle()
      return ok()
    case 'start': case 'restart': case 'reload':
      if (verb !== 'start') k.stop(node)
      k.start(node, (p) => ctx.fs.read(p))
      ctx.cluster.settle()
      return ok()
  }
  const st = k.status(node)!
  const path = legacy ? '/usr/lib/systemd/system/keepalived.service' : '/usr/lib/systemd/system/keepalived.service'
  const view: UnitView = {
    active: st.running, enabled: st.enabled, since: st.pid ? st.since : undefined, pid: st.pid, path,
    description: legacy ? 'LVS and VRRP High Availability Monitor' : 'Keepalive Daemon (LVS and VRRP)',
    docs: legacy ? [] : ['man:keepalived(8)', 'man:keepalived.conf(5)', 'man:genhash(1)', 'https://keepalived.org'],
    cgroup: legacy ? ['/usr/sbin/keepalived -D', '/usr/sbin/keepalived -D'] : ['/usr/sbin/keepalived --dont-fork', '/usr/sbin/keepalived --dont-fork'],
    exec: legacy ? 'ExecStart=/usr/sbin/keepalived $KEEPALIVED_OPTIONS' : 'ExecStart=/usr/sbin/keepalived --dont-fork $DAEMON_ARGS',
    journal: journalText(hostNameOf(ctx.cluster, ctx), st.journal),
  }
  return render(ctx, 'keepalived.service', view, legacy)
}
