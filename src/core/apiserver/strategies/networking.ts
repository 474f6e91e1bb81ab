// Registry strategies for Ingresses, IngressClasses and EndpointSlices (k/k pkg/registry/networking,
// pkg/registry/discovery), including the DefaultIngressClass admission plugin.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { KubeObject } from '../../api/types.ts'
import type { Strategy, StrategyContext } from '../store.ts'
import { defaultEndpointSlice } from '../../api/defaults.ts'
import { deepClone } from '../../util/clone.ts'
import { newForbidden } from '../errors.ts'
import { validateIngress, validateIngressClass, validateIngressClassUpdate } from '../validation/networking.ts'
import { validateEndpointSlice, validateEndpointSliceUpdate } from '../validation/discovery.ts'

type Obj = Record<string, any>
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class'

/** DefaultIngressClass admission: an Ingress without a class (field or annotation) gets the default one. */
function admitDefaultIngressClass(ing: KubeObject, ctx: StrategyContext): void {
  const spec = (ing.spec ??= {}) as Obj
  if (spec.ingressClassName || ing.metadata.annotations?.['kubernetes.io/ingress.class'] !== undefined) return
  const defaults = ctx.store.list('IngressClass').filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
  if (defaults.length > 1) {
    throw newForbidden('ingresses.networking.k8s.io', ing.metadata.name, `${defaults.length} default IngressClasses were found, only 1 allowed`)
  }
  if (defaults.length === 1) spec.ingressClassName = defaults[0].metadata.name
}

export const ingressStrategy: Strategy = {
  prepareForCreate(ing, ctx) {
    admitDefaultIngressClass(ing, ctx)
    ing.status = { loadBalancer: {} }
  },
  validate: (ing) => validateIngress(ing),
  prepareForUpdate(ing, old) {
    ing.status = deepClone(old.status)
  },
  validateUpdate: (ing) => validateIngress(ing),
  generationChanged: (ing, old) => !same(ing.spec, old.spec),
  generation: true,
}

export const ingressClassStrategy: Strategy = {
  validate: (ic) => validateIngressClass(ic),
  validateUpdate: (ic, old) => validateIngressClassUpdate(ic, old),
  generationChanged: (ic, old) => !same(ic.spec, old.spec),
  generation: true,
}

function sliceBody(es: KubeObject): unknown {
  const { metadata: _md, ...rest } = es
  return rest
}

export const endpointSliceStrategy: Strategy = {
  prepareForCreate: (es) => defaultEndpointSlice(es),
  validate: (es) => validateEndpointSlice(es),
  prepareForUpdate: (es) => defaultEndpointSlice(es),
  validateUpdate: (es, old) => validateEndpointSliceUpdate(es, old),
  generationChanged: (es, old) => !same(sliceBody(es), sliceBody(old)) || !same(es.metadata.labels, old.metadata.labels),
  generation: true,
}
