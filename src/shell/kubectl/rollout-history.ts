// kubectl rollout history and undo: list a Deployment's revisions (REVISION / CHANGE-CAUSE), show one
// revision's pod template, and roll the Deployment's template back to a revision.

import type { Verb, Invocation } from './verb.ts'
import { ok, fail } from './verb.ts'
import type { CommandResult } from '../types.ts'
import type { Deployment, PodTemplateSpec } from '../../core/api/types.ts'
import type { FlagSpec } from './flags.ts'
import { str, int } from './flags.ts'
import { longDesc, examples, renderHelp } from './help-format.ts'
import { printFlags, filenameFlags, selectorFlag, dryRunFlag, dryRunMode } from './help-flags.ts'
import { resolveTargets, printChange, objectRef } from './label-shared.ts'
import { revisions, CHANGE_CAUSE_ANNOTATION } from './rollout-revisions.ts'
import { deepClone } from '../../core/util/clone.ts'

const HISTORY_FLAGS: FlagSpec[] = [
  ...printFlags, ...filenameFlags('identifying the resource to get from a server.'),
  { name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' },
  selectorFlag,
]

const UNDO_FLAGS: FlagSpec[] = [
  ...printFlags, dryRunFlag, ...filenameFlags('identifying the resource to get from a server.'), selectorFlag,
  { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' },
]

/** tabwriter with padding 2, as kubectl's history table. */
function table(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i] + 2))).join('')).join('\n') + '\n'
}

/** The pod template as `rollout history --revision=N` prints it (describe's DescribePodTemplate). */
function describeTemplate(t: PodTemplateSpec): string {
  const kv = (m: Record<string, string> | undefined, sep: string) => {
    const keys = Object.keys(m ?? {}).sort()
    return keys.length ? keys.map((k) => `${k}${sep}${m![k]}`).join('\n\t') : '<none>'
  }
  let s = 'Pod Template:\n'
  s += `  Labels:\t${kv(t.metadata?.labels, '=')}\n`
  s += `  Annotations:\t${kv(t.metadata?.annotations, ': ')}\n`
  s += '  Containers:\n'
  for (const c of t.spec.containers) {
    s += `   ${c.name}:\n`
    s += `    Image:\t${c.image ?? ''}\n`
    const ports = c.ports ?? []
    s += `    Port:\t${ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`
    s += `    Host Port:\t${ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`
    if (c.command?.length) s += `    Command:\n${c.command.map((x) => `      ${x}\n`).join('')}`
    if (c.args?.length) s += `    Args:\n${c.args.map((x) => `      ${x}\n`).join('')}`
    const env = c.env ?? []
    s += `    Environment:\t${env.length ? '\n' + env.map((e) => `      ${e.name}:\t${e.value ?? ''}\n`).join('') : '<none>\n'}`
    s += `    Mounts:\t${(c.volumeMounts ?? []).length ? '\n' + c.volumeMounts!.map((m) => `      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`).join('') : '<none>\n'}`
  }
  s += `  Volumes:\t${(t.spec.volumes ?? []).length ? '' : '<none>'}\n`
  s += '  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n'
  return s
}

function runHistory(inv: Invocation): CommandResult {
  const targets = resolveTargets(inv, inv.args, { selector: str(inv.flags, 'selector') })
  const want = int(inv.flags, 'revision')
  let out = ''
  for (const { obj } of targets) {
    if (obj.kind !== 'Deployment') return fail(`error: no history viewer has been implemented for ${obj.kind}`, out)
    const revs = revisions(inv.ctx.cluster.store, obj as Deployment)
    if (want > 0) {
      const r = revs.find((x) => x.revision === want)
      if (!r) return fail('error: unable to find the specified revision', out)
      const tmpl = deepClone(r.rs.spec.template)
      out += `${objectRef(obj)} with revision #${want}\n${describeTemplate(tmpl)}\n`
      continue
    }
    const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision), r.rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>'])]
    out += `${objectRef(obj)} \n${table(rows)}\n`
  }
  return ok(out)
}

function runUndo(inv: Invocation): CommandResult {
  const targets = resolveTargets(inv, inv.args, { selector: str(inv.flags, 'selector') })
  const dry = dryRunMode(str(inv.flags, 'dry-run'))
  const to = int(inv.flags, 'to-revision')
  let out = ''
  for (const { obj } of targets) {
    if (obj.kind !== 'Deployment') return fail(`error: no rollbacker has been implemented for ${obj.kind}`, out)
    const d = deepClone(obj) as Deployment
    if (d.spec.paused) return fail(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`, out)
    const revs = revisions(inv.ctx.cluster.store, d)
    if (!revs.length) return fail(`error: no rollout history found for deployment "${d.metadata.name}"`, out)
    let target
    if (to === 0) {
      if (revs.length < 2) return fail('error: no revision found for deployment "' + d.metadata.name + '"', out)
      target = revs[revs.length - 2]
    } else {
      target = revs.find((r) => r.revision === to)
      if (!target) return fail(`error: unable to find specified revision ${to} in history`, out)
    }
    const tmpl = deepClone(target.rs.spec.template)
    if (tmpl.metadata?.labels) delete tmpl.metadata.labels['pod-template-hash']
    const strip = (t: PodTemplateSpec) => JSON.stringify({ ...t, metadata: { ...t.metadata, labels: Object.fromEntries(Object.entries(t.metadata?.labels ?? {}).filter(([k]) => k !== 'pod-template-hash')) } })
    if (strip(tmpl) === strip(d.spec.template)) {
      out += printChange(inv, d, `skipped rollback (current template already matches revision ${target.revision})`, dry)
      continue
    }
    d.spec.template = tmpl
    if (dry === 'client') {
      out += printChange(inv, d, 'rolled back', 'client')
      continue
    }
    const saved = inv.ctx.cluster.store.update(d, { cause: 'kubectl', dryRun: dry === 'server' })
    if (dry === 'none') inv.ctx.cluster.settle()
    out += printChange(inv, saved, 'rolled back', dry)
  }
  return ok(out)
}

export const rolloutHistory: Verb = {
  name: 'history', short: 'View rollout history', group: '', flags: HISTORY_FLAGS, run: runHistory,
  help: renderHelp({
    name: 'history', commandPath: 'kubectl rollout history', flags: HISTORY_FLAGS,
    long: longDesc('View previous rollout revisions and configurations.'),
    example: examples(`
      # View the rollout history of a deployment
      kubectl rollout history deployment/abc

      # View the details of daemonset revision 3
      kubectl rollout history daemonset/abc --revision=3`),
    use: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags]',
  }),
}

export const rolloutUndo: Verb = {
  name: 'undo', short: 'Undo a previous rollout', group: '', flags: UNDO_FLAGS, run: runUndo,
  help: renderHelp({
    name: 'undo', commandPath: 'kubectl rollout undo', flags: UNDO_FLAGS,
    long: longDesc('Roll back to a previous rollout.'),
    example: examples(`
      # Roll back to the previous deployment
      kubectl rollout undo deployment/abc

      # Roll back to daemonset revision 3
      kubectl rollout undo daemonset/abc --to-revision=3

      # Roll back to the previous deployment with dry-run
      kubectl rollout undo --dry-run=server deployment/abc`),
    use: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags]',
  }),
}
