// File commands on the workspace fs with GNU coreutils wording: cat, mkdir, rm, touch, cp, mv.

import type { Command, WorkspaceFs } from '../types.ts'
import { basename, dirname, isLabFs, normalizePath } from '../fs.ts'
import { fail, ok, parseOpts, readInputs, usageError } from './util.ts'

export const cat: Command = (ctx) => {
  const p = parseOpts('cat', ctx.args, { bool: 'nAEsbvTu', long: { number: 'n' } })
  if ('error' in p) return p.error
  let out = ''
  let err = ''
  let n = 0
  for (const input of readInputs(ctx, p.operands)) {
    if ('error' in input) {
      err += `cat: ${input.name}: ${input.error}\n`
      continue
    }
    if (p.flags.has('n')) {
      out += input.content.replace(/[^\n]*\n|[^\n]+$/g, (l) => `${String(++n).padStart(6)}\t${l}`)
    } else out += input.content
  }
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 }
}

export const mkdir: Command = (ctx) => {
  const p = parseOpts('mkdir', ctx.args, { bool: 'pv', value: 'm', long: { parents: 'p', verbose: 'v', 'mode=': 'm' } })
  if ('error' in p) return p.error
  if (p.operands.length === 0) return usageError('mkdir', 'missing operand')
  const { fs } = ctx
  let err = ''
  for (const d of p.operands) {
    const abs = fs.resolve(d)
    if (p.flags.has('p')) {
      const blocker = firstFileOnPath(fs, abs)
      if (blocker !== undefined) err += `mkdir: cannot create directory ‘${blocker === abs ? d : d.startsWith('/') ? blocker : relativeTo(fs, blocker)}’: ${blocker === abs ? 'File exists' : 'Not a directory'}\n`
      else fs.mkdir(abs)
      continue
    }
    if (fs.exists(abs)) err += `mkdir: cannot create directory ‘${d}’: File exists\n`
    else if (!fs.isDir(dirname(abs))) err += `mkdir: cannot create directory ‘${d}’: ${fs.exists(dirname(abs)) ? 'Not a directory' : 'No such file or directory'}\n`
    else fs.mkdir(abs)
  }
  return { stdout: '', stderr: err, exitCode: err ? 1 : 0 }
}

/** The first path prefix (including the path itself) that exists as a file. */
function firstFileOnPath(fs: WorkspaceFs, abs: string): string | undefined {
  let cur = ''
  for (const seg of abs.split('/').filter(Boolean)) {
    cur += '/' + seg
    if (fs.exists(cur) && !fs.isDir(cur)) return cur
  }
  return undefined
}

function relativeTo(fs: WorkspaceFs, abs: string): string {
  const base = fs.cwd === '/' ? '/' : fs.cwd + '/'
  return abs.startsWith(base) ? abs.slice(base.length) : abs
}

export const rm: Command = (ctx) => {
  const p = parseOpts('rm', ctx.args, { bool: 'frRiv', long: { force: 'f', recursive: 'r', verbose: 'v' } })
  if ('error' in p) return p.error
  const force = p.flags.has('f')
  const recursive = p.flags.has('r') || p.flags.has('R')
  if (p.operands.length === 0) return force ? ok() : usageError('rm', 'missing operand')
  let err = ''
  let out = ''
  for (const f of p.operands) {
    if (!ctx.fs.exists(f)) {
      if (!force) err += `rm: cannot remove '${f}': No such file or directory\n`
      continue
    }
    if (ctx.fs.isDir(f) && !recursive) {
      err += `rm: cannot remove '${f}': Is a directory\n`
      continue
    }
    ctx.fs.remove(f)
    if (p.flags.has('v')) out += `removed '${f}'\n`
  }
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 }
}

