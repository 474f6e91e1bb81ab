// trace(): walks one connection's first packet through the compiled kernel state, namespace by namespace
// (netfilter hooks in kernel order, routing, IPVS, conntrack, links, the external load balancer), delivers
// it to a socket or records why it died, then brings the reply back through conntrack. Never shortcuts:
// a packet reaches a pod only because rules or IPVS sent it there.

import type { Cluster } from '../core/cluster/types.ts'
import type { ClusterNetwork, ExternalLoadBalancer } from '../core/node/network.ts'
import type { ConntrackEntry, Netns, RealServer, TableName, VirtualServer } from '../core/node/types.ts'
import type { DropReason, Hop, HostRef, Packet, Trace, TraceOptions, TraceRequest, Verdict } from './types.ts'
import { traceState, ephemeralPort, type TraceState } from './state.ts'
import { crossLink, ifaceAddr, isLocalAddr, localAddrs, lookupRoute, type RouteResult } from './route.ts'
import { walkHook, type HookResult, type NfMatch } from './netfilter/walk.ts'
import type { HookName, NfCtx } from './netfilter/context.ts'
import { ageConntrack, createEntry, findOrig, settleEntry, type CtOutcome } from './conntrack.ts'
import { ageIpvs, chooseReal, lookupVirtual, recordConnection, vsText } from './ipvs.ts'
import { dropReason, ep, hopWorthy, makeHop, nfHop, whereOf } from './hops.ts'
import { findSocket } from './deliver.ts'
import { serveHttp } from './applog.ts'
import { answerSummary, dnsHop, questionText, serveDns } from './dns.ts'
import type { DnsResponse } from '../core/dns/types.ts'
import { walkReply, type LbNat } from './reply.ts'
import { isLoopback } from './ip.ts'
import { isIngressListener, serveIngress, type IngressRun } from './ingress.ts'

const MAX_VISITS = 32

/** the cluster's network (createCluster wires `cluster.network`) */
export function networkOf(cluster: Cluster, opts?: TraceOptions): ClusterNetwork {
  const net = opts?.network ?? (cluster as Cluster & { network?: ClusterNetwork }).network
  if (!net) throw new Error('trace: this cluster has no network')
  return net
}

export function netnsOf(net: ClusterNetwork, ref: HostRef): Netns | undefined {
  return ref.kind === 'pod' ? net.netns(`${ref.namespace}/${ref.name}`) : net.netns(ref.name)
}

/** age conntrack and IPVS connections to the cluster's virtual time (call before rendering them) */
export function ageKernelState(cluster: Cluster, opts?: TraceOptions): void {
  const net = networkOf(cluster, opts)
  const state = traceState(cluster, cluster.rng)
  const now = cluster.clock.now()
  ageConntrack(net, state, now)
  ageIpvs(net, state, now)
  state.agedAt = now
}

type Step =
  | { kind: 'forward'; dev: string; nexthop: string }
  | { kind: 'deliver' }
  | { kind: 'stop'; verdict: Verdict; reason?: DropReason }

interface PendingIpvs { ns: Netns; vs: VirtualServer; real: RealServer; orig: Packet }

export function trace(cluster: Cluster, request: TraceRequest, opts: TraceOptions = {}): Trace {
  return new Run(cluster, networkOf(cluster, opts), request, opts).go()
}

class Run {
  readonly state: TraceState
  readonly now: number
  readonly hops: Hop[] = []
  readonly counter = { rules: 0 }
  ipvsLookups = 0
  readonly created: ConntrackEntry[] = []
  readonly pendingIpvs: PendingIpvs[] = []
  readonly bytes: number
  lb?: LbNat
  origin!: Netns
  first!: Packet

