// The cluster network controller: plays flannel and the kubelet's CNI calls. It keeps one namespace per node
// (from Node objects: InternalIP, spec.podCIDR), one per networked pod (podIP set, not hostNetwork, not finished)
// and the outside `client`, and implements ClusterNetwork over them. Work is keyed per pod and per node, so a
// change touches only its own namespaces (plus flannel routes on every node when a node comes or goes).

import type { Change } from '../../apiserver/store.ts'
import type { Node, Pod } from '../../api/types.ts'
import type { Controller } from '../../controller/manager.ts'
import type { ControllerContext } from '../../controller/context.ts'
import type { ClusterNetwork, ExternalLoadBalancer } from '../network.ts'
import type { Netns } from '../types.ts'
import type { NetfilterFactory } from '../netns.ts'
import { FLAVORS, clientAddress, type HostFlavor } from './flavor.ts'
import { addAddress, findLink, removeAddress } from '../iproute/links.ts'
import { nodeMachines } from '../../kubelet/heartbeat.ts'
import { attachPodHost, buildExternalNetns, buildNodeNetns, buildPodNetns, detachPodHost, setPeerRoutes, type NodeSpec, type PodAttachment, type PodSpec } from './flannel.ts'

/** the outside host's name */
export const CLIENT_HOST = 'client'

/** a networked pod: its namespace is built on first use (buildPodNetns), the host veth at once */
interface PodNet { ns?: Netns; ip: string; node: string; nodeSpec: NodeSpec; spec: PodSpec; att: PodAttachment }

export interface FlannelNetworkOptions {
  makeNetfilter: NetfilterFactory
  /** the cloud's load balancers (the load-balancer controller), when it exists */
  loadBalancers?: () => ExternalLoadBalancer[]
}

function nodeIP(n: Node): string {
  return n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
}

/** does the pod have a sandbox with its own network namespace */
function networked(p: Pod | undefined): p is Pod {
  return !!p && !!p.spec?.nodeName && !!p.status?.podIP && !p.spec.hostNetwork
    && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed'
}

export class FlannelNetwork implements Controller, ClusterNetwork {
  readonly name = 'flannel'
  private readonly flavor: HostFlavor
  private readonly nodeNs = new Map<string, Netns>()
  private readonly nodeSpecs = new Map<string, NodeSpec>()
  private readonly pods = new Map<string, PodNet>()
  private readonly hosts: Netns[]
  /** ip -> the namespace holding it (a pod's entry until its namespace is built) */
  private readonly owners = new Map<string, Netns | PodNet>()

  constructor(private readonly ctx: ControllerContext, private readonly opts: FlannelNetworkOptions) {
    this.flavor = FLAVORS[ctx.profile.name]
    const client = buildExternalNetns({ name: CLIENT_HOST, ip: clientAddress(ctx.profile) }, this.flavor, opts.makeNetfilter)
    this.hosts = [client]
    this.index(client)
  }

  onChange(c: Change, queue: Set<string>): void {
    const o = c.object
    if (o.kind === 'Pod') {
      const p = o as Pod, old = c.old as Pod | undefined
      if (c.type === 'MODIFIED' && old && old.status?.podIP === p.status?.podIP && old.spec?.nodeName === p.spec?.nodeName
        && old.status?.phase === p.status?.phase) return
      queue.add(`pod/${p.metadata.namespace ?? ''}/${p.metadata.name}`)
    } else if (o.kind === 'Node') {
      const n = o as Node, old = c.old as Node | undefined
      if (c.type === 'MODIFIED' && old && nodeIP(old) === nodeIP(n) && old.spec?.podCIDR === n.spec?.podCIDR) return
      queue.add(`node/${n.metadata.name}`)
    }
  }

  reconcile(key: string): void {
    if (key.startsWith('node/')) this.syncNode(key.slice(5))
    else if (key.startsWith('pod/')) {
      const rest = key.slice(4), i = rest.indexOf('/')
      this.syncPod(rest.slice(0, i), rest.slice(i + 1))
    }
  }

  // ---- address ownership ----

  private index(ns: Netns): void {
    for (const l of ns.links) {
      if (l.name === 'kube-ipvs0' || l.kind === 'loopback') continue
      for (const a of l.addrs) if (!a.cidr.includes(':')) this.owners.set(a.cidr.slice(0, a.cidr.indexOf('/')), ns)
    }
  }

  private unindex(ns: Netns): void {
    for (const [ip, owner] of this.owners) if (owner === ns) this.owners.delete(ip)
  }

  // ---- nodes ----

  private syncNode(name: string): void {
    const node = this.ctx.store.get('Node', undefined, name) as Node | undefined
    const have = this.nodeSpecs.get(name)
    const ip = node ? nodeIP(node) : ''
    const podCIDR = node?.spec?.podCIDR ?? ''
    if (node && ip && have && have.ip === ip && have.podCIDR === podCIDR) return
    if (have) this.dropNode(name)
    if (!node || !ip) { this.refreshPeerRoutes(); return }
    const spec: NodeSpec = { name, ip, podCIDR }
    const ns = buildNodeNetns(spec, this.flavor, this.opts.makeNetfilter)
    this.nodeNs.set(name, ns)
    this.nodeSpecs.set(name, spec)
    this.index(ns)
    this.refreshPeerRoutes()
    // pods that were networked before their node's namespace existed (or moved with it)
    for (const k of this.ctx.informer.podsOnNode(name)) this.ctx.manager.enqueue(this.name, `pod/${k}`)
  }

