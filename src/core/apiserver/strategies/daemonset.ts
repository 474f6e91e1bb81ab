// Registry strategy for DaemonSets (k/k pkg/registry/apps/daemonset, apps/v1 SetDefaults_DaemonSet): defaults,
// status reset on create and kept on update, selector immutable, generation bumped by spec changes.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { Strategy } from '../store.ts'
import { defaultPodSpec } from '../../api/defaults.ts'
import { deepClone } from '../../util/clone.ts'
import { jsonEqual } from '../../util/equal.ts'
import { validateDaemonSet } from '../validation/daemonset.ts'
import { validateSelectorImmutable } from '../validation/apps.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** apps/v1 SetDefaults_DaemonSet. */
export function defaultDaemonSet(ds: Obj): void {
  if (!isObj(ds.spec)) return
  const s = ds.spec
  if (!isObj(s.updateStrategy)) s.updateStrategy = {}
  s.updateStrategy.type ||= 'RollingUpdate'
  if (s.updateStrategy.type === 'RollingUpdate') {
    if (!isObj(s.updateStrategy.rollingUpdate)) s.updateStrategy.rollingUpdate = {}
    s.updateStrategy.rollingUpdate.maxUnavailable ??= 1
    s.updateStrategy.rollingUpdate.maxSurge ??= 0
  }
  s.revisionHistoryLimit ??= 10
  if (isObj(s.template) && isObj(s.template.spec)) defaultPodSpec(s.template.spec)
}

const EMPTY_STATUS = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }

/** spec.templateGeneration, which apps/v1 carries as this annotation: 1 on create, +1 per template change. */
export const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation'

export const daemonSetStrategy: Strategy = {
  prepareForCreate(ds) {
    defaultDaemonSet(ds)
    ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: '1' }
    ds.status = { ...EMPTY_STATUS }
  },
  validate: (ds) => validateDaemonSet(ds),
  prepareForUpdate(ds, old) {
    defaultDaemonSet(ds)
    const was = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? 1) || 1
    const changed = !jsonEqual((ds.spec as Obj | undefined)?.template, (old.spec as Obj | undefined)?.template)
    ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: String(changed ? was + 1 : was) }
    ds.status = deepClone(old.status ?? EMPTY_STATUS)
  },
  validateUpdate: (ds, old) => [...validateDaemonSet(ds), ...validateSelectorImmutable(ds, old)],
  generationChanged: (ds, old) => !jsonEqual(ds.spec, old.spec),
  generation: true,
}
