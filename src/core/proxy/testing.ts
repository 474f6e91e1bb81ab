// Test helpers for the proxy: build Services, EndpointSlices and a ProxyState the way upstream's
// proxier_test.go does (makeTestService, makeTestEndpointSlice, NewFakeProxier's node and pod CIDR).

import type { EndpointSlice, EndpointSliceEndpoint, EndpointPort, Service } from '../api/types.ts'
import type { KubeProxyConfig, ProxyState } from './types.ts'
import { ProxyStateTracker } from './state.ts'

/** NewFakeProxier: node `test-node`, IP 192.168.0.2, local-traffic detector 10.0.0.0/8 */
export const TEST_NODE = { name: 'test-node', ip: '192.168.0.2', podCIDR: '10.0.0.0/24' }
export const TEST_CLUSTER_CIDR = '10.0.0.0/8'

export function testConfig(over: Partial<KubeProxyConfig> = {}): KubeProxyConfig {
  return {
    mode: '', clusterCIDR: TEST_CLUSTER_CIDR, masqueradeAll: false, masqueradeBit: 14,
    ipvs: { scheduler: '', strictARP: false }, nodePortAddresses: [], hostnameOverride: '', ...over,
  }
}

export function makeService(ns: string, name: string, spec: Service['spec'], status?: Service['status']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name }, spec: { type: 'ClusterIP', ...spec }, ...(status ? { status } : {}) }
}

export function makeSlice(ns: string, svc: string, n: number, endpoints: EndpointSliceEndpoint[], ports: EndpointPort[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { namespace: ns, name: `${svc}-${n}`, labels: { 'kubernetes.io/service-name': svc } },
    endpoints, ports,
  }
}

/** A full-sync ProxyState from objects. */
export function stateOf(services: Service[], slices: EndpointSlice[], node = TEST_NODE, clusterCIDR = TEST_CLUSTER_CIDR): ProxyState {
  const t = new ProxyStateTracker(node, clusterCIDR)
  for (const s of services) t.apply({ type: 'ADDED', object: s, cause: 'test', resourceVersion: 1 })
  for (const e of slices) t.apply({ type: 'ADDED', object: e, cause: 'test', resourceVersion: 1 })
  return t.take()
}
