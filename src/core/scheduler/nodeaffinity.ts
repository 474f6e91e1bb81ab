// The NodeAffinity filter's required part (k/k pkg/scheduler/framework/plugins/nodeaffinity): a node passes
// when one of the pod's requiredDuringSchedulingIgnoredDuringExecution nodeSelectorTerms matches it, by
// label expressions and by field (`metadata.name`, how DaemonSet pods are pinned to their node).

import type { Node } from '../api/types.ts'

interface Requirement { key: string; operator: string; values?: string[] }
interface Term { matchExpressions?: Requirement[]; matchFields?: Requirement[] }

function matches(r: Requirement, has: boolean, value: string | undefined): boolean {
  const vals = r.values ?? []
  switch (r.operator) {
    case 'In': return has && vals.includes(value ?? '')
    case 'NotIn': return !has || !vals.includes(value ?? '')
    case 'Exists': return has
    case 'DoesNotExist': return !has
    case 'Gt': return has && Number(value) > Number(vals[0])
    case 'Lt': return has && Number(value) < Number(vals[0])
    default: return false
  }
}

function termMatches(t: Term, node: Node): boolean {
  const exprs = t.matchExpressions ?? [], fields = t.matchFields ?? []
  if (!exprs.length && !fields.length) return false
  const labels = node.metadata.labels ?? {}
  for (const r of exprs) if (!matches(r, Object.prototype.hasOwnProperty.call(labels, r.key), labels[r.key])) return false
  for (const r of fields) if (!matches(r, r.key === 'metadata.name', r.key === 'metadata.name' ? node.metadata.name : undefined)) return false
  return true
}

/** Does the node satisfy `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution` (true when unset)? */
export function nodeMatchesRequiredAffinity(affinity: unknown, node: Node): boolean {
  const req = (affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Term[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (!req) return true
  return (req.nodeSelectorTerms ?? []).some((t) => termMatches(t, node))
}
