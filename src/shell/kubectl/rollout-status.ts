// kubectl rollout status: the Deployment status viewer's progress lines, watched in virtual time (the cluster
// clock advances a second at a time, as a real watch would wait) until the rollout completes.

import type { Verb, Invocation } from './verb.ts'
import { fail } from './verb.ts'
import type { CommandResult } from '../types.ts'
import type { Deployment } from '../../core/api/types.ts'
import type { FlagSpec } from './flags.ts'
import { str, int, bool } from './flags.ts'
import { longDesc, examples, renderHelp } from './help-format.ts'
import { filenameFlags, selectorFlag } from './help-flags.ts'
import { resolveTargets } from './label-shared.ts'
import { parseDuration } from './verbs/logs.ts'
import { revisions } from './rollout-revisions.ts'

const FLAGS: FlagSpec[] = [
  ...filenameFlags('identifying the resource to get from a server.'),
  { name: 'revision', type: 'int', default: 0, usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
  selectorFlag,
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
  { name: 'watch', short: 'w', type: 'bool', default: true, usage: "Watch the status of the rollout until it's done." },
]

const HELP = renderHelp({
  name: 'status', commandPath: 'kubectl rollout status', flags: FLAGS,
  long: longDesc(`
    Show the status of the rollout.

    By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.`),
  example: examples(`
    # Watch the rollout status of a deployment
    kubectl rollout status deployment/nginx`),
  use: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]',
})

type Step = { text: string; done: boolean; error?: string }

/** polymorphichelpers DeploymentStatusViewer.Status */
export function deploymentStatus(d: Deployment): Step {
  const name = d.metadata.name
  const st = d.status ?? {}
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = (st.conditions ?? []).find((c) => c.type === 'Progressing') as { reason?: string } | undefined
    if (cond?.reason === 'ProgressDeadlineExceeded') return { text: '', done: false, error: `deployment "${name}" exceeded its progress deadline` }
    const want = d.spec.replicas ?? 1
    const updated = st.updatedReplicas ?? 0
    if (updated < want) return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false }
    if ((st.replicas ?? 0) > updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false }
    if ((st.availableReplicas ?? 0) < updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false }
    return { text: `deployment "${name}" successfully rolled out\n`, done: true }
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false }
}

function run(inv: Invocation): CommandResult {
  const selector = str(inv.flags, 'selector')
  const targets = resolveTargets(inv, inv.args, { selector })
  const cluster = inv.ctx.cluster
  let out = ''
  for (const { obj } of targets) {
    if (obj.kind !== 'Deployment') return fail(`error: no status viewer has been implemented for ${obj.kind}`, out)
    const want = int(inv.flags, 'revision')
    const current = () => cluster.store.get('Deployment', obj.metadata.namespace, obj.metadata.name) as Deployment | undefined
    if (want > 0) {
      const revs = revisions(cluster.store, obj as Deployment)
      const latest = revs.length ? revs[revs.length - 1].revision : 0
      if (latest !== want) return fail(`error: desired revision (${want}) is different from the running revision (${latest})`, out)
    }
    const watch = bool(inv.flags, 'watch')
    const timeoutMs = parseDuration(str(inv.flags, 'timeout'))
    const deadlineS = (obj as Deployment).spec.progressDeadlineSeconds ?? 600
    const limit = timeoutMs > 0 ? timeoutMs : (deadlineS + 60) * 1000
    let last = ''
    let waited = 0
    for (;;) {
      const d = current()
      if (!d) return fail(`error: watch closed before UntilWithoutRetry timeout`, out)
      const s = deploymentStatus(d)
      if (s.error) return fail(`error: ${s.error}`, out)
      if (s.text !== last) out += s.text
      last = s.text
      if (s.done || !watch) break
      if (waited >= limit) {
        if (timeoutMs > 0) return fail('error: timed out waiting for the condition', out)
        return fail(`error: deployment "${d.metadata.name}" exceeded its progress deadline`, out)
      }
      cluster.advance(1000)
      waited += 1000
    }
  }
  return { stdout: out, stderr: '', exitCode: 0 }
}

export const rolloutStatus: Verb = { name: 'status', short: 'Show the status of the rollout', group: '', flags: FLAGS, help: HELP, run }
