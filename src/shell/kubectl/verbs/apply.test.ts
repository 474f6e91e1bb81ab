import { describe, it, expect } from 'vitest'
import { lab } from '../testkit-write.ts'
import { LAST_APPLIED } from '../lastapplied.ts'

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured', () => {
    const { k, cluster } = lab({ '/root/svc.yaml': SVC })
    expect(k('apply -f svc.yaml')).toEqual({ stdout: 'service/web created\n', stderr: '', exitCode: 0 })
    const live = cluster.store.get('Service', 'default', 'web')!
    expect(live.metadata.annotations![LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"ports":[{"port":80,"targetPort":8080}],"selector":{"app":"web"}}}\n')
    expect(k('apply -f svc.yaml')).toEqual({ stdout: 'service/web unchanged\n', stderr: '', exitCode: 0 })
  })

  it('configured after a change; removed fields go, server fields stay', () => {
    const l = lab({ '/root/svc.yaml': SVC.replace('kind: Service\nmetadata:\n  name: web\n', 'kind: Service\nmetadata:\n  name: web\n  labels:\n    tier: fe\n') })
    l.k('apply -f svc.yaml')
    const before = l.cluster.store.get('Service', 'default', 'web')!
    l.fs.write('/root/svc.yaml', SVC.replace('targetPort: 8080', 'targetPort: 9090'))
    expect(l.k('apply -f svc.yaml')).toEqual({ stdout: 'service/web configured\n', stderr: '', exitCode: 0 })
    const after = l.cluster.store.get('Service', 'default', 'web')!
    expect(after.metadata.labels).toBeUndefined()
    expect(after.metadata.uid).toBe(before.metadata.uid)
    expect((after.spec as { clusterIP: string }).clusterIP).toBe((before.spec as { clusterIP: string }).clusterIP)
    expect((after.spec as { ports: unknown[] }).ports).toMatchObject([{ port: 80, targetPort: 9090 }])
    expect(l.k('apply -f svc.yaml').stdout).toBe('service/web unchanged\n')
  })

  it('applies every document of a multi-document file and of a heredoc on stdin', () => {
    const { k, cluster } = lab({ '/root/app.yaml': DEPLOY + '---\n' + SVC })
    expect(k('apply -f app.yaml').stdout).toBe('deployment.apps/web created\nservice/web created\n')
    const { k: k2 } = lab()
    expect(k2('apply -f -', DEPLOY + '---\n' + SVC).stdout).toBe('deployment.apps/web created\nservice/web created\n')
    expect(cluster.store.get('Deployment', 'default', 'web')).toBeDefined()
    cluster.advance(60_000)
    expect(k('apply -f app.yaml').stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n')
    expect(k('apply -f app.yaml -n default').stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n')
  })

  it('dry runs store nothing and say so', () => {
    const { k, cluster } = lab({ '/root/svc.yaml': SVC })
    expect(k('apply -f svc.yaml --dry-run=client').stdout).toBe('service/web created (dry run)\n')
    expect(k('apply -f svc.yaml --dry-run=server').stdout).toBe('service/web created (server dry run)\n')
    expect(cluster.store.get('Service', 'default', 'web')).toBeUndefined()
    expect(k('apply -f svc.yaml --dry-run').stderr).toMatch(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ helpers\.go:702\] --dry-run is deprecated and can be replaced with --dry-run=client\.\n$/)
    expect(k('apply -f svc.yaml --dry-run=yes').stderr).toBe('error: Invalid dry-run value (yes). Must be "none", "server", or "client".\n')
  })

  it('warns when the live object was made by kubectl create', () => {
    const { k } = lab({ '/root/svc.yaml': SVC })
    k('create -f svc.yaml')
    expect(k('apply -f svc.yaml')).toEqual({
      stdout: 'service/web configured\n',
      stderr: 'Warning: resource services/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
      exitCode: 0,
    })
    expect(k('apply -f svc.yaml').stdout).toBe('service/web unchanged\n')
  })

  it('goes on past a failing object, prints errors after the results, exits 1', () => {
    const ing = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n'
    const { k } = lab({ '/root/a.yaml': ing + '---\n' + SVC + '---\n' + SVC.replace('web', 'x').replace('name: x', 'name: x\n  namespace: nope') })
    const r = k('apply -f a.yaml')
    expect(r.stdout).toBe('service/web created\n')
    expect(r.stderr).toBe(
      'resource mapping not found for name: "old" namespace: "" from "a.yaml": no matches for kind "Ingress" in version "extensions/v1beta1"\nensure CRDs are installed first\n' +
      'kubelab: extensions/v1beta1 Ingress is not served since Kubernetes v1.22 (this cluster runs v1.32.0); networking.k8s.io/v1 replaces it.\n' +
      'kubelab: the same Ingress as networking.k8s.io/v1 (serviceName/servicePort -> service.name/service.port, pathType ImplementationSpecific where none was set) is saved in old-v1.yaml:\n' +
      'kubelab:   kubectl apply -f old-v1.yaml\n' +
      'Error from server (NotFound): error when creating "a.yaml": namespaces "nope" not found\n')
    expect(r.exitCode).toBe(1)
  })

  it('one API error prints alone with its source', () => {
    const { k } = lab({ '/root/s.yaml': SVC.replace('name: web', 'name: web\n  namespace: nope') })
    expect(k('apply -f s.yaml')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): error when creating "s.yaml": namespaces "nope" not found\n', exitCode: 1 })
  })

  it('argument errors', () => {
    const { k } = lab()
    expect(k('apply').stderr).toBe('error: must specify one of -f and -k\n')
    expect(k('apply -f nope.yaml').stderr).toBe('error: the path "nope.yaml" does not exist\n')
    expect(k('apply -f - x', '').stderr).toBe("error: Unexpected args: [x]\nSee 'kubectl apply -h' for help and examples\n")
    expect(k('apply -f -', '# nothing\n').stderr).toBe('error: no objects passed to apply\n')
    expect(k('apply -f - -o wide', SVC).stderr).toBe('error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n')
  })

  it('strict field validation by default; --validate=warn|false', () => {
    const bad = SVC.replace('targetPort: 8080', 'targetport: 8080')
    const { k, cluster } = lab({ '/root/s.yaml': bad })
    expect(k('apply -f s.yaml')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): error when creating "s.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].targetport"\n', exitCode: 1 })
    expect(cluster.store.get('Service', 'default', 'web')).toBeUndefined()
    expect(k('apply -f s.yaml --validate=warn')).toEqual({ stdout: 'service/web created\n', stderr: 'Warning: unknown field "spec.ports[0].targetport"\n', exitCode: 0 })
    // the server dropped the unknown field, so the three-way patch adds it again: configured, as kubectl says
    expect(cluster.store.get('Service', 'default', 'web')!.spec).not.toHaveProperty('ports.0.targetport')
    expect(k('apply -f s.yaml --validate=false')).toEqual({ stdout: 'service/web configured\n', stderr: '', exitCode: 0 })
  })

  it('-o name prints resource/name', () => {
    const { k } = lab({ '/root/svc.yaml': SVC })
    expect(k('apply -f svc.yaml -o name').stdout).toBe('service/web\n')
  })
})
