// Turns the raw data xterm hands us (typed keys, escape sequences, bracketed pastes) into named keys.

export type Key =
  | { kind: 'text'; text: string }
  | { kind: 'paste'; text: string }
  | {
      kind:
        | 'enter' | 'backspace' | 'delete' | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
        | 'word-left' | 'word-right' | 'tab' | 'kill-line-start' | 'kill-line-end' | 'kill-word' | 'yank'
        | 'interrupt' | 'clear-screen' | 'eof' | 'unknown'
    }

const CSI: Record<string, Key['kind']> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end',
  '1~': 'home', '7~': 'home', '4~': 'end', '8~': 'end', '3~': 'delete',
  '1;5C': 'word-right', '1;5D': 'word-left', '1;3C': 'word-right', '1;3D': 'word-left',
}

const CTRL: Record<string, Key['kind']> = {
  '\r': 'enter', '\n': 'enter', '\x7f': 'backspace', '\b': 'backspace', '\t': 'tab',
  '\x01': 'home', '\x05': 'end', '\x02': 'left', '\x06': 'right', '\x10': 'up', '\x0e': 'down',
  '\x15': 'kill-line-start', '\x0b': 'kill-line-end', '\x17': 'kill-word', '\x19': 'yank',
  '\x03': 'interrupt', '\x0c': 'clear-screen', '\x04': 'eof',
}

const PASTE_START = '\x1b[200~'
const PASTE_END = '\x1b[201~'

/** Split one chunk of terminal input into keys. Runs of printable characters become one `text` key. */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = []
  let i = 0
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      const end = data.indexOf(PASTE_END, i + PASTE_START.length)
      const stop = end < 0 ? data.length : end
      keys.push({ kind: 'paste', text: data.slice(i + PASTE_START.length, stop) })
      i = end < 0 ? data.length : end + PASTE_END.length
      continue
    }
    const ch = data[i]
    if (ch === '\x1b') {
      const m = /^\x1b(?:\[([0-9;?]*[A-Za-z~])|O([A-Za-z])|([bf])|(\x7f))?/.exec(data.slice(i))!
      const [all, csi, ss3, alt, altBs] = m
      let kind: Key['kind'] = 'unknown'
      if (csi !== undefined) kind = CSI[csi] ?? 'unknown'
      else if (ss3 !== undefined) kind = CSI[ss3] ?? 'unknown'
      else if (alt !== undefined) kind = alt === 'b' ? 'word-left' : 'word-right'
      else if (altBs !== undefined) kind = 'kill-word'
      keys.push({ kind } as Key)
      i += all.length
      continue
    }
    const code = ch.charCodeAt(0)
    if (code < 32 || code === 127) {
      // \r\n counts as one Enter
      if (ch === '\n' && data[i - 1] === '\r') {
        i++
        continue
      }
      keys.push({ kind: CTRL[ch] ?? 'unknown' } as Key)
      i++
      continue
    }
    let j = i
    while (j < data.length) {
      const c = data.charCodeAt(j)
      if (c < 32 || c === 127) break
      j++
    }
    keys.push({ kind: 'text', text: data.slice(i, j) })
    i = j
  }
  return keys
}
