// `ls` as GNU coreutils prints it: columns on a terminal (80 wide), one per line into a pipe, -l, -a, -A, -1, -d, -r.

import type { Command, WorkspaceFs } from '../types.ts'
import { isLabFs, normalizePath, utf8Length } from '../fs.ts'
import { strftime } from './basic.ts'
import { parseOpts } from './util.ts'

const WIDTH = 80

/** Code point order, as in the C.UTF-8 locale (documented choice: deterministic, no locale tables). */
export function collate(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** GNU ls -C: as many columns as fit, filled top to bottom, two spaces between columns. */
export function columns(names: string[], width = WIDTH): string {
  if (names.length === 0) return ''
  const len = (s: string) => [...s].length
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols)
    const used = Math.ceil(names.length / rows)
    const widths: number[] = []
    for (let c = 0; c < used; c++) widths.push(Math.max(...names.slice(c * rows, c * rows + rows).map(len)))
    const total = widths.reduce((s, w) => s + w, 0) + 2 * (used - 1)
    if (total > width && cols > 1) continue
    let out = ''
    for (let r = 0; r < rows; r++) {
      const cells: string[] = []
      for (let c = 0; c < used; c++) {
        const i = c * rows + r
        if (i < names.length) cells.push(names[i])
      }
      out += cells.map((n, c) => (c === cells.length - 1 ? n : n + ' '.repeat(widths[c] - len(n) + 2))).join('') + '\n'
    }
    return out
  }
  return ''
}

interface Entry {
  name: string
  path: string
}

function linkCount(fs: WorkspaceFs, path: string): number {
  if (!fs.isDir(path)) return 1
  const sub = (n: string) => `${path === '/' ? '' : path}/${n}`
  return 2 + (fs.list(path) ?? []).filter((n) => fs.isDir(sub(n)) && !(isLabFs(fs) && fs.stat(sub(n))?.link !== undefined)).length
}

function sizeOf(fs: WorkspaceFs, path: string): number {
  if (fs.isDir(path)) return 4096
  return utf8Length(fs.read(path) ?? '')
}

function mtimeOf(fs: WorkspaceFs, path: string, now: number): number {
  return isLabFs(fs) ? (fs.stat(path)?.mtime ?? now) : now
}

/** `drwxrwxrwt`, `-rw-r--r--`, `lrwxrwxrwx` from a file type and permission bits. */
function modeText(kind: 'd' | '-' | 'l', mode: number): string {
  const r = (b: number, c: string) => (mode & b ? c : '-')
  const x = (b: number, special: number, on: string) => (mode & special ? (mode & b ? on : on.toUpperCase()) : r(b, 'x'))
  return kind + r(0o400, 'r') + r(0o200, 'w') + x(0o100, 0o4000, 's') + r(0o40, 'r') + r(0o20, 'w') + x(0o10, 0o2000, 's') + r(0o4, 'r') + r(0o2, 'w') + x(0o1, 0o1000, 't')
}

function longListing(fs: WorkspaceFs, entries: Entry[], now: number, withTotal: boolean): string {
  const rows = entries.map((e) => {
    const st = isLabFs(fs) ? fs.stat(e.path) : undefined
    const link = st?.link
    const dir = link === undefined && fs.isDir(e.path)
    const size = st?.mode !== undefined ? st.size : sizeOf(fs, e.path)
    const t = mtimeOf(fs, e.path, now)
    const recent = Math.abs(now - t) < 182 * 86_400_000
    return {
      mode: link !== undefined ? 'lrwxrwxrwx' : st?.mode !== undefined ? modeText(dir ? 'd' : '-', st.mode) : dir ? 'drwxr-xr-x' : '-rw-r--r--',
      links: link !== undefined ? '1' : String(linkCount(fs, e.path)),
      size: String(size),
      date: strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', t),
      name: link !== undefined ? `${e.name} -> ${link}` : e.name,
      blocks: st?.blocks ?? (dir ? 4 : Math.ceil(size / 4096) * 4),
    }
  })
  const lw = Math.max(0, ...rows.map((r) => r.links.length))
  const sw = Math.max(0, ...rows.map((r) => r.size.length))
  let out = withTotal ? `total ${rows.reduce((s, r) => s + r.blocks, 0)}\n` : ''
  for (const r of rows) out += `${r.mode} ${r.links.padStart(lw)} root root ${r.size.padStart(sw)} ${r.date} ${r.name}\n`
  return out
}

export const ls: Command = (ctx) => {
  const p = parseOpts('ls', ctx.args, { bool: 'laA1drhtFR', long: { all: 'a', 'almost-all': 'A', directory: 'd', reverse: 'r' } })
  if ('error' in p) return p.error
  const { fs } = ctx
  const f = p.flags
  const now = ctx.cluster.clock.now()
  const long = f.has('l')
  const onePerLine = f.has('1') || !ctx.tty
  const format = (entries: Entry[], withTotal: boolean) => {
    const sorted = entries.slice().sort((a, b) => collate(a.name, b.name))
    if (f.has('r')) sorted.reverse()
    if (long) return longListing(fs, sorted, now, withTotal)
    const names = sorted.map((e) => e.name + (f.has('F') && fs.isDir(e.path) ? '/' : ''))
    return onePerLine ? names.map((n) => n + '\n').join('') : columns(names)
  }
  const operands = p.operands.length ? p.operands : ['.']
  let err = ''
  const files: Entry[] = []
  const dirs: string[] = []
  for (const o of operands) {
    if (!fs.exists(o)) err += `ls: cannot access '${o}': No such file or directory\n`
    // -l shows a symlink operand itself unless it ends in `/` (GNU ls without -H/-L)
    else if (fs.isDir(o) && !f.has('d') && !(long && !o.endsWith('/') && isLabFs(fs) && fs.stat(o)?.link !== undefined)) dirs.push(o)
    else files.push({ name: o, path: normalizePath(fs.resolve(o)) })
  }
  const sections: string[] = []
  if (files.length) sections.push(format(files, false))
  dirs.sort(collate)
  for (const d of dirs) {
    const abs = normalizePath(fs.resolve(d))
    const entries: Entry[] = []
    if (f.has('a')) {
      entries.push({ name: '.', path: abs === '/' ? abs : abs + '/.' }, { name: '..', path: normalizePath(abs + '/..') })
    }
    for (const name of fs.list(abs) ?? []) {
      if (name.startsWith('.') && !f.has('a') && !f.has('A')) continue
      entries.push({ name, path: `${abs === '/' ? '' : abs}/${name}` })
    }
    const body = format(entries, true)
    sections.push(operands.length > 1 ? `${d}:\n${body}` : body)
  }
  return { stdout: sections.join('\n'), stderr: err, exitCode: err ? 2 : 0 }
}
