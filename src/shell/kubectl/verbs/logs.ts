// STUB: kubectl logs (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const logs: Verb = {
  name: 'logs',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl logs is not implemented yet'),
}
