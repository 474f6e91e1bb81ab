// Simple commands: echo, true, false, pwd, whoami, hostname, clear, sleep, date, env, printenv.

import type { Command } from '../types.ts'
import { fail, ok, usageError } from './util.ts'

const ECHO_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

/** bash's `echo -e` escape processing; `\c` stops all further output (returned as stop=true). */
function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c !== '\\' || i + 1 >= s.length) {
      out += c
      continue
    }
    const n = s[++i]
    if (n in ECHO_ESCAPES) out += ECHO_ESCAPES[n]
    else if (n === 'c') return { text: out, stop: true }
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0]
      out += String.fromCharCode(parseInt(m || '0', 8))
      i += m.length
    } else if (n === 'x' && /^[0-9a-fA-F]/.test(s.slice(i + 1))) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))![0]
      out += String.fromCharCode(parseInt(m, 16))
      i += m.length
    } else if ((n === 'u' || n === 'U') && /^[0-9a-fA-F]/.test(s.slice(i + 1))) {
      const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(s.slice(i + 1))![0]
      out += String.fromCodePoint(parseInt(m, 16))
      i += m.length
    } else out += '\\' + n
  }
  return { text: out, stop: false }
}

export const echo: Command = ({ args }) => {
  let newline = true
  let escapes = false
  let i = 0
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    for (const f of args[i].slice(1)) {
      if (f === 'n') newline = false
      else if (f === 'e') escapes = true
      else escapes = false
    }
  }
  const text = args.slice(i).join(' ')
  if (!escapes) return ok(text + (newline ? '\n' : ''))
  const r = echoEscapes(text)
  return ok(r.text + (newline && !r.stop ? '\n' : ''))
}

export const trueCmd: Command = () => ok()
export const falseCmd: Command = () => fail('', 1)

export const pwd: Command = ({ fs }) => ok(fs.cwd + '\n')

export const whoami: Command = () => ok('root\n')

export const hostname: Command = ({ host }) => ok((host.kind === 'node' ? host.node : host.pod) + '\n')

export const clear: Command = ({ effect }) => {
  effect({ kind: 'clear' })
  return ok()
}

const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `sleep 5`, `sleep 0.5`, `sleep 2m`: advances the cluster's virtual clock (controllers settle meanwhile). */
export const sleep: Command = ({ args, cluster }) => {
  const operands = args.filter((a) => a !== '--')
  if (operands.length === 0) return usageError('sleep', 'missing operand')
  let ms = 0
  for (const a of operands) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a)
    if (!m) return usageError('sleep', `invalid time interval ‘${a}’`)
    ms += Number(m[1]) * UNITS[m[2]]
  }
  cluster.advance(Math.round(ms))
  return ok()
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c)

/** strftime for the specifiers people use, in UTC (the nodes' time zone). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms)
  const map: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()],
    h: () => MONTHS[d.getUTCMonth()],
    d: () => pad(d.getUTCDate()),
    e: () => pad(d.getUTCDate(), 2, ' '),
    H: () => pad(d.getUTCHours()),
    M: () => pad(d.getUTCMinutes()),
    S: () => pad(d.getUTCSeconds()),
    m: () => pad(d.getUTCMonth() + 1),
    Y: () => String(d.getUTCFullYear()),
    y: () => pad(d.getUTCFullYear() % 100),
    Z: () => 'UTC',
    z: () => '+0000',
    s: () => String(Math.floor(ms / 1000)),
    N: () => pad((ms % 1000) * 1_000_000, 9),
    F: () => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    T: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    '%': () => '%',
    n: () => '\n',
    t: () => '\t',
  }
  return fmt.replace(/%(.)/g, (m, c: string) => (map[c] ? map[c]() : m))
}

export const date: Command = ({ args, cluster }) => {
  let fmt = '%a %b %e %H:%M:%S %Z %Y'
  for (const a of args) {
    if (a.startsWith('+')) fmt = a.slice(1)
    else if (a === '-u' || a === '--utc' || a === '-R') {
      if (a === '-R') fmt = '%a, %d %b %Y %H:%M:%S %z'
    } else if (a.startsWith('-')) return usageError('date', `invalid option -- '${a.slice(1, 2)}'`)
    else return fail(`date: invalid date ‘${a}’\n`)
  }
  return ok(strftime(fmt, cluster.clock.now()) + '\n')
}

export const env: Command = (ctx) => {
  const extra: Record<string, string> = {}
  let i = 0
  for (; i < ctx.args.length; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(ctx.args[i])
    if (!m) break
    extra[m[1]] = m[2]
  }
  const all = { ...ctx.env, ...extra }
  if (i < ctx.args.length) {
    if (!ctx.runIn) return fail(`env: ‘${ctx.args[i]}’: No such file or directory\n`, 127)
    return ctx.runIn(ctx.host, ctx.args.slice(i), ctx.stdin)
  }
  return ok(Object.entries(all).map(([k, v]) => `${k}=${v}\n`).join(''))
}

export const printenv: Command = ({ args, env: vars }) => {
  if (args.length === 0) return ok(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''))
  let out = ''
  let code = 0
  for (const a of args) {
    if (a in vars) out += vars[a] + '\n'
    else code = 1
  }
  return { stdout: out, stderr: '', exitCode: code }
}
