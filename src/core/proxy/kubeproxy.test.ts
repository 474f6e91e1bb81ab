import { describe, it, expect } from 'vitest'
import { createCluster } from '../cluster/create.ts'
import type { Cluster } from '../cluster/types.ts'
import type { Netfilter, Netns, Table, TableName } from '../node/types.ts'
import type { KubeProxyController } from './kubeproxy.ts'
import type { ConfigMap, Pod } from '../api/types.ts'

/** A kernel stub: keeps chain names and the last restore input (the real netfilter is tested by its owner). */
function stubNetns(name: string): Netns & { restores: (string | readonly string[])[][] } {
  const tables = new Map<TableName, Table>()
  const table = (t: TableName): Table => {
    let x = tables.get(t)
    if (!x) tables.set(t, (x = { name: t, chains: new Map() }))
    return x
  }
  for (const [t, cs] of [['filter', ['INPUT', 'FORWARD', 'OUTPUT']], ['nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']], ['mangle', ['PREROUTING']]] as const) {
    for (const c of cs) table(t).chains.set(c, { name: c, builtin: true, counters: { packets: 0, bytes: 0 }, rules: [] })
  }
  const restores: (string | readonly string[])[][] = []
  const nf: Netfilter = {
    tables, table,
    restore(lines) {
      const all = [...lines]
      restores.push(all)
      let t: Table | undefined
      for (const l of all) {
        const a = typeof l === 'string' ? l.split(' ') : l
        if (a[0].startsWith('*')) t = table(a[0].slice(1) as TableName)
        else if (a[0].startsWith(':')) t!.chains.set(a[0].slice(1), { name: a[0].slice(1), builtin: false, counters: { packets: 0, bytes: 0 }, rules: [] })
        else if (a[0] === '-X') t!.chains.delete(a[1])
        else if (a[0] === '-A' || a[0] === '-I') {
          const j = a.indexOf('-j')
          const ci = a.indexOf('--comment')
          t!.chains.get(a[1])?.rules.push({ spec: { matches: ci >= 0 ? [{ module: 'comment', options: [{ name: 'comment', value: a[ci + 1] }] }] : [], target: j >= 0 ? { name: a[j + 1], options: [] } : undefined }, counters: { packets: 0, bytes: 0 } })
        }
      }
    },
    save: () => '',
  }
  return { name, kind: 'node', links: [], routes: [], netfilter: nf, ipvs: { services: new Map(), connections: [], templates: new Map() }, ipsets: new Map(), conntrack: [], sysctl: new Map(), restores }
}

/** the nodes' real kernels (cluster.network) */
function withStubNetwork(c: Cluster): Map<string, Netns> {
  return new Map(c.profile.nodes.map((n) => [n.name, c.network.netns(n.name)!]))
}
void stubNetns

const natChains = (ns: Netns) => [...ns.netfilter.table('nat').chains.keys()]

describe('kube-proxy runner (kubeadm)', () => {
  it('starts from its pod with the v1.32 log lines and syncs the kubernetes and kube-dns Services', () => {
    const c = createCluster({ seed: 1 })
    const nss = withStubNetwork(c)
    const st = c.proxy.status('controlplane')
    expect(st.running).toBe(true)
    expect(st.mode).toBe('iptables')
    expect(st.log[0]).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6}       1 server_linux\.go:66\] "Using iptables proxy"$/)
    expect(st.log.some((l) => l.endsWith('server_linux.go:170] "Using iptables Proxier"'))).toBe(true)
    expect(st.log.some((l) => l.includes('"Version info" version="v1.32.0"'))).toBe(true)
    const chains = natChains(nss.get('controlplane')!)
    expect(chains).toContain('KUBE-SVC-NPX46M4PTMTKRN6Y')
    expect(chains).toContain('KUBE-SVC-TCOU7JCQXEZGVUNU')
    expect(chains).toContain('KUBE-PROXY-CANARY')
    expect(c.proxy.flagsFile('controlplane')).toBeUndefined()
  })

  it('switches to ipvs only after the ConfigMap edit and the pod replacement', () => {
    const c = createCluster({ seed: 2 })
    withStubNetwork(c)
    const cm = c.store.get('ConfigMap', 'kube-system', 'kube-proxy') as ConfigMap
    c.store.update({ ...cm, data: { ...cm.data, 'config.conf': cm.data!['config.conf'].replace('mode: ""', 'mode: "ipvs"') } }, { cause: 'kubectl' })
    c.settle()
    expect(c.proxy.status('node01').mode).toBe('iptables')
    const pod = (c.store.list('Pod', 'kube-system') as Pod[]).find((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec.nodeName === 'node01')!
    c.store.delete('Pod', 'kube-system', pod.metadata.name, { cause: 'kubectl' })
    c.advance(5000)
    const st = c.proxy.status('node01')
    expect(st.mode).toBe('ipvs')
    expect(st.running).toBe(true)
    expect(st.log.some((l) => l.endsWith('"IPVS scheduler not specified, use rr by default" ipFamily="IPv4"'))).toBe(true)
    expect(c.proxy.status('controlplane').mode).toBe('iptables')
  })

  it('rejects userspace on v1.32 with the validation error, and the process stays down', () => {
    const c = createCluster({ seed: 3 })
    withStubNetwork(c)
    const cm = c.store.get('ConfigMap', 'kube-system', 'kube-proxy') as ConfigMap
    c.store.update({ ...cm, data: { ...cm.data, 'config.conf': cm.data!['config.conf'].replace('mode: ""', 'mode: userspace') } }, { cause: 'kubectl' })
    const pod = (c.store.list('Pod', 'kube-system') as Pod[]).find((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && p.spec.nodeName === 'node01')!
    c.store.delete('Pod', 'kube-system', pod.metadata.name, { cause: 'kubectl' })
    c.advance(5000)
    const st = c.proxy.status('node01')
    expect(st.running).toBe(false)
    expect(st.log).toHaveLength(1)
    expect(st.log[0]).toMatch(/^E\d{4} [\d:.]+       1 run\.go:72\] "command failed" err="failed validate: KubeProxyConfiguration\.ProxyMode: Invalid value: \\"userspace\\": must be iptables, ipvs, nftables or blank \(blank means the best-available proxy \[currently iptables\]\)"$/)
  })
})

