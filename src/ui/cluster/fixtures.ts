// Test fixtures for the cluster view: a bare API store (no strategies, no controllers) with hand-made objects.

import { Store } from '../../core/apiserver/store.ts'
import type { KubeObject } from '../../core/api/types.ts'
import type { ClusterProfile } from '../../core/cluster/types.ts'
import { createManualClock } from '../../core/util/clock.ts'
import { createRng } from '../../core/util/rand.ts'

export const PROFILE: ClusterProfile = {
  name: 'kubeadm', version: 'v1.32.0', serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16',
  nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local', clusterDNS: '10.96.0.10', dnsInstalled: true,
  apiServer: { ip: '172.18.0.2', port: 6443 }, promptHost: 'controlplane', proxyMode: 'iptables',
  nodes: [
    { name: 'controlplane', ip: '172.18.0.2', podCIDR: '10.244.0.0/24', controlPlane: true, tainted: true },
    { name: 'node01', ip: '172.18.0.3', podCIDR: '10.244.1.0/24', controlPlane: false, tainted: false },
  ],
}

export function bareStore(): Store {
  const store = new Store({
    rng: createRng(1), clock: createManualClock(),
    settings: { serviceCIDR: PROFILE.serviceCIDR, nodePortRange: PROFILE.nodePortRange, version: PROFILE.version, clusterDomain: 'cluster.local' },
  })
  const put = (o: KubeObject) => store.create(o, { cause: 'test' })
  for (const ns of ['default', 'kube-system', 'dev']) put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })
  for (const n of PROFILE.nodes) {
    put({ apiVersion: 'v1', kind: 'Node', metadata: { name: n.name, labels: n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
      spec: { podCIDR: n.podCIDR }, status: { addresses: [{ type: 'InternalIP', address: n.ip }] } })
  }
  return store
}

export function pod(name: string, opts: { ns?: string; node?: string; ip?: string; labels?: Record<string, string>; phase?: string; ready?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: opts.ns ?? 'default', labels: opts.labels ?? { app: 'web', 'pod-template-hash': 'abc' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: opts.node },
    status: {
      phase: opts.phase ?? 'Running', podIP: opts.ip,
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
    },
  }
}

export function service(name: string, selector: Record<string, string> | undefined, ns = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', selector, ports: [{ port: 80, protocol: 'TCP' }] } }
}

export function slice(svc: string, endpoints: { ip: string; pod?: string; ready?: boolean }[], ns = 'default'): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: `${svc}-x1`, namespace: ns, labels: { 'kubernetes.io/service-name': svc } },
    addressType: 'IPv4', ports: [{ port: 80, protocol: 'TCP' }],
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip], conditions: { ready: e.ready ?? true },
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace: ns, name: e.pod } } : {}),
    })),
  }
}
