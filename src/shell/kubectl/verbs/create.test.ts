import { describe, it, expect } from 'vitest'
import { lab } from '../testkit-write.ts'
import { formatObjects } from '../printers/index.ts'

/** The dry-run YAML goldens need the real printer (a stub prints JSON); they run once it is in. */
const printerReady = !formatObjects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }], 'yaml').trimStart().startsWith('{')

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n'
const json = (s: string) => JSON.parse(s)

describe('kubectl create -f', () => {
  it('creates, then AlreadyExists with the source', () => {
    const { k } = lab({ '/root/x.yaml': SVC })
    expect(k('create -f x.yaml')).toEqual({ stdout: 'service/web created\n', stderr: '', exitCode: 0 })
    expect(k('create -f x.yaml')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): error when creating "x.yaml": services "web" already exists\n', exitCode: 1 })
    expect(k('create -f x.yaml --dry-run=client').stdout).toBe('service/web created (dry run)\n')
  })
  it('--save-config writes the last-applied annotation', () => {
    const { k, cluster } = lab({ '/root/x.yaml': SVC })
    k('create -f x.yaml --save-config')
    expect(cluster.store.get('Service', 'default', 'web')!.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined()
    expect(k('apply -f x.yaml')).toEqual({ stdout: 'service/web unchanged\n', stderr: '', exitCode: 0 })
  })
  it('without -f: kubectl prints the must-specify line, or the unexpected args', () => {
    const { k } = lab()
    const r = k('create')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe('error: must specify one of -f and -k\n')
    expect(k('create foo').stderr).toBe(`error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n`)
  })
})

describe('kubectl create deployment', () => {
  it('result line, AlreadyExists wrapped, required image, name count, command', () => {
    const { k, cluster } = lab()
    expect(k('create deployment web --image=nginx').stdout).toBe('deployment.apps/web created\n')
    expect(k('create deployment web --image=nginx').stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n')
    expect(k('create deployment web').stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="required flag\(s\) \\"image\\" not set"\n$/)
    expect(k('create deployment --image=nginx').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n")
    expect(k('create deploy a b --image=nginx').stderr).toBe("error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n")
    expect(k('create deployment x --image=a --image=b -- sleep 1').stderr).toBe('error: cannot specify multiple --image options and command\n')
    k('create deployment bb --image=busybox:1.36 --replicas=3 --port=8080 -- sleep 3600')
    const d = cluster.store.get('Deployment', 'default', 'bb')!
    expect((d.spec as { replicas: number }).replicas).toBe(3)
    expect((d.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers).toMatchObject([
      { command: ['sleep', '3600'], image: 'busybox:1.36', name: 'busybox', ports: [{ containerPort: 8080 }], resources: {} },
    ])
  })
  it('dry-run object shape', () => {
    const { k } = lab()
    expect(json(k('create deployment web --image=nginx --dry-run=client -o json').stdout)).toEqual({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { creationTimestamp: null, labels: { app: 'web' }, name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, strategy: {}, template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }] } } },
      status: {},
    })
    expect(json(k('create deployment web --image=nginx -n dev --dry-run=client -o json').stdout).metadata.namespace).toBe('dev')
  })
  it.runIf(printerReady)('dry-run YAML golden', () => {
    const { k } = lab()
    expect(k('create deployment web --image=nginx --dry-run=client -o yaml').stdout).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`)
  })
})

describe('kubectl create service', () => {
  it('result lines and object shapes for each type', () => {
    const { k } = lab()
    expect(k('create service clusterip web --tcp=80:8080').stdout).toBe('service/web created\n')
    expect(json(k('create svc clusterip h --clusterip=None --dry-run=client -o json').stdout).spec).toEqual({ clusterIP: 'None', selector: { app: 'h' }, type: 'ClusterIP' })
    expect(json(k('create service nodeport np --tcp=80:http --node-port=30080 --dry-run=client -o json').stdout).spec).toEqual({
      ports: [{ name: '80-http', nodePort: 30080, port: 80, protocol: 'TCP', targetPort: 'http' }], selector: { app: 'np' }, type: 'NodePort' })
    expect(json(k('create service loadbalancer lb --tcp=443,80:8080 --dry-run=client -o json').stdout).spec.ports).toEqual([
      { name: '443', port: 443, protocol: 'TCP', targetPort: 443 }, { name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }])
    expect(json(k('create service externalname ext --external-name my.database.example.com --dry-run=client -o json').stdout)).toEqual({
      apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null, labels: { app: 'ext' }, name: 'ext' },
      spec: { externalName: 'my.database.example.com', selector: { app: 'ext' }, type: 'ExternalName' }, status: { loadBalancer: {} } })
  })
  it('errors', () => {
    const { k } = lab()
    k('create service clusterip web --tcp=80')
    expect(k('create service clusterip web --tcp=80').stderr).toBe('error: failed to create ClusterIP service: services "web" already exists\n')
    expect(k('create service clusterip x').stderr).toBe('error: at least one tcp port specifier must be provided\n')
    expect(k('create service nodeport x --tcp=65536').stderr).toBe('error: strconv.ParseUint: parsing "65536": value out of range\n')
    expect(k('create service clusterip x --tcp=8080:-abc').stderr).toBe('error: must not begin or end with a hyphen (-)\n')
    expect(k('create service externalname x').stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="required flag\(s\) \\"external-name\\" not set"\n$/)
    expect(k('create service externalname x --external-name=@oi:test').stderr).toBe('error: invalid service external name @oi:test\n')
    expect(k('create service foo').stderr).toBe(`error: unknown command "foo"\nSee 'kubectl create service -h' for help and examples\n`)
  })
  it.runIf(printerReady)('dry-run YAML golden', () => {
    const { k } = lab()
    expect(k('create service clusterip web --tcp=80:8080 --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
`)
  })
})

