// The contract of the trace engine: a request (who sends what to where), and the Trace it returns as plain,
// JSON-serialisable data: every hop with where it happened, what matched, the packet before and after,
// the number of rules evaluated so far, a sentence for the learner, and the verdict.

import type { ClusterNetwork } from '../core/node/network.ts'
import type { DnsQuery, DnsResponse, Rcode } from '../core/dns/types.ts'
import type { CertInfo } from '../core/ingress/x509.ts'

/** Where a packet starts: a pod, a node's root namespace, or an outside host (the `client`). */
export type HostRef =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'node'; name: string }
  | { kind: 'external'; name: string }

export type L4Protocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP'

export interface Packet {
  protocol: L4Protocol
  src: string
  sport: number
  dst: string
  dport: number
  /** skb mark (0x4000 = kube-proxy's masquerade bit) */
  mark: number
}

export interface HttpRequestSpec {
  method: string
  path: string
  /** Host header (defaults to the URL's host) */
  host: string
  headers: [string, string][]
  body?: string
}

export interface TraceRequest {
  from: HostRef
  /** destination IP (names are resolved by the caller: stub resolver now, DNS later) */
  to: string
  /** destination port; ICMP echo has none */
  port?: number
  protocol: L4Protocol
  /** source port; default drawn from the seeded ephemeral range */
  sport?: number
  /** the HTTP request carried once the connection is up (curl/wget) */
  http?: HttpRequestSpec
  /** the DNS query a UDP datagram carries (the resolvers, dig, nslookup, host); the server side fills clientIP */
  dns?: DnsPayload
  /** the connection starts with a TLS ClientHello (https://) */
  tls?: TlsRequest
}

/** What a TLS client sends and how it will judge the server's certificate. */
export interface TlsRequest {
  /** server_name (curl sends the URL's host unless it is an IP address) */
  sni?: string
  /** ALPN protocols offered, in order (`h2`, `http/1.1`) */
  alpn: string[]
  /** the client verifies the certificate (no -k): against these PEM certificates, for this host name */
  verify?: { host: string; cacerts: string[] }
}

/** The TLS session as the client saw it: protocol, cipher, ALPN, the certificate and its verification. */
export interface TlsSession {
  protocol: string
  cipher: string
  /** the protocol the server accepted ('' when it took none) */
  alpn: string
  certificate: CertInfo
  /** `namespace/name` of the Secret it came from, '' for the controller's default certificate */
  secret: string
  /** the chain verdict (OpenSSL code and text) and, when the client verifies, the host check */
  verify: { code: number; text: string }
  /** the client verified and rejected the certificate: it sent an alert and no request */
  rejected?: boolean
}

/** What the ingress controller decided for the request on this hop. */
export interface IngressHop {
  /** `ingress-nginx/ingress-nginx-controller-...` */
  controller: string
  /** the server block (`foo.bar.com` or `_`) */
  server: string
  /** `location /foo/`, when one matched */
  location?: string
  /** `namespace/name` of the Ingress the location came from */
  ingress?: string
  upstream: string
  /** the endpoint chosen (`10.244.1.3:80`) */
  endpoint?: string
  /** the URI sent upstream (after rewrite-target) */
  uri?: string
  /** nginx's own answer (404, 308, 503 ...) or the status passed back */
  status?: number
  why: string
}

/** A DNS query as the client writes it (the source address the server sees is added on delivery). */
export type DnsPayload = Omit<DnsQuery, 'clientIP' | 'clientPort'>

/** What a hop shows of a DNS message: the question, and once answered the rcode and the answer records. */
export interface DnsHop {
  id: number
  /** `web.default.svc.cluster.local. A` */
  question: string
  rcode?: Rcode
  /** answer records as `TYPE data`: `A 10.96.0.1`, `CNAME example.com.` */
  answer?: string[]
  /** the Corefile plugin that answered */
  servedBy?: string
}

