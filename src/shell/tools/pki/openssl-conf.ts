// X.509 v3 extensions from OpenSSL config text (`-addext "subjectAltName=DNS:a"`, `-extfile` with an optional
// `-extensions` section, `@alt_names` sections): the keys tutorials use, as X509V3 parses them.

import { ext, type Extension, type GeneralName } from './x509.ts'

export type Sections = Map<string, [string, string][]>

/** `[ section ]` headers and `name = value` lines; lines before a header belong to `default` */
export function parseConf(text: string): Sections {
  const out: Sections = new Map([['default', []]])
  let cur = out.get('default')!
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim()
    if (!line) continue
    const h = /^\[\s*([^\]]+?)\s*\]$/.exec(line)
    if (h) { out.set(h[1], (cur = out.get(h[1]) ?? [])); continue }
    const eq = line.indexOf('=')
    if (eq > 0) cur.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()])
  }
  return out
}

function ipBytes(s: string): Uint8Array | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s)
  if (m) return Uint8Array.from(m.slice(1).map(Number))
  if (!s.includes(':')) return undefined
  const [head, tail] = s.split('::')
  const h = head ? head.split(':') : [], t = tail !== undefined && tail ? tail.split(':') : []
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t]
  const out = new Uint8Array(16)
  groups.forEach((g, i) => { const v = parseInt(g, 16); out[i * 2] = v >> 8; out[i * 2 + 1] = v & 0xff })
  return out
}

const KU: Record<string, string> = {
  digitalSignature: 'digitalSignature', nonRepudiation: 'nonRepudiation', keyEncipherment: 'keyEncipherment', dataEncipherment: 'dataEncipherment',
  keyAgreement: 'keyAgreement', keyCertSign: 'keyCertSign', cRLSign: 'cRLSign', encipherOnly: 'encipherOnly', decipherOnly: 'decipherOnly',
}

function altNames(value: string, conf: Sections): GeneralName[] {
  const out: GeneralName[] = []
  const add = (kind: string, v: string) => {
    if (kind === 'DNS') out.push({ kind: 'DNS', value: v })
    else if (kind === 'IP') { const b = ipBytes(v); if (!b) throw new Error(`bad ip address:value=${v}`); out.push({ kind: 'IP', value: b }) }
    else if (kind === 'email') out.push({ kind: 'email', value: v })
    else if (kind === 'URI') out.push({ kind: 'URI', value: v })
    else throw new Error(`unsupported option:name=${kind}`)
  }
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item.startsWith('@')) {
      for (const [k, v] of conf.get(item.slice(1)) ?? []) add(k.replace(/\.\d+$/, ''), v)
      continue
    }
    const c = item.indexOf(':')
    add(item.slice(0, c), item.slice(c + 1))
  }
  return out
}

export interface ExtContext { subjectKeyId: Uint8Array; issuerKeyId?: Uint8Array }

/** one `name = value` line as an extension; throws X509V3's message for what it does not know */
export function extensionFrom(name: string, value: string, conf: Sections, c: ExtContext): Extension | undefined {
  const critical = /^critical\s*,/.test(value)
  const v = value.replace(/^critical\s*,\s*/, '')
  const list = v.split(',').map((s) => s.trim()).filter(Boolean)
  switch (name) {
    case 'subjectAltName': return ext.subjectAltName(altNames(v, conf), critical)
    case 'basicConstraints': {
      const ca = list.some((x) => /^CA:\s*true$/i.test(x))
      const pl = list.find((x) => x.startsWith('pathlen:'))
      return ext.basicConstraints(ca, critical, pl ? Number(pl.slice(8)) : undefined)
    }
    case 'keyUsage': return ext.keyUsage(list.map((u) => KU[u] ?? u), critical)
    case 'extendedKeyUsage': return ext.extKeyUsage(list, critical)
    case 'subjectKeyIdentifier': return ext.ski(c.subjectKeyId)
    case 'authorityKeyIdentifier': return c.issuerKeyId ? ext.aki(c.issuerKeyId) : undefined
    default: throw new Error(`unknown extension name:name=${name}`)
  }
}

export function extensionsFrom(lines: [string, string][], conf: Sections, c: ExtContext): Extension[] {
  const out: Extension[] = []
  for (const [k, v] of lines) {
    const e = extensionFrom(k, v, conf, c)
    if (e) out.push(e)
  }
  return out
}
