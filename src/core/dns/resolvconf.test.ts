// resolv.conf per dnsPolicy as the kubelet builds it (k/k pkg/kubelet/network/dns/dns.go GetPodDNS) and
// containerd writes it (search, nameserver, options lines).

import { describe, expect, it } from 'vitest'
import type { Pod } from '../api/types.ts'
import { buildProfile } from '../cluster/profiles.ts'
import { resolvConf } from './resolvconf.ts'

const kubeadm = { profile: buildProfile('kubeadm') }
const binary = { profile: buildProfile('binary') }

function pod(spec: Partial<Pod['spec']> = {}, ns = 'default'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } }
}

describe('resolvConf', () => {
  it('ClusterFirst (the default): cluster DNS, the namespace search list, ndots:5', () => {
    expect(resolvConf(kubeadm, pod())).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    expect(resolvConf(binary, pod({}, 'dev'))).toBe('search dev.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.0.0.2\noptions ndots:5\n')
  })

  it('Default, and ClusterFirst on hostNetwork, copy the node file; ClusterFirstWithHostNet does not', () => {
    expect(resolvConf(kubeadm, pod({ dnsPolicy: 'Default' }))).toBe('nameserver 8.8.8.8\n')
    expect(resolvConf(binary, pod({ dnsPolicy: 'Default' }))).toBe('nameserver 114.114.114.114\n')
    expect(resolvConf(kubeadm, pod({ hostNetwork: true }))).toBe('nameserver 8.8.8.8\n')
    expect(resolvConf(kubeadm, pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }))).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
  })

  it('None takes dnsConfig alone; dnsConfig merges into the others (options override by name)', () => {
    const dnsConfig = { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] }
    expect(resolvConf(kubeadm, pod({ dnsPolicy: 'None', dnsConfig }))).toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n')
    expect(resolvConf(kubeadm, pod({ dnsConfig }))).toBe('search default.svc.cluster.local svc.cluster.local cluster.local ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 10.96.0.10\nnameserver 1.2.3.4\noptions ndots:2 edns0\n')
  })

  it('at most 3 nameservers and 32 search domains', () => {
    const r = resolvConf(kubeadm, pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'], searches: Array.from({ length: 40 }, (_, i) => `s${i}.example`) } }))
    expect(r.match(/^nameserver/gm)).toHaveLength(3)
    expect(r.split('\n')[0].split(' ')).toHaveLength(33)
  })
})
