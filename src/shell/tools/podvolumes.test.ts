import { describe, expect, it } from 'vitest'
import { createCluster } from '../../core/cluster/create.ts'
import { createShell, type LabShell } from '../shell.ts'
import { createWorkspaceFs } from '../fs.ts'
import { ashBucket, ashOrder } from './podenv.ts'

function lab(seed = 7): LabShell {
  return createShell({ cluster: createCluster({ seed }), fs: createWorkspaceFs() })
}
function sh(s: LabShell, text: string): string {
  let r
  for (const l of text.split('\n')) r = s.run(l)
  if (!r || !r.done) throw new Error('open command')
  return r.stdout + r.stderr
}

const POD = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    env:
    - name: DB_USER
      valueFrom:
        secretKeyRef: {name: db, key: username}
    envFrom:
    - configMapRef: {name: app}
    volumeMounts:
    - {name: creds, mountPath: /etc/foo}
    - {name: cfg, mountPath: /etc/app}
    - {name: cfg, mountPath: /etc/mode, subPath: MODE}
  volumes:
  - name: creds
    secret: {secretName: db}
  - name: cfg
    configMap:
      name: app
      items: [{key: MODE, path: MODE}, {key: LEVEL, path: conf/level, mode: 0600}]
EOF`

function setup(): LabShell {
  const s = lab()
  sh(s, 'kubectl create secret generic db --from-literal=username=admin --from-literal=password=s3cr3t')
  sh(s, 'kubectl create configmap app --from-literal=MODE=prod --from-literal=LEVEL=debug')
  expect(sh(s, POD)).toBe('pod/web created\n')
  return s
}

describe('pods consume ConfigMaps and Secrets', () => {
  it('exec env: PATH, HOSTNAME, the image ENV, the kubelet variables, HOME last', () => {
    const s = setup()
    const lines = sh(s, 'kubectl exec web -- env').trimEnd().split('\n')
    expect(lines.slice(0, 7)).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=web', 'NGINX_VERSION=1.27.3',
      'NJS_VERSION=0.8.7', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1~bookworm',
    ])
    expect(lines.at(-1)).toBe('HOME=/root')
    expect(lines).toContain('DB_USER=admin')
    expect(lines).toContain('MODE=prod')
    expect(lines).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1')
    expect(lines).toContain('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443')
    expect(lines.some((l) => l.startsWith('TERM=') || l.startsWith('PWD='))).toBe(false)
    expect(sh(s, `kubectl exec web -- sh -c 'echo $DB_USER $MODE $LEVEL'`)).toBe('admin prod debug\n')
  })

  it('a shell lists the environment in its hash-table order and adds PWD (ash: SHLVL too)', () => {
    expect(ashBucket('KUBERNETES_SERVICE_PORT')).toBe(1)
    expect(ashBucket('PWD')).toBe(33)
    const order = ashOrder([['PATH', ''], ['HOSTNAME', ''], ['KUBERNETES_SERVICE_HOST', ''], ['HOME', ''], ['TERM', ''], ['SHLVL', ''], ['PWD', '']])
    expect(order.map((v) => v[0])).toEqual(['HOSTNAME', 'SHLVL', 'HOME', 'TERM', 'PATH', 'KUBERNETES_SERVICE_HOST', 'PWD'])
    const s = lab()
    sh(s, 'kubectl run bb --image=busybox -- sleep 3600')
    sh(s, 'kubectl exec -it bb -- sh')
    const env = sh(s, 'env').trimEnd().split('\n').map((l) => l.split('=')[0])
    expect(env).toContain('TERM')
    expect(env).toContain('SHLVL')
    expect(env.at(-1)).toBe('PWD')
    expect(env).toEqual(ashOrder(env.map((k) => [k, ''])).map((v) => v[0]))
    sh(s, 'export A=1')
    expect(sh(s, `sh -c 'echo $A $SHLVL'`)).toBe('1 2\n')
  })

  it('secret volume: the atomic writer layout on tmpfs, files 0644 through ..data', () => {
    const s = setup()
    expect(sh(s, 'kubectl exec web -- cat /etc/foo/username')).toBe('admin')
    const ls = sh(s, 'kubectl exec web -- ls -la /etc/foo').split('\n')
    expect(ls[0]).toBe('total 4')
    expect(ls[1]).toMatch(/^drwxrwxrwt 3 root root  120 Jan  1 00:00 \.$/)
    expect(ls[3]).toMatch(/^drwxr-xr-x 2 root root   80 Jan  1 00:00 \.\.2026_01_01_00_00_\d\d\.\d+$/)
    const ts = /(\.\.2026\S+)$/.exec(ls[3])![1]
    expect(ls[4]).toBe(`lrwxrwxrwx 1 root root   ${ts.length} Jan  1 00:00 ..data -> ${ts}`)
    expect(ls[5]).toBe('lrwxrwxrwx 1 root root   15 Jan  1 00:00 password -> ..data/password')
    expect(ls[6]).toBe('lrwxrwxrwx 1 root root   15 Jan  1 00:00 username -> ..data/username')
    expect(sh(s, 'kubectl exec web -- ls /etc/foo')).toBe('password\nusername\n')
    expect(sh(s, 'kubectl exec web -- ls -l /etc/foo/..data/')).toBe(
      'total 8\n-rw-r--r-- 1 root root 6 Jan  1 00:00 password\n-rw-r--r-- 1 root root 5 Jan  1 00:00 username\n')
  })

  it('configMap items with path and mode; on disk (drwxrwxrwx); read-only', () => {
    const s = setup()
    expect(sh(s, 'kubectl exec web -- cat /etc/app/conf/level')).toBe('debug')
    expect(sh(s, 'kubectl exec web -- ls -la /etc/app').split('\n')[1]).toMatch(/^drwxrwxrwx 3 root root 4096 /)
    expect(sh(s, 'kubectl exec web -- ls -l /etc/app/..data/conf')).toMatch(/^total 4\n-rw------- 1 root root 5 Jan  1 00:00 level\n$/)
    expect(sh(s, 'kubectl exec web -- ls /etc/app')).toBe('MODE\nconf\n')
  })

  it('updates reach mounted files at the next pod sync (60 s), never subPath files or env', () => {
    const s = setup()
    const cluster = s.cluster
    sh(s, `kubectl patch configmap app -p '{"data":{"MODE":"staging"}}'`)
    expect(sh(s, 'kubectl exec web -- cat /etc/app/MODE')).toBe('prod')
    let seen = 0
    for (let t = 0; t < 120 && !seen; t += 5) {
      cluster.advance(5000)
      if (sh(s, 'kubectl exec web -- cat /etc/app/MODE') === 'staging') seen = t
    }
    expect(seen).toBeGreaterThan(0)
    expect(seen).toBeLessThanOrEqual(60)
    expect(sh(s, 'kubectl exec web -- cat /etc/mode')).toBe('prod')
    expect(sh(s, `kubectl exec web -- sh -c 'echo $MODE'`)).toBe('prod\n')
    const ts = sh(s, 'kubectl exec web -- ls -la /etc/app').split('\n').find((l) => l.includes('..data ->'))!
    expect(ts).not.toMatch(/00_00_1\d\.|00_00_0\d\./)
  })

  it('a pod whose command prints env vars from a Secret shows them in kubectl logs', () => {
    const s = lab()
    sh(s, 'kubectl create secret generic db --from-literal=username=admin')
    sh(s, `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: printer}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "echo user=$USERNAME; env"]
    env:
    - name: USERNAME
      valueFrom: {secretKeyRef: {name: db, key: username}}
    volumeMounts: [{name: creds, mountPath: /etc/creds}]
  volumes: [{name: creds, secret: {secretName: db}}]
