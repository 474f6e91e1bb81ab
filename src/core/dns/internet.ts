// The lab's simulated internet: what the upstream resolver a node's /etc/resolv.conf names (8.8.8.8 on
// kubeadm nodes, 114.114.114.114 on the binary profile's) answers when CoreDNS's `forward` asks it.
// There is no real network behind it. A fixed table of a few well-known names with realistic answers (as
// those resolvers returned them; real addresses change over time and by location) stands in for the
// internet; every other name gets NXDOMAIN with the SOA of its TLD (or the root), as a public resolver
// answers a name that does not exist, and private reverse zones (10.in-addr.arpa ...) get the AS112 SOA.
// A learner can tell: the answer comes from the node's upstream address, never changes, and
// `lab.internet.kubelab.` TXT says so.

import type { DnsQuestion, Rcode, ResourceRecord } from './types.ts'
import { rr } from './message.ts'
import { isSubDomain } from './names.ts'

interface Entry { cname?: string; a?: string[]; aaaa?: string[]; mx?: string[]; txt?: string[]; ttl: number }

/** Names the simulated internet knows. CNAME chains are followed as a recursive resolver does. */
const ZONE: Record<string, Entry> = {
  'example.com.': { a: ['23.192.228.80', '23.192.228.84', '23.215.0.136', '23.215.0.138', '96.7.128.175', '96.7.128.198'], aaaa: ['2600:1406:3a00:21::173e:2e65', '2600:1408:ec00:36::1736:7f24'], ttl: 300 },
  'www.example.com.': { cname: 'www.example.com-v4.edgesuite.net.', ttl: 300 },
  'www.example.com-v4.edgesuite.net.': { cname: 'a1422.dscr.akamai.net.', ttl: 21600 },
  'a1422.dscr.akamai.net.': { a: ['23.47.52.73', '23.47.52.81'], ttl: 20 },
  'google.com.': { a: ['142.250.190.46'], aaaa: ['2607:f8b0:4009:81c::200e'], mx: ['10 smtp.google.com.'], ttl: 300 },
  'www.google.com.': { a: ['142.250.190.36'], aaaa: ['2607:f8b0:4009:818::2004'], ttl: 300 },
  'kubernetes.io.': { a: ['147.75.40.148'], aaaa: ['2604:1380:45e1:a00::1'], ttl: 3600 },
  'www.kubernetes.io.': { cname: 'kubernetes.io.', ttl: 3600 },
  'github.com.': { a: ['140.82.112.3'], ttl: 60 },
  'registry.k8s.io.': { a: ['34.96.108.209'], aaaa: ['2600:1901:0:bbc4::'], ttl: 3600 },
  'www.baidu.com.': { cname: 'www.a.shifen.com.', ttl: 1200 },
  'www.a.shifen.com.': { a: ['183.2.172.42', '183.2.172.185'], ttl: 300 },
  'baidu.com.': { a: ['39.156.66.10', '110.242.68.66'], ttl: 600 },
  'lab.internet.kubelab.': { txt: ['"answers past the cluster come from kubelab\'s simulated internet"'], ttl: 3600 },
}

/** SOA of the zone that proves a name absent: the TLD's for the common TLDs, AS112 for private reverse zones, else the root's. */
function denialSOA(name: string): ResourceRecord {
  const n = name.toLowerCase()
  const as112 = ['10.in-addr.arpa.', '168.192.in-addr.arpa.', ...Array.from({ length: 16 }, (_, i) => `${16 + i}.172.in-addr.arpa.`)]
  const priv = as112.find((z) => isSubDomain(z, n))
  if (priv) return rr(priv, 'SOA', 10800, 'prisoner.iana.org. hostmaster.root-servers.org. 1 604800 60 604800 604800')
  if (isSubDomain('google.com.', n)) return rr('google.com.', 'SOA', 60, 'ns1.google.com. dns-admin.google.com. 790214722 900 900 1800 60')
  if (isSubDomain('example.com.', n)) return rr('example.com.', 'SOA', 3600, 'ns.icann.org. noc.dns.icann.org. 2025082082 7200 3600 1209600 3600')
  if (isSubDomain('com.', n)) return rr('com.', 'SOA', 900, 'a.gtld-servers.net. nstld.verisign-grs.com. 1767225600 1800 900 604800 900')
  if (isSubDomain('net.', n)) return rr('net.', 'SOA', 900, 'a.gtld-servers.net. nstld.verisign-grs.com. 1767225600 1800 900 604800 900')
  if (isSubDomain('io.', n)) return rr('io.', 'SOA', 900, 'a0.nic.io. hostmaster.donuts.email. 1767225600 7200 900 1209600 3600')
  if (isSubDomain('org.', n)) return rr('org.', 'SOA', 900, 'a0.org.afilias-nst.info. hostmaster.donuts.email. 1767225600 7200 900 1209600 3600')
  return rr('.', 'SOA', 86400, 'a.root-servers.net. nstld.verisign-grs.com. 2026010100 1800 900 604800 86400')
}

export interface UpstreamAnswer { rcode: Rcode; answer: ResourceRecord[]; authority: ResourceRecord[] }

/** What a public recursive resolver of the simulated internet answers (recursion available, not authoritative). */
export function internetAnswer(q: DnsQuestion): UpstreamAnswer {
  const answer: ResourceRecord[] = []
  let name = q.name.toLowerCase()
  for (let hops = 0; hops < 8; hops++) {
    const e = ZONE[name]
    if (!e) break
    if (e.cname && q.type !== 'CNAME') { answer.push(rr(name, 'CNAME', e.ttl, e.cname)); name = e.cname; continue }
    const data = q.type === 'A' ? e.a : q.type === 'AAAA' ? e.aaaa : q.type === 'MX' ? e.mx : q.type === 'TXT' ? e.txt : q.type === 'CNAME' && e.cname ? [e.cname] : undefined
    for (const d of data ?? []) answer.push(rr(name, q.type, e.ttl, d))
    if (!data?.length) return { rcode: 'NOERROR', answer, authority: [denialSOA(name)] }
    return { rcode: 'NOERROR', answer, authority: [] }
  }
  if (answer.length) return { rcode: 'NXDOMAIN', answer, authority: [denialSOA(name)] }
  return { rcode: 'NXDOMAIN', answer: [], authority: [denialSOA(name)] }
}
