// Who listens where: a pod's sockets come from its running containers' apps (`appFor`, via the kubelet's
// runtime record), a node's from listeners.ts (its daemons at their bound addresses, plus hostNetwork pods).
// NodePorts are no sockets: only rules (or IPVS) serve them.

import type { Pod } from '../core/api/types.ts'
import type { Cluster } from '../core/cluster/types.ts'
import type { Netns } from '../core/node/types.ts'
import { runtimeOf } from '../core/cluster/runtime.ts'
import { appFor, type App } from '../core/images/app.ts'
import { isLoopback } from './ip.ts'
import { bindAccepts, nodeListeners } from './listeners.ts'

export interface Socket {
  protocol: 'TCP' | 'UDP'
  port: number
  /** `nginx` (container), `kubelet`, `sshd` ... */
  process: string
  /** bound to 127.0.0.1 only */
  loopbackOnly?: boolean
  pod?: Pod
  container?: string
  app?: App
}

/** the pod behind a pod namespace (`ns/name`) */
export function podOf(cluster: Cluster, ns: Netns): Pod | undefined {
  if (ns.kind !== 'pod') return undefined
  const i = ns.name.indexOf('/')
  return cluster.store.get('Pod', ns.name.slice(0, i), ns.name.slice(i + 1)) as Pod | undefined
}

/** the listening sockets of a pod's running containers */
function podSockets(cluster: Cluster, pod: Pod): Socket[] {
  const out: Socket[] = []
  const run = runtimeOf(cluster)?.kubelet.runOf(pod.metadata.uid)
  if (run) {
    for (const c of run.containers) {
      if (c.state !== 'running') continue
      for (const l of c.app.listens) out.push({ protocol: l.protocol, port: l.port, process: c.spec.name, pod, container: c.spec.name, app: c.app })
    }
    return out
  }
  // no kubelet record (hand-built test networks): a Running pod runs its containers' apps
  if (pod.status?.phase !== 'Running') return out
  for (const c of pod.spec.containers) {
    const app = appFor(pod, c)
    for (const l of app.listens) out.push({ protocol: l.protocol, port: l.port, process: c.name, pod, container: c.name, app })
  }
  return out
}

/** the socket that accepts `protocol` to `ip:port` in this namespace, if any */
export function findSocket(cluster: Cluster, ns: Netns, protocol: string, ip: string, port: number): Socket | undefined {
  if (protocol !== 'TCP' && protocol !== 'UDP') return undefined
  const fits = (s: Socket) => s.protocol === protocol && s.port === port && (!s.loopbackOnly || isLoopback(ip))
  if (ns.kind === 'pod') {
    const pod = podOf(cluster, ns)
    return pod ? podSockets(cluster, pod).find(fits) : undefined
  }
  if (ns.kind === 'node') {
    // the root namespace: the node's daemons and hostNetwork pods, each socket at the address it bound
    const l = nodeListeners(cluster, ns.name).find((x) => x.protocol === protocol && x.port === port && bindAccepts(x.addr, ip))
    if (!l) return undefined
    const process = l.pod ? l.container ?? l.comm : l.comm === 'kube-controller' ? 'kube-controller-manager' : l.comm
    return { protocol: l.protocol, port: l.port, process, ...(l.addr === '127.0.0.1' ? { loopbackOnly: true } : {}), ...(l.pod ? { pod: l.pod, container: l.container, app: l.app } : {}) }
  }
  return undefined
}
