import { describe, it, expect } from 'vitest'
import { IptablesProxier } from './proxier.ts'
import { toRestoreText, restoreText } from './restore.ts'
import { makeService, makeSlice, stateOf, testConfig } from '../testing.ts'
import type { EndpointSliceEndpoint, Service } from '../../api/types.ts'
import { ProxyStateTracker } from '../state.ts'
import { TEST_NODE } from '../testing.ts'

const fake = () => new IptablesProxier({ randomFully: false, nfacct: true, tcpBeLiberal: false })
const unnamed = [{ port: 80, protocol: 'TCP' }]
const svc1 = (extra: Partial<Service['spec']> = {}) => makeService('ns1', 'svc1', { clusterIP: '172.30.1.1', ports: [{ port: 80, protocol: 'TCP' }], ...extra })
const three: EndpointSliceEndpoint[] = [
  { addresses: ['10.0.1.1'], nodeName: 'test-node' }, { addresses: ['10.0.1.2'], nodeName: 'node2' }, { addresses: ['10.0.1.3'], nodeName: 'node3' },
]
const nat = (text: string) => text.slice(text.indexOf('*nat'))
const filterOf = (text: string) => text.slice(0, text.indexOf('*nat'))
const sync = (s: Service[], eps: EndpointSliceEndpoint[], ports = unnamed) => toRestoreText(fake().sync(stateOf(s, [makeSlice('ns1', 'svc1', 1, eps, ports)]), testConfig()))

