import { describe, it, expect } from 'vitest'
import { createCluster } from '../../core/cluster/create.ts'
import { createShell } from '../../shell/shell.ts'
import { createWorkspaceFs } from '../../shell/fs.ts'
import type { Pod } from '../../core/api/types.ts'
import { exportNetns, buildPlan } from './netns.ts'
import { sh } from './script.ts'

function smallCluster(lines: string[], proxyMode: 'iptables' | 'ipvs' = 'iptables') {
  const cluster = createCluster({ nodes: 2, proxyMode })
  const shell = createShell({ cluster, fs: createWorkspaceFs() })
  for (const l of lines) {
    const r = shell.run(l)
    if (r.done && r.exitCode !== 0) throw new Error(`${l}: ${r.stderr}`)
  }
  cluster.settle()
  return cluster
}

const SETUP = ['kubectl create deployment web --image=traefik/whoami', 'kubectl expose deployment web --port=80 --type=NodePort', 'kubectl create deployment ng --image=nginx']

describe('exportNetns', () => {
  const cluster = smallCluster(SETUP)
  const text = exportNetns(cluster)
  const lines = text.split('\n')
  const pod = (prefix: string) => (cluster.store.list('Pod') as Pod[]).find((p) => p.metadata.name.startsWith(prefix))!

  it('starts as a bash script with strict mode, a prefix and the namespaces it owns', () => {
    expect(lines[0]).toBe('#!/usr/bin/env bash')
    expect(lines[1]).toBe('# kubelab: the network of a simulated Kubernetes cluster (profile kubeadm, kube-proxy iptables mode,')
    expect(lines[2]).toBe('# 2 nodes, 4 pods) rebuilt in Linux network namespaces. Written by `kubelab export netns`.')
    expect(lines).toContain('set -euo pipefail')
    expect(lines).toContain('P="${KUBELAB_PREFIX:-kl}"')
    const web = pod('web-').metadata.name, ng = pod('ng-').metadata.name
    const nsLine = lines.find((l) => l.startsWith('NAMESPACES=('))!
    expect(nsLine.startsWith('NAMESPACES=(net controlplane node01 ')).toBe(true)
    expect(nsLine.endsWith(' client)')).toBe(true)
    for (const p of [web, ng]) expect(nsLine).toContain(` ${p} `)
    expect(nsLine).toMatch(/ kube-system\.coredns-[a-z0-9-]+ /)
    expect(text).toMatch(/# Not exported \(no namespace of their own\): (\S+ )*kube-system\/etcd-controlplane /)
  })

  it('wires the node network through the switch namespace with the lab addresses', () => {
    const at = lines.indexOf('ip -n "$P-net" link add net0 type bridge')
    expect(lines.slice(at, at + 17)).toEqual([
      'ip -n "$P-net" link add net0 type bridge',
      'ip -n "$P-net" addr add 172.18.0.1/16 dev net0',
      'ip -n "$P-net" link set net0 up',
      'ip -n "$P-net" link add v1 type veth peer name eth0 address 02:42:ac:12:00:02 mtu 1500 netns "$P-controlplane"',
      'ip -n "$P-net" link set v1 master net0 up',
      'ip -n "$P-controlplane" addr add 172.18.0.2/16 brd 172.18.255.255 dev eth0',
      'ip -n "$P-controlplane" link set eth0 up',
      'ip -n "$P-net" link add v2 type veth peer name eth0 address 02:42:ac:12:00:03 mtu 1500 netns "$P-node01"',
      'ip -n "$P-net" link set v2 master net0 up',
      'ip -n "$P-node01" addr add 172.18.0.3/16 brd 172.18.255.255 dev eth0',
      'ip -n "$P-node01" link set eth0 up',
      'ip -n "$P-net" link add v3 type veth peer name eth0 address 02:42:ac:12:00:04 mtu 1500 netns "$P-client"',
      'ip -n "$P-net" link set v3 master net0 up',
      'ip -n "$P-client" addr add 172.18.0.4/16 brd 172.18.255.255 dev eth0',
      'ip -n "$P-client" link set eth0 up',
      '# node controlplane',
      'ip -n "$P-controlplane" link add flannel.1 address ' + cluster.network.netns('controlplane')!.links.find((l) => l.name === 'flannel.1')!.mac + ' mtu 1450 type vxlan id 1 local 172.18.0.2 dev eth0 dstport 8472 nolearning',
    ])
  })

  it('makes flannel.1 a real vxlan with the peers flanneld would program, and the lab routes', () => {
    const mac0 = cluster.network.netns('controlplane')!.links.find((l) => l.name === 'flannel.1')!.mac
    const mac1 = cluster.network.netns('node01')!.links.find((l) => l.name === 'flannel.1')!.mac
    expect(lines).toContain('ip -n "$P-node01" addr add 10.244.1.0/32 dev flannel.1')
    expect(lines).toContain(`ip -n "$P-controlplane" neigh replace 10.244.1.0 lladdr ${mac1} dev flannel.1 nud permanent`)
    expect(lines).toContain(`nsx controlplane bridge fdb append ${mac1} dev flannel.1 dst 172.18.0.3`)
    expect(lines).toContain(`ip -n "$P-node01" neigh replace 10.244.0.0 lladdr ${mac0} dev flannel.1 nud permanent`)
    expect(lines).toContain('ip -n "$P-controlplane" route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink')
    expect(lines).toContain('ip -n "$P-node01" route add default via 172.18.0.1 dev eth0')
    expect(lines).toContain('ip -n "$P-client" route add default via 172.18.0.1 dev eth0')
    // prefix routes come from the kernel when the address is added
    expect(text).not.toContain('route add 172.18.0.0/16')
  })

  it('plugs each pod into cni0 with its veth, MACs, address and CNI routes', () => {
    const web = pod('web-')
    const id = web.metadata.name
    const node = cluster.network.netns(web.spec.nodeName!)!
    const eth0 = cluster.network.netns(`default/${id}`)!.links.find((l) => l.name === 'eth0')!
    const veth = node.links.find((l) => l.index === eth0.peer!.index)!
    const gw = web.status!.podIP!.replace(/\.\d+$/, '.1')
    const at = lines.indexOf(`# pod default/${id} on ${node.name}`)
    expect(lines.slice(at + 1, at + 6)).toEqual([
      `ip -n "$P-${node.name}" link add ${veth.name} address ${veth.mac} mtu 1450 type veth peer name eth0 address ${eth0.mac} mtu 1450 netns "$P-${id}"`,
      `ip -n "$P-${node.name}" link set ${veth.name} master cni0 up`,
      `nsx ${node.name} bridge link set dev ${veth.name} hairpin on`,
      `ip -n "$P-${id}" addr add ${web.status!.podIP}/24 brd ${gw.replace(/\.1$/, '.255')} dev eth0`,
      `ip -n "$P-${id}" link set eth0 up`,
    ])
    expect(lines).toContain(`ip -n "$P-${id}" route add default via ${gw} dev eth0`)
    expect(lines).toContain(`ip -n "$P-${id}" route add 10.244.0.0/16 via ${gw} dev eth0`)
  })

  it('loads each node\'s rules exactly as the lab\'s iptables-save prints them, after their nfacct objects', () => {
    for (const n of ['controlplane', 'node01']) {
      const start = lines.indexOf(`nsx ${n} iptables-restore <<'KUBELAB_RULES'`)
      expect(start).toBeGreaterThan(0)
      const end = lines.indexOf('KUBELAB_RULES', start)
      const save = cluster.network.netns(n)!.netfilter.save({ now: cluster.clock.now() })
      expect(lines.slice(start + 1, end).join('\n') + '\n').toBe(save)
      expect(lines[start - 1]).toBe(`nsx ${n} python3 "$STATE/nfacct.py" ct_state_invalid_dropped_pkts localhost_nps_accepted_pkts`)
    }
    expect(lines).toContain('sysctl_w node01 net.ipv4.ip_forward 1')
    expect(lines).toContain('sysctl_w node01 net.bridge.bridge-nf-call-iptables 1')
    expect(lines).toContain("sysctl_w node01 net.ipv4.ip_local_port_range '32768 60999' optional")
  })

  it('runs a server per serving pod: whoami builds its text, nginx replays the lab\'s reply', () => {
    const web = pod('web-'), ng = pod('ng-')
    const cfg = (id: string) => JSON.parse(lines[lines.indexOf(`cat > "$STATE/${id}.json" <<'KUBELAB_JSON'`) + 1])
    const w = cfg(web.metadata.name)
    expect(w).toHaveLength(1)
    expect(w[0].kind).toBe('whoami')
    expect(w[0].port).toBe(80)
    expect(w[0].head).toBe(`Hostname: ${web.metadata.name}\nIP: 127.0.0.1\nIP: ::1\nIP: ${web.status!.podIP}\nIP: fe80::8f4:1ff:fe01:202\n`)
    const n = cfg(ng.metadata.name)[0]
    expect(n.kind).toBe('static')
    expect(n.root.status).toBe(200)
    expect(n.root.headers[0]).toEqual(['Server', 'nginx/1.27.3'])
    expect(n.root.body).toContain('<title>Welcome to nginx!</title>')
    expect(n.other.status).toBe(404)
    expect(lines).toContain(`ip netns exec "$P-${web.metadata.name}" python3 "$STATE/kubelab-server.py" "$STATE/${web.metadata.name}.json" > "$STATE/${web.metadata.name}.log" 2>&1 &`)
    expect(lines).toContain(`wait_ready ${web.metadata.name}`)
    expect(lines).toContain(`wait_ready ${ng.metadata.name}`)
    // coredns speaks DNS, not HTTP on 53: its namespace exists but runs no server
    expect(text).not.toMatch(/cat > "\$STATE\/kube-system\.coredns/)
  })

  it('prints how to try it and removes only what it made', () => {
    const np = (cluster.store.get('Service', 'default', 'web') as unknown as { spec: { ports: { nodePort: number }[] } }).spec.ports[0].nodePort
    expect(lines).toContain(`  echo "  ip netns exec $P-client curl -s http://172.18.0.3:${np}/      # default/web NodePort on node01"`)
    const down = lines.slice(lines.indexOf('down() {'), lines.indexOf('preflight() {'))
    expect(down.filter((l) => l.includes('ip netns del'))).toEqual(['    ip netns del "$P-$n"'])
    expect(down.join('\n')).not.toMatch(/pkill|killall|\*/)
    expect(lines.slice(-7)).toEqual(['case "${1:-up}" in', '  up) up ;;', '  --down|down) down ;;', '  -h|--help) sed -n \'2,/^$/p\' "$0" ;;',
      '  *) die "unknown argument: $1 (use --down to remove the lab, nothing to build it)" ;;', 'esac', ''])
  })

  it('is the same text for the same seed and setup', () => {
    expect(exportNetns(smallCluster(SETUP))).toBe(text)
  })
})

describe('exportNetns in IPVS mode', () => {
  it('adds kube-ipvs0 (left down, as kube-proxy leaves it), the ipsets and the virtual servers', () => {
    const cluster = smallCluster(SETUP.slice(0, 2), 'ipvs')
    const plan = buildPlan(cluster)
    expect(plan.proxyMode).toBe('ipvs')
    const text = exportNetns(cluster)
    expect(text).toContain('ip -n "$P-node01" addr add 10.96.0.1/32 dev kube-ipvs0')
    expect(text).not.toContain('link set kube-ipvs0 up')
    expect(text).toContain("nsx node01 ipset restore -exist <<'KUBELAB_IPSETS'")
    expect(text).toContain('nsx node01 ipvsadm -A -t 10.96.0.1:443 -s rr')
    expect(text).toContain('[ -e /proc/net/ip_vs ] || die "this cluster runs kube-proxy in IPVS mode and the kernel has no ip_vs (modprobe ip_vs)"')
  })
})

describe('sh', () => {
  it('quotes only what bash would split or expand', () => {
    expect(sh('node01')).toBe('node01')
    expect(sh('kube-system.coredns-1')).toBe('kube-system.coredns-1')
    expect(sh('32768 60999')).toBe("'32768 60999'")
    expect(sh("it's")).toBe("'it'\\''s'")
    expect(sh('$HOME')).toBe("'$HOME'")
  })
})
