// STUB: kubectl version (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const version: Verb = {
  name: 'version',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl version is not implemented yet'),
}
