// STUB: kubectl describe (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const describe: Verb = {
  name: 'describe',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl describe is not implemented yet'),
}
