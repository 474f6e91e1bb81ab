// `kubectl` overview (the root help of kubectl v1.32, listing the verbs served here), `kubectl VERB --help`,
// and cobra's unknown-command error with its "Did you mean this?" suggestions.

import type { Verb } from './verb.ts'
import { renderHelp } from './help-format.ts'
import { helpText } from './help-texts.ts'

/** kubectl's command groups (pkg/cmd/cmd.go), in order, with each command's Short. */
const GROUPS: { title: string; commands: [string, string][] }[] = [
  { title: 'Basic Commands (Beginner):', commands: [
    ['create', 'Create a resource from a file or from stdin'],
    ['expose', 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service'],
    ['run', 'Run a particular image on the cluster'],
    ['set', 'Set specific features on objects'],
  ] },
  { title: 'Basic Commands (Intermediate):', commands: [
    ['explain', 'Get documentation for a resource'],
    ['get', 'Display one or many resources'],
    ['edit', 'Edit a resource on the server'],
    ['delete', 'Delete resources by file names, stdin, resources and names, or by resources and label selector'],
  ] },
  { title: 'Deploy Commands:', commands: [
    ['rollout', 'Manage the rollout of a resource'],
    ['scale', 'Set a new size for a deployment, replica set, or replication controller'],
    ['autoscale', 'Auto-scale a deployment, replica set, stateful set, or replication controller'],
  ] },
  { title: 'Cluster Management Commands:', commands: [
    ['certificate', 'Modify certificate resources'],
    ['cluster-info', 'Display cluster information'],
    ['top', 'Display resource (CPU/memory) usage'],
    ['cordon', 'Mark node as unschedulable'],
    ['uncordon', 'Mark node as schedulable'],
    ['drain', 'Drain node in preparation for maintenance'],
    ['taint', 'Update the taints on one or more nodes'],
  ] },
  { title: 'Troubleshooting and Debugging Commands:', commands: [
    ['describe', 'Show details of a specific resource or group of resources'],
    ['logs', 'Print the logs for a container in a pod'],
    ['attach', 'Attach to a running container'],
    ['exec', 'Execute a command in a container'],
    ['port-forward', 'Forward one or more local ports to a pod'],
    ['proxy', 'Run a proxy to the Kubernetes API server'],
    ['cp', 'Copy files and directories to and from containers'],
    ['auth', 'Inspect authorization'],
    ['debug', 'Create debugging sessions for troubleshooting workloads and nodes'],
    ['events', 'List events'],
  ] },
  { title: 'Advanced Commands:', commands: [
    ['diff', 'Diff the live version against a would-be applied version'],
    ['apply', 'Apply a configuration to a resource by file name or stdin'],
    ['patch', 'Update fields of a resource'],
    ['replace', 'Replace a resource by file name or stdin'],
    ['wait', 'Experimental: Wait for a specific condition on one or many resources'],
    ['kustomize', 'Build a kustomization target from a directory or URL'],
  ] },
  { title: 'Settings Commands:', commands: [
    ['label', 'Update the labels on a resource'],
    ['annotate', 'Update the annotations on a resource'],
    ['completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'],
  ] },
]

/** Commands outside the groups land under "Other Commands:", sorted by name (cobra sorts). */
const OTHER: [string, string][] = [
  ['api-resources', 'Print the supported API resources on the server'],
  ['api-versions', 'Print the supported API versions on the server, in the form of "group/version"'],
  ['config', 'Modify kubeconfig files'],
  ['plugin', 'Provides utilities for interacting with plugins'],
  ['version', 'Print the client and server version information'],
]

/** cobra's NamePadding: the longest name among the root's commands (api-resources), at least 11. */
const NAME_PADDING = 13

export const GLOBAL_OPTIONS_TIP = 'Use "kubectl options" for a list of global command-line options (applies to all commands).'

export function rootHelp(verbs: readonly Verb[]): string {
  return helpText('kubectl') ?? renderRootHelp(verbs)
}

/** cobra's `kubectl help <unknown>`: the topic, then the root usage (the command groups onwards). */
export function unknownHelpTopic(topic: string[], verbs: readonly Verb[]): string {
  const root = rootHelp(verbs)
  const i = root.indexOf('Basic Commands')
  return `Unknown help topic [${topic.map((t) => '`' + t + '`').join(' ')}]\n\n\n${i >= 0 ? root.slice(i) : root}`
}

function renderRootHelp(verbs: readonly Verb[]): string {
  const served = new Set(verbs.map((v) => v.name))
  const line = ([n, s]: [string, string]) => `  ${n.padEnd(NAME_PADDING)}   ${s}`
  const blocks: string[] = []
  for (const g of GROUPS) {
    const cmds = g.commands.filter(([n]) => served.has(n))
    if (cmds.length) blocks.push([g.title, ...cmds.map(line)].join('\n'))
  }
  const known = new Set([...GROUPS.flatMap((g) => g.commands.map(([n]) => n)), ...OTHER.map(([n]) => n)])
  const other: [string, string][] = [
    ...OTHER.filter(([n]) => served.has(n)),
    ...verbs.filter((v) => !known.has(v.name)).map((v): [string, string] => [v.name, v.short]),
  ].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  if (other.length) blocks.push(['Other Commands:', ...other.map(line)].join('\n'))
  return [
    'kubectl controls the Kubernetes cluster manager.',
    ' Find more information at: https://kubernetes.io/docs/reference/kubectl/',
    ...blocks,
    'Usage:\n  kubectl [flags] [options]',
    'Use "kubectl <command> --help" for more information about a given command.\n' + GLOBAL_OPTIONS_TIP,
  ].join('\n\n') + '\n'
}

/** `kubectl VERB --help`: the verb's help text plus the global-options tip. */
export function verbHelp(verb: Verb, path: string): string {
  const captured = helpText(path)
  if (captured) return captured
  const body = verb.help.trim()
    ? verb.help.replace(/\s+$/, '')
    : renderHelp({ name: verb.name, long: verb.short, flags: verb.flags, use: path, commandPath: path })
  return withGlobalTip(body)
}

/** Append the global-options tip: after a blank line, or right below the sub-commands tip. */
export function withGlobalTip(body: string): string {
  const sep = body.endsWith('for more information about a given command.') ? '\n' : '\n\n'
  return body + sep + GLOBAL_OPTIONS_TIP + '\n'
}

/** Levenshtein distance, case-insensitive as cobra's ld(s, t, ignoreCase=true). */
function ld(a: string, b: string): number {
  a = a.toLowerCase()
  b = b.toLowerCase()
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
    }
  }
  return d[a.length][b.length]
}

