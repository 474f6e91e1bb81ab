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
import { deepClone, dropUndefined, flat } from '../util/clone.ts'
import { jsonEqual } from '../util/equal.ts'

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
  /**
   * The caller hands the object over: it built it for this call and never reads or changes it again, so the
   * store keeps it instead of a defensive copy (controllers and the event recorder; never user input).
   */
  owned?: boolean
}

type Names = Map<string, KubeObject>

const HEX = '0123456789abcdef', VARIANT = '89ab'
/** a v4 uuid's characters: 0 a random hex digit, 1 the random variant digit, others as they are */
const UID_TEMPLATE = [...'00000000-0000-4000-1000-000000000000'].map((c) => (c === '0' ? 0 : c === '1' ? 1 : c.charCodeAt(0)))
/** scratch space for uid(), reused */
const UID_CODES = UID_TEMPLATE.slice()

const byNamespaceThenName = (a: KubeObject, b: KubeObject): number => {
  const na = a.metadata.namespace ?? '', nb = b.metadata.namespace ?? ''
  if (na !== nb) return na < nb ? -1 : 1
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
}

/**
 * NamespaceLifecycle admission on create: no new content in a Terminating namespace. The name in the message
 * is the object's name, else its generateName, else `Unknown` (admission runs before names are generated).
 */
