// The workspace file system: paths, mkdir -p semantics, listing, removal, watch, stat.
import { describe, it, expect } from 'vitest'
import { createWorkspaceFs, normalizePath } from './fs.ts'

describe('createWorkspaceFs', () => {
  it('starts in /root with /root, /tmp and /etc', () => {
    const fs = createWorkspaceFs()
    expect(fs.cwd).toBe('/root')
    expect(fs.list('/')).toEqual(['etc', 'root', 'tmp'])
    expect(fs.list('/root')).toEqual([])
  })

  it('resolves relative paths, . and ..', () => {
    const fs = createWorkspaceFs()
    expect(fs.resolve('a/../b/./c')).toBe('/root/b/c')
    expect(fs.resolve('/x//y/')).toBe('/x/y')
    expect(normalizePath('/../..')).toBe('/')
  })

  it('writes (creating parents), appends, lists, removes recursively', () => {
    const fs = createWorkspaceFs()
    fs.write('k8s/web.yaml', 'a')
    fs.append('k8s/web.yaml', 'b')
    expect(fs.read('/root/k8s/web.yaml')).toBe('ab')
    expect(fs.isDir('k8s')).toBe(true)
    expect(fs.list('k8s')).toEqual(['web.yaml'])
    expect(fs.list('k8s/web.yaml')).toBeUndefined()
    expect(fs.read('k8s')).toBeUndefined()
    expect(fs.remove('k8s')).toBe(true)
    expect(fs.exists('k8s/web.yaml')).toBe(false)
    expect(fs.remove('k8s')).toBe(false)
    expect(() => fs.write('/root', 'x')).toThrow()
  })

  it('notifies watchers and stamps mtimes from the clock', () => {
    let t = 1000
    const fs = createWorkspaceFs({ now: () => t })
    const seen: string[] = []
    const stop = fs.watch((p) => seen.push(p))
    fs.write('a', 'héllo')
    t = 5000
    expect(fs.touch('a')).toBe(true)
    expect(fs.touch('/nope/b')).toBe(false)
    stop()
    fs.mkdir('x/y')
    expect(seen).toEqual(['/root/a', '/root/a'])
    expect(fs.stat('a')).toEqual({ dir: false, size: 6, mtime: 5000 })
  })
})
