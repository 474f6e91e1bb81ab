import { describe, it, expect, vi } from 'vitest'
import { createMemoryFs, normalizePath } from './memoryFs.ts'
import { bindWorkspace, SAMPLE_MANIFEST, type SavedWorkspace } from './workspace.ts'

describe('memoryFs', () => {
  it('resolves paths against cwd and home', () => {
    expect(normalizePath('/root', 'a/../b/./c.yaml')).toBe('/root/b/c.yaml')
    expect(normalizePath('/tmp', '~/x')).toBe('/root/x')
    expect(normalizePath('/root', '/../etc')).toBe('/etc')
  })

  it('writes, lists, removes and notifies', () => {
    const fs = createMemoryFs()
    const seen: string[] = []
    fs.watch((p) => seen.push(p))
    fs.write('dir/a.yaml', 'x')
    fs.append('dir/a.yaml', 'y')
    expect(fs.read('/root/dir/a.yaml')).toBe('xy')
    expect(fs.isDir('dir')).toBe(true)
    expect(fs.list('/root')).toEqual(['dir'])
    expect(fs.remove('dir/a.yaml')).toBe(true)
    expect(fs.exists('dir/a.yaml')).toBe(false)
    expect(seen).toEqual(['/root/dir/a.yaml', '/root/dir/a.yaml', '/root/dir/a.yaml'])
  })
})

describe('bindWorkspace', () => {
  it('seeds the sample once, then restores saved files and saves changes', () => {
    vi.useFakeTimers()
    const saves: SavedWorkspace[] = []
    const save = (w: SavedWorkspace) => saves.push(structuredClone(w)) > 0
    const fs = createMemoryFs()
    const b = bindWorkspace(fs, { files: {}, seeded: false }, save)
    expect(fs.read('nginx.yaml')).toBe(SAMPLE_MANIFEST)
    expect(b.files()).toEqual(['/root/nginx.yaml'])

    const changed = vi.fn()
    b.subscribe(changed)
    fs.write('svc.yaml', 'kind: Service\n')
    fs.remove('nginx.yaml')
    expect(b.files()).toEqual(['/root/svc.yaml'])
    expect(changed).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(500)
    const last = saves.at(-1)!
    expect(last).toEqual({ files: { '/root/svc.yaml': 'kind: Service\n' }, seeded: true })
    b.dispose()

    // a new session (reload, reset): the saved files come back, the deleted sample does not
    const fs2 = createMemoryFs()
    const b2 = bindWorkspace(fs2, last, save)
    expect(fs2.read('svc.yaml')).toBe('kind: Service\n')
    expect(fs2.exists('nginx.yaml')).toBe(false)
    b2.dispose()
    vi.useRealTimers()
  })
})
