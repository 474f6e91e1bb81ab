// The rules of a service port, built once and shared by every node's proxier: most rules are identical on
// every node (policy Cluster), so the first node to sync a changed port builds its argument arrays and the
// others reuse them when their inputs are equal; the kernel model then parses each array once (it interns
// by array identity). Nodes differ only where local endpoints or the node IP change the rules.

import type { EndpointInfo, ServicePortInfo } from '../types.ts'
import { usesLocalEndpoints } from '../serviceport.ts'
import type { PortRules, RuleContext } from './rules.ts'

/** One built variant of a service port's rules and the inputs it was built from. */
export interface PortVariant {
  readonly key: string
  /** `ns/svc` of the service port (what a partial sync's changedServices holds) */
  readonly svcKey: string
  readonly svc: ServicePortInfo
  readonly endpoints: readonly EndpointInfo[]
  readonly ctxKey: string
  readonly nodeIP: string
  readonly rules: PortRules
  refs: number
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** every field of the ServicePortInfo contract */
export function sameServicePort(a: ServicePortInfo, b: ServicePortInfo): boolean {
  return a === b || (a.name === b.name && a.namespace === b.namespace && a.service === b.service && a.portName === b.portName &&
    a.protocol === b.protocol && a.type === b.type && a.clusterIP === b.clusterIP && a.port === b.port &&
    a.nodePort === b.nodePort && a.targetPort === b.targetPort && sameStrings(a.externalIPs, b.externalIPs) &&
    sameStrings(a.loadBalancerIPs, b.loadBalancerIPs) && sameStrings(a.loadBalancerSourceRanges, b.loadBalancerSourceRanges) &&
    a.healthCheckNodePort === b.healthCheckNodePort && a.externalPolicyLocal === b.externalPolicyLocal &&
    a.internalPolicyLocal === b.internalPolicyLocal && a.stickyMaxAgeSeconds === b.stickyMaxAgeSeconds)
}

/** the endpoint fields the rules read; isLocal only when the port uses local endpoints */
function sameEndpoints(a: readonly EndpointInfo[], b: readonly EndpointInfo[], local: boolean): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i]
    if (x === y) continue
    if (x.endpoint !== y.endpoint || x.ip !== y.ip || x.port !== y.port || x.ready !== y.ready || x.serving !== y.serving ||
      x.terminating !== y.terminating || (local && x.isLocal !== y.isLocal)) return false
  }
  return true
}

/** the context fields that change rules (the node IP is compared apart: only source ranges read it) */
export function contextKey(ctx: RuleContext): string {
  return `${ctx.clusterCIDR}|${ctx.masqueradeAll}|${ctx.localhostNodePortRule}|${ctx.largeClusterMode}`
}

/** At most this many variants per service port are kept (nodes beyond it build their own). */
const MAX_VARIANTS = 8

export class SharedPortRules {
  private readonly byKey = new Map<string, PortVariant[]>()

  /** a variant for these inputs, built with `build` when no node built one yet; hold it until release() */
  acquire(key: string, svc: ServicePortInfo, endpoints: readonly EndpointInfo[], ctx: RuleContext, ctxKey: string,
    build: () => PortRules): PortVariant {
    const local = usesLocalEndpoints(svc)
    const byNodeIP = svc.loadBalancerSourceRanges.length > 0
    const list = this.byKey.get(key)
    if (list) {
      for (const v of list) {
        if (v.ctxKey === ctxKey && (!byNodeIP || v.nodeIP === ctx.nodeIP) && sameServicePort(v.svc, svc) &&
          sameEndpoints(v.endpoints, endpoints, local)) {
          v.refs++
          return v
        }
      }
    }
    const v: PortVariant = { key, svcKey: `${svc.namespace}/${svc.service}`, svc, endpoints, ctxKey, nodeIP: ctx.nodeIP, rules: build(), refs: 1 }
    if (!list) this.byKey.set(key, [v])
    else if (list.length < MAX_VARIANTS) list.push(v)
    return v
  }

  release(v: PortVariant): void {
    if (--v.refs > 0) return
    const list = this.byKey.get(v.key)
    if (!list) return
    const i = list.indexOf(v)
    if (i >= 0) list.splice(i, 1)
    if (!list.length) this.byKey.delete(v.key)
  }

  /** service ports with a variant held (tests) */
  get size(): number {
    return this.byKey.size
  }
}
