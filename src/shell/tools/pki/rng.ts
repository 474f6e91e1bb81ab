// The PKI tools' randomness: one generator per cluster, forked from the cluster's seeded rng at first use,
// so the same seed and the same commands give the same keys, serials and signatures.

import type { Cluster } from '../../../core/cluster/types.ts'
import type { Rng } from '../../../core/util/rand.ts'

const rngs = new WeakMap<object, Rng>()

export function pkiRng(cluster: Cluster): Rng {
  let r = rngs.get(cluster)
  if (!r) rngs.set(cluster, (r = cluster.rng.fork('pki')))
  return r
}
