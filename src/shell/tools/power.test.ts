import { describe, it, expect } from 'vitest'
import { createCluster } from '../../core/cluster/create.ts'
import { createShell } from '../shell.ts'
import { createWorkspaceFs } from '../fs.ts'
import { out, run } from '../test-helpers.ts'
import { nodeMachines } from '../../core/kubelet/heartbeat.ts'
import { keepalivedOf } from '../../core/node/keepalived/keepalived.ts'

const lab = (profile: 'kubeadm' | 'binary' = 'kubeadm') => {
  const c = createCluster({ seed: 9, profile })
  return createShell({ cluster: c, fs: createWorkspaceFs() })
}

describe('systemctl kubelet', () => {
  it('kubeadm: the unit with its drop-in; stop writes systemd\'s lines and stops the heartbeat', () => {
    const sh = lab()
    out(sh, 'ssh node01')
    const st = run(sh, 'systemctl status kubelet')
    expect(st.exitCode).toBe(0)
    expect(st.stdout).toMatch(/^● kubelet\.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded \(\/usr\/lib\/systemd\/system\/kubelet\.service; enabled; preset: enabled\)\n    Drop-In: \/usr\/lib\/systemd\/system\/kubelet\.service\.d\n             └─10-kubeadm\.conf\n     Active: active \(running\) since Wed 2025-12-31 23:40:00 UTC; 20min 10s ago\n/)
    expect(run(sh, 'systemctl stop kubelet')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 })
    expect(nodeMachines(sh.cluster.store)!.kubeletRunning('node01')).toBe(false)
    const down = run(sh, 'systemctl status kubelet')
    expect(down.exitCode).toBe(3)
    expect(down.stdout).toContain('○ kubelet.service - kubelet: The Kubernetes Node Agent\n')
    const pid = /Main PID: (\d+) \(kubelet\)/.exec(st.stdout)![1]
    expect(down.stdout).toContain(`   Main PID: ${pid} (code=killed, signal=TERM)\n`)
    expect(down.stdout).toMatch(/node01 systemd\[1\]: Stopping kubelet\.service - kubelet: The Kubernetes Node Agent\.\.\.\n.* node01 systemd\[1\]: kubelet\.service: Deactivated successfully\.\n.* node01 systemd\[1\]: Stopped kubelet\.service - kubelet: The Kubernetes Node Agent\.\n$/)
    expect(out(sh, 'systemctl is-active kubelet')).toBe('inactive\n')
    out(sh, 'systemctl start kubelet')
    expect(out(sh, 'systemctl is-active kubelet')).toBe('active\n')
  })
  it('binary profile: CentOS 7 layout', () => {
    const sh = lab('binary')
    expect(out(sh, 'ssh k8s-node01 systemctl status kubelet')).toMatch(/^● kubelet\.service - Kubernetes Kubelet\n   Loaded: loaded \(\/usr\/lib\/systemd\/system\/kubelet\.service; enabled; vendor preset: disabled\)\n   Active: active \(running\)/)
  })
})

describe('powering nodes off and on', () => {
  it('poweroff ends the ssh session as the remote host goes away; lab power on brings it back', () => {
    const sh = lab()
    out(sh, 'ssh node02')
    expect(run(sh, 'shutdown -h now')).toMatchObject({ stdout: '', stderr: 'Connection to node02 closed by remote host.\nConnection to node02 closed.\n', exitCode: 255 })
    expect(sh.prompt()).toBe('root@controlplane:~# ')
    expect(out(sh, 'lab power status node02')).toBe('node02: off\n')
    expect(out(sh, 'ssh 172.18.0.4')).toBe('ssh: connect to host 172.18.0.4 port 22: No route to host\n')
    expect(out(sh, 'lab power on node02')).toBe('node02: powered on (the kubelet and enabled services start)\n')
    expect(out(sh, 'ssh node02 hostname')).toBe('node02\n')
  })
  it('the control plane stays up (the lab\'s API server runs there)', () => {
    const sh = lab()
    expect(run(sh, 'poweroff')).toMatchObject({ exitCode: 1 })
    expect(out(sh, 'lab power off controlplane')).toBe("kubelab: controlplane runs the lab's API server: powering it off would end the lab\n")
    expect(out(sh, 'lab power on')).toContain('usage: lab power on|off|status NODE\n')
  })
})

describe('installing keepalived on the nodes', () => {
  it('apt-get on kubeadm nodes, yum on CentOS 7; the unit exists afterwards', () => {
    const sh = lab()
    out(sh, 'ssh node01')
    expect(run(sh, 'systemctl status keepalived')).toMatchObject({ stderr: 'Unit keepalived.service could not be found.\n', exitCode: 4 })
    expect(out(sh, 'apt-get install -y keepalived')).toContain('Setting up keepalived ...\n')
    expect(keepalivedOf(sh.cluster.store)!.installed('node01')).toBe(true)
    expect(run(sh, 'systemctl status keepalived')).toMatchObject({ exitCode: 3 })
    expect(out(sh, 'apt-get install -y nginx')).toContain("kubelab: the lab's nodes model these packages only: keepalived")
    const b = lab('binary')
    expect(out(b, 'ssh k8s-node01 yum install -y keepalived')).toContain('Installed:\n  keepalived.x86_64 0:1.3.5-19.el7\n\nComplete!\n')
    expect(out(b, 'ssh k8s-node01 apt-get install -y keepalived')).toBe('bash: apt-get: command not found\n')
  })
})
