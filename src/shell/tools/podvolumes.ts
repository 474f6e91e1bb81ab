// A pod container's file system with its volume mounts laid over it: configMap, secret, projected and
// downwardAPI volumes read as the kubelet last synced them (src/core/kubelet/volumes.ts), with the atomic
// writer's `..data` symlinks and modes; emptyDir mounts are plain writable directories.

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod } from '../../core/api/types.ts'
import { runtimeOf } from '../../core/cluster/runtime.ts'
import { mountsOf } from '../../core/kubelet/podview.ts'
import { findMount, resolveIn, type MountView, type VNode } from '../../core/kubelet/volumes.ts'
import { basename, dirname, isLabFs, normalizePath, type LabFs } from '../fs.ts'
import type { HostContext, WorkspaceFs } from '../types.ts'

type PodHost = Extract<HostContext, { kind: 'pod' }>

const memo = new WeakMap<Cluster, Map<string, { at: string; mounts: MountView[] }>>()

/** The container's mounts now; recomputed only when the virtual time or the store moved on. */
function mountsFor(cluster: Cluster, host: PodHost): MountView[] {
  const at = `${cluster.clock.now()}/${cluster.store.resourceVersion}`
  const key = `${host.namespace}/${host.pod}/${host.container}`
  let m = memo.get(cluster)
  if (!m) memo.set(cluster, (m = new Map()))
  const hit = m.get(key)
  if (hit?.at === at) return hit.mounts
  const mounts = computeMounts(cluster, host)
  m.set(key, { at, mounts })
  return mounts
}

function computeMounts(cluster: Cluster, host: PodHost): MountView[] {
  const pod = cluster.store.get('Pod', host.namespace, host.pod) as Pod | undefined
  const kubelet = runtimeOf(cluster)?.kubelet
  if (!pod || !kubelet) return []
  return mountsOf(cluster.store, kubelet.history, pod, kubelet.runOf(pod.metadata.uid), host.container, cluster.clock.now())
}

/** The node at `abs` inside a projected mount: followed (`follow`) or the last component itself (lstat). */
function lookup(mounts: MountView[], abs: string, follow: boolean): { node: VNode; nodes: Map<string, VNode>; path: string } | 'none' | undefined {
  const m = findMount(mounts, abs)
  if (!m || m.mount.nodes.size === 0) return undefined
  const nodes = m.mount.nodes
  if (follow) {
    const hit = resolveIn(nodes, m.rel)
    return hit ? { ...hit, nodes } : 'none'
  }
  const parent = m.rel.includes('/') ? m.rel.slice(0, m.rel.lastIndexOf('/')) : ''
  const p = m.rel === '' ? undefined : resolveIn(nodes, parent)
  if (m.rel === '') { const n = nodes.get(''); return n ? { node: n, nodes, path: '' } : 'none' }
  if (!p || p.node.type !== 'dir') return 'none'
  const path = p.path ? `${p.path}/${basename('/' + m.rel)}` : basename('/' + m.rel)
  const n = nodes.get(path)
  return n ? { node: n, nodes, path } : 'none'
}

/** Wraps a pod container's file system with its volume mounts (reads reflect the kubelet's current view). */
export function withPodVolumes(cluster: Cluster, host: PodHost, base: WorkspaceFs): WorkspaceFs {
  if (!isLabFs(base)) return base
  const lab: LabFs = base
  for (const m of mountsFor(cluster, host)) {
    try { lab.mkdir(m.nodes.get('')?.type === 'file' ? dirname(m.mountPath) : m.mountPath) } catch { /* a file is in the way */ }
  }
  const abs = (p: string) => normalizePath(lab.resolve(p))
  const readOnly = (p: string) => { throw new Error(`${abs(p)}: Read-only file system`) }
  const under = (p: string) => { const r = lookup(mountsFor(cluster, host), abs(p), false); return r !== undefined }
  const fs: LabFs = Object.create(lab) as LabFs
  Object.assign(fs, {
    read(path: string) {
      const r = lookup(mountsFor(cluster, host), abs(path), true)
      if (r === undefined) return lab.read(path)
      return r !== 'none' && r.node.type === 'file' ? r.node.content : undefined
    },
    exists(path: string) {
      const r = lookup(mountsFor(cluster, host), abs(path), false)
      return r === undefined ? lab.exists(path) : r !== 'none'
    },
    isDir(path: string) {
      const r = lookup(mountsFor(cluster, host), abs(path), true)
      return r === undefined ? lab.isDir(path) : r !== 'none' && r.node.type === 'dir'
    },
    list(path: string) {
      const a = abs(path)
      const mounts = mountsFor(cluster, host)
      const r = lookup(mounts, a, true)
      if (r === undefined) {
        const own = lab.list(path)
        if (!own) return own
        const extra = mounts.filter((m) => dirname(m.mountPath) === a && m.mountPath !== a).map((m) => basename(m.mountPath))
        return [...new Set([...own, ...extra])].sort()
      }
      if (r === 'none' || r.node.type !== 'dir') return undefined
      const pre = r.path === '' ? '' : r.path + '/'
      return [...r.nodes.keys()].filter((k) => k !== r.path && k.startsWith(pre) && !k.slice(pre.length).includes('/')).map((k) => k.slice(pre.length)).sort()
    },
    stat(path: string) {
      // `dir/.` names the directory itself: a symlink to a directory is followed
      const r = lookup(mountsFor(cluster, host), abs(path), /\/\.$/.test(path))
      if (r === undefined) return lab.stat(path)
      if (r === 'none') return undefined
      const n = r.node
      const tmpfs = r.nodes.get('')?.mode === 0o1777
      return {
        dir: n.type === 'dir', size: n.size, mtime: n.mtime, mode: n.mode,
        ...(n.type === 'link' ? { link: n.target, blocks: 0 } : { blocks: tmpfs ? (n.type === 'dir' ? 0 : Math.ceil(n.size / 4096) * 4) : undefined }),
      }
    },
    write(path: string, content: string) { if (under(path)) readOnly(path); lab.write(path, content) },
    append(path: string, content: string) { if (under(path)) readOnly(path); lab.append(path, content) },
    mkdir(path: string) { if (under(path)) readOnly(path); lab.mkdir(path) },
    remove(path: string) { if (under(path)) readOnly(path); return lab.remove(path) },
    touch(path: string) { if (under(path)) readOnly(path); return lab.touch(path) },
  })
  Object.defineProperty(fs, 'cwd', { get: () => lab.cwd, set: (v: string) => { lab.cwd = v }, enumerable: true })
  return fs
}
