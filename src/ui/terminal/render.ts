// Escape sequences that redraw the prompt and the edited line in place, wrapped lines included.

/** Display width of a string: 2 columns for East Asian wide characters, 0 for combining marks, else 1. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c >= 0x300 && c <= 0x36f) continue
    w += isWide(c) ? 2 : 1
  }
  return w
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd)
  )
}

/** Where the cursor sits relative to the row the prompt starts on. */
export interface LineLayout {
  /** row of the cursor, counted from the prompt's first row */
  cursorRow: number
}

/**
 * Redraw `prompt + buffer` starting at the prompt's first row, leaving the cursor at `cursor` (an index into buffer).
 * `prev` is where the cursor was left by the previous redraw of this same line.
 */
export function redraw(prev: LineLayout, prompt: string, buffer: string, cursor: number, cols: number): { out: string; layout: LineLayout } {
  const width = Math.max(1, cols)
  let out = ''
  if (prev.cursorRow > 0) out += `\x1b[${prev.cursorRow}A`
  out += '\r\x1b[J' + prompt + buffer
  const total = displayWidth(prompt) + displayWidth(buffer)
  // a line that ends exactly on the right margin leaves xterm in a pending wrap: force the wrap
  if (total > 0 && total % width === 0) out += ' \b'
  const endRow = Math.floor(total / width)
  const at = displayWidth(prompt) + displayWidth(buffer.slice(0, cursor))
  const row = Math.floor(at / width)
  const col = at % width
  if (endRow > row) out += `\x1b[${endRow - row}A`
  out += col === 0 ? '\r' : `\r\x1b[${col}C`
  return { out, layout: { cursorRow: row } }
}

/** Move from the cursor to the line's end row (before printing a newline under it). */
export function toEnd(prev: LineLayout, prompt: string, buffer: string, cols: number): string {
  const width = Math.max(1, cols)
  const total = displayWidth(prompt) + displayWidth(buffer)
  const endRow = Math.floor(total / width)
  const down = endRow - prev.cursorRow
  const col = total % width
  return (down > 0 ? `\x1b[${down}B` : '') + (col === 0 ? '\r' : `\r\x1b[${col}C`)
}

/** Terminal output: newlines become CR LF (the terminal does not translate them). */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n')
}

/** Candidates laid out like bash lists completions: sorted down the columns, 2 spaces between columns. */
export function columns(items: readonly string[], cols: number): string {
  if (items.length === 0) return ''
  const colWidth = Math.max(...items.map(displayWidth)) + 2
  const perRow = Math.max(1, Math.floor((Math.max(1, cols) + 2) / colWidth))
  const rows = Math.ceil(items.length / perRow)
  const lines: string[] = []
  for (let r = 0; r < rows; r++) {
    let line = ''
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r
      if (i >= items.length) break
      const item = items[i]
      const last = c === perRow - 1 || (c + 1) * rows + r >= items.length
      line += last ? item : item + ' '.repeat(colWidth - displayWidth(item))
    }
    lines.push(line)
  }
  return lines.join('\n') + '\n'
}
