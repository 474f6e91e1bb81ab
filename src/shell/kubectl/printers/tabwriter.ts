// Go text/tabwriter (space padding, no flags) as kubectl uses it: tab-terminated cells, column blocks of
// consecutive lines, width = max(minwidth, widest cell + padding), the text after the last tab unpadded.

export interface TabOptions {
  minwidth: number
  padding: number
}

/** cli-runtime printers.GetNewTabWriter: minwidth 6, padding 3. */
export const TABLE_TABS: TabOptions = { minwidth: 6, padding: 3 }
/** kubectl describe's tabwriter: minwidth 0, padding 2. */
export const DESCRIBE_TABS: TabOptions = { minwidth: 0, padding: 2 }

const width = (s: string): number => [...s].length

/** Align text whose cells are separated by `\t`, lines by `\n`, as Go's tabwriter does on Flush. */
export function tabify(text: string, opts: TabOptions = TABLE_TABS): string {
  const lines = text.split('\n').map((l) => l.split('\t'))
  const widths: number[] = []
  let out = ''
  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = lines[i]
      for (let j = 0; j < line.length; j++) {
        const c = line[j]
        out += c
        if (j < widths.length && j < line.length - 1) out += ' '.repeat(Math.max(0, widths[j] - width(c)))
      }
      if (i + 1 < lines.length) out += '\n'
    }
  }
  const format = (line0: number, line1: number): void => {
    const column = widths.length
    let start = line0
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue
      writeLines(start, t)
      start = t
      let w = opts.minwidth
      for (; t < line1; t++) {
        const line = lines[t]
        if (column >= line.length - 1) break
        w = Math.max(w, width(line[column]) + opts.padding)
      }
      widths.push(w)
      format(start, t)
      widths.pop()
      start = t
      t--
    }
    writeLines(start, line1)
  }
  format(0, lines.length)
  return out
}
