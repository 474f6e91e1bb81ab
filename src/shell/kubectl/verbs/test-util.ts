// Test helpers for the kubectl verb tests: a settled kubeadm cluster with a Deployment and a Pod, and `k(line)`.

import { createCluster } from '../../../core/cluster/create.ts'
import type { Cluster } from '../../../core/cluster/types.ts'
import type { CommandContext, CommandResult } from '../../types.ts'
import { kubectl } from '../index.ts'

export function labCluster(): Cluster {
  const c = createCluster({ seed: 7 })
  c.settle()
  c.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } } }, { cause: 'test' })
  c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two', namespace: 'default', labels: { run: 'two' } },
    spec: { containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] }] } }, { cause: 'test' })
  c.settle()
  c.advance(30_000)
  return c
}

export function runner(c: Cluster, extra: Partial<CommandContext> = {}): (line: string) => CommandResult {
  return (line) => kubectl({ args: line.split(' ').filter(Boolean), stdin: '', cluster: c, fs: undefined as never, host: { kind: 'node', node: 'controlplane' }, env: {}, effect: () => {}, ...extra })
}
