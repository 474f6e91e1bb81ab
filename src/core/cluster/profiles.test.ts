import { describe, expect, it } from 'vitest'
import { createCluster } from './create.ts'
import type { EndpointSlice, Endpoints, Node, Pod, Service } from '../api/types.ts'

describe('kubeadm profile', () => {
  const c = createCluster({ seed: 7 })
  it('has a tainted control plane and two workers with kind-like addresses and pod CIDRs', () => {
    const nodes = c.store.list('Node') as Node[]
    expect(nodes.map((n) => n.metadata.name)).toEqual(['controlplane', 'node01', 'node02'])
    expect(nodes.map((n) => n.status!.addresses![0].address)).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4'])
    expect(nodes.map((n) => n.spec.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24'])
    expect(nodes[0].spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }])
    expect(nodes[1].spec.taints).toBeUndefined()
    expect(nodes[0].status!.nodeInfo!.kubeletVersion).toBe('v1.32.0')
    expect(nodes[0].status!.nodeInfo!.containerRuntimeVersion).toMatch(/^containerd:\/\//)
    expect(c.profile.serviceCIDR).toBe('10.96.0.0/12')
    expect(c.profile.nodePortRange).toEqual({ base: 30000, size: 2768 })
    expect(c.store.list('Namespace').map((n) => n.metadata.name)).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system'])
  })
  it('serves the kubernetes Service at 10.96.0.1 with the API server as endpoint', () => {
    const svc = c.store.get('Service', 'default', 'kubernetes') as Service
    expect(svc.spec.clusterIP).toBe('10.96.0.1')
    expect(svc.spec.selector).toBeUndefined()
    expect(svc.spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }])
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' })
    const ep = c.store.get('Endpoints', 'default', 'kubernetes') as Endpoints
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }])
    const slice = c.store.get('EndpointSlice', 'default', 'kubernetes') as EndpointSlice
    expect(slice.endpoints![0].addresses).toEqual(['172.18.0.2'])
  })
  it('runs the kube-system pods a kubeadm cluster shows', () => {
    const pods = c.store.list('Pod', 'kube-system') as Pod[]
    const names = pods.map((p) => p.metadata.name.replace(/^(coredns-[a-z0-9]+|kube-proxy)-[a-z0-9]{5}$/, '$1-xxxxx'))
    expect(names.filter((n) => !n.startsWith('coredns'))).toEqual([
      'etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane',
      'kube-proxy-xxxxx', 'kube-proxy-xxxxx', 'kube-proxy-xxxxx', 'kube-scheduler-controlplane',
    ])
    const dns = pods.filter((p) => p.metadata.name.startsWith('coredns-'))
    expect(dns).toHaveLength(2)
    expect(dns[0].metadata.name).toMatch(/^coredns-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(dns.map((p) => p.spec.nodeName)).toEqual(['controlplane', 'controlplane'])
    expect(dns.map((p) => p.status!.podIP).sort()).toEqual(['10.244.0.2', '10.244.0.3'])
    for (const p of pods) expect(p.status!.phase).toBe('Running')
    const etcd = pods.find((p) => p.metadata.name === 'etcd-controlplane')!
    expect(etcd.status!.podIP).toBe('172.18.0.2')
    const proxy = pods.filter((p) => p.metadata.name.startsWith('kube-proxy-'))
    expect(proxy.map((p) => p.metadata.ownerReferences![0].kind)).toEqual(['DaemonSet', 'DaemonSet', 'DaemonSet'])
    expect(proxy.map((p) => p.status!.podIP).sort()).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4'])
  })
  it('has kube-dns, coredns and the kube-proxy ConfigMap', () => {
    const dns = c.store.get('Service', 'kube-system', 'kube-dns') as Service
    expect(dns.spec.clusterIP).toBe('10.96.0.10')
    expect(dns.spec.ports!.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP'])
    const ep = c.store.get('Endpoints', 'kube-system', 'kube-dns') as Endpoints
    expect(ep.subsets![0].addresses!.map((a) => a.ip)).toEqual(['10.244.0.2', '10.244.0.3'])
    const cm = c.store.get('ConfigMap', 'kube-system', 'kube-proxy') as unknown as { data: Record<string, string> }
    expect(cm.data['config.conf']).toContain('\nmode: ""\n')
    expect(cm.data['config.conf']).toContain('clusterCIDR: 10.244.0.0/16')
    const core = c.store.get('ConfigMap', 'kube-system', 'coredns') as unknown as { data: Record<string, string> }
    expect(core.data.Corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {')
    expect(c.store.list('Event')).toEqual([])
  })
  it('grows workers with nodes: N (total, control plane included)', () => {
    const big = createCluster({ seed: 1, nodes: 4 })
    const nodes = big.store.list('Node') as Node[]
    expect(nodes.map((n) => `${n.metadata.name} ${n.status!.addresses![0].address} ${n.spec.podCIDR}`)).toEqual([
      'controlplane 172.18.0.2 10.244.0.0/24', 'node01 172.18.0.3 10.244.1.0/24', 'node02 172.18.0.4 10.244.2.0/24', 'node03 172.18.0.5 10.244.3.0/24',
    ])
    expect(big.store.list('Pod', 'kube-system').filter((p) => p.metadata.name.startsWith('kube-proxy-'))).toHaveLength(4)
  })
})

describe('binary profile', () => {
  const c = createCluster({ profile: 'binary', seed: 3 })
  it('registers masters and nodes on 192.168.186.x, untainted, with pod subnets in 172.17.0.0/16', () => {
    const nodes = c.store.list('Node') as Node[]
    expect(nodes.map((n) => `${n.metadata.name} ${n.status!.addresses![0].address} ${n.spec.podCIDR} ${n.spec.taints ? 'tainted' : 'open'}`)).toEqual([
      'k8s-master01 192.168.186.139 172.17.1.0/24 open', 'k8s-master02 192.168.186.140 172.17.2.0/24 open',
      'k8s-node01 192.168.186.141 172.17.3.0/24 open', 'k8s-node02 192.168.186.142 172.17.4.0/24 open',
    ])
    expect(c.profile.promptHost).toBe('k8s-master01')
    expect(c.profile.clusterDNS).toBe('10.0.0.2')
  })
  it('has only the kubernetes Service (10.0.0.1, both API servers) and no pods', () => {
    expect(c.store.list('Service').map((s) => `${s.metadata.name} ${(s as Service).spec.clusterIP}`)).toEqual(['kubernetes 10.0.0.1'])
    const ep = c.store.get('Endpoints', 'default', 'kubernetes') as Endpoints
    expect(ep.subsets![0].addresses!.map((a) => a.ip)).toEqual(['192.168.186.139', '192.168.186.140'])
    expect(c.store.list('Pod')).toEqual([])
  })
  it('continues names with nodes: N', () => {
    const b = createCluster({ profile: 'binary', nodes: 5 })
    expect(b.store.list('Node').map((n) => n.metadata.name).at(-1)).toBe('k8s-node03')
    expect((b.store.get('Node', undefined, 'k8s-node03') as Node).status!.addresses![0].address).toBe('192.168.186.143')
  })
})
