// The kubelet of every node: runs the pods bound to it. Allocates the pod IP (host-local from the node's
// pod CIDR; the node IP for hostNetwork), pulls images, starts containers, restarts them with back-off,
// reports readiness and writes the pod status; finishes graceful deletion. Records the kubelet's events.

import type { Change } from '../apiserver/store.ts'
import type { Container, Node, Pod } from '../api/types.ts'
import type { Controller } from '../controller/manager.ts'
import type { ControllerContext } from '../controller/context.ts'
import { appFor, type App } from '../images/app.ts'
import { defaultPullPolicy } from '../images/catalogue.ts'
import type { RunEnv } from '../images/command.ts'
import { containerSpecEnv, podEnv, processEnv, readPodFile } from './env.ts'
import { orderedVars, prepareEnvironmentVariables, type ResolvedEnv } from './envvars.ts'
import { ObjectHistory } from './objcache.ts'
import { mountError } from './volumes.ts'
import { HostLocalIPAM } from './ipam.ts'
import { buildStatus, creatingStatus } from './status.ts'
import { exitRecord, MAX_BACKOFF_S, nextWake, shouldRestart, type ContainerRun, type PodRun } from './runtime.ts'
import { probeResult } from './probe.ts'
import { kubeletRunning } from './heartbeat.ts'

