// The controller high-availability tutorial, typed into the lab's shell: ingress-nginx as a hostNetwork DaemonSet
// on two labelled nodes, keepalived on both with a VIP, the client's curl to the VIP traced to the master, then
// failover (power off, keepalived stopped, check script failing), preemption back, the node lifecycle (NotReady,
// taints, endpoints not ready, eviction after 300 s); and the alternative: a LoadBalancer in front, with drain.

import { describe, it, expect } from 'vitest'
import { createCluster } from '../../cluster/create.ts'
import type { Cluster } from '../../cluster/types.ts'
import type { EndpointSlice, Node, Pod } from '../../api/types.ts'
import { createShell, type LabShell } from '../../../shell/shell.ts'
import { createWorkspaceFs } from '../../../shell/fs.ts'
import { out, run } from '../../../shell/test-helpers.ts'
import { keepalivedOf } from './keepalived.ts'

const CONTROLLER = `kubectl apply -f - <<EOF
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  selector:
    matchLabels:
      app: ingress-nginx
  template:
    metadata:
      labels:
        app: ingress-nginx
    spec:
      hostNetwork: true
      nodeSelector:
        ingress: "true"
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v1.12.3
        args: ["/nginx-ingress-controller", "--controller-class=k8s.io/ingress-nginx", "--ingress-class=nginx"]
        ports:
        - containerPort: 80
        - containerPort: 443
EOF`

const conf = (state: string, priority: number) => `cat > /etc/keepalived/keepalived.conf <<EOF
vrrp_script chk_nginx {
    script "/usr/bin/curl -s http://localhost:80/healthz"
    interval 2
    weight -20
}
vrrp_instance VI_1 {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        172.18.0.100
    }
    track_script {
        chk_nginx
    }
}
EOF`

function lines(sh: LabShell, text: string): string {
  const all = text.split('\n')
  let acc = ''
  for (let i = 0; i < all.length;) {
    // a heredoc command is fed line by line until it completes
    let r = sh.run(all[i++])
    while (!r.done && i < all.length) r = sh.run(all[i++])
    if (r.done) acc += r.stdout + r.stderr
  }
  return acc
}

/** the node a curl from the outside client to `url` was delivered to */
function curlFromClient(sh: LabShell, url: string): { node?: string; lb?: string; verdict: string; text: string } {
  out(sh, 'ssh client')
  const r = run(sh, `curl -s -m 5 ${url}`)
  out(sh, 'exit')
  const t = r.traces?.[0]
  const lb = t?.hops.find((h) => h.kind === 'loadbalancer')?.text.match(/forwards to node (\S+)/)?.[1]
  return { node: t?.endpoint?.node, lb, verdict: t?.verdict ?? 'none', text: t?.hops.map((h) => h.text).join('\n') ?? '' }
}

/** `ns/name, ...` of the DaemonSet pods on a node, in the API's list order (what drain names) */
function daemonPods(c: Cluster, node: string): string {
  return (c.store.list('Pod') as Pod[])
    .filter((p) => p.spec.nodeName === node && p.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'DaemonSet'))
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')
}

function haLab(): LabShell {
  const c = createCluster({ seed: 11 })
  const sh = createShell({ cluster: c, fs: createWorkspaceFs() })
  lines(sh, ['kubectl label node node01 node02 ingress=true', 'kubectl create namespace ingress-nginx', CONTROLLER,
    'kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80',
    'kubectl create ingress web --class=nginx --rule=foo.example/*=web:80'].join('\n'))
  lines(sh, ['ssh node01', 'apt-get install -y keepalived', conf('MASTER', 100), 'systemctl start keepalived', 'exit'].join('\n'))
  lines(sh, ['ssh node02', 'apt-get install -y keepalived', conf('BACKUP', 90), 'systemctl start keepalived', 'exit'].join('\n'))
  return sh
}

