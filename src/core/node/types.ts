// The contract of per-host kernel state: one network namespace per node, per pod and per outside host, holding
// what the real kernel holds (links, addresses, routes, netfilter tables, IPVS, ipsets, conntrack). kube-proxy
// writes into it, the trace engine reads it, the shell's tools (`iptables-save`, `ipvsadm`, `ip`, `conntrack`)
// render it. Structured data only: text is produced by the renderers in this folder.

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter'
export type Protocol = 'tcp' | 'udp' | 'sctp' | 'icmp'

/** packet and byte counters, as `iptables-save -c` / `iptables -L -v` / `ipvsadm --stats` print them */
export interface Counters { packets: number; bytes: number }

/** An address match on a rule: `-s 10.0.1.1/32`, `! -s 10.244.0.0/16`. cidr is always `a.b.c.d/len` once parsed. */
export interface AddrMatch { cidr: string; negate: boolean }

/** One `--name [value]` option of a match or target, with a `!` before it when negated (`! --mark 0x4000/0x4000`). */
export interface Opt { name: string; value?: string; negate?: boolean }

/** One `-m module ...options` match, in the order the rule was written. */
export interface MatchSpec { module: string; options: Opt[] }

/**
 * A rule as the kernel holds it after iptables-restore parsed it. The basic matches (`-s -d -p -i -o`) are
 * fields; extension matches keep their written order (which iptables-save preserves).
 */
export interface RuleSpec {
  source?: AddrMatch
  destination?: AddrMatch
  protocol?: { name: Protocol | string; negate: boolean }
  inInterface?: { name: string; negate: boolean }
  outInterface?: { name: string; negate: boolean }
  matches: MatchSpec[]
  /** `-j NAME options` (a user chain is a target without options); absent for a rule with no target */
  target?: { name: string; options: Opt[] }
  /** `-g CHAIN` (goto) instead of `-j` */
  goto?: boolean
}

export interface Rule {
  readonly spec: RuleSpec
  counters: Counters
}

export interface Chain {
  readonly name: string
  readonly builtin: boolean
  /** built-in chains only */
  policy?: 'ACCEPT' | 'DROP'
  /** policy counters (built-in chains) */
  counters: Counters
  rules: Rule[]
}

export interface Table {
  readonly name: TableName
  /** built-in chains first in kernel order, then user chains; renderers sort as iptables-save does */
  readonly chains: Map<string, Chain>
}

/** The netfilter (iptables) state of one namespace. Implementations live in ./netfilter/. */
export interface Netfilter {
  readonly tables: Map<TableName, Table>
  table(name: TableName): Table
  /**
   * iptables-restore: `lines` are restore-format lines (`*nat`, `:CHAIN - [0:0]`, `-A ...`, `-X CHAIN`, `COMMIT`),
   * each either a text line or already split into arguments (kube-proxy builds argument lists; splitting them
   * again would cost time at 10,000 Services). With noflush, tables named in the input keep chains not
   * mentioned there; a chain declared with `:NAME` is flushed and refilled. Counters of unchanged rules
   * survive. Throws an Error with iptables-restore's message on bad input (`iptables-restore: line 3 failed`).
   */
  restore(lines: Iterable<string | readonly string[]>, opts?: { noflush?: boolean; counters?: boolean }): void
  /** `iptables-save [-t table] [-c]` text */
  save(opts?: { table?: TableName; counters?: boolean }): string
}

export type LinkKind = 'loopback' | 'ether' | 'bridge' | 'veth' | 'vxlan' | 'dummy' | 'ipip'

export interface Addr {
  /** `10.244.1.1/24` */
  cidr: string
  scope: 'host' | 'link' | 'global'
  /** `brd` address when ip prints one */
  broadcast?: string
}

export interface Link {
  /** ifindex, as `ip a` numbers links */
  index: number
  name: string
  kind: LinkKind
  mac: string
  mtu: number
  /** `<BROADCAST,MULTICAST,UP,LOWER_UP>` without the brackets, in ip's order */
  flags: string[]
  state: 'UP' | 'DOWN' | 'UNKNOWN'
  qdisc: string
  /** bridge port: the bridge's name (`master cni0`) */
  master?: string
  /** veth: the peer's ifindex and, when it lives in another namespace, that namespace's link-netnsid */
  peer?: { index: number; netnsId?: number }
  addrs: Addr[]
}