describe('iptables back end: cases from proxier_test.go and the facts sheet', () => {
  // facts worked example 3 = proxier_test.go TestInternalTrafficPolicyE2E (ClusterIP, 3 endpoints, unnamed port)
  it('ClusterIP with 3 endpoints (worked example 3)', () => {
    expect(nat(sync([svc1()], three))).toBe(`*nat
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-3JOIVZTXZZRGORX4 - [0:0]
:KUBE-SEP-IO5XOSKPAXIFQXAJ - [0:0]
:KUBE-SEP-XGJFVO3L2O5SRFNT - [0:0]
:KUBE-SVC-AQI2S6QIMU7PVVRP - [0:0]
-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j KUBE-SVC-AQI2S6QIMU7PVVRP
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-SEP-3JOIVZTXZZRGORX4 -m comment --comment ns1/svc1 -s 10.0.1.1 -j KUBE-MARK-MASQ
-A KUBE-SEP-3JOIVZTXZZRGORX4 -m comment --comment ns1/svc1 -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80
-A KUBE-SEP-IO5XOSKPAXIFQXAJ -m comment --comment ns1/svc1 -s 10.0.1.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-IO5XOSKPAXIFQXAJ -m comment --comment ns1/svc1 -m tcp -p tcp -j DNAT --to-destination 10.0.1.2:80
-A KUBE-SEP-XGJFVO3L2O5SRFNT -m comment --comment ns1/svc1 -s 10.0.1.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-XGJFVO3L2O5SRFNT -m comment --comment ns1/svc1 -m tcp -p tcp -j DNAT --to-destination 10.0.1.3:80
-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-3JOIVZTXZZRGORX4
-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-IO5XOSKPAXIFQXAJ
-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.3:80" -j KUBE-SEP-XGJFVO3L2O5SRFNT
COMMIT
`)
  })

  it('internalTrafficPolicy Local keeps only the local endpoint in KUBE-SVL (TestInternalTrafficPolicyE2E)', () => {
    const t = nat(sync([svc1({ internalTrafficPolicy: 'Local' })], three))
    expect(t).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j KUBE-SVL-AQI2S6QIMU7PVVRP\n')
    expect(t).toContain('-A KUBE-SVL-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ\n-A KUBE-SVL-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -j KUBE-SEP-3JOIVZTXZZRGORX4\n')
    expect(t).not.toContain('KUBE-SEP-IO5XOSKPAXIFQXAJ')
    expect(t).not.toContain('KUBE-SVC-')
  })

  it('internalTrafficPolicy Local without a local endpoint: DROP in filter, no nat chains', () => {
    const text = sync([svc1({ internalTrafficPolicy: 'Local' })], three.slice(1))
    expect(filterOf(text)).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1 has no local endpoints" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j DROP\n')
    expect(nat(text)).not.toMatch(/KUBE-(SVC|SVL|SEP)-/)
  })

  it('no endpoints: REJECT, and a not-ready pod counts as none', () => {
    for (const eps of [[], [{ addresses: ['10.0.1.1'], conditions: { ready: false, serving: false, terminating: false } }]]) {
      const text = sync([svc1()], eps)
      expect(filterOf(text)).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1 has no endpoints" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j REJECT\n')
      expect(nat(text)).not.toMatch(/KUBE-(SVC|SEP)-/)
    }
  })

  it('1 endpoint: a single rule without statistic; a not-ready one is skipped', () => {
    const t = nat(sync([svc1()], [{ addresses: ['10.0.1.1'] }, { addresses: ['10.0.1.2'], conditions: { ready: false } }]))
    expect(t).toContain('-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -j KUBE-SEP-3JOIVZTXZZRGORX4\n')
    expect(t).not.toContain('10.0.1.2')
  })

  it('terminating fallback: serving+terminating endpoints are used only when none is ready (TestTerminatingEndpointsTrafficPolicyCluster)', () => {
    const term = { ready: false, serving: true, terminating: true }
    let t = nat(sync([svc1()], [{ addresses: ['10.0.1.1'], conditions: term }, { addresses: ['10.0.1.2'], conditions: { ready: false, serving: false, terminating: true } }]))
    expect(t).toContain('-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -j KUBE-SEP-3JOIVZTXZZRGORX4\n')
    expect(t).not.toContain('10.0.1.2:80')
    t = nat(sync([svc1()], [{ addresses: ['10.0.1.1'], conditions: term }, { addresses: ['10.0.1.3'] }]))
    expect(t).not.toContain('10.0.1.1:80')
  })

  it('endpoints sort by ip:port text, not numerically', () => {
    const t = nat(sync([svc1()], [{ addresses: ['10.244.1.9'] }, { addresses: ['10.244.1.10'] }, { addresses: ['10.244.1.11'] }]))
    const order = [...t.matchAll(/-> (\S+)"/g)].map((m) => m[1])
    expect(order).toEqual(['10.244.1.10:80', '10.244.1.11:80', '10.244.1.9:80'])
  })

  it('headless and ExternalName Services get no rules', () => {
    const text = toRestoreText(fake().sync(stateOf([
      makeService('ns1', 'h', { clusterIP: 'None', ports: [{ port: 80, protocol: 'TCP' }] }),
      makeService('ns1', 'x', { type: 'ExternalName', externalName: 'example.com' }),
    ], [makeSlice('ns1', 'h', 1, [{ addresses: ['10.0.1.1'] }], unnamed)]), testConfig()))
    expect(text).not.toContain('ns1/')
  })

  it('multi-port, named ports: one chain set per port and protocol', () => {
    const s = makeService('ns1', 'svc1', { clusterIP: '172.30.1.1', ports: [{ name: 'p80', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] })
    const t = nat(toRestoreText(fake().sync(stateOf([s], [makeSlice('ns1', 'svc1', 1, [{ addresses: ['10.0.1.1'] }], [{ name: 'p80', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }])]), testConfig())))
    expect(t).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O\n')
    expect(t).toContain('-m udp -p udp -d 172.30.1.1 --dport 53 -j KUBE-SVC-')
    expect(t).toContain('-j DNAT --to-destination 10.0.1.1:8080\n')
  })

  it('partial sync rewrites only the changed Service and deletes its stale SEP chain', () => {
    const t = new ProxyStateTracker(TEST_NODE, '10.0.0.0/8')
    const a = svc1(), b = makeService('ns2', 'svc2', { clusterIP: '172.30.2.2', ports: [{ port: 80, protocol: 'TCP' }] })
    const ch = (o: object) => ({ type: 'ADDED' as const, object: o as Service, cause: 't', resourceVersion: 1 })
    t.apply(ch(a)); t.apply(ch(b))
    t.apply(ch(makeSlice('ns1', 'svc1', 1, three, unnamed)))
    t.apply(ch(makeSlice('ns2', 'svc2', 1, [{ addresses: ['10.0.2.1'] }], unnamed)))
    const p = fake()
    p.sync(t.take(), testConfig())
    t.apply({ type: 'MODIFIED', object: makeSlice('ns1', 'svc1', 1, three.slice(0, 2), unnamed), cause: 't', resourceVersion: 2 })
    const d = p.sync(t.take(), testConfig())
    expect(d.full).toBe(false)
    const text = restoreText(d)
    expect(text).toContain(':KUBE-SEP-XGJFVO3L2O5SRFNT - [0:0]\n')
    expect(text).toContain('-X KUBE-SEP-XGJFVO3L2O5SRFNT\n')
    expect(text).toContain('ns2/svc2 cluster IP') // KUBE-SERVICES is rewritten whole
    expect(text).not.toMatch(/:KUBE-SVC-\S+ - \[0:0\]\n[\s\S]*ns2\/svc2 ->/) // svc2's chains are not
    expect(text).not.toContain('ns2/svc2 ->')
  })

  it('over 1000 endpoints the SVC and SEP rules carry no comments (largeClusterMode)', () => {
    const eps = Array.from({ length: 1001 }, (_, i) => ({ addresses: [`10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`] }))
    const t = nat(sync([svc1()], eps))
    expect(t).toMatch(/-A KUBE-SEP-\S+ -s 10\.1\.0\.1 -j KUBE-MARK-MASQ\n/)
    expect(t).toMatch(/-A KUBE-SVC-AQI2S6QIMU7PVVRP -m statistic --mode random --probability 0\.0009990010 -j KUBE-SEP-/)
  })

  it('writes --random-fully when iptables supports it', () => {
    const t = toRestoreText(new IptablesProxier().sync(stateOf([], []), testConfig()))
    expect(t).toContain('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully\n')
  })
})