export type HopKind =
  | 'send'          // the packet leaves the client's socket
  | 'route'         // a routing decision (table, matching route, out interface)
  | 'netfilter'     // a rule matched (table/chain/rule)
  | 'ipvs'          // IPVS virtual server lookup / scheduler choice
  | 'conntrack'     // conntrack entry created or matched (reply un-NAT)
  | 'link'          // the packet crosses a link (veth, bridge, vxlan, the wire between nodes)
  | 'loadbalancer'  // the external load balancer forwards to a node
  | 'deliver'       // a socket accepts it (or nobody listens)
  | 'app'           // the application answers
  | 'reply'         // the reply travels back

export interface HopWhere {
  /** netns name: node name, `ns/pod`, `client`, or the LB's service */
  host: string
  kind: 'pod' | 'node' | 'external' | 'loadbalancer'
  /** interface the packet is on, when it matters */
  iface?: string
}

export interface Hop {
  kind: HopKind
  where: HopWhere
  /** netfilter hops: table, chain, the rule in iptables-save form, its comment */
  table?: string
  chain?: string
  rule?: string
  comment?: string
  /** ipvs hops: `TCP  10.96.0.10:53 rr` and the chosen real server */
  ipvs?: { service: string; real?: string; scheduler: string }
  before: Packet
  after: Packet
  /** rules evaluated since the trace began (netfilter), the linear cost */
  rulesEvaluated: number
  /** IPVS hash lookups since the trace began */
  ipvsLookups: number
  /** one sentence for the learner */
  text: string
  /** the DNS message this packet carries (query on the way out, response from the server's answer on) */
  dns?: DnsHop
  /** ingress controller hops: the server/location that won, the upstream, the rewritten URI */
  ingress?: IngressHop
  /** hops of the controller's own connection to the chosen endpoint (the proxied leg) */
  leg?: 'upstream'
}

export type Verdict = 'delivered' | 'rejected' | 'dropped' | 'timeout' | 'refused'

export type DropReason =
  | 'no-route'
  | 'no-local-endpoints'   // DROP "has no local endpoints"
  | 'no-endpoints'         // REJECT "has no endpoints", or an IPVS virtual server without real servers
  | 'policy'               // a chain policy or DROP rule
  | 'firewall'             // KUBE-PROXY-FIREWALL (loadBalancerSourceRanges)
  | 'no-listener'          // UDP to a port nobody listens on
  | 'host-unreachable'
  | 'reply-mismatch'       // the reply reached the client from an address it never sent to (missing SNAT): the client drops it

export interface Trace {
  request: TraceRequest
  hops: Hop[]
  verdict: Verdict
  /** for dropped / timeout: why */
  reason?: DropReason
  /** delivered: the pod (or host) and port that accepted the connection */
  endpoint?: { host: string; kind: 'pod' | 'node'; ip: string; port: number; node?: string }
  /** the source address the server saw (masqueraded or not) */
  seenSource?: { ip: string; port: number }
  /** delivered and the request carried HTTP: the reply */
  response?: { status: number; reason: string; headers: [string, string][]; body: string }
  /** delivered and the request carried a DNS query: the server's response as the client received it */
  dns?: DnsResponse
  /** the TLS session, when the request started TLS and the server spoke it */
  tls?: TlsSession
  /** the proxied leg(s) behind an ingress controller: one per try, each as its own connection's outcome */
  upstream?: UpstreamLeg[]
  /** virtual time the server took before it answered (an upstream timeout), ms */
  elapsedMs?: number
  rulesEvaluated: number
  ipvsLookups: number
}

/** One connection the ingress controller opened to an endpoint, summarised (its hops are in the trace with leg 'upstream'). */
export interface UpstreamLeg {
  to: string
  verdict: Verdict
  reason?: DropReason
  /** what the endpoint answered, if it did */
  status?: number
  /** the pod that answered */
  endpoint?: Trace['endpoint']
}

/** Options of `trace()`. */
export interface TraceOptions {
  /** the cluster's network; defaults to `cluster.network` (tests pass hand-built networks) */
  network?: ClusterNetwork
  /** append the server's access-log line (nginx, httpd) for an HTTP request (default true) */
  accessLog?: boolean
  /** bytes of the first packet for the counters (default: TCP SYN 60, UDP 60, ICMP echo 84) */
  bytes?: number
}
