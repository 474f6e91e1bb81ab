import { describe, it, expect } from 'vitest'
import { columns, crlf, displayWidth, redraw, toEnd } from './render.ts'

describe('redraw', () => {
  it('draws a short line and puts the cursor back', () => {
    const r = redraw({ cursorRow: 0 }, '$ ', 'kubectl', 3, 80)
    expect(r.out).toBe('\r\x1b[J$ kubectl\r\x1b[5C')
    expect(r.layout).toEqual({ cursorRow: 0 })
  })

  it('handles wrapped lines: goes up to the prompt row, then to the cursor row', () => {
    // prompt 2 + 20 chars = 22 columns on a 10-column terminal: rows 0..2, cursor at index 9 -> column 11 -> row 1 col 1
    const r = redraw({ cursorRow: 2 }, '$ ', 'abcdefghijklmnopqrst', 9, 10)
    expect(r.out).toBe('\x1b[2A\r\x1b[J$ abcdefghijklmnopqrst\x1b[1A\r\x1b[1C')
    expect(r.layout).toEqual({ cursorRow: 1 })
  })

  it('forces the wrap when the line ends on the margin', () => {
    const r = redraw({ cursorRow: 0 }, '$ ', 'abcdefgh', 8, 10)
    expect(r.out).toBe('\r\x1b[J$ abcdefgh \b\r')
    expect(r.layout).toEqual({ cursorRow: 1 })
  })

  it('moves from the cursor to the end row before a newline', () => {
    expect(toEnd({ cursorRow: 0 }, '$ ', 'abcdefghijklmnopqrst', 10)).toBe('\x1b[2B\r\x1b[2C')
  })
})

describe('text helpers', () => {
  it('counts wide characters twice', () => {
    expect(displayWidth('pod 你好')).toBe(8)
  })
  it('turns LF into CR LF once', () => {
    expect(crlf('a\nb\r\nc')).toBe('a\r\nb\r\nc')
  })
  it('lays completions out down the columns like bash', () => {
    expect(columns(['apply', 'create', 'delete', 'describe', 'get'], 30)).toBe('apply     delete    get\ncreate    describe\n')
    expect(columns(['a', 'b'], 1)).toBe('a\nb\n')
  })
})
