// Container logs for `kubectl logs`: the start-up lines each image prints (nginx's docker-entrypoint lines
// and notices, httpd's AH00558/AH00489, whoami, http-echo, CoreDNS), a shell command's output (loops grow
// with virtual time), plus lines appended by traffic (access logs).

import type { Pod } from '../api/types.ts'
import type { Cluster } from '../cluster/types.ts'
import { runtimeOf } from '../cluster/runtime.ts'
import { runEnvFor } from '../kubelet/kubelet.ts'
import type { ContainerRun } from '../kubelet/runtime.ts'
import { fnv32a } from '../controller/hash.ts'
import { nginxVersion } from './app.ts'
import { HTTPD_VERSION } from './catalogue.ts'
import { flanneldLines, isFlanneld } from '../cluster/bootstrap-flannel-log.ts'

const p2 = (n: number) => String(n).padStart(2, '0')
/** `2026/01/01 00:00:00` (Go log / nginx error log time) */
export function logTime(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`
}
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
function apacheTime(ms: number, micros: number): string {
  const d = new Date(ms)
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(micros).padStart(6, '0')} ${d.getUTCFullYear()}`
}

function startupLines(cluster: Cluster, pod: Pod, c: ContainerRun, until: number): string[] {
  const t = c.startedAt
  const img = c.app.image
  switch (img.kind) {
    case 'nginx': {
      const v = nginxVersion(img)
      const n = `${logTime(t)} [notice] 1#1:`
      const workers = [29, 30, 31, 32].map((pid) => `${n} start worker process ${pid}`)
      const entry = [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ]
      const [maj, min] = v.split('.').map(Number)
      const hasEntry = maj > 1 || min >= 19
      return [
        ...(hasEntry ? entry : []),
        `${n} using the "epoll" event method`, `${n} nginx/${v}`, `${n} built by gcc 12.2.0 (Debian 12.2.0-14) `,
        `${n} OS: Linux 6.8.0-51-generic`, `${n} getrlimit(RLIMIT_NOFILE): 1048576:1048576`, `${n} start worker processes`, ...workers,
      ]
    }
    case 'httpd': {
      const ip = pod.status?.podIP ?? ''
      const ah = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`
      const tid = 140_000_000_000_000 + (fnv32a(pod.metadata.uid ?? '') % 1_000_000_000)
      const us = fnv32a(c.containerID) % 1_000_000
      return [ah, ah,
        `[${apacheTime(t, us)}] [mpm_event:notice] [pid 1:tid ${tid}] AH00489: Apache/${HTTPD_VERSION} (Unix) configured -- resuming normal operations`,
        `[${apacheTime(t, (us + 137) % 1_000_000)}] [core:notice] [pid 1:tid ${tid}] AH00094: Command line: 'httpd -D FOREGROUND'`]
    }
    case 'whoami': return [`${logTime(t)} Starting up on port ${c.app.listens[0]?.port ?? 80}`]
    case 'http-echo': return [`${logTime(t)} [INFO] server is listening on :${c.app.listens[0]?.port ?? 5678}`]
    case 'coredns': return c.plan ? c.plan.output : [
      '.:53', '[INFO] plugin/reload: Running configuration SHA512 = ' + (fnv32a(pod.metadata.uid ?? '').toString(16).padStart(8, '0') + 'c64d3b2e').repeat(8),
      'CoreDNS-1.11.3', 'linux/amd64, go1.21.11, a6338e9',
    ]
    case 'shell': case 'curl': {
      const plan = c.plan ?? c.app.plan?.(runEnvFor({ store: cluster.store }, pod, c.spec, t))
      if (!plan) return []
      const out = [...plan.output]
      if (plan.loop) {
        const end = c.state === 'running' ? until : (c.terminated?.finishedAt ?? until)
        const elapsed = Math.max(0, end - t) / 1000 - plan.seconds
        const iterations = Math.min(10_000, Math.floor(Math.max(0, elapsed) / plan.loop.period) + 1)
        for (let i = 0; i < iterations; i++) out.push(...plan.loop.lines(i))
      }
      return out
    }
    default: return []
  }
}

/**
 * The text `kubectl logs <pod> [-c container] [--previous]` prints, or undefined when the container has not
 * started (the shell prints kubectl's "is waiting to start" error then).
 */
export function podLogs(cluster: Cluster, pod: Pod, container?: string, previous = false): string | undefined {
  const rt = runtimeOf(cluster)
  const run = rt?.kubelet.runOf(pod.metadata.uid)
  if (!rt || !run) return undefined
  const name = container ?? pod.spec.containers[0]?.name
  const c = [...run.containers, ...run.init].find((x) => x.spec.name === name)
  if (!c) return undefined
  const now = cluster.clock.now()
  if (previous) {
    if (!c.last) return undefined
    const prev: ContainerRun = { ...c, startedAt: c.last.startedAt, state: 'terminated', terminated: c.last, containerID: c.last.containerID }
    const lines = [...startupLines(cluster, pod, prev, c.last.finishedAt), ...(rt.logs.get(c.last.containerID) ?? [])]
    return lines.length ? lines.join('\n') + '\n' : ''
  }
  if (c.state === 'waiting' && c.last) {
    const prev: ContainerRun = { ...c, startedAt: c.last.startedAt, state: 'terminated', terminated: c.last, containerID: c.last.containerID }
    const lines = startupLines(cluster, pod, prev, c.last.finishedAt)
    return lines.length ? lines.join('\n') + '\n' : ''
  }
  const flanneld = isFlanneld(c.spec) ? flanneldLines(cluster.store, cluster.network, pod, c.startedAt) : []
  const lines = [...startupLines(cluster, pod, c, now), ...kubeProxyLines(cluster, pod), ...flanneld, ...(rt.logs.get(c.containerID) ?? [])]
  return lines.length ? lines.join('\n') + '\n' : ''
}

/** A kube-proxy pod's process logs what the node's proxy did in its current run (startup, mode, errors). */
function kubeProxyLines(cluster: Cluster, pod: Pod): string[] {
  if (pod.metadata.namespace !== 'kube-system' || pod.metadata.labels?.['k8s-app'] !== 'kube-proxy' || !pod.spec.nodeName) return []
  return cluster.proxy.status(pod.spec.nodeName).log
}

/** Append a line to a running container's log (e.g. an nginx access-log line for a request it served). */
export function appendContainerLog(cluster: Cluster, pod: Pod, container: string, line: string): void {
  const rt = runtimeOf(cluster)
  const c = rt?.kubelet.runOf(pod.metadata.uid)?.containers.find((x) => x.spec.name === container)
  if (!rt || !c) return
  const list = rt.logs.get(c.containerID) ?? []
  list.push(line)
  rt.logs.set(c.containerID, list)
}
