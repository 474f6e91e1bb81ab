// What a running container shows to a process exec'd into it: the environment its runtime spec was created with
// and its volume mounts as the kubelet last synced them (the view `kubectl exec` and the pod shell use).

import type { ConfigMap, Pod, Secret } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import type { ObjectHistory } from './objcache.ts'
import type { PodRun } from './runtime.ts'
import { configMapData, secretData } from './envvars.ts'
import { processEnv } from './env.ts'
import { containerMounts, type MountTiming, type MountView, type VolumeSpec } from './volumes.ts'

/** The ConfigMaps and Secrets a volume projects. */
function referenced(vol: VolumeSpec): ['ConfigMap' | 'Secret', string][] {
  const out: ['ConfigMap' | 'Secret', string][] = []
  if (vol.configMap) out.push(['ConfigMap', vol.configMap.name])
  if (vol.secret) out.push(['Secret', vol.secret.secretName ?? ''])
  for (const s of vol.projected?.sources ?? []) {
    if (s.configMap) out.push(['ConfigMap', s.configMap.name])
    if (s.secret) out.push(['Secret', s.secret.name])
  }
  return out
}

/** The env of a process exec'd into the container (TERM=xterm with -t), or undefined when it is not running. */
export function execEnv(run: PodRun | undefined, container: string, tty: boolean): [string, string][] | undefined {
  const c = run?.containers.find((x) => x.spec.name === container)
  return c?.env ? processEnv(c.env, tty) : undefined
}

/** The container's volume mounts as of `now`. */
export function mountsOf(store: Store, history: ObjectHistory, pod: Pod, run: PodRun | undefined, container: string, now: number): MountView[] {
  const c = run?.containers.find((x) => x.spec.name === container)
  const spec = c?.spec ?? pod.spec.containers.find((x) => x.name === container)
  if (!spec) return []
  const ns = pod.metadata.namespace ?? 'default'
  const timing: MountTiming = {
    podStart: run?.startTime ?? now,
    containerStart: c?.startedAt ?? now,
    now,
    lookupAt: (at) => (kind, name) => {
      const o = history.asOf(store, kind, ns, name, at)
      return kind === 'ConfigMap' ? configMapData(o as ConfigMap | undefined) : secretData(o as Secret | undefined)
    },
    changes: (vol) => referenced(vol).flatMap(([k, n]) => history.changes(k, ns, n)),
  }
  return containerMounts(store, pod, spec, timing)
}
