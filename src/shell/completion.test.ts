// Tab completion: commands, kubectl verbs, resource types, names from the store per namespace, files, nodes.
import { describe, it, expect, vi } from 'vitest'

vi.mock('./kubectl/index.ts', () => ({ kubectl: () => ({ stdout: '', stderr: '', exitCode: 0 }) }))

import { run, testShell } from './test-helpers.ts'

function shellWithObjects() {
  const sh = testShell()
  const s = sh.cluster.store
  s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } } as never, { cause: 'test' })
  for (const [ns, name] of [['default', 'web-svc'], ['default', 'web-backend'], ['demo', 'demo-svc']]) {
    s.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: {} } as never, { cause: 'test' })
  }
  s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx-1', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as never, { cause: 'test' })
  return sh
}

describe('completion', () => {
  it('completes command names', () => {
    const sh = testShell()
    expect(sh.complete('kub')).toEqual({ candidates: ['kubectl'], replacement: 'kubectl ', start: 0 })
    const r = sh.complete('c')
    expect(r.candidates).toEqual(['cat', 'cd', 'cfssl', 'cfssljson', 'clear', 'conntrack', 'cp', 'curl', 'cut'])
    expect(r.replacement).toBe('c')
  })

  it('completes kubectl verbs', () => {
    const sh = testShell()
    expect(sh.complete('kubectl desc')).toEqual({ candidates: ['describe'], replacement: 'describe ', start: 8 })
    expect(sh.complete('kubectl ex').candidates).toEqual(['exec', 'explain', 'expose'])
    expect(sh.complete('kubectl ex').replacement).toBe('ex')
    expect(sh.complete('kubectl c').candidates).toEqual(['cluster-info', 'create'])
  })

  it('completes resource types: plural, singular and short names', () => {
    const sh = testShell()
    expect(sh.complete('kubectl get svc').candidates).toEqual(['svc'])
    expect(sh.complete('kubectl get servi').candidates).toEqual(['service', 'serviceaccount', 'serviceaccounts', 'services'])
    expect(sh.complete('kubectl get servi').replacement).toBe('service')
    expect(sh.complete('kubectl describe ing').candidates).toEqual(['ing', 'ingress', 'ingressclass', 'ingressclasses', 'ingresses'])
    expect(sh.complete('kubectl rollout res').candidates).toEqual(['restart', 'resume'])
    expect(sh.complete('kubectl rollout status dep').candidates).toEqual(['deploy', 'deployment', 'deployments'])
  })

  it('completes object names in the typed namespace', () => {
    const sh = shellWithObjects()
    expect(sh.complete('kubectl get cm web-').candidates).toEqual(['web-backend', 'web-svc'])
    expect(sh.complete('kubectl get cm web-').replacement).toBe('web-')
    expect(sh.complete('kubectl get cm -n demo d')).toEqual({ candidates: ['demo-svc'], replacement: 'demo-svc ', start: 23 })
    expect(sh.complete('kubectl -n demo describe configmap ').candidates).toEqual(['demo-svc'])
    expect(sh.complete('kubectl delete cm/web-b').candidates).toEqual(['cm/web-backend'])
    expect(sh.complete('kubectl logs ng').candidates).toEqual(['nginx-1'])
    expect(sh.complete('kubectl get pods -n d').candidates).toEqual(['default', 'demo'])
    run(sh, 'alias k=kubectl')
    expect(sh.complete('k get cm web-s').candidates).toEqual(['web-svc'])
  })

  it('completes files for -f, cat, ls and redirections, and nodes for ssh', () => {
    const sh = testShell()
    run(sh, 'mkdir manifests; touch web.yaml web-svc.yaml manifests/a.yaml .hidden')
    expect(sh.complete('kubectl apply -f we').candidates).toEqual(['web-svc.yaml', 'web.yaml'])
    expect(sh.complete('kubectl apply -f man')).toEqual({ candidates: ['manifests/'], replacement: 'manifests/', start: 17 })
    expect(sh.complete('cat manifests/')).toEqual({ candidates: ['manifests/a.yaml'], replacement: 'manifests/a.yaml ', start: 4 })
    expect(sh.complete('ls ').candidates).toEqual(['manifests/', 'web-svc.yaml', 'web.yaml'])
    expect(sh.complete('echo hi > web.').candidates).toEqual(['web.yaml'])
    expect(sh.complete('cd m').candidates).toEqual(['manifests/'])
    expect(sh.complete('ssh node').candidates).toEqual(['node01', 'node02'])
  })
})
