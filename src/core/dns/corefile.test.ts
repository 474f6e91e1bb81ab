// Corefile parsing and plugin setup: the kubeadm Corefile's configuration, and the error lines CoreDNS exits
// with (formats from coredns/caddy caddyfile/dispenser.go and plugin/*/setup.go).

import { describe, expect, it } from 'vitest'
import { corefile } from '../cluster/bootstrap-configs.ts'
import { parseCorefile, parseGoDuration, tokenize } from './corefile.ts'
import { configSha512, corefilePath, loadCorefile } from './process.ts'

const FILE = '/etc/coredns/Corefile'
const load = (text: string) => loadCorefile(text, FILE)
const error = (text: string) => {
  const r = load(text)
  if (r.ok) throw new Error('expected an error')
  return r.error
}

describe('Corefile', () => {
  it('sets up the kubeadm Corefile as CoreDNS does', () => {
    const r = load(corefile('cluster.local'))
    if (!r.ok) throw new Error(r.error)
    expect(r.value).toHaveLength(1)
    const s = r.value[0]
    expect(s.zones).toEqual(['.'])
    expect(s.port).toBe(53)
    expect(s.kubernetes).toEqual({
      zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'], pods: 'insecure', fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
      ttl: 30, endpointPodNames: false, ignoreEmptyService: false, namespaces: [],
    })
    expect(s.forward).toEqual({ from: '.', to: ['/etc/resolv.conf'], except: [] })
    expect(s.cache).toMatchObject({ zones: ['.'], successTTL: 30, denialTTL: 30, successMinTTL: 5, denialMinTTL: 5 })
    expect(s.reload).toEqual({ intervalMs: 30_000, jitterMs: 15_000 })
    expect([s.errors, s.loop, s.loadbalance, s.log]).toEqual([true, true, true, false])
  })

  it('tokenizes quotes, comments and line numbers like caddy', () => {
    expect(tokenize('a "b c" # comment\n  d')).toEqual([{ text: 'a', line: 1 }, { text: 'b c', line: 1 }, { text: 'd', line: 2 }])
  })

  it('plugin defaults: kubernetes ttl 5 and pods disabled, cache 3600/1800', () => {
    const r = load('.:53 {\n  kubernetes cluster.local\n  cache\n}\n')
    if (!r.ok) throw new Error(r.error)
    expect(r.value[0].kubernetes).toMatchObject({ ttl: 5, pods: 'disabled' })
    expect(r.value[0].kubernetes?.fallthrough).toBeUndefined()
    expect(r.value[0].cache).toMatchObject({ successTTL: 3600, denialTTL: 1800 })
  })

  it('one server per key; zones from keys when kubernetes names none', () => {
    const r = load('cluster.local:53 example.org:53 {\n  kubernetes\n}\n')
    if (!r.ok) throw new Error(r.error)
    expect(r.value.map((s) => s.zones[0])).toEqual(['cluster.local.', 'example.org.'])
    expect(r.value[0].kubernetes?.zones).toEqual(['cluster.local.', 'example.org.'])
  })

  it('errors CoreDNS prints before it exits', () => {
    expect(error('.:53 {\n    errors\n    foward . 8.8.8.8\n}\n')).toBe("/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'foward'")
    expect(error('.:53 {\n    errors\n')).toBe('/etc/coredns/Corefile:2 - Error during parsing: Unexpected EOF')
    expect(error('.:53 {\n  kubernetes cluster.local {\n    pods\n  }\n}\n')).toBe("plugin/kubernetes: /etc/coredns/Corefile:3 - Error during parsing: Wrong argument count or unexpected line ending after 'pods'")
    expect(error('.:53 {\n  kubernetes cluster.local {\n    pods secure\n  }\n}\n')).toBe('plugin/kubernetes: wrong value for pods: secure,  must be one of: disabled, verified, insecure')
    expect(error('.:53 {\n  kubernetes cluster.local {\n    ttl 5000\n  }\n}\n')).toBe('plugin/kubernetes: /etc/coredns/Corefile:3 - Error during parsing: ttl must be in range [0, 3600]: 5000')
    expect(error('.:53 {\n  kubernetes cluster.local {\n    upstream\n  }\n}\n')).toBe("plugin/kubernetes: /etc/coredns/Corefile:3 - Error during parsing: unknown property 'upstream'")
    expect(error('.:53 {\n  kubernetes in-addr.arpa\n}\n')).toBe('plugin/kubernetes: non-reverse zone name must be used')
    expect(error('.:53 {\n  forward . nameserver\n}\n')).toBe('plugin/forward: not an IP address or file: "nameserver"')
    expect(error('.:53 {\n  forward .\n}\n')).toBe("plugin/forward: /etc/coredns/Corefile:2 - Error during parsing: Wrong argument count or unexpected line ending after '.'")
    expect(error('.:53 {\n  cache 0\n}\n')).toBe('plugin/cache: cache TTL can not be zero or negative: 0')
    expect(error('.:53 {\n  cache\n  cache 30\n}\n')).toBe('plugin/cache: this plugin can only be used once per Server Block')
    expect(error('.:53 {\n  whoami\n}\n}\n')).toBe("/etc/coredns/Corefile:4 - Error during parsing: Unexpected '}' because no matching opening brace")
    expect(error('.:53 {\n  whoami\n}\n.:53 {\n  whoami\n}\n')).toBe('cannot serve dns://.:53 - it is already defined')
  })

  it('parses nested blocks and hosts/rewrite rules', () => {
    const r = load('.:53 {\n  rewrite name web.example.com web.default.svc.cluster.local\n  hosts {\n    10.0.0.9 db.lab\n    fallthrough\n  }\n}\n')
    if (!r.ok) throw new Error(r.error)
    expect(r.value[0].rewrite).toEqual([{ type: 'exact', from: 'web.example.com.', to: 'web.default.svc.cluster.local.', stop: true }])
    expect(r.value[0].hosts).toMatchObject({ entries: [{ ip: '10.0.0.9', names: ['db.lab.'] }], fallthrough: [], ttl: 3600 })
    const p = parseCorefile('.:53 {\n  health {\n    lameduck 5s\n  }\n}\n')
    expect(p.ok && p.value[0].directives[0].block).toEqual([{ name: 'lameduck', args: ['5s'], line: 3, last: { text: '5s', line: 3 } }])
  })

  it('reads -conf, Go durations and the real SHA-512', () => {
    expect(corefilePath(['-conf', '/etc/coredns/Corefile'])).toBe('/etc/coredns/Corefile')
    expect(corefilePath([])).toBe('/Corefile')
    expect(parseGoDuration('1m30s')).toBe(90_000)
    expect(parseGoDuration('5x')).toBeUndefined()
    // FIPS 180-2 appendix C.1 test vector
    expect(configSha512('abc')).toBe('ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f')
  })
})
