// Registry strategies for Pods, Deployments and ReplicaSets (k/k pkg/registry/core/pod, pkg/registry/apps):
// defaulting, the admission defaults a kubeadm cluster applies to Pods (ServiceAccount, DefaultTolerationSeconds,
// Priority), status reset on create and kept on update, selector immutability, generation rules.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { KubeObject } from '../../api/types.ts'
import type { Strategy, StrategyContext } from '../store.ts'
import { defaultDeployment, defaultPod, defaultReplicaSet } from '../../api/defaults.ts'
import { validatePod } from '../validation/pod.ts'
import { validateDeployment, validateReplicaSet, validateSelectorImmutable } from '../validation/apps.ts'
import { validateObjectMeta } from '../validation/meta.ts'
import { isDNS1123Subdomain } from '../validation/names.ts'
import { K8S_NAME_ALPHABET } from '../../util/rand.ts'
import { deepClone } from '../../util/clone.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount'

/** deep-frozen: one copy shared by every pod's stored spec (stored objects are never mutated; this enforces it) */
function frozen<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) frozen(x)
    Object.freeze(v)
  }
  return v
}

/** what the kube-api-access-xxxxx volume projects (the same for every pod) */
const KUBE_API_ACCESS = frozen({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
})

/** The ServiceAccount admission plugin: default account and the projected kube-api-access-xxxxx volume. */
function admitServiceAccount(spec: Obj, ctx: StrategyContext): void {
  spec.serviceAccountName ||= spec.serviceAccount || 'default'
  spec.serviceAccount = spec.serviceAccountName
  if (spec.automountServiceAccountToken === false) return
  const containers: Obj[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter(isObj)
  if (containers.some((c) => (c.volumeMounts ?? []).some((m: Obj) => m?.mountPath === SERVICE_ACCOUNT_MOUNT))) return
  const name = 'kube-api-access-' + ctx.rng.string(5, K8S_NAME_ALPHABET)
  spec.volumes = [...(Array.isArray(spec.volumes) ? spec.volumes : []), { name, projected: KUBE_API_ACCESS }]
  for (const c of containers) {
    c.volumeMounts = [...(Array.isArray(c.volumeMounts) ? c.volumeMounts : []), { mountPath: SERVICE_ACCOUNT_MOUNT, name, readOnly: true }]
  }
}

/** the tolerations DefaultTolerationSeconds adds (shared by every pod's stored spec, frozen) */
const DEFAULT_TOLERATIONS = frozen(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']
  .map((key) => ({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 })))

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s. */
function admitTolerations(spec: Obj): void {
  const list: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations : []
  for (const t of DEFAULT_TOLERATIONS) {
    const has = list.some((x) => isObj(x) && (x.operator === 'Exists' && !x.key ? true : x.key === t.key) && (!x.effect || x.effect === 'NoExecute'))
    if (!has) list.push(t)
  }
  spec.tolerations = list
}

/** qos.GetPodQOS, simplified: BestEffort without requests/limits, Guaranteed when every container's limits equal its requests. */
export function podQOSClass(spec: Obj): string {
  const cs: Obj[] = (spec.containers ?? []).filter(isObj)
  const res = cs.map((c) => (isObj(c.resources) ? c.resources : {}))
  const any = res.some((r) => Object.keys(r.requests ?? {}).length || Object.keys(r.limits ?? {}).length)
  if (!any) return 'BestEffort'
  const guaranteed = res.every((r) => {
    const lim = r.limits ?? {}, req = { ...lim, ...(r.requests ?? {}) }
    return ['cpu', 'memory'].every((k) => lim[k] !== undefined && String(lim[k]) === String(req[k]))
  })
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

export const podStrategy: Strategy = {
  prepareForCreate(pod, ctx) {
    defaultPod(pod)
    const spec = pod.spec as Obj | undefined
    if (isObj(spec)) {
      admitServiceAccount(spec, ctx)
      admitTolerations(spec)
      spec.priority ??= 0
      spec.preemptionPolicy ??= 'PreemptLowerPriority'
    }
    pod.status = { phase: 'Pending', qosClass: podQOSClass(isObj(spec) ? spec : {}) }
  },
  validate: (pod) => validatePod(pod),
  prepareForUpdate(pod, old) {
    defaultPod(pod)
    pod.status = deepClone(old.status)
  },
  validateUpdate: (pod) => validatePod(pod),
  generation: false,
}

function keepStatus(obj: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete obj.status
  else obj.status = deepClone(old.status)
}

function userAnnotations(o: KubeObject): Record<string, string> {
  const { 'deployment.kubernetes.io/revision': _rev, ...rest } = o.metadata.annotations ?? {}
  return rest
}

export const deploymentStrategy: Strategy = {
  prepareForCreate(d) {
    defaultDeployment(d)
    d.status = {}
  },
  validate: (d) => validateDeployment(d),
  prepareForUpdate(d, old) {
    defaultDeployment(d)
    keepStatus(d, old)
  },
  validateUpdate: (d, old) => [...validateDeployment(d), ...validateSelectorImmutable(d, old)],
  // spec and annotation changes bump it; the controller writes the revision annotation through the status subresource
  generationChanged: (d, old) => !same(d.spec, old.spec) || !same(userAnnotations(d), userAnnotations(old)),
  generation: true,
}

export const replicaSetStrategy: Strategy = {
  prepareForCreate(rs) {
    defaultReplicaSet(rs)
    rs.status = { replicas: 0 }
  },
  validate: (rs) => validateReplicaSet(rs),
  prepareForUpdate(rs, old) {
    defaultReplicaSet(rs)
    keepStatus(rs, old)
  },
  validateUpdate: (rs, old) => [...validateReplicaSet(rs), ...validateSelectorImmutable(rs, old)],
  generationChanged: (rs, old) => !same(rs.spec, old.spec),
  generation: true,
}

/** Events: metadata only. */
export const eventStrategy: Strategy = {
  validate: (ev) => validateObjectMeta(ev, isDNS1123Subdomain),
  validateUpdate: (ev) => validateObjectMeta(ev, isDNS1123Subdomain),
  generation: false,
}
