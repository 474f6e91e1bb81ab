// STUB: kubectl delete (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const deleteVerb: Verb = {
  name: 'delete',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl delete is not implemented yet'),
}
