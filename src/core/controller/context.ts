// What every controller gets: the store, virtual time, the shared informer, the event recorder, its own
// seeded random stream, the cluster profile, and the manager to queue and schedule work.

import type { Store } from '../apiserver/store.ts'
import type { ClusterProfile } from '../cluster/types.ts'
import type { EventRecorder } from '../events/recorder.ts'
import type { Clock } from '../util/clock.ts'
import type { Rng } from '../util/rand.ts'
import type { Informer } from './informer.ts'
import type { ControllerManager } from './manager.ts'

export interface ControllerContext {
  store: Store
  clock: Clock
  informer: Informer
  recorder: EventRecorder
  manager: ControllerManager
  profile: ClusterProfile
  rng: Rng
}
