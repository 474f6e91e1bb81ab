import { describe, it, expect } from 'vitest'
import { createCluster } from '../../cluster/create.ts'
import { apply, deployment, podsOf } from '../../cluster/testutil.ts'
import type { Pod } from '../../api/types.ts'
import { findLink } from '../iproute/links.ts'
import { ipCommand } from '../iproute/command.ts'

const ips = (ns: { links: { name: string; addrs: { cidr: string }[] }[] }, dev: string) =>
  ns.links.find((l) => l.name === dev)?.addrs.filter((a) => !a.cidr.includes(':')).map((a) => a.cidr)

describe('cluster network (kubeadm profile, flannel)', () => {
  const c = createCluster({ seed: 7 })

  it('every node has lo, eth0, flannel.1 and routes to the other nodes', () => {
    expect(c.network.nodes().map((n) => n.name)).toEqual(['controlplane', 'node01', 'node02'])
    for (const [i, n] of c.network.nodes().entries()) {
      expect(n.kind).toBe('node')
      expect(ips(n, 'eth0')).toEqual([`172.18.0.${2 + i}/16`])
      expect(ips(n, 'flannel.1')).toEqual([`10.244.${i}.0/32`])
      const others = [0, 1, 2].filter((j) => j !== i).map((j) => `10.244.${j}.0/24 via 10.244.${j}.0 dev flannel.1 onlink `)
      const routes = ipCommand(n, ['r']).stdout
      for (const r of others) expect(routes).toContain(r + '\n')
      expect(routes.startsWith('default via 172.18.0.1 dev eth0 \n')).toBe(true)
      expect(n.sysctl.get('net.ipv4.ip_forward')).toBe('1')
      expect(n.sysctl.get('net.bridge.bridge-nf-call-iptables')).toBe('1')
      expect(typeof n.netfilter.save).toBe('function')
    }
    // CoreDNS runs on the control plane, so it has cni0; the workers have no pod yet
    expect(ips(c.network.netns('controlplane')!, 'cni0')).toEqual(['10.244.0.1/24'])
    expect(findLink(c.network.netns('node01')!, 'cni0')).toBeUndefined()
  })

  it('pods get a namespace with their IP, a veth on cni0 and flannel pod routes; hostNetwork pods share the node', () => {
    apply(c, deployment('web', 4))
    c.advance(30_000)
    const pods = podsOf(c, 'web')
    expect(pods).toHaveLength(4)
    for (const p of pods) {
      const ns = c.network.netns(`default/${p.metadata.name}`)!
      expect(ns.kind).toBe('pod')
      expect(ns.node).toBe(p.spec.nodeName)
      const node = c.network.netns(p.spec.nodeName!)!
      const n = c.profile.nodes.findIndex((x) => x.name === p.spec.nodeName)
      expect(ips(ns, 'eth0')).toEqual([`${p.status!.podIP}/24`])
      expect(ipCommand(ns, ['r']).stdout).toBe(`default via 10.244.${n}.1 dev eth0 \n10.244.0.0/16 via 10.244.${n}.1 dev eth0 \n10.244.${n}.0/24 dev eth0 proto kernel scope link src ${p.status!.podIP} \n`)
      const eth0 = findLink(ns, 'eth0')!
      const veth = node.links.find((l) => l.index === eth0.peer!.index)!
      expect(veth.master).toBe('cni0')
      expect(veth.peer!.index).toBe(eth0.index)
      expect(c.network.owner(p.status!.podIP!)).toBe(ns)
    }
    const proxy = (c.store.list('Pod', 'kube-system') as Pod[]).find((p) => p.metadata.name.startsWith('kube-proxy') && p.spec.nodeName === 'node01')!
    expect(c.network.netns(`kube-system/${proxy.metadata.name}`)).toBe(c.network.netns('node01'))
    expect(c.network.owner('172.18.0.3')).toBe(c.network.netns('node01'))
    expect(c.network.owner('10.244.1.1')).toBe(c.network.netns('node01'))
    expect(c.network.owner('10.96.0.1')).toBeUndefined()
  })

  it('deleting a pod removes its namespace and host veth; veths match networked pods per node', () => {
    const p = podsOf(c, 'web')[0]
    const key = `default/${p.metadata.name}`
    const node = c.network.netns(p.spec.nodeName!)!
    const veth = node.links.find((l) => l.index === findLink(c.network.netns(key)!, 'eth0')!.peer!.index)!
    c.store.delete('Pod', 'default', p.metadata.name, { cause: 'test', gracePeriodSeconds: 0 } as never)
    c.advance(60_000)
    expect(c.network.netns(key)).toBeUndefined()
    expect(node.links.includes(veth)).toBe(false)
    expect(podsOf(c, 'web')).toHaveLength(4)
    for (const n of c.network.nodes()) {
      const pods = (c.store.list('Pod') as Pod[]).filter((x) => x.spec.nodeName === n.name && !x.spec.hostNetwork && x.status?.podIP)
      expect(n.links.filter((l) => l.kind === 'veth').length).toBe(pods.length)
    }
  })

  it('the outside client sits on the node network after the last node', () => {
    const client = c.network.netns('client')!
    expect(c.network.outside()).toEqual([client])
    expect(client.kind).toBe('external')
    expect(ips(client, 'eth0')).toEqual(['172.18.0.5/16'])
    expect(ipCommand(client, ['r']).stdout).toBe('default via 172.18.0.1 dev eth0 \n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.5 \n')
    expect(c.network.owner('172.18.0.5')).toBe(client)
    expect(c.network.loadBalancers()).toEqual([])
  })
})

describe('cluster network (binary profile)', () => {
  it('172.17.N.0/24 pod subnets on 192.168.186.x nodes, client after the last node', () => {
    const c = createCluster({ profile: 'binary', seed: 3 })
    expect(c.network.nodes().map((n) => ips(n, 'eth0')![0])).toEqual(['192.168.186.139/24', '192.168.186.140/24', '192.168.186.141/24', '192.168.186.142/24'])
    expect(ips(c.network.netns('k8s-master01')!, 'flannel.1')).toEqual(['172.17.1.0/32'])
    expect(ipCommand(c.network.netns('k8s-node01')!, ['r']).stdout).toBe([
      'default via 192.168.186.2 dev eth0 ',
      '172.17.1.0/24 via 172.17.1.0 dev flannel.1 onlink ',
      '172.17.2.0/24 via 172.17.2.0 dev flannel.1 onlink ',
      '172.17.4.0/24 via 172.17.4.0 dev flannel.1 onlink ',
      '192.168.186.0/24 dev eth0 proto kernel scope link src 192.168.186.141 ',
      '',
    ].join('\n'))
    expect(ips(c.network.netns('client')!, 'eth0')).toEqual(['192.168.186.143/24'])
  })
})
