// STUB: kubectl run (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const run: Verb = {
  name: 'run',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl run is not implemented yet'),
}
