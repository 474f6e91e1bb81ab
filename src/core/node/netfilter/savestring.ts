// libxtables' xtables_save_string: a value is printed bare when it is only [A-Za-z0-9_-], else double-quoted.

function safeChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45
}

/** the value with the leading space xtables_save_string prints */
export function saveString(value: string): string {
  let safe = value.length > 0
  for (let i = 0; safe && i < value.length; i++) safe = safeChar(value.charCodeAt(i))
  if (safe) return ' ' + value
  if (value.indexOf('"') < 0 && value.indexOf('\\') < 0 && value.indexOf("'") < 0) return ' "' + value + '"'
  let out = ' "'
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (ch === '"' || ch === '\\' || ch === "'") out += '\\'
    out += ch
  }
  return out + '"'
}

/**
 * Split one restore line into arguments the way iptables-restore does (add_param_to_argv): whitespace
 * separates, double quotes group, a backslash inside quotes escapes the next character.
 */
export function splitRestoreLine(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let inQuote = false
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (inQuote) {
      if (ch === '\\' && i + 1 < line.length) cur += line[++i]
      else if (ch === '"') inQuote = false
      else cur += ch
      continue
    }
    if (ch === '"') {
      inQuote = true
      quoted = true
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (cur.length || quoted) out.push(cur)
      cur = ''
      quoted = false
    } else cur += ch
  }
  if (cur.length || quoted) out.push(cur)
  return out
}
