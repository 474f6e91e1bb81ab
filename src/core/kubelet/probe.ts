// Readiness probes against what the container actually serves: an httpGet or tcpSocket probe on a port the
// app does not listen on fails (`connect: connection refused`), an HTTP status outside 200-399 fails;
// success makes the container ready after initialDelaySeconds. exec probes are taken as succeeding.

import type { Container, Pod } from '../api/types.ts'
import type { App } from '../images/app.ts'

interface ProbeSpec {
  initialDelaySeconds?: number
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string }
  tcpSocket?: { port: number | string }
}

function resolvePort(c: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port
  if (/^\d+$/.test(port)) return Number(port)
  return c.ports?.find((p) => p.name === port)?.containerPort
}

export function probeResult(pod: Pod, c: Container, app: App, startedAt: number): { readyAt: number; failure?: string } {
  const probe = c.readinessProbe as ProbeSpec | undefined
  if (!probe) return { readyAt: startedAt }
  const delay = (probe.initialDelaySeconds ?? 0) * 1000
  const ip = pod.status?.podIP ?? ''
  if (probe.httpGet) {
    const port = resolvePort(c, probe.httpGet.port)
    const path = probe.httpGet.path ?? '/'
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase()
    if (port === undefined || !app.listens.some((l) => l.port === port && l.protocol === 'TCP')) {
      return { readyAt: Infinity, failure: `Readiness probe failed: Get "${scheme}://${ip}:${port ?? probe.httpGet.port}${path}": dial tcp ${ip}:${port ?? probe.httpGet.port}: connect: connection refused` }
    }
    const reply = app.http(port, { method: 'GET', path, host: `${ip}:${port}`, headers: [['User-Agent', 'kube-probe/1.32'], ['Accept', '*/*']], remoteAddr: `${pod.status?.hostIP ?? ''}:0`, now: startedAt + delay })
    if (reply && (reply.status < 200 || reply.status >= 400)) {
      return { readyAt: Infinity, failure: `Readiness probe failed: HTTP probe failed with statuscode: ${reply.status}` }
    }
    return { readyAt: startedAt + delay }
  }
  if (probe.tcpSocket) {
    const port = resolvePort(c, probe.tcpSocket.port)
    if (port === undefined || !app.listens.some((l) => l.port === port && l.protocol === 'TCP')) {
      return { readyAt: Infinity, failure: `Readiness probe failed: dial tcp ${ip}:${port ?? probe.tcpSocket.port}: connect: connection refused` }
    }
  }
  return { readyAt: startedAt + delay }
}
