import { describe, it, expect } from 'vitest'
import type { Netfilter } from '../types.ts'
import { FLAVORS } from '../cni/flavor.ts'
import { attachPod, buildNodeNetns, detachPod, setPeerRoutes, type NodeSpec } from '../cni/flannel.ts'
import { addAddress, ensureDummy, findLink } from './links.ts'
import { ipCommand } from './command.ts'

const stubNf = (): Netfilter => ({ tables: new Map(), table: () => { throw new Error('stub') }, restore: () => {}, save: () => '' })
const flavor = FLAVORS.kubeadm
const specs: NodeSpec[] = [
  { name: 'controlplane', ip: '172.18.0.2', podCIDR: '10.244.0.0/24' },
  { name: 'node01', ip: '172.18.0.3', podCIDR: '10.244.1.0/24' },
  { name: 'node02', ip: '172.18.0.4', podCIDR: '10.244.2.0/24' },
]

function node01() {
  const ns = buildNodeNetns(specs[1], flavor, stubNf)
  setPeerRoutes(ns, specs[1], specs)
  const pod = attachPod(ns, specs[1], { namespace: 'default', name: 'web-1', uid: 'uid-1', ip: '10.244.1.2' }, '10.244.0.0/16', flavor, stubNf)
  return { ns, pod }
}

