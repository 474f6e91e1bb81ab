// The node facts a keepalived check script sees: the processes running on the node (its daemons and every
// running container's process, since the host sees them all; ingress-nginx runs nginx under its controller)
// and the TCP ports bound in the root namespace (daemons, hostNetwork pods), from the kubelet's records.

import type { Pod } from '../../api/types.ts'
import type { Informer } from '../../controller/informer.ts'
import type { PodRun } from '../../kubelet/runtime.ts'
import type { NodeMachines } from '../../kubelet/heartbeat.ts'
import type { NodeProbe } from './checks.ts'

/** the node daemons' ports (sshd, kubelet, kube-proxy healthz) */
const DAEMON_PORTS = [22, 10248, 10250, 10256]

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1)

export function kubeletProbe(informer: Informer, runOf: (uid: string | undefined) => PodRun | undefined, machines: NodeMachines,
  extra: (node: string) => string[] = () => []): NodeProbe {
  const running = (node: string): { pod: Pod; run: PodRun }[] => {
    const out: { pod: Pod; run: PodRun }[] = []
    if (!machines.powered(node)) return out
    for (const k of informer.podsOnNode(node)) {
      const i = k.indexOf('/')
      const pod = informer.pod(k.slice(0, i), k.slice(i + 1))
      const run = pod ? runOf(pod.metadata.uid) : undefined
      if (pod && run) out.push({ pod, run })
    }
    return out
  }
  return {
    processes(node) {
      const s = new Set<string>(['sshd', 'containerd', 'systemd', ...extra(node)])
      if (machines.kubeletRunning(node)) s.add('kubelet')
      for (const { run } of running(node)) {
        for (const c of run.containers) {
          if (c.state !== 'running') continue
          if (c.app.image.kind === 'ingress-nginx') { s.add('nginx'); s.add('nginx-ingress-controller'); continue }
          const argv0 = c.app.argv[0]
          if (argv0) s.add(base(argv0))
          if (c.app.image.kind === 'nginx') s.add('nginx')
        }
      }
      return s
    },
    listens(node, port) {
      if (!machines.powered(node)) return false
      if (DAEMON_PORTS.includes(port)) return true
      for (const { pod, run } of running(node)) {
        if (!pod.spec.hostNetwork) continue
        for (const c of run.containers) if (c.state === 'running' && c.app.listens.some((l) => l.port === port && l.protocol === 'TCP')) return true
      }
      return false
    },
  }
}
