// DnsControl.serve: the CoreDNS process in a pod answering a query that reached it. Finds the pod's running
// coredns container, the Corefile as it was when that process started (ConfigMap history in virtual time;
// the `reload` plugin adopts a changed Corefile at its next check, 30 s by default), the server block for the
// port and zone, and runs the plugin chain. Also tracks the SOA serial (Unix time of the last Service,
// EndpointSlice or Namespace change the process saw, as dnsControl.updateModified does).

import type { ConfigMap, KubeObject, Pod } from '../api/types.ts'
import type { Change, Store } from '../apiserver/store.ts'
import type { ClusterProfile } from '../cluster/types.ts'
import type { Clock } from '../util/clock.ts'
import type { ContainerRun, PodRun } from '../kubelet/runtime.ts'
import { fnv32a } from '../controller/hash.ts'
import { DnsServerChain } from './chain.ts'
import { loadCorefile, corefilePath, configSha512 } from './process.ts'
import { reply, withSize } from './message.ts'
import { matchZone } from './names.ts'
import type { ServerConfig } from './plugins.ts'
import { podDnsConfig } from './resolvconf.ts'
import type { DnsControl, DnsQuery, DnsResponse } from './types.ts'

export interface DnsServerDeps {
  store: Store
  clock: Clock
  profile: ClusterProfile
  /** the kubelet's runtime record of a pod */
  runOf(uid: string | undefined): PodRun | undefined
  /** extra container log lines by containerID (kubectl logs shows them) */
  logs: Map<string, string[]>
}

interface Instance {
  containerID: string
  text: string
  servers: DnsServerChain[]
  loadedAt: number
  /** the reload plugin's check period for this process (interval +/- its jitter), or undefined */
  reloadEvery?: number
  /** the last reload check already made */
  checkedAt: number
}

const volKey = (ns: string, name: string) => `${ns}/${name}`

export class CoreDnsServers implements DnsControl {
  /** every ConfigMap's data over time, oldest first: the Corefile a process read at its start */
  private readonly history = new Map<string, { at: number; data: Record<string, string> | undefined }[]>()
  private readonly instances = new Map<string, Instance>()
  private modified = 0

  constructor(private readonly d: DnsServerDeps) {
    for (const cm of d.store.list('ConfigMap') as ConfigMap[]) this.record(cm, false)
    d.store.watch((c) => this.onChange(c))
  }

  private record(o: KubeObject, deleted: boolean): void {
    const k = volKey(o.metadata.namespace ?? '', o.metadata.name)
    const list = this.history.get(k) ?? []
    list.push({ at: this.d.clock.now(), data: deleted ? undefined : { ...((o as ConfigMap).data ?? {}) } })
    if (list.length > 50) list.splice(0, list.length - 50)
    this.history.set(k, list)
  }

  private onChange(c: Change): void {
    const kind = c.object.kind
    if (kind === 'ConfigMap') { this.record(c.object, c.type === 'DELETED'); return }
    if (kind !== 'Service' && kind !== 'EndpointSlice' && kind !== 'Namespace') return
    if (c.type === 'MODIFIED' && c.old) {
      const rel = (o: KubeObject) => JSON.stringify(kind === 'Service' ? (o as unknown as { spec: unknown }).spec
        : kind === 'EndpointSlice' ? [(o as unknown as { endpoints: unknown }).endpoints, (o as unknown as { ports: unknown }).ports] : o.metadata.deletionTimestamp)
      if (rel(c.old) === rel(c.object)) return
    }
    this.modified = this.d.clock.now()
  }

  /** A ConfigMap's data as of time `t` (ms), or undefined when it did not exist then. */
  configMapAt(ns: string, name: string, t: number): Record<string, string> | undefined {
    const list = this.history.get(volKey(ns, name))
    if (!list) return undefined
    let found: Record<string, string> | undefined
    for (const h of list) { if (h.at <= t) found = h.data; else break }
    return found
  }

  /** The Corefile text the container's `-conf` path held at time `t` (through its configMap volume). */
  corefileAt(pod: Pod, c: ContainerRun, t: number): string | undefined {
    const path = corefilePath(c.app.argv)
    for (const m of c.spec.volumeMounts ?? []) {
      const mp = m.mountPath.replace(/\/$/, '')
      if (!(m.subPath ? path === mp : path.startsWith(mp + '/'))) continue
      const vol = (pod.spec.volumes ?? []).find((v) => v.name === m.name) as { configMap?: { name: string; items?: { key: string; path: string }[] } } | undefined
      if (!vol?.configMap) continue
      const data = this.configMapAt(pod.metadata.namespace ?? 'default', vol.configMap.name, t)
      if (!data) continue
      const rel = m.subPath ?? path.slice(mp.length + 1)
      const items = vol.configMap.items
      if (!items) return data[rel]
      const it = items.find((x) => x.path === rel)
      return it ? data[it.key] : undefined
    }
    return undefined
  }

