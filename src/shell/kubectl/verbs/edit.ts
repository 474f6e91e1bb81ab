// STUB: kubectl edit (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const edit: Verb = {
  name: 'edit',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl edit is not implemented yet'),
}
