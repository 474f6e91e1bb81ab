// kubectl cordon/uncordon/drain/taint against a created cluster: kubectl v1.32's lines and errors (the oracle
// fixtures cover the server-free cases), eviction through the API, and taint parsing as kubectl's utils.go does.

import { describe, it, expect } from 'vitest'
import { createCluster } from '../../../core/cluster/create.ts'
import type { Cluster } from '../../../core/cluster/types.ts'
import type { Node, Pod } from '../../../core/api/types.ts'
import { createShell } from '../../shell.ts'
import { createWorkspaceFs } from '../../fs.ts'
import { out, run } from '../../test-helpers.ts'
import { parseTaints, reorganizeTaints, taintString } from './taint.ts'

/** `ns/name, ...` of the DaemonSet pods on a node, in the API's list order (what drain names) */
function daemonPods(c: Cluster, node: string): string {
  return (c.store.list('Pod') as Pod[])
    .filter((p) => p.spec.nodeName === node && p.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'DaemonSet'))
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')
}

describe('taint parsing', () => {
  it('parses add and remove specs and reorganizes as kubectl does', () => {
    expect(parseTaints(['a=b:NoSchedule', 'c:NoExecute', 'd-', 'e:NoSchedule-'])).toEqual({
      add: [{ key: 'a', value: 'b', effect: 'NoSchedule' }, { key: 'c', effect: 'NoExecute' }],
      remove: [{ key: 'd', effect: '' }, { key: 'e', effect: 'NoSchedule' }],
    })
    expect(() => parseTaints(['a=b'])).toThrow('invalid taint spec: a=b')
    expect(() => parseTaints(['a=b=c:NoSchedule'])).toThrow('invalid taint spec: a=b=c:NoSchedule')
    const old = [{ key: 'x', effect: 'NoSchedule' }]
    expect(reorganizeTaints(old, false, [{ key: 'y', effect: 'NoExecute' }], []).op).toBe('tainted')
    expect(reorganizeTaints(old, false, [{ key: 'y', effect: 'NoExecute' }], [{ key: 'x', effect: '' }])).toEqual({ op: 'modified', taints: [{ key: 'y', effect: 'NoExecute' }], errors: [] })
    expect(reorganizeTaints(old, false, [], [{ key: 'z', effect: 'NoSchedule' }]).errors).toEqual(['taint "z:NoSchedule" not found'])
    expect(taintString({ key: 'k', value: 'v', effect: 'NoSchedule' })).toBe('k=v:NoSchedule')
  })
})

describe('kubectl drain, cordon, taint against the cluster', () => {
  it('refuses DaemonSet pods without --ignore-daemonsets, with kubectl\'s exact lines', () => {
    const c = createCluster({ seed: 2 })
    const sh = createShell({ cluster: c, fs: createWorkspaceFs() })
    const r = run(sh, 'kubectl drain node01')
    const ds = daemonPods(c, 'node01')
    expect(ds).toMatch(/kube-system\/kube-proxy-/)
    expect(r.stdout).toBe('node/node01 cordoned\n')
    expect(r.stderr).toBe(`error: unable to drain node "node01" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds}, continuing command...\n` +
      `There are pending nodes to be drained:\n node01\ncannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds}\n`)
    expect(out(sh, 'kubectl get nodes node01')).toMatch(/node01 +Ready,SchedulingDisabled/)
    expect(out(sh, 'kubectl uncordon node01')).toBe('node/node01 uncordoned\n')
    expect(out(sh, 'kubectl uncordon node01')).toBe('node/node01 already uncordoned\n')
  })

  it('a bare pod needs --force; --dry-run=client lists the evictions', () => {
    const c = createCluster({ seed: 2 })
    const sh = createShell({ cluster: c, fs: createWorkspaceFs() })
    out(sh, 'kubectl run solo --image=nginx --overrides={"spec":{"nodeName":"node02"}}')
    const r = run(sh, 'kubectl drain node02 --ignore-daemonsets')
    expect(r.stderr).toContain('error: unable to drain node "node02" due to error: cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\n')
    const d = run(sh, 'kubectl drain node02 --ignore-daemonsets --force --dry-run=client')
    expect(d.stdout).toBe('node/node02 already cordoned (dry run)\nevicting pod default/solo (dry run)\nnode/node02 drained (dry run)\n')
    const f = run(sh, 'kubectl drain node02 --ignore-daemonsets --force --disable-eviction')
    expect(f.stdout).toBe('node/node02 already cordoned\npod/solo deleted\nnode/node02 drained\n')
    expect(f.stderr).toBe(`Warning: deleting Pods that declare no controller: default/solo; ignoring DaemonSet-managed Pods: ${daemonPods(c, 'node02')}\n`)
  })

  it('taint adds, overwrites and removes, with kubectl\'s operations and errors', () => {
    const c = createCluster({ seed: 2 })
    const sh = createShell({ cluster: c, fs: createWorkspaceFs() })
    expect(out(sh, 'kubectl taint nodes node01 dedicated=special:NoSchedule')).toBe('node/node01 tainted\n')
    expect(out(sh, 'kubectl taint nodes node01 dedicated=other:NoSchedule')).toBe('error: node node01 already has dedicated taint(s) with same effect(s) and --overwrite is false\n')
    expect(out(sh, 'kubectl taint nodes node01 dedicated=other:NoSchedule --overwrite')).toBe('node/node01 modified\n')
    expect((c.store.get('Node', undefined, 'node01') as Node).spec.taints).toEqual([{ key: 'dedicated', value: 'other', effect: 'NoSchedule' }])
    expect(out(sh, 'kubectl taint nodes node01 dedicated:NoSchedule-')).toBe('node/node01 untainted\n')
    expect(out(sh, 'kubectl taint nodes node01 dedicated-')).toBe('taint "dedicated" not found\n')
    expect(out(sh, 'kubectl taint nodes --all a=b:NoExecute')).toBe('node/controlplane tainted\nnode/node01 tainted\nnode/node02 tainted\n')
    expect(out(sh, 'kubectl taint nodes node01 a=b:Bogus')).toBe("error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n")
    expect(out(sh, 'kubectl taint nodes node01')).toBe('error: at least one taint update is required\n')
  })
})
