// Bootstrap: what a freshly installed cluster of the profile holds before the learner types anything:
// namespaces, Node objects, the `kubernetes` Service with its Endpoints/EndpointSlice, and for kubeadm
// the kube-system content (kube-dns Service, coredns Deployment, ConfigMap and ServiceAccount, the kube-proxy
// ConfigMap, ServiceAccount and DaemonSet) and the pod network's objects (flannel's kube-flannel.yml, applied).

import type { Endpoints, EndpointSlice, KubeObject, Node, Service } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { corefile, kubeProxyConfig, kubeProxyKubeconfig } from './bootstrap-configs.ts'
import { corednsDeployment, kubeProxyDaemonSet } from './bootstrap-pods.ts'
import { flannelManifestObjects } from './bootstrap-flannel.ts'
import { NODE_INFO } from './profiles.ts'
import type { ClusterProfile, NodeSpecProfile } from './types.ts'
import { fnv32a } from '../controller/hash.ts'

const CAUSE = 'bootstrap'

function id(seed: string): string {
  let out = ''
  let h = fnv32a(seed)
  while (out.length < 32) { h = fnv32a(out + seed, h); out += h.toString(16).padStart(8, '0') }
  return out.slice(0, 32)
}

export function nodeObject(p: ClusterProfile, n: NodeSpecProfile, now: string): Node {
  const info = NODE_INFO[p.name]
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux',
  }
  if (p.name === 'kubeadm' && n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = ''
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = ''
  }
  const annotations: Record<string, string> = {
    'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  }
  if (p.name === 'kubeadm') annotations['kubeadm.alpha.kubernetes.io/cri-socket'] = 'unix:///var/run/containerd/containerd.sock'
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message })
  const res = { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8134036Ki', pods: '110' }
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: n.name, labels, annotations },
    spec: {
      podCIDR: n.podCIDR, podCIDRs: [n.podCIDR],
      ...(n.tainted ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [{ type: 'InternalIP', address: n.ip }, { type: 'Hostname', address: n.name }],
      allocatable: { ...res, 'ephemeral-storage': '94580335255', memory: '8031636Ki' },
      capacity: res,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      nodeInfo: {
        architecture: 'amd64', bootID: id(`boot/${n.name}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        containerRuntimeVersion: info.containerRuntimeVersion, kernelVersion: info.kernelVersion, kubeProxyVersion: p.version,
        kubeletVersion: p.version, machineID: id(`machine/${n.name}`), operatingSystem: 'linux', osImage: info.osImage,
        systemUUID: id(`uuid/${n.name}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      },
    },
  }
}

export function createNode(store: Store, p: ClusterProfile, n: NodeSpecProfile, now: string): Node {
  return store.create(nodeObject(p, n, now), { cause: CAUSE }) as Node
}

function create(store: Store, o: KubeObject): void {
  store.create(o, { cause: CAUSE })
}

/** The first address of a service CIDR (10.96.0.1) and the n-th (10.96.0.10). */
export function nthIP(cidr: string, n: number): string {
  const o = cidr.split('/')[0].split('.').map(Number)
  const v = (((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0) + n
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.')
}

export function createNamespaces(store: Store): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    create(store, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } })
  }
}

/** default/kubernetes, as the API server's kubernetesservice controller maintains it. */
export function createKubernetesService(store: Store, p: ClusterProfile): void {
  const ip = nthIP(p.serviceCIDR, 1)
  const svc: Service = {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: ip, clusterIPs: [ip], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: p.apiServer.port }], sessionAffinity: 'None', type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  }
  create(store, svc)
  const masters = p.nodes.filter((n) => n.controlPlane).map((n) => n.ip)
  const ep: Endpoints = {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: masters.map((ip) => ({ ip })), ports: [{ name: 'https', port: p.apiServer.port, protocol: 'TCP' }] }],
  }
  create(store, ep)
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    endpoints: masters.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ports: [{ name: 'https', port: p.apiServer.port, protocol: 'TCP' }],
  }
  create(store, slice)
}

/** kube-system objects of a kubeadm cluster (pods come from the controllers). */
export function createKubeSystem(store: Store, p: ClusterProfile): void {
  create(store, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: { 'config.conf': kubeProxyConfig(p), 'kubeconfig.conf': kubeProxyKubeconfig(p) } })
  create(store, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } })
  create(store, kubeProxyDaemonSet(p))
  // the pod network: `kubectl apply -f kube-flannel.yml` after kubeadm init, as kubeadm's own output asks
  for (const o of flannelManifestObjects()) create(store, o)
  if (!p.dnsInstalled) return
  create(store, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } })
  create(store, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: corefile(p.clusterDomain) } })
  const dnsIP = p.clusterDNS
  const svc: Service = {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      name: 'kube-dns', namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: dnsIP, clusterIPs: [dnsIP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' }, sessionAffinity: 'None', type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  }
  create(store, svc)
  create(store, corednsDeployment())
}
