// The real bin/kubelab, spawned: usage errors, --help, version, transcript and --json output, symlinked launch.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = fileURLToPath(new URL('../../bin/kubelab', import.meta.url))

function kubelab(args: string[], input?: string, bin = BIN) {
  const r = spawnSync(bin, args, { input, encoding: 'utf8', timeout: 60_000 })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

describe('bin/kubelab', { timeout: 60_000 }, () => {
  it('prints usage for --help', () => {
    const r = kubelab(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout.startsWith('Usage:\n  kubelab run [--profile kubeadm|binary] [--nodes N] [--proxy-mode iptables|ipvs] [--seed N] [--json] [--trace] [FILE|-]\n')).toBe(true)
  })

  it('rejects misuse with exit code 2', () => {
    const flag = kubelab(['run', '--x'])
    expect(flag.code).toBe(2)
    expect(flag.stderr.startsWith('kubelab: unknown flag --x\nUsage:')).toBe(true)
    const mode = kubelab(['run', '--proxy-mode', 'nftables'])
    expect(mode).toMatchObject({ code: 2, stderr: 'kubelab: unknown proxy mode "nftables" (supported: iptables, ipvs)\n' })
    expect(kubelab(['run', '--proxy-mode=userspace'])).toMatchObject({ code: 2, stderr: 'kubelab: unknown proxy mode "userspace" (supported: iptables, ipvs)\n' })
    expect(kubelab(['run', '--profile=k3s'])).toMatchObject({ code: 2, stderr: 'kubelab: unknown profile "k3s" (supported: kubeadm, binary)\n' })
    expect(kubelab(['frobnicate']).stderr.startsWith('kubelab: unknown command "frobnicate"\n')).toBe(true)
    expect(kubelab(['run', '/nonexistent/script.sh'])).toMatchObject({ code: 2, stderr: 'kubelab: cannot read script "/nonexistent/script.sh": No such file or directory\n' })
  })

  it('prints its version', () => {
    const r = kubelab(['version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^kubelab \d+\.\d+\.\d+ \(simulated Kubernetes v1\.\d+\.\d+\)\n$/)
  })

  it('runs a script from stdin and prints the terminal transcript', () => {
    const script = 'echo hi\n\ncat > web.yaml <<EOF\nport: 80\nEOF\ncat web.yaml\nnosuch\n'
    const r = kubelab(['run'], script)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      'root@controlplane:~# echo hi\nhi\n' +
        'root@controlplane:~# cat > web.yaml <<EOF\n> port: 80\n> EOF\n' +
        'root@controlplane:~# cat web.yaml\nport: 80\n' +
        'root@controlplane:~# nosuch\nbash: nosuch: command not found\n',
    )
  })

  it('prints one JSON object per command with --json, from a file, through a symlink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-'))
    const file = join(dir, 'script.sh')
    writeFileSync(file, 'echo a | tr a b\ncat <<EOF\nx\nEOF\nfalse\n')
    const link = join(dir, 'kubelab')
    symlinkSync(BIN, link)
    const r = kubelab(['run', '--json', '--profile', 'binary', '--seed', '7', file], undefined, link)
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { command: 'echo a | tr a b', stdout: 'b\n', stderr: '', exitCode: 0 },
      { command: 'cat <<EOF\nx\nEOF', stdout: 'x\n', stderr: '', exitCode: 0 },
      { command: 'false', stdout: '', stderr: '', exitCode: 1 },
    ])
  })

  const SCRIPT = 'kubectl create deployment web --image=nginx\nkubectl expose deployment web --port=80\nsleep 30\nkubectl run deb --image=nginx\nsleep 20\n' +
    "kubectl exec deb -- curl -s -o /dev/null -w '%{http_code}' web\necho done\n"

  it('--json adds the traces of commands that sent traffic', () => {
    const r = kubelab(['run', '--json', '--proxy-mode', 'ipvs'], SCRIPT)
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    const curl = lines.find((l) => l.command.startsWith('kubectl exec deb'))
    expect(curl.stdout).toBe('200')
    // the name `web` is looked up first: A and AAAA to kube-dns, then the connection
    expect(curl.traces).toHaveLength(3)
    expect(curl.traces.slice(0, 2).map((t: { request: { dns: { question: { type: string } } } }) => t.request.dns.question.type)).toEqual(['A', 'AAAA'])
    expect(curl.traces[2]).toMatchObject({ verdict: 'delivered', request: { from: { kind: 'pod', namespace: 'default', name: 'deb' }, port: 80, protocol: 'TCP' } })
    expect(curl.traces[2].ipvsLookups).toBeGreaterThan(0)
    expect(lines.find((l) => l.command === 'echo done')).toEqual({ command: 'echo done', stdout: 'done\n', stderr: '', exitCode: 0 })
  })

  it('--trace prints each trace after the command output', () => {
    const r = kubelab(['run', '--trace'], SCRIPT)
    expect(r.code).toBe(0)
    const out = r.stdout
    const at = out.indexOf("root@controlplane:~# kubectl exec deb -- curl -s -o /dev/null -w '%{http_code}' web\n200\n--- trace 1: UDP pod default/deb -> 10.96.0.10:53 (DNS web.default.svc.cluster.local. A)\n")
    expect(at).toBeGreaterThan(0)
    const block = out.slice(out.indexOf('--- trace 3: TCP pod default/deb -> 10.', at), out.indexOf('root@controlplane:~# echo done'))
    expect(block).toMatch(/\n   1\. \[send\] default\/deb\n/)
    expect(block).toMatch(/\[netfilter\] node\d\d \(cni0\) nat\/KUBE-SERVICES: -A KUBE-SERVICES -d 10\.\S+\/32 -p tcp -m comment --comment "default\/web cluster IP"/)
    expect(block).toMatch(/\nverdict: delivered to pod default\/web-\S+ 10\.244\.\d+\.\d+:80 on node0\d; the server saw the client as 10\.244\.\d+\.\d+:\d+; HTTP 200 OK; \d+ rules evaluated, 0 IPVS lookups\n$/)
  })
})
