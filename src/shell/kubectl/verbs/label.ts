// STUB: kubectl label (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const label: Verb = {
  name: 'label',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl label is not implemented yet'),
}
