// Building DNS replies: resource records, the reply skeleton for a query, and the message's size on the wire
// (RFC 1035 name compression as miekg/dns applies it: owner names, CNAME/NS/PTR/MX/SOA names compressed;
// SRV targets written in full), so dig's `MSG SIZE  rcvd:` is what the reply would really measure.

import type { DnsQuery, DnsResponse, RRType, Rcode, ResourceRecord } from './types.ts'

export function rr(name: string, type: RRType, ttl: number, data: string): ResourceRecord {
  return { name, type, ttl, data }
}

export function reply(q: DnsQuery, rcode: Rcode, servedBy: string, parts: Partial<Pick<DnsResponse, 'aa' | 'ra' | 'answer' | 'authority' | 'additional'>> = {}): DnsResponse {
  const r: DnsResponse = {
    id: q.id, rcode, aa: parts.aa ?? false, rd: q.rd, ra: parts.ra ?? false, question: { ...q.question },
    answer: parts.answer ?? [], authority: parts.authority ?? [], additional: parts.additional ?? [], servedBy, size: 0,
  }
  if (q.edns) r.edns = { udpSize: Math.max(512, q.edns.udpSize) }
  return r
}

/** Fill in `size` (call after the sections are final). */
export function withSize(r: DnsResponse): DnsResponse {
  r.size = wireSize(r)
  return r
}

class Packer {
  private readonly seen = new Set<string>()
  size = 12

  name(n: string, compress: boolean): void {
    const labels = n.toLowerCase().split('.').filter((x) => x !== '')
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.')
      if (compress && this.seen.has(suffix)) { this.size += 2; return }
      if (compress && this.size < 0x3fff) this.seen.add(suffix)
      this.size += 1 + labels[i].length
    }
    this.size += 1
  }

  record(r: ResourceRecord): void {
    this.name(r.name, true)
    this.size += 10
    const f = r.data.split(' ')
    switch (r.type) {
      case 'A': this.size += 4; break
      case 'AAAA': this.size += 16; break
      case 'CNAME': case 'PTR': case 'NS': this.name(r.data, true); break
      case 'MX': this.size += 2; this.name(f[1] ?? '.', true); break
      case 'SRV': this.size += 6; this.name(f[3] ?? '.', false); break
      case 'SOA': this.name(f[0], true); this.name(f[1], true); this.size += 20; break
      case 'TXT': for (const s of txtStrings(r.data)) this.size += 1 + s.length; break
      default: this.size += r.data.length
    }
  }
}

/** `"1.1.0"` or `"a" "b"` -> the character-strings. */
function txtStrings(data: string): string[] {
  const out: string[] = []
  const re = /"((?:[^"\\]|\\.)*)"/g
  let m: RegExpExecArray | null
  while ((m = re.exec(data))) out.push(m[1].replace(/\\(.)/g, '$1'))
  return out.length ? out : [data]
}

export function wireSize(r: DnsResponse): number {
  const p = new Packer()
  p.name(r.question.name, true)
  p.size += 4
  for (const x of [...r.answer, ...r.authority, ...r.additional]) p.record(x)
  if (r.edns) p.size += 11
  return p.size
}