export const touch: Command = (ctx) => {
  const p = parseOpts('touch', ctx.args, { bool: 'acm' })
  if ('error' in p) return p.error
  if (p.operands.length === 0) return usageError('touch', 'missing file operand')
  let err = ''
  for (const f of p.operands) {
    const fs = ctx.fs
    if (isLabFs(fs)) {
      if (!fs.touch(f)) err += `touch: cannot touch '${f}': No such file or directory\n`
    } else if (!fs.exists(f)) {
      if (!fs.isDir(dirname(fs.resolve(f)))) err += `touch: cannot touch '${f}': No such file or directory\n`
      else fs.write(f, '')
    }
  }
  return { stdout: '', stderr: err, exitCode: err ? 1 : 0 }
}

function copyTree(fs: WorkspaceFs, from: string, to: string): void {
  if (!fs.isDir(from)) {
    fs.write(to, fs.read(from) ?? '')
    return
  }
  fs.mkdir(to)
  for (const name of fs.list(from) ?? []) copyTree(fs, `${from}/${name}`, `${to}/${name}`)
}

/** Shared by cp and mv: checks operands, resolves each source's destination, then calls `act`. */
function transfer(
  cmd: 'cp' | 'mv',
  args: readonly string[],
  fs: WorkspaceFs,
  act: (src: string, dest: string) => string | undefined,
  recursive: (flags: Map<string, string>) => boolean,
) {
  const p = parseOpts(cmd, args, { bool: cmd === 'cp' ? 'rRafivpn' : 'fivn', value: 't', long: { recursive: 'r', force: 'f', 'target-directory=': 't' } })
  if ('error' in p) return p.error
  let ops = p.operands
  let target = p.flags.get('t')
  if (ops.length === 0) return usageError(cmd, 'missing file operand')
  if (target === undefined) {
    if (ops.length === 1) return usageError(cmd, `missing destination file operand after '${ops[0]}'`)
    target = ops[ops.length - 1]
    ops = ops.slice(0, -1)
  }
  const targetIsDir = fs.isDir(target)
  if (ops.length > 1 && !targetIsDir) {
    return fail(fs.exists(target) ? `${cmd}: target '${target}' is not a directory\n` : `${cmd}: target '${target}': No such file or directory\n`)
  }
  let err = ''
  for (const src of ops) {
    if (!fs.exists(src)) {
      err += `${cmd}: cannot stat '${src}': No such file or directory\n`
      continue
    }
    if (cmd === 'cp' && fs.isDir(src) && !recursive(p.flags)) {
      err += `cp: -r not specified; omitting directory '${src}'\n`
      continue
    }
    const dest = targetIsDir ? `${normalizePath(fs.resolve(target))}/${basename(fs.resolve(src))}` : fs.resolve(target)
    if (fs.resolve(src) === dest) {
      err += `${cmd}: '${src}' and '${target}' are the same file\n`
      continue
    }
    if (!fs.isDir(dirname(dest))) {
      err += `${cmd}: cannot ${cmd === 'cp' ? 'create regular file' : 'move'} '${target}': No such file or directory\n`
      continue
    }
    const e = act(fs.resolve(src), dest)
    if (e) err += e
  }
  return { stdout: '', stderr: err, exitCode: err ? 1 : 0 }
}

export const cp: Command = (ctx) =>
  transfer('cp', ctx.args, ctx.fs, (src, dest) => {
    if (ctx.fs.isDir(dest) && !ctx.fs.isDir(src)) return `cp: cannot overwrite directory '${dest}' with non-directory\n`
    copyTree(ctx.fs, src, dest)
    return undefined
  }, (f) => f.has('r') || f.has('R') || f.has('a'))

export const mv: Command = (ctx) =>
  transfer('mv', ctx.args, ctx.fs, (src, dest) => {
    if (dest.startsWith(src + '/')) return `mv: cannot move '${src}' to a subdirectory of itself, '${dest}'\n`
    if (ctx.fs.isDir(dest) && !ctx.fs.isDir(src)) return `mv: cannot overwrite directory '${dest}' with non-directory\n`
    copyTree(ctx.fs, src, dest)
    ctx.fs.remove(src)
    return undefined
  }, () => true)
