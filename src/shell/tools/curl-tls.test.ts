// curl https:// through the real trace engine to an ingress-nginx controller: the -vk text of curl 7.88.1 (checked
// line by line against Debian 12's curl and a real nginx with ingress-nginx's TLS settings), the verification
// failure (exit 60), --cacert, --resolve, -H Host with SNI from the URL, HTTP/2 headers, /etc/hosts on the client.

import { describe, expect, it } from 'vitest'
import { createShell, type LabShell } from '../shell.ts'
import { createWorkspaceFs } from '../fs.ts'
import { ingressLab } from '../../trace/testing/ingress-lab.ts'
import { FOO_BAR_CERT_2025 } from '../../core/ingress/testing.ts'
import './engine-default.ts'

function client(): LabShell {
  const s = createShell({ cluster: ingressLab(true), fs: createWorkspaceFs() })
  run(s, 'ssh client')
  return s
}
function run(s: LabShell, line: string) {
  const r = s.run(line)
  if (!r.done) throw new Error(`open line: ${line}`)
  return r
}

describe('curl https to the ingress controller', () => {
  it('curl -vk --resolve: TLS 1.3 handshake, the Secret certificate, HTTP/2 (golden, 7.88.1 in a terminal)', () => {
    const s = client()
    const r = run(s, 'curl -vk --resolve foo.bar.com:443:172.18.0.3 https://foo.bar.com/foo')
    expect(r.exitCode).toBe(0)
    const date = /date: (.*)\r/.exec(r.stdout)![1]
    expect(r.stdout.replace(/easy handle 0x[0-9a-f]{12}\)/, 'easy handle 0xHANDLE)')).toBe([
      '* Added foo.bar.com:443:172.18.0.3 to DNS cache',
      '* Hostname foo.bar.com was found in DNS cache',
      '*   Trying 172.18.0.3:443...',
      '* Connected to foo.bar.com (172.18.0.3) port 443 (#0)',
      '* ALPN: offers h2,http/1.1',
      '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
      '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
      '* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):',
      '* TLSv1.3 (IN), TLS handshake, Certificate (11):',
      '* TLSv1.3 (IN), TLS handshake, CERT verify (15):',
      '* TLSv1.3 (IN), TLS handshake, Finished (20):',
      '* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):',
      '* TLSv1.3 (OUT), TLS handshake, Finished (20):',
      '* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384',
      '* ALPN: server accepted h2',
      '* Server certificate:',
      '*  subject: CN=foo.bar.com; O=foo.bar.com',
      '*  start date: Jan  1 00:00:00 2025 GMT',
      '*  expire date: Jan  1 00:00:00 2035 GMT',
      '*  issuer: CN=foo.bar.com; O=foo.bar.com',
      '*  SSL certificate verify result: self-signed certificate (18), continuing anyway.',
      '* using HTTP/2',
      '* h2h3 [:method: GET]',
      '* h2h3 [:path: /foo]',
      '* h2h3 [:scheme: https]',
      '* h2h3 [:authority: foo.bar.com]',
      '* h2h3 [user-agent: curl/7.88.1]',
      '* h2h3 [accept: */*]',
      '* Using Stream ID: 1 (easy handle 0xHANDLE)',
      '> GET /foo HTTP/2\r',
      '> Host: foo.bar.com\r',
      '> user-agent: curl/7.88.1\r',
      '> accept: */*\r',
      '> \r',
      '* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):',
      '* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):',
      '* old SSL session ID is stale, removing',
      '< HTTP/2 200 \r',
      `< date: ${date}\r`,
      '< content-type: text/plain; charset=utf-8\r',
      '< content-length: 5\r',
      '< x-app-name: http-echo\r',
      '< x-app-version: 1.0.0\r',
      '< strict-transport-security: max-age=31536000; includeSubDomains\r',
      '< \r',
      'svc1',
      '* Connection #0 to host foo.bar.com left intact',
      '',
    ].join('\n'))
  })

  it('without -k: exit 60 with the self-signed text; --cacert trusts it and checks the name', () => {
    const s = client()
    const bad = run(s, 'curl --resolve foo.bar.com:443:172.18.0.3 https://foo.bar.com/foo')
    expect([bad.exitCode, bad.stdout]).toEqual([60, ''])
    expect(bad.stderr).toBe('curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\n' +
      'curl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\n' +
      'how to fix it, please visit the web page mentioned above.\n')
    expect(run(s, 'curl -s https://172.18.0.3/').exitCode).toBe(60)
    s.run('cat > foo.crt <<EOF')
    for (const l of FOO_BAR_CERT_2025.trimEnd().split('\n')) s.run(l)
    s.run('EOF')
    const ok = run(s, 'curl -sv --cacert foo.crt --resolve foo.bar.com:443:172.18.0.3 https://foo.bar.com/foo')
    expect(ok.stdout).toContain('*  CAfile: foo.crt\n*  CApath: /etc/ssl/certs\n')
    expect(ok.stdout).toContain('*  subjectAltName: host "foo.bar.com" matched cert\'s "foo.bar.com"\n*  issuer: CN=foo.bar.com; O=foo.bar.com\n*  SSL certificate verify ok.\n')
    expect(ok.stdout).toContain('\nsvc1\n')
    // www.bar.com's Ingress has no TLS section: the controller's fake certificate, which foo.crt does not anchor
    expect(run(s, 'curl -s --cacert foo.crt --resolve www.bar.com:443:172.18.0.3 https://www.bar.com/').exitCode).toBe(60)
    // the fake certificate (no SNI: an IP in the URL; -H Host does not change the SNI) fails the chain check
    const ip = run(s, "curl -s --cacert foo.crt -H 'Host: foo.bar.com' https://172.18.0.3/foo")
    expect([ip.exitCode, ip.stderr.split('\n')[0]]).toEqual([60, ''])
    const shown = run(s, "curl -sS --cacert foo.crt -H 'Host: foo.bar.com' https://172.18.0.3/foo")
    expect(shown.stderr.split('\n')[0]).toBe('curl: (60) SSL certificate problem: self-signed certificate')
  })

  it('piped: the [N bytes data] lines; http:// to 443 gets nginx 400; https:// to 80 fails the handshake', () => {
    const s = client()
    const r = run(s, 'curl -vk --resolve foo.bar.com:443:172.18.0.3 https://foo.bar.com/foo -o /dev/null 2>&1 | head -12')
    expect(r.stdout).toBe([
      '* Added foo.bar.com:443:172.18.0.3 to DNS cache', '* Hostname foo.bar.com was found in DNS cache',
      '*   Trying 172.18.0.3:443...', '* Connected to foo.bar.com (172.18.0.3) port 443 (#0)', '* ALPN: offers h2,http/1.1',
      '} [5 bytes data]', '* TLSv1.3 (OUT), TLS handshake, Client hello (1):', '} [512 bytes data]',
      '* TLSv1.3 (IN), TLS handshake, Server hello (2):', '{ [122 bytes data]', '* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):', '{ [19 bytes data]', '',
    ].join('\n'))
    const plain = run(s, 'curl -s http://172.18.0.3:443/')
    expect(plain.stdout).toContain('<center>The plain HTTP request was sent to HTTPS port</center>')
    const wrong = run(s, 'curl -sSk https://172.18.0.3:80/')
    expect([wrong.exitCode, wrong.stderr]).toEqual([35, 'curl: (35) OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number\n'])
  })

  it('-I over HTTP/2 and --http1.1; /etc/hosts on the client host resolves for curl', () => {
    const s = client()
    const h2 = run(s, 'curl -skI --resolve foo.bar.com:443:172.18.0.3 https://foo.bar.com/foo')
    expect(h2.stdout.split('\r\n').slice(0, 1)).toEqual(['HTTP/2 200 '])
    expect(h2.stdout).not.toContain('connection:')
    const h1 = run(s, 'curl -skI --http1.1 --resolve foo.bar.com:443:172.18.0.3 https://foo.bar.com/foo')
    expect(h1.stdout.split('\r\n').slice(0, 1)).toEqual(['HTTP/1.1 200 OK'])
    expect(run(s, 'curl -s http://www.bar.com/').exitCode).toBe(6)
    run(s, 'echo "172.18.0.3 www.bar.com" >> /etc/hosts')
    expect(run(s, 'curl -s http://www.bar.com/').stdout).toBe('svc2\n')
    expect(run(s, 'curl -sk https://www.bar.com/').stdout).toBe('svc2\n')
  })
})
