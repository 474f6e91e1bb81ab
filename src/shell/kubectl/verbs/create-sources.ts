// Data sources of `kubectl create configmap|secret`: --from-literal, --from-file=[key=]path (file or directory),
// --from-env-file, with kubectl's parsing and error texts (pkg/cmd/util, pkg/util); base64 for Secret data.

import type { CommandContext } from '../../types.ts'
import { CliError } from '../aggregate.ts'

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/

/** validation.IsConfigMapKey */
export function configKeyErrors(key: string): string[] {
  const errs: string[] = []
  if (key.length > 253) errs.push('must be no more than 253 characters')
  if (!CONFIG_KEY.test(key)) errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")
  if (key === '.') errs.push("must not be '.'")
  else if (key === '..') errs.push("must not be '..'")
  else if (key.startsWith('..')) errs.push("must not start with '..'")
  return errs
}

/** util.ParseLiteralSource */
export function parseLiteral(source: string): [string, string] {
  if (source.indexOf('=') === 0) throw new CliError(`invalid literal source ${source}, expected key=value`)
  const i = source.indexOf('=')
  if (i < 0) throw new CliError(`invalid literal source ${source}, expected key=value`)
  return [source.slice(0, i), source.slice(i + 1)]
}

/** util.ParseFileSource */
export function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1
  if (n === 0) return [source.split('/').filter(Boolean).pop() ?? source, source]
  if (n === 1 && source.startsWith('=')) throw new CliError(`key name for file path ${source.slice(1)} missing`)
  if (n === 1 && source.endsWith('=')) throw new CliError(`file path for key name ${source.slice(0, -1)} missing`)
  if (n > 1) throw new CliError("key names or file paths cannot contain '='")
  const [k, p] = source.split('=')
  return [k, p]
}

/** The (key, content) pairs of one --from-file source; a directory gives each regular file in it. */
export function readFileSource(ctx: CommandContext, source: string): [string, string][] {
  const [key, path] = parseFileSource(source)
  if (!ctx.fs.exists(path)) throw new CliError(`error reading ${path}: no such file or directory`)
  if (ctx.fs.isDir(path)) {
    if (source.includes('=')) throw new CliError('cannot give a key name for a directory path')
    const out: [string, string][] = []
    for (const name of ctx.fs.list(path) ?? []) {
      const p = path.endsWith('/') ? path + name : `${path}/${name}`
      if (!ctx.fs.isDir(p)) out.push([name, ctx.fs.read(p) ?? ''])
    }
    return out
  }
  return [[key, ctx.fs.read(path) ?? '']]
}

/** cmdutil.AddFromEnvFile: KEY=VALUE lines; blank lines and # comments skipped; a bare KEY takes the environment's value. */
export function readEnvFile(ctx: CommandContext, path: string, kind: 'config' | 'secret'): [string, string][] {
  if (!ctx.fs.exists(path)) throw new CliError(`error reading ${path}: no such file or directory`)
  if (ctx.fs.isDir(path)) throw new CliError(`env ${kind} file cannot be a directory`)
  const out: [string, string][] = []
  const lines = (ctx.fs.read(path) ?? '').split('\n')
  lines.forEach((raw, i) => {
    let line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw
    line = line.replace(/\r$/, '').replace(/^\s+/, '')
    if (line === '' || line.startsWith('#')) return
    const eq = line.indexOf('=')
    const key = eq < 0 ? line : line.slice(0, eq)
    if (!ENV_NAME.test(key)) {
      throw new CliError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`)
    }
    if (eq >= 0) out.push([key, line.slice(eq + 1)])
    else if (ctx.env[key] !== undefined) out.push([key, ctx.env[key]])
  })
  return out
}

/** UTF-8 bytes of a string (no TextEncoder in the model's lib). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = []
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return out
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Standard base64 of the UTF-8 encoding, as Go's encoding/json writes []byte. */
export function base64(s: string): string {
  const b = utf8Bytes(s)
  let out = ''
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
    out += i + 1 < b.length ? B64[(n >> 6) & 63] : '='
    out += i + 2 < b.length ? B64[n & 63] : '='
  }
  return out
}

/** A map with keys in Go's sorted order (what the YAML/JSON printers show). */
export function sortedRecord(entries: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of [...entries.keys()].sort()) out[k] = entries.get(k)!
  return out
}
