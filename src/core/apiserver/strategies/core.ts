// Registry strategies for Namespaces, Nodes, ConfigMaps, Secrets and Endpoints (k/k pkg/registry/core/*).

import type { Strategy } from '../store.ts'
import { defaultEndpoints, defaultNamespace, defaultSecret } from '../../api/defaults.ts'
import { deepClone } from '../../util/clone.ts'
import { validateObjectMeta } from '../validation/meta.ts'
import { isDNS1123Label, isDNS1123Subdomain } from '../validation/names.ts'
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from '../validation/config.ts'
import { validateEndpoints } from '../validation/discovery.ts'

export const namespaceStrategy: Strategy = {
  prepareForCreate: (ns) => defaultNamespace(ns),
  validate: (ns) => validateObjectMeta(ns, isDNS1123Label),
  prepareForUpdate(ns, old) {
    defaultNamespace(ns)
    ns.status = deepClone(old.status)
  },
  validateUpdate: (ns) => validateObjectMeta(ns, isDNS1123Label),
  generation: false,
}

export const nodeStrategy: Strategy = {
  validate: (n) => validateObjectMeta(n, isDNS1123Subdomain),
  validateUpdate: (n) => validateObjectMeta(n, isDNS1123Subdomain),
  generation: false,
}

export const configMapStrategy: Strategy = {
  validate: (cm) => validateConfigMap(cm),
  validateUpdate: (cm, old) => validateConfigMapUpdate(cm, old),
  generation: false,
}

export const secretStrategy: Strategy = {
  prepareForCreate: (s) => defaultSecret(s),
  validate: (s) => validateSecret(s),
  prepareForUpdate: (s) => defaultSecret(s),
  validateUpdate: (s, old) => validateSecretUpdate(s, old),
  generation: false,
}

export const endpointsStrategy: Strategy = {
  prepareForCreate: (ep) => defaultEndpoints(ep),
  validate: (ep) => validateEndpoints(ep),
  prepareForUpdate: (ep) => defaultEndpoints(ep),
  validateUpdate: (ep) => validateEndpoints(ep),
  generation: false,
}
