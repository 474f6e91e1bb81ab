// kubectl patch against the lab's API server, through createCluster + createShell: result lines, the update path
// (validation, NodePort and HealthCheck NodePort allocation), what follows downstream, and the server's errors as
// real kubectl v1.32 prints them (checked against kubectl talking to a stub API server returning the same Status).

import { describe, it, expect } from 'vitest'
import { createCluster } from '../../../core/cluster/create.ts'
import { createShell } from '../../shell.ts'
import { createWorkspaceFs } from '../../fs.ts'

function lab() {
  const cluster = createCluster({ seed: 3 })
  cluster.settle()
  const fs = createWorkspaceFs({ cwd: '/root', dirs: ['/root'], files: {} })
  const sh = createShell({ cluster, fs })
  const k = (line: string) => {
    const r = sh.run(line)
    if (!r.done) throw new Error('not done')
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }
  }
  k('kubectl create deployment web --image=nginx --replicas=2')
  k('kubectl expose deployment web --port=80 --target-port=8080')
  return { cluster, fs, k }
}

type Spec = Record<string, unknown> & { ports: { port: number; nodePort?: number }[] }
const svcSpec = (c: ReturnType<typeof createCluster>, name = 'web') => c.store.get('Service', 'default', name)!.spec as Spec

describe('kubectl patch on the server', () => {
  it('externalTrafficPolicy: Local shows in get -o yaml and describe; a LoadBalancer gets its HealthCheck NodePort', () => {
    const { cluster, k } = lab()
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"LoadBalancer"}}'`)).toEqual({ stdout: 'service/web patched\n', stderr: '', exitCode: 0 })
    expect(svcSpec(cluster).healthCheckNodePort).toBeUndefined()
    expect(k(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`).stdout).toBe('service/web patched\n')
    const hc = svcSpec(cluster).healthCheckNodePort as number
    expect(hc).toBeGreaterThanOrEqual(30000)
    expect(hc).not.toBe(svcSpec(cluster).ports[0].nodePort)
    const yaml = k('kubectl get svc web -o yaml').stdout
    expect(yaml).toContain('  externalTrafficPolicy: Local\n')
    expect(yaml).toContain(`  healthCheckNodePort: ${hc}\n`)
    const desc = k('kubectl describe svc web').stdout
    expect(desc).toContain('External Traffic Policy:  Local\n')
    expect(desc).toContain(`HealthCheck NodePort:     ${hc}\n`)
    // back to Cluster: the HealthCheck NodePort goes
    expect(k(`kubectl patch svc web --type merge -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`).stdout).toBe('service/web patched\n')
    expect(svcSpec(cluster).healthCheckNodePort).toBeUndefined()
  })

  it('type NodePort allocates a nodePort, the same patch again is (no change), ClusterIP releases it', () => {
    const { cluster, k } = lab()
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}'`).stdout).toBe('service/web patched\n')
    const np = svcSpec(cluster).ports[0].nodePort!
    expect(np).toBeGreaterThanOrEqual(30000)
    const rv = cluster.store.get('Service', 'default', 'web')!.metadata.resourceVersion
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}'`).stdout).toBe('service/web patched (no change)\n')
    expect(cluster.store.get('Service', 'default', 'web')!.metadata.resourceVersion).toBe(rv)
    expect(k(`kubectl patch svc web --type=json -p='[{"op":"replace","path":"/spec/ports/0/nodePort","value":30080}]'`).stdout).toBe('service/web patched\n')
    expect(svcSpec(cluster).ports[0].nodePort).toBe(30080)
    expect(k('kubectl get svc web').stdout).toContain('80:30080/TCP')
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"ClusterIP"}}'`).stdout).toBe('service/web patched\n')
    expect(svcSpec(cluster).ports[0].nodePort).toBeUndefined()
    // the port is free again
    k('kubectl create service nodeport other --tcp=80 --node-port=30080')
    expect(svcSpec(cluster, 'other').ports[0].nodePort).toBe(30080)
  })

  it('the update path validates: immutable clusterIP, a taken nodePort', () => {
    const { k } = lab()
    expect(k(`kubectl patch svc web -p '{"spec":{"clusterIP":"10.96.0.99"}}'`)).toEqual({
      stdout: '', exitCode: 1,
      stderr: 'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set\n',
    })
    k('kubectl create service nodeport other --tcp=80 --node-port=30090')
    const r = k(`kubectl patch svc web -p '{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30090}]}}'`)
    expect(r.stderr).toBe('The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30090: provided port is already allocated\n')
  })

  it('a Deployment patch reaches the controllers; YAML patches work; unknown fields warn', () => {
    const { cluster, k } = lab()
    expect(k(`kubectl patch deployment web -p '{"spec":{"replicas":5}}'`).stdout).toBe('deployment.apps/web patched\n')
    expect(cluster.store.list('Pod', 'default').length).toBe(5)
    expect(k(`kubectl patch deploy web -p 'spec: {replicas: 3}'`).stdout).toBe('deployment.apps/web patched\n')
    expect(cluster.store.list('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp).length).toBe(3)
    expect(k(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`).stdout)
      .toBe('deployment.apps/web patched\n')
    expect(k(`kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}`).stdout).toBe('nginx:1.28')
    expect(k(`kubectl patch deploy web -p '{"spec":{"replica":1}}'`)).toEqual({
      stdout: 'deployment.apps/web patched (no change)\n', stderr: 'Warning: unknown field "spec.replica"\n', exitCode: 0,
    })
  })

  it('dry runs print no dry-run suffix (patch overwrites the printer operation) and change nothing', () => {
    const { cluster, k } = lab()
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}' --dry-run=server`).stdout).toBe('service/web patched\n')
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}' --dry-run=client`).stdout).toBe('service/web patched\n')
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"ClusterIP"}}' --dry-run=client`).stdout).toBe('service/web patched (no change)\n')
    expect(svcSpec(cluster).type).toBe('ClusterIP')
    // the server dry run defaults and allocates; the client one only patches
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}' --dry-run=server -o jsonpath={.spec.ports[0].nodePort}`).stdout).toMatch(/^3\d{4}$/)
    expect(k(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}' --dry-run=client -o jsonpath={.spec.ports[0].nodePort}`).stdout).toBe('')
  })

  it('prints -o name / yaml, and checks -o only after patching', () => {
    const { cluster, k } = lab()
    expect(k(`kubectl patch svc web -p '{"metadata":{"labels":{"x":"y"}}}' -o name`).stdout).toBe('service/web\n')
    expect(k(`kubectl patch svc web -p '{"metadata":{"labels":{"z":"1"}}}' -o yaml`).stdout).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n {2}creationTimestamp: .*\n {2}labels:\n {4}app: web\n {4}x: "y"\n {4}z: "1"\n/)
    const r = k(`kubectl patch svc web -p '{"metadata":{"labels":{"w":"2"}}}' -o bogus`)
    expect(r.stderr).toBe('error: unable to match a printer suitable for the output format "bogus", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n')
    expect(cluster.store.get('Service', 'default', 'web')!.metadata.labels).toMatchObject({ w: '2' })
  })

  it('renders the server errors as kubectl does', () => {
    const { k } = lab()
    expect(k(`kubectl patch svc nope -p '{}'`).stderr).toBe('Error from server (NotFound): services "nope" not found\n')
    // a JSON patch operation that fails: 422 with empty details
    expect(k(`kubectl patch svc web --type json -p '[{"op":"replace","path":"/spec/foo/bar","value":1}]'`).stderr)
      .toBe('The request is invalid: the server rejected our request due to an error in our request\n')
    expect(k(`kubectl patch svc web --type json -p '[{"op":"test","path":"/spec/type","value":"NodePort"}]'`).stderr)
      .toBe('The request is invalid: the server rejected our request due to an error in our request\n')
    // strategic merge errors are plain server errors (500 without a reason)
    expect(k(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'`).stderr)
      .toBe('Error from server: map: map[image:x] does not contain declared merge key: name\n')
    expect(k(`kubectl patch svc web --type json -p '{"op":"add"}'`).stderr)
      .toBe('Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n')
    expect(k(`kubectl patch svc web --type merge -p '[1]'`).stderr)
      .toBe('Error from server (BadRequest): error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}\n')
    expect(k(`kubectl patch svc web -p '{"spec":'`).stderr).toBe('Error from server (BadRequest): unexpected end of JSON input\n')
    expect(k(`kubectl patch svc web -p '{"metadata":{"name":"other"}}'`).stderr)
      .toBe('Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)\n')
  })

  it('goes on past a failing object, then reports the error', () => {
    const { k } = lab()
    expect(k(`kubectl patch svc web nope -p '{"metadata":{"labels":{"a":"b"}}}'`)).toEqual({
      stdout: 'service/web patched\n', stderr: 'Error from server (NotFound): services "nope" not found\n', exitCode: 1,
    })
    expect(k(`kubectl patch svc/nope1 svc/nope2 -p '{}'`).stderr)
      .toBe('Error from server (NotFound): services "nope1" not found\nError from server (NotFound): services "nope2" not found\n')
    expect(k(`kubectl patch svc -p '{}'`).stderr).toBe('error: resource(s) were provided, but no name was specified\n')
    expect(k(`kubectl patch foo bar -p '{}'`).stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
  })

  it('patches the scale and status subresources', () => {
    const { cluster, k } = lab()
    expect(k(`kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":4}}'`).stdout).toBe('scale.autoscaling/web patched\n')
    expect((cluster.store.get('Deployment', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(4)
    expect(k(`kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":4}}'`).stdout).toBe('scale.autoscaling/web patched (no change)\n')
    expect(k(`kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":-1}}'`).stderr)
      .toBe('The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n')
    expect(k(`kubectl patch svc web --subresource=scale -p '{}'`).stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n')
    expect(k(`kubectl patch svc web --subresource=bogus -p '{}'`).stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n')
    expect(k(`kubectl patch svc web --subresource=status --type=merge -p '{"spec":{"type":"NodePort"}}'`).stdout).toBe('service/web patched (no change)\n')
    expect(svcSpec(cluster).type).toBe('ClusterIP')
  })

  it('patches the kube-proxy ConfigMap with a merge patch and objects named by -f', () => {
    const { cluster, fs, k } = lab()
    const r = k(`kubectl patch configmap kube-proxy -n kube-system --type merge -p '{"data":{"extra":"1"}}'`)
    expect(r).toEqual({ stdout: 'configmap/kube-proxy patched\n', stderr: '', exitCode: 0 })
    expect(cluster.store.get('ConfigMap', 'kube-system', 'kube-proxy')!.data).toMatchObject({ extra: '1' })
    fs.write('/root/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n')
    expect(k(`kubectl patch -f svc.yaml -p '{"metadata":{"annotations":{"a":"b"}}}'`).stdout).toBe('service/web patched\n')
    expect(cluster.store.get('Service', 'default', 'web')!.metadata.annotations).toEqual({ a: 'b' })
  })
})
