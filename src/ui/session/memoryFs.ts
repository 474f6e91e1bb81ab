// An in-memory WorkspaceFs, used when the shell does not bring its own (home /root, POSIX-style paths).

import type { WorkspaceFs } from '../../shell/types.ts'

export function normalizePath(cwd: string, path: string, home = '/root'): string {
  let p = path
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1)
  if (!p.startsWith('/')) p = `${cwd}/${p}`
  const parts: string[] = []
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') parts.pop()
    else parts.push(seg)
  }
  return '/' + parts.join('/')
}

export function createMemoryFs(cwd = '/root'): WorkspaceFs {
  const files = new Map<string, string>()
  const dirs = new Set<string>(['/', '/root', '/tmp'])
  const watchers = new Set<(path: string) => void>()
  const notify = (p: string) => {
    for (const w of [...watchers]) w(p)
  }
  const parentOf = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/'
  const mkdirs = (p: string) => {
    for (let d = p; d !== '/' && !dirs.has(d); d = parentOf(d)) dirs.add(d)
  }
  const fs: WorkspaceFs = {
    cwd,
    resolve: (path) => normalizePath(fs.cwd, path),
    read: (path) => files.get(fs.resolve(path)),
    write(path, content) {
      const p = fs.resolve(path)
      mkdirs(parentOf(p))
      files.set(p, content)
      notify(p)
    },
    append(path, content) {
      const p = fs.resolve(path)
      fs.write(p, (files.get(p) ?? '') + content)
    },
    exists: (path) => files.has(fs.resolve(path)) || dirs.has(fs.resolve(path)),
    isDir: (path) => dirs.has(fs.resolve(path)),
    list(path) {
      const p = fs.resolve(path)
      if (!dirs.has(p)) return undefined
      const prefix = p === '/' ? '/' : p + '/'
      const names = new Set<string>()
      for (const k of [...files.keys(), ...dirs]) {
        if (k !== p && k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0])
      }
      return [...names].sort()
    },
    mkdir(path) {
      mkdirs(fs.resolve(path))
    },
    remove(path) {
      const p = fs.resolve(path)
      if (!files.delete(p)) return false
      notify(p)
      return true
    },
    watch(fn) {
      watchers.add(fn)
      return () => watchers.delete(fn)
    },
  }
  return fs
}
