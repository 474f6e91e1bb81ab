import { describe, expect, it } from 'vitest'
import { createCluster } from './create.ts'
import type { ConfigMap, Pod } from '../api/types.ts'
import { flannelManifestObjects } from './bootstrap-flannel.ts'
import { flanneldLines, flannelSubnetEnv } from './bootstrap-flannel-log.ts'
import { fetchInternetFile } from '../internet/files.ts'
import { KUBE_FLANNEL_YML } from './bootstrap-flannel-yml.ts'

describe('flannel on the kubeadm profile', () => {
  const c = createCluster({ seed: 1 })
  const pods = (c.store.list('Pod') as Pod[]).filter((p) => p.metadata.namespace === 'kube-flannel')

  it('holds the manifest objects, applied, and one running hostNetwork pod per node', () => {
    const names = flannelManifestObjects().map((o) => `${o.kind}/${o.metadata.name}`)
    expect(names).toEqual(['Namespace/kube-flannel', 'ServiceAccount/flannel', 'ClusterRole/flannel', 'ClusterRoleBinding/flannel', 'ConfigMap/kube-flannel-cfg', 'DaemonSet/kube-flannel-ds'])
    const cm = c.store.get('ConfigMap', 'kube-flannel', 'kube-flannel-cfg') as ConfigMap
    expect(JSON.parse(cm.data!['net-conf.json'])).toEqual({ Network: '10.244.0.0/16', EnableNFTables: false, Backend: { Type: 'vxlan' } })
    expect(cm.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toMatch(/^\{"apiVersion":"v1","data":\{"cni-conf.json":/)
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['controlplane', 'node01', 'node02'])
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^kube-flannel-ds-[a-z0-9]{5}$/)
      expect(p.status?.phase).toBe('Running')
      expect(p.status?.podIP).toBe(p.status?.hostIP)
      expect(p.spec.initContainers?.map((x) => x.name)).toEqual(['install-cni-plugin', 'install-cni'])
    }
  })

  it('logs flanneld start-up with the node lease and Network', () => {
    const p = pods.find((x) => x.spec.nodeName === 'node01')!
    const lines = flanneldLines(c.store, c.network, p, 0)
    expect(lines.some((l) => l.endsWith('main.go:519] Found network config - Backend type: vxlan'))).toBe(true)
    expect(lines.some((l) => l.includes('Current network or subnet (10.244.0.0/16, 10.244.1.0/24) is not equal to previous one (0.0.0.0/0, 0.0.0.0/0)'))).toBe(true)
    expect(lines.at(-3)).toMatch(/main\.go:488\] Waiting for all goroutines to exit$/)
  })

  it('writes subnet.env as flanneld does and serves the same manifest on the simulated internet', () => {
    expect(flannelSubnetEnv('10.244.0.0/16', '10.244.1.0/24')).toBe('FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n')
    expect(fetchInternetFile('https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml')).toEqual({ status: 200, content: KUBE_FLANNEL_YML })
  })

  it('binary profile has no flannel objects until applied', () => {
    const b = createCluster({ seed: 1, profile: 'binary' })
    expect(b.store.get('Namespace', undefined, 'kube-flannel')).toBeUndefined()
  })
})
