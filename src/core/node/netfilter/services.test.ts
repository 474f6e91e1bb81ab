// Port names in `iptables -L` come from the node's /etc/services per protocol: golden text printed by the real
// iptables v1.8.9 on Debian 12 (netbase 6.4) for these rules; and the CentOS 7 database's own names.

import { describe, expect, it } from 'vitest'
import { newNetfilter } from './netfilter.ts'
import { IPTABLES_LEGACY, listChains } from './list.ts'
import { centos7Services, netbaseServices } from './services.ts'
import { parsePort } from './addr.ts'

const RULES = `*filter
:SVC - [0:0]
-A SVC -p udp -m udp --dport 53 -j ACCEPT
-A SVC -p tcp -m tcp --dport 53 -j ACCEPT
-A SVC -p tcp -m tcp --dport 80 -j ACCEPT
-A SVC -p udp -m udp --dport 80 -j ACCEPT
-A SVC -p tcp -m tcp --dport 6379 -j ACCEPT
-A SVC -p tcp -m tcp --dport 30080 -j ACCEPT
-A SVC -p tcp -m tcp --dport 8080 -j ACCEPT
-A SVC -p tcp -m tcp --dport 9153 -j ACCEPT
-A SVC -p tcp -m tcp --dport 6443 -j ACCEPT
-A SVC -p udp -m udp --sport 443 -j ACCEPT
-A SVC -p tcp -m tcp --dport 5432:5433 -j ACCEPT
-A SVC -p udp -m multiport --dports 53,80,123 -j ACCEPT
COMMIT`

/** iptables -L SVC on a Debian 12 host (real output) */
const GOLDEN = `Chain SVC (0 references)
target     prot opt source               destination         
ACCEPT     udp  --  anywhere             anywhere             udp dpt:domain
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:domain
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:http
ACCEPT     udp  --  anywhere             anywhere             udp dpt:80
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:redis
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:30080
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:http-alt
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:9153
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:6443
ACCEPT     udp  --  anywhere             anywhere             udp spt:https
ACCEPT     tcp  --  anywhere             anywhere             tcp dpts:postgresql:5433
ACCEPT     udp  --  anywhere             anywhere             multiport dports domain,80,ntp
`

function listing(release?: typeof IPTABLES_LEGACY, numeric = false): string {
  const nf = newNetfilter()
  nf.restore(RULES.split('\n'))
  return listChains(nf, 'filter', { chain: 'SVC', release, numeric }) + '\n'
}

describe('port names from /etc/services', () => {
  it('matches real iptables -L on Debian 12: udp 53 domain, tcp 80 http but udp 80 numeric, redis, 30080, http-alt', () => {
    expect(listing()).toBe(GOLDEN)
  })
  it('-n prints numbers', () => {
    expect(listing(undefined, true)).toContain('udp dpt:53')
  })
  it('answers per protocol, first entry wins, aliases resolve by name', () => {
    const deb = netbaseServices()
    expect(deb.byPort(53, 'udp')).toBe('domain')
    expect(deb.byPort(80, 'udp')).toBeUndefined()
    expect(deb.byPort(6379, 'tcp')).toBe('redis')
    expect(deb.byPort(30080, 'tcp')).toBeUndefined()
    expect(deb.byName('www', 'tcp')).toBe(80)
    expect(parsePort('webcache')).toBe(8080)
    const c7 = centos7Services()
    expect(c7.byPort(80, 'udp')).toBe('http')
    expect(c7.byPort(8080, 'tcp')).toBe('webcache')
    expect(c7.byPort(3306, 'udp')).toBe('mysql')
  })
  it('uses CentOS 7 names on the binary profile (iptables 1.4.21)', () => {
    const out = listing(IPTABLES_LEGACY)
    expect(out).toContain('udp dpt:http\n')
    expect(out).toContain('tcp dpt:webcache\n')
    expect(out).toContain('tcp dpt:30080\n')
  })
})
