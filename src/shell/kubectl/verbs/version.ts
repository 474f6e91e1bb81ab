// kubectl version: client, Kustomize and server versions (text, -o yaml, -o json; --client).

import type { Verb, Invocation } from '../verb.ts'
import { ok, fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { FlagSpec } from '../flags.ts'
import { str, bool } from '../flags.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { versionInfo, KUSTOMIZE_VERSION, type VersionInfo } from '../version-info.ts'

const FLAGS: FlagSpec[] = [
  { name: 'client', type: 'bool', default: false, usage: 'If true, shows client version only (no server required).' },
  { name: 'output', short: 'o', type: 'string', default: '', usage: 'One of \'yaml\' or \'json\'.' },
]

const HELP = renderHelp({
  name: 'version', commandPath: 'kubectl version', flags: FLAGS,
  long: longDesc('Print the client and server version information for the current context.'),
  example: examples(`
    # Print the client and server versions for the current context
    kubectl version`),
  use: 'kubectl version [flags]',
})

const JSON_ORDER: (keyof VersionInfo)[] = ['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']

function yamlInfo(v: VersionInfo): string {
  return (Object.keys(v) as (keyof VersionInfo)[]).sort().map((k) => {
    const val = v[k]
    const quoted = /^\d+$/.test(val) || /^\d{4}-\d\d-\d\dT/.test(val) ? `"${val}"` : val
    return `  ${k}: ${quoted}\n`
  }).join('')
}

function jsonInfo(v: VersionInfo, indent: string): string {
  return '{\n' + JSON_ORDER.map((k) => `${indent}  "${k}": ${JSON.stringify(v[k])}`).join(',\n') + `\n${indent}}`
}

function run(inv: Invocation): CommandResult {
  const output = str(inv.flags, 'output')
  if (output && output !== 'yaml' && output !== 'json') return fail('error: --output must be \'yaml\' or \'json\'')
  const clientOnly = bool(inv.flags, 'client')
  const v = inv.ctx.cluster.profile.version
  const client = versionInfo(v, 'client')
  const server = clientOnly ? undefined : versionInfo(v, 'server')
  if (output === 'yaml') {
    let s = `clientVersion:\n${yamlInfo(client)}kustomizeVersion: ${KUSTOMIZE_VERSION}\n`
    if (server) s += `serverVersion:\n${yamlInfo(server)}`
    // kubectl prints the marshalled YAML with Fprintln: one more newline after yaml's own
    return ok(s + '\n')
  }
  if (output === 'json') {
    const parts = [`  "clientVersion": ${jsonInfo(client, '  ')}`, `  "kustomizeVersion": "${KUSTOMIZE_VERSION}"`]
    if (server) parts.push(`  "serverVersion": ${jsonInfo(server, '  ')}`)
    return ok(`{\n${parts.join(',\n')}\n}\n`)
  }
  let s = `Client Version: ${client.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`
  if (server) s += `Server Version: ${server.gitVersion}\n`
  return ok(s)
}

export const version: Verb = {
  name: 'version',
  short: 'Print the client and server version information',
  group: 'Other Commands',
  flags: FLAGS,
  help: HELP,
  run,
}
