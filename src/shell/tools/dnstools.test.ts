// nslookup (busybox, busybox 1.28, bind), dig, host and getent in pods against the cluster's CoreDNS, every query
// traced: golden texts per tool and case (A, headless, SRV, PTR, NXDOMAIN, NODATA, ExternalName, search list,
// dnsPolicy Default, a Service without endpoints, CoreDNS scaled to 0). Message ids and dates are masked.
import { describe, it, expect, beforeAll } from 'vitest'
import type { LabShell } from '../shell.ts'
import type { Pod, Service } from '../../core/api/types.ts'
import { labShell, sh } from './testing.ts'

let s: LabShell
const run = (line: string) => {
  const r = s.run(line)
  if (!r.done) throw new Error('open')
  return r
}
const out = (line: string) => {
  const r = run(line)
  return (r.stdout + r.stderr).replace(/id: \d+/g, 'id: N').replace(/;; WHEN: .*/g, ';; WHEN: W')
}
const svcIP = (name: string) => (s.cluster.store.get('Service', 'default', name) as Service).spec.clusterIP!
const podIPs = (label: string) => (s.cluster.store.list('Pod', 'default') as Pod[]).filter((p) => p.metadata.labels?.app === label).map((p) => p.status!.podIP!)

const MANIFEST = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: hostdns}
spec:
  dnsPolicy: Default
  containers: [{name: c, image: nicolaka/netshoot, command: [sleep, '3600']}]
`

beforeAll(() => {
  s = labShell()
  s.fs.write('/root/dns.yaml', MANIFEST)
  for (const l of [
    'kubectl create deployment web --image=nginx --replicas=2', 'kubectl apply -f /root/dns.yaml',
    'kubectl create service externalname ext --external-name=example.com', 'kubectl create service clusterip empty --tcp=80:80',
    'kubectl run box --image=busybox -- sleep 3600', 'kubectl run old --image=busybox:1.28 -- sleep 3600',
    'kubectl run ns --image=nicolaka/netshoot -- sleep 3600', 'kubectl run deb --image=nginx',
    'kubectl run dnsutils --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 -- sleep infinity', 'sleep 40',
  ]) sh(s, l)
})

describe('resolv.conf', () => {
  it('every pod shows what kubelet writes; dnsPolicy Default gets the node file; nodes have theirs', () => {
    const pod = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'
    expect(out('kubectl exec box -- cat /etc/resolv.conf')).toBe(pod)
    expect(out('kubectl exec deb -- cat /etc/resolv.conf')).toBe(pod)
    expect(out('kubectl exec hostdns -- cat /etc/resolv.conf')).toBe('nameserver 8.8.8.8\n')
    expect(out("ssh node01 'cat /etc/resolv.conf'")).toBe('nameserver 8.8.8.8\n')
  })
})

describe('dig', () => {
  it('A record of a Service, with every section as dig 9.18 prints it', () => {
    const ip = svcIP('web')
    expect(out('kubectl exec ns -- dig web.default.svc.cluster.local')).toBe(`
; <<>> DiG 9.18.35 <<>> web.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; WARNING: .local is reserved for Multicast DNS
;; You are currently testing what happens when an mDNS query is leaked to DNS
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: N
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
;; QUESTION SECTION:
;web.default.svc.cluster.local.	IN	A

;; ANSWER SECTION:
web.default.svc.cluster.local. 30 IN	A	${ip}

;; Query time: 1 msec
;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)
;; WHEN: W
;; MSG SIZE  rcvd: 74

