// STUB: kubectl cluster-info (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const clusterInfo: Verb = {
  name: 'cluster-info',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl cluster-info is not implemented yet'),
}
