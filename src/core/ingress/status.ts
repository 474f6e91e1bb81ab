// The controller's writes to the API: status.loadBalancer.ingress on the Ingresses it serves (status.go
// runningAddresses: the --publish-service Service's address, else the node IP of every ready controller pod;
// written by the elected leader), and the `Sync` / `Scheduled for sync` event each controller pod records.

import type { Change } from '../apiserver/store.ts'
import type { Ingress, LoadBalancerIngress, Node, Service } from '../api/types.ts'
import type { Controller } from '../controller/manager.ts'
import type { ControllerContext } from '../controller/context.ts'
import { ingressControllers, ingressesFor, podReady, type IngressController } from './classes.ts'

export const COMPONENT = 'nginx-ingress-controller'
const KEY = 'sync'

/** statusAddressFromService: what a published Service offers as the Ingress address. */
export function serviceAddresses(svc: Service): LoadBalancerIngress[] {
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ExternalName': return [{ hostname: svc.spec.externalName ?? '' }]
    case 'ClusterIP': return svc.spec.clusterIP && svc.spec.clusterIP !== 'None' ? [{ ip: svc.spec.clusterIP }] : []
    case 'NodePort': return svc.spec.externalIPs?.length ? svc.spec.externalIPs.map((ip) => ({ ip })) : svc.spec.clusterIP ? [{ ip: svc.spec.clusterIP }] : []
    case 'LoadBalancer': {
      const out = (svc.status?.loadBalancer?.ingress ?? []).map((i) => (i.ip ? { ip: i.ip } : { hostname: i.hostname ?? '' }))
      for (const ip of svc.spec.externalIPs ?? []) out.push({ ip })
      return out
    }
  }
  return []
}

/** GetNodeIPOrName: the node's ExternalIP, else its InternalIP. */
function nodeAddress(node: Node | undefined): string | undefined {
  const a = node?.status?.addresses ?? []
  return a.find((x) => x.type === 'ExternalIP')?.address ?? a.find((x) => x.type === 'InternalIP')?.address
}

const sameGroup = (a: IngressController, b: IngressController) =>
  a.pod.metadata.namespace === b.pod.metadata.namespace && a.controllerClass === b.controllerClass && a.ingressClass === b.ingressClass

/** The addresses a controller group publishes, sorted as ingress-nginx sorts them (by IP/hostname). */
export function runningAddresses(ctx: Pick<ControllerContext, 'store'>, leader: IngressController, group: IngressController[]): LoadBalancerIngress[] {
  let out: LoadBalancerIngress[] = []
  if (leader.publishService) {
    const [ns, name] = leader.publishService.split('/')
    const svc = ctx.store.get('Service', ns, name) as Service | undefined
    out = svc ? serviceAddresses(svc) : []
  } else {
    const seen = new Set<string>()
    for (const c of group) {
      if (!podReady(c.pod) || !c.pod.spec.nodeName) continue
      const addr = nodeAddress(ctx.store.get('Node', undefined, c.pod.spec.nodeName) as Node | undefined) ?? c.pod.spec.nodeName
      if (seen.has(addr)) continue
      seen.add(addr)
      out.push(/^[\d.]+$|:/.test(addr) ? { ip: addr } : { hostname: addr })
    }
  }
  return out.sort((a, b) => (a.ip ?? a.hostname ?? '').localeCompare(b.ip ?? b.hostname ?? ''))
}

export class IngressStatusController implements Controller {
  readonly name = COMPONENT
  /** `podUid/ingressUid/generation` already announced with a Sync event */
  private readonly synced = new Set<string>()

  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const k = c.object.kind
    if (k === 'Ingress' || k === 'IngressClass' || k === 'Pod' || k === 'Service' || k === 'Secret' || k === 'Node') q.add(KEY)
  }

  reconcile(): void {
    const ctrls = ingressControllers(this.ctx.store)
    const done = new Set<IngressController>()
    for (const c of ctrls) {
      if (done.has(c)) continue
      const group = ctrls.filter((x) => sameGroup(x, c))
      for (const g of group) done.add(g)
      const ready = group.filter((g) => podReady(g.pod))
      if (!ready.length) continue
      const ings = ingressesFor(this.ctx.store, ready[0])
      for (const g of ready) for (const ing of ings) this.announce(g, ing)
      const addrs = runningAddresses(this.ctx, ready[0], group)
      for (const ing of ings) this.publish(ing, addrs)
    }
  }

  private announce(c: IngressController, ing: Ingress): void {
    const id = `${c.pod.metadata.uid}/${ing.metadata.uid}/${ing.metadata.generation ?? 1}`
    if (this.synced.has(id)) return
    this.synced.add(id)
    this.ctx.recorder.record(ing, 'Normal', 'Sync', 'Scheduled for sync', { component: COMPONENT })
  }

  private publish(ing: Ingress, addrs: LoadBalancerIngress[]): void {
    const cur = ing.status?.loadBalancer?.ingress ?? []
    if (JSON.stringify(cur) === JSON.stringify(addrs)) return
    const status = { ...(ing.status ?? {}), loadBalancer: addrs.length ? { ingress: addrs } : {} }
    this.ctx.store.updateStatus('Ingress', ing.metadata.namespace, ing.metadata.name, status, `controller:${COMPONENT}`)
  }
}