  constructor(readonly cluster: Cluster, readonly net: ClusterNetwork, readonly req: TraceRequest, readonly opts: TraceOptions) {
    this.state = traceState(cluster, cluster.rng)
    this.now = cluster.clock.now()
    if (this.state.agedAt !== this.now) {
      ageConntrack(net, this.state, this.now)
      ageIpvs(net, this.state, this.now)
      this.state.agedAt = this.now
    }
    this.bytes = opts.bytes ?? (req.protocol === 'ICMP' ? 84 : 60)
  }

  get c() { return { rules: this.counter.rules, ipvs: this.ipvsLookups } }

  go(): Trace {
    const origin = netnsOf(this.net, this.req.from)
    if (!origin) throw new Error(`trace: no network namespace for ${JSON.stringify(this.req.from)}`)
    this.origin = origin
    const rt = lookupRoute(origin, this.req.to)
    const icmp = this.req.protocol === 'ICMP'
    const sport = this.req.sport ?? (icmp ? 1 + this.state.ports.int(65535) : ephemeralPort(this.state))
    const src = rt.kind === 'local' ? (isLoopback(this.req.to) ? '127.0.0.1' : this.req.to) : rt.kind === 'unicast' ? rt.src ?? '0.0.0.0' : '0.0.0.0'
    const pkt: Packet = { protocol: this.req.protocol, src, sport, dst: this.req.to, dport: icmp ? 0 : this.req.port ?? 0, mark: 0 }
    this.first = { ...pkt }
    if (rt.kind === 'unreachable') {
      this.hop('route', origin, pkt, pkt, `${rt.text}: connect() fails with "Network is unreachable"`)
      return this.finish('dropped', 'no-route')
    }
    const q = this.req.dns
    const what = icmp ? 'ICMP echo request' : this.req.protocol === 'TCP' ? 'TCP SYN' : q ? `DNS query ${questionText(q.question)} (id ${q.id}) in a UDP datagram` : `${this.req.protocol} datagram`
    this.hop('send', origin, pkt, pkt, `${what} ${ep(pkt.src, pkt.sport)} -> ${ep(pkt.dst, pkt.dport)} leaves ${origin.name}`, undefined, q ? { dns: dnsHop(q) } : {})

    let cur = origin
    let inIf: string | undefined
    for (let visit = 0; visit < MAX_VISITS; visit++) {
      const step = this.visit(cur, pkt, inIf)
      if (step.kind === 'stop') return this.finish(step.verdict, step.reason)
      if (step.kind === 'deliver') return this.deliver(cur, pkt)
      const before = { ...pkt }
      const x = crossLink(this.net, cur, step.dev, step.nexthop)
      if (!x) {
        const lb = this.net.owner(step.nexthop) ? undefined : this.net.loadBalancers().find((l) => l.ip === pkt.dst)
        if (lb) {
          const next = this.loadBalancer(lb, pkt)
          if (!next) return this.finish(this.lost(), 'host-unreachable')
          cur = next.ns
          inIf = next.inIf
          continue
        }
        this.hop('link', cur, before, pkt, `${step.nexthop} is not in the lab: nobody answers for it`, step.dev)
        return this.finish(this.lost(), 'host-unreachable')
      }
      if (x.lost) { // route.ts: the next machine is powered off
        this.hop('link', cur, before, pkt, x.lost, step.dev)
        return this.finish(this.lost(), 'host-unreachable')
      }
      const hop = this.hop('link', cur, before, pkt, x.text, step.dev)
      if (x.outer) hop.text += ` (outer ${x.outer.src} -> ${x.outer.dst})`
      cur = x.to
      inIf = x.inIf
    }
    this.hop('route', cur, pkt, pkt, 'the packet loops between namespaces until its TTL runs out')
    return this.finish('dropped', 'no-route')
  }

  /** what a client sees when its packet vanishes: TCP and ping wait and retry, UDP just gets nothing */
  lost(): Verdict {
    return this.req.protocol === 'TCP' || this.req.protocol === 'ICMP' ? 'timeout' : 'dropped'
  }

