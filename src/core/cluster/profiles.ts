// The cluster profiles: a kubeadm-style lab (kind-like addressing) and a "binary install" lab as Chinese
// course notes build it (k8s-master01.., 192.168.186.x, service CIDR 10.0.0.0/24, no cluster DNS).

import type { ClusterProfile, NodeSpecProfile, ProfileName, ProxyMode } from './types.ts'

export const K8S_VERSION = 'v1.32.0'

function kubeadm(nodes: number, proxyMode: ProxyMode): ClusterProfile {
  const total = Math.max(1, nodes)
  const list: NodeSpecProfile[] = [{ name: 'controlplane', ip: '172.18.0.2', podCIDR: '10.244.0.0/24', controlPlane: true, tainted: true }]
  for (let i = 1; i < total; i++) {
    list.push({ name: `node${String(i).padStart(2, '0')}`, ip: `172.18.0.${2 + i}`, podCIDR: `10.244.${i}.0/24`, controlPlane: false, tainted: false })
  }
  return {
    name: 'kubeadm', version: K8S_VERSION, nodes: list,
    serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16', nodePortRange: { base: 30000, size: 2768 },
    clusterDomain: 'cluster.local', clusterDNS: '10.96.0.10', dnsInstalled: true,
    apiServer: { ip: '172.18.0.2', port: 6443 }, promptHost: 'controlplane', proxyMode,
  }
}

/**
 * Binary installs run every component as a systemd service. The masters also run kubelet and kube-proxy
 * (as those tutorials do), so all nodes register; nothing labels or taints the masters, so they are
 * schedulable and show ROLES <none>.
 */
function binary(nodes: number, proxyMode: ProxyMode): ClusterProfile {
  const total = Math.max(1, nodes)
  const list: NodeSpecProfile[] = []
  for (let i = 0; i < total; i++) {
    const master = i < 2
    const n = master ? i + 1 : i - 1
    list.push({
      name: master ? `k8s-master${String(n).padStart(2, '0')}` : `k8s-node${String(n).padStart(2, '0')}`,
      ip: `192.168.186.${139 + i}`, podCIDR: `172.17.${i + 1}.0/24`, controlPlane: master, tainted: false,
    })
  }
  return {
    name: 'binary', version: K8S_VERSION, nodes: list,
    serviceCIDR: '10.0.0.0/24', podCIDR: '172.17.0.0/16', nodePortRange: { base: 30000, size: 2768 },
    clusterDomain: 'cluster.local', clusterDNS: '10.0.0.2', dnsInstalled: false,
    apiServer: { ip: '192.168.186.139', port: 6443 }, promptHost: 'k8s-master01', proxyMode,
  }
}

export const DEFAULT_NODES: Record<ProfileName, number> = { kubeadm: 3, binary: 4 }

export function buildProfile(name: ProfileName = 'kubeadm', nodes?: number, proxyMode: ProxyMode = 'iptables'): ClusterProfile {
  const n = nodes ?? DEFAULT_NODES[name]
  return name === 'binary' ? binary(n, proxyMode) : kubeadm(n, proxyMode)
}

/** OS and runtime each profile's nodes report (kubectl get nodes -o wide). */
export const NODE_INFO: Record<ProfileName, { osImage: string; kernelVersion: string; containerRuntimeVersion: string }> = {
  kubeadm: { osImage: 'Ubuntu 24.04.1 LTS', kernelVersion: '6.8.0-51-generic', containerRuntimeVersion: 'containerd://1.7.24' },
  binary: { osImage: 'CentOS Linux 7 (Core)', kernelVersion: '5.4.278-1.el7.elrepo.x86_64', containerRuntimeVersion: 'containerd://1.7.24' },
}
