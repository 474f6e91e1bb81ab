// The API server's object store: one door for every change. Create/update/delete run the kind's strategy
// (defaulting, validation, allocation), stamp metadata, bump resourceVersion, record the change with its
// cause and publish it to watchers. Reads return stored objects: callers must not mutate them.

import type { KubeObject } from '../api/types.ts'
import { typeForKind, qualifiedResource, type ResourceType } from '../api/kinds.ts'
import type { Clock } from '../util/clock.ts'
import { rfc3339 } from '../util/clock.ts'
import type { Rng } from '../util/rand.ts'
import { K8S_NAME_ALPHABET } from '../util/rand.ts'
import { StatusError, newAlreadyExists, newConflict, newInvalid, newNotFound, type FieldError } from './errors.ts'
import { deepClone } from '../util/clone.ts'

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface Change {
  type: ChangeType
  object: KubeObject
  old?: KubeObject
  /** who made it: `kubectl`, `editor`, `lesson`, `controller:<name>`, `kubelet:<node>` ... */
  cause: string
  resourceVersion: number
}

export type Watcher = (change: Change) => void

/** Per-kind behaviour, as a registry strategy in k/k pkg/registry. All hooks optional. */
export interface Strategy {
  /** defaulting and allocation on create; may mutate obj; throw StatusError for allocation failures */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[]
  /** runs after validation passed, before the object is stored (allocation that must not leak on invalid input) */
  allocate?(obj: KubeObject, ctx: StrategyContext): void
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[]
  allocateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void
  /** release allocations */
  afterDelete?(obj: KubeObject, ctx: StrategyContext): void
  /** does a change of this object bump metadata.generation (spec changes do) */
  generationChanged?(obj: KubeObject, old: KubeObject): boolean
  /** do objects of this kind carry metadata.generation (default: those with a spec) */
  generation?: boolean
}

export interface StrategyContext {
  store: Store
  rng: Rng
  clock: Clock
  /** cluster-wide settings strategies need (service CIDR, NodePort range ...) */
  settings: ApiServerSettings
}

export interface ApiServerSettings {
  serviceCIDR: string
  nodePortRange: { base: number; size: number }
  /** "v1.32.0" */
  version: string
  clusterDomain: string
}