  hop(kind: Hop['kind'], ns: Netns, before: Packet, after: Packet, text: string, iface?: string, extra: Partial<Hop> = {}): Hop {
    const h = makeHop(kind, whereOf(ns, iface), before, after, this.c, text, extra)
    this.hops.push(h)
    return h
  }

  ctx(ns: Netns, pkt: Packet, inIf: string | undefined, state: NfCtx['ct']['state']): NfCtx {
    const locals = localAddrs(ns)
    return {
      ns, hook: 'PREROUTING', pkt, inIf, ct: { state, dnat: false, snat: false }, now: this.now, bytes: this.bytes, state: this.state,
      isLocal: (ip) => isLocalAddr(ns, ip, locals), addrOf: (dev) => ifaceAddr(ns, dev), counter: this.counter,
    }
  }

  /** walk one hook, recording hops; the result decides whether the packet goes on */
  walk(ctx: NfCtx, hook: HookName, tables?: TableName[]): HookResult {
    const iface = hook === 'POSTROUTING' || hook === 'OUTPUT' ? ctx.outIf : ctx.inIf
    const r = walkHook(ctx, hook, (m: NfMatch) => {
      if (hopWorthy(m)) this.hops.push(nfHop(m, ctx.ns, iface, this.c, ctx.outIf))
    }, tables)
    if (r.verdict === 'drop' && r.by?.action === 'policy') {
      this.hops.push(makeHop('netfilter', whereOf(ctx.ns, iface), r.by.before, r.by.after, this.c, `${r.by.table} ${r.by.chain} policy DROP: the packet is dropped`, { table: r.by.table, chain: r.by.chain }))
    }
    return r
  }

  stopFor(r: HookResult): Step {
    if (r.verdict === 'reject') {
      const reason = dropReason(r.by)
      return { kind: 'stop', verdict: 'rejected', reason: reason === 'policy' ? undefined : reason }
    }
    return { kind: 'stop', verdict: this.lost(), reason: dropReason(r.by) }
  }

  routeHop(ns: Netns, pkt: Packet, rt: RouteResult): void {
    this.hop('route', ns, pkt, pkt, rt.text, rt.kind === 'unreachable' ? undefined : rt.dev)
  }

