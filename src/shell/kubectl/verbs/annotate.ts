// STUB: kubectl annotate (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const annotate: Verb = {
  name: 'annotate',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl annotate is not implemented yet'),
}
