// keepalived on the nodes (the package, the daemon, its VRRP instances) and the VRRP election between them: the
// instances of one virtual_router_id (and password) elect the highest effective priority (priority plus the
// weights of its track scripts; a failing weight-0 script means FAULT), the node IP breaking ties. The master
// holds the virtual IPs on its interface, so the cluster network delivers them to that node. A backup takes
// over when the master goes silent for master_down_interval (3 x advert_int + skew; a master that stops cleanly
// sends priority 0 and the backup takes over after the skew), preempts a lower master unless nopreempt, and
// the journal gets keepalived's lines (2.2 on Debian/Ubuntu nodes, 1.3.5 on CentOS 7).

import type { Change } from '../../apiserver/store.ts'
import type { Store } from '../../apiserver/store.ts'
import type { Controller, ControllerManager } from '../../controller/manager.ts'
import type { Clock } from '../../util/clock.ts'
import type { NodeMachines } from '../../kubelet/heartbeat.ts'
import type { Netns } from '../types.ts'
import { fnv32a } from '../../controller/hash.ts'
import { parseKeepalivedConf, type KeepalivedConfig, type VrrpInstance } from './config.ts'
import { runCheck, type NodeProbe } from './checks.ts'

export const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf'

export type VrrpState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT'

export interface JournalLine { at: number; ident: string; pid: number; text: string }

interface InstanceRun { cfg: VrrpInstance; state: VrrpState; priority: number; ip: string }

interface Daemon {
  node: string
  installed: boolean
  enabled: boolean
  running: boolean
  pid: number
  since: number
  config?: KeepalivedConfig
  readFile: (path: string) => string | undefined
  scripts: Map<string, boolean>
  instances: InstanceRun[]
}

/** what the lab needs of the cluster network: a node's namespace, and adding/removing its addresses */
export interface VipNetwork {
  netns(name: string): Netns | undefined
  addNodeAddress(node: string, dev: string, cidr: string): boolean
  removeNodeAddress(node: string, dev: string, cidr: string): boolean
}

export interface KeepalivedOptions {
  store: Store
  clock: Clock
  manager: ControllerManager
  machines: NodeMachines
  network: VipNetwork
  probe: NodeProbe
  /** keepalived 1.3.5 (CentOS 7) wording instead of 2.2 */
  legacy: boolean
}

const KEY = 'vrrp'

/** master_down_interval = 3 x advert_int + skew, skew = (256 - priority) x advert_int / 256 (seconds) */
export function masterDownMs(advertInt: number, priority: number): number {
  return Math.round((3 * advertInt + ((256 - priority) * advertInt) / 256) * 1000)
}

const skewMs = (advertInt: number, priority: number) => Math.round((((256 - priority) * advertInt) / 256) * 1000)

export class Keepalived implements Controller {
  readonly name = 'keepalived'
  private readonly daemons = new Map<string, Daemon>()
  private readonly journal = new Map<string, JournalLine[]>()
  /** per election group: since when a new master is wanted, and how fast it takes over */
  private readonly pending = new Map<string, { at: number; winner: string }>()
  /** VIPs currently placed: `node|dev|cidr` */
  private readonly placed = new Set<string>()

  constructor(private readonly o: KeepalivedOptions) {
    o.machines.onChange((node) => this.machineChanged(node))
  }

  onChange(c: Change, q: Set<string>): void {
    // check scripts look at the node's processes and ports: pods coming and going can change their answer
    if (c.object.kind === 'Pod' && this.daemons.size) q.add(KEY)
  }

  reconcile(): void {
    this.elect()
  }

  // ---- the package and the service ----

  installed(node: string): boolean {
    return this.daemons.get(node)?.installed ?? false
  }

  /** apt-get/yum install keepalived: Debian enables the unit, CentOS does not */
  install(node: string): void {
    const d = this.daemon(node)
    d.installed = true
    d.enabled = !this.o.legacy
  }

  status(node: string): { running: boolean; enabled: boolean; pid: number; since: number; journal: JournalLine[] } | undefined {
    const d = this.daemons.get(node)
    if (!d?.installed) return undefined
    return { running: d.running, enabled: d.enabled, pid: d.pid, since: d.since, journal: this.journal.get(node) ?? [] }
  }

  /** the VRRP state of each instance on the node (for tests and the trace) */
  states(node: string): { name: string; state: VrrpState; priority: number }[] {
    return (this.daemons.get(node)?.instances ?? []).map((i) => ({ name: i.cfg.name, state: i.state, priority: i.priority }))
  }

