// The node machines behind the Node objects: is the machine powered, is its kubelet service running, and when
// did it last post its status (the heartbeat the node lifecycle controller watches). A kubelet that starts posts
// Ready=True again; one that stops (or whose machine powers off) just goes quiet. One registry per store.

import type { Node } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import type { ControllerManager } from '../controller/manager.ts'
import type { Informer } from '../controller/informer.ts'
import type { Clock } from '../util/clock.ts'
import { rfc3339 } from '../util/clock.ts'

interface Machine {
  powered: boolean
  kubelet: boolean
  /** virtual ms of the last status the kubelet posted (while it runs: now) */
  lastHeartbeat: number
  /** virtual ms of the last power change (boot or shutdown) */
  powerSince: number
  /** virtual ms of the last kubelet start or stop */
  kubeletSince: number
}

/** the kubelet's own conditions when it posts a healthy status */
const HEALTHY: Record<string, [string, string, string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
}

export class NodeMachines {
  private readonly machines = new Map<string, Machine>()
  /** called after every change (a machine's power or kubelet) with the node's name */
  private readonly listeners: ((node: string) => void)[] = []

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly manager: ControllerManager, private readonly informer: Informer) {}

  private machine(node: string): Machine {
    let m = this.machines.get(node)
    if (!m) this.machines.set(node, (m = { powered: true, kubelet: true, lastHeartbeat: 0, powerSince: 0, kubeletSince: 0 }))
    return m
  }

  onChange(fn: (node: string) => void): void {
    this.listeners.push(fn)
  }

  powered(node: string): boolean {
    return this.machines.get(node)?.powered ?? true
  }

  /** the kubelet process runs (and so posts status): the service is started and the machine is on */
  kubeletRunning(node: string): boolean {
    const m = this.machines.get(node)
    return !m || (m.powered && m.kubelet)
  }

  /** the kubelet service is enabled to run (it starts again at boot) */
  kubeletWanted(node: string): boolean {
    return this.machines.get(node)?.kubelet ?? true
  }

  /** when the kubelet last posted status: now while it runs */
  lastHeartbeat(node: string): number {
    return this.kubeletRunning(node) ? this.clock.now() : this.machine(node).lastHeartbeat
  }

  powerSince(node: string): number | undefined {
    return this.machines.get(node)?.powerSince
  }

  kubeletSince(node: string): number | undefined {
    return this.machines.get(node)?.kubeletSince
  }

  /** `systemctl stop kubelet` */
  stopKubelet(node: string): void {
    const m = this.machine(node)
    if (!m.kubelet) return
    if (m.powered) m.lastHeartbeat = this.clock.now()
    m.kubelet = false
    m.kubeletSince = this.clock.now()
    this.changed(node)
  }

  /** `systemctl start kubelet`: it posts a fresh status and syncs the node's pods again */
  startKubelet(node: string): void {
    const m = this.machine(node)
    if (m.kubelet) return
    m.kubelet = true
    m.kubeletSince = this.clock.now()
    if (m.powered) this.postReady(node)
    this.changed(node)
  }

  /** the machine halts: every process stops, the network goes silent */
  powerOff(node: string): void {
    const m = this.machine(node)
    if (!m.powered) return
    if (m.kubelet) m.lastHeartbeat = this.clock.now()
    m.powered = false
    m.powerSince = this.clock.now()
    this.changed(node)
  }

  /** the machine boots: enabled services (the kubelet) start */
  powerOn(node: string): void {
    const m = this.machine(node)
    if (m.powered) return
    m.powered = true
    m.powerSince = this.clock.now()
    if (m.kubelet) {
      m.kubeletSince = this.clock.now()
      this.postReady(node)
    }
    this.changed(node)
  }

  /** the kubelet's node status update: its conditions healthy, heartbeat now */
  private postReady(node: string): void {
    const n = this.store.get('Node', undefined, node) as Node | undefined
    if (!n?.status) return
    const now = rfc3339(this.clock.now())
    const conditions = (n.status.conditions ?? []).map((c) => {
      const h = HEALTHY[c.type]
      if (!h) return c
      const [status, reason, message] = h
      return { ...c, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: c.status === status ? c.lastTransitionTime : now }
    })
    this.store.updateStatus('Node', undefined, node, { ...n.status, conditions }, `kubelet:${node}`)
  }

  private changed(node: string): void {
    for (const k of this.informer.podsOnNode(node)) this.manager.enqueue('kubelet', k)
    this.manager.enqueue('nodelifecycle', `node/${node}`)
    for (const fn of this.listeners) fn(node)
  }
}

const registry = new WeakMap<Store, NodeMachines>()

export function attachNodeMachines(store: Store, m: NodeMachines): void {
  registry.set(store, m)
}

/** the machines of the cluster behind `store` (undefined for hand-built test stores) */
export function nodeMachines(store: Store): NodeMachines | undefined {
  return registry.get(store)
}

/** the kubelet hook: does this node's kubelet run now? (true when the store has no machines registered) */
export function kubeletRunning(store: Store, node: string): boolean {
  return registry.get(store)?.kubeletRunning(node) ?? true
}
