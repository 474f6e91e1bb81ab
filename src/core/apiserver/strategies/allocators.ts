// The API server's Service allocators (ClusterIP and NodePort), one set per Store, rebuilt from the stored
// Services when first needed (as the real repair controllers do after a restart).
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { Store, StrategyContext } from '../store.ts'
import { IPAllocator } from '../ipallocator.ts'
import { PortAllocator } from '../portallocator.ts'

export interface Allocators {
  ip: IPAllocator
  port: PortAllocator
}

const byStore = new WeakMap<Store, Allocators>()

/** ClusterIPs a stored Service holds (not `None`). */
export function heldIPs(spec: any): string[] {
  const list: unknown[] = Array.isArray(spec?.clusterIPs) ? spec.clusterIPs : spec?.clusterIP ? [spec.clusterIP] : []
  return list.filter((ip): ip is string => typeof ip === 'string' && ip !== '' && ip !== 'None')
}

/** NodePorts (and the health-check node port) a stored Service holds. */
export function heldPorts(spec: any): number[] {
  const out = new Set<number>()
  if (Array.isArray(spec?.ports)) for (const p of spec.ports) if (typeof p?.nodePort === 'number' && p.nodePort) out.add(p.nodePort)
  if (typeof spec?.healthCheckNodePort === 'number' && spec.healthCheckNodePort) out.add(spec.healthCheckNodePort)
  return [...out]
}

export function allocatorsFor(ctx: StrategyContext): Allocators {
  let a = byStore.get(ctx.store)
  if (a) return a
  a = {
    ip: new IPAllocator(ctx.settings.serviceCIDR),
    port: new PortAllocator(ctx.settings.nodePortRange.base, ctx.settings.nodePortRange.size),
  }
  for (const svc of ctx.store.list('Service')) {
    for (const ip of heldIPs(svc.spec)) if (!a.ip.check(ip)) a.ip.allocate(ip)
    for (const p of heldPorts(svc.spec)) if (!a.port.check(p)) a.port.allocate(p)
  }
  byStore.set(ctx.store, a)
  return a
}