describe('kube-proxy runner (binary)', () => {
  it('restarts from the flags file; unknown klog flags of old tutorials fail as in v1.32', () => {
    const c = createCluster({ profile: 'binary', seed: 4 })
    const nss = withStubNetwork(c)
    const node = 'k8s-node01'
    const f = c.proxy.flagsFile(node)!
    expect(f.path).toBe('/opt/kubernetes/cfg/kube-proxy')
    expect(f.text).toContain('--proxy-mode=iptables')
    expect(c.proxy.status(node).running).toBe(true)
    let st = c.proxy.restart(node, f.text.replace('--proxy-mode=iptables', '--proxy-mode=ipvs'))
    expect(st.mode).toBe('ipvs')
    expect(st.pid).toBeGreaterThan(999)
    // since v1.14 the new mode does not clean the old mode's chains (kubernetes #76109)
    expect(natChains(nss.get(node)!).some((x) => x.startsWith('KUBE-SVC-'))).toBe(true)
    st = c.proxy.restart(node, 'KUBE_PROXY_OPTS="--logtostderr=false --v=2 --proxy-mode=ipvs"')
    expect(st.running).toBe(false)
    expect(st.log).toEqual(['Error: unknown flag: --logtostderr'])
    st = c.proxy.restart(node, 'KUBE_PROXY_OPTS="--config=/opt/kubernetes/cfg/kube-proxy-config.yml"', (p) => (p === '/opt/kubernetes/cfg/kube-proxy-config.yml' ? 'kind: KubeProxyConfiguration\nmode: ipvs\nclusterCIDR: 172.17.0.0/16\nipvs:\n  scheduler: "wrr"\n' : undefined))
    expect(st.running).toBe(true)
    expect(st.mode).toBe('ipvs')
    expect(st.log.some((l) => l.includes('IPVS scheduler not specified'))).toBe(false)
    expect(c.proxy.stop(node).running).toBe(false)
  })
})

describe('kube-proxy through the kernel', () => {
  it('iptables-save of a node shows a new Service and its endpoints in saved form', () => {
    const c = createCluster({ seed: 5 })
    c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.100.100', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] } } as never, { cause: 'kubectl' })
    c.store.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', metadata: { name: 'web-manual', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } }, endpoints: [{ addresses: ['10.244.1.5'], nodeName: 'node01' }], ports: [{ port: 80, protocol: 'TCP' }] } as never, { cause: 'kubectl' })
    c.settle()
    const save = c.network.netns('node02')!.netfilter.save({ table: 'nat' })
    expect(save).toContain('-A KUBE-SERVICES -d 10.96.100.100/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-')
    expect(save).toMatch(/-A KUBE-SVC-\S+ ! -s 10\.244\.0\.0\/16 -d 10\.96\.100\.100\/32 -p tcp -m comment --comment "default\/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ/)
    expect(save).toMatch(/-A KUBE-SEP-\S+ -p tcp -m comment --comment "default\/web" -m tcp -j DNAT --to-destination 10\.244\.1\.5:80/)
    expect(save).toContain('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully')
    // deleting the Service removes its chains on the next sync
    c.store.delete('Service', 'default', 'web', { cause: 'kubectl' })
    c.settle()
    expect(c.network.netns('node02')!.netfilter.save({ table: 'nat' })).not.toContain('default/web')
  })
})
