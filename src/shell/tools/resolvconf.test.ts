// resolv.conf parsing and the order each stub resolver tries names in (checked against glibc 2.36, bind 9.18 and
// busybox 1.35 on a real kernel with a logging DNS server: the query logs gave these orders).
import { describe, it, expect } from 'vitest'
import { parseResolvConf, searchNames } from './resolvconf.ts'

const POD = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'

describe('resolv.conf', () => {
  it('reads nameservers, the last search line and options with glibc limits', () => {
    expect(parseResolvConf(POD)).toEqual({ nameservers: ['10.96.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5, timeout: 5, attempts: 2, rotate: false })
    const c = parseResolvConf('nameserver 1.1.1.1\nnameserver 2.2.2.2\nnameserver 3.3.3.3\nnameserver 4.4.4.4\ndomain a.b\nsearch x y # comment\noptions ndots:20 timeout:0 attempts:9 rotate\n')
    expect(c).toEqual({ nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3'], search: ['x', 'y'], ndots: 15, timeout: 1, attempts: 5, rotate: true })
    expect(parseResolvConf('nameserver 8.8.8.8\n')).toMatchObject({ search: [], ndots: 1, timeout: 5, attempts: 2 })
  })

  it('orders the names as glibc, musl, bind and busybox nslookup do', () => {
    const c = parseResolvConf(POD)
    const exp = (n: string) => [`${n}.default.svc.cluster.local.`, `${n}.svc.cluster.local.`, `${n}.cluster.local.`]
    // glibc: fewer dots than ndots: the search list, then the name as is (getent hosts web: 4 AAAA queries)
    expect(searchNames('web', c, 'glibc')).toEqual([...exp('web'), 'web.'])
    // nslookup web.default.svc.cluster.local (4 dots < 5) went through the search list first
    expect(searchNames('web.default.svc.cluster.local', c, 'bind')).toEqual([...exp('web.default.svc.cluster.local'), 'web.default.svc.cluster.local.'])
    expect(searchNames('a.b.c.d.e.f', c, 'glibc')).toEqual(['a.b.c.d.e.f.', ...exp('a.b.c.d.e.f')])
    expect(searchNames('a.b.c.d.e.f', c, 'musl')).toEqual(['a.b.c.d.e.f.'])
    expect(searchNames('a.b.c.d.e.f', c, 'bind')).toEqual(['a.b.c.d.e.f.'])
    expect(searchNames('web.', c, 'glibc')).toEqual(['web.'])
    // busybox nslookup: no dot -> only the search domains (no bare name); a dot -> only as is
    expect(searchNames('web', c, 'busybox')).toEqual(exp('web'))
    expect(searchNames('web.default', c, 'busybox')).toEqual(['web.default.'])
    expect(searchNames('web', parseResolvConf('nameserver 8.8.8.8\n'), 'busybox')).toEqual(['web.'])
  })
})
