// DNS name helpers in presentation form (absolute names with the trailing dot): zone matching, label splits,
// reverse-name <-> address (miekg/dns IsSubDomain, CoreDNS dnsutil.ExtractAddressFromReverse semantics).

export function isIPv4(s: string): boolean {
  const p = s.split('.')
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255 && (x === '0' || !x.startsWith('0')))
}

export function fqdn(name: string): string {
  return name.endsWith('.') ? name : name + '.'
}

/** Is `child` equal to or below `parent` (both absolute, case-insensitive)? */
export function isSubDomain(parent: string, child: string): boolean {
  const p = parent.toLowerCase(), c = child.toLowerCase()
  if (p === '.') return true
  return c === p || c.endsWith('.' + p)
}

/** The longest of `zones` that `name` is in, or '' (plugin.Zones.Matches). */
export function matchZone(zones: string[], name: string): string {
  let best = ''
  for (const z of zones) if (isSubDomain(z, name) && z.length > best.length) best = z
  return best
}

/** Labels of `name` left of `zone`: `web.default.svc.` in `cluster.local.` -> ['web', 'default', 'svc']. */
export function labelsBelow(name: string, zone: string): string[] {
  const n = name.toLowerCase()
  const base = zone === '.' ? n : n.slice(0, n.length - zone.length)
  return base.split('.').filter((x) => x !== '')
}

/** `5.1.244.10.in-addr.arpa.` -> `10.244.1.5`; '' when not a full IPv4 reverse name. */
export function addressFromReverse(name: string): string {
  const n = name.toLowerCase()
  const suffix = '.in-addr.arpa.'
  if (!n.endsWith(suffix)) return ''
  const parts = n.slice(0, -suffix.length).split('.')
  if (parts.length !== 4) return ''
  const ip = parts.reverse().join('.')
  return isIPv4(ip) ? ip : ''
}

export function reverseName(ip: string): string {
  return ip.split('.').reverse().join('.') + '.in-addr.arpa.'
}

export function isReverseName(name: string): boolean {
  const n = name.toLowerCase()
  return n.endsWith('in-addr.arpa.') || n.endsWith('ip6.arpa.')
}
