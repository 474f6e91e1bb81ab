import { describe, it, expect } from 'vitest'
import { createCluster, CLUSTER_UPTIME_MS } from '../core/cluster/create.ts'
import { createShell, TYPING_MS } from './shell.ts'
import { createWorkspaceFs } from './fs.ts'
import { run } from './test-helpers.ts'

function labShell() {
  const cluster = createCluster({ seed: 3 })
  return { cluster, sh: createShell({ cluster, fs: createWorkspaceFs() }) }
}

describe('virtual time advances by commands', () => {
  it('a new cluster has been up for 20 minutes and the lab starts at 2026-01-01T00:00:00Z', () => {
    const { cluster } = labShell()
    expect(CLUSTER_UPTIME_MS).toBe(20 * 60_000)
    expect(new Date(cluster.clock.now()).toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(cluster.store.get('Node', undefined, 'controlplane')!.metadata.creationTimestamp).toBe('2025-12-31T23:40:00Z')
  })
  it('each command line costs the typing time; get shows AGE 5s for what the previous line created', () => {
    const { cluster, sh } = labShell()
    expect(TYPING_MS).toBe(5000)
    // 20m of uptime + 5 s typing this line: still 20m
    expect(run(sh, 'kubectl get nodes').stdout).toBe(
      'NAME           STATUS   ROLES           AGE   VERSION\n' +
      'controlplane   Ready    control-plane   20m   v1.32.0\n' +
      'node01         Ready    <none>          20m   v1.32.0\n' +
      'node02         Ready    <none>          20m   v1.32.0\n')
    expect(run(sh, 'kubectl create deployment web --image=nginx').stdout).toBe('deployment.apps/web created\n')
    const pods = run(sh, 'kubectl get pods').stdout.split('\n')
    expect(pods[0]).toBe('NAME                   READY   STATUS    RESTARTS   AGE')
    expect(pods[1]).toMatch(/^web-[a-z0-9]{9,10}-[a-z0-9]{5} +1\/1 +Running +0 +5s$/)
    expect(run(sh, 'kubectl get deploy').stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    1/1     1            1           10s\n')
    expect(new Date(cluster.clock.now()).toISOString()).toBe('2026-01-01T00:00:20.000Z')
  })
  it('empty lines and heredoc body lines do not advance; the completed heredoc command does once', () => {
    const { cluster, sh } = labShell()
    const t = cluster.clock.now()
    run(sh, '')
    run(sh, '   ')
    expect(cluster.clock.now()).toBe(t)
    expect(sh.run('cat <<EOF > cm.yaml').done).toBe(false)
    expect(sh.run('apiVersion: v1').done).toBe(false)
    expect(cluster.clock.now()).toBe(t)
    run(sh, 'EOF')
    expect(cluster.clock.now()).toBe(t + TYPING_MS)
    run(sh, 'echo a; echo b')
    expect(cluster.clock.now()).toBe(t + 2 * TYPING_MS)
  })
})
