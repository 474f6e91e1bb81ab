// The line editor as pure state: buffer, cursor, history navigation and the kill buffer (readline's emacs keys).

export interface LineState {
  buffer: string
  cursor: number
  /** submitted lines, oldest first */
  history: readonly string[]
  /** index into history while browsing; history.length = the line being typed */
  historyIndex: number
  /** the typed line saved while browsing history */
  draft: string
  /** last killed text, for Ctrl-Y */
  killed: string
}

export function emptyLine(history: readonly string[] = []): LineState {
  return { buffer: '', cursor: 0, history, historyIndex: history.length, draft: '', killed: '' }
}

/** A fresh line that keeps history and the kill buffer. */
export function resetLine(s: LineState): LineState {
  return { ...s, buffer: '', cursor: 0, historyIndex: s.history.length, draft: '' }
}

export function insert(s: LineState, text: string): LineState {
  return { ...s, buffer: s.buffer.slice(0, s.cursor) + text + s.buffer.slice(s.cursor), cursor: s.cursor + text.length }
}

export function backspace(s: LineState): LineState {
  if (s.cursor === 0) return s
  return { ...s, buffer: s.buffer.slice(0, s.cursor - 1) + s.buffer.slice(s.cursor), cursor: s.cursor - 1 }
}

export function deleteForward(s: LineState): LineState {
  if (s.cursor >= s.buffer.length) return s
  return { ...s, buffer: s.buffer.slice(0, s.cursor) + s.buffer.slice(s.cursor + 1) }
}

export function moveTo(s: LineState, cursor: number): LineState {
  const c = Math.max(0, Math.min(s.buffer.length, cursor))
  return c === s.cursor ? s : { ...s, cursor: c }
}

const isWordChar = (c: string) => /[A-Za-z0-9]/.test(c)

/** Start of the word left of the cursor (readline backward-word: alphanumerics). */
export function wordLeft(s: LineState): LineState {
  let i = s.cursor
  while (i > 0 && !isWordChar(s.buffer[i - 1])) i--
  while (i > 0 && isWordChar(s.buffer[i - 1])) i--
  return moveTo(s, i)
}

export function wordRight(s: LineState): LineState {
  let i = s.cursor
  while (i < s.buffer.length && !isWordChar(s.buffer[i])) i++
  while (i < s.buffer.length && isWordChar(s.buffer[i])) i++
  return moveTo(s, i)
}

/** Ctrl-U: kill from the start of the line to the cursor. */
export function killToStart(s: LineState): LineState {
  if (s.cursor === 0) return s
  return { ...s, buffer: s.buffer.slice(s.cursor), cursor: 0, killed: s.buffer.slice(0, s.cursor) }
}

/** Ctrl-K: kill from the cursor to the end of the line. */
export function killToEnd(s: LineState): LineState {
  if (s.cursor >= s.buffer.length) return s
  return { ...s, buffer: s.buffer.slice(0, s.cursor), killed: s.buffer.slice(s.cursor) }
}

/** Ctrl-W (unix-word-rubout): kill back to the previous whitespace. */
export function killWord(s: LineState): LineState {
  let i = s.cursor
  while (i > 0 && /\s/.test(s.buffer[i - 1])) i--
  while (i > 0 && !/\s/.test(s.buffer[i - 1])) i--
  if (i === s.cursor) return s
  return { ...s, buffer: s.buffer.slice(0, i) + s.buffer.slice(s.cursor), cursor: i, killed: s.buffer.slice(i, s.cursor) }
}

export function yank(s: LineState): LineState {
  return s.killed ? insert(s, s.killed) : s
}

export function historyUp(s: LineState): LineState {
  if (s.historyIndex === 0) return s
  const draft = s.historyIndex === s.history.length ? s.buffer : s.draft
  const buffer = s.history[s.historyIndex - 1]
  return { ...s, historyIndex: s.historyIndex - 1, draft, buffer, cursor: buffer.length }
}

export function historyDown(s: LineState): LineState {
  if (s.historyIndex >= s.history.length) return s
  const i = s.historyIndex + 1
  const buffer = i === s.history.length ? s.draft : s.history[i]
  return { ...s, historyIndex: i, buffer, cursor: buffer.length }
}

/** Record a submitted line (blank lines and repeats of the last entry are not recorded) and start a fresh line. */
export function submit(s: LineState, line: string, limit = 500): LineState {
  let history = s.history
  if (line.trim() !== '' && history[history.length - 1] !== line) {
    history = [...history, line]
    if (history.length > limit) history = history.slice(history.length - limit)
  }
  return { ...s, history, buffer: '', cursor: 0, historyIndex: history.length, draft: '' }
}

/** Replace buffer[start, cursor) with `text` (Tab completion). */
export function replaceWord(s: LineState, start: number, text: string): LineState {
  const st = Math.max(0, Math.min(start, s.cursor))
  return { ...s, buffer: s.buffer.slice(0, st) + text + s.buffer.slice(s.cursor), cursor: st + text.length }
}
