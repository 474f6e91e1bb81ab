// Test helper: a Store with every strategy registered and the kubeadm namespaces, as the cluster builds it.

import { Store, type ApiServerSettings } from '../store.ts'
import { registerStrategies } from '../registry.ts'
import { createManualClock } from '../../util/clock.ts'
import { createRng } from '../../util/rand.ts'
import { StatusError, kubectlErrorText } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'

export const TEST_SETTINGS: ApiServerSettings = {
  serviceCIDR: '10.96.0.0/12', nodePortRange: { base: 30000, size: 2768 }, version: 'v1.32.0', clusterDomain: 'cluster.local',
}

export function newTestStore(seed = 1, settings: Partial<ApiServerSettings> = {}): Store {
  const store = new Store({ rng: createRng(seed), clock: createManualClock(), settings: { ...TEST_SETTINGS, ...settings } })
  registerStrategies(store)
  for (const ns of ['default', 'kube-system']) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { cause: 'test' })
  return store
}

/** What kubectl prints for the error a store call throws (no trailing newline); '' when it succeeds. */
export function errorOf(fn: () => unknown): string {
  try {
    fn()
    return ''
  } catch (e) {
    if (e instanceof StatusError) return kubectlErrorText(e)
    throw e
  }
}

export function svc(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec }
}
