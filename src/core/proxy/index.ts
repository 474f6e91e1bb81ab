// The proxy package's entry: the per-node kube-proxies for createCluster (with every mode's back end), the
// kubeadm ConfigMap's initial mode, and the pieces other layers use (state, chain names, restore text).

import type { ConfigMap } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import type { ClusterProfile } from '../cluster/types.ts'
import type { Netns } from '../node/types.ts'
import type { Clock } from '../util/clock.ts'
import { KubeProxyController, type BackendFactory } from './kubeproxy.ts'
import { newIptablesBackend } from './iptables/backend.ts'
import { DEFAULT_FEATURES } from './iptables/proxier.ts'
import { SharedPortRules } from './iptables/shared.ts'
import { ipvsBackend } from './ipvs/proxier.ts'
import type { ProxyMode } from './types.ts'

export { KubeProxyController } from './kubeproxy.ts'
export { buildProxyState, ProxyStateTracker } from './state.ts'
export { toRestoreText, restoreText } from './iptables/restore.ts'
export * from './iptables/chains.ts'

/** The iptables features of a profile's nodes: kind/Ubuntu nodes have --random-fully; CentOS 7's iptables 1.4.21 does not. */
export function iptablesFeatures(profile: ClusterProfile) {
  return profile.name === 'binary' ? { ...DEFAULT_FEATURES, randomFully: false } : DEFAULT_FEATURES
}

export function createKubeProxies(o: { store: Store; clock: Clock; profile: ClusterProfile; netns(node: string): Netns | undefined }): KubeProxyController {
  // one cache for the cluster: nodes share the rule arrays of identical service ports (and their parses)
  const shared = new SharedPortRules()
  const backends: Partial<Record<ProxyMode, BackendFactory>> = {
    iptables: () => newIptablesBackend(iptablesFeatures(o.profile), shared),
    ipvs: () => ipvsBackend,
  }
  return new KubeProxyController({ ...o, backends })
}

/** kubeadm writes the chosen mode into the kube-proxy ConfigMap (`mode: ""` means iptables). */
export function proxyModeConfig(store: Store, profile: ClusterProfile): void {
  if (profile.proxyMode === 'iptables') return
  const cm = store.get('ConfigMap', 'kube-system', 'kube-proxy') as ConfigMap | undefined
  const text = cm?.data?.['config.conf']
  if (!cm || text === undefined) return
  store.update({ ...cm, data: { ...cm.data, 'config.conf': text.replace(/^mode: ""$/m, `mode: ${profile.proxyMode}`) } }, { cause: 'kubeadm' })
}