describe('ip addr / ip link', () => {
  it('a node with flannel.1, cni0 and one pod veth', () => {
    const { ns } = node01()
    const { stdout } = ipCommand(ns, ['a'])
    const mac = (n: string) => findLink(ns, n)!.mac
    const veth = ns.links[4]
    expect(stdout).toBe([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '    inet6 ::1/128 scope host noprefixroute ',
      '       valid_lft forever preferred_lft forever',
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
      '    link/ether 02:42:ac:12:00:03 brd ff:ff:ff:ff:ff:ff',
      '    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
      '    inet6 fe80::42:acff:fe12:3/64 scope link ',
      '       valid_lft forever preferred_lft forever',
      '3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default ',
      `    link/ether ${mac('flannel.1')} brd ff:ff:ff:ff:ff:ff`,
      '    inet 10.244.1.0/32 scope global flannel.1',
      '       valid_lft forever preferred_lft forever',
      `    inet6 ${findLink(ns, 'flannel.1')!.addrs[1].cidr} scope link `,
      '       valid_lft forever preferred_lft forever',
      '4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000',
      `    link/ether ${mac('cni0')} brd ff:ff:ff:ff:ff:ff`,
      '    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0',
      '       valid_lft forever preferred_lft forever',
      `    inet6 ${findLink(ns, 'cni0')!.addrs[1].cidr} scope link `,
      '       valid_lft forever preferred_lft forever',
      `5: ${veth.name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP group default `,
      `    link/ether ${veth.mac} brd ff:ff:ff:ff:ff:ff link-netns ${veth.peer!.netnsName}`,
      `    inet6 ${veth.addrs[0].cidr} scope link `,
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n'))
    expect(veth.name).toMatch(/^veth[0-9a-f]{8}$/)
    expect(veth.peer!.netnsName).toMatch(/^cni-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(findLink(ns, 'cni0')!.addrs[1].cidr).toMatch(/^fe80::[0-9a-f:]+\/64$/)
  })

  it('the pod side: eth0@ifN with link-netnsid 0, -4, -br, ip link', () => {
    const { ns, pod } = node01()
    const hostIndex = ns.links[4].index
    const eth0 = findLink(pod, 'eth0')!
    expect(ipCommand(pod, ['-4', 'a']).stdout).toBe([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      `2: eth0@if${hostIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default `,
      '    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n'))
    expect(ipCommand(pod, ['link', 'show', 'eth0']).stdout).toBe(
      `2: eth0@if${hostIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT group default \n    link/ether ${eth0.mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n`)
    expect(ipCommand(pod, ['-br', 'a']).stdout).toBe(`lo               UNKNOWN        127.0.0.1/8 ::1/128 \n${`eth0@if${hostIndex}`.padEnd(16)} UP             10.244.1.2/24 ${eth0.addrs[1].cidr} \n`)
    expect(ipCommand(pod, ['-br', 'link']).stdout).toBe(`lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n${`eth0@if${hostIndex}`.padEnd(16)} UP             ${eth0.mac} <BROADCAST,MULTICAST,UP,LOWER_UP> \n`)
  })

  it('kube-ipvs0 as in facts section 2, and the missing-device error', () => {
    const { ns } = node01()
    const d = ensureDummy(ns)
    addAddress(ns, 'kube-ipvs0', { cidr: '10.96.0.1/32', scope: 'global' })
    addAddress(ns, 'kube-ipvs0', { cidr: '10.96.0.10/32', scope: 'global' })
    expect(ipCommand(ns, ['addr', 'show', 'dev', 'kube-ipvs0']).stdout).toBe([
      `${d.index}: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default `,
      `    link/ether ${d.mac} brd ff:ff:ff:ff:ff:ff`,
      '    inet 10.96.0.1/32 scope global kube-ipvs0',
      '       valid_lft forever preferred_lft forever',
      '    inet 10.96.0.10/32 scope global kube-ipvs0',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n'))
    expect(d.index).toBe(6)
    expect(ipCommand(ns, ['a', 's', 'nope'])).toEqual({ stdout: '', stderr: 'Device "nope" does not exist.\n', code: 1 })
    expect(ipCommand(ns, ['foo']).stderr).toBe('Object "foo" is unknown, try "ip help".\n')
    expect(ipCommand(ns, ['a', 'eth0']).stderr).toBe('Command "eth0" is unknown, try "ip address help".\n')
  })
})

describe('ip route', () => {
  it('node main and local tables (flannel vxlan routes, kube-ipvs0 locals)', () => {
    const { ns } = node01()
    expect(ipCommand(ns, ['route']).stdout).toBe([
      'default via 172.18.0.1 dev eth0 ',
      '10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink ',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 ',
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink ',
      '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 ',
      '',
    ].join('\n'))
    ensureDummy(ns)
    addAddress(ns, 'kube-ipvs0', { cidr: '10.96.0.1/32', scope: 'global' })
    expect(ipCommand(ns, ['route', 'show', 'table', 'local']).stdout).toBe([
      'local 10.96.0.1 dev kube-ipvs0 proto kernel scope host src 10.96.0.1 ',
      'local 10.244.1.0 dev flannel.1 proto kernel scope host src 10.244.1.0 ',
      'local 10.244.1.1 dev cni0 proto kernel scope host src 10.244.1.1 ',
      'broadcast 10.244.1.255 dev cni0 proto kernel scope link src 10.244.1.1 ',
      'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 ',
      'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 ',
      'local 172.18.0.3 dev eth0 proto kernel scope host src 172.18.0.3 ',
      'broadcast 172.18.255.255 dev eth0 proto kernel scope link src 172.18.0.3 ',
      '',
    ].join('\n'))
    expect(ipCommand(ns, ['r', 'show', 'dev', 'eth0']).stdout).toBe('default via 172.18.0.1 \n172.18.0.0/16 proto kernel scope link src 172.18.0.3 \n')
  })

  it('pod routes as the bridge plugin installs them for flannel', () => {
    const { pod } = node01()
    expect(ipCommand(pod, ['r']).stdout).toBe('default via 10.244.1.1 dev eth0 \n10.244.0.0/16 via 10.244.1.1 dev eth0 \n10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2 \n')
  })

  it('cni0 without ports loses carrier: NO-CARRIER, DOWN, linkdown route', () => {
    const { ns, pod } = node01()
    detachPod(ns, pod)
    expect(ns.links.some((l) => l.kind === 'veth')).toBe(false)
    expect(ipCommand(ns, ['link', 'show', 'cni0']).stdout.split('\n')[0]).toBe('4: cni0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1450 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000')
    expect(ipCommand(ns, ['r']).stdout).toContain('10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 linkdown \n')
    // ifindexes are not reused: the next veth gets 6
    const again = attachPod(ns, specs[1], { namespace: 'default', name: 'web-2', uid: 'uid-2', ip: '10.244.1.3' }, '10.244.0.0/16', flavor, stubNf)
    expect(findLink(again, 'eth0')!.peer!.index).toBe(6)
  })

  it('binary profile hosts: pfifo_fast, VMware MAC, /24, no noprefixroute', () => {
    const ns = buildNodeNetns({ name: 'k8s-master01', ip: '192.168.186.139', podCIDR: '172.17.1.0/24' }, FLAVORS.binary, stubNf)
    const out = ipCommand(ns, ['a', 'show', 'eth0']).stdout.split('\n')
    expect(out[0]).toBe('2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000')
    expect(out[1]).toMatch(/^ {4}link\/ether 00:0c:29(:[0-9a-f]{2}){3} brd ff:ff:ff:ff:ff:ff$/)
    expect(out[2]).toBe('    inet 192.168.186.139/24 brd 192.168.186.255 scope global eth0')
    expect(ipCommand(ns, ['a', 'show', 'lo']).stdout).toContain('    inet6 ::1/128 scope host \n')
    expect(ipCommand(ns, ['r']).stdout).toBe('default via 192.168.186.2 dev eth0 \n192.168.186.0/24 dev eth0 proto kernel scope link src 192.168.186.139 \n')
  })
})
