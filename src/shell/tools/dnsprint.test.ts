// dig's record columns and the one-line forms of host and nslookup, against lines printed by the real tools
// (dig/host/nslookup 9.18.49, busybox 1.35 nslookup) for the same records.
import { describe, it, expect } from 'vitest'
import type { ResourceRecord } from '../../core/dns/types.ts'
import { digQuestion, digRecord, digWhen, hostLine, nslookupData, reverseName } from './dnsprint.ts'

const rr = (name: string, type: ResourceRecord['type'], data: string, ttl = 30): ResourceRecord => ({ name, type, ttl, data })

describe('dig columns', () => {
  it('pads owner, TTL, class and type with tabs to 24/32/40/48, one space past a column', () => {
    expect(digRecord(rr('web.default.svc.cluster.local.', 'A', '10.96.45.12'))).toBe('web.default.svc.cluster.local. 30 IN\tA\t10.96.45.12')
    expect(digRecord(rr('example.com.', 'A', '93.184.215.14'))).toBe('example.com.\t\t30\tIN\tA\t93.184.215.14')
    expect(digRecord(rr('12.45.96.10.in-addr.arpa.', 'PTR', 'web.default.svc.cluster.local.'))).toBe('12.45.96.10.in-addr.arpa. 30\tIN\tPTR\tweb.default.svc.cluster.local.')
    expect(digRecord(rr('_http._tcp.web.default.svc.cluster.local.', 'SRV', '0 100 80 web.default.svc.cluster.local.'))).toBe('_http._tcp.web.default.svc.cluster.local. 30 IN\tSRV 0 100 80 web.default.svc.cluster.local.')
    expect(digRecord(rr('ext.default.svc.cluster.local.', 'CNAME', 'example.com.'))).toBe('ext.default.svc.cluster.local. 30 IN\tCNAME\texample.com.')
  })

  it('prints the question padded to 32 and 40', () => {
    expect(digQuestion({ name: 'web.', type: 'A' })).toBe(';web.\t\t\t\tIN\tA')
    expect(digQuestion({ name: 'web.default.svc.cluster.local.', type: 'A' })).toBe(';web.default.svc.cluster.local.\tIN\tA')
    expect(digQuestion({ name: 'nosuch.default.svc.cluster.local.', type: 'A' })).toBe(';nosuch.default.svc.cluster.local. IN\tA')
    expect(digQuestion({ name: '_http._tcp.web.default.svc.cluster.local.', type: 'SRV' })).toBe(';_http._tcp.web.default.svc.cluster.local. IN SRV')
    expect(digQuestion({ name: '12.45.96.10.in-addr.arpa.', type: 'PTR' })).toBe(';12.45.96.10.in-addr.arpa.\tIN\tPTR')
  })

  it('dates WHEN as dig does', () => {
    expect(digWhen(Date.UTC(2026, 11, 6, 4, 8, 44))).toBe('Sun Dec 06 04:08:44 UTC 2026')
  })
})

describe('host and nslookup lines', () => {
  it('host sentences', () => {
    expect(hostLine(rr('web.default.svc.cluster.local.', 'A', '10.96.45.12'))).toBe('web.default.svc.cluster.local has address 10.96.45.12')
    expect(hostLine(rr('ext.default.svc.cluster.local.', 'CNAME', 'example.com.'))).toBe('ext.default.svc.cluster.local is an alias for example.com.')
    expect(hostLine(rr('12.45.96.10.in-addr.arpa.', 'PTR', 'web.default.svc.cluster.local.'))).toBe('12.45.96.10.in-addr.arpa domain name pointer web.default.svc.cluster.local.')
    expect(hostLine(rr('_http._tcp.web.default.svc.cluster.local.', 'SRV', '0 100 80 web.default.svc.cluster.local.'))).toBe('_http._tcp.web.default.svc.cluster.local has SRV record 0 100 80 web.default.svc.cluster.local.')
  })

  it('nslookup data: bind keeps the trailing dots, busybox drops them', () => {
    const srv = rr('_http._tcp.web.default.svc.cluster.local.', 'SRV', '0 100 80 web.default.svc.cluster.local.')
    expect(nslookupData(srv, true)).toBe('service = 0 100 80 web.default.svc.cluster.local.')
    expect(nslookupData(srv, false)).toBe('service = 0 100 80 web.default.svc.cluster.local')
    expect(nslookupData(rr('x.', 'CNAME', 'example.com.'), false)).toBe('canonical name = example.com')
    expect(nslookupData(rr('x.', 'PTR', 'web.default.svc.cluster.local.'), true)).toBe('name = web.default.svc.cluster.local.')
    expect(reverseName('10.96.45.12')).toBe('12.45.96.10.in-addr.arpa.')
  })
})