  enable(node: string, on: boolean): void {
    this.daemon(node).enabled = on
  }

  /** systemctl start keepalived: reads the configuration file now; `readFile` reads the node's files (scripts too) */
  start(node: string, readFile: (path: string) => string | undefined): void {
    const d = this.daemon(node)
    if (d.running || !this.o.machines.powered(node)) return
    const now = this.o.clock.now()
    d.running = true
    d.since = now
    d.pid = 1000 + (fnv32a(`${node}/keepalived/${now}`) % 60000)
    d.readFile = readFile
    const text = readFile(KEEPALIVED_CONF)
    d.config = parseKeepalivedConf(text ?? '')
    d.scripts = new Map()
    const ip = this.nodeIP(node)
    d.instances = d.config.instances.map((cfg) => ({ cfg, state: 'INIT', priority: cfg.priority, ip }))
    this.logStart(d, text !== undefined)
    this.elect()
  }

  /** systemctl stop keepalived: a master sends priority 0 and drops its VIPs */
  stop(node: string): void {
    const d = this.daemons.get(node)
    if (!d?.running) return
    const now = this.o.clock.now()
    const unit = this.o.legacy ? 'LVS and VRRP High Availability Monitor' : 'keepalived.service - Keepalive Daemon (LVS and VRRP)'
    this.log(node, 'systemd', 1, `Stopping ${unit}...`)
    this.log(node, 'Keepalived', d.pid, 'Stopping')
    for (const i of d.instances) {
      if (i.state === 'MASTER') {
        this.log(node, this.vrrpIdent(), d.pid + 1, this.o.legacy ? `VRRP_Instance(${i.cfg.name}) sent 0 priority` : `(${i.cfg.name}) sent 0 priority`)
        this.setVips(node, i, false)
        // the backups hear priority 0: they take over after their skew
        this.pending.set(this.group(i.cfg), { at: now + skewMs(i.cfg.advertInt, 255), winner: '' })
      }
    }
    this.log(node, this.vrrpIdent(), d.pid + 1, 'Stopped')
    this.log(node, 'Keepalived', d.pid, this.o.legacy ? 'Stopped Keepalived v1.3.5 (03/19,2017), git commit v1.3.5-6-g6fa32f2' : 'Stopped')
    if (!this.o.legacy) this.log(node, 'systemd', 1, 'keepalived.service: Deactivated successfully.')
    this.log(node, 'systemd', 1, `Stopped ${unit}.`)
    d.running = false
    d.since = now
    d.instances = []
    this.elect()
  }

  // ---- the election ----

  private daemon(node: string): Daemon {
    let d = this.daemons.get(node)
    if (!d) this.daemons.set(node, (d = { node, installed: false, enabled: false, running: false, pid: 0, since: 0, readFile: () => undefined, scripts: new Map(), instances: [] }))
    return d
  }

  private nodeIP(node: string): string {
    const ns = this.o.network.netns(node)
    const eth = ns?.links.find((l) => l.kind === 'ether')
    return eth?.addrs[0]?.cidr.split('/')[0] ?? ''
  }

  private group(cfg: VrrpInstance): string {
    return `${cfg.virtualRouterId}|${cfg.authPass ?? ''}`
  }

  private vrrpIdent(): string {
    return 'Keepalived_vrrp'
  }

  private log(node: string, ident: string, pid: number, text: string): void {
    let j = this.journal.get(node)
    if (!j) this.journal.set(node, (j = []))
    j.push({ at: this.o.clock.now(), ident, pid, text })
    if (j.length > 200) j.splice(0, j.length - 200)
  }

  private inst(i: InstanceRun, text: string): string {
    return this.o.legacy ? `VRRP_Instance(${i.cfg.name}) ${text}` : `(${i.cfg.name}) ${text}`
  }

