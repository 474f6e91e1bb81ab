import { describe, it, expect } from 'vitest'
import * as L from './lineEditor.ts'
import { parseKeys } from './keys.ts'

const typed = (text: string, cursor = text.length) => ({ ...L.emptyLine(), buffer: text, cursor })

describe('line editor', () => {
  it('inserts at the cursor and moves it', () => {
    const s = L.insert(typed('kubectl pods', 8), 'get ')
    expect(s.buffer).toBe('kubectl get pods')
    expect(s.cursor).toBe(12)
  })

  it('backspace and delete around the cursor, no-ops at the edges', () => {
    expect(L.backspace(typed('abc', 2))).toMatchObject({ buffer: 'ac', cursor: 1 })
    expect(L.deleteForward(typed('abc', 1))).toMatchObject({ buffer: 'ac', cursor: 1 })
    const start = typed('abc', 0)
    expect(L.backspace(start)).toBe(start)
    const end = typed('abc')
    expect(L.deleteForward(end)).toBe(end)
  })

  it('Ctrl-U, Ctrl-K and Ctrl-W kill like readline, Ctrl-Y yanks back', () => {
    expect(L.killToStart(typed('kubectl get pods', 8))).toMatchObject({ buffer: 'get pods', cursor: 0, killed: 'kubectl ' })
    expect(L.killToEnd(typed('kubectl get pods', 8))).toMatchObject({ buffer: 'kubectl ', cursor: 8, killed: 'get pods' })
    const w = L.killWord(typed('kubectl get  pods  '))
    expect(w).toMatchObject({ buffer: 'kubectl get  ', cursor: 13, killed: 'pods  ' })
    expect(L.yank(L.moveTo(w, 0))).toMatchObject({ buffer: 'pods  kubectl get  ', cursor: 6 })
  })

  it('word motion stops at alphanumeric word boundaries', () => {
    const s = typed('kubectl get svc/web-1')
    expect(L.wordLeft(s).cursor).toBe(20)
    expect(L.wordLeft(L.wordLeft(s)).cursor).toBe(16)
    expect(L.wordRight(L.moveTo(s, 0)).cursor).toBe(7)
  })

  it('browses history and restores the typed draft', () => {
    let s = L.submit(L.emptyLine(), 'kubectl get pods')
    s = L.submit(s, 'kubectl get svc')
    s = L.insert(s, 'kub')
    s = L.historyUp(s)
    expect(s.buffer).toBe('kubectl get svc')
    s = L.historyUp(s)
    expect(s).toMatchObject({ buffer: 'kubectl get pods', cursor: 16, historyIndex: 0 })
    expect(L.historyUp(s)).toBe(s)
    s = L.historyDown(L.historyDown(s))
    expect(s).toMatchObject({ buffer: 'kub', cursor: 3, historyIndex: 2 })
  })

  it('does not record blank lines or an immediate repeat', () => {
    let s = L.submit(L.emptyLine(), 'ls')
    s = L.submit(s, 'ls')
    s = L.submit(s, '   ')
    expect(s.history).toEqual(['ls'])
    expect(L.submit(L.emptyLine(['a', 'b', 'c']), 'd', 3).history).toEqual(['b', 'c', 'd'])
  })

  it('replaces the word under completion', () => {
    expect(L.replaceWord(typed('kubectl ge -n x', 10), 8, 'get ')).toMatchObject({ buffer: 'kubectl get  -n x', cursor: 12 })
  })
})

describe('parseKeys', () => {
  it('names control keys and escape sequences', () => {
    expect(parseKeys('\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1b[3~\x1bOH\x1b[1;5D').map((k) => k.kind)).toEqual([
      'up', 'down', 'right', 'left', 'home', 'end', 'delete', 'home', 'word-left',
    ])
    expect(parseKeys('\x01\x05\x15\x0b\x17\x03\x0c\x7f\t\r').map((k) => k.kind)).toEqual([
      'home', 'end', 'kill-line-start', 'kill-line-end', 'kill-word', 'interrupt', 'clear-screen', 'backspace', 'tab', 'enter',
    ])
  })

  it('keeps printable runs together and treats CR LF as one Enter', () => {
    expect(parseKeys('ls -l\r\ncat x\n')).toEqual([
      { kind: 'text', text: 'ls -l' }, { kind: 'enter' }, { kind: 'text', text: 'cat x' }, { kind: 'enter' },
    ])
  })

  it('unwraps a bracketed paste', () => {
    expect(parseKeys('a\x1b[200~x\ty\rz\x1b[201~b')).toEqual([
      { kind: 'text', text: 'a' }, { kind: 'paste', text: 'x\ty\rz' }, { kind: 'text', text: 'b' },
    ])
  })
})
