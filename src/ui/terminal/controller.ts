// The terminal's model: feeds keys to the line editor, runs complete lines through the shell, writes the screen.
// It knows nothing of xterm: a TermWriter (xterm in the page, a string buffer in tests) receives the output.

import type { Shell, ShellEffect } from '../../shell/types.ts'
import type { Trace } from '../../trace/types.ts'
import { parseKeys, type Key } from './keys.ts'
import * as L from './lineEditor.ts'
import { columns, crlf, redraw, toEnd, type LineLayout } from './render.ts'

export interface TermWriter {
  write(data: string): void
  cols(): number
}

export interface ControllerOptions {
  /** effects of a command other than `clear` (e.g. `edit`) */
  onEffect?: (e: ShellEffect) => void
  /** the packet traces of a command that sent traffic (curl, ping ...), for the replay */
  onTraces?: (command: string, traces: Trace[]) => void
  /** initial history (restored from storage) and a callback when it grows */
  history?: readonly string[]
  onHistory?: (history: readonly string[]) => void
}

const CLEAR_SCREEN = '\x1b[H\x1b[2J'
const CLEAR_ALL = '\x1b[H\x1b[2J\x1b[3J'
const TRANSCRIPT_LIMIT = 400_000

export class TerminalController {
  private line: L.LineState
  private layout: LineLayout = { cursorRow: 0 }
  private writer: TermWriter | undefined
  /** everything written since the last full clear, replayed to a newly attached screen */
  private transcript = ''
  private prompt: string
  /** inside a heredoc or a continued line: lines there are not history entries */
  private continuing = false
  private lastKeyTab = false

  constructor(readonly shell: Shell, private readonly opts: ControllerOptions = {}) {
    this.line = L.emptyLine(opts.history ?? [])
    this.prompt = shell.prompt()
    this.transcript = this.prompt
  }

  /** Connect a screen; the output so far is replayed on it. Returns a detach function. */
  attach(writer: TermWriter): () => void {
    this.writer = writer
    if (this.transcript) writer.write(this.transcript)
    return () => {
      if (this.writer === writer) this.writer = undefined
    }
  }

  get state(): Readonly<L.LineState> {
    return this.line
  }

  private cols(): number {
    return this.writer?.cols() ?? 80
  }

  private write(data: string): void {
    if (!data) return
    const cleared = data.lastIndexOf(CLEAR_ALL)
    this.transcript = cleared >= 0 ? data.slice(cleared) : this.transcript + data
    if (this.transcript.length > TRANSCRIPT_LIMIT) {
      const cut = this.transcript.indexOf('\r\n', this.transcript.length - TRANSCRIPT_LIMIT)
      if (cut >= 0) this.transcript = this.transcript.slice(cut + 2)
    }
    this.writer?.write(data)
  }

  private render(): void {
    const r = redraw(this.layout, this.prompt, this.line.buffer, this.line.cursor, this.cols())
    this.layout = r.layout
    this.write(r.out)
  }

  /** Leave the edited line as it stands on screen and go to the next row. */
  private endLine(suffix = ''): void {
    this.write(toEnd(this.layout, this.prompt, this.line.buffer, this.cols()) + suffix + '\r\n')
    this.layout = { cursorRow: 0 }
  }

  private newPrompt(): void {
    this.prompt = this.shell.prompt()
    this.layout = { cursorRow: 0 }
    this.render()
  }

  /** Raw input from the terminal (keys, escape sequences, pastes). */
  input(data: string): void {
    for (const key of parseKeys(data)) this.key(key)
  }