  /** one namespace: hooks, routing, IPVS; the packet is forwarded, delivered here, or stops */
  visit(ns: Netns, pkt: Packet, inIf: string | undefined): Step {
    const orig = { ...pkt }
    const known = findOrig(ns, pkt, this.state, this.now)
    const ctx = this.ctx(ns, pkt, inIf, known ? 'ESTABLISHED' : 'NEW')
    if (known) {
      ctx.ct.dnat = known.reply.src !== known.orig.dst || known.reply.sport !== known.orig.dport
      ctx.ct.snat = known.reply.dst !== known.orig.src || known.reply.dport !== known.orig.sport
      this.hop('conntrack', ns, pkt, pkt, `conntrack knows this connection (${known.state ?? known.protocol}): the nat table is skipped, its NAT is replayed`, inIf)
    }
    const replayDnat = () => {
      if (!known || !ctx.ct.dnat) return
      const before = { ...pkt }
      pkt.dst = known.reply.src
      pkt.dport = known.reply.sport
      this.hop('conntrack', ns, before, pkt, `conntrack DNAT ${ep(before.dst, before.dport)} -> ${ep(pkt.dst, pkt.dport)}`, inIf)
    }
    const replaySnat = () => {
      if (!known || !ctx.ct.snat) return
      const before = { ...pkt }
      pkt.src = known.reply.dst
      pkt.sport = known.reply.dport
      this.hop('conntrack', ns, before, pkt, `conntrack SNAT ${ep(before.src, before.sport)} -> ${ep(pkt.src, pkt.sport)}`, ctx.outIf)
    }
    let rt: RouteResult
    if (inIf === undefined) {
      // locally generated: route, OUTPUT, reroute after DNAT, IPVS at LOCAL_OUT, POSTROUTING
      rt = lookupRoute(ns, pkt.dst)
      this.routeHop(ns, pkt, rt)
      if (rt.kind === 'unreachable') return { kind: 'stop', verdict: 'dropped', reason: 'no-route' }
      ctx.outIf = rt.dev
      const out = this.walk(ctx, 'OUTPUT')
      if (out.verdict !== 'accept') return this.stopFor(out)
      replayDnat()
      if (pkt.dst !== orig.dst) {
        rt = lookupRoute(ns, pkt.dst)
        this.routeHop(ns, pkt, rt)
        if (rt.kind === 'unreachable') return { kind: 'stop', verdict: 'dropped', reason: 'no-route' }
        ctx.outIf = rt.dev
      }
      if (rt.kind === 'local') {
        const ipvs = this.ipvs(ns, pkt, ctx.outIf)
        if (ipvs === 'reject') return { kind: 'stop', verdict: 'rejected', reason: 'no-endpoints' }
        if (ipvs === 'none') {
          ctx.inIf = 'lo'
          const input = this.walk(ctx, 'INPUT', ['mangle', 'filter'])
          if (input.verdict !== 'accept') return this.stopFor(input)
          this.confirm(ns, orig, pkt, ctx, !!known)
          return { kind: 'deliver' }
        }
        rt = lookupRoute(ns, pkt.dst)
        this.routeHop(ns, pkt, rt)
        if (rt.kind !== 'unicast') return this.afterIpvsLocal(ns, orig, pkt, ctx, rt, !!known)
        ctx.outIf = rt.dev
      }
    } else {
      // received: PREROUTING, route, INPUT (+ IPVS at LOCAL_IN) or FORWARD, POSTROUTING
      const pre = this.walk(ctx, 'PREROUTING')
      if (pre.verdict !== 'accept') return this.stopFor(pre)
      replayDnat()
      rt = lookupRoute(ns, pkt.dst)
      this.routeHop(ns, pkt, rt)
      if (rt.kind === 'unreachable') return { kind: 'stop', verdict: 'dropped', reason: 'no-route' }
      if (rt.kind === 'local') {
        const input = this.walk(ctx, 'INPUT')
        if (input.verdict !== 'accept') return this.stopFor(input)
        const ipvs = this.ipvs(ns, pkt, inIf)
        if (ipvs === 'reject') return { kind: 'stop', verdict: 'rejected', reason: 'no-endpoints' }
        if (ipvs === 'none') {
          this.confirm(ns, orig, pkt, ctx, !!known)
          return { kind: 'deliver' }
        }
        rt = lookupRoute(ns, pkt.dst)
        this.routeHop(ns, pkt, rt)
        if (rt.kind !== 'unicast') return this.afterIpvsLocal(ns, orig, pkt, ctx, rt, !!known)
        ctx.outIf = rt.dev
        // IPVS sends the rewritten packet through LOCAL_OUT (its connection is already NATed: no nat OUTPUT)
        const out = this.walk(ctx, 'OUTPUT', ['mangle', 'filter'])
        if (out.verdict !== 'accept') return this.stopFor(out)
      } else {
        if (ns.sysctl.get('net.ipv4.ip_forward') === '0') {
          this.hop('route', ns, pkt, pkt, `${ns.name} does not forward packets (net.ipv4.ip_forward = 0)`, inIf)
          return { kind: 'stop', verdict: this.lost(), reason: 'policy' }
        }
        ctx.outIf = rt.dev
        const fwd = this.walk(ctx, 'FORWARD')
        if (fwd.verdict !== 'accept') return this.stopFor(fwd)
      }
    }
    const post = this.walk(ctx, 'POSTROUTING')
    if (post.verdict !== 'accept') return this.stopFor(post)
    replaySnat()
    this.confirm(ns, orig, pkt, ctx, !!known)
    return { kind: 'forward', dev: rt.dev, nexthop: rt.kind === 'unicast' ? rt.nexthop : pkt.dst }
  }

