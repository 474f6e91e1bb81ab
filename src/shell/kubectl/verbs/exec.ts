// STUB: kubectl exec (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const exec: Verb = {
  name: 'exec',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl exec is not implemented yet'),
}
