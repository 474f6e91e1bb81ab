import { describe, it, expect } from 'vitest'
import { kit, pod, iso } from '../printers/testkit.ts'
import type { KubeObject } from '../../../core/api/types.ts'

// Golden shapes: facts sheet 5.1/5.2 (cli-runtime tabwriter, k/k printers.go), kubectl pkg/cmd/get/get.go.
const svc = (name: string, spec: Record<string, unknown>, ns = 'default'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, labels: { app: name } }, spec: { sessionAffinity: 'None', ...spec } }) as KubeObject

function seeded() {
  const t = kit()
  t.add(pod('web-1', { ip: '10.244.1.3' }))
  t.add(pod('web-2', { ip: '10.244.2.4', node: 'node02', restarts: 3, lastFinished: iso(140_000) }))
  t.add(svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }))
  t.add(pod('web-3', { waiting: 'ContainerCreating' }), 100_000)
  t.add(svc('web', { type: 'NodePort', clusterIP: '10.96.120.15', clusterIPs: ['10.96.120.15'], selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] }), 595_000)
  t.add(svc('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' }, ports: [{ port: 5432, protocol: 'TCP' }] }), 595_000)
  t.add(svc('ext', { type: 'ExternalName', externalName: 'my.database.example.com' }), 595_000)
  // added last: objects go in in time order
  t.at(600_000)
  return t
}

