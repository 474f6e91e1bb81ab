// STUB: kubectl get (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const get: Verb = {
  name: 'get',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl get is not implemented yet'),
}
