// STUB: kubectl expose (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const expose: Verb = {
  name: 'expose',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl expose is not implemented yet'),
}
