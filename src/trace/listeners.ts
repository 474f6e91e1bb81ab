// The listening sockets of a node's root namespace, as the kernel holds them: the node's own daemons at the
// addresses they bind on a kubeadm (or binary) v1.32 node (sshd 22 on 0.0.0.0 and [::]; containerd's CRI stream
// server on 127.0.0.1; kubelet 10250 on *, healthz 10248 on 127.0.0.1; kube-proxy healthz 10256 on *, metrics
// 10249 on 127.0.0.1; on the control plane kube-apiserver 6443, etcd 2379/2380 (+ 127.0.0.1:2379, metrics
// 127.0.0.1:2381), controller-manager 10257 and scheduler 10259 on 127.0.0.1) plus the ports of hostNetwork pods'
// running containers. The trace accepts on them (deliver.ts); `ss` and `netstat` print them.

import type { Pod } from '../core/api/types.ts'
import type { Cluster } from '../core/cluster/types.ts'
import { runtimeOf } from '../core/cluster/runtime.ts'
import { appFor, type App } from '../core/images/app.ts'
import { fnv32a } from '../core/controller/hash.ts'

export interface Listener {
  protocol: 'TCP' | 'UDP'
  /** the bound address as ss prints it: `0.0.0.0`, `[::]`, `*` (dual-stack ::), `127.0.0.1`, a node IP */
  addr: string
  port: number
  /** /proc/PID/comm (15 characters at most): what ss shows */
  comm: string
  /** /proc/PID/cmdline's first word: netstat shows its basename when it is a path */
  cmdline: string
  pid: number
  fd: number
  /** a hostNetwork pod's container behind it */
  pod?: Pod
  container?: string
  app?: App
}

/** a stable, plausible pid for a daemon of a node (boot order ranges, not random per call) */
function pidOf(node: string, what: string, base: number): number {
  return base + (fnv32a(`${node}/${what}`) % 400)
}

const daemon = (node: string, comm: string, cmdline: string, base: number, socks: [string, number, number][]): Listener[] => {
  const pid = pidOf(node, comm, base)
  return socks.map(([addr, port, fd]) => ({ protocol: 'TCP' as const, addr, port, comm, cmdline, pid, fd }))
}

/** the node's own daemons */
export function nodeDaemonListeners(cluster: Cluster, node: string): Listener[] {
  const spec = cluster.profile?.nodes.find((n) => n.name === node)
  const ip = spec?.ip ?? '0.0.0.0'
  const stream = 32768 + (fnv32a(`${node}/containerd-stream`) % 28000)
  const out: Listener[] = [
    ...daemon(node, 'sshd', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 500, [['0.0.0.0', 22, 3], ['[::]', 22, 4]]),
    ...daemon(node, 'containerd', '/usr/bin/containerd', 600, [['127.0.0.1', stream, 11]]),
    ...daemon(node, 'kubelet', '/usr/bin/kubelet', 1000, [['127.0.0.1', 10248, 21], ['*', 10250, 22]]),
    ...daemon(node, 'kube-proxy', '/usr/local/bin/kube-proxy', 2000, [['127.0.0.1', 10249, 10], ['*', 10256, 11]]),
  ]
  if (spec?.controlPlane) {
    out.push(
      ...daemon(node, 'etcd', 'etcd', 1500, [['127.0.0.1', 2379, 9], [ip, 2379, 8], [ip, 2380, 7], ['127.0.0.1', 2381, 14]]),
      ...daemon(node, 'kube-apiserver', 'kube-apiserver', 1600, [['*', 6443, 3]]),
      ...daemon(node, 'kube-controller', 'kube-controller-manager', 1700, [['127.0.0.1', 10257, 3]]),
      ...daemon(node, 'kube-scheduler', 'kube-scheduler', 1800, [['127.0.0.1', 10259, 3]]),
    )
  }
  return out
}

/** the apps of a pod's running containers (the kubelet's record, else the pod spec when it is Running) */
export function podApps(cluster: Cluster, pod: Pod): { container: string; app: App }[] {
  const run = runtimeOf(cluster)?.kubelet.runOf(pod.metadata.uid)
  if (run) return run.containers.filter((c) => c.state === 'running').map((c) => ({ container: c.spec.name, app: c.app }))
  if (pod.status?.phase !== 'Running') return []
  return pod.spec.containers.map((c) => ({ container: c.name, app: appFor(pod, c) }))
}

/** what a container's process binds: ingress-nginx runs nginx (80/443 on v4 and v6) under its controller process */
function containerListeners(node: string, pod: Pod, container: string, app: App): Listener[] {
  const key = `${node}/${pod.metadata.uid ?? pod.metadata.name}/${container}`
  const base = { pod, container, app }
  const argv0 = app.argv[0] ?? container
  const name = argv0.slice(argv0.lastIndexOf('/') + 1)
  if (app.image.kind === 'ingress-nginx') {
    const ctrlPid = pidOf(key, 'controller', 3000)
    const nginxPid = ctrlPid + 20
    const nginx = (addr: string, port: number, fd: number): Listener =>
      ({ protocol: 'TCP', addr, port, comm: 'nginx', cmdline: 'nginx: master process /usr/bin/nginx -c /etc/nginx/nginx.conf', pid: nginxPid, fd, ...base })
    const ctrl = (port: number, fd: number): Listener =>
      ({ protocol: 'TCP', addr: '*', port, comm: 'nginx-ingress-c', cmdline: '/nginx-ingress-controller', pid: ctrlPid, fd, ...base })
    return [nginx('0.0.0.0', 80, 6), nginx('[::]', 80, 7), nginx('0.0.0.0', 443, 8), nginx('[::]', 443, 9),
      nginx('127.0.0.1', 10246, 10), nginx('127.0.0.1', 10247, 11), ctrl(8443, 12), ctrl(10254, 8)]
  }
  const pid = pidOf(key, name, 3000)
  return app.listens.map((l, i) => ({ protocol: l.protocol, addr: '0.0.0.0', port: l.port, comm: name.slice(0, 15), cmdline: argv0, pid, fd: 6 + i, ...base }))
}

/** every listening socket of a node's root namespace: daemons, then hostNetwork pods by name */
export function nodeListeners(cluster: Cluster, node: string): Listener[] {
  const out = nodeDaemonListeners(cluster, node)
  const pods = (cluster.store.list('Pod') as Pod[])
    .filter((p) => p.spec.hostNetwork && p.spec.nodeName === node && !p.metadata.deletionTimestamp)
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))
  for (const p of pods) for (const { container, app } of podApps(cluster, p)) out.push(...containerListeners(node, p, container, app))
  return out
}

/** does a socket bound to `addr` accept a packet to `ip`? (IPv4 packets only; `[::]` sockets are v6-only here) */
export function bindAccepts(addr: string, ip: string): boolean {
  if (addr === '0.0.0.0' || addr === '*') return true
  if (addr === '127.0.0.1') return ip.startsWith('127.')
  return addr === ip
}
