import { describe, it, expect } from 'vitest'
import { kit, pod, iso } from '../printers/testkit.ts'
import type { KubeObject } from '../../../core/api/types.ts'

// Golden texts: facts sheet 5.3 (describeService) and 5.4 (describeIngressV1, upstream describe_test.go);
// the pod layout follows kubectl pkg/describe/describe.go describePod.

function seeded() {
  const t = kit()
  t.add({ ...pod('web-1', { ip: '10.244.1.3' }), metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5', uid: 'u1', controller: true }] } } as KubeObject)
  t.add(pod('web-2', { ip: '10.244.1.4' }))
  t.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { type: 'ClusterIP', clusterIP: '10.96.120.15', clusterIPs: ['10.96.120.15'], selector: { app: 'web' }, ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } } as KubeObject)
  t.add({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-x7k2p', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4', ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    endpoints: [{ addresses: ['10.244.1.3'], conditions: { ready: true } }, { addresses: ['10.244.1.4'], conditions: { ready: true } }] } as KubeObject)
  t.add({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-1.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default' },
    reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node01', type: 'Normal', count: 1, firstTimestamp: iso(0), lastTimestamp: iso(0),
    source: { component: 'default-scheduler' } } as KubeObject)
  t.at(150_000)
  return t
}

describe('kubectl describe', () => {
  it('service: facts 5.3 layout', () => {
    const { k } = seeded()
    expect(k('describe svc web')).toEqual({ stdout: `Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.120.15
IPs:                      10.96.120.15
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
Endpoints:                10.244.1.3:8080,10.244.1.4:8080
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`, stderr: '', exitCode: 0 })
  })
  it('pod: blocks aligned separately, conditions with trailing spaces, events table', () => {
    const { k } = seeded()
    expect(k('describe pod web-1').stdout).toBe(`Name:         web-1
Namespace:    default
Node:         node01/172.18.0.3
Labels:       app=web
Annotations:  <none>
Status:       Running
IP:           10.244.1.3
IPs:
  IP:           10.244.1.3
Controlled By:  ReplicaSet/web-7d4b9c8f5
Containers:
  web:
    Container ID:   
    Image:          nginx:1.27
    Image ID:       
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Thu, 01 Jan 2026 00:00:00 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type           Status
  Ready          True 
Volumes:         <none>
QoS Class:       BestEffort
Node-Selectors:  <none>
Tolerations:     <none>
Events:
  Type    Reason     Age    From               Message
  ----    ------     ----   ----               -------
  Normal  Scheduled  2m30s  default-scheduler  Successfully assigned default/web-1 to node01
`)
  })
  it('name prefix, several objects, NotFound, empty, no args', () => {
    const { k } = seeded()
    const pre = k('describe pods web').stdout
    expect(pre.match(/^Name: /gm)?.length).toBe(2)
    expect(pre.endsWith('Tolerations:     <none>\nEvents:          <none>\n\n')).toBe(true)
    const all = k('describe pods').stdout
    expect(all).toContain('Successfully assigned default/web-1 to node01\n\n\nName:         web-2\n')
    expect(k('describe pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 })
    expect(k('describe svc -n dev').stderr).toBe('No resources found in dev namespace.\n')
    expect(k('describe').stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n')
  })
  it('ingress: facts 5.4 upstream expectation', () => {
    const t = kit()
    t.cluster.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' } }, { cause: 'test' })
    t.add({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'bar', namespace: 'foo' },
      spec: { ingressClassName: 'test', rules: [{ host: 'foo.bar.com', http: { paths: [{ path: '/foo', pathType: 'Prefix',
        backend: { service: { name: 'default-backend', port: { number: 80 } } } }] } }] } } as KubeObject)
    expect(t.k('describe ingress bar -n foo').stdout).toBe(`Name:             bar
Labels:           <none>
Namespace:        foo
Address:          
Ingress Class:    test
Default backend:  <default>
Rules:
  Host         Path  Backends
  ----         ----  --------
  foo.bar.com  
               /foo   default-backend:80 (<error: services "default-backend" not found>)
Annotations:   <none>
Events:        <none>
`)
  })
  it('secret data sizes, configmap data', () => {
    const { k, add } = kit()
    add({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'Opaque', data: { username: 'YWRtaW4=', password: 'czNjcjN0IQ==' } } as KubeObject)
    expect(k('describe secret s').stdout).toBe('Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  7 bytes\nusername:  5 bytes\n')
    add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { mode: 'dev' } } as KubeObject)
    expect(k('describe cm c').stdout).toBe('Name:         c\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nmode:\n----\ndev\n\n\nBinaryData\n====\n\nEvents:  <none>\n')
  })
})
