// Test helpers for the cluster and controller tests (not used by production code).

import type { Container, Deployment, KubeObject, Pod, Service } from '../api/types.ts'
import type { Cluster } from './types.ts'

export function deployment(name: string, replicas: number, containers: Container[] = [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }], ns = 'default'): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers } } },
  }
}

export function service(name: string, selector: Record<string, string>, ports: Service['spec']['ports'], extra: Partial<Service['spec']> = {}, ns = 'default'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector, ports, ...extra } }
}

export function apply(c: Cluster, ...objs: KubeObject[]): void {
  for (const o of objs) c.store.create(o, { cause: 'test' })
  c.settle()
}

export function podsOf(c: Cluster, app: string, ns = 'default'): Pod[] {
  return (c.store.list('Pod', ns) as Pod[]).filter((p) => p.metadata.labels?.app === app)
}

export function events(c: Cluster, name: string, ns = 'default'): string[] {
  return (c.store.list('Event', ns) as KubeObject[])
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`)
}
