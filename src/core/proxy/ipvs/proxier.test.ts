import { describe, it, expect } from 'vitest'
import type { Netns } from '../../node/types.ts'
import { cleanupIpvs, effectiveScheduler, ipvsBackend, ipvsRestoreLines, syncIpvs } from './proxier.ts'
import { restoreText } from './rules.ts'
import { chainRules, config, ep, fakeNodeNetns, proxyState, svcPort } from './testutil.ts'

/** virtual servers in kernel list order (not ipvsadm's sorted view) */
function dumpIpvs(ns: Netns): string {
  const out: string[] = []
  for (const vs of ns.ipvs.services.values()) {
    out.push(`${vs.protocol} ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistentTimeout !== undefined ? ` persistent ${vs.persistentTimeout}` : ''}${vs.flags.length ? ` (${vs.flags.join(',')})` : ''}`)
    for (const r of vs.realServers) out.push(`  -> ${r.address}:${r.port} ${r.forward} ${r.weight}`)
  }
  return out.join('\n')
}
const dumpSets = (ns: Netns) => [...ns.ipsets.values()].filter((s) => s.entries.length).map((s) => `${s.name} ${s.type}: ${s.entries.join(' ')}`).join('\n')
const kubeIpvs0 = (ns: Netns) => ns.links.find((l) => l.name === 'kube-ipvs0')!.addrs.map((a) => a.cidr).join(' ')
const natRules = (ns: ReturnType<typeof fakeNodeNetns>) => restoreText(ns.netfilter.restores.at(-1)!).split('\n').filter((l) => l.startsWith('-A'))

const web = (over = {}) => svcPort('default/web', { clusterIP: '10.96.100.10', port: 80, ...over })

describe('ipvs back end: ClusterIP', () => {
  it('0 endpoints: the virtual server exists with no real server, the VIP is bound', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web(), []]]), ns, config())
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 rr')
    expect(kubeIpvs0(ns)).toBe('10.96.100.10/32')
    expect(dumpSets(ns)).toBe('KUBE-CLUSTER-IP hash:ip,port: 10.96.100.10,tcp:80\nKUBE-IPVS-IPS hash:ip: 10.96.100.10')
  })

  it('1 and 3 endpoints: weight 1 Masq, ascending list for a fresh service, hairpin set for local ones', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web(), [ep('10.244.1.5', 8080, { isLocal: true })]]]), ns, config())
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 rr\n  -> 10.244.1.5:8080 Masq 1')
    const ns3 = fakeNodeNetns()
    syncIpvs(proxyState([[web(), [ep('10.244.2.7', 8080), ep('10.244.1.5', 8080, { isLocal: true }), ep('10.244.0.9', 8080)]]]), ns3, config())
    expect(dumpIpvs(ns3)).toBe([
      'TCP 10.96.100.10:80 rr',
      '  -> 10.244.0.9:8080 Masq 1',
      '  -> 10.244.1.5:8080 Masq 1',
      '  -> 10.244.2.7:8080 Masq 1',
    ].join('\n'))
    expect(dumpSets(ns3)).toBe([
      'KUBE-LOOP-BACK hash:ip,port,ip: 10.244.1.5,tcp:8080,10.244.1.5',
      'KUBE-CLUSTER-IP hash:ip,port: 10.96.100.10,tcp:80',
      'KUBE-IPVS-IPS hash:ip: 10.96.100.10',
    ].join('\n'))
    expect(ns3.routes).toEqual([{ dst: '10.96.100.10', dev: 'kube-ipvs0', proto: 'kernel', scope: 'host', src: '10.96.100.10', table: 'local', type: 'local' }])
  })

  it('writes the restore input kube-proxy writes (golden)', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web(), [ep('10.244.1.5', 8080, { isLocal: true })]]]), ns, config())
    expect(restoreText(ns.netfilter.restores[0])).toBe(`*nat
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-NODE-PORT - [0:0]
:KUBE-LOAD-BALANCER - [0:0]
:KUBE-MARK-MASQ - [0:0]
-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN
-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE
-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT
-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
-A KUBE-POSTROUTING -m mark ! --mark 0x004000/0x004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x004000
COMMIT
*filter
:KUBE-FORWARD - [0:0]
:KUBE-NODE-PORT - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-SOURCE-RANGES-FIREWALL - [0:0]
:KUBE-IPVS-FILTER - [0:0]
:KUBE-IPVS-OUT-FILTER - [0:0]
-A KUBE-SOURCE-RANGES-FIREWALL -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x004000/0x004000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT
-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN
-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT
COMMIT
`)
    expect(ns.netfilter.restores[0]).toEqual(ipvsRestoreLines(proxyState([[web(), [ep('10.244.1.5', 8080, { isLocal: true })]]]), ns, config()))
  })

  it('prepends the jumps from the built-in chains once, with their comments', () => {
    const ns = fakeNodeNetns()
    ns.netfilter.restore(['*filter', ':KUBE-FIREWALL - [0:0]', ['-A', 'INPUT', '-j', 'KUBE-FIREWALL'], 'COMMIT'], { noflush: true })
    const st = proxyState([[web(), []]])
    syncIpvs(st, ns, config())
    syncIpvs(st, ns, config())
    expect(chainRules(ns.netfilter, 'nat', 'PREROUTING')).toEqual(['-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'])
    expect(chainRules(ns.netfilter, 'nat', 'POSTROUTING')).toEqual(['-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING'])
    expect(chainRules(ns.netfilter, 'filter', 'INPUT')).toEqual([
      '-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER',
      '-A INPUT -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check rules" -j KUBE-NODE-PORT',
      '-A INPUT -j KUBE-FIREWALL',
    ])
    expect(chainRules(ns.netfilter, 'filter', 'FORWARD')).toEqual([
      '-A FORWARD -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL',
      '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
    ])
    // the saved form of what ipvs mode wrote (canonicalised by iptables-save)
    expect(chainRules(ns.netfilter, 'nat', 'KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
      '-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
      '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
    ])
    expect(chainRules(ns.netfilter, 'nat', 'KUBE-MARK-MASQ')).toEqual(['-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'])
    expect(ns.sysctl.get('net.ipv4.vs.conntrack')).toBe('1')
  })

  it('masqueradeAll and no cluster CIDR change the KUBE-CLUSTER-IP rule', () => {
    const ns = fakeNodeNetns()
    const st = proxyState([[web(), []]])
    syncIpvs(st, ns, config({ masqueradeAll: true }))
    expect(natRules(ns)).toContain('-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ')
    syncIpvs({ ...st, clusterCIDR: '' }, ns, config())
    expect(natRules(ns)).toContain('-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ')
  })
})