  private dropNode(name: string): void {
    const ns = this.nodeNs.get(name)
    for (const [k, p] of this.pods) {
      if (p.node !== name) continue
      if (this.owners.get(p.ip) === p) this.owners.delete(p.ip)
      this.pods.delete(k)
    }
    if (ns) this.unindex(ns)
    this.nodeNs.delete(name)
    this.nodeSpecs.delete(name)
  }

  private refreshPeerRoutes(): void {
    const all = [...this.nodeSpecs.values()]
    for (const spec of all) setPeerRoutes(this.nodeNs.get(spec.name)!, spec, all)
  }

  // ---- pods ----

  private syncPod(namespace: string, name: string): void {
    const key = `${namespace}/${name}`
    const pod = this.ctx.informer.pod(namespace, name)
    const have = this.pods.get(key)
    const want = networked(pod) && this.nodeNs.has(pod.spec.nodeName!) ? pod : undefined
    if (want && have && have.ip === want.status!.podIP && have.node === want.spec.nodeName) return
    if (have) {
      const node = this.nodeNs.get(have.node)
      if (node) detachPodHost(node, have.att)
      if (this.owners.get(have.ip) === have) this.owners.delete(have.ip)
      this.pods.delete(key)
    }
    if (!want) return
    const nodeName = want.spec.nodeName!
    const node = this.nodeNs.get(nodeName)!
    const hadBridge = findLink(node, 'cni0') !== undefined
    const spec: PodSpec = { namespace, name, uid: want.metadata.uid ?? '', ip: want.status!.podIP! }
    const nodeSpec = this.nodeSpecs.get(nodeName)!
    const att = attachPodHost(node, nodeSpec, spec)
    const pn: PodNet = { ip: spec.ip, node: nodeName, nodeSpec, spec, att }
    this.pods.set(key, pn)
    this.owners.set(spec.ip, pn)
    if (!hadBridge) this.index(node)
  }

  // ---- ClusterNetwork ----

  netns(name: string): Netns | undefined {
    const n = this.nodeNs.get(name)
    if (n) return n
    const p = this.pods.get(name)
    if (p) return this.podNetns(p)
    const h = this.hosts.find((x) => x.name === name)
    if (h) return h
    const i = name.indexOf('/')
    if (i < 0) return undefined
    // a hostNetwork pod lives in its node's namespace
    const pod = this.ctx.informer.pod(name.slice(0, i), name.slice(i + 1))
    return pod?.spec?.hostNetwork && pod.spec.nodeName ? this.nodeNs.get(pod.spec.nodeName) : undefined
  }

  nodes(): Netns[] {
    const order = this.ctx.profile.nodes.map((n) => n.name)
    const rank = (n: string) => { const i = order.indexOf(n); return i < 0 ? order.length : i }
    return [...this.nodeNs.values()].sort((a, b) => rank(a.name) - rank(b.name))
  }

  outside(): Netns[] {
    return [...this.hosts]
  }

  /**
   * The namespace holding `ip`: an O(1) index kept as this controller builds namespaces (node eth0, cni0,
   * flannel.1, pod eth0, the client). kube-ipvs0 addresses are not owners by contract.
   */
  owner(ip: string): Netns | undefined {
    const o = this.owners.get(ip)
    return o === undefined || 'links' in o ? o : this.podNetns(o)
  }

  /** a pod's namespace, built the first time anything looks at it */
  private podNetns(p: PodNet): Netns {
    return (p.ns ??= buildPodNetns(p.node, p.nodeSpec, p.spec, p.att, this.ctx.profile.podCIDR, this.flavor, this.opts.makeNetfilter))
  }

  /** the node IPs in node order (the targets an external load balancer forwards to) */
  nodeIPs(): string[] {
    return this.nodes().map((ns) => this.nodeSpecs.get(ns.name)!.ip)
  }

  loadBalancers(): ExternalLoadBalancer[] {
    return this.opts.loadBalancers?.() ?? []
  }

  /** a powered-off node's namespace, or a pod's on such a node: its kernel neither sends nor answers */
  down(ns: Netns): boolean {
    const node = ns.kind === 'node' ? ns.name : ns.kind === 'pod' ? ns.node : undefined
    return node !== undefined && nodeMachines(this.ctx.store)?.powered(node) === false
  }

  // ---- addresses added at run time (keepalived's virtual IPs) ----

  /** `ip addr add CIDR dev DEV` on a node: the address (and its ownership) is that node's from now on */
  addNodeAddress(node: string, dev: string, cidr: string, flags?: string[]): boolean {
    const ns = this.nodeNs.get(node)
    if (!ns || !findLink(ns, dev)) return false
    addAddress(ns, dev, { cidr, scope: 'global', ...(flags?.length ? { flags } : {}) })
    this.owners.set(cidr.slice(0, cidr.indexOf('/')), ns)
    return true
  }

  /** `ip addr del CIDR dev DEV` on a node */
  removeNodeAddress(node: string, dev: string, cidr: string): boolean {
    const ns = this.nodeNs.get(node)
    if (!ns || !removeAddress(ns, dev, cidr)) return false
    const ip = cidr.slice(0, cidr.indexOf('/'))
    if (this.owners.get(ip) === ns) this.owners.delete(ip)
    return true
  }
}
