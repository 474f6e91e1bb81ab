// curl's output, exact text, against hand-made traces (fake engine): 7.88.1 (nginx image) and 8.x (curlimages/curl).
import { describe, it, expect, beforeAll } from 'vitest'
import type { LabShell } from '../shell.ts'
import { fixtureTrace, podsShell, withFakeEngine } from './testing.ts'
import { max5, progressMeter } from './curl-text.ts'
import { parseCurlArgs } from './curl.ts'

let s: LabShell
beforeAll(() => {
  s = podsShell()
})

const run = (line: string) => {
  const r = s.run(line)
  if (!r.done) throw new Error('open')
  return r
}
const ip = () => run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'").stdout

describe('curl (fake engine)', () => {
  it('prints the body and sends Host, User-Agent and Accept', () => {
    const { value, requests } = withFakeEngine((req) => fixtureTrace(req, 'delivered'), () => run('kubectl exec deb -- curl -s web'))
    expect(value.stdout).toBe('hello\n')
    expect(value.stderr).toBe('')
    expect(requests[0]).toMatchObject({ from: { kind: 'pod', namespace: 'default', name: 'deb' }, to: ip(), port: 80, protocol: 'TCP' })
    expect(requests[0].http).toEqual({ method: 'GET', path: '/', host: 'web', headers: [['User-Agent', 'curl/7.88.1'], ['Accept', '*/*']] })
  })

  it('shows the progress meter on stderr when stdout is not a terminal', () => {
    const { value } = withFakeEngine((req) => fixtureTrace(req, 'delivered'), () => run('kubectl exec deb -- curl web'))
    expect(value.stderr).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '100     6  100     6    0     0   6000      0 --:--:-- --:--:-- --:--:--  6000\n',
    )
  })

  it('refused: curl 7.88 wording and 8.x wording', () => {
    const a = withFakeEngine((req) => fixtureTrace(req, 'rejected'), () => run(`kubectl exec deb -- curl -sS ${'10.96.0.99'}`)).value
    expect(a.stderr).toBe('curl: (7) Failed to connect to 10.96.0.99 port 80 after 0 ms: Connection refused\ncommand terminated with exit code 7\n')
    expect(a.exitCode).toBe(7)
    const b = withFakeEngine((req) => fixtureTrace(req, 'refused'), () => run('kubectl exec cu -- curl -sS 10.96.0.99:8080')).value
    expect(b.stderr).toBe("curl: (7) Failed to connect to 10.96.0.99 port 8080 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n")
  })

  it('-s hides errors, -m times out after the limit in virtual time', () => {
    const c = withFakeEngine((req) => fixtureTrace(req, 'rejected'), () => run('kubectl exec deb -- curl -s 10.96.0.99')).value
    expect(c.stderr).toBe('command terminated with exit code 7\n')
    const before = s.cluster.clock.now()
    const d = withFakeEngine((req) => fixtureTrace(req, 'timeout'), () => run('kubectl exec deb -- curl -sS -m 5 10.96.0.99')).value
    expect(d.stderr).toBe('curl: (28) Connection timed out after 5001 milliseconds\ncommand terminated with exit code 28\n')
    expect(s.cluster.clock.now() - before).toBeGreaterThanOrEqual(5001)
    const e = withFakeEngine((req) => fixtureTrace(req, 'dropped', { reason: 'policy' }), () => run('kubectl exec cu -- curl -sS --connect-timeout 3 10.96.0.99')).value
    expect(e.stderr).toBe('curl: (28) Failed to connect to 10.96.0.99 port 80 after 3001 ms: Timeout was reached\ncommand terminated with exit code 28\n')
    const f = withFakeEngine((req) => fixtureTrace(req, 'timeout'), () => run('kubectl exec deb -- curl -sS 10.96.0.99')).value
    expect(f.stderr).toBe('curl: (28) Failed to connect to 10.96.0.99 port 80 after 130017 ms: Connection timed out\ncommand terminated with exit code 28\n')
  })

  it('cannot resolve an unknown name', () => {
    const r = run('kubectl exec deb -- curl -sS nosuch')
    expect(r.stderr).toBe('curl: (6) Could not resolve host: nosuch\ncommand terminated with exit code 6\n')
  })

  it('-I prints the headers with CRLF, -i headers then body, -w the status code', () => {
    const i = withFakeEngine((req) => fixtureTrace(req, 'delivered'), () => run('kubectl exec deb -- curl -sI web')).value
    expect(i.stdout).toBe('HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nContent-Type: text/html\r\nContent-Length: 6\r\n\r\n')
    const w = withFakeEngine((req) => fixtureTrace(req, 'delivered'), () => run("kubectl exec deb -- curl -s -o /dev/null -w '%{http_code}' web")).value
    expect(w.stdout).toBe('200')
  })

  it('-v in an interactive shell: the request and response lines, the body, then the connection line (7.88.1)', () => {
    run('kubectl exec -it deb -- bash')
    const { value } = withFakeEngine((req) => fixtureTrace(req, 'delivered'), () => run('curl -v -H "Host: example.com" web'))
    run('exit')
    const addr = ip()
    expect(value.stdout).toBe(
      `*   Trying ${addr}:80...\n* Connected to web (${addr}) port 80 (#0)\n` +
        '> GET / HTTP/1.1\r\n> Host: example.com\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n' +
        '< HTTP/1.1 200 OK\r\n< Server: nginx/1.27.3\r\n< Content-Type: text/html\r\n< Content-Length: 6\r\n< \r\n' +
        'hello\n* Connection #0 to host web left intact\n',
    )
  })

  it('-v with curl 8.x: resolve lines, `using HTTP/1.x`, `Request completely sent off`', () => {
    run('kubectl exec -it cu -- sh')
    const { value } = withFakeEngine((req) => fixtureTrace(req, 'delivered'), () => run('curl -v web'))
    run('exit')
    const addr = ip()
    expect(value.stdout).toBe(
      `* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: ${addr}\n*   Trying ${addr}:80...\n* Connected to web (${addr}) port 80\n* using HTTP/1.x\n` +
        '> GET / HTTP/1.1\r\n> Host: web\r\n> User-Agent: curl/8.11.1\r\n> Accept: */*\r\n> \r\n* Request completely sent off\n' +
        '< HTTP/1.1 200 OK\r\n< Server: nginx/1.27.3\r\n< Content-Type: text/html\r\n< Content-Length: 6\r\n< \r\n' +
        'hello\n* Connection #0 to host web left intact\n',
    )
  })

  it('exists only where the image has it', () => {
    expect(run('kubectl exec box -- curl web').stderr).toMatch(/exec: "curl": executable file not found in \$PATH: unknown\n$/)
    expect(run('kubectl exec box -- sh -c "curl web"').stderr).toBe('sh: curl: not found\ncommand terminated with exit code 127\n')
  })

  it('parses options and rejects unknown ones as curl does', () => {
    const p = parseCurlArgs(['-sSLk', '-H', 'X: 1', '--resolve', 'a:80:1.2.3.4', '-m5', 'http://a/'])
    expect(p.ok && p.opts).toMatchObject({ silent: true, showError: true, location: true, insecure: true, headers: ['X: 1'], resolve: ['a:80:1.2.3.4'], maxTime: 5, urls: ['http://a/'] })
    const bad = parseCurlArgs(['--frob'])
    expect(!bad.ok && bad.result).toEqual({ stdout: '', stderr: "curl: option --frob: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 })
  })

  it('formats the meter numbers as curl does', () => {
    expect([max5(615), max5(614999), max5(13_950_000)]).toEqual(['615', '600k', '13.3M'])
    expect(progressMeter(0, 0, true).split('\n')[2]).toBe('  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0')
  })
})