describe('kubectl get tables', () => {
  it('services: facts 5.2 example layout', () => {
    const { k } = seeded()
    expect(k('get svc').stdout).toBe(`NAME         TYPE           CLUSTER-IP     EXTERNAL-IP               PORT(S)        AGE
db           ClusterIP      None           <none>                    5432/TCP       5s
ext          ExternalName   <none>         my.database.example.com   <none>         5s
kubernetes   ClusterIP      10.96.0.1      <none>                    443/TCP        10m
web          NodePort       10.96.120.15   <none>                    80:30080/TCP   5s
`)
    expect(k('get svc web -o wide').stdout).toBe(`NAME   TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE   SELECTOR
web    NodePort   10.96.120.15   <none>        80:30080/TCP   5s    app=web
`)
  })
  it('LoadBalancer EXTERNAL-IP: pending, then ingress IPs cut to 16 characters without -o wide', () => {
    const { k, add } = kit()
    add(svc('lb', { type: 'LoadBalancer', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ports: [{ port: 80, protocol: 'TCP', nodePort: 31000 }] }))
    expect(k('get svc lb --no-headers').stdout).toBe('lb    LoadBalancer   10.96.0.20   <pending>   80:31000/TCP   0s\n')
    const o = add({ ...svc('lb2', { type: 'LoadBalancer', clusterIP: '10.96.0.21', clusterIPs: ['10.96.0.21'], ports: [{ port: 80, protocol: 'TCP', nodePort: 31001 }] }), status: { loadBalancer: { ingress: [{ ip: '3.4.5.6' }, { ip: '2.3.4.5' }, { ip: '5.6.7.8' }] } } })
    expect(o.status).toBeTruthy()
    expect(k('get svc lb2 -o jsonpath={.status.loadBalancer.ingress[0].ip}').stdout).toBe('3.4.5.6')
    expect(k('get svc lb2 --no-headers').stdout).toBe('lb2   LoadBalancer   10.96.0.21   2.3.4.5,3.4.5...   80:31001/TCP   0s\n')
    expect(k('get svc lb2 --no-headers -o wide').stdout).toBe('lb2   LoadBalancer   10.96.0.21   2.3.4.5,3.4.5.6,5.6.7.8   80:31001/TCP   0s    <none>\n')
  })
  it('pods: READY, STATUS, RESTARTS with (ago), -o wide', () => {
    const { k } = seeded()
    expect(k('get pods').stdout).toBe(`NAME    READY   STATUS              RESTARTS        AGE
web-1   1/1     Running             0               10m
web-2   1/1     Running             3 (7m40s ago)   10m
web-3   0/1     ContainerCreating   0               8m20s
`)
    expect(k('get pods -o wide').stdout.split('\n')[0]).toBe('NAME    READY   STATUS              RESTARTS        AGE     IP           NODE     NOMINATED NODE   READINESS GATES')
    expect(k('get pods -o wide').stdout.split('\n')[3]).toBe('web-3   0/1     ContainerCreating   0               8m20s   <none>       node01   <none>           <none>')
  })
  it('Completed, CrashLoopBackOff, Terminating', () => {
    const { k, add } = kit()
    add(pod('done', { terminated: 'Completed', ready: false, phase: 'Succeeded' }))
    add(pod('crash', { waiting: 'CrashLoopBackOff', phase: 'Running' }))
    add(pod('bye', { deleting: iso(0) }))
    expect(k('get pods --no-headers').stdout).toBe(`bye     1/1   Terminating        0     0s
crash   0/1   CrashLoopBackOff   0     0s
done    0/1   Completed          0     0s
`)
  })
  it('-A puts NAMESPACE first; --show-labels adds LABELS', () => {
    const { k, add } = seeded()
    add(svc('dns', { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }] }, 'kube-system'))
    expect(k('get svc -A').stdout.split('\n').slice(0, 2)).toEqual([
      'NAMESPACE     NAME         TYPE           CLUSTER-IP     EXTERNAL-IP               PORT(S)        AGE',
      'default       db           ClusterIP      None           <none>                    5432/TCP       5s',
    ])
    expect(k('get svc -A').stdout.split('\n')[5]).toBe('kube-system   dns          ClusterIP      10.96.0.10     <none>                    53/UDP         0s')
    expect(k('get svc web --show-labels').stdout).toBe('NAME   TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE   LABELS\nweb    NodePort   10.96.120.15   <none>        80:30080/TCP   5s    app=web\n')
  })
  it('several kinds: kind/name, a blank line between tables, empty kinds skipped', () => {
    const { k } = seeded()
    const out = k('get pods,svc -l app=web').stdout
    expect(out).toBe(`NAME        READY   STATUS              RESTARTS        AGE
pod/web-1   1/1     Running             0               10m
pod/web-2   1/1     Running             3 (7m40s ago)   10m
pod/web-3   0/1     ContainerCreating   0               8m20s

NAME          TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE
service/web   NodePort   10.96.120.15   <none>        80:30080/TCP   5s
`)
    expect(k('get all -l app=db').stdout).toBe('NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE\nservice/db   ClusterIP   None         <none>        5432/TCP   5s\n')
  })
  it('names: found ones print, NotFound per missing name', () => {
    const { k } = seeded()
    expect(k('get pod web-1 nope')).toEqual({
      stdout: 'NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          10m\n',
      stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1,
    })
    expect(k('get deploy x').stderr).toBe('Error from server (NotFound): deployments.apps "x" not found\n')
    expect(k('get pods,svc web').stderr).toBe('error: you must specify only one resource\n')
  })
  it('empty results, missing type, unknown type', () => {
    const { k } = seeded()
    expect(k('get pods -n dev')).toEqual({ stdout: '', stderr: 'No resources found in dev namespace.\n', exitCode: 0 })
    expect(k('get deploy -A')).toEqual({ stdout: '', stderr: 'No resources found\n', exitCode: 0 })
    expect(k('get ingressclasses').stderr).toBe('No resources found\n')
    expect(k('get foo')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 })
    expect(k('get').stderr).toBe(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`)
  })
  it('-o name | yaml | json | jsonpath | custom-columns', () => {
    const { k } = seeded()
    expect(k('get pods -o name').stdout).toBe('pod/web-1\npod/web-2\npod/web-3\n')
    const one = k('get svc db -o yaml').stdout
    expect(one.startsWith('apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: "2026-01-01T00:09:55Z"\n')).toBe(true)
    const list = k('get svc -l app=db -o yaml').stdout
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n')).toBe(true)
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true)
    expect(k('get svc -l app=nothing -o json').stdout).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
    expect(k("get pods -o 'jsonpath={.items[*].status.podIP}'").stdout).toBe('10.244.1.3 10.244.2.4')
    expect(k('get svc web -o jsonpath={.spec.ports[0].nodePort}').stdout).toBe('30080')
    expect(k('get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP').stdout).toBe('NAME    IP\nweb-1   10.244.1.3\nweb-2   10.244.2.4\nweb-3   <none>\n')
    expect(k('get pods -o yaml --show-labels').stderr).toBe('error: --show-labels option cannot be used with yaml printer\n')
  })
})
