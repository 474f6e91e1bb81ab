// STUB: kubectl api-resources (to be replaced by its owner).
import type { Verb } from '../verb.ts'
import { fail } from '../verb.ts'

export const apiResources: Verb = {
  name: 'api-resources',
  short: '',
  group: '',
  flags: [],
  help: '',
  run: () => fail('error: kubectl api-resources is not implemented yet'),
}
