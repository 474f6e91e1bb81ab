// STUB: kubectl apply (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const apply: Verb = {
  name: 'apply',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl apply is not implemented yet'),
}