  private logStart(d: Daemon, haveConf: boolean): void {
    const unit = this.o.legacy ? 'LVS and VRRP High Availability Monitor' : 'keepalived.service - Keepalive Daemon (LVS and VRRP)'
    const vp = d.pid + 1
    this.log(d.node, 'systemd', 1, `Starting ${unit}...`)
    if (!haveConf) this.log(d.node, 'Keepalived', d.pid, `Configuration file ${KEEPALIVED_CONF} not found`)
    else this.log(d.node, 'Keepalived', d.pid, `Configuration file ${KEEPALIVED_CONF}`)
    this.log(d.node, 'Keepalived', d.pid, `Starting VRRP child process, pid=${vp}`)
    this.log(d.node, 'systemd', 1, `Started ${unit}.`)
    for (const w of d.config?.warnings ?? []) this.log(d.node, this.vrrpIdent(), vp, w)
    for (const s of d.config?.scripts ?? []) {
      const first = s.script.split(/\s+/)[0] ?? ''
      if (first && !first.startsWith('/')) this.log(d.node, this.vrrpIdent(), vp, `WARNING - script \`${first}\` resolved by path search to \`/usr/bin/${first}\`. Please specify full path.`)
    }
    if (d.config?.scripts.length && !d.config.scriptSecurity) this.log(d.node, this.vrrpIdent(), vp, 'SECURITY VIOLATION - scripts are being executed but script_security not enabled.')
    this.log(d.node, 'Keepalived', d.pid, 'Startup complete')
    for (const i of d.instances) {
      if (!this.o.network.netns(d.node)?.links.some((l) => l.name === i.cfg.interface)) {
        this.log(d.node, this.vrrpIdent(), vp, `(${i.cfg.name}): Cannot find an IP address to use for interface ${i.cfg.interface}`)
        i.state = 'FAULT'
        continue
      }
      i.state = 'BACKUP'
      this.log(d.node, this.vrrpIdent(), vp, this.o.legacy ? this.inst(i, 'Entering BACKUP STATE') : this.inst(i, 'Entering BACKUP STATE (init)'))
    }
  }

  /** run the track scripts of a running daemon; log their transitions and the priority changes */
  private runScripts(d: Daemon): void {
    const vp = d.pid + 1
    for (const s of d.config?.scripts ?? []) {
      const r = runCheck(s.script, d.node, this.o.probe, d.readFile)
      const ok = r.code === 0
      const was = d.scripts.get(s.name)
      if (was === ok) continue
      d.scripts.set(s.name, ok)
      if (ok) this.log(d.node, this.vrrpIdent(), vp, `VRRP_Script(${s.name}) succeeded`)
      else {
        if (!this.o.legacy) this.log(d.node, this.vrrpIdent(), vp, `Script \`${s.name}\` now returning ${r.code}`)
        this.log(d.node, this.vrrpIdent(), vp, this.o.legacy ? `VRRP_Script(${s.name}) failed` : `VRRP_Script(${s.name}) failed (exited with status ${r.code})`)
      }
    }
    for (const i of d.instances) {
      if (i.state === 'FAULT' && !this.o.network.netns(d.node)?.links.some((l) => l.name === i.cfg.interface)) continue
      let prio = i.cfg.priority
      let fault = false
      for (const t of i.cfg.trackScripts) {
        const s = d.config?.scripts.find((x) => x.name === t.name)
        const ok = d.scripts.get(t.name)
        if (!s || ok === undefined) continue
        const w = t.weight ?? s.weight
        if (w === 0 && !ok) fault = true
        else if (w > 0 && ok) prio += w
        else if (w < 0 && !ok) prio += w
      }
      prio = Math.max(1, Math.min(254, prio))
      if (prio !== i.priority) {
        this.log(d.node, this.vrrpIdent(), vp, this.inst(i, `Changing effective priority from ${i.priority} to ${prio}`))
        i.priority = prio
      }
      if (fault && i.state !== 'FAULT') {
        if (i.state === 'MASTER') this.setVips(d.node, i, false)
        i.state = 'FAULT'
        this.log(d.node, this.vrrpIdent(), vp, this.inst(i, 'Entering FAULT STATE'))
      } else if (!fault && i.state === 'FAULT') {
        i.state = 'BACKUP'
        this.log(d.node, this.vrrpIdent(), vp, this.inst(i, 'Entering BACKUP STATE'))
      }
    }
  }

  private live(): { d: Daemon; i: InstanceRun }[] {
    const out: { d: Daemon; i: InstanceRun }[] = []
    for (const d of this.daemons.values()) {
      if (!d.running || !this.o.machines.powered(d.node)) continue
      for (const i of d.instances) out.push({ d, i })
    }
    return out
  }

