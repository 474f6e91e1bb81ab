// The DNS contract between CoreDNS in the model (src/core/dns) and its clients (the trace engine delivering a
// UDP/53 packet to a coredns pod, nslookup/dig/host/getent and every resolver in src/shell/tools). Messages are
// plain, JSON-serialisable data in DNS presentation form, so traces can carry them and tools can print them.

/** The record types the lab answers or is asked for. */
export type RRType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'SOA' | 'NS' | 'TXT' | 'MX' | 'ANY'

/** Response codes as dig prints them in `status:`. */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP'

export interface DnsQuestion {
  /** absolute name with the trailing dot, lower case as asked: `web.default.svc.cluster.local.` */
  name: string
  type: RRType
}

export interface ResourceRecord {
  /** owner name, absolute, trailing dot */
  name: string
  type: RRType
  ttl: number
  /**
   * RDATA in presentation form, as dig prints it: `10.96.0.10`; `0 100 80 web.default.svc.cluster.local.` (SRV);
   * `web.default.svc.cluster.local.` (CNAME, PTR); `ns.dns.cluster.local. hostmaster.cluster.local. 1764979200 7200 1800 86400 30` (SOA)
   */
  data: string
}

export interface DnsQuery {
  /** message id (the client's seeded choice) */
  id: number
  question: DnsQuestion
  /** recursion desired (dig +norecurse clears it) */
  rd: boolean
  /** where the query came from as the server sees it (after any NAT): `10.244.1.5` */
  clientIP: string
  /** the client's source port as the server sees it (the `log` plugin prints it); optional */
  clientPort?: number
  /** the OPT pseudo-record the client sent (dig does, busybox nslookup does not); optional */
  edns?: { udpSize: number }
}

export interface DnsResponse {
  id: number
  rcode: Rcode
  /** authoritative answer (CoreDNS's kubernetes plugin sets it for its zones) */
  aa: boolean
  rd: boolean
  /** recursion available */
  ra: boolean
  question: DnsQuestion
  answer: ResourceRecord[]
  authority: ResourceRecord[]
  additional: ResourceRecord[]
  /** the Corefile plugin that produced the answer: `kubernetes`, `forward`, `cache`, `hosts`, `loop`... (for the trace sentence) */
  servedBy: string
  /** message size in bytes on the wire (dig's `MSG SIZE  rcvd:`) */
  size: number
  /** the OPT pseudo-record of the reply (present when the query had one) */
  edns?: { udpSize: number }
}

/** What the cluster's DNS offers the trace engine: the server process in a pod answers a query that reached it. */
export interface DnsControl {
  /**
   * The reply of the DNS server running in pod `namespace/name` to `query` arriving on UDP `port`, or
   * undefined when no DNS server listens there (the packet then meets no listener, as on a real pod).
   */
  serve(pod: { namespace: string; name: string }, port: number, query: DnsQuery): DnsResponse | undefined
}