function admitNamespaceLifecycle(t: ResourceType, md: KubeObject['metadata'], ns: KubeObject | undefined): void {
  if ((ns?.status as { phase?: string } | undefined)?.phase !== 'Terminating') return
  const name = md.name || md.generateName || 'Unknown'
  throw new StatusError('Forbidden', `${qualifiedResource(t)} "${name}" is forbidden: unable to create new content in namespace ${md.namespace} because it is being terminated`, {
    name, kind: t.plural, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${md.namespace} is being terminated`, field: 'metadata.namespace' }],
  })
}

export class Store {
  /** kind -> namespace ('' when cluster-scoped) -> name -> object: lookups hash no composed key */
  private readonly kinds = new Map<string, Map<string, Names>>()
  private readonly counts = new Map<string, number>()
  /** per kind: bumped by every write or delete of an object of that kind (caches of derived data compare it) */
  private readonly writes = new Map<string, number>()
  /** each kind's objects in list order, rebuilt on the first list() after a change of that kind */
  private readonly sorted = new Map<string, KubeObject[]>()
  private readonly watchers = new Set<Watcher>()
  /** the watchers at the last watch()/unwatch (publish iterates a snapshot, as it always did) */
  private watcherList: Watcher[] = []
  private readonly strategies = new Map<string, Strategy>()
  private ctxWithStore: StrategyContext | undefined
  private rv = 1
  /** the change log, newest last (bounded) */
  readonly log: Change[] = []
  logLimit = 5000

  constructor(readonly ctx: Omit<StrategyContext, 'store'>) {}

  get context(): StrategyContext {
    return (this.ctxWithStore ??= { ...this.ctx, store: this })
  }

  registerStrategy(kind: string, s: Strategy): void {
    this.strategies.set(kind, s)
  }

  get resourceVersion(): number {
    return this.rv
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.kinds.get(kind)?.get(this.scopeNs(kind, namespace) ?? '')?.get(name)
  }

  /** Objects of a kind, in one namespace or all, sorted by namespace then name (as the API lists them). */
  list(kind: string, namespace?: string): KubeObject[] {
    const byNs = this.kinds.get(kind)
    if (!byNs) return []
    if (namespace !== undefined) {
      const cached = this.sorted.get(kind)
      if (cached) return cached.filter((o) => o.metadata.namespace === namespace)
      const names = byNs.get(namespace)
      return names ? [...names.values()].sort(byNamespaceThenName) : []
    }
    let all = this.sorted.get(kind)
    if (!all) {
      all = []
      for (const names of byNs.values()) for (const o of names.values()) all.push(o)
      all.sort(byNamespaceThenName)
      this.sorted.set(kind, all)
    }
    return all.slice()
  }

  count(kind: string): number {
    return this.counts.get(kind) ?? 0
  }

  /** A number that changes whenever an object of `kind` is created, replaced or deleted (never otherwise). */
  kindVersion(kind: string): number {
    return this.writes.get(kind) ?? 0
  }

  watch(fn: Watcher): () => void {
    this.watchers.add(fn)
    this.watcherList = [...this.watchers]
    return () => {
      const had = this.watchers.delete(fn)
      this.watcherList = [...this.watchers]
      return had
    }
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
    const obj = opts.owned ? dropUndefined(input) : deepClone(input)
    const md = obj.metadata ?? (obj.metadata = { name: '' })
    if (t.namespaced) md.namespace = md.namespace || 'default'
    else delete md.namespace
    // the object's namespace, looked up once for admission and the existence check
    const inNs = t.namespaced && t.kind !== 'Namespace'
    const nsObj = inNs && md.namespace ? this.kinds.get('Namespace')?.get('')?.get(md.namespace) : undefined
    if (inNs) admitNamespaceLifecycle(t, md, nsObj)
    if (!md.name && md.generateName) md.name = flat(md.generateName + this.ctx.rng.string(5, K8S_NAME_ALPHABET))
    if (!md.name) {
      throw new StatusError('Invalid', `${t.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
        kind: t.kind, group: t.group, name: '', causes: [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }],
      })
    }
    if (inNs && md.namespace && !nsObj) {
      throw new StatusError('NotFound', `namespaces "${md.namespace}" not found`, { name: md.namespace, kind: 'namespaces' })
    }
    if (this.kinds.get(t.kind)?.get(md.namespace ?? '')?.has(md.name)) throw newAlreadyExists(qualifiedResource(t), md.name)
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
    else if ('generation' in md) delete md.generation
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
    const obj = opts.owned ? dropUndefined(input) : deepClone(input)
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
      const changed = s?.generationChanged ? s.generationChanged(obj, old) : !jsonEqual(obj.spec, old.spec)
      md.generation = changed ? gen + 1 : gen
    }
    if (opts.dryRun) return obj
    s?.allocateUpdate?.(obj, old, ctx)
    md.resourceVersion = String(++this.rv)
    this.put(obj)
    this.publish({ type: 'MODIFIED', object: obj, old, cause: opts.cause, resourceVersion: this.rv })
    return obj
  }

  /**
   * Write only `status` (the status subresource; optionally annotations too): no validation, no generation bump.
   * `owned`: the caller built `status` for this call (it may share parts of stored objects, never anything it
   * changes later), so the store keeps it without a copy, as WriteOptions.owned.
   */
  updateStatus(kind: string, namespace: string | undefined, name: string, status: unknown, cause: string, annotations?: Record<string, string>, owned = false): KubeObject | undefined {
    const old = this.get(kind, namespace, name)
    if (!old) return undefined
    const sameAnn = annotations === undefined || jsonEqual(old.metadata.annotations ?? {}, annotations)
    if (sameAnn && jsonEqual(old.status, status)) return old
    const md = { ...old.metadata, resourceVersion: String(++this.rv) }
    // the status subresource of Deployments also carries annotation changes (the revision annotation)
    if (annotations !== undefined) md.annotations = { ...annotations }
    const obj: KubeObject = { ...old, metadata: md, status: owned ? dropUndefined(status) : deepClone(status) }
    this.put(obj)
    this.publish({ type: 'MODIFIED', object: obj, old, cause, resourceVersion: this.rv })
    return obj
  }

  delete(kind: string, namespace: string | undefined, name: string, opts: WriteOptions): KubeObject {
    const t = this.typeOf(kind)
    const ns = this.scopeNs(kind, t.namespaced ? namespace || 'default' : undefined)
    const names = this.kinds.get(t.kind)?.get(ns ?? '')
    const old = names?.get(name)
    if (!names || !old) throw newNotFound(qualifiedResource(t), name)
    if (opts.dryRun) return old
    names.delete(name)
    this.counts.set(t.kind, (this.counts.get(t.kind) ?? 1) - 1)
    this.writes.set(t.kind, (this.writes.get(t.kind) ?? 0) + 1)
    this.sorted.delete(t.kind)
    this.strategies.get(t.kind)?.afterDelete?.(old, this.context)
    ++this.rv
    this.publish({ type: 'DELETED', object: old, cause: opts.cause, resourceVersion: this.rv })
    return old
  }

  /**
   * The pods/binding subresource (what the scheduler writes): set spec.nodeName of an unbound pod, plus an
   * optional status (the PodScheduled condition). No validation: binding is not a spec update.
   */
  bind(namespace: string, name: string, nodeName: string, cause: string, status?: unknown, owned = false): KubeObject | undefined {
    const old = this.get('Pod', namespace, name)
    if (!old || (old.spec as { nodeName?: string } | undefined)?.nodeName) return undefined
    const obj: KubeObject = {
      ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) },
      spec: { ...(old.spec as object), nodeName },
      ...(status === undefined ? {} : { status: owned ? dropUndefined(status) : deepClone(status) }),
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
    const kind = obj.kind, ns = obj.metadata.namespace ?? ''
    let byNs = this.kinds.get(kind)
    if (!byNs) this.kinds.set(kind, (byNs = new Map()))
    let names = byNs.get(ns)
    if (!names) byNs.set(ns, (names = new Map()))
    const size = names.size
    names.set(obj.metadata.name, obj)
    if (names.size !== size) this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1)
    this.writes.set(kind, (this.writes.get(kind) ?? 0) + 1)
    this.sorted.delete(kind)
  }

  private publish(c: Change): void {
    this.log.push(c)
    // trim in batches: splicing the head on every change costs O(limit) per write
    if (this.log.length > this.logLimit + 1024) this.log.splice(0, this.log.length - this.logLimit)
    for (const w of this.watcherList) w(c)
  }

  private uid(): string {
    const r = this.ctx.rng
    // 8-4-4-4-12 hex digits, version 4, variant 89ab; drawn in the order of r.string(8, hex) + '-' + ...
    // (r.string picks each character as r.int(alphabet length) would), built as one flat string
    const codes = UID_CODES
    for (let i = 0; i < codes.length; i++) {
      const t = UID_TEMPLATE[i]
      codes[i] = t === 0 ? HEX.charCodeAt(r.int(16)) : t === 1 ? VARIANT.charCodeAt(r.int(4)) : t
    }
    return String.fromCharCode.apply(null, codes)
  }
}