  afterIpvsLocal(ns: Netns, orig: Packet, pkt: Packet, ctx: NfCtx, rt: RouteResult, known: boolean): Step {
    if (rt.kind === 'unreachable') return { kind: 'stop', verdict: 'dropped', reason: 'no-route' }
    this.confirm(ns, orig, pkt, ctx, known)
    return { kind: 'deliver' }
  }

  /** IPVS: a packet to a local address that matches a virtual server is scheduled and rewritten */
  ipvs(ns: Netns, pkt: Packet, iface: string | undefined): 'none' | 'dnat' | 'reject' {
    if (ns.ipvs.services.size === 0 || pkt.protocol === 'ICMP') return 'none'
    this.ipvsLookups++
    const vs = lookupVirtual(ns, pkt)
    if (!vs) return 'none'
    const before = { ...pkt }
    const choice = chooseReal(ns.ipvs, vs, pkt, this.now)
    const service = vsText(vs)
    if (!choice.real) {
      this.hop('ipvs', ns, before, pkt, `IPVS ${service} has no usable real server: ICMP port unreachable goes back`, iface, { ipvs: { service, scheduler: vs.scheduler } })
      return 'reject'
    }
    const real = choice.real
    pkt.dst = real.address
    pkt.dport = real.port
    const n = vs.realServers.length
    const i = vs.realServers.indexOf(real) + 1
    const why = choice.persistent ? `the persistence template of ${before.src} (persistent ${vs.persistentTimeout})` : `scheduler ${vs.scheduler}`
    this.hop('ipvs', ns, before, pkt, `IPVS ${service}: ${why} picked real server ${i} of ${n}, ${real.address}:${real.port} (Masq: DNAT ${ep(before.dst, before.dport)} -> ${ep(pkt.dst, pkt.dport)})`, iface,
      { ipvs: { service, real: `${real.address}:${real.port}`, scheduler: vs.scheduler } })
    this.pendingIpvs.push({ ns, vs, real, orig: before })
    return 'dnat'
  }

  /** conntrack confirms a new connection when its first packet leaves the namespace or is delivered */
  confirm(ns: Netns, orig: Packet, pkt: Packet, ctx: NfCtx, known: boolean): void {
    if (known) return
    const natted = orig.dst !== pkt.dst || orig.dport !== pkt.dport || orig.src !== pkt.src || orig.sport !== pkt.sport
    if (ns.kind !== 'node' && !natted) return
    const e = createEntry(ns, orig, pkt, this.state, this.now)
    this.created.push(e)
    if (natted) {
      this.hop('conntrack', ns, orig, pkt, `conntrack records the connection: replies from ${ep(e.reply.src, e.reply.sport)} to ${ep(e.reply.dst, e.reply.dport)} will be un-NATed`, ctx.outIf ?? ctx.inIf)
    }
  }

  /** the external load balancer forwards to a node's NodePort */
  loadBalancer(lb: ExternalLoadBalancer, pkt: Packet): { ns: Netns; inIf: string } | undefined {
    const before = { ...pkt }
    const where = { host: lb.service, kind: 'loadbalancer' as const }
    const port = lb.ports.find((p) => p.protocol === pkt.protocol && p.port === pkt.dport)
    const target = lb.targets.length ? lb.targets[this.state.choices.int(lb.targets.length)] : undefined
    const ns = target ? this.net.owner(target) : undefined
    if (!port || !target || !ns) {
      this.hops.push(makeHop('loadbalancer', where, before, pkt, this.c, port ? `the load balancer ${lb.ip} of ${lb.service} has no healthy target` : `the load balancer ${lb.ip} of ${lb.service} has no listener on ${pkt.protocol} ${pkt.dport}`))
      return undefined
    }
    pkt.dst = target
    pkt.dport = port.nodePort
    this.lb = { lbIp: lb.ip, lbPort: port.port, nodeIp: target, nodePort: port.nodePort, client: before.src, clientPort: before.sport, service: lb.service }
    this.hops.push(makeHop('loadbalancer', where, before, pkt, this.c, `the load balancer ${lb.ip}:${port.port} (${lb.service}) forwards to node ${ns.name} NodePort ${target}:${port.nodePort}`))
    const held = ns.links.find((l) => l.addrs.some((a) => a.cidr.split('/')[0] === target))
    return { ns, inIf: held?.name ?? 'eth0' }
  }