describe('ipvs back end: NodePort, LoadBalancer, externalIPs', () => {
  it('NodePort: one virtual server per node address (not loopback, not kube-ipvs0)', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web({ type: 'NodePort', nodePort: 30080 }), [ep('10.244.1.5', 8080, { isLocal: true }), ep('10.244.2.7', 8080)]]]), ns, config())
    expect(dumpIpvs(ns)).toBe([
      'TCP 10.96.100.10:80 rr', '  -> 10.244.1.5:8080 Masq 1', '  -> 10.244.2.7:8080 Masq 1',
      'TCP 172.18.0.3:30080 rr', '  -> 10.244.1.5:8080 Masq 1', '  -> 10.244.2.7:8080 Masq 1',
      'TCP 10.244.1.0:30080 rr', '  -> 10.244.1.5:8080 Masq 1', '  -> 10.244.2.7:8080 Masq 1',
      'TCP 10.244.1.1:30080 rr', '  -> 10.244.1.5:8080 Masq 1', '  -> 10.244.2.7:8080 Masq 1',
    ].join('\n'))
    expect(kubeIpvs0(ns)).toBe('10.96.100.10/32')
    expect(dumpSets(ns)).toContain('KUBE-NODE-PORT-TCP bitmap:port: 30080')
    expect(natRules(ns)).toContain('-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ')
    // --nodeport-addresses narrows the node addresses
    syncIpvs(proxyState([[web({ type: 'NodePort', nodePort: 30080 }), []]]), ns, config({ nodePortAddresses: ['172.18.0.0/16'] }))
    expect([...ns.ipvs.services.keys()]).toEqual(['TCP:10.96.100.10:80', 'TCP:172.18.0.3:30080'])
  })

  it('LoadBalancer with source ranges: LB VIP bound, lb sets, firewall rules, node access blocked', () => {
    const ns = fakeNodeNetns()
    const lb = web({ type: 'LoadBalancer', nodePort: 30080, loadBalancerIPs: ['172.18.255.200'], loadBalancerSourceRanges: ['172.18.0.0/16'] })
    syncIpvs(proxyState([[lb, [ep('10.244.2.7', 8080)]]]), ns, config())
    expect([...ns.ipvs.services.keys()]).toEqual(['TCP:10.96.100.10:80', 'TCP:172.18.255.200:80', 'TCP:172.18.0.3:30080', 'TCP:10.244.1.0:30080', 'TCP:10.244.1.1:30080'])
    expect(kubeIpvs0(ns)).toBe('10.96.100.10/32 172.18.255.200/32')
    expect(dumpSets(ns)).toBe([
      'KUBE-CLUSTER-IP hash:ip,port: 10.96.100.10,tcp:80',
      'KUBE-LOAD-BALANCER hash:ip,port: 172.18.255.200,tcp:80',
      'KUBE-LOAD-BALANCER-FW hash:ip,port: 172.18.255.200,tcp:80',
      // the range holds the node IP: the node itself may use the VIP
      'KUBE-LOAD-BALANCER-SOURCE-IP hash:ip,port,ip: 172.18.255.200,tcp:80,172.18.255.200',
      'KUBE-LOAD-BALANCER-SOURCE-CIDR hash:ip,port,net: 172.18.255.200,tcp:80,172.18.0.0/16',
      'KUBE-NODE-PORT-TCP bitmap:port: 30080',
      'KUBE-IPVS-IPS hash:ip: 10.96.100.10 172.18.255.200',
    ].join('\n'))
    const rules = natRules(ns)
    expect(rules).toContain('-A KUBE-SERVICES -m comment --comment "Kubernetes service lb portal" -m set --match-set KUBE-LOAD-BALANCER dst,dst -j KUBE-LOAD-BALANCER')
    expect(rules).toContain('-A KUBE-PROXY-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port for load balancer with sourceRange" -m set --match-set KUBE-LOAD-BALANCER-FW dst,dst -j KUBE-SOURCE-RANGES-FIREWALL')
    expect(rules).toContain('-A KUBE-SOURCE-RANGES-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port + source cidr for packet filter purpose" -m set --match-set KUBE-LOAD-BALANCER-SOURCE-CIDR dst,dst,src -j RETURN')
    expect(rules).toContain('-A KUBE-SOURCE-RANGES-FIREWALL -m comment --comment "Kubernetes service load balancer ip + port + source IP for packet filter purpose" -m set --match-set KUBE-LOAD-BALANCER-SOURCE-IP dst,dst,src -j RETURN')
    expect(rules).toContain('-A KUBE-SERVICES -m set --match-set KUBE-LOAD-BALANCER dst,dst -j ACCEPT')
    // ranges without the node IP: the node is kept off the VIP by KUBE-IPVS-OUT-FILTER
    const other = { ...lb, loadBalancerSourceRanges: ['203.0.113.9/24'] }
    const text = restoreText(ipvsRestoreLines(proxyState([[other, []]]), ns, config()))
    expect(text).toContain('-A KUBE-IPVS-OUT-FILTER -s 172.18.255.200 -m ipvs --vaddr 172.18.255.200 --vproto tcp --vport 80 -j DROP\n')
    expect(text).not.toContain('KUBE-LOAD-BALANCER-SOURCE-IP')
    expect(text).toContain('-m set --match-set KUBE-LOAD-BALANCER-SOURCE-CIDR dst,dst,src -j RETURN')
  })

  it('externalIPs: masquerade + accept rules, not bound when the IP is a node address', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web({ externalIPs: ['198.51.100.7', '172.18.0.3'] }), []]]), ns, config())
    expect(kubeIpvs0(ns)).toBe('10.96.100.10/32 198.51.100.7/32')
    expect(dumpSets(ns)).toContain('KUBE-EXTERNAL-IP hash:ip,port: 172.18.0.3,tcp:80 198.51.100.7,tcp:80')
    const c = '-A KUBE-SERVICES -m comment --comment "Kubernetes service external ip + port for masquerade and filter purpose" -m set --match-set KUBE-EXTERNAL-IP dst,dst'
    expect(natRules(ns)).toEqual(expect.arrayContaining([`${c} -j KUBE-MARK-MASQ`, `${c} -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT`, `${c} -m addrtype --dst-type LOCAL -j ACCEPT`]))
  })
})

