// STUB (owned by the kubectl work): the kubectl command.
import type { Command } from '../types.ts'

export const kubectl: Command = () => ({ stdout: '', stderr: 'kubectl: not implemented yet\n', exitCode: 1 })
