import { describe, expect, it } from 'vitest'
import { createCluster } from '../../core/cluster/create.ts'
import { createShell, type LabShell } from '../shell.ts'
import { createWorkspaceFs } from '../fs.ts'

function lab(seed = 11): LabShell {
  return createShell({ cluster: createCluster({ seed }), fs: createWorkspaceFs() })
}
function sh(s: LabShell, text: string): string {
  let r
  for (const l of text.split('\n')) r = s.run(l)
  if (!r || !r.done) throw new Error('open command')
  return r.stdout + r.stderr
}
const events = (s: LabShell, pod: string) => sh(s, `kubectl describe pod ${pod}`).split('Events:\n')[1].split('\n').slice(2).filter(Boolean)

const envPod = (name: string, ref: string) => `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: X
      valueFrom: {${ref}}
EOF`

describe('CreateContainerConfigError and FailedMount as kubectl shows them', () => {
  it('a missing ConfigMap, then a missing key, then the pod starts', () => {
    const s = lab()
    sh(s, envPod('p', 'configMapKeyRef: {name: x, key: k}'))
    expect(sh(s, 'kubectl get pod p')).toMatch(/^NAME   READY   STATUS                       RESTARTS   AGE\np      0\/1     CreateContainerConfigError   0          5s\n$/)
    expect(events(s, 'p').at(-1)).toMatch(/^ {2}Warning {2}Failed {5}\d+s {3}kubelet {12}Error: configmap "x" not found$/)
    expect(sh(s, `kubectl get pod p -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.waiting.message}'`)).toBe('Pending configmap "x" not found')
    sh(s, 'kubectl create configmap x --from-literal=other=1')
    s.cluster.advance(15_000)
    expect(events(s, 'p').some((l) => l.endsWith("Error: couldn't find key k in ConfigMap default/x"))).toBe(true)
    sh(s, `kubectl patch configmap x -p '{"data":{"k":"v"}}'`)
    s.cluster.advance(15_000)
    expect(sh(s, 'kubectl get pod p --no-headers')).toMatch(/^p +1\/1 +Running +0 /)
    expect(sh(s, `kubectl exec p -- sh -c 'echo $X'`)).toBe('v\n')
    expect(events(s, 'p').some((l) => /Normal +Started/.test(l))).toBe(true)
  })

  it('a missing Secret names the secret', () => {
    const s = lab()
    sh(s, envPod('q', 'secretKeyRef: {name: db, key: password}'))
    expect(events(s, 'q').at(-1)).toMatch(/Error: secret "db" not found$/)
    sh(s, 'kubectl create secret generic db --from-literal=user=a')
    s.cluster.advance(15_000)
    expect(events(s, 'q').some((l) => l.endsWith("Error: couldn't find key password in Secret default/db"))).toBe(true)
  })

  it('a missing volume source: FailedMount events, ContainerCreating, no IP', () => {
    const s = lab()
    sh(s, `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: v}
spec:
  containers:
  - {name: c, image: busybox:1.36, command: ["sleep", "3600"], volumeMounts: [{name: cfg, mountPath: /etc/cfg}]}
  volumes: [{name: cfg, configMap: {name: settings}}]
EOF`)
    s.cluster.advance(20_000)
    expect(sh(s, 'kubectl get pod v -o wide --no-headers')).toMatch(/^v +0\/1 +ContainerCreating +0 +25s +<none> +node0\d /)
    expect(events(s, 'v').at(-1)).toMatch(/^ {2}Warning {2}FailedMount {2}\d+s \(x6 over 30s\) {2}kubelet {12}MountVolume\.SetUp failed for volume "cfg" : configmap "settings" not found$/)
    sh(s, 'kubectl create configmap settings --from-literal=a=b')
    s.cluster.advance(30_000)
    expect(sh(s, 'kubectl exec v -- cat /etc/cfg/a')).toBe('b')
  })

  it('service links: Services created before the container, never after', () => {
    const s = lab()
    sh(s, 'kubectl create service clusterip before --tcp=8080:80')
    sh(s, 'kubectl run bb --image=busybox:1.36 -- sleep 3600')
    s.cluster.advance(20_000)
    sh(s, 'kubectl create service clusterip after --tcp=80:80')
    const env = sh(s, 'kubectl exec bb -- env')
    const ip = sh(s, `kubectl get svc before -o jsonpath='{.spec.clusterIP}'`)
    expect(env).toContain(`BEFORE_SERVICE_HOST=${ip}\n`)
    expect(env).toContain('BEFORE_SERVICE_PORT_8080_80=8080\n')
    expect(env).toContain(`BEFORE_PORT_8080_TCP=tcp://${ip}:8080\n`)
    expect(env).not.toContain('AFTER_')
  })

  it('the service account volume: namespace from the downward API, read-only', () => {
    const s = lab()
    sh(s, 'kubectl run bb --image=busybox:1.36 -- sleep 3600')
    s.cluster.advance(20_000)
    expect(sh(s, 'kubectl exec bb -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace')).toBe('default')
    expect(sh(s, `kubectl exec bb -- sh -c 'echo x > /var/run/secrets/kubernetes.io/serviceaccount/y'`)).toMatch(/Read-only file system/)
  })
})
