// Tutorials end to end through the real bin/kubelab: each script in tutorials/ is a flow a course teaches, typed
// line by line into the lab's shell; the assertions are what a learner following it must see.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/kubelab', import.meta.url))
const script = (name: string) => fileURLToPath(new URL(`./tutorials/${name}`, import.meta.url))

function run(name: string): string {
  const r = spawnSync(BIN, ['run', script(name)], { encoding: 'utf8', timeout: 240_000 })
  expect(r.status).toBe(0)
  return r.stdout
}

/** the output lines of the command typed as `line` (up to the next prompt) */
function outputOf(transcript: string, line: string): string[] {
  const lines = transcript.split('\n')
  const i = lines.findIndex((l) => /^\S+# /.test(l) && l.endsWith(`# ${line}`))
  expect(i, `command not in the transcript: ${line}`).toBeGreaterThanOrEqual(0)
  const out: string[] = []
  for (let j = i + 1; j < lines.length && !/^(root@|\[root@)\S+[#] /.test(lines[j]); j++) out.push(lines[j])
  return out
}

describe('tutorial: Ingress with TLS, two hosts, two paths, from the outside client', { timeout: 240_000 }, () => {
  it('installs ingress-nginx from its URL, routes by host and path, terminates TLS', () => {
    const t = run('ingress-tls.txt')
    // the install: every object of the manifest created, the admission jobs done, the controller running
    const install = outputOf(t, 'kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.3/deploy/static/provider/baremetal/deploy.yaml')
    expect(install).toHaveLength(19)
    expect(install.every((l) => l.endsWith(' created'))).toBe(true)
    const pods = outputOf(t, 'kubectl get pods -n ingress-nginx')
    expect(pods.filter((l) => / Completed /.test(l))).toHaveLength(2)
    expect(pods.filter((l) => /^ingress-nginx-controller-\S+ +1\/1 +Running /.test(l))).toHaveLength(1)
    expect(outputOf(t, 'kubectl create secret tls foo-tls --cert=tls.crt --key=tls.key')).toEqual(['secret/foo-tls created'])
    expect(outputOf(t, 'kubectl get ingress demo')[1]).toMatch(/^demo +nginx +foo\.bar\.com,bar\.foo\.com +172\.18\.0\.\d +80, 443 +\d+s$/)
    // a TLS host redirects plain HTTP (308) to https, without the NodePort
    expect(outputOf(t, "curl -s -o /dev/null -w '%{http_code} %{redirect_url}\\n' http://foo.bar.com:30080/")).toEqual(['308 https://foo.bar.com/'])
    // foo.bar.com: / to web1 (nginx), /who to web2 (whoami), over TLS with the learner's certificate
    expect(outputOf(t, "curl -sk https://foo.bar.com:30443/ | grep '<title>'")).toEqual(['<title>Welcome to nginx!</title>'])
    const who = outputOf(t, "curl -sk https://foo.bar.com:30443/who | grep -E '^(Hostname|GET|X-Forwarded-For)'")
    expect(who[0]).toMatch(/^Hostname: web2-[a-z0-9]+-[a-z0-9]{5}$/)
    // whoami echoes the request as it arrived, header lines ending in CRLF
    expect(who[1]).toBe('GET /who HTTP/1.1\r')
    // bar.foo.com: everything to web2
    const bar = outputOf(t, "curl -s http://bar.foo.com:30080/anything | grep -E '^(Hostname|GET)'")
    expect(bar[0]).toMatch(/^Hostname: web2-/)
    expect(bar[1]).toBe('GET /anything HTTP/1.1\r')
    // no rule for the host: the default backend's 404; a Host header is enough on any node's NodePort
    expect(outputOf(t, "curl -s -o /dev/null -w '%{http_code}\\n' --resolve nope.example:30080:172.18.0.3 http://nope.example:30080/")).toEqual(['404'])
    expect(outputOf(t, "curl -s -o /dev/null -w '%{http_code}\\n' -H 'Host: bar.foo.com' http://172.18.0.4:30080/")).toEqual(['200'])
    // without -k the self-signed certificate fails verification: curl exits 60
    expect(outputOf(t, 'echo $?')).toEqual(['60'])
    expect(outputOf(t, "curl -vk https://foo.bar.com:30443/ 2>&1 | grep -E 'subject:|issuer:|HTTP/2 200'"))
      .toEqual(['*  subject: CN=foo.bar.com; O=foo.bar.com', '*  issuer: CN=foo.bar.com; O=foo.bar.com', '< HTTP/2 200 \r'])
  })
})
