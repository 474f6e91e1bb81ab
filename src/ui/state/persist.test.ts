import { describe, it, expect } from 'vitest'
import { loadJSON, saveJSON, stringRecord, type Storage } from './persist.ts'
import { DEFAULT_SETTINGS, parseSettings } from './uiStore.ts'
import { parseEditor } from './editorStore.ts'

function memoryStorage(init: Record<string, string> = {}): Storage & { data: Record<string, string> } {
  const data = { ...init }
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] }
}

describe('persist', () => {
  it('round-trips JSON and falls back on missing, corrupt or rejected values', () => {
    const s = memoryStorage({ bad: '{"a":', wrong: '[1]' })
    expect(saveJSON('k', { a: 1 }, s)).toBe(true)
    expect(loadJSON('k', (v) => v as { a: number }, { a: 0 }, s)).toEqual({ a: 1 })
    expect(loadJSON('missing', (v) => v, 'fb', s)).toBe('fb')
    expect(loadJSON('bad', (v) => v, 'fb', s)).toBe('fb')
    expect(loadJSON('wrong', stringRecord, { x: 'fb' }, s)).toEqual({ x: 'fb' })
  })

  it('survives a storage that throws', () => {
    const throwing: Storage = {
      getItem: () => { throw new Error('denied') },
      setItem: () => { throw new Error('quota') },
      removeItem: () => {},
    }
    expect(loadJSON('k', (v) => v, 'fb', throwing)).toBe('fb')
    expect(saveJSON('k', 1, throwing)).toBe(false)
  })

  it('repairs settings field by field', () => {
    expect(parseSettings({ profile: 'binary', nodes: 4, showSystem: true, panes: { editor: 0.3, top: 0.7 } })).toEqual({
      profile: 'binary', nodes: 4, showSystem: true, panes: { editor: 0.3, top: 0.7 },
    })
    expect(parseSettings({ profile: 'x', nodes: 99, showSystem: 'yes', panes: { editor: 5, top: 'a' } })).toEqual({
      ...DEFAULT_SETTINGS, panes: { editor: 0.85, top: DEFAULT_SETTINGS.panes.top },
    })
    expect(parseSettings([])).toBeUndefined()
  })

  it('keeps only consistent editor state', () => {
    expect(parseEditor({ open: ['/a', 3, '/b'], active: '/zz', buffers: { '/a': 'x', '/c': 1 } })).toEqual({
      open: ['/a'], active: '/a', buffers: { '/a': 'x' },
    })
    expect(parseEditor('nope')).toBeUndefined()
  })
})