/** Every command of real kubectl, in the order cobra holds them (the groups, then the others). */
export const ALL_COMMANDS: readonly string[] = [...GROUPS.flatMap((g) => g.commands.map(([n]) => n)), ...OTHER.map(([n]) => n), 'options']

/** cobra SuggestionsFor: distance <= 2 or a name starting with what was typed, in command order. */
export function suggestionsFor(typed: string, names: readonly string[]): string[] {
  return names.filter((n) => ld(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()))
}

/**
 * cobra's unknown-command error as kubectl prints it (`Error: ...`, suggestions, then a blank line). Suggestions
 * never include the very word typed (cobra would have run that command). A real kubectl command the lab does not
 * serve gets kubectl's error and then an honest lab line.
 */
export function unknownCommand(name: string, verbs: readonly Verb[]): string {
  const served = verbs.map((v) => v.name)
  const names = [...ALL_COMMANDS, ...served.filter((n) => !ALL_COMMANDS.includes(n))]
  const sugg = suggestionsFor(name, names).filter((s) => s !== name)
  const did = sugg.length ? `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}` : ''
  const lab = ALL_COMMANDS.includes(name) && !served.includes(name)
    ? `kubelab: "kubectl ${name}" is a real kubectl command that this lab does not implement yet\n` : ''
  return `Error: unknown command "${name}" for "kubectl"${did}\n${lab}`
}