export interface WriteOptions {
  cause: string
  /** dry run: validate and default, return the result, store nothing */
  dryRun?: boolean
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`
}

export class Store {
  private readonly objects = new Map<string, KubeObject>()
  private readonly byKind = new Map<string, Map<string, KubeObject>>()
  private readonly watchers = new Set<Watcher>()
  private readonly strategies = new Map<string, Strategy>()
  private rv = 1
  /** the change log, newest last (bounded) */
  readonly log: Change[] = []
  logLimit = 5000

  constructor(readonly ctx: Omit<StrategyContext, 'store'>) {}

  get context(): StrategyContext {
    return { ...this.ctx, store: this }
  }

  registerStrategy(kind: string, s: Strategy): void {
    this.strategies.set(kind, s)
  }

  get resourceVersion(): number {
    return this.rv
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(key(kind, this.scopeNs(kind, namespace), name))
  }

  /** Objects of a kind, in one namespace or all, sorted by namespace then name (as the API lists them). */
  list(kind: string, namespace?: string): KubeObject[] {
    const m = this.byKind.get(kind)
    if (!m) return []
    const out: KubeObject[] = []
    for (const o of m.values()) if (namespace === undefined || o.metadata.namespace === namespace) out.push(o)
    out.sort((a, b) => {
      const na = a.metadata.namespace ?? '', nb = b.metadata.namespace ?? ''
      if (na !== nb) return na < nb ? -1 : 1
      return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
    })
    return out
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0
  }

  watch(fn: Watcher): () => void {
    this.watchers.add(fn)
    return () => this.watchers.delete(fn)
  }

  private typeOf(kind: string): ResourceType {
    const t = typeForKind(kind)
    if (!t) throw new StatusError('NotFound', `the server could not find the requested resource (kind ${kind})`)
    return t
  }

  private scopeNs(kind: string, namespace: string | undefined): string | undefined {
    const t = typeForKind(kind)
    if (t && !t.namespaced) return undefined
    return namespace
  }

  create(input: KubeObject, opts: WriteOptions): KubeObject {
    const t = this.typeOf(input.kind)
    const obj = deepClone(input)
    const md = obj.metadata ?? (obj.metadata = { name: '' })
    if (t.namespaced) md.namespace = md.namespace || 'default'
    else delete md.namespace
    if (!md.name && md.generateName) md.name = md.generateName + this.ctx.rng.string(5, K8S_NAME_ALPHABET)
    if (!md.name) {
      throw new StatusError('Invalid', `${t.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
        kind: t.kind, group: t.group, name: '', causes: [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }],
      })
    }
    if (t.namespaced && t.kind !== 'Namespace' && md.namespace && !this.get('Namespace', undefined, md.namespace)) {
      throw new StatusError('NotFound', `namespaces "${md.namespace}" not found`, { name: md.namespace, kind: 'namespaces' })
    }
    if (this.objects.has(key(t.kind, md.namespace, md.name))) throw newAlreadyExists(qualifiedResource(t), md.name)
    const s = this.strategies.get(t.kind)
    const ctx = this.context
    s?.prepareForCreate?.(obj, ctx)
    const errs = s?.validate?.(obj, ctx) ?? []
    if (errs.length) throw newInvalid(t.kind, t.group, md.name, errs)
    if (opts.dryRun) {
      this.stampNew(obj, false)
      return obj
    }
    s?.allocate?.(obj, ctx)
    this.stampNew(obj, true)
    this.put(obj)
    this.publish({ type: 'ADDED', object: obj, cause: opts.cause, resourceVersion: this.rv })
    return obj
  }

  private stampNew(obj: KubeObject, real: boolean): void {
    const md = obj.metadata
    if (real) {
      md.uid = this.uid()
      md.resourceVersion = String(++this.rv)
    }
    md.creationTimestamp = rfc3339(this.ctx.clock.now())
    const tracks = this.strategies.get(obj.kind)?.generation
    if (tracks ?? ('spec' in obj || obj.kind === 'Deployment' || obj.kind === 'ReplicaSet')) md.generation = 1
    else delete md.generation
  }

  /**
   * Replace an object. If `input.metadata.resourceVersion` is set and stale, Conflict (optimistic concurrency).
   * Identity fields (uid, creationTimestamp) are kept from the stored object.
   */
  update(input: KubeObject, opts: WriteOptions): KubeObject {
    const t = this.typeOf(input.kind)
    const ns = t.namespaced ? input.metadata.namespace || 'default' : undefined
    const old = this.get(t.kind, ns, input.metadata.name)
    if (!old) throw newNotFound(qualifiedResource(t), input.metadata.name)
    const obj = deepClone(input)
    const md = obj.metadata
    md.namespace = ns
    if (!t.namespaced) delete md.namespace
    if (md.resourceVersion && md.resourceVersion !== old.metadata.resourceVersion) {
      throw newConflict(qualifiedResource(t), md.name, 'the object has been modified; please apply your changes to the latest version and try again')
    }
    md.uid = old.metadata.uid
    md.creationTimestamp = old.metadata.creationTimestamp
    if (old.metadata.deletionTimestamp) md.deletionTimestamp = old.metadata.deletionTimestamp
    const s = this.strategies.get(t.kind)
    const ctx = this.context
    s?.prepareForUpdate?.(obj, old, ctx)
    const errs = s?.validateUpdate?.(obj, old, ctx) ?? []
    if (errs.length) throw newInvalid(t.kind, t.group, md.name, errs)
    const gen = old.metadata.generation
    if (gen !== undefined) {
      const changed = s?.generationChanged ? s.generationChanged(obj, old) : JSON.stringify(obj.spec) !== JSON.stringify(old.spec)
      md.generation = changed ? gen + 1 : gen
    }
    if (opts.dryRun) return obj
    s?.allocateUpdate?.(obj, old, ctx)
    md.resourceVersion = String(++this.rv)
    this.put(obj)
    this.publish({ type: 'MODIFIED', object: obj, old, cause: opts.cause, resourceVersion: this.rv })
    return obj
  }

  /** Write only `status` (the status subresource; optionally annotations too): no validation, no generation bump. */
  updateStatus(kind: string, namespace: string | undefined, name: string, status: unknown, cause: string, annotations?: Record<string, string>): KubeObject | undefined {
    const old = this.get(kind, namespace, name)
    if (!old) return undefined
    const sameAnn = annotations === undefined || JSON.stringify(old.metadata.annotations ?? {}) === JSON.stringify(annotations)
    if (sameAnn && JSON.stringify(old.status) === JSON.stringify(status)) return old
    const md = { ...old.metadata, resourceVersion: String(++this.rv) }
    // the status subresource of Deployments also carries annotation changes (the revision annotation)
    if (annotations !== undefined) md.annotations = { ...annotations }
    const obj: KubeObject = { ...old, metadata: md, status: deepClone(status) }
    this.put(obj)
    this.publish({ type: 'MODIFIED', object: obj, old, cause, resourceVersion: this.rv })
    return obj
  }

  delete(kind: string, namespace: string | undefined, name: string, opts: WriteOptions): KubeObject {
    const t = this.typeOf(kind)
    const ns = this.scopeNs(kind, t.namespaced ? namespace || 'default' : undefined)
    const k = key(t.kind, ns, name)
    const old = this.objects.get(k)
    if (!old) throw newNotFound(qualifiedResource(t), name)
    if (opts.dryRun) return old
    this.objects.delete(k)
    this.byKind.get(t.kind)?.delete(k)
    this.strategies.get(t.kind)?.afterDelete?.(old, this.context)
    ++this.rv
    this.publish({ type: 'DELETED', object: old, cause: opts.cause, resourceVersion: this.rv })
    return old
  }

  /**
   * The pods/binding subresource (what the scheduler writes): set spec.nodeName of an unbound pod, plus an
   * optional status (the PodScheduled condition). No validation: binding is not a spec update.
   */
  bind(namespace: string, name: string, nodeName: string, cause: string, status?: unknown): KubeObject | undefined {
    const old = this.get('Pod', namespace, name)
    if (!old || (old.spec as { nodeName?: string } | undefined)?.nodeName) return undefined
    const obj: KubeObject = {
      ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) },
      spec: { ...(old.spec as object), nodeName },
      ...(status === undefined ? {} : { status: deepClone(status) }),
    }
    this.put(obj)
    this.publish({ type: 'MODIFIED', object: obj, old, cause, resourceVersion: this.rv })
    return obj
  }

  /**
   * Graceful deletion's first step (DELETE with a grace period): stamp metadata.deletionTimestamp and
   * deletionGracePeriodSeconds; the object stays until its kubelet (or whoever) calls delete().
   */
  markForDeletion(kind: string, namespace: string | undefined, name: string, gracePeriodSeconds: number, cause: string): KubeObject | undefined {
    const old = this.get(kind, namespace, name)
    if (!old || old.metadata.deletionTimestamp) return old
    const obj: KubeObject = {
      ...old,
      metadata: {
        ...old.metadata, resourceVersion: String(++this.rv),
        deletionTimestamp: rfc3339(this.ctx.clock.now() + gracePeriodSeconds * 1000), deletionGracePeriodSeconds: gracePeriodSeconds,
      },
    }
    this.put(obj)
    this.publish({ type: 'MODIFIED', object: obj, old, cause, resourceVersion: this.rv })
    return obj
  }

  private put(obj: KubeObject): void {
    const k = key(obj.kind, obj.metadata.namespace, obj.metadata.name)
    this.objects.set(k, obj)
    let m = this.byKind.get(obj.kind)
    if (!m) this.byKind.set(obj.kind, (m = new Map()))
    m.set(k, obj)
  }

  private publish(c: Change): void {
    this.log.push(c)
    // trim in batches: splicing the head on every change costs O(limit) per write
    if (this.log.length > this.logLimit + 1024) this.log.splice(0, this.log.length - this.logLimit)
    for (const w of [...this.watchers]) w(c)
  }

  private uid(): string {
    const hex = '0123456789abcdef'
    const r = this.ctx.rng
    const v4 = r.string(8, hex) + '-' + r.string(4, hex) + '-4' + r.string(3, hex) + '-' + '89ab'[r.int(4)] + r.string(3, hex) + '-' + r.string(12, hex)
    return v4
  }
}