describe('kubectl create configmap / secret', () => {
  const files = { '/root/app.properties': 'color=blue\n', '/root/cfg/a.txt': 'A', '/root/cfg/b.txt': 'B', '/root/app.env': '# c\nMODE=prod\n\nLEVEL=debug \n' }
  it('configmap sources and errors', () => {
    const { k } = lab(files)
    expect(k('create configmap c --from-literal=k1=v1').stdout).toBe('configmap/c created\n')
    expect(json(k('create cm c2 --from-file=app.properties --from-file=conf=cfg/a.txt --from-literal=x=y=z --dry-run=client -o json').stdout)).toEqual({
      apiVersion: 'v1', data: { 'app.properties': 'color=blue\n', conf: 'A', x: 'y=z' }, kind: 'ConfigMap', metadata: { creationTimestamp: null, name: 'c2' } })
    expect(json(k('create cm d --from-file=cfg --dry-run=client -o json').stdout).data).toEqual({ 'a.txt': 'A', 'b.txt': 'B' })
    expect(json(k('create cm e --from-env-file=app.env --dry-run=client -o json').stdout).data).toEqual({ LEVEL: 'debug ', MODE: 'prod' })
    expect(k('create configmap c --from-literal=k1=v1').stderr).toBe('error: failed to create configmap: configmaps "c" already exists\n')
    expect(k('create cm f --from-file=missing.txt').stderr).toBe('error: error reading missing.txt: no such file or directory\n')
    expect(k('create cm f --from-literal=novalue').stderr).toBe('error: invalid literal source novalue, expected key=value\n')
    expect(k('create cm f --from-env-file=app.env --from-literal=a=b').stderr).toBe('error: from-env-file cannot be combined with from-file or from-literal\n')
    expect(k('create cm f --from-literal=a=1 --from-literal=a=2').stderr).toBe('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "f"\n')
  })
  it('secret generic data is base64; --type', () => {
    const { k } = lab(files)
    expect(k('create secret generic s --from-literal=password=S!B\\*d$zDsb=').stdout).toBe('secret/s created\n')
    expect(json(k('create secret generic my-secret --from-literal=key1=supersecret --type=kubernetes.io/basic-auth --dry-run=client -o json').stdout)).toEqual({
      apiVersion: 'v1', data: { key1: 'c3VwZXJzZWNyZXQ=' }, kind: 'Secret', metadata: { creationTimestamp: null, name: 'my-secret' }, type: 'kubernetes.io/basic-auth' })
    expect(k('create secret generic s --from-literal=a=b').stderr).toBe('error: failed to create secret: secrets "s" already exists\n')
    expect(k('create secret').exitCode).toBe(1)
  })
  it('secret tls checks the PEM blocks', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', key = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n'
    const { k } = lab({ '/root/tls.crt': cert, '/root/tls.key': key, '/root/junk': 'hello' })
    expect(k('create secret tls t --cert=tls.crt --key=tls.key').stdout).toBe('secret/t created\n')
    const o = json(k('create secret tls t2 --cert=tls.crt --key=tls.key --dry-run=client -o json').stdout)
    expect(o.type).toBe('kubernetes.io/tls')
    expect(Object.keys(o.data)).toEqual(['tls.crt', 'tls.key'])
    expect(k('create secret tls t3 --cert=tls.crt').stderr).toBe('error: key and cert must be specified\n')
    expect(k('create secret tls t3 --cert=nope.crt --key=tls.key').stderr).toBe('error: Cannot read file nope.crt, open nope.crt: no such file or directory\n')
    expect(k('create secret tls t3 --cert=junk --key=tls.key').stderr).toBe('error: tls: failed to find any PEM data in certificate input\n')
    expect(k('create secret tls t3 --cert=tls.crt --key=junk').stderr).toBe('error: tls: failed to find any PEM data in key input\n')
    expect(k('create secret tls t3 --cert=tls.crt --key=tls.crt').stderr).toBe('error: tls: found a certificate rather than a key in the PEM for the private key\n')
    expect(k('create secret tls t3 --cert=tls.key --key=tls.key').stderr).toBe('error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n')
  })
  it.runIf(printerReady)('dry-run YAML goldens', () => {
    const { k } = lab()
    expect(k('create configmap my-config --from-literal=key1=config1 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\ndata:\n  key1: config1\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: my-config\n')
    expect(k('create secret generic my-secret --from-literal=key1=supersecret --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\ndata:\n  key1: c3VwZXJzZWNyZXQ=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: my-secret\n')
  })
})

describe('kubectl create namespace / ingress', () => {
  it('namespace: created, AlreadyExists unwrapped', () => {
    const { k } = lab()
    expect(k('create namespace dev').stdout).toBe('namespace/dev created\n')
    expect(k('create ns dev').stderr).toBe('Error from server (AlreadyExists): namespaces "dev" already exists\n')
    expect(json(k('create ns x --dry-run=client -o json').stdout)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null, name: 'x' }, spec: {}, status: {} })
  })
  it('ingress rules, tls, class, default backend, annotations', () => {
    const { k } = lab()
    expect(k('create ingress simple --rule=foo.com/bar=svc1:8080,tls=my-cert').stdout).toBe('ingress.networking.k8s.io/simple created\n')
    const o = json(k('create ingress ing --class=nginx --rule=foo.com/=svc:https,tls --rule=foo.com/path/sub*=other:8080 --rule=/x=s:80 --default-backend=def:http --annotation a=b --dry-run=client -o json').stdout)
    expect(o.metadata).toEqual({ annotations: { a: 'b' }, creationTimestamp: null, name: 'ing' })
    expect(o.spec).toEqual({
      defaultBackend: { service: { name: 'def', port: { name: 'http' } } },
      ingressClassName: 'nginx',
      rules: [
        { host: 'foo.com', http: { paths: [
          { backend: { service: { name: 'svc', port: { name: 'https' } } }, path: '/', pathType: 'Exact' },
          { backend: { service: { name: 'other', port: { number: 8080 } } }, path: '/path/sub', pathType: 'Prefix' }] } },
        { http: { paths: [{ backend: { service: { name: 's', port: { number: 80 } } }, path: '/x', pathType: 'Exact' }] } },
      ],
      tls: [{ hosts: ['foo.com'] }],
    })
    expect(o.status).toEqual({ loadBalancer: {} })
    expect(k('create ingress x').stderr).toBe('error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n')
    expect(k('create ingress x --rule=foo.com=svc:80').stderr).toBe('error: rule foo.com=svc:80 is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n')
  })
  it.runIf(printerReady)('ingress dry-run YAML golden', () => {
    const { k } = lab()
    expect(k('create ingress simple --rule=foo.com/bar=svc1:8080,tls=my-cert --dry-run=client -o yaml').stdout).toBe(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  creationTimestamp: null
  name: simple
spec:
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc1
            port:
              number: 8080
        path: /bar
        pathType: Exact
  tls:
  - hosts:
    - foo.com
    secretName: my-cert
status:
  loadBalancer: {}
`)
    expect(k('create namespace my-ns --dry-run=client -o yaml').stdout).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: my-ns\nspec: {}\nstatus: {}\n')
  })
})