`)
  })

  it('+short, +search, headless multi-A, SRV, PTR, NODATA, NXDOMAIN', () => {
    const [a, b] = podIPs('web').sort()
    expect(out('kubectl exec ns -- dig +short db.default.svc.cluster.local').split('\n').filter(Boolean).sort()).toEqual([a, b])
    expect(out('kubectl exec ns -- dig +short +search web')).toBe(`${svcIP('web')}\n`)
    expect(out('kubectl exec ns -- dig +short SRV _http._tcp.web.default.svc.cluster.local')).toBe('0 100 80 web.default.svc.cluster.local.\n')
    // the TTL counts down in CoreDNS's cache
    expect(out('kubectl exec ns -- dig -t SRV _http._tcp.web.default.svc.cluster.local +noall +answer +additional').replace(/ \d+ IN/g, ' T IN'))
      .toBe(`_http._tcp.web.default.svc.cluster.local. T IN\tSRV 0 100 80 web.default.svc.cluster.local.\nweb.default.svc.cluster.local. T IN\tA\t${svcIP('web')}\n`)
    expect(out('kubectl exec ns -- dig +short -x 10.96.0.10')).toBe('kube-dns.kube-system.svc.cluster.local.\n')
    const nodata = out('kubectl exec ns -- dig AAAA web.default.svc.cluster.local')
    expect(nodata).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: N\n;; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n')
    expect(nodata).toMatch(/;; AUTHORITY SECTION:\ncluster\.local\.\t\t\d+\tIN\tSOA\tns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30\n\n/)
    const nx = out('kubectl exec ns -- dig nosuch.default.svc.cluster.local')
    expect(nx).toContain('status: NXDOMAIN')
    expect(nx).toContain(';nosuch.default.svc.cluster.local. IN\tA\n')
  })

  it('bind 9.9 in jessie-dnsutils: no (UDP), EDNS 4096, no mDNS warning', () => {
    const r = out('kubectl exec dnsutils -- dig web.default.svc.cluster.local')
    expect(r).toContain('; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> web.default.svc.cluster.local\n')
    expect(r).toContain('; EDNS: version: 0, flags:; udp: 4096\n')
    expect(r).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10)\n')
    expect(r).not.toContain('Multicast')
  })

  it('ExternalName: the CNAME, then the upstream addresses', () => {
    expect(out('kubectl exec ns -- dig ext.default.svc.cluster.local')).toContain(';; ANSWER SECTION:\next.default.svc.cluster.local. 30 IN\tCNAME\texample.com.\nexample.com.\t\t')
  })
})

describe('nslookup', () => {
  it('bind: the search list, then Name/Address; NXDOMAIN', () => {
    expect(out('kubectl exec dnsutils -- nslookup web')).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${svcIP('web')}\n\n`)
    expect(out('kubectl exec ns -- nslookup nosuch')).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nosuch: NXDOMAIN\n\ncommand terminated with exit code 1\n")
    expect(out('kubectl exec ns -- nslookup -type=srv _http._tcp.web')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n_http._tcp.web.default.svc.cluster.local\tservice = 0 100 80 web.default.svc.cluster.local.\n\n')
    expect(out(`kubectl exec ns -- nslookup ${svcIP('web')}`)).toBe(`${svcIP('web').split('.').reverse().join('.')}.in-addr.arpa\tname = web.default.svc.cluster.local.\n\n`)
  })

  it('busybox: every search name asked for A and AAAA, each reply printed, exit 1 for the misses', () => {
    const r = run('kubectl exec box -- nslookup web')
    const nx = "** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\n"
    expect(r.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${svcIP('web')}\n\n${nx}\n${nx}`)
    expect(r.exitCode).toBe(1)
    // six queries, each one traced: A for the three search names, then AAAA, from one socket
    const qs = (r.traces ?? []).map((t) => `${t.request.dns?.question.type} ${t.request.dns?.question.name}`)
    expect(qs).toEqual(['A', 'AAAA'].flatMap((t) => ['web.default.svc.cluster.local.', 'web.svc.cluster.local.', 'web.cluster.local.'].map((n) => `${t} ${n}`)))
    expect(new Set((r.traces ?? []).map((t) => t.hops[0].before.sport)).size).toBe(1)
    // a name with a dot is asked as is
    expect(out('kubectl exec box -- nslookup web.default')).toContain("** server can't find web.default: NXDOMAIN\n")
  })

  it('busybox 1.28: the libc applet with reverse names', () => {
    expect(out('kubectl exec old -- nslookup web')).toBe(`Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web\nAddress 1: ${svcIP('web')} web.default.svc.cluster.local\n`)
    expect(out('kubectl exec old -- nslookup nosuch')).toBe("Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'nosuch'\ncommand terminated with exit code 1\n")
  })

  it('images without it: the shell says so', () => {
    expect(out('kubectl exec deb -- sh -c nslookup')).toBe('sh: 1: nslookup: not found\ncommand terminated with exit code 127\n')
    expect(out('kubectl exec box -- sh -c dig')).toBe('sh: dig: not found\ncommand terminated with exit code 127\n')
  })
})

describe('host and getent', () => {
  it('host: A, NXDOMAIN, SRV, PTR, alias', () => {
    expect(out('kubectl exec ns -- host web')).toBe(`web.default.svc.cluster.local has address ${svcIP('web')}\n`)
    expect(out('kubectl exec ns -- host nosuch')).toBe('Host nosuch not found: 3(NXDOMAIN)\ncommand terminated with exit code 1\n')
    expect(out('kubectl exec ns -- host -t SRV _http._tcp.web')).toBe('_http._tcp.web.default.svc.cluster.local has SRV record 0 100 80 web.default.svc.cluster.local.\n')
    expect(out('kubectl exec ns -- host 10.96.0.10')).toBe('10.0.96.10.in-addr.arpa domain name pointer kube-dns.kube-system.svc.cluster.local.\n')
    expect(out('kubectl exec ns -- host ext')).toMatch(/^ext\.default\.svc\.cluster\.local is an alias for example\.com\.\nexample\.com has address /)
  })

  it('getent hosts: AAAA through the whole search list before A; %-15s columns; exit 2 when not found', () => {
    const r = run('kubectl exec deb -- getent hosts web')
    expect(r.stdout).toBe(`${svcIP('web').padEnd(15)} web.default.svc.cluster.local\n`)
    expect((r.traces ?? []).map((t) => `${t.request.dns?.question.type} ${t.request.dns?.question.name}`)).toEqual([
      'AAAA web.default.svc.cluster.local.', 'AAAA web.svc.cluster.local.', 'AAAA web.cluster.local.', 'AAAA web.', 'A web.default.svc.cluster.local.',
    ])
    expect(out('kubectl exec deb -- getent hosts localhost')).toBe('::1             localhost ip6-localhost ip6-loopback\n')
    expect(run('kubectl exec deb -- getent hosts nosuch')).toMatchObject({ stdout: '', exitCode: 2 })
  })
})

describe('names in curl, wget, ping', () => {
  it('a short name goes through the search list, each attempt traced before the connection', () => {
    const r = run('kubectl exec deb -- curl -s -o /dev/null -w %{http_code} web')
    expect(r.stdout).toBe('200')
    const kinds = (r.traces ?? []).map((t) => (t.request.dns ? `${t.request.dns.question.type} ${t.request.dns.question.name} ${t.dns?.rcode}` : `${t.request.protocol} ${t.request.to}:${t.request.port}`))
    // glibc: A and AAAA from one socket; the first search name answers
    expect(kinds).toEqual(['A web.default.svc.cluster.local. NOERROR', 'AAAA web.default.svc.cluster.local. NOERROR', `TCP ${svcIP('web')}:80`])
    const dns = r.traces![0]
    expect(dns.verdict).toBe('delivered')
    expect(dns.endpoint?.host).toMatch(/^kube-system\/coredns-/)
    expect(dns.hops.some((h) => h.kind === 'app' && h.dns?.answer?.[0] === `A ${svcIP('web')}`)).toBe(true)
    // the reply reaches the pod from the Service IP again (conntrack un-NAT)
    const last = dns.hops[dns.hops.length - 1]
    expect([last.kind, last.before.src, last.before.sport]).toEqual(['reply', '10.96.0.10', 53])
    expect(JSON.parse(JSON.stringify(dns))).toEqual(dns)
  })

  it('a Service without endpoints resolves, but the connection is refused', () => {
    expect(out('kubectl exec ns -- nslookup empty')).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tempty.default.svc.cluster.local\nAddress: ${svcIP('empty')}\n\n`)
    expect(out('kubectl exec deb -- curl -sS empty')).toBe('curl: (7) Failed to connect to empty port 80 after 0 ms: Connection refused\ncommand terminated with exit code 7\n')
  })

  it('dnsPolicy Default: the node resolver does not know cluster names', () => {
    expect(out('kubectl exec hostdns -- curl -sS web')).toBe('curl: (6) Could not resolve host: web\ncommand terminated with exit code 6\n')
    expect(out('kubectl exec ns -- ping -c 1 nosuch')).toBe('ping: nosuch: Name does not resolve\ncommand terminated with exit code 2\n')
  })
})

