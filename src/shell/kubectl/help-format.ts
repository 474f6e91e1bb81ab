// kubectl's help layout (k8s.io/kubectl pkg/util/templates): LongDesc/Examples normalising, the flag list
// (`    -o, --output='':` then a tab-indented usage wrapped at 110), word wrapping at a 120-column terminal.

import type { FlagSpec } from './flags.ts'

/** The terminal width kubectl assumes here (term.GetWordWrapperLimit caps at 120). */
export const WRAP_LIMIT = 120
const FLAG_OFFSET = 10

/** mitchellh/go-wordwrap WrapString: breaks at spaces so lines stay within lim; longer words stay whole. */
export function wordWrap(s: string, lim: number): string {
  let out = ''
  let current = 0
  let word = ''
  let space = ''
  for (const ch of s) {
    if (ch === '\n') {
      out += space + word + ch
      space = ''
      word = ''
      current = 0
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length
        out += space + word
        space = ''
        word = ''
      }
      space += ch
    } else {
      word += ch
      if (current + space.length + word.length > lim && word.length < lim) {
        out += '\n'
        current = 0
        space = ''
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) out += space
  } else {
    out += space + word
  }
  return out
}

function dedent(text: string): string[] {
  const lines = text.replace(/^\n+/, '').replace(/\s+$/, '').split('\n')
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^\s*/)![0].length)
  const min = indents.length ? Math.min(...indents) : 0
  return lines.map((l) => l.slice(min))
}

/**
 * templates.LongDesc: markdown rendered by kubectl's ASCII renderer: each paragraph becomes one line whose
 * source lines are joined with single spaces and which starts with a space (the very first one trimmed).
 * Lines starting with `* ` are list items kept on their own line.
 */
export function longDesc(text: string): string {
  const paras: string[][] = [[]]
  for (const line of dedent(text)) {
    if (!line.trim()) {
      if (paras[paras.length - 1].length) paras.push([])
      continue
    }
    paras[paras.length - 1].push(line.trim())
  }
  const rendered = paras.filter((p) => p.length).map((p) => {
    if (p[0].startsWith('* ')) return '\n' + p.map((l) => '* ' + l.slice(2).trim()).join('\n')
    return p.map((l) => ' ' + l).join('')
  })
  return rendered.join('\n\n').trim()
}

/** templates.Examples: trimmed lines, each indented by two spaces. */
export function examples(text: string): string {
  return dedent(text).map((l) => '  ' + l.trim()).join('\n')
}

/** How pflag shows a flag's default in help: strings quoted, lists `[]`. */
function defValue(f: FlagSpec): string {
  const d = f.default
  switch (f.type) {
    case 'bool': return String(d ?? false)
    case 'int': return String(d ?? 0)
    case 'stringArray': return `[${((d as string[] | undefined) ?? []).join(',')}]`
    case 'duration': return String(d ?? '0s')
    default: return `'${String(d ?? '')}'`
  }
}

/** One flag entry: `    -o, --output='':\n\t<usage wrapped at 110>\n\n` */
export function flagUsage(f: FlagSpec): string {
  const head = f.short ? `    -${f.short}, --${f.name}=${defValue(f)}:` : `    --${f.name}=${defValue(f)}:`
  const usage = wordWrap(f.usage ?? '', WRAP_LIMIT - FLAG_OFFSET)
  return head + '\n\t' + usage.replace(/\n/g, '\n\t') + '\n\n'
}

/** The Options section: the verb's own flags sorted by name (pflag sorts), `help` left out. */
export function flagsUsages(flags: readonly FlagSpec[]): string {
  return [...flags].filter((f) => f.name !== 'help').sort((a, b) => (a.name < b.name ? -1 : 1)).map(flagUsage).join('')
}

export interface HelpSpec {
  /** the Long text already normalised by longDesc (or the Short when there is no Long) */
  long: string
  /** already normalised by examples() */
  example?: string
  aliases?: string[]
  name: string
  /** sub-commands table (rollout): [name, short] */
  subcommands?: [string, string][]
  flags: readonly FlagSpec[]
  /** cobra UseLine: `kubectl expose (-f FILENAME | TYPE NAME) ...` with ` [options]` appended when missing */
  use?: string
  /** `Use "kubectl rollout <command> --help" ...` for commands with sub-commands */
  commandPath: string
}

/** The whole `kubectl VERB --help` text without the final global-options line (the Verb.help contract). */
export function renderHelp(h: HelpSpec): string {
  const parts: string[] = [wordWrap(h.long.trim(), WRAP_LIMIT)]
  if (h.aliases?.length) parts.push(`Aliases:\n${[h.name, ...h.aliases].join(', ')}`)
  if (h.example) parts.push('Examples:\n' + wordWrap(h.example.replace(/\s+$/, ''), WRAP_LIMIT))
  if (h.subcommands?.length) {
    const pad = Math.max(11, ...h.subcommands.map(([n]) => n.length))
    parts.push('Available Commands:\n' + h.subcommands.map(([n, s]) => `  ${n.padEnd(pad)}   ${s}`).join('\n'))
  }
  const opts = flagsUsages(h.flags).replace(/\s+$/, '')
  if (opts) parts.push('Options:\n' + opts)
  if (h.use) {
    const line = h.use.includes('[options]') ? h.use : `${h.use} [options]`
    parts.push('Usage:\n  ' + wordWrap(line, WRAP_LIMIT))
  }
  if (h.subcommands?.length) parts.push(`Use "${h.commandPath} <command> --help" for more information about a given command.`)
  return parts.join('\n\n')
}