  private key(key: Key): void {
    const wasTab = this.lastKeyTab
    this.lastKeyTab = key.kind === 'tab'
    const s = this.line
    switch (key.kind) {
      case 'text':
        return this.edit(L.insert(s, key.text))
      case 'paste':
        return this.paste(key.text)
      case 'enter':
        return this.enter()
      case 'backspace':
        return this.edit(L.backspace(s))
      case 'delete':
        return this.edit(L.deleteForward(s))
      case 'eof':
        return this.edit(L.deleteForward(s))
      case 'left':
        return this.edit(L.moveTo(s, s.cursor - 1))
      case 'right':
        return this.edit(L.moveTo(s, s.cursor + 1))
      case 'home':
        return this.edit(L.moveTo(s, 0))
      case 'end':
        return this.edit(L.moveTo(s, s.buffer.length))
      case 'word-left':
        return this.edit(L.wordLeft(s))
      case 'word-right':
        return this.edit(L.wordRight(s))
      case 'up':
        return this.edit(L.historyUp(s))
      case 'down':
        return this.edit(L.historyDown(s))
      case 'kill-line-start':
        return this.edit(L.killToStart(s))
      case 'kill-line-end':
        return this.edit(L.killToEnd(s))
      case 'kill-word':
        return this.edit(L.killWord(s))
      case 'yank':
        return this.edit(L.yank(s))
      case 'tab':
        return this.complete(wasTab)
      case 'interrupt':
        return this.interrupt()
      case 'clear-screen':
        this.write(CLEAR_SCREEN)
        this.layout = { cursorRow: 0 }
        return this.render()
      case 'unknown':
        return
    }
  }

  private edit(next: L.LineState): void {
    if (next === this.line) return
    this.line = next
    this.render()
  }

  /** Pasted text: every line ends like an Enter; tabs are literal (bracketed paste). */
  private paste(text: string): void {
    const parts = text.replace(/\r\n?/g, '\n').split('\n')
    parts.forEach((part, i) => {
      if (part) this.edit(L.insert(this.line, part))
      if (i < parts.length - 1) this.enter()
    })
  }

  private enter(): void {
    const text = this.line.buffer
    this.endLine()
    this.line = this.continuing ? L.resetLine(this.line) : L.submit(this.line, text)
    if (!this.continuing) this.opts.onHistory?.(this.line.history)
    this.execute(text)
  }

  /** Run one line through the shell and print what it printed; then the next prompt. */
  private execute(text: string): void {
    let outcome
    try {
      outcome = this.shell.run(text)
    } catch (e) {
      // a bug in a command must not kill the terminal
      this.continuing = false
      this.write(crlf(`kubelab: internal error: ${e instanceof Error ? e.message : String(e)}\n`))
      return this.newPrompt()
    }
    if (!outcome.done) {
      this.continuing = true
      return this.newPrompt()
    }
    this.continuing = false
    let clear = false
    for (const e of outcome.effects) {
      if (e.kind === 'clear') clear = true
      else this.opts.onEffect?.(e)
    }
    if (outcome.traces?.length) this.opts.onTraces?.(outcome.command, outcome.traces)
    if (clear) this.write(CLEAR_ALL)
    for (const text of [outcome.stdout, outcome.stderr]) {
      if (!text) continue
      this.write(crlf(text.endsWith('\n') ? text : text + '\n'))
    }
    this.newPrompt()
  }

  private interrupt(): void {
    this.endLine('^C')
    if (this.continuing) this.shell.cancel()
    this.continuing = false
    this.line = L.resetLine(this.line)
    this.newPrompt()
  }

  private complete(secondTab: boolean): void {
    const s = this.line
    let c
    try {
      c = this.shell.complete(s.buffer.slice(0, s.cursor))
    } catch {
      return
    }
    const word = s.buffer.slice(c.start, s.cursor)
    if (c.candidates.length === 0) return this.write('\x07')
    if (c.candidates.length === 1) {
      const only = c.replacement || c.candidates[0]
      const space = /[\s/=]$/.test(only) ? '' : ' '
      return this.edit(L.replaceWord(s, c.start, only + space))
    }
    if (c.replacement.length > word.length && c.replacement.startsWith(word)) {
      this.lastKeyTab = true
      return this.edit(L.replaceWord(s, c.start, c.replacement))
    }
    if (!secondTab) return this.write('\x07')
    this.endLine()
    this.write(crlf(columns(c.candidates, this.cols())))
    this.render()
  }

  /**
   * Run a command as if the learner typed it at the prompt (the editor's Apply button): the command and its
   * output appear in the terminal. A half-typed line is put back on the next prompt.
   */
  runCommand(command: string): void {
    if (this.continuing) this.interrupt()
    const saved = this.line
    this.line = { ...L.resetLine(saved), buffer: command, cursor: command.length }
    this.render()
    this.endLine()
    this.line = L.submit(this.line, command)
    this.opts.onHistory?.(this.line.history)
    this.execute(command)
    if (saved.buffer) this.edit({ ...this.line, buffer: saved.buffer, cursor: saved.cursor })
  }
}
