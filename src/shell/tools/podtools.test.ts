// wget, ping, nc, hostname, /etc/hosts, apt-get and apk in pods: exact texts (fake engine for the traffic formats).
import { describe, it, expect, beforeAll } from 'vitest'
import type { LabShell } from '../shell.ts'
import { fixtureTrace, podsShell, withFakeEngine } from './testing.ts'
import type { Pod } from '../../core/api/types.ts'

let s: LabShell
beforeAll(() => {
  s = podsShell()
})
const run = (line: string) => {
  const r = s.run(line)
  if (!r.done) throw new Error('open')
  return r
}
const podIP = (name: string) => (s.cluster.store.get('Pod', 'default', name) as Pod).status!.podIP!
const svcIP = () => run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'").stdout

describe('busybox wget', () => {
  it('wget -qO- prints the body; wget URL saves index.html with busybox texts', () => {
    const a = withFakeEngine((r) => fixtureTrace(r, 'delivered'), () => run('kubectl exec box -- wget -qO- web')).value
    expect(a).toMatchObject({ stdout: 'hello\n', stderr: '', exitCode: 0 })
    const ip = svcIP()
    run('kubectl exec -it box -- sh')
    const b = withFakeEngine((r) => fixtureTrace(r, 'delivered'), () => run('wget web'))
    const cat = run('cat index.html').stdout
    run('exit')
    expect(b.value.stderr).toBe(`Connecting to web (${ip}:80)\nsaving to 'index.html'\nindex.html           100% |********************************|     6  0:00:00 ETA\n'index.html' saved\n`)
    expect(cat).toBe('hello\n')
    expect(b.requests[0].http).toEqual({ method: 'GET', path: '/', host: 'web', headers: [['User-Agent', 'Wget'], ['Connection', 'close']] })
  })

  it('refused, timed out, bad address', () => {
    expect(withFakeEngine((r) => fixtureTrace(r, 'rejected'), () => run('kubectl exec box -- wget -qO- 10.96.0.99')).value.stderr)
      .toBe("wget: can't connect to remote host (10.96.0.99): Connection refused\ncommand terminated with exit code 1\n")
    expect(withFakeEngine((r) => fixtureTrace(r, 'timeout'), () => run('kubectl exec box -- wget -T 2 -qO- 10.96.0.99')).value.stderr)
      .toBe('wget: download timed out\ncommand terminated with exit code 1\n')
    expect(run('kubectl exec box -- wget -qO- nosuch').stderr).toBe("wget: bad address 'nosuch'\ncommand terminated with exit code 1\n")
  })
})

describe('ping', () => {
  it('busybox: replies and statistics', () => {
    const ip = podIP('deb')
    const r = withFakeEngine((q) => fixtureTrace(q, 'delivered', { endpoint: { host: 'default/deb', kind: 'pod', ip, port: 0, node: (s.cluster.store.get('Pod', 'default', 'box') as Pod).spec.nodeName } }), () => run(`kubectl exec box -- ping -c 2 ${ip}`)).value
    expect(r.stdout).toBe(
      `PING ${ip} (${ip}): 56 data bytes\n64 bytes from ${ip}: seq=0 ttl=64 time=0.069 ms\n64 bytes from ${ip}: seq=1 ttl=64 time=0.060 ms\n\n` +
        `--- ${ip} ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.060/0.065/0.069 ms\n`,
    )
  })

  it('iputils (netshoot): 100% loss to a ClusterIP in iptables mode, with the real engine', () => {
    const ip = svcIP()
    const t0 = s.cluster.clock.now()
    const r = run(`kubectl exec ns -- ping -c 3 ${ip}`)
    expect(r.stdout).toBe(`PING ${ip} (${ip}) 56(84) bytes of data.\n\n--- ${ip} ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2005ms\n\n`)
    expect(r.exitCode).toBe(1)
    expect(s.cluster.clock.now() - t0).toBeGreaterThanOrEqual(12_000)
  })

  it('iputils: an unknown name', () => {
    // netshoot is Alpine: musl's gai_strerror
    expect(run('kubectl exec ns -- ping -c 1 nosuch').stderr).toBe('ping: nosuch: Name does not resolve\ncommand terminated with exit code 2\n')
  })
})

