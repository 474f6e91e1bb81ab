// Powering nodes off and on. On a node: `poweroff`, `halt`, `shutdown -h now` (systemd's: the machine goes down
// at once and the ssh session ends: `Connection to node02 closed by remote host.`). A real machine comes back
// through its hypervisor or BMC; the lab's stand-in is `lab power on|off|status NODE` (on any node or the client).

import type { Command, CommandContext, CommandResult } from '../types.ts'
import { nodeMachines } from '../../core/kubelet/heartbeat.ts'
import { isOutside } from './access.ts'

const fail = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr, exitCode })

function goDown(ctx: CommandContext): CommandResult {
  const machines = nodeMachines(ctx.cluster.store)
  if (ctx.host.kind !== 'node' || isOutside(ctx.cluster, ctx.host) || !machines) {
    return fail('kubelab: only the cluster\'s nodes can be powered off here\n')
  }
  const node = ctx.host.node
  const first = ctx.cluster.profile.nodes.find((n) => n.controlPlane)?.name
  if (node === first) {
    return fail(`kubelab: ${node} runs the lab's API server: powering it off would end the lab. ssh to a worker node first (or use lab power off NODE)\n`)
  }
  const label = ctx.hangup?.()
  machines.powerOff(node)
  ctx.cluster.settle()
  // ssh prints the remote side's hang-up, then (a tty was allocated) the closed line
  if (label !== undefined) return { stdout: '', stderr: `Connection to ${label} closed by remote host.\nConnection to ${label} closed.\n`, exitCode: 255 }
  return { stdout: '', stderr: '', exitCode: 0 }
}

export const poweroff: Command = (ctx) => goDown(ctx)
export const halt: Command = (ctx) => goDown(ctx)

export const shutdown: Command = (ctx) => {
  const args = ctx.args
  if (args.includes('-c')) return { stdout: '', stderr: '', exitCode: 0 }
  if (args.includes('-r') || args.includes('--reboot')) return fail('kubelab: reboot is not modelled; power the node off and on: shutdown -h now, then lab power on NODE\n')
  const when = args.find((a) => !a.startsWith('-'))
  if (when && when !== 'now' && when !== '+0') return fail(`kubelab: a delayed shutdown (${when}) is not modelled; use shutdown -h now\n`)
  return goDown(ctx)
}

const USAGE = 'usage: lab power on|off|status NODE\n' +
  "  The lab's stand-in for a node's hypervisor or BMC console (virsh start/destroy, ipmitool power on/off).\n"

/** `lab power on|off|status NODE` */
export const lab: Command = (ctx) => {
  const [what, action, node] = ctx.args
  const machines = nodeMachines(ctx.cluster.store)
  if (what !== 'power' || !action || !node || !machines) return fail(USAGE, 2)
  if (!ctx.cluster.store.get('Node', undefined, node)) return fail(`kubelab: no node named ${node}\n`)
  switch (action) {
    case 'status':
      return { stdout: `${node}: ${machines.powered(node) ? 'on' : 'off'}\n`, stderr: '', exitCode: 0 }
    case 'on':
      machines.powerOn(node)
      ctx.cluster.settle()
      return { stdout: `${node}: powered on (the kubelet and enabled services start)\n`, stderr: '', exitCode: 0 }
    case 'off': {
      if (ctx.cluster.profile.nodes.find((n) => n.controlPlane)?.name === node) return fail(`kubelab: ${node} runs the lab's API server: powering it off would end the lab\n`)
      machines.powerOff(node)
      ctx.cluster.settle()
      return { stdout: `${node}: powered off\n`, stderr: '', exitCode: 0 }
    }
  }
  return fail(USAGE, 2)
}
