// A tiny VT screen for tests: enough of xterm's behaviour (wrap, CR/LF, cursor moves, erase) to check what the
// learner would see. Test helper only.

export class TestScreen {
  rows: string[][] = [[]]
  row = 0
  col = 0
  private pendingWrap = false

  constructor(readonly cols = 80) {}

  write(data: string): void {
    let i = 0
    while (i < data.length) {
      const ch = data[i]
      if (ch === '\x1b') {
        const m = /^\x1b\[([0-9;?]*)([A-Za-z~])/.exec(data.slice(i))
        if (m) {
          this.csi(m[1], m[2])
          i += m[0].length
          continue
        }
        i++
        continue
      }
      if (ch === '\r') { this.col = 0; this.pendingWrap = false }
      else if (ch === '\n') { this.row++; this.ensure(); this.pendingWrap = false }
      else if (ch === '\b') { if (this.pendingWrap) this.pendingWrap = false; else this.col = Math.max(0, this.col - 1) }
      else if (ch === '\x07') { /* bell */ }
      else this.put(ch)
      i++
    }
  }

  private ensure(): void {
    while (this.rows.length <= this.row) this.rows.push([])
  }

  private put(ch: string): void {
    if (this.pendingWrap) {
      this.row++
      this.col = 0
      this.pendingWrap = false
      this.ensure()
    }
    this.rows[this.row][this.col] = ch
    if (this.col === this.cols - 1) this.pendingWrap = true
    else this.col++
  }

  private csi(params: string, final: string): void {
    const n = Number(params.split(';')[0] || 1)
    this.pendingWrap = false
    switch (final) {
      case 'A': this.row = Math.max(0, this.row - n); break
      case 'B': this.row += n; this.ensure(); break
      case 'C': this.col = Math.min(this.cols - 1, this.col + n); break
      case 'D': this.col = Math.max(0, this.col - n); break
      case 'G': this.col = Math.min(this.cols - 1, n - 1); break
      case 'H': this.row = 0; this.col = 0; break
      case 'J':
        if (params === '2' || params === '3') { this.rows = this.rows.map(() => []) }
        else {
          this.rows[this.row].length = this.col
          this.rows.length = this.row + 1
        }
        break
      case 'K': this.rows[this.row].length = this.col; break
      default: break // modes (?2004h) and the rest
    }
  }

  /** The screen as text, trailing blanks trimmed, trailing empty rows dropped. */
  text(): string {
    const lines = this.rows.map((r) => Array.from({ length: r.length }, (_, i) => r[i] ?? ' ').join('').trimEnd())
    while (lines.length && lines[lines.length - 1] === '') lines.pop()
    return lines.join('\n')
  }
}
