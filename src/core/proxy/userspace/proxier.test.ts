import { describe, it, expect } from 'vitest'
import { USERSPACE_REMOVAL_NOTE, proxyPortFor, userspaceBackend, userspaceRestoreLines } from './proxier.ts'
import { restoreText } from '../ipvs/rules.ts'
import { chainRules, config, ep, fakeNodeNetns, proxyState, svcPort } from '../ipvs/testutil.ts'

describe('userspace back end (pre-1.26 history)', () => {
  it('steers ClusterIP, external IP and NodePort traffic to the proxy port (golden restore input)', () => {
    const ns = fakeNodeNetns()
    const svc = svcPort('default/web', { clusterIP: '10.96.100.10', type: 'NodePort', nodePort: 30080, externalIPs: ['198.51.100.7'] })
    const st = proxyState([[svc, [ep('10.244.1.5', 8080)]]])
    const pp = proxyPortFor(ns, 'default/web/TCP')
    expect(pp).toBeGreaterThanOrEqual(32768)
    expect(restoreText(userspaceRestoreLines(st, ns))).toBe(`*nat
:KUBE-PORTALS-CONTAINER - [0:0]
:KUBE-PORTALS-HOST - [0:0]
:KUBE-NODEPORT-CONTAINER - [0:0]
:KUBE-NODEPORT-HOST - [0:0]
-A KUBE-PORTALS-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 80 -d 10.96.100.10/32 -j REDIRECT --to-ports ${pp}
-A KUBE-PORTALS-HOST -m comment --comment default/web -p tcp -m tcp --dport 80 -d 10.96.100.10/32 -j DNAT --to-destination 172.18.0.3:${pp}
-A KUBE-PORTALS-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 80 -d 198.51.100.7/32 -m physdev ! --physdev-is-in -j REDIRECT --to-ports ${pp}
-A KUBE-PORTALS-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 80 -d 198.51.100.7/32 -m addrtype --dst-type LOCAL -j REDIRECT --to-ports ${pp}
-A KUBE-PORTALS-HOST -m comment --comment default/web -p tcp -m tcp --dport 80 -d 198.51.100.7/32 -m addrtype --dst-type LOCAL -j DNAT --to-destination 172.18.0.3:${pp}
-A KUBE-NODEPORT-CONTAINER -m comment --comment default/web -p tcp -m tcp --dport 30080 -j REDIRECT --to-ports ${pp}
-A KUBE-NODEPORT-HOST -m comment --comment default/web -p tcp -m tcp --dport 30080 -j DNAT --to-destination 172.18.0.3:${pp}
COMMIT
*filter
:KUBE-NODEPORT-NON-LOCAL - [0:0]
-A KUBE-NODEPORT-NON-LOCAL -m comment --comment default/web -p tcp -m tcp --dport ${pp} -m state --state NEW -j ACCEPT
COMMIT
`)
  })

  it('sync installs the jumps (portals first, NodePorts last); cleanup removes everything', () => {
    const ns = fakeNodeNetns()
    const st = proxyState([[svcPort('default/web', { clusterIP: '10.96.100.10' }), []]])
    userspaceBackend.sync(st, ns, config({ mode: 'userspace' }))
    userspaceBackend.sync(st, ns, config({ mode: 'userspace' }))
    expect(chainRules(ns.netfilter, 'nat', 'PREROUTING')).toEqual([
      '-A PREROUTING -m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-CONTAINER',
      '-A PREROUTING -m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-CONTAINER',
    ])
    expect(chainRules(ns.netfilter, 'nat', 'KUBE-PORTALS-CONTAINER')).toHaveLength(1)
    userspaceBackend.cleanup(ns)
    expect([...ns.netfilter.table('nat').chains.keys()]).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'])
    expect(chainRules(ns.netfilter, 'filter', 'INPUT')).toEqual([])
  })

  it('documents its removal', () => {
    expect(USERSPACE_REMOVAL_NOTE).toContain('removed in Kubernetes v1.26')
  })
})