describe('ipvs back end: affinity, policies, multi-port, schedulers', () => {
  it('ClientIP affinity: persistent <timeout> on every virtual server of the port', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web({ type: 'NodePort', nodePort: 30080, stickyMaxAgeSeconds: 10800 }), [ep('10.244.2.7', 8080)]]]), ns, config())
    expect(dumpIpvs(ns).split('\n').filter((l) => !l.startsWith(' '))).toEqual([
      'TCP 10.96.100.10:80 rr persistent 10800', 'TCP 172.18.0.3:30080 rr persistent 10800',
      'TCP 10.244.1.0:30080 rr persistent 10800', 'TCP 10.244.1.1:30080 rr persistent 10800',
    ])
  })

  it('externalTrafficPolicy Local: NodePorts use local endpoints (all when none is local), the -LOCAL sets RETURN', () => {
    const ns = fakeNodeNetns()
    const svc = web({ type: 'NodePort', nodePort: 30080, externalPolicyLocal: true, healthCheckNodePort: 31999 })
    syncIpvs(proxyState([[svc, [ep('10.244.1.5', 8080, { isLocal: true }), ep('10.244.2.7', 8080)]]]), ns, config())
    expect(dumpIpvs(ns).split('\n').slice(0, 5)).toEqual([
      'TCP 10.96.100.10:80 rr', '  -> 10.244.1.5:8080 Masq 1', '  -> 10.244.2.7:8080 Masq 1',
      'TCP 172.18.0.3:30080 rr', '  -> 10.244.1.5:8080 Masq 1',
    ])
    expect(dumpSets(ns)).toContain('KUBE-NODE-PORT-LOCAL-TCP bitmap:port: 30080')
    expect(dumpSets(ns)).toContain('KUBE-HEALTH-CHECK-NODE-PORT bitmap:port: 31999')
    expect(natRules(ns)).toContain('-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port with externalTrafficPolicy=local" -m set --match-set KUBE-NODE-PORT-LOCAL-TCP dst -j RETURN')
    syncIpvs(proxyState([[svc, [ep('10.244.2.7', 8080)]]]), ns, config())
    expect(ns.ipvs.services.get('TCP:172.18.0.3:30080')!.realServers.map((r) => r.address)).toEqual(['10.244.2.7'])
  })

  it('internalTrafficPolicy Local: the ClusterIP keeps only local endpoints; none local and no external access = none', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web({ internalPolicyLocal: true }), [ep('10.244.1.5', 8080, { isLocal: true }), ep('10.244.2.7', 8080)]]]), ns, config())
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 rr\n  -> 10.244.1.5:8080 Masq 1')
    syncIpvs(proxyState([[web({ internalPolicyLocal: true }), [ep('10.244.2.7', 8080)]]]), ns, config())
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 rr')
  })

  it('terminating endpoints serve only when no endpoint is ready; not-ready ones never', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web(), [ep('10.244.1.5', 8080, { ready: false, serving: true, terminating: true }), ep('10.244.2.7', 8080, { ready: false, serving: false })]]]), ns, config())
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 rr\n  -> 10.244.1.5:8080 Masq 1')
  })

  it('multi-port Service: one virtual server per port and protocol', () => {
    const ns = fakeNodeNetns()
    const dns = (p: string, protocol: 'TCP' | 'UDP', port: number) => svcPort(`kube-system/kube-dns:${p}`, { clusterIP: '10.96.0.10', protocol, port, targetPort: port })
    syncIpvs(proxyState([
      [dns('dns', 'UDP', 53), [ep('10.244.0.2', 53), ep('10.244.0.3', 53)]],
      [dns('dns-tcp', 'TCP', 53), [ep('10.244.0.2', 53), ep('10.244.0.3', 53)]],
      [dns('metrics', 'TCP', 9153), [ep('10.244.0.2', 9153), ep('10.244.0.3', 9153)]],
    ]), ns, config())
    expect(dumpIpvs(ns)).toBe([
      'UDP 10.96.0.10:53 rr', '  -> 10.244.0.2:53 Masq 1', '  -> 10.244.0.3:53 Masq 1',
      'TCP 10.96.0.10:53 rr', '  -> 10.244.0.2:53 Masq 1', '  -> 10.244.0.3:53 Masq 1',
      'TCP 10.96.0.10:9153 rr', '  -> 10.244.0.2:9153 Masq 1', '  -> 10.244.0.3:9153 Masq 1',
    ].join('\n'))
    expect(kubeIpvs0(ns)).toBe('10.96.0.10/32')
    expect(dumpSets(ns)).toContain('KUBE-CLUSTER-IP hash:ip,port: 10.96.0.10,tcp:53 10.96.0.10,tcp:9153 10.96.0.10,udp:53')
  })

  it('scheduler: empty means rr (with the log line), others as configured, mh adds mh-port', () => {
    expect(effectiveScheduler(config())).toEqual({ scheduler: 'rr', log: 'IPVS scheduler not specified, use rr by default' })
    const ns = fakeNodeNetns()
    const st = proxyState([[web(), [ep('10.244.2.7', 8080)]]])
    syncIpvs(st, ns, config({ ipvs: { scheduler: 'sh', strictARP: false } }))
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 sh\n  -> 10.244.2.7:8080 Masq 1')
    syncIpvs(st, ns, config({ ipvs: { scheduler: 'mh', strictARP: true } }))
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 mh (mh-port)\n  -> 10.244.2.7:8080 Masq 1')
    expect(ns.sysctl.get('net.ipv4.conf.all.arp_announce')).toBe('2')
  })
})