export interface Route {
  /** `default` or a CIDR (`10.244.1.0/24`); a host route is written without `/32` as ip prints it */
  dst: string
  via?: string
  dev: string
  proto?: 'kernel' | 'static' | 'boot' | 'dhcp'
  scope?: 'host' | 'link' | 'global'
  src?: string
  onlink?: boolean
  metric?: number
  /** the local table's entries (`local 10.96.0.1 dev kube-ipvs0 ...`) */
  table?: 'main' | 'local'
  type?: 'unicast' | 'local' | 'broadcast'
}

export type IpvsScheduler = 'rr' | 'wrr' | 'lc' | 'wlc' | 'lblc' | 'lblcr' | 'sh' | 'dh' | 'sed' | 'nq' | 'mh'

export interface IpvsStats { conns: number; inPkts: number; outPkts: number; inBytes: number; outBytes: number }

export interface RealServer {
  address: string
  port: number
  weight: number
  forward: 'Masq' | 'Local' | 'Route' | 'Tunnel'
  activeConn: number
  inActConn: number
  stats: IpvsStats
}

export interface VirtualServer {
  protocol: 'TCP' | 'UDP' | 'SCTP'
  address: string
  port: number
  scheduler: IpvsScheduler
  /** ClientIP affinity: `persistent <timeout>` */
  persistentTimeout?: number
  /** scheduler flags (`sh` with `mh-port` style); printed after the scheduler */
  flags: string[]
  realServers: RealServer[]
  stats: IpvsStats
}

export interface IpvsConnection {
  protocol: 'TCP' | 'UDP' | 'SCTP'
  /** seconds left */
  expire: number
  state: string
  source: string; sport: number
  virtual: string; vport: number
  destination: string; dport: number
}

export interface Ipvs {
  /** keyed `TCP:10.96.0.1:443` in insertion order; ipvsadm -Ln sorts as the kernel hash lists them */
  readonly services: Map<string, VirtualServer>
  readonly connections: IpvsConnection[]
  /** persistence templates for ClientIP affinity: `client|TCP:vip:port` -> real server `ip:port`, with expiry (virtual ms) */
  readonly templates: Map<string, { real: string; expires: number }>
}

export interface IpSet {
  name: string
  /** `hash:ip,port`, `hash:ip,port,ip`, `hash:ip,port,net`, `bitmap:port`, `hash:net` ... */
  type: string
  family: 'inet' | 'inet6'
  comment: string
  entries: string[]
}

export type ConntrackState = 'NONE' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE'

export interface Tuple { src: string; dst: string; sport: number; dport: number }

export interface ConntrackEntry {
  protocol: Protocol
  /** seconds left */
  timeout: number
  /** TCP state; absent for UDP/ICMP */
  state?: ConntrackState
  orig: Tuple
  /** the expected reply tuple: after DNAT its src is the endpoint, after SNAT its dst is the node */
  reply: Tuple
  /** `[ASSURED]`, `[UNREPLIED]` */
  status: ('ASSURED' | 'UNREPLIED')[]
  mark: number
  use: number
  /** virtual ms when created (the trace engine ages entries from it) */
  created: number
}

export type NetnsKind = 'node' | 'pod' | 'external'

/** One network namespace: a node's root namespace, a pod's, or an outside host's (the `client`). */
export interface Netns {
  /** node name, `ns/pod` for pods, or the outside host's name */
  readonly name: string
  readonly kind: NetnsKind
  /** the node a pod namespace lives on */
  readonly node?: string
  links: Link[]
  routes: Route[]
  readonly netfilter: Netfilter
  readonly ipvs: Ipvs
  readonly ipsets: Map<string, IpSet>
  readonly conntrack: ConntrackEntry[]
  /** `net.ipv4.ip_forward` and friends, by dotted name */
  readonly sysctl: Map<string, string>
}