  private elect(): void {
    const now = this.o.clock.now()
    for (const d of this.daemons.values()) if (d.running && this.o.machines.powered(d.node)) this.runScripts(d)
    const groups = new Map<string, { d: Daemon; i: InstanceRun }[]>()
    for (const x of this.live()) {
      const k = this.group(x.i.cfg)
      groups.set(k, [...(groups.get(k) ?? []), x])
    }
    let next: number | undefined
    for (const [k, members] of groups) {
      const eligible = members.filter((m) => m.i.state !== 'FAULT')
      const masters = eligible.filter((m) => m.i.state === 'MASTER')
      const rank = (a: { i: InstanceRun }, b: { i: InstanceRun }) => b.i.priority - a.i.priority || cmpIp(b.i.ip, a.i.ip)
      const best = [...eligible].sort(rank)[0]
      if (!best) { this.pending.delete(k); continue }
      const master = [...masters].sort(rank)[0]
      // two masters (a partition healed, a password fixed): the lower one hears the higher and steps down
      for (const m of masters) if (m !== master) this.stepDown(m, master)
      const wantChange = !master || (best !== master && best.i.priority > master.i.priority && !best.i.cfg.nopreempt)
      if (!wantChange) { this.pending.delete(k); continue }
      let p = this.pending.get(k)
      if (!p || (p.winner && p.winner !== best.d.node)) {
        const since = Math.max(now, best.d.since)
        p = { at: since + masterDownMs(best.i.cfg.advertInt, best.i.priority), winner: best.d.node }
        this.pending.set(k, p)
      }
      if (now < p.at) { next = next === undefined ? p.at : Math.min(next, p.at); continue }
      this.pending.delete(k)
      const vp = best.d.pid + 1
      if (this.o.legacy) this.log(best.d.node, this.vrrpIdent(), vp, this.inst(best.i, 'Transition to MASTER STATE'))
      else this.log(best.d.node, this.vrrpIdent(), vp, this.inst(best.i, 'Receive advertisement timeout'))
      best.i.state = 'MASTER'
      this.log(best.d.node, this.vrrpIdent(), vp, this.inst(best.i, 'Entering MASTER STATE'))
      this.setVips(best.d.node, best.i, true)
      if (master) this.stepDown(master, best)
    }
    // instances of daemons that are gone (stopped, node off) hold nothing
    for (const d of this.daemons.values()) {
      if (d.running && this.o.machines.powered(d.node)) continue
      for (const i of d.instances) if (i.state === 'MASTER') this.setVips(d.node, i, false)
    }
    if (next !== undefined) this.o.manager.after(this.name, KEY, next)
  }

  private stepDown(m: { d: Daemon; i: InstanceRun }, by: { i: InstanceRun }): void {
    const vp = m.d.pid + 1
    this.log(m.d.node, this.vrrpIdent(), vp, this.o.legacy
      ? this.inst(m.i, `Received advert with higher priority ${by.i.priority}, ours ${m.i.priority}`)
      : this.inst(m.i, `Master received advert from ${by.i.ip} with higher priority ${by.i.priority}, ours ${m.i.priority}`))
    m.i.state = 'BACKUP'
    this.log(m.d.node, this.vrrpIdent(), vp, this.inst(m.i, 'Entering BACKUP STATE'))
    this.setVips(m.d.node, m.i, false)
  }

  private setVips(node: string, i: InstanceRun, on: boolean): void {
    for (const v of i.cfg.vips) {
      const dev = v.dev ?? i.cfg.interface
      const key = `${node}|${dev}|${v.cidr}`
      if (on && !this.placed.has(key)) {
        // the address leaves any other holder first (one owner per IP on the segment)
        for (const k of [...this.placed]) {
          const [n, d, c] = k.split('|')
          if (c === v.cidr && n !== node) { this.o.network.removeNodeAddress(n, d, c); this.placed.delete(k) }
        }
        if (this.o.network.addNodeAddress(node, dev, v.cidr)) this.placed.add(key)
      } else if (!on && this.placed.has(key)) {
        this.o.network.removeNodeAddress(node, dev, v.cidr)
        this.placed.delete(key)
      }
    }
  }

  private machineChanged(node: string): void {
    const d = this.daemons.get(node)
    if (!d?.installed) return
    if (!this.o.machines.powered(node)) {
      // the machine is off: the daemon is gone with it (its addresses die with the kernel)
      for (const i of d.instances) if (i.state === 'MASTER') this.setVips(node, i, false)
      d.running = false
      d.instances = []
      d.since = this.o.clock.now()
    } else if (d.enabled && !d.running) {
      this.start(node, d.readFile)
      return
    }
    this.o.manager.enqueue(this.name, KEY)
  }
}

function cmpIp(a: string, b: string): number {
  const n = (ip: string) => ip.split('.').reduce((acc, x) => acc * 256 + Number(x), 0)
  return n(a) - n(b)
}

const registry = new WeakMap<Store, Keepalived>()

export function attachKeepalived(store: Store, k: Keepalived): void {
  registry.set(store, k)
}

export function keepalivedOf(store: Store): Keepalived | undefined {
  return registry.get(store)
}
