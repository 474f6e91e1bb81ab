// configMap, secret, projected and downwardAPI volumes as the kubelet writes them (pkg/volume/util's
// AtomicWriter): the payload in a `..2026_01_01_00_00_00.NNNN` directory, `..data` pointing at it and one
// symlink per top-level name into `..data`. A mounted volume is rewritten at the pod's periodic sync
// (syncFrequency 1m; with the Watch change-detection strategy the cache is current, so the delay is at most
// one sync period: the lab syncs each pod every 60 s from its start, without the upstream jitter).
// subPath mounts bind the file resolved at container start and never change.

import type { Container, Pod } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { fnv32a } from '../controller/hash.ts'
import { configMapData, fieldValue, resourceValue, secretData } from './envvars.ts'
import type { ConfigMap, Secret } from '../api/types.ts'

export const SYNC_PERIOD_MS = 60_000

export interface VNode { type: 'dir' | 'file' | 'link'; mode: number; size: number; mtime: number; content?: string; target?: string }

/** One volumeMount of a container: its tree ('' is the mount point itself) or, for a subPath file, that file. */
export interface MountView { name: string; mountPath: string; readOnly: boolean; nodes: Map<string, VNode> }

type KeyToPath = { key: string; path: string; mode?: number }
type Source = { name: string; items?: KeyToPath[]; optional?: boolean; defaultMode?: number }
type DownwardItem = { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { containerName?: string; resource: string; divisor?: string }; mode?: number }
export interface VolumeSpec {
  name: string
  configMap?: Source
  secret?: Source & { secretName?: string }
  projected?: { defaultMode?: number; sources?: { configMap?: Source; secret?: Source; downwardAPI?: { items?: DownwardItem[] }; serviceAccountToken?: unknown }[] }
  downwardAPI?: { items?: DownwardItem[]; defaultMode?: number }
  emptyDir?: { medium?: string }
}

export type Lookup = (kind: 'ConfigMap' | 'Secret', name: string) => Record<string, string> | undefined
type Payload = Map<string, { content: string; mode: number }>

const DEFAULT_MODE = 0o644

function utf8Bytes(s: string): number {
  let n = 0
  for (const ch of s) { const c = ch.codePointAt(0)!; n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4 }
  return n
}

