// kubectl cordon / uncordon: set or clear a Node's spec.unschedulable (kubectl pkg/cmd/drain RunCordonOrUncordon),
// plus the node selection drain shares (NODE names or -l, the usage errors of DrainCmdOptions.Complete).

import { deepClone } from '../../../core/util/clone.ts'
import type { Node } from '../../../core/api/types.ts'
import type { Cluster } from '../../../core/cluster/types.ts'
import { newNotFound } from '../../../core/apiserver/errors.ts'
import type { CommandResult } from '../../types.ts'
import type { Invocation, Verb } from '../verb.ts'
import type { FlagSpec } from '../flags.ts'
import { str } from '../flags.ts'
import { examples, longDesc, renderHelp } from '../help-format.ts'
import { dryRunFlag, dryRunMode } from '../help-flags.ts'
import { errorText, usageError } from '../errors.ts'
import { parseSelector, selectorMatches } from '../label-selector.ts'
import { lookupType } from '../resources.ts'

/** drain's `-l` (its usage text differs from the generic selector flag's) */
export const nodeSelectorFlag: FlagSpec = {
  name: 'selector', short: 'l', type: 'string', default: '',
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
}

/** `node/node01 cordoned`, with the dry-run suffix kubectl's name printer adds */
export function nodeLine(name: string, operation: string, dry: 'none' | 'client' | 'server'): string {
  return `node/${name} ${operation}${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`
}

/** The nodes named (or selected with -l), as the builder visits them; throws NotFound for a missing name. */
export function selectNodes(cluster: Cluster, inv: Invocation, use: string): { nodes: Node[] } | { error: CommandResult } {
  const selector = str(inv.flags, 'selector')
  const path = inv.commandPath
  if (!inv.args.length && !inv.flags.set.has('selector')) return { error: { stdout: '', stderr: usageError(path, `USAGE: ${use} [flags]`), exitCode: 1 } }
  if (inv.args.length && selector) return { error: { stdout: '', stderr: usageError(path, 'error: cannot specify both a node name and a --selector option').replace(/^error: error: /, 'error: '), exitCode: 1 } }
  if (selector) {
    const reqs = parseSelector(selector, lookupType('nodes'))
    return { nodes: (cluster.store.list('Node') as Node[]).filter((n) => selectorMatches(reqs, n.metadata.labels)) }
  }
  const nodes: Node[] = []
  for (const name of inv.args) {
    const n = cluster.store.get('Node', undefined, name) as Node | undefined
    if (!n) throw newNotFound('nodes', name)
    nodes.push(n)
  }
  return { nodes }
}

/** RunCordonOrUncordon: `already cordoned` when nothing changes, else the update (skipped in client dry run). */
export function cordonNodes(cluster: Cluster, nodes: Node[], desired: boolean, dry: 'none' | 'client' | 'server'): string {
  let out = ''
  for (const n of nodes) {
    const now = !!n.spec?.unschedulable
    if (now === desired) {
      out += nodeLine(n.metadata.name, desired ? 'already cordoned' : 'already uncordoned', dry)
      continue
    }
    if (dry !== 'client') {
      const next = deepClone(n)
      next.spec = { ...next.spec }
      if (desired) next.spec.unschedulable = true
      else delete next.spec.unschedulable
      cluster.store.update(next, { cause: 'kubectl', dryRun: dry === 'server' })
    }
    out += nodeLine(n.metadata.name, desired ? 'cordoned' : 'uncordoned', dry)
  }
  if (dry !== 'client') cluster.settle()
  return out
}

function run(inv: Invocation, desired: boolean): CommandResult {
  const use = desired ? 'cordon NODE' : 'uncordon NODE'
  try {
    const dry = dryRunMode(str(inv.flags, 'dry-run'))
    const sel = selectNodes(inv.ctx.cluster, inv, use)
    if ('error' in sel) return sel.error
    return { stdout: cordonNodes(inv.ctx.cluster, sel.nodes, desired, dry), stderr: '', exitCode: 0 }
  } catch (e) {
    return { stdout: '', stderr: errorText(e), exitCode: 1 }
  }
}

const FLAGS: FlagSpec[] = [dryRunFlag, nodeSelectorFlag]

export const cordon: Verb = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  group: 'Cluster Management Commands',
  flags: FLAGS,
  help: renderHelp({
    name: 'cordon', commandPath: 'kubectl cordon', flags: FLAGS, use: 'kubectl cordon NODE',
    long: longDesc(`
      Mark node as unschedulable.`),
    example: examples(`
      # Mark node "foo" as unschedulable
      kubectl cordon foo`),
  }),
  run: (inv) => run(inv, true),
}

export const uncordon: Verb = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  group: 'Cluster Management Commands',
  flags: FLAGS,
  help: renderHelp({
    name: 'uncordon', commandPath: 'kubectl uncordon', flags: FLAGS, use: 'kubectl uncordon NODE',
    long: longDesc(`
      Mark node as schedulable.`),
    example: examples(`
      # Mark node "foo" as schedulable
      kubectl uncordon foo`),
  }),
  run: (inv) => run(inv, false),
}
