// kubectl's flag parsing (spf13/pflag semantics): --name=value, --name value, -n value, -nvalue, bool flags,
// repeated flags for arrays, `--` ends flags. Errors carry pflag's exact text.

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'duration'

export interface FlagSpec {
  name: string
  short?: string
  type: FlagType
  default?: string | number | boolean | string[]
  /** help line for `kubectl VERB --help` */
  usage?: string
  /** pflag NoOptDefVal: `--dry-run` alone means `--dry-run=unchanged`... and `-o` never */
  noOptDefault?: string
  /** cobra MarkFlagRequired: checked after parsing, before the verb runs (`required flag(s) "image" not set`) */
  required?: boolean
}

export type FlagValue = string | number | boolean | string[]

export interface ParsedFlags {
  values: Record<string, FlagValue>
  /** flags the user actually set */
  set: Set<string>
  positional: string[]
  /** arguments after `--` (for exec, run) */
  afterDash: string[] | undefined
}

export class FlagError extends Error {}

/** Flags every kubectl verb accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'help', short: 'h', type: 'bool', default: false, usage: 'help for this command' },
  { name: 'kubeconfig', type: 'string', default: '', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'context', type: 'string', default: '', usage: 'The name of the kubeconfig context to use' },
  { name: 'v', short: 'v', type: 'string', default: '0', usage: 'number for the log level verbosity' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
]

function defaultOf(s: FlagSpec): FlagValue {
  if (s.default !== undefined) return Array.isArray(s.default) ? [...s.default] : s.default
  switch (s.type) {
    case 'bool': return false
    case 'int': return 0
    case 'stringArray': return []
    default: return ''
  }
}

function parseBool(v: string, flag: string): boolean {
  if (['true', 't', '1', 'T', 'TRUE', 'True'].includes(v)) return true
  if (['false', 'f', '0', 'F', 'FALSE', 'False'].includes(v)) return false
  throw new FlagError(`invalid argument "${v}" for "${flag}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`)
}

function assign(out: ParsedFlags, s: FlagSpec, raw: string): void {
  out.set.add(s.name)
  // pflag names the flag in invalid-argument errors as `-r, --replicas` or `--port`
  const shown = s.short ? `-${s.short}, --${s.name}` : `--${s.name}`
  switch (s.type) {
    case 'bool':
      out.values[s.name] = parseBool(raw, shown)
      return
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`)
      out.values[s.name] = parseInt(raw, 10)
      return
    }
    case 'stringArray': {
      const prev = out.values[s.name] as string[]
      out.values[s.name] = [...prev, raw]
      return
    }
    default:
      out.values[s.name] = raw
  }
}

/**
 * Parse args against specs (verb flags + GLOBAL_FLAGS). pflag interleaves flags and positionals.
 * Throws FlagError with pflag's message (`unknown flag: --foo`, `unknown shorthand flag: 'z' in -z`,
 * `flag needs an argument: --namespace`, `flag needs an argument: 'n' in -n`).
 */
export function parseFlags(args: readonly string[], verbSpecs: readonly FlagSpec[]): ParsedFlags {
  const specs = [...verbSpecs, ...GLOBAL_FLAGS.filter((g) => !verbSpecs.some((v) => v.name === g.name))]
  const byName = new Map(specs.map((s) => [s.name, s]))
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]))
  const out: ParsedFlags = { values: {}, set: new Set(), positional: [], afterDash: undefined }
  for (const s of specs) out.values[s.name] = defaultOf(s)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--') {
      out.afterDash = args.slice(i + 1)
      break
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      const s = byName.get(name)
      if (!s) throw new FlagError(`unknown flag: --${name}`)
      if (eq >= 0) assign(out, s, a.slice(eq + 1))
      else if (s.type === 'bool') assign(out, s, 'true')
      else if (s.noOptDefault !== undefined) assign(out, s, s.noOptDefault)
      else if (i + 1 < args.length) assign(out, s, args[++i])
      else throw new FlagError(`flag needs an argument: --${name}`)
      continue
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      // shorthand cluster: -it, -n default, -ndefault, -o=yaml
      let j = 1
      while (j < a.length) {
        const c = a[j]
        const s = byShort.get(c)
        if (!s) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`)
        const rest = a.slice(j + 1)
        if (s.type === 'bool') {
          if (rest.startsWith('=')) {
            assign(out, s, rest.slice(1))
            break
          }
          assign(out, s, 'true')
          j++
          continue
        }
        if (rest.length) assign(out, s, rest.startsWith('=') ? rest.slice(1) : rest)
        else if (s.noOptDefault !== undefined) assign(out, s, s.noOptDefault)
        else if (i + 1 < args.length) assign(out, s, args[++i])
        else throw new FlagError(`flag needs an argument: '${c}' in ${a}`)
        break
      }
      continue
    }
    out.positional.push(a)
  }
  return out
}

export function str(p: ParsedFlags, name: string): string {
  return String(p.values[name] ?? '')
}
export function bool(p: ParsedFlags, name: string): boolean {
  return p.values[name] === true
}
export function int(p: ParsedFlags, name: string): number {
  return Number(p.values[name] ?? 0)
}
export function arr(p: ParsedFlags, name: string): string[] {
  return (p.values[name] as string[] | undefined) ?? []
}