describe('nc', () => {
  it('busybox and openbsd texts', () => {
    const ip = svcIP()
    expect(withFakeEngine((r) => fixtureTrace(r, 'delivered'), () => run('kubectl exec box -- nc -zv web 80')).value.stderr).toBe(`web (${ip}:80) open\n`)
    expect(withFakeEngine((r) => fixtureTrace(r, 'refused'), () => run('kubectl exec box -- nc -zv web 81')).value.stderr)
      .toBe(`nc: web (${ip}:81): Connection refused\ncommand terminated with exit code 1\n`)
    expect(withFakeEngine((r) => fixtureTrace(r, 'delivered'), () => run('kubectl exec ns -- nc -zv web 80')).value.stderr)
      .toBe('Connection to web 80 port [tcp/http] succeeded!\n')
    expect(withFakeEngine((r) => fixtureTrace(r, 'rejected'), () => run('kubectl exec ns -- nc -zv web 81')).value.stderr)
      .toBe('nc: connect to web port 81 (tcp) failed: Connection refused\ncommand terminated with exit code 1\n')
  })
})

describe('hostname and the kubelet-managed files', () => {
  it('hostname, hostname -i, /etc/hosts, /etc/resolv.conf', () => {
    const ip = podIP('box')
    expect(run('kubectl exec box -- hostname').stdout).toBe('box\n')
    expect(run('kubectl exec box -- hostname -i').stdout).toBe(`${ip}\n`)
    expect(run('kubectl exec box -- cat /etc/hosts').stdout).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n' +
        `fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\tbox\n`,
    )
    expect(run('kubectl exec box -- cat /etc/resolv.conf').stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
  })
})

describe('package managers', () => {
  it('apt-get needs update first, then installs ping into that container', () => {
    const missing = run('kubectl exec deb -- ping -c 1 web')
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toMatch(/exec: "ping": executable file not found in \$PATH/)
    const a = run('kubectl exec deb -- apt-get install -y iputils-ping')
    expect(a.stderr).toBe('E: Unable to locate package iputils-ping\ncommand terminated with exit code 100\n')
    expect(run('kubectl exec deb -- apt-get update').stdout.endsWith('Fetched 9306 kB in 1s (6988 kB/s)\nReading package lists... Done\n')).toBe(true)
    const b = run('kubectl exec deb -- apt-get install -y iputils-ping')
    expect(b.exitCode).toBe(0)
    expect(b.stdout.split('\n').slice(3, 9).join('\n')).toBe(
      'The following additional packages will be installed:\n  libcap2-bin libpam-cap\nThe following NEW packages will be installed:\n' +
        '  iputils-ping libcap2-bin libpam-cap\n0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 96.4 kB of archives.',
    )
    expect(b.stdout.endsWith('Setting up iputils-ping (3:20221126-1+deb12u1) ...\n')).toBe(true)
    expect(run('kubectl exec deb -- ping -c 1 web').stdout.startsWith(`PING web.default.svc.cluster.local (${svcIP()}) 56(84) bytes of data.\n`)).toBe(true)
    expect(run('kubectl exec deb -- apt-get install -y curl').stdout).toContain('curl is already the newest version (7.88.1-10+deb12u8).\n')
  })

  it('apk add in alpine-based images; busybox has no package manager', () => {
    const r = run('kubectl exec ns -- apk add iproute2')
    expect(r.stdout).toContain('(6/6) Installing iproute2 (6.11.0-r0)\n')
    expect(run('kubectl exec box -- sh -c "apk add curl"').stderr).toBe('sh: apk: not found\ncommand terminated with exit code 127\n')
    expect(run('kubectl exec ns -- apk add nosuch').stderr).toBe('ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\ncommand terminated with exit code 1\n')
  })
})
