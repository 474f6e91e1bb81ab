import { describe, it, expect } from 'vitest'
import { labCluster, runner } from './test-util.ts'

describe('kubectl version, cluster-info, api-resources', () => {
  const c = labCluster()
  const k = runner(c)
  it('prints versions', () => {
    expect(k('version').stdout).toBe('Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n')
    expect(k('version --client').stdout).toBe('Client Version: v1.32.0\nKustomize Version: v5.5.0\n')
    expect(k('version -o yaml').stdout).toContain('clientVersion:\n  buildDate: "2024-12-11T18:04:20Z"\n  compiler: gc\n  gitCommit: 70d3cc986aa8221cd1dfb1121852688902d3bf53\n  gitTreeState: clean\n  gitVersion: v1.32.0\n  goVersion: go1.23.3\n  major: "1"\n  minor: "32"\n  platform: linux/amd64\nkustomizeVersion: v5.5.0\nserverVersion:\n')
    expect(JSON.parse(k('version -o json').stdout).serverVersion.minor).toBe('32')
  })
  it('prints cluster-info in colour', () => {
    expect(k('cluster-info').stdout).toBe(
      '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://172.18.0.2:6443\x1b[0m\n' +
      '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://172.18.0.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n' +
      "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
  })
  it('lists api resources', () => {
    const lines = k('api-resources').stdout.split('\n')
    expect(lines[0]).toBe('NAME                              SHORTNAMES   APIVERSION                        NAMESPACED   KIND')
    expect(lines[1]).toBe('configmaps                        cm           v1                                true         ConfigMap')
    expect(lines[8]).toBe('serviceaccounts                   sa           v1                                true         ServiceAccount')
    expect(lines[10]).toBe('validatingwebhookconfigurations                admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration')
    expect(lines[11]).toBe('daemonsets                        ds           apps/v1                           true         DaemonSet')
    expect(lines[14]).toBe('jobs                                           batch/v1                          true         Job')
    expect(lines[21]).toBe('roles                                          rbac.authorization.k8s.io/v1      true         Role')
    expect(k('api-resources --namespaced=false -o name').stdout).toBe('namespaces\nnodes\nvalidatingwebhookconfigurations.admissionregistration.k8s.io\n' +
      'ingressclasses.networking.k8s.io\nclusterrolebindings.rbac.authorization.k8s.io\nclusterroles.rbac.authorization.k8s.io\n')
    expect(k('api-resources --api-group=apps --no-headers').stdout).toBe('daemonsets    ds       apps/v1   true   DaemonSet\ndeployments   deploy   apps/v1   true   Deployment\nreplicasets   rs       apps/v1   true   ReplicaSet\n')
    expect(k('api-resources --api-group=rbac.authorization.k8s.io -o wide --no-headers').stdout.split('\n')[0])
      .toBe('clusterrolebindings         rbac.authorization.k8s.io/v1   false   ClusterRoleBinding   [create delete deletecollection get list patch update watch]   ')
  })
})

describe('kubectl explain', () => {
  const k = runner(labCluster())
  it('explains a field with the upstream layout', () => {
    expect(k('explain deployment.spec.replicas').stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: replicas <integer>

DESCRIPTION:
    Number of desired pods. This is a pointer to distinguish between explicit
    zero and not specified. Defaults to 1.
    

`)
    const svc = k('explain svc').stdout
    expect(svc.startsWith('KIND:       Service\nVERSION:    v1\n\nDESCRIPTION:\n    Service is a named abstraction of software service (for example, mysql)\n    consisting of local port (for example 3306) that the proxy listens on, and\n    the selector that determines which pods will answer requests sent through\n    the proxy.\n    \nFIELDS:\n  apiVersion\t<string>\n')).toBe(true)
    expect(k('explain svc.spec.type').stdout).toContain('FIELD: type <string>\nENUM:\n    ClusterIP\n    ExternalName\n    LoadBalancer\n    NodePort\n\nDESCRIPTION:\n')
    expect(k('explain svc.spec.ports').stdout).toContain('  port\t<integer> -required-\n    The port that will be exposed by this service.\n')
  })
  it('reports unknown fields and types', () => {
    expect(k('explain svc.spec.nope').stderr).toBe('error: field "nope" does not exist\n')
    expect(k('explain foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
  })
})

describe('kubectl rollout', () => {
  it('restarts, reports status and history, and undoes', () => {
    const c = labCluster()
    const k = runner(c)
    expect(k('rollout status deployment/web').stdout).toBe('deployment "web" successfully rolled out\n')
    expect(k('rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n')
    const d = c.store.get('Deployment', 'default', 'web')!
    expect((d.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(k('rollout restart deployment/web').stderr).toContain('if restart has already been triggered within the past second')
    c.advance(1000)
    expect(k('rollout status deploy web').stdout).toMatch(/deployment "web" successfully rolled out\n$/)
    expect(k('rollout history deploy/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(k('rollout undo deploy/web').stdout).toBe('deployment.apps/web rolled back\n')
    expect(k('rollout status pod/two').stderr).toBe('error: no status viewer has been implemented for Pod\n')
    expect(k('rollout bogus')).toMatchObject({ stderr: "error: unknown command \"bogus\"\nSee 'kubectl rollout -h' for help and examples\n", exitCode: 1 })
  })
  it('prints the progress lines while pods become available', async () => {
    const { deploymentStatus } = await import('../rollout-status.ts')
    const base = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation: 2 }, spec: { replicas: 3, selector: {}, template: { spec: { containers: [] } } } }
    expect(deploymentStatus({ ...base, status: { observedGeneration: 1 } }).text).toBe('Waiting for deployment spec update to be observed...\n')
    expect(deploymentStatus({ ...base, status: { observedGeneration: 2, updatedReplicas: 1, replicas: 3 } }).text).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n')
    expect(deploymentStatus({ ...base, status: { observedGeneration: 2, updatedReplicas: 3, replicas: 4 } }).text).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n')
    expect(deploymentStatus({ ...base, status: { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 1 } }).text).toBe('Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...\n')
  })
})