const trim = (x: string) => x.replace(/\.?0+$/, '')
/** Go's time.Duration text at millisecond precision: `523ms`, `6.138s`, `1m2.5s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`
  if (ms < 60_000) return `${trim((ms / 1000).toFixed(3))}s`
  const m = Math.floor(ms / 60_000)
  return `${m}m${trim(((ms % 60_000) / 1000).toFixed(3))}s`
}

const BUSYBOX_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const BUSYBOX_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** `date` in a container (UTC): `Thu Jan  1 00:00:00 UTC 2026` */
export function shellDate(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${BUSYBOX_DAYS[d.getUTCDay()]} ${BUSYBOX_MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
}

export function runEnvFor(ctx: Pick<ControllerContext, 'store'>, pod: Pod, c: Container, startedAt: number): RunEnv {
  return {
    env: podEnv(ctx.store, pod, c),
    readFile: (p) => readPodFile(ctx.store, pod, c, p),
    hostname: pod.spec.hostname ?? pod.metadata.name,
    date: (off) => shellDate(startedAt + off * 1000),
  }
}

/** A container's runtime-spec env (containerSpecEnv of the resolved variables), built once, when first asked for. */
function specEnvGetter(pod: Pod, c: Container, vars: ResolvedEnv): () => [string, string][] {
  let env: [string, string][] | undefined
  return () => (env ??= containerSpecEnv(pod, c, orderedVars(vars)))
}

export class Kubelet implements Controller {
  readonly name = 'kubelet'
  private readonly runs = new Map<string, PodRun>()
  private readonly ipam = new Map<string, HostLocalIPAM>()
  /** images present on each node (canonical refs) */
  readonly images = new Map<string, Set<string>>()
  /** the watch-based ConfigMap/Secret cache (volumes are projected from it at each pod sync) */
  readonly history = new ObjectHistory()
  /** MountVolume.SetUp retry back-off per pod uid (ms) */
  private readonly mountBackoff = new Map<string, number>()

  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    if (c.object.kind === 'ConfigMap' || c.object.kind === 'Secret') {
      const m = c.object.metadata
      this.history.record(c.object.kind, m.namespace ?? 'default', m.name, c.type === 'DELETED' ? undefined : c.object, this.ctx.clock.now(), c.old)
      return
    }
    if (c.object.kind !== 'Pod') return
    const p = c.object as Pod
    if (c.type === 'DELETED') { this.forget(p); return }
    if (c.cause.startsWith('kubelet:') && c.type === 'MODIFIED' && !p.metadata.deletionTimestamp) return
    if (p.spec?.nodeName || p.metadata.deletionTimestamp) q.add(`${p.metadata.namespace}/${p.metadata.name}`)
  }

  /** The runtime record of a pod (for logs), if the kubelet runs it. */
  runOf(uid: string | undefined): PodRun | undefined {
    return uid ? this.runs.get(uid) : undefined
  }

  preload(node: string, canonicalImages: string[]): void {
    const s = this.images.get(node) ?? new Set<string>()
    for (const i of canonicalImages) s.add(i)
    this.images.set(node, s)
  }

  private forget(p: Pod): void {
    const run = this.runs.get(p.metadata.uid ?? '')
    if (!run) return
    this.runs.delete(p.metadata.uid!)
    if (!p.spec.hostNetwork && p.spec.nodeName) this.ipam.get(p.spec.nodeName)?.release(run.ip)
  }

  private ipamFor(node: Node): HostLocalIPAM | undefined {
    let a = this.ipam.get(node.metadata.name)
    if (!a && node.spec?.podCIDR) this.ipam.set(node.metadata.name, (a = new HostLocalIPAM(node.spec.podCIDR)))
    return a
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const pod = this.ctx.informer.pod(ns, name)
    if (!pod) return
    if (pod.spec.nodeName && !kubeletRunning(this.ctx.store, pod.spec.nodeName)) return // heartbeat.ts: that kubelet is stopped
    if (pod.metadata.deletionTimestamp) { this.terminate(pod, key); return }
    const nodeName = pod.spec.nodeName
    if (!nodeName) return
    const node = this.ctx.store.get('Node', undefined, nodeName) as Node | undefined
    if (!node) return
    const now = this.ctx.clock.now()
    let run = this.runs.get(pod.metadata.uid ?? '')
    if (!run) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return
      if (this.mountFailed(pod, node, key, now)) return
      const started = this.start(pod, node, now)
      if (!started) return
      run = started
    } else this.step(pod, run, now)
    this.ctx.store.updateStatus('Pod', ns, name, buildStatus(pod, run, now), `kubelet:${nodeName}`, undefined, true)
    const wakes = [...run.containers, ...run.init].map((c) => nextWake(c, now)).filter((x): x is number => x !== undefined)
    if (wakes.length) this.ctx.manager.after(this.name, key, Math.min(...wakes))
  }

  private event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    this.ctx.recorder.record(pod, type, reason, message, { component: 'kubelet', host: pod.spec.nodeName }, fieldPath)
  }

  private start(pod: Pod, node: Node, now: number): PodRun | undefined {
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
    let ip = hostIP
    if (!pod.spec.hostNetwork) {
      const got = this.ipamFor(node)?.allocate()
      if (!got) return undefined
      ip = got
    }
    const run: PodRun = { uid: pod.metadata.uid ?? '', ip, hostIP, startTime: now, containers: [], init: [] }
    this.runs.set(run.uid, run)
    const withIP: Pod = { ...pod, status: { ...(pod.status ?? {}), podIP: ip, hostIP } }
    for (const c of pod.spec.initContainers ?? []) {
      const r = this.launch(withIP, c, now, 'initContainers', undefined)
      r.state = 'terminated'
      r.terminated = { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now, containerID: r.containerID }
      r.exitAt = undefined
      run.init.push(r)
    }
    for (const c of pod.spec.containers ?? []) run.containers.push(this.launch(withIP, c, now, 'containers', undefined))
    this.step(withIP, run, now)
    return run
  }

  /** A volume source is missing: FailedMount, the pod stays ContainerCreating, SetUp is retried with back-off. */
  private mountFailed(pod: Pod, node: Node, key: string, now: number): boolean {
    const err = mountError(this.ctx.store, pod)
    const uid = pod.metadata.uid ?? ''
    if (!err) { this.mountBackoff.delete(uid); return false }
    this.event(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${err.volume}" : ${err.message}`)
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
    this.ctx.store.updateStatus('Pod', pod.metadata.namespace, pod.metadata.name, creatingStatus(pod, hostIP, now), `kubelet:${node.metadata.name}`, undefined, true)
    const wait = this.mountBackoff.get(uid) ?? 500
    this.mountBackoff.set(uid, Math.min(wait * 2, 122_000))
    this.ctx.manager.after(this.name, key, now + wait)
    return true
  }

  private pull(pod: Pod, c: Container, app: App, fieldPath: string): void {
    const node = pod.spec.nodeName ?? ''
    const have = this.images.get(node) ?? new Set<string>()
    this.images.set(node, have)
    const policy = c.imagePullPolicy ?? defaultPullPolicy(c.image ?? '')
    const present = have.has(app.image.canonical)
    if (policy !== 'Always' && present) {
      this.event(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, fieldPath)
      return
    }
    const ms = present ? 300 + this.ctx.rng.int(900) : 2000 + this.ctx.rng.int(14000)
    const d = goDuration(ms)
    this.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, fieldPath)
    this.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${d} (${d} including waiting). Image size: ${app.image.sizeBytes} bytes.`, fieldPath)
    have.add(app.image.canonical)
  }

  private launch(pod: Pod, c: Container, at: number, list: 'containers' | 'initContainers', prev: ContainerRun | undefined): ContainerRun {
    const fieldPath = `spec.${list}{${c.name}}`
    const app = prev?.app ?? appFor(pod, c)
    this.pull(pod, c, app, fieldPath)
    if (app.simulated && !prev) {
      const ports = app.listens.map((p) => `${p.port}/${p.protocol}`).join(', ')
      this.ctx.recorder.record(pod, 'Normal', 'Simulated',
        `kubelab does not know image "${c.image}": it simulates a generic server listening on the declared containerPorts (${ports || 'none declared'})`,
        { component: 'kubelab' }, fieldPath)
    }
    const containerID = `containerd://${this.ctx.rng.string(64, '0123456789abcdef')}`
    const vars = prepareEnvironmentVariables(this.ctx.store, pod, c, containerID)
    if ('error' in vars) {
      this.event(pod, 'Warning', 'Failed', `Error: ${vars.error}`, fieldPath)
      return {
        spec: c, app, containerID: '', restartCount: prev?.restartCount ?? 0, state: 'waiting', startedAt: at,
        restartAt: at + 10_000 + this.ctx.rng.int(5000), backoff: prev?.backoff ?? 0, last: prev?.last, readyAt: Infinity, configError: vars.error,
      }
    }
    this.event(pod, 'Normal', 'Created', `Created container ${c.name}`, fieldPath)
    this.event(pod, 'Normal', 'Started', `Started container ${c.name}`, fieldPath)
    // the runtime spec's env, fixed now (what was resolved now), built when first read
    const envOf = specEnvGetter(pod, c, vars)
    const plan = app.plan?.({ ...runEnvFor(this.ctx, pod, c, at), env: Object.fromEntries(processEnv(envOf())) })
    const r: ContainerRun = {
      spec: c, app, plan,
      containerID,
      restartCount: prev ? prev.restartCount + (prev.configError ? 0 : 1) : 0,
      state: 'running', startedAt: at,
      exitAt: plan && !plan.forever ? at + plan.seconds * 1000 : undefined,
      backoff: prev?.backoff ?? 0, last: prev?.last, readyAt: at,
    }
    Object.defineProperty(r, 'env', { get: envOf, enumerable: true, configurable: true })
    if (list === 'containers') {
      const pr = probeResult(pod, c, app, at)
      r.readyAt = pr.readyAt
      if (pr.failure) {
        r.probeFailure = pr.failure
        this.event(pod, 'Warning', 'Unhealthy', pr.failure, fieldPath)
      }
    }
    return r
  }

  /** Apply every exit and restart due by `now`. */
  private step(pod: Pod, run: PodRun, now: number): void {
    run.containers = run.containers.map((c) => {
      for (let guard = 0; guard < 1000; guard++) {
        if (c.state === 'running' && c.exitAt !== undefined && c.exitAt <= now) {
          const t = exitRecord(c, c.exitAt)
          if (t.finishedAt - t.startedAt >= 2 * MAX_BACKOFF_S * 1000) c.backoff = 0
          if (!shouldRestart(pod, t.exitCode)) {
            c.state = 'terminated'; c.terminated = t; c.exitAt = undefined
            break
          }
          c.last = t
          if (c.backoff === 0) {
            c = this.launch(pod, c.spec, t.finishedAt, 'containers', { ...c, backoff: 10 })
            continue
          }
          c.state = 'waiting'; c.exitAt = undefined
          c.restartAt = t.finishedAt + c.backoff * 1000
          c.backoffShown = c.backoff
          c.backoff = Math.min(c.backoff * 2, MAX_BACKOFF_S)
          this.event(pod, 'Warning', 'BackOff',
            `Back-off restarting failed container ${c.spec.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
            `spec.containers{${c.spec.name}}`)
          continue
        }
        if (c.state === 'waiting' && c.restartAt !== undefined && c.restartAt <= now) {
          c = this.launch(pod, c.spec, c.restartAt, 'containers', { ...c, restartAt: undefined, configError: c.configError })
          continue
        }
        break
      }
      return c
    })
  }

  private terminate(pod: Pod, key: string): void {
    const store = this.ctx.store
    const run = this.runs.get(pod.metadata.uid ?? '')
    const done = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
    if (!run || !pod.spec.nodeName || done) {
      store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { cause: `kubelet:${pod.spec.nodeName ?? ''}` })
      return
    }
    if (!run.killing) {
      run.killing = true
      for (const c of run.containers) if (c.state === 'running') this.event(pod, 'Normal', 'Killing', `Stopping container ${c.spec.name}`, `spec.containers{${c.spec.name}}`)
    }
    const prompt = run.containers.every((c) => c.state !== 'running' || (c.app.exitsOnSigterm && !(c.plan?.ignoresSigterm)))
    const deadline = Date.parse(pod.metadata.deletionTimestamp!)
    if (prompt || this.ctx.clock.now() >= deadline) {
      store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { cause: `kubelet:${pod.spec.nodeName}` })
      return
    }
    this.ctx.manager.after(this.name, key, deadline)
  }
}
