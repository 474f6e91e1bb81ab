// STUB: kubectl create (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const create: Verb = {
  name: 'create',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl create is not implemented yet'),
}
