// STUB: kubectl explain (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const explain: Verb = {
  name: 'explain',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl explain is not implemented yet'),
}
