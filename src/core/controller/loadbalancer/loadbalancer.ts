// service-controller (k8s.io/cloud-provider controllers/service) with the lab as the cloud: a LoadBalancer
// Service gets the load-balancer-cleanup finalizer and status.loadBalancer.ingress [{ip, ipMode: VIP}] from the
// pool (spec.loadBalancerIP honoured when it is in the pool and free), with the events the controller records;
// the IP is released when the Service is deleted or stops being a LoadBalancer.

import type { Change } from '../../apiserver/store.ts'
import type { Service } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { deepClone } from '../../util/clone.ts'
import { type AddressPool, DEFAULT_POOLS, firstFree, inPool } from './pool.ts'

export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup'
const COMPONENT = 'service-controller'
const CAUSE = `controller:${COMPONENT}`

/** wantsLoadBalancer: type LoadBalancer handled by the default provider (no spec.loadBalancerClass) */
export function wantsLoadBalancer(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass
}

/** the spec fields whose change makes the controller ensure again (needsUpdate), as a snapshot */
interface Seen { type: string; sourceRanges: string[]; lbIP: string; etp: string; hcnp: number; ports: string; uid: string }

const snapshot = (s: Service): Seen => ({
  type: s.spec.type ?? 'ClusterIP', sourceRanges: s.spec.loadBalancerSourceRanges ?? [], lbIP: s.spec.loadBalancerIP ?? '',
  etp: s.spec.externalTrafficPolicy ?? '', hcnp: s.spec.healthCheckNodePort ?? 0, uid: s.metadata.uid ?? '',
  ports: JSON.stringify([(s.spec.ports ?? []).map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port, p.nodePort ?? 0]), s.spec.sessionAffinity ?? '', s.spec.sessionAffinityConfig ?? null, s.spec.externalIPs ?? []]),
})

const goSlice = (a: string[]) => `[${a.join(' ')}]`

export interface LoadBalancerOptions {
  pool?: AddressPool
}

export class LoadBalancerController implements Controller {
  readonly name = COMPONENT
  /** onChange reads changes of these kinds only */
  readonly watches = ['Service']
  readonly pool: AddressPool
  private readonly seen = new Map<string, Seen>()
  /** keys whose last ensure failed (no free or a taken/foreign IP) -> what it saw then; retried when that changes */
  private readonly failed = new Map<string, string>()

  constructor(private readonly ctx: ControllerContext, opts: LoadBalancerOptions = {}) {
    this.pool = opts.pool ?? DEFAULT_POOLS[ctx.profile.name]
  }

  onChange(c: Change, q: Set<string>): void {
    if (c.object.kind !== 'Service') return
    const key = `${c.object.metadata.namespace}/${c.object.metadata.name}`
    q.add(key)
    for (const k of this.failed.keys()) if (k !== key) q.add(k)
  }

  private event(svc: Service, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.record(svc, type, reason, message, { component: COMPONENT })
  }

  /** ingress IPs held by other Services */
  private usedIPs(except: string): Set<string> {
    const used = new Set<string>()
    for (const s of this.ctx.store.list('Service') as Service[]) {
      if (`${s.metadata.namespace}/${s.metadata.name}` === except) continue
      for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) used.add(i.ip)
    }
    return used
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const store = this.ctx.store
    let svc = store.get('Service', ns, name) as Service | undefined
    if (!svc) { this.seen.delete(key); this.failed.delete(key); return }
    const hasFinalizer = (svc.metadata.finalizers ?? []).includes(LB_FINALIZER)
    const deleting = !!svc.metadata.deletionTimestamp
    const prev = this.seen.get(key)
    const cur = snapshot(svc)
    this.seen.set(key, cur)

    if (prev && prev.uid === cur.uid && prev.type !== cur.type && (prev.type === 'LoadBalancer' || cur.type === 'LoadBalancer')) {
      this.event(svc, 'Normal', 'Type', `${prev.type} -> ${cur.type}`)
    }

    if (hasFinalizer && (deleting || !wantsLoadBalancer(svc))) {
      this.failed.delete(key)
      this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer')
      if (svc.status?.loadBalancer?.ingress?.length) {
        svc = (store.updateStatus('Service', ns, name, { ...svc.status, loadBalancer: {} }, CAUSE) as Service | undefined) ?? svc
      }
      const next = deepClone(svc)
      const rest = (next.metadata.finalizers ?? []).filter((f) => f !== LB_FINALIZER)
      if (rest.length) next.metadata.finalizers = rest
      else delete next.metadata.finalizers
      delete next.metadata.resourceVersion
      svc = store.update(next, { cause: CAUSE, owned: true }) as Service
      this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer')
      // the API server removes an object whose deletion waited only for finalizers
      if (deleting && !svc.metadata.finalizers?.length) store.delete('Service', ns, name, { cause: CAUSE })
      return
    }
    if (!wantsLoadBalancer(svc) || deleting) { this.failed.delete(key); return }

    const ingress = svc.status?.loadBalancer?.ingress ?? []
    const have = ingress.length === 1 ? ingress[0].ip : undefined
    const requested = svc.spec.loadBalancerIP || undefined
    const used = this.usedIPs(key)
    const upToDate = hasFinalizer && have !== undefined && ingress[0].ipMode === 'VIP' && (!requested || requested === have)
    const specChanged = prev !== undefined && prev.uid === cur.uid && JSON.stringify(prev) !== JSON.stringify(cur)
    const attempt = JSON.stringify(cur) + [...used].sort().join(',')
    if (this.failed.has(key) ? this.failed.get(key) === attempt : upToDate && !specChanged) return

    if (prev && prev.uid === cur.uid && prev.type === cur.type) {
      if (goSlice(prev.sourceRanges) !== goSlice(cur.sourceRanges)) this.event(svc, 'Normal', 'LoadBalancerSourceRanges', `${goSlice(prev.sourceRanges)} -> ${goSlice(cur.sourceRanges)}`)
      else if (prev.lbIP !== cur.lbIP) this.event(svc, 'Normal', 'LoadbalancerIP', `${prev.lbIP} -> ${cur.lbIP}`)
      else if (prev.etp !== cur.etp) this.event(svc, 'Normal', 'ExternalTrafficPolicy', `${prev.etp} -> ${cur.etp}`)
      else if (prev.hcnp !== cur.hcnp) this.event(svc, 'Normal', 'HealthCheckNodePort', `${prev.hcnp} -> ${cur.hcnp}`)
    }
    this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer')
    if (!hasFinalizer) {
      const next = deepClone(svc)
      next.metadata.finalizers = [...(next.metadata.finalizers ?? []), LB_FINALIZER]
      delete next.metadata.resourceVersion
      svc = store.update(next, { cause: CAUSE, owned: true }) as Service
    }

    let ip: string | undefined, problem = ''
    if (requested) {
      if (!inPool(this.pool, requested)) problem = `requested IP ${requested} is not in the load balancer address pool ${this.pool.first}-${this.pool.last}`
      else if (used.has(requested)) problem = `requested IP ${requested} is already in use by another load balancer`
      else ip = requested
    } else if (have && inPool(this.pool, have) && !used.has(have)) ip = have
    else {
      ip = firstFree(this.pool, used)
      if (!ip) problem = `no available IP in the load balancer address pool ${this.pool.first}-${this.pool.last}`
    }
    if (!ip) {
      this.failed.set(key, attempt)
      this.event(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${problem}`)
      return
    }
    this.failed.delete(key)
    store.updateStatus('Service', ns, name, { ...(svc.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } }, CAUSE)
    this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer')
  }
}
