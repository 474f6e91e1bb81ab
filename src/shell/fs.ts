// The in-memory workspace file system the terminal and the editor share: POSIX paths, home /root, mkdir -p parents.

import type { WorkspaceFs } from './types.ts'

export interface FsNode {
  dir: boolean
  content: string
  /** virtual milliseconds of the last change */
  mtime: number
}

/** The workspace fs plus what `ls -l`, `touch` and the shell need beyond the contract. */
export interface LabFs extends WorkspaceFs {
  readonly home: string
  /** `mode`, `link` (a symlink's target, not followed) and `blocks` only where a file system knows them (pod volumes) */
  stat(path: string): { dir: boolean; size: number; mtime: number; mode?: number; link?: string; blocks?: number } | undefined
  /** update the mtime (touch); creates an empty file when missing. False if the parent directory is missing. */
  touch(path: string): boolean
  /** where mtimes come from (the shell hands in the cluster's virtual clock) */
  useClock(now: () => number): void
}

export interface CreateWorkspaceFsOptions {
  home?: string
  cwd?: string
  /** extra directories to create */
  dirs?: string[]
  /** initial files: absolute path -> content */
  files?: Record<string, string>
  now?: () => number
}

export function isLabFs(fs: WorkspaceFs): fs is LabFs {
  return typeof (fs as Partial<LabFs>).stat === 'function' && typeof (fs as Partial<LabFs>).touch === 'function'
}

/** Normalises an absolute path: collapses `.`, `..`, repeated and trailing slashes. */
export function normalizePath(path: string): string {
  const out: string[] = []
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  return '/' + out.join('/')
}

export function dirname(path: string): string {
  const p = normalizePath(path)
  const i = p.lastIndexOf('/')
  return i <= 0 ? '/' : p.slice(0, i)
}

export function basename(path: string): string {
  const p = normalizePath(path)
  return p === '/' ? '/' : p.slice(p.lastIndexOf('/') + 1)
}

/** UTF-8 byte length of a string (file sizes, `wc -c`). */
export function utf8Length(s: string): number {
  let n = 0
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
  }
  return n
}

export function createWorkspaceFs(opts: CreateWorkspaceFsOptions = {}): LabFs {
  const home = normalizePath(opts.home ?? '/root')
  let now = opts.now ?? (() => 0)
  const nodes = new Map<string, FsNode>()
  const watchers = new Set<(path: string) => void>()
  nodes.set('/', { dir: true, content: '', mtime: now() })

  const notify = (path: string) => {
    for (const w of [...watchers]) w(path)
  }
  const resolve = (path: string) => normalizePath(path.startsWith('/') ? path : `${fs.cwd}/${path}`)
  const mkdirp = (abs: string) => {
    let cur = ''
    for (const seg of abs.split('/').filter(Boolean)) {
      cur += '/' + seg
      const n = nodes.get(cur)
      if (!n) nodes.set(cur, { dir: true, content: '', mtime: now() })
      else if (!n.dir) throw new Error(`mkdir: ${cur} is a file`)
    }
  }
  const parentIsDir = (abs: string) => nodes.get(dirname(abs))?.dir === true

  const fs: LabFs = {
    cwd: '/',
    home,
    resolve,
    read(path) {
      const n = nodes.get(resolve(path))
      return n && !n.dir ? n.content : undefined
    },
    write(path, content) {
      const abs = resolve(path)
      const n = nodes.get(abs)
      if (n?.dir) throw new Error(`${abs}: Is a directory`)
      if (!n) mkdirp(dirname(abs))
      nodes.set(abs, { dir: false, content, mtime: now() })
      notify(abs)
    },
    append(path, content) {
      fs.write(path, (fs.read(path) ?? '') + content)
    },
    exists: (path) => nodes.has(resolve(path)),
    isDir: (path) => nodes.get(resolve(path))?.dir === true,
    list(path) {
      const abs = resolve(path)
      if (!nodes.get(abs)?.dir) return undefined
      const prefix = abs === '/' ? '/' : abs + '/'
      const out: string[] = []
      for (const p of nodes.keys()) {
        if (p !== abs && p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) out.push(p.slice(prefix.length))
      }
      return out.sort()
    },
    mkdir(path) {
      const abs = resolve(path)
      mkdirp(abs)
      notify(abs)
    },
    remove(path) {
      const abs = resolve(path)
      if (abs === '/' || !nodes.has(abs)) return false
      for (const p of [...nodes.keys()]) if (p === abs || p.startsWith(abs + '/')) nodes.delete(p)
      notify(abs)
      return true
    },
    watch(fn) {
      watchers.add(fn)
      return () => {
        watchers.delete(fn)
      }
    },
    stat(path) {
      const n = nodes.get(resolve(path))
      return n && { dir: n.dir, size: n.dir ? 4096 : utf8Length(n.content), mtime: n.mtime }
    },
    touch(path) {
      const abs = resolve(path)
      const n = nodes.get(abs)
      if (n) {
        n.mtime = now()
        notify(abs)
        return true
      }
      if (!parentIsDir(abs)) return false
      nodes.set(abs, { dir: false, content: '', mtime: now() })
      notify(abs)
      return true
    },
    useClock(fn) {
      now = fn
      // what existed before the clock was known (the initial directories) dates from now
      for (const n of nodes.values()) if (n.mtime === 0) n.mtime = now()
    },
  }
  for (const d of ['/root', '/tmp', '/etc', home, ...(opts.dirs ?? [])]) mkdirp(normalizePath(d))
  for (const [p, c] of Object.entries(opts.files ?? {})) fs.write(p, c)
  fs.cwd = normalizePath(opts.cwd ?? home)
  return fs
}
