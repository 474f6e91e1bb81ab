// Name and key format checks with the API server's exact messages (apimachinery pkg/util/validation).
// Each returns a list of messages (empty when valid), as upstream's Is* functions do.

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + '(\\.' + DNS1123_LABEL_FMT + ')*'
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?'
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const LABEL_VALUE_FMT = '(' + QUALIFIED_NAME_FMT + ')?'
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+'

const dns1123Label = new RegExp('^' + DNS1123_LABEL_FMT + '$')
const dns1123Subdomain = new RegExp('^' + DNS1123_SUBDOMAIN_FMT + '$')
const dns1035Label = new RegExp('^' + DNS1035_LABEL_FMT + '$')
const qualifiedName = new RegExp('^' + QUALIFIED_NAME_FMT + '$')
const labelValue = new RegExp('^' + LABEL_VALUE_FMT + '$')
const configMapKey = new RegExp('^' + CONFIG_MAP_KEY_FMT + '$')

/** `must be no more than 63 characters` */
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`
}

export function emptyError(): string {
  return 'must be non-empty'
}

/** msg + ` (e.g. 'a',  or 'b', regex used for validation is '...')` (the double space is upstream's). */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`
  let s = msg + ' (e.g. '
  examples.forEach((e, i) => {
    if (i > 0) s += ' or '
    s += `'${e}', `
  })
  return s + `regex used for validation is '${fmt}')`
}

const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const CONFIG_MAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = []
  if (v.length > 63) errs.push(maxLenError(63))
  if (!dns1123Label.test(v)) errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'))
  return errs
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = []
  if (v.length > 253) errs.push(maxLenError(253))
  if (!dns1123Subdomain.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'))
  return errs
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = []
  if (v.length > 63) errs.push(maxLenError(63))
  if (!dns1035Label.test(v)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'))
  return errs
}

/** Label keys and annotation keys: `[prefix/]name`. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = []
  const parts = v.split('/')
  let name: string
  if (parts.length === 1) {
    name = parts[0]
  } else if (parts.length === 2) {
    const prefix = parts[0]
    name = parts[1]
    if (prefix.length === 0) errs.push('prefix part ' + emptyError())
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m)
  } else {
    return ['a qualified name ' + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') +
      " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
  }
  if (name.length === 0) errs.push('name part ' + emptyError())
  else if (name.length > 63) errs.push('name part ' + maxLenError(63))
  if (!qualifiedName.test(name)) errs.push('name part ' + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc'))
  return errs
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = []
  if (v.length > 63) errs.push(maxLenError(63))
  if (v !== '' && !labelValue.test(v)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'))
  return errs
}

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = []
  if (v.length > 253) errs.push(maxLenError(253))
  if (!configMapKey.test(v)) errs.push(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'))
  if (v === '.') errs.push("must not be '.'")
  else if (v === '..') errs.push("must not be '..'")
  else if (v.startsWith('..')) errs.push("must not start with '..'")
  return errs
}

export function isValidPortNum(p: number): string[] {
  return p >= 1 && p <= 65535 ? [] : ['must be between 1 and 65535, inclusive']
}

/** IANA_SVC_NAME: named ports (container ports, targetPort by name). */
export function isValidPortName(v: string): string[] {
  const errs: string[] = []
  if (v.length > 15) errs.push(maxLenError(15))
  if (!/^[-a-z0-9]+$/.test(v)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(v)) errs.push('must contain at least one letter (a-z)')
  if (v.includes('--')) errs.push('must not contain consecutive hyphens')
  if (v.length > 0 && (v[0] === '-' || v[v.length - 1] === '-')) errs.push('must not begin or end with a hyphen')
  return errs
}

/** Loose IPv4/IPv6 parse (ParseIPSloppy accepts leading zeros in IPv4). */
export function parseIPv4(v: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v)
  if (!m) return undefined
  let n = 0
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i])
    if (o > 255) return undefined
    n = n * 256 + o
  }
  return n
}

export function isIPv6(v: string): boolean {
  if (!v.includes(':') || !/^[0-9a-fA-F:.]+$/.test(v)) return false
  const dbl = v.split('::')
  if (dbl.length > 2) return false
  const groups = v.split(':').filter((g) => g !== '')
  if (groups.some((g) => g.length > 4 && !g.includes('.'))) return false
  return dbl.length === 2 ? groups.length < 8 : groups.length === 8
}

export function isValidIP(v: string): boolean {
  return parseIPv4(v) !== undefined || isIPv6(v)
}

export const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'

export function ipToString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** `10.96.0.0/12` -> network base and size; undefined when malformed. */
export function parseCIDR(cidr: string): { base: number; bits: number; size: number } | undefined {
  const [ip, b] = cidr.split('/')
  const n = parseIPv4(ip ?? '')
  const bits = Number(b)
  if (n === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined
  const size = 2 ** (32 - bits)
  const base = n - (n % size)
  return { base, bits, size }
}
