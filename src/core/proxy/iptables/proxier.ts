// syncProxyRules of kube-proxy's iptables mode: compiles a ProxyState into iptables-restore input (filter and
// nat), with the fixed chains and rules, per-service-port chains, stale-chain deletion (`-X`), large-cluster
// mode and partial syncs (only changed Services' chains are rewritten, as upstream does).

import type { KubeProxyConfig, ProxyState, ServicePortInfo } from '../types.ts'
import { portRules, chainDeclArgs, computeProbability, type Args, type RuleContext } from './rules.ts'
import { contextKey, SharedPortRules, type PortVariant } from './shared.ts'
import { FlatPortRules } from './flat.ts'
import {
  KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './chains.ts'

/** largeClusterEndpointsThreshold */
export const LARGE_CLUSTER_ENDPOINTS = 1000

/** What the node's iptables binary and kernel support (kind nodes: everything). */
export interface IptablesFeatures {
  /** MASQUERADE --random-fully */
  randomFully: boolean
  /** the nfacct match and counters */
  nfacct: boolean
  /** net.netfilter.nf_conntrack_tcp_be_liberal set: no INVALID drop rule */
  tcpBeLiberal: boolean
}

export const DEFAULT_FEATURES: IptablesFeatures = { randomFully: true, nfacct: true, tcpBeLiberal: false }

/** One sync's iptables-restore input, as argument lists (unquoted). */
export interface RestoreData {
  filterChains: string[]
  filterRules: Args[]
  natChains: string[]
  /** the declaration lines of natChains, same order (service ports' are built once and shared) */
  natDecls: Args[]
  natRules: Args[]
  full: boolean
}

function mark(bit: number): string {
  return '0x' + (1 << bit).toString(16)
}

/** Is localhost inside the `--nodeport-addresses` CIDRs (or are they unset)? */
function nodePortsOnLoopback(cidrs: string[]): boolean {
  if (!cidrs.length) return true
  return cidrs.some((c) => c === 'primary' ? false : c.startsWith('127.') || c === '0.0.0.0/0')
}

/** The rules that do not depend on Services, built once per (mark, features) and reused by every sync. */
interface FixedRules {
  natHead: Args[]
  firewall: Args
  forwardInvalid: Args
  forwardMark: Args
  forwardConntrack: Args
  nodePortsLast: Args
  nodePortsLastNoLocalhost: Args
}

const FIXED = new Map<string, FixedRules>()

export class IptablesProxier {
  /** service-port key -> the variant of its rules this node uses */
  private readonly cache = new Map<string, PortVariant>()
  private fixedFor = ''
  private fixed: FixedRules | undefined
  private readonly probs: string[] = ['<bad value>']
  private largeClusterMode = false
  private sortedKeys: string[] | undefined
  /** the variant of each of sortedKeys, same order (a partial sync reads them without a lookup by key) */
  private sortedVariants: (PortVariant | undefined)[] = []
  private knownKeys = 0
  private keysVersion: number | undefined
  /** every port's jumps and filter rules in key order, as of the last sync (for partial syncs) */
  private flat: FlatPortRules | undefined

  /** `shared`: one per cluster, so that nodes share the rule arrays of identical service ports */
  constructor(readonly features: IptablesFeatures = DEFAULT_FEATURES, private readonly shared = new SharedPortRules()) {}

  private fixedRules(m: string): FixedRules {
    if (this.fixed && this.fixedFor === m) return this.fixed
    const f = this.features
    this.fixedFor = m
    // one set per (mark, features) for every proxier: nodes then hand the kernel the very same arrays
    const key = `${m}|${f.randomFully}|${f.nfacct}`
    const known = FIXED.get(key)
    if (known) return (this.fixed = known)
    const last = ['-A', KUBE_SERVICES, '-m', 'comment', '--comment', 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', '-m', 'addrtype', '--dst-type', 'LOCAL']
    this.fixed = {
      natHead: [
        ['-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${m}/${m}`, '-j', 'RETURN'],
        ['-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', m],
        ['-A', KUBE_POSTROUTING, '-m', 'comment', '--comment', 'kubernetes service traffic requiring SNAT', '-j', 'MASQUERADE', ...(f.randomFully ? ['--random-fully'] : [])],
        ['-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', m],
      ],
      firewall: ['-A', KUBE_FIREWALL, '-m', 'comment', '--comment', 'block incoming localnet connections', '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'],
      forwardInvalid: ['-A', KUBE_FORWARD, '-m', 'conntrack', '--ctstate', 'INVALID', ...(f.nfacct ? ['-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts'] : []), '-j', 'DROP'],
      forwardMark: ['-A', KUBE_FORWARD, '-m', 'comment', '--comment', 'kubernetes forwarding rules', '-m', 'mark', '--mark', `${m}/${m}`, '-j', 'ACCEPT'],
      forwardConntrack: ['-A', KUBE_FORWARD, '-m', 'comment', '--comment', 'kubernetes forwarding conntrack rule', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'],
      nodePortsLast: [...last, '-j', KUBE_NODEPORTS],
      nodePortsLastNoLocalhost: [...last, '!', '-d', '127.0.0.0/8', '-j', KUBE_NODEPORTS],
    }
    FIXED.set(key, this.fixed)
    return this.fixed
  }

  private probability = (n: number): string => {
    for (let i = this.probs.length; i <= n; i++) this.probs.push(computeProbability(i))
    return this.probs[n]
  }

  /** Forget everything (a restarted process): the next sync is full and rebuilds every chain. */
  reset(): void {
    for (const v of this.cache.values()) this.shared.release(v)
    this.cache.clear()
    this.sortedVariants = []
    this.sortedKeys = undefined
    this.flat = undefined
  }

  private keys(state: ProxyState, full: boolean): string[] {
    const version = state.portKeysVersion
    if (full || !this.sortedKeys || this.knownKeys !== state.services.size || version === undefined || version !== this.keysVersion) {
      if (!full && this.sortedKeys && version === undefined && this.knownKeys === state.services.size) {
        // no version to go by: a partial sync may have replaced a Service's ports without changing the count
        let same = true
        for (const k of this.sortedKeys) if (!state.services.has(k)) { same = false; break }
        if (same) return this.sortedKeys
      }
      this.sortedKeys = [...state.services.keys()].sort()
      this.knownKeys = state.services.size
      this.keysVersion = version
      this.sortedVariants = this.sortedKeys.map((k) => this.cache.get(k))
    }
    return this.sortedKeys
  }

  /** key i's variant for the current state (shared with other nodes when equal); chains it no longer declares go to `dropped` */
  private rebuild(i: number, key: string, state: ProxyState, ctx: RuleContext, ctxKey: string, dropped: string[]): PortVariant {
    const v = this.sortedVariants[i]
    const svc = state.services.get(key)!
    const eps = state.endpoints.get(key) ?? NO_ENDPOINTS
    const next = this.shared.acquire(key, svc, eps, ctx, ctxKey, () => portRules(svc, eps, ctx))
    if (v && v !== next) {
      const keep = next.rules.chains
      for (const c of v.rules.chains) if (!keep.includes(c)) dropped.push(c)
    }
    if (v) this.shared.release(v)
    this.cache.set(key, next)
    this.sortedVariants[i] = next
    return next
  }

  /** every nat chain the current rules declare */
  private activeChains(): Set<string> {
    const out = new Set<string>()
    for (const v of this.cache.values()) for (const c of v.rules.chains) out.add(c)
    return out
  }

  /** Compile the state; `existingNatChains` (the kernel's nat chains) lets a full sync delete leftovers. */
  sync(state: ProxyState, config: KubeProxyConfig, existingNatChains?: Iterable<string>): RestoreData {
    let total = 0
    for (const eps of state.endpoints.values()) total += eps.length
    const large = total > LARGE_CLUSTER_ENDPOINTS
    const full = state.changedServices === undefined || large !== this.largeClusterMode
    this.largeClusterMode = large
    const changed = state.changedServices
    const localhostNodePorts = nodePortsOnLoopback(config.nodePortAddresses)
    const ctx: RuleContext = {
      nodeIP: state.node.ip, clusterCIDR: state.clusterCIDR, masqueradeAll: config.masqueradeAll,
      localhostNodePortRule: localhostNodePorts && this.features.nfacct, largeClusterMode: large, probability: this.probability,
    }
    const ctxKey = contextKey(ctx)
    const fixed = this.fixedRules(mark(config.masqueradeBit))
    const filterChains = [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL]
    const natChains = [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]
    const natDecls = FIXED_NAT_DECLS.slice()
    const filterRules: Args[] = []
    const natRules: Args[] = fixed.natHead.slice()
    if (localhostNodePorts) {
      filterChains.push(KUBE_FIREWALL)
      filterRules.push(fixed.firewall)
    }
    // chains of rewritten or removed service ports that their new rules no longer declare (every chain name
    // hashes its service port's name, so a chain belongs to one service port: no cluster-wide set is needed)
    const dropped: string[] = []
    const keys = this.keys(state, full)
    const variants = this.sortedVariants
    const flat = this.flat
    if (!full && flat !== undefined && flat.keys === keys) {
      // a partial sync over the same service ports: only the changed Services' ports are visited; every other
      // port's chains stay and its jumps are written again from the flat copy, in the same order
      const rewritten = flat.indexesOf(changed!)
      let sameShape = true
      for (const i of rewritten) {
        const pr = this.rebuild(i, keys[i], state, ctx, ctxKey, dropped).rules
        for (let k = 0; k < pr.chains.length; k++) { natChains.push(pr.chains[k]); natDecls.push(pr.decls[k]) }
        if (sameShape) sameShape = flat.patch(i, variants[i]!)
      }
      if (!sameShape) flat.fill(variants as PortVariant[])
      for (const r of flat.filter) filterRules.push(r)
      flat.writeNat(natRules, rewritten, variants as PortVariant[])
    } else {
      for (let i = 0; i < keys.length; i++) {
        let v = variants[i]
        if (v === undefined || full || changed!.has(v.svcKey)) {
          v = this.rebuild(i, keys[i], state, ctx, ctxKey, dropped)
          const pr = v.rules
          for (let k = 0; k < pr.chains.length; k++) { natChains.push(pr.chains[k]); natDecls.push(pr.decls[k]) }
          for (const r of pr.natRules) natRules.push(r)
        }
        // (a partial sync: an unchanged Service's chains stay; only its jumps are written again)
        const pr = v.rules
        for (const r of pr.filter) filterRules.push(r)
        for (const r of pr.natTop) natRules.push(r)
      }
      this.flat = new FlatPortRules(keys)
      this.flat.fill(variants as PortVariant[])
    }
    // every key visited is in the cache: more entries means service ports that are gone
    if (this.cache.size > keys.length) {
      for (const [k, v] of this.cache) {
        if (state.services.has(k)) continue
        for (const c of v.rules.chains) dropped.push(c)
        this.shared.release(v)
        this.cache.delete(k)
      }
    }
    // Delete chains no longer in use: those dropped above and, on a full sync, the kernel's leftovers.
    const stale = new Set(dropped)
    if (full && existingNatChains) {
      let active: Set<string> | undefined
      for (const c of existingNatChains) {
        if (!isOwnChain(c) || stale.has(c)) continue
        active ??= this.activeChains()
        if (!active.has(c)) stale.add(c)
      }
    }
    for (const c of [...stale].sort()) { natChains.push(c); natDecls.push(chainDeclArgs(c)); natRules.push(['-X', c]) }
    // Finally, tail-call to the nodePorts chain.
    if (!config.nodePortAddresses.length) {
      natRules.push(localhostNodePorts ? fixed.nodePortsLast : fixed.nodePortsLastNoLocalhost)
    } else {
      for (const ip of nodePortIPs(config.nodePortAddresses, state.node.ip, localhostNodePorts)) {
        natRules.push(['-A', KUBE_SERVICES, '-m', 'comment', '--comment', 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', '-d', ip, '-j', KUBE_NODEPORTS])
      }
    }
    if (!this.features.tcpBeLiberal) filterRules.push(fixed.forwardInvalid)
    filterRules.push(fixed.forwardMark, fixed.forwardConntrack)
    return { filterChains, filterRules, natChains, natDecls, natRules, full }
  }
}

const NO_ENDPOINTS: readonly never[] = []

const FIXED_NAT_DECLS: readonly Args[] = [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ].map(chainDeclArgs)

function isOwnChain(c: string): boolean {
  return c.startsWith('KUBE-SVC-') || c.startsWith('KUBE-SVL-') || c.startsWith('KUBE-SEP-') || c.startsWith('KUBE-FW-') || c.startsWith('KUBE-EXT-')
}

/** The node IPs inside the `--nodeport-addresses` CIDRs (the lab's nodes have eth0's IP and loopback). */
function nodePortIPs(cidrs: string[], nodeIP: string, localhost: boolean): string[] {
  const inCidr = (ip: string, cidr: string) => {
    const [net, len] = cidr.split('/')
    const n = (s: string) => s.split('.').reduce((a, p) => a * 256 + Number(p), 0)
    const bits = Number(len ?? 32)
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
    return ((n(ip) & mask) >>> 0) === ((n(net) & mask) >>> 0)
  }
  const out: string[] = []
  if (cidrs.some((c) => c === 'primary' || (c !== 'primary' && inCidr(nodeIP, c)))) out.push(nodeIP)
  if (localhost && cidrs.some((c) => c !== 'primary' && inCidr('127.0.0.1', c))) out.push('127.0.0.1')
  return out
}