  /** the packet reached a local address of `ns`: a socket takes it, or the kernel refuses/rejects */
  deliver(ns: Netns, pkt: Packet): Trace {
    const proto = this.req.protocol
    const endpoint = { host: ns.name, kind: (ns.kind === 'pod' ? 'pod' : 'node') as 'pod' | 'node', ip: pkt.dst, port: pkt.dport, ...(ns.kind === 'pod' ? { node: ns.node } : ns.kind === 'node' ? { node: ns.name } : {}) }
    const seen = { ip: pkt.src, port: pkt.sport }
    if (proto === 'ICMP') {
      this.hop('deliver', ns, pkt, pkt, `${ns.name} holds ${pkt.dst}: its kernel answers the echo request`)
      return this.replyAndFinish(ns, pkt, endpoint, seen, undefined)
    }
    const found = ns.kind === 'external' ? undefined : findSocket(this.cluster, ns, proto, pkt.dst, pkt.dport)
    const q = proto === 'UDP' ? this.req.dns : undefined
    // a DNS query needs a DNS server behind the socket: anything else on the port does not answer it
    const dnsReply = found && q ? serveDns(this.cluster, found, pkt.dport, q, seen) : undefined
    const sock = q && !dnsReply ? undefined : found
    if (!sock) {
      if (proto === 'TCP') {
        this.hop('deliver', ns, pkt, pkt, `nothing listens on TCP port ${pkt.dport} in ${ns.name}: the kernel answers with RST (Connection refused)`)
        const back = walkReply(this, ns, pkt, 'reset')
        this.settle(back ? 'reset' : 'unreplied')
        if (!back) return this.result('timeout', 'reply-mismatch')
        return this.result('refused', undefined, endpoint, seen)
      }
      this.hop('deliver', ns, pkt, pkt, `nothing listens on ${proto} port ${pkt.dport} in ${ns.name}: ICMP port unreachable goes back`)
      this.settle('unreplied')
      return this.result('rejected', 'no-listener', endpoint, seen)
    }
    const who = sock.pod ? `${sock.process} in pod ${sock.pod.spec.hostNetwork ? `${sock.pod.metadata.namespace}/${sock.pod.metadata.name} (hostNetwork, on ${ns.name})` : ns.name}` : sock.process
    this.hop('deliver', ns, pkt, pkt, `${who} accepts ${proto} ${ep(pkt.dst, pkt.dport)} from ${ep(seen.ip, seen.port)}${q ? `: DNS query ${questionText(q.question)}` : ''}`, undefined, q ? { dns: dnsHop(q) } : {})
    if (proto === 'TCP' && isIngressListener(sock, pkt.dport)) return this.ingressAndFinish(ns, pkt, endpoint, seen, sock)
    return this.replyAndFinish(ns, pkt, endpoint, seen, sock, dnsReply)
  }

