// The Service registry strategy (k/k pkg/registry/core/service/storage: beginCreate/beginUpdate, alloc.go;
// service strategy.go): defaulting, ClusterIP/ClusterIPs normalisation, IP-family fields, ClusterIP and
// NodePort allocation (checked and chosen before validation, reserved when stored), release on delete.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { KubeObject } from '../../api/types.ts'
import type { Strategy, StrategyContext } from '../store.ts'
import { defaultService, externallyAccessible } from '../../api/defaults-service.ts'
import { newInternalError, newInvalid, type FieldError } from '../errors.ts'
import { isHeadless, needsClusterIP, needsHealthCheckNodePort, needsNodePort, validateClusterIPsRelated, validateService, validateServiceUpdate } from '../validation/service.ts'
import { goStringSlice } from '../validation/meta.ts'
import { deepClone } from '../../util/clone.ts'
import { allocatorsFor, heldIPs, heldPorts } from './allocators.ts'

type Obj = Record<string, any>

const specOf = (o: KubeObject): Obj => (o.spec ??= {}) as Obj

function invalid(svc: KubeObject, errs: FieldError[]): never {
  throw newInvalid('Service', '', svc.metadata.name, errs)
}

/** normalizeClusterIPs: keep clusterIP and clusterIPs in sync (create: old undefined). */
function normalizeClusterIPs(spec: Obj, old?: Obj): void {
  if (!old) {
    if (spec.clusterIP && !(Array.isArray(spec.clusterIPs) && spec.clusterIPs.length)) spec.clusterIPs = [spec.clusterIP]
    return
  }
  const oldIPs: string[] = Array.isArray(old.clusterIPs) ? old.clusterIPs : []
  const newIPs = (): string[] => (Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [])
  if (oldIPs.length > 0 && newIPs().length === 0 && (old.clusterIP ?? '') === (spec.clusterIP ?? '')) spec.clusterIPs = oldIPs
  if ((old.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    const same = JSON.stringify(oldIPs) === JSON.stringify(newIPs())
    if (old.clusterIP && !spec.clusterIP) {
      if (same) delete spec.clusterIPs
    } else if (same) {
      spec.clusterIPs = [spec.clusterIP]
    }
  }
}

/** patchAllocatedValues: a resubmitted manifest keeps the values the server allocated. */
function patchAllocatedValues(spec: Obj, old: Obj): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP
    if (!(Array.isArray(spec.clusterIPs) && spec.clusterIPs.length) && Array.isArray(old.clusterIPs) && old.clusterIPs.length) spec.clusterIPs = [...old.clusterIPs]
  }
  if (needsNodePort(old) && needsNodePort(spec) && Array.isArray(spec.ports)) {
    const newUsed = new Set(spec.ports.map((p: Obj) => p?.nodePort).filter(Boolean))
    const used = new Set((old.ports ?? []).map((p: Obj) => p?.nodePort).filter((n: number) => n && newUsed.has(n)))
    const byName = new Map<string, number>()
    for (const p of old.ports ?? []) byName.set(p?.name ?? '', p?.nodePort ?? 0)
    for (const p of spec.ports) {
      if (!p || p.nodePort) continue
      const v = byName.get(p.name ?? '') ?? 0
      if (v && !used.has(v)) p.nodePort = v
    }
  }
  if (needsHealthCheckNodePort(old) && needsHealthCheckNodePort(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = old.healthCheckNodePort
}

/** dropTypeDependentFields: wipe what no longer applies after a type change, if the user left it as it was. */
function dropTypeDependentFields(spec: Obj, old: Obj, svc: KubeObject): void {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (same(old.clusterIPs, spec.clusterIPs)) { delete spec.clusterIP; delete spec.clusterIPs }
    if (same(old.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies
    if (same(old.ipFamilyPolicy, spec.ipFamilyPolicy)) delete spec.ipFamilyPolicy
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    const np = (s: Obj) => (s.ports ?? []).map((p: Obj) => p?.nodePort ?? 0)
    if (same(np(old), np(spec))) for (const p of spec.ports ?? []) if (p) delete p.nodePort
  }
  if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(spec) && old.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort
  if (old.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && old.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts
    if (same(old.loadBalancerClass, spec.loadBalancerClass)) delete spec.loadBalancerClass
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && old.externalTrafficPolicy === spec.externalTrafficPolicy) delete spec.externalTrafficPolicy
  if (spec.type !== 'LoadBalancer' && svc.status && typeof svc.status === 'object') (svc.status as Obj).loadBalancer = {}
}

/** initIPFamilyFields for a single-stack IPv4 cluster. */
function initIPFamilyFields(svc: KubeObject, old?: Obj): void {
  const spec = specOf(svc)
  if (spec.type === 'ExternalName') return
  if (old && needsClusterIP(old)) {
    if (!(Array.isArray(spec.ipFamilies) && spec.ipFamilies.length) && old.ipFamilies) spec.ipFamilies = [...old.ipFamilies]
    if (!spec.ipFamilyPolicy && old.ipFamilyPolicy) spec.ipFamilyPolicy = old.ipFamilyPolicy
  }
  const selectorless = !spec.selector || Object.keys(spec.selector).length === 0
  if (spec.clusterIP === 'None' && selectorless) {
    spec.ipFamilyPolicy ??= 'RequireDualStack'
    if (!(Array.isArray(spec.ipFamilies) && spec.ipFamilies.length)) spec.ipFamilies = ['IPv4']
    return
  }
  const errs: FieldError[] = []
  ;(Array.isArray(spec.ipFamilies) ? spec.ipFamilies : []).forEach((f: string, i: number) => {
    if (f !== 'IPv4') errs.push({ type: 'Invalid', field: `spec.ipFamilies[${i}]`, value: f, detail: 'not configured on this cluster' })
  })
  if (spec.ipFamilyPolicy === 'RequireDualStack') errs.push({ type: 'Invalid', field: 'spec.ipFamilyPolicy', value: spec.ipFamilyPolicy, detail: 'this cluster is not configured for dual-stack services' })
  if (errs.length) invalid(svc, errs)
  spec.ipFamilyPolicy ??= 'SingleStack'
  if (!(Array.isArray(spec.ipFamilies) && spec.ipFamilies.length)) spec.ipFamilies = ['IPv4']
}

/** Choose the ClusterIP (or check the requested one) without reserving it. */
function chooseClusterIP(svc: KubeObject, ctx: StrategyContext): void {
  const spec = specOf(svc)
  if (!needsClusterIP(spec) || isHeadless(spec)) return
  const a = allocatorsFor(ctx)
  const requested: string[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : []
  if (requested.length === 0) {
    const isKubernetes = svc.metadata.name === 'kubernetes' && svc.metadata.namespace === 'default' && !a.ip.check(a.ip.nth(0))
    const ip = isKubernetes ? a.ip.nth(0) : a.ip.pickNext(ctx.rng)
    if (ip === undefined) throw newInternalError('failed to allocate a serviceIP: range is full')
    spec.clusterIP = ip
    spec.clusterIPs = [ip]
    return
  }
  const ip = requested[0]
  const why = a.ip.check(ip)
  if (why) invalid(svc, [{ type: 'Invalid', field: 'spec.clusterIPs', valueText: goStringSlice(requested), detail: `failed to allocate IP ${ip}: ${why}` }])
}

/** initNodePorts (create, or a type change to NodePort/LoadBalancer): requested ports checked, others chosen. */
function initNodePorts(svc: KubeObject, ctx: StrategyContext, held: Set<number>): void {
  const spec = specOf(svc)
  const a = allocatorsFor(ctx)
  const ports: Obj[] = Array.isArray(spec.ports) ? spec.ports : []
  const inOp = new Set<number>()
  const byPort = new Map<number, number>()
  const reserve = (np: number, i: number) => {
    const why = inOp.has(np) ? 'provided port is already allocated' : held.has(np) ? undefined : a.port.check(np)
    if (why) invalid(svc, [{ type: 'Invalid', field: `spec.ports[${i}].nodePort`, value: np, detail: why }])
    inOp.add(np)
  }
  ports.forEach((p, i) => {
    if (!p) return
    const allocated = byPort.get(p.port) ?? 0
    if (allocated === 0) {
      const requested = ports.find((q) => q && q.port === p.port && q.nodePort)?.nodePort ?? 0
      if (requested) {
        reserve(requested, i)
        p.nodePort = requested
        byPort.set(p.port, requested)
      } else {
        const np = a.port.pickNext(ctx.rng, new Set([...inOp, ...held]))
        if (np === undefined) throw newInternalError('failed to allocate a nodePort: range is full')
        inOp.add(np)
        p.nodePort = np
        byPort.set(p.port, np)
      }
    } else if (p.nodePort !== allocated) {
      if (!p.nodePort) p.nodePort = allocated
      else reserve(p.nodePort, i)
    }
  })
  for (const np of inOp) held.add(np)
}

/** updateNodePorts: keep the ports the Service already holds, check new requests, choose the missing. */
function updateNodePorts(svc: KubeObject, old: Obj, ctx: StrategyContext): void {
  const spec = specOf(svc)
  const a = allocatorsFor(ctx)
  const oldHeld = new Set(heldPorts(old))
  const inOp = new Set<number>()
  ;(Array.isArray(spec.ports) ? spec.ports : []).forEach((p: Obj, i: number) => {
    if (!p) return
    if (p.nodePort) {
      if (!oldHeld.has(p.nodePort) && !inOp.has(p.nodePort)) {
        const why = a.port.check(p.nodePort)
        if (why) invalid(svc, [{ type: 'Invalid', field: `spec.ports[${i}].nodePort`, value: p.nodePort, detail: why }])
        inOp.add(p.nodePort)
      }
    } else {
      const np = a.port.pickNext(ctx.rng, inOp)
      if (np === undefined) throw newInternalError('failed to allocate a nodePort: range is full')
      inOp.add(np)
      p.nodePort = np
    }
  })
}

function chooseHealthCheckNodePort(svc: KubeObject, ctx: StrategyContext, held: Set<number>, old?: Obj): void {
  const spec = specOf(svc)
  if (!needsHealthCheckNodePort(spec)) return
  if (old && needsHealthCheckNodePort(old) && spec.healthCheckNodePort === old.healthCheckNodePort) return
  const a = allocatorsFor(ctx)
  if (spec.healthCheckNodePort) {
    const np = spec.healthCheckNodePort
    const why = held.has(np) ? 'provided port is already allocated' : a.port.check(np)
    if (why) throw newInternalError(`failed to allocate requested HealthCheck NodePort ${np}: ${why}`)
  } else {
    const np = a.port.pickNext(ctx.rng, held)
    if (np === undefined) throw newInternalError('failed to allocate a HealthCheck NodePort 0: range is full')
    spec.healthCheckNodePort = np
  }
}

function reserve(svc: KubeObject, ctx: StrategyContext, old?: KubeObject): void {
  const a = allocatorsFor(ctx)
  const oldIPs = new Set(old ? heldIPs(old.spec) : [])
  const oldPorts = new Set(old ? heldPorts(old.spec) : [])
  const newIPs = heldIPs(svc.spec), newPorts = heldPorts(svc.spec)
  for (const ip of newIPs) if (!oldIPs.has(ip) && !a.ip.has(ip)) a.ip.allocate(ip)
  for (const p of newPorts) if (!oldPorts.has(p) && !a.port.has(p)) a.port.allocate(p)
  const keepIPs = new Set(newIPs), keepPorts = new Set(newPorts)
  for (const ip of oldIPs) if (!keepIPs.has(ip)) a.ip.release(ip)
  for (const p of oldPorts) if (!keepPorts.has(p)) a.port.release(p)
}

export const serviceStrategy: Strategy = {
  prepareForCreate(svc, ctx) {
    defaultService(svc)
    const spec = specOf(svc)
    normalizeClusterIPs(spec)
    const pre = validateClusterIPsRelated(svc)
    if (pre.length) invalid(svc, pre)
    initIPFamilyFields(svc)
    chooseClusterIP(svc, ctx)
    const held = new Set<number>()
    if (needsNodePort(spec)) initNodePorts(svc, ctx, held)
    chooseHealthCheckNodePort(svc, ctx, held)
    delete svc.status
    svc.status = { loadBalancer: {} }
  },
  validate: (svc) => validateService(svc),
  allocate: (svc, ctx) => reserve(svc, ctx),
  prepareForUpdate(svc, old, ctx) {
    defaultService(svc)
    const spec = specOf(svc), o = specOf(old)
    svc.status = old.status ? deepClone(old.status) : { loadBalancer: {} }
    patchAllocatedValues(spec, o)
    normalizeClusterIPs(spec, o)
    dropTypeDependentFields(spec, o, svc)
    if (needsClusterIP(spec)) {
      const pre = validateClusterIPsRelated(svc)
      if (pre.length) invalid(svc, pre)
    }
    initIPFamilyFields(svc, o)
    if (o.type === 'ExternalName' && spec.type !== 'ExternalName') chooseClusterIP(svc, ctx)
    const held = new Set<number>()
    if (needsNodePort(spec)) {
      if (needsNodePort(o)) updateNodePorts(svc, o, ctx)
      else initNodePorts(svc, ctx, held)
    }
    for (const p of spec.ports ?? []) if (p?.nodePort) held.add(p.nodePort)
    chooseHealthCheckNodePort(svc, ctx, held, o)
  },
  validateUpdate: (svc, old) => validateServiceUpdate(svc, old),
  allocateUpdate: (svc, old, ctx) => reserve(svc, ctx, old),
  afterDelete(svc, ctx) {
    const a = allocatorsFor(ctx)
    for (const ip of heldIPs(svc.spec)) a.ip.release(ip)
    for (const p of heldPorts(svc.spec)) a.port.release(p)
  },
  generation: false,
}