describe('no DNS server answering', () => {
  let t: LabShell
  const o = (line: string) => {
    const r = t.run(line)
    if (!r.done) throw new Error('open')
    return r.stdout + r.stderr
  }
  beforeAll(() => {
    t = labShell()
    t.fs.write('/root/dead.yaml', `apiVersion: v1
kind: Pod
metadata: {name: dead}
spec:
  dnsPolicy: None
  dnsConfig: {nameservers: [10.96.0.99], searches: [default.svc.cluster.local], options: [{name: ndots, value: '5'}]}
  containers: [{name: c, image: nicolaka/netshoot, command: [sleep, '3600']}]
---
apiVersion: v1
kind: Pod
metadata: {name: deadbb}
spec:
  dnsPolicy: None
  dnsConfig: {nameservers: [10.96.0.99], searches: [default.svc.cluster.local], options: [{name: ndots, value: '5'}]}
  containers: [{name: c, image: busybox, command: [sleep, '3600']}]
`)
    for (const l of [
      'kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port=80', 'kubectl apply -f /root/dead.yaml',
      'kubectl run ns --image=nicolaka/netshoot -- sleep 3600', 'kubectl run box --image=busybox -- sleep 3600', 'kubectl run deb --image=nginx',
      'kubectl run dnsutils --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 -- sleep infinity', 'sleep 40',
    ]) sh(t, l)
  })

  it('a nameserver nobody answers for: dig, nslookup and host time out as each version prints it', () => {
    const t0 = t.cluster.clock.now()
    const lost = ';; communications error to 10.96.0.99#53: timed out\n'
    expect(o('kubectl exec dead -- dig web')).toBe(`${lost.repeat(3)}\n; <<>> DiG 9.18.35 <<>> web\n;; global options: +cmd\n;; no servers could be reached\ncommand terminated with exit code 9\n`)
    expect(t.cluster.clock.now() - t0).toBeGreaterThanOrEqual(15_000)
    expect(o('kubectl exec dead -- nslookup web')).toBe(`${lost.repeat(3)};; no servers could be reached\n\ncommand terminated with exit code 1\n`)
    expect(o('kubectl exec dead -- host web')).toBe(`${lost.repeat(2)};; no servers could be reached\ncommand terminated with exit code 1\n`)
    expect(o('kubectl exec dead -- curl -sS web')).toBe('curl: (6) Could not resolve host: web\ncommand terminated with exit code 6\n')
  })

  it('how long a name lookup waits: glibc 2 x 5 s for the first search name, then as much for the name as is; musl one timeout', () => {
    let t0 = t.cluster.clock.now()
    o('kubectl exec deadbb -- hostname')
    const exec = t.cluster.clock.now() - t0
    const waited = (line: string, text: string) => {
      t0 = t.cluster.clock.now()
      expect(o(line)).toBe(text)
      return t.cluster.clock.now() - t0 - exec
    }
    // measured on a real kernel: busybox wget (glibc) 20 s, busybox nslookup 5 s against a nameserver that drops
    expect(waited('kubectl exec deadbb -- wget -qO- web', "wget: bad address 'web'\ncommand terminated with exit code 1\n")).toBe(20_000)
    expect(waited('kubectl exec deadbb -- nslookup web', ';; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n')).toBe(5_000)
    expect(waited('kubectl exec dead -- ping -c 1 web', 'ping: web: Try again\ncommand terminated with exit code 2\n')).toBe(5_000)
  })

  it('CoreDNS scaled to 0: kube-proxy REJECTs port 53 of kube-dns, the clients hear ICMP port unreachable', () => {
    sh(t, 'kubectl -n kube-system scale deployment coredns --replicas=0')
    sh(t, 'sleep 40')
    const refused = ';; communications error to 10.96.0.10#53: connection refused\n'
    expect(o('kubectl exec ns -- dig web.default.svc.cluster.local')).toBe(`${refused.repeat(3)}\n; <<>> DiG 9.18.35 <<>> web.default.svc.cluster.local\n;; global options: +cmd\n;; no servers could be reached\ncommand terminated with exit code 9\n`)
    expect(o('kubectl exec dnsutils -- dig web.default.svc.cluster.local')).toBe('\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> web.default.svc.cluster.local\n;; global options: +cmd\n;; connection timed out; no servers could be reached\ncommand terminated with exit code 9\n')
    expect(o('kubectl exec dnsutils -- nslookup web')).toBe(';; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n')
    const r = t.run('kubectl exec box -- nslookup web')
    expect(r.done && [r.stdout, r.stderr]).toEqual([';; connection timed out; no servers could be reached\n\n', "nslookup: write to '10.96.0.10': Connection refused\ncommand terminated with exit code 1\n"])
    // glibc gives up at the first ICMP error: A and AAAA once each, no waiting beyond what any exec takes
    let t0 = t.cluster.clock.now()
    o('kubectl exec deb -- hostname')
    const exec = t.cluster.clock.now() - t0
    t0 = t.cluster.clock.now()
    const c = t.run('kubectl exec deb -- curl -sS web')
    expect(c.done && c.stderr).toBe('curl: (6) Could not resolve host: web\ncommand terminated with exit code 6\n')
    expect(c.done && c.traces?.map((x) => `${x.verdict} ${x.reason} ${x.request.dns?.question.type}`)).toEqual(['rejected no-endpoints A', 'rejected no-endpoints AAAA'])
    expect(t.cluster.clock.now() - t0 - exec).toBeLessThan(1000)
    expect(o('kubectl exec box -- wget -qO- web')).toBe("wget: bad address 'web'\ncommand terminated with exit code 1\n")
  })
})