  replyAndFinish(ns: Netns, pkt: Packet, endpoint: Trace['endpoint'], seen: Trace['seenSource'] & object, sock: ReturnType<typeof findSocket>, dns?: DnsResponse): Trace {
    const at = this.hops.length
    const back = walkReply(this, ns, pkt, 'reply')
    if (dns && this.req.dns) {
      // the server answered: its response rides every hop of the reply
      const hop = dnsHop(this.req.dns, dns)
      for (let i = at; i < this.hops.length; i++) if (this.hops[i].kind === 'reply') this.hops[i].dns = hop
      const app = makeHop('app', whereOf(ns), pkt, pkt, this.c, `${sock?.process ?? 'the DNS server'} (plugin ${dns.servedBy}) answers ${questionText(dns.question)}: ${answerSummary(dns)}`, { dns: hop })
      this.hops.splice(at, 0, app)
    }
    if (!back) {
      this.settle('unreplied')
      return this.result(this.lost(), 'reply-mismatch', endpoint, seen)
    }
    let response: Trace['response']
    // a TLS ClientHello to a server that does not speak TLS gets no HTTP answer the client can read
    if (sock && this.req.http && !this.req.tls) {
      const reply = serveHttp(this.cluster, sock, this.req.http, seen, this.now, this.opts.accessLog !== false)
      if (reply) {
        response = { status: reply.status, reason: reply.reason, headers: reply.headers, body: reply.body }
        const app = makeHop('app', whereOf(ns), pkt, pkt, this.c, `${sock.process} answers ${this.req.http.method} ${this.req.http.path}: ${reply.status} ${reply.reason} (it saw the client as ${seen.ip}:${seen.port})`)
        this.hops.splice(at, 0, app)
      }
    }
    this.settle('completed')
    const t = this.result('delivered', undefined, endpoint, seen, response)
    if (dns) t.dns = dns
    return t
  }

  /** the ingress controller's work between accepting the connection and the reply: TLS, routing, the proxied leg */
  ingressAndFinish(ns: Netns, pkt: Packet, endpoint: Trace['endpoint'], seen: Trace['seenSource'] & object, sock: NonNullable<ReturnType<typeof findSocket>>): Trace {
    const at = this.hops.length
    const back = walkReply(this, ns, pkt, 'reply')
    if (!back) {
      this.settle('unreplied')
      return this.result(this.lost(), 'reply-mismatch', endpoint, seen)
    }
    const run: IngressRun = {
      cluster: this.cluster, now: this.now, req: this.req, c: this.c, accessLog: this.opts.accessLog !== false,
      connect: (from, request) => new Run(this.cluster, this.net, { from, ...request }, { ...(this.opts.network ? { network: this.opts.network } : {}), accessLog: this.opts.accessLog }).go(),
    }
    const got = serveIngress(run, ns, pkt, sock, seen)
    this.hops.splice(at, 0, ...got.hops)
    this.settle('completed')
    const t = this.result('delivered', undefined, endpoint, seen, got.response)
    if (got.tls) t.tls = got.tls
    if (got.upstream) t.upstream = got.upstream
    if (got.elapsedMs) t.elapsedMs = got.elapsedMs
    return t
  }

  settle(outcome: CtOutcome): void {
    for (const e of this.created) settleEntry(e, outcome, this.state, this.now)
    for (const p of this.pendingIpvs) recordConnection(p.ns.ipvs, p.vs, p.real, p.orig, this.bytes, outcome, this.state, this.now)
    this.created.length = 0
    this.pendingIpvs.length = 0
  }

  finish(verdict: Verdict, reason?: DropReason): Trace {
    this.settle('unreplied')
    return this.result(verdict, reason)
  }

  result(verdict: Verdict, reason?: DropReason, endpoint?: Trace['endpoint'], seen?: Trace['seenSource'], response?: Trace['response']): Trace {
    const t: Trace = { request: this.req, hops: this.hops, verdict, rulesEvaluated: this.counter.rules, ipvsLookups: this.ipvsLookups }
    if (reason) t.reason = reason
    if (endpoint) t.endpoint = endpoint
    if (seen) t.seenSource = seen
    if (response) t.response = response
    return t
  }
}

export type { Run }
