// The outside of the cluster as the view draws it: outside hosts (the `client`) and the external load
// balancers the lab plays the cloud for, read from the cluster's network.

import type { Cluster } from '../../core/cluster/types.ts'
import type { OutsideView } from './snapshot.ts'

export function outsideViews(cluster: Cluster): OutsideView[] {
  const net = cluster.network
  const out: OutsideView[] = []
  for (const host of net.outside()) {
    const ip = host.links.flatMap((l) => (l.kind === 'loopback' ? [] : l.addrs)).find((a) => a.scope === 'global')?.cidr.split('/')[0] ?? ''
    out.push({ key: host.name, name: host.name, kind: 'host', ip, detail: 'outside the cluster' })
  }
  for (const lb of net.loadBalancers()) {
    const ports = lb.ports.map((p) => `${p.port}/${p.protocol} → :${p.nodePort}`).join(', ')
    out.push({ key: `lb:${lb.service}`, name: `LB ${lb.service}`, kind: 'loadbalancer', ip: lb.ip, detail: ports })
  }
  return out
}
