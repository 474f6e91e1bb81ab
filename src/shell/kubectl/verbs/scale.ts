// STUB: kubectl scale (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const scale: Verb = {
  name: 'scale',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl scale is not implemented yet'),
}