EOF`)
    const logs = sh(s, 'kubectl logs printer').split('\n')
    expect(logs[0]).toBe('user=admin')
    expect(logs).toContain('USERNAME=admin')
    expect(logs).toContain('HOSTNAME=printer')
  })

  it('kubectl rollout restart makes pods that see the new values', () => {
    const s = lab()
    sh(s, 'kubectl create configmap app --from-literal=MODE=prod')
    sh(s, 'kubectl create deployment web --image=nginx')
    sh(s, `kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","envFrom":[{"configMapRef":{"name":"app"}}]}]}}}}'`)
    s.cluster.advance(10_000)
    const podName = () => (s.cluster.store.list('Pod', 'default') as { metadata: { name: string; deletionTimestamp?: string }; status?: { phase?: string } }[])
      .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running').map((p) => p.metadata.name)[0]
    const first = podName()
    expect(sh(s, `kubectl exec ${first} -- sh -c 'echo $MODE'`)).toBe('prod\n')
    sh(s, `kubectl patch configmap app -p '{"data":{"MODE":"staging"}}'`)
    s.cluster.advance(120_000)
    expect(sh(s, `kubectl exec ${first} -- sh -c 'echo $MODE'`)).toBe('prod\n')
    sh(s, 'kubectl rollout restart deployment web')
    s.cluster.advance(60_000)
    const second = podName()
    expect(second).not.toBe(first)
    expect(sh(s, `kubectl exec ${second} -- sh -c 'echo $MODE'`)).toBe('staging\n')
  })
})