describe('HA with keepalived: two controllers behind a floating VIP', () => {
  it('the VIP sits on the master, the client reaches the ingress controller there, and moves on power-off', () => {
    const sh = haLab()
    const c = sh.cluster
    expect(out(sh, 'ssh node01 ip -4 a show eth0')).toContain('    inet 172.18.0.100/32 scope global eth0\n')
    expect(out(sh, 'ssh node02 ip -4 a show eth0')).not.toContain('172.18.0.100')
    expect(out(sh, 'ssh node01 systemctl status keepalived')).toMatch(/Keepalived_vrrp\[\d+\]: \(VI_1\) Entering MASTER STATE\n/)
    const first = curlFromClient(sh, 'http://172.18.0.100/ -H "Host: foo.example"')
    expect(first).toMatchObject({ node: 'node01', verdict: 'delivered' })
    expect(first.text).toContain('172.18.0.100 is an address of node01 (eth0): local delivery')

    out(sh, 'ssh node01')
    expect(run(sh, 'poweroff')).toMatchObject({ stderr: 'Connection to node01 closed by remote host.\nConnection to node01 closed.\n', exitCode: 255 })
    expect(out(sh, 'ssh node01')).toBe('ssh: connect to host node01 port 22: No route to host\n')
    // node02's backup takes over after master_down_interval (3 x 1 s + skew)
    const second = curlFromClient(sh, 'http://172.18.0.100/ -H "Host: foo.example"')
    expect(second).toMatchObject({ node: 'node02', verdict: 'delivered' })
    expect(out(sh, 'ssh node02 systemctl status keepalived')).toMatch(/\(VI_1\) Receive advertisement timeout\n.*\(VI_1\) Entering MASTER STATE\n/)
    // a packet straight to the dead node's address is lost on the wire
    const dead = curlFromClient(sh, 'http://172.18.0.3/')
    expect(dead.verdict).toBe('timeout')
    expect(dead.text).toContain('node01 is powered off')

    // node lifecycle: NotReady after the 40 s grace period, unreachable taints, its pods' endpoints not ready
    out(sh, 'sleep 40')
    expect(out(sh, 'kubectl get nodes')).toMatch(/node01 +NotReady +<none>/)
    const node01 = c.store.get('Node', undefined, 'node01') as Node
    expect(node01.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' })
    expect(node01.spec.taints!.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule'])
    const slice = (c.store.list('EndpointSlice', 'default') as EndpointSlice[]).find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!
    expect(slice.endpoints!.find((e) => e.nodeName === 'node01')!.conditions).toMatchObject({ ready: false })
    // tolerationSeconds 300: the web pod on node01 is deleted (Terminating: its kubelet is gone), a new one starts
    out(sh, 'sleep 300')
    const pods = (c.store.list('Pod', 'default') as Pod[]).filter((p) => p.metadata.labels?.app === 'web')
    expect(pods.filter((p) => p.spec.nodeName === 'node01').every((p) => p.metadata.deletionTimestamp)).toBe(true)
    expect(pods.filter((p) => !p.metadata.deletionTimestamp).length).toBe(2)

    // power back on: Ready again, taints gone, and node01 (priority 100) preempts the VIP back
    expect(out(sh, 'lab power on node01')).toBe('node01: powered on (the kubelet and enabled services start)\n')
    out(sh, 'sleep 5')
    expect(out(sh, 'kubectl get nodes')).toMatch(/node01 +Ready +<none>/)
    expect((c.store.get('Node', undefined, 'node01') as Node).spec.taints).toBeUndefined()
    expect(curlFromClient(sh, 'http://172.18.0.100/ -H "Host: foo.example"').node).toBe('node01')
    expect(keepalivedOf(c.store)!.states('node02')).toEqual([{ name: 'VI_1', state: 'BACKUP', priority: 90 }])
  })

  it('fails over when the master\'s keepalived stops, and when its check script fails (weight -20)', () => {
    const sh = haLab()
    out(sh, 'ssh node01 systemctl stop keepalived')
    out(sh, 'sleep 2')
    expect(curlFromClient(sh, 'http://172.18.0.100/ -H "Host: foo.example"').node).toBe('node02')
    expect(out(sh, 'ssh node01 systemctl status keepalived')).toContain('Keepalived_vrrp')
    out(sh, 'ssh node01 systemctl start keepalived')
    out(sh, 'sleep 5')
    expect(curlFromClient(sh, 'http://172.18.0.100/ -H "Host: foo.example"').node).toBe('node01')
    // the controller leaves node01: curl localhost:80 fails there, 100 - 20 = 80 < 90, node02 preempts
    out(sh, 'kubectl label node node01 ingress-')
    out(sh, 'sleep 5')
    expect(curlFromClient(sh, 'http://172.18.0.100/ -H "Host: foo.example"').node).toBe('node02')
    const log = out(sh, 'ssh node01 systemctl status keepalived')
    expect(log).toContain('VRRP_Script(chk_nginx) failed (exited with status 7)')
    expect(log).toContain('(VI_1) Changing effective priority from 100 to 80')
    expect(log).toMatch(/\(VI_1\) Master received advert from 172\.18\.0\.4 with higher priority 90, ours 80\n.*\(VI_1\) Entering BACKUP STATE\n/)
  })
})

describe('HA with an external load balancer in front of the controllers', () => {
  it('the LB forwards to healthy nodes only: drain (externalTrafficPolicy Local) and power-off take nodes out', () => {
    const c = createCluster({ seed: 5 })
    const sh = createShell({ cluster: c, fs: createWorkspaceFs() })
    lines(sh, ['kubectl create deployment web --image=nginx --replicas=2',
      'kubectl expose deployment web --port=80 --type=LoadBalancer',
      `kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`].join('\n'))
    const podNodes = () => (c.store.list('Pod', 'default') as Pod[]).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.nodeName).sort()
    expect(podNodes()).toEqual(['node01', 'node02'])
    const seen = new Set<string | undefined>()
    for (let i = 0; i < 8; i++) seen.add(curlFromClient(sh, 'http://172.18.255.200/').lb)
    expect([...seen].sort()).toEqual(['node01', 'node02'])

    const drain = run(sh, 'kubectl drain node01 --ignore-daemonsets')
    expect(drain.stdout).toMatch(/^node\/node01 cordoned\nevicting pod default\/web-\S+\npod\/web-\S+ evicted\nnode\/node01 drained\n$/)
    expect(drain.stderr).toBe(`Warning: ignoring DaemonSet-managed Pods: ${daemonPods(c, 'node01')}\n`)
    expect(podNodes()).toEqual(['node02', 'node02'])
    for (let i = 0; i < 6; i++) expect(curlFromClient(sh, 'http://172.18.255.200/').lb).toBe('node02')
    expect(c.network.loadBalancers()[0].health!.map((h) => [h.node, h.healthy])).toEqual([['node01', false], ['node02', true]])

    // back to Cluster policy: every node with kube-proxy is healthy; a powered-off one leaves after 2 x 5 s
    out(sh, 'kubectl uncordon node01')
    out(sh, `kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`)
    expect(c.network.loadBalancers()[0].targets).toEqual(['172.18.0.3', '172.18.0.4'])
    out(sh, 'lab power off node02')
    expect(c.network.loadBalancers()[0].targets).toEqual(['172.18.0.3', '172.18.0.4'])
    out(sh, 'sleep 10')
    expect(c.network.loadBalancers()[0].targets).toEqual(['172.18.0.3'])
    // node01 has no web pod (drained), so kube-proxy there forwards to node02's pod ... which is off: the
    // endpoint stays ready until node02 is NotReady (40 s), then the Service has no ready endpoint
    out(sh, 'sleep 40')
    expect(curlFromClient(sh, 'http://172.18.255.200/').verdict).not.toBe('delivered')
  })
})