/** The projection of one key source; an error text as MountVolume.SetUp reports it. */
function keyed(kind: 'ConfigMap' | 'Secret', src: Source, lookup: Lookup, defaultMode: number, out: Payload): string | undefined {
  const data = lookup(kind, src.name)
  if (!data) return src.optional ? undefined : `${kind === 'ConfigMap' ? 'configmap' : 'secret'} "${src.name}" not found`
  const mode = src.defaultMode ?? defaultMode
  if (!src.items?.length) { for (const [k, v] of Object.entries(data)) out.set(k, { content: v, mode }); return undefined }
  for (const it of src.items) {
    if (!(it.key in data)) {
      if (src.optional) continue
      return kind === 'ConfigMap' ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}`
    }
    out.set(it.path, { content: data[it.key], mode: it.mode ?? mode })
  }
  return undefined
}

function downward(store: Store, pod: Pod, items: DownwardItem[], defaultMode: number, out: Payload): void {
  for (const it of items) {
    const v = it.fieldRef ? fieldValue(pod, it.fieldRef.fieldPath)
      : it.resourceFieldRef ? resourceValue(store, pod, pod.spec.containers.find((c) => c.name === it.resourceFieldRef!.containerName) ?? pod.spec.containers[0], it.resourceFieldRef)
      : ''
    out.set(it.path, { content: v, mode: it.mode ?? defaultMode })
  }
}

/** The files of a volume (undefined for kinds that are not projected by the atomic writer). */
export function volumePayload(store: Store, pod: Pod, vol: VolumeSpec, lookup: Lookup): { files: Payload; tmpfs: boolean } | { error: string } | undefined {
  const files: Payload = new Map()
  let err: string | undefined
  if (vol.configMap) err = keyed('ConfigMap', vol.configMap, lookup, vol.configMap.defaultMode ?? DEFAULT_MODE, files)
  else if (vol.secret) err = keyed('Secret', { ...vol.secret, name: vol.secret.secretName ?? '' }, lookup, vol.secret.defaultMode ?? DEFAULT_MODE, files)
  else if (vol.downwardAPI) downward(store, pod, vol.downwardAPI.items ?? [], vol.downwardAPI.defaultMode ?? DEFAULT_MODE, files)
  else if (vol.projected) {
    const dm = vol.projected.defaultMode ?? DEFAULT_MODE
    // a missing projected source is skipped, not a SetUp failure: the lab has no root-ca-cert-publisher yet, so
    // kube-root-ca.crt (in every kube-api-access volume) does not exist and would keep every pod from starting
    for (const s of vol.projected.sources ?? []) {
      if (s.configMap) keyed('ConfigMap', { ...s.configMap, defaultMode: undefined, optional: true }, lookup, dm, files)
      else if (s.secret) keyed('Secret', { ...s.secret, defaultMode: undefined, optional: true }, lookup, dm, files)
      else if (s.downwardAPI) downward(store, pod, s.downwardAPI.items ?? [], dm, files)
    }
  } else return undefined
  return err ? { error: err } : { files, tmpfs: !vol.configMap }
}

/** Looks ConfigMaps and Secrets up in the store as they are now. */
export function storeLookup(store: Store, ns: string): Lookup {
  return (kind, name) => kind === 'ConfigMap'
    ? configMapData(store.get('ConfigMap', ns, name) as ConfigMap | undefined)
    : secretData(store.get('Secret', ns, name) as Secret | undefined)
}

/** The first volume whose SetUp fails now (missing ConfigMap/Secret or key), for FailedMount. */
export function mountError(store: Store, pod: Pod): { volume: string; message: string } | undefined {
  const lookup = storeLookup(store, pod.metadata.namespace ?? 'default')
  for (const v of (pod.spec.volumes ?? []) as unknown as VolumeSpec[]) {
    if (!v.configMap && !v.secret) continue // only these fail SetUp (projected sources are skipped when missing)
    const p = volumePayload(store, pod, v, lookup)
    if (p && 'error' in p) return { volume: v.name, message: p.error }
  }
  return undefined
}

const p2 = (n: number) => String(n).padStart(2, '0')
/** The AtomicWriter's timestamped directory: `..2006_01_02_15_04_05.` plus os.MkdirTemp's random number. */
export function timestampDir(at: number, seed: string): string {
  const d = new Date(at)
  return `..${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}.${fnv32a(seed + at)}`
}

const tmpfsDirSize = (entries: number) => 20 * (entries + 2)

/** The atomic writer's layout for a payload written at `at`. */
export function atomicTree(files: Payload, tmpfs: boolean, at: number, seed: string): Map<string, VNode> {
  const ts = timestampDir(at, seed)
  const nodes = new Map<string, VNode>()
  const dir = (path: string, mode: number) => { if (!nodes.has(path)) nodes.set(path, { type: 'dir', mode, size: 4096, mtime: at }) }
  dir('', tmpfs ? 0o1777 : 0o777)
  dir(ts, 0o755)
  const link = (path: string, target: string) => nodes.set(path, { type: 'link', mode: 0o777, size: target.length, mtime: at, target })
  for (const [rel, f] of [...files.entries()].sort()) {
    const segs = rel.split('/')
    for (let i = 1; i < segs.length; i++) dir(`${ts}/${segs.slice(0, i).join('/')}`, 0o755)
    nodes.set(`${ts}/${rel}`, { type: 'file', mode: f.mode, size: utf8Bytes(f.content), mtime: at, content: f.content })
    if (!nodes.has(segs[0])) link(segs[0], `..data/${segs[0]}`)
  }
  link('..data', ts)
  if (tmpfs) for (const [p, n] of nodes) if (n.type === 'dir') n.size = tmpfsDirSize([...nodes.keys()].filter((q) => q !== p && q.startsWith(p === '' ? '' : p + '/') && !q.slice(p === '' ? 0 : p.length + 1).includes('/') && q !== '').length)
  return nodes
}

/** Follows symlinks inside a tree ('' root) to the node at `rel`. */
export function resolveIn(nodes: Map<string, VNode>, rel: string): { path: string; node: VNode } | undefined {
  let segs = rel.split('/').filter(Boolean)
  let cur = ''
  for (let guard = 0; guard < 40 && segs.length; guard++) {
    const next = cur ? `${cur}/${segs[0]}` : segs[0]
    const n = nodes.get(next)
    if (!n) return undefined
    if (n.type === 'link') {
      const base = cur.split('/').filter(Boolean)
      segs = [...base, ...n.target!.split('/'), ...segs.slice(1)]
      cur = ''
      const norm: string[] = []
      for (const s of segs) { if (s === '..' && norm.length) norm.pop(); else if (s !== '.' && s !== '') norm.push(s) }
      segs = norm
      continue
    }
    cur = next
    segs = segs.slice(1)
  }
  const node = nodes.get(cur)
  return node ? { path: cur, node } : undefined
}

export interface MountTiming {
  /** when the pod's first sync mounted its volumes */
  podStart: number
  /** when the current container instance started (subPath binds) */
  containerStart: number
  now: number
  /** the cache as of a time */
  lookupAt(at: number): Lookup
  /** change times of the objects a volume refers to */
  changes(vol: VolumeSpec): number[]
}

/** The payload as of `at` for a volume, or undefined when it fails or is not projected. */
function payloadAt(store: Store, pod: Pod, vol: VolumeSpec, t: MountTiming, at: number) {
  const p = volumePayload(store, pod, vol, t.lookupAt(at))
  return p && !('error' in p) ? p : undefined
}

const sig = (p: { files: Payload } | undefined) => JSON.stringify(p ? [...p.files.entries()].sort() : null)

/** The tree of a volume as the last sync before `at` wrote it. */
export function volumeTreeAt(store: Store, pod: Pod, vol: VolumeSpec, t: MountTiming, at: number): Map<string, VNode> | undefined {
  const tick = t.podStart + Math.max(0, Math.floor((at - t.podStart) / SYNC_PERIOD_MS)) * SYNC_PERIOD_MS
  let written = t.podStart
  let last = payloadAt(store, pod, vol, t, t.podStart)
  const ticks = [...new Set(t.changes(vol).filter((c) => c > t.podStart && c <= tick)
    .map((c) => t.podStart + Math.ceil((c - t.podStart) / SYNC_PERIOD_MS) * SYNC_PERIOD_MS))].sort((a, b) => a - b)
  for (const k of ticks) {
    const p = payloadAt(store, pod, vol, t, k)
    if (p && sig(p) !== sig(last)) { last = p; written = k }
  }
  if (!last) return undefined
  return atomicTree(last.files, last.tmpfs, written, `${pod.metadata.uid}/${vol.name}`)
}

/** Every volumeMount of container `c` with what it shows at `t.now`. */
export function containerMounts(store: Store, pod: Pod, c: Container, t: MountTiming): MountView[] {
  const out: MountView[] = []
  for (const m of c.volumeMounts ?? []) {
    const vol = ((pod.spec.volumes ?? []) as unknown as VolumeSpec[]).find((v) => v.name === m.name)
    if (!vol) continue
    const readOnly = !!m.readOnly
    const mountPath = m.mountPath.replace(/\/+$/, '') || '/'
    if (vol.emptyDir) { out.push({ name: vol.name, mountPath, readOnly, nodes: new Map() }); continue }
    if (!m.subPath) {
      const nodes = volumeTreeAt(store, pod, vol, t, t.now)
      if (nodes) out.push({ name: vol.name, mountPath, readOnly, nodes })
      continue
    }
    const at = volumeTreeAt(store, pod, vol, t, t.containerStart)
    const hit = at && resolveIn(at, m.subPath)
    if (!hit) continue
    const nodes = new Map<string, VNode>()
    if (hit.node.type === 'file') nodes.set('', hit.node)
    else for (const [p, n] of at!) if (p === hit.path || p.startsWith(hit.path + '/')) nodes.set(p.slice(hit.path.length + 1), n)
    out.push({ name: vol.name, mountPath, readOnly, nodes })
  }
  return out
}

/** A file's content under the container's mounts, from the store as it is now (programs the container runs). */
export function volumeFileAt(store: Store, pod: Pod, c: Container, path: string): string | undefined {
  const ns = pod.metadata.namespace ?? 'default'
  // no history: every sync sees the store as it is, so the times do not matter
  const t: MountTiming = { podStart: 0, containerStart: 0, now: 0, lookupAt: () => storeLookup(store, ns), changes: () => [] }
  return readMounted(containerMounts(store, pod, c, t), path)
}

/** Reads `path` through a list of mounts (the deepest mount point wins). */
export function readMounted(mounts: MountView[], path: string): string | undefined {
  const m = findMount(mounts, path)
  if (!m) return undefined
  const hit = resolveIn(m.mount.nodes, m.rel)
  return hit?.node.type === 'file' ? hit.node.content : undefined
}

/** The mount `path` falls under, and the path relative to it. */
export function findMount(mounts: MountView[], path: string): { mount: MountView; rel: string } | undefined {
  let best: { mount: MountView; rel: string } | undefined
  for (const mount of mounts) {
    const mp = mount.mountPath
    if (path === mp || path.startsWith(mp === '/' ? '/' : mp + '/')) {
      if (!best || mp.length > best.mount.mountPath.length) best = { mount, rel: path === mp ? '' : path.slice(mp.length + (mp === '/' ? 0 : 1)) }
    }
  }
  return best
}
