// STUB: kubectl rollout (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const rollout: Verb = {
  name: 'rollout',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl rollout is not implemented yet'),
}