describe('ipvs back end: stale state and cleanup', () => {
  it('removes stale real servers (TCP with connections: weight 0 until drained), new ones go to the list head', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web(), [ep('10.244.1.5', 8080), ep('10.244.2.7', 8080)]]]), ns, config())
    ns.ipvs.services.get('TCP:10.96.100.10:80')!.realServers[0].activeConn = 1
    syncIpvs(proxyState([[web(), [ep('10.244.2.7', 8080), ep('10.244.3.4', 8080)]]]), ns, config())
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 rr\n  -> 10.244.3.4:8080 Masq 1\n  -> 10.244.1.5:8080 Masq 0\n  -> 10.244.2.7:8080 Masq 1')
    ns.ipvs.services.get('TCP:10.96.100.10:80')!.realServers[1].activeConn = 0
    syncIpvs(proxyState([[web(), [ep('10.244.2.7', 8080), ep('10.244.3.4', 8080)]]]), ns, config())
    expect(dumpIpvs(ns)).toBe('TCP 10.96.100.10:80 rr\n  -> 10.244.3.4:8080 Masq 1\n  -> 10.244.2.7:8080 Masq 1')
  })

  it('deleting a Service removes its virtual servers, VIP, route and set entries', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web({ type: 'NodePort', nodePort: 30080 }), []], [svcPort('default/api', { clusterIP: '10.96.7.7' }), []]]), ns, config())
    syncIpvs(proxyState([[svcPort('default/api', { clusterIP: '10.96.7.7' }), []]]), ns, config())
    expect([...ns.ipvs.services.keys()]).toEqual(['TCP:10.96.7.7:80'])
    expect(kubeIpvs0(ns)).toBe('10.96.7.7/32')
    expect(ns.routes.map((r) => r.dst)).toEqual(['10.96.7.7'])
    expect(dumpSets(ns)).toBe('KUBE-CLUSTER-IP hash:ip,port: 10.96.7.7,tcp:80\nKUBE-IPVS-IPS hash:ip: 10.96.7.7')
  })

  it('cleanup (kube-proxy --cleanup): no virtual servers, no kube-ipvs0, no jumps, chains or sets', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web(), [ep('10.244.2.7', 8080)]]]), ns, config())
    ipvsBackend.cleanup(ns)
    expect(ns.ipvs.services.size).toBe(0)
    expect(ns.links.map((l) => l.name)).toEqual(['lo', 'eth0', 'flannel.1', 'cni0'])
    expect(ns.routes).toEqual([])
    expect(ns.ipsets.size).toBe(0)
    expect([...ns.netfilter.table('nat').chains.keys()]).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'])
    expect([...ns.netfilter.table('filter').chains.keys()]).toEqual(['INPUT', 'FORWARD', 'OUTPUT'])
    expect(chainRules(ns.netfilter, 'filter', 'INPUT')).toEqual([])
    cleanupIpvs(ns) // idempotent
  })

  it('cleanup keeps a chain another rule still jumps to (flushed), as iptables refuses -X', () => {
    const ns = fakeNodeNetns()
    syncIpvs(proxyState([[web(), []]]), ns, config())
    ns.netfilter.restore(['*filter', ['-A', 'INPUT', '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'KUBE-PROXY-FIREWALL'], 'COMMIT'], { noflush: true })
    cleanupIpvs(ns)
    expect([...ns.netfilter.table('filter').chains.keys()]).toEqual(['INPUT', 'FORWARD', 'OUTPUT', 'KUBE-PROXY-FIREWALL'])
  })
})
