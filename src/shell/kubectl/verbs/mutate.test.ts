import { describe, it, expect } from 'vitest'
import { labCluster, runner } from './test-util.ts'
import type { Service } from '../../../core/api/types.ts'

describe('kubectl expose', () => {
  it('prints the generated Service on a client dry run', () => {
    const k = runner(labCluster())
    const r = k('expose deployment web --port=80 --target-port=8080 --type=NodePort --dry-run=client -o json')
    expect(r.exitCode).toBe(0)
    const o = JSON.parse(r.stdout)
    expect(o).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null, labels: { app: 'web' }, name: 'web' },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app: 'web' }, type: 'NodePort' }, status: { loadBalancer: {} } })
    expect(k('expose deploy/web --port=80 --dry-run=client').stdout).toBe('service/web exposed (dry run)\n')
  })
  it('creates the Service with the introspected port and selector', () => {
    const c = labCluster()
    const k = runner(c)
    expect(k('expose deployment web')).toEqual({ stdout: 'service/web exposed\n', stderr: '', exitCode: 0 })
    const svc = c.store.get('Service', 'default', 'web') as Service
    expect(svc.spec.selector).toEqual({ app: 'web' })
    expect(svc.spec.ports?.[0]).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' })
    expect(k('expose deployment web --port=80').stderr).toBe('Error from server (AlreadyExists): services "web" already exists\n')
  })
  it('fails as kubectl does', () => {
    const c = labCluster()
    c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: {} }, { cause: 'test' })
    const k = runner(c)
    expect(k('expose pod two --name=x').stderr).toBe("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n")
    expect(k('expose configmap cfg --port=80').stderr).toBe('error: cannot expose a ConfigMap\n')
    expect(k('expose deployment nope --port=80').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n')
    expect(k('expose').stderr).toBe("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n")
  })
})

describe('kubectl scale', () => {
  it('scales and checks the --current-replicas precondition', () => {
    const c = labCluster()
    const k = runner(c)
    expect(k('scale deployment web --replicas=4').stdout).toBe('deployment.apps/web scaled\n')
    expect((c.store.get('Deployment', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(4)
    expect(k('scale --current-replicas=2 --replicas=3 deployment/web').stderr).toBe('error: Expected replicas to be 2, was 4\n')
    expect(k('scale deployment web').stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="required flag\(s\) \\"replicas\\" not set"\n$/)
    expect(k('scale deploy web --replicas=1 -o name').stdout).toBe('deployment.apps/web\n')
  })
})

describe('kubectl label and annotate', () => {
  it('adds, refuses to overwrite, overwrites and removes labels', () => {
    const k = runner(labCluster())
    expect(k('label pod two tier=front').stdout).toBe('pod/two labeled\n')
    expect(k('label pod two tier=back')).toEqual({ stdout: '', stderr: "error: 'tier' already has a value (front), and --overwrite is false\n", exitCode: 1 })
    expect(k('label pod two tier=back --overwrite').stdout).toBe('pod/two labeled\n')
    expect(k('label pod two tier=back --overwrite').stdout).toBe('pod/two not labeled\n')
    expect(k('label pod two tier-').stdout).toBe('pod/two unlabeled\n')
    expect(k('label pod two tier-').stdout).toBe('label "tier" not found.\npod/two not labeled\n')
    expect(k('label pods --all env=dev').stdout).toMatch(/^(pod\/\S+ labeled\n)+$/)
    expect(k('label pod two').stderr).toBe('error: at least one label update is required\n')
    expect(k('label pod two a=b c').stderr).toBe('error: all resources must be specified before label changes: c\n')
  })
  it('annotates with its own overwrite message', () => {
    const k = runner(labCluster())
    expect(k('annotate svc kubernetes note=hi').stdout).toBe('service/kubernetes annotated\n')
    expect(k('annotate svc kubernetes note=ho').stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n")
    expect(k('annotate deploy web note=x -l app=web').stdout).toBe('deployment.apps/web annotated\n')
  })
})

describe('kubectl run', () => {
  it('prints the generated Pod and creates it', () => {
    const c = labCluster()
    const k = runner(c)
    const o = JSON.parse(k('run nginx --image=nginx --port=80 --env=A=b --dry-run=client -o json').stdout)
    expect(o).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { creationTimestamp: null, labels: { run: 'nginx' }, name: 'nginx' },
      spec: { containers: [{ name: 'nginx', image: 'nginx', env: [{ name: 'A', value: 'b' }], ports: [{ containerPort: 80 }], resources: {} }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' }, status: {} })
    expect(k('run nginx --image=nginx').stdout).toBe('pod/nginx created\n')
    expect(k('run x').stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="required flag\(s\) \\"image\\" not set"\n$/)
    expect(k('run x --image=busybox --rm').stderr).toBe('error: --rm should only be used for attached containers\n')
  })
})