  private start(pod: Pod, c: ContainerRun, text: string, at: number, servers: ServerConfig[]): Instance {
    const podIP = pod.status?.podIP ?? ''
    const p = this.d.profile
    const dnsIPs = new Set([p.clusterDNS, '127.0.0.1', podIP])
    const env = {
      store: this.d.store,
      now: () => this.d.clock.now(),
      serial: () => Math.floor(Math.max(at, this.modified) / 1000),
      pod: { ip: podIP, hostname: pod.spec.hostname ?? pod.metadata.name, resolvServers: podDnsConfig(p, pod).servers },
      isClusterDNS: (ip: string) => dnsIPs.has(ip) || ip.startsWith('127.'),
      inCluster: (ip: string) => inCIDR(ip, p.serviceCIDR) || inCIDR(ip, p.podCIDR),
      log: (line: string) => this.log(c.containerID, line),
      seed: c.containerID,
    }
    const reload = servers.find((s) => s.reload)?.reload
    let reloadEvery: number | undefined
    if (reload) {
      const j = reload.jitterMs
      reloadEvery = reload.intervalMs + (j > 0 ? (fnv32a(c.containerID) % (2 * j)) - j : 0)
    }
    return { containerID: c.containerID, text, servers: servers.map((s) => new DnsServerChain(s, env)), loadedAt: at, reloadEvery, checkedAt: at }
  }

  private log(containerID: string, line: string): void {
    const l = this.d.logs.get(containerID) ?? []
    l.push(line)
    this.d.logs.set(containerID, l)
  }

  /** The running CoreDNS process of a pod's container, as started (and reloaded) up to now. */
  private instance(pod: Pod, c: ContainerRun): Instance | undefined {
    let inst = this.instances.get(c.containerID)
    if (!inst) {
      const text = this.corefileAt(pod, c, c.startedAt) ?? ''
      const loaded = loadCorefile(text, corefilePath(c.app.argv))
      if (!loaded.ok) return undefined
      inst = this.start(pod, c, text, c.startedAt, loaded.value)
      this.instances.set(c.containerID, inst)
    }
    this.reload(pod, c, inst)
    return this.instances.get(c.containerID)
  }

  /** The reload plugin: at each check past the last load, a changed Corefile replaces the servers. */
  private reload(pod: Pod, c: ContainerRun, inst: Instance): void {
    const every = inst.reloadEvery
    if (!every) return
    const now = this.d.clock.now()
    const first = inst.loadedAt + (Math.floor((inst.checkedAt - inst.loadedAt) / every) + 1) * every
    for (let t = first; t <= now; t += every) {
      inst.checkedAt = t
      const text = this.corefileAt(pod, c, t)
      if (text === undefined || text === inst.text) continue
      const file = corefilePath(c.app.argv)
      const loaded = loadCorefile(text, file)
      this.log(c.containerID, '[INFO] Reloading')
      if (!loaded.ok) {
        this.log(c.containerID, `[ERROR] Restart failed: ${loaded.error}`)
        inst.text = text
        continue
      }
      this.log(c.containerID, `[INFO] plugin/reload: Running configuration SHA512 = ${configSha512(text)}`)
      this.log(c.containerID, '[INFO] Reloading complete')
      const next = this.start(pod, c, text, t, loaded.value)
      this.instances.set(c.containerID, next)
      if (next.reloadEvery) this.reload(pod, c, next)
      return
    }
  }

  serve(ref: { namespace: string; name: string }, port: number, query: DnsQuery): DnsResponse | undefined {
    const pod = this.d.store.get('Pod', ref.namespace, ref.name) as Pod | undefined
    const run = this.d.runOf(pod?.metadata.uid)
    const c = run?.containers.find((x) => x.app.image.kind === 'coredns' && x.state === 'running')
    if (!pod || !c) return undefined
    const inst = this.instance(pod, c)
    if (!inst) return undefined
    const onPort = inst.servers.filter((s) => s.cfg.port === port)
    if (!onPort.length) return undefined
    const zone = matchZone(onPort.map((s) => s.cfg.zones[0]), query.question.name)
    const server = onPort.find((s) => s.cfg.zones[0] === zone)
    if (!server) return withSize(reply(query, 'REFUSED', 'server'))
    return server.serve(query)
  }

  /** The running process of a container, for tests and tools (cache size, loaded Corefile). */
  processOf(ref: { namespace: string; name: string }): { text: string; cacheEntries: number } | undefined {
    const pod = this.d.store.get('Pod', ref.namespace, ref.name) as Pod | undefined
    const c = this.d.runOf(pod?.metadata.uid)?.containers.find((x) => x.app.image.kind === 'coredns' && x.state === 'running')
    const inst = pod && c ? this.instance(pod, c) : undefined
    return inst && { text: inst.text, cacheEntries: inst.servers.reduce((n, s) => n + (s.cache?.size ?? 0), 0) }
  }
}

function inCIDR(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/')
  const n = (s: string) => s.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0)
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0
  return ip.split('.').length === 4 && ((n(ip) & mask) >>> 0) === ((n(base) & mask) >>> 0)
}
