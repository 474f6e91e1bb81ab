import { describe, expect, it } from 'vitest'
import { newNetfilter, NetfilterError } from './index.ts'
import { parseRuleArgs } from './parse.ts'
import { USER_CHAIN_COUNTERS } from './tables.ts'
import { NfRule } from './intern.ts'

function errorOf(f: () => void): NetfilterError {
  try { f() } catch (e) { return e as NetfilterError }
  throw new Error('no error')
}

const svcRule = ['-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', 'ns/a cluster IP', '-m', 'tcp', '-p', 'tcp', '-d', '10.96.0.5', '--dport', '80', '-j', 'KUBE-SVC-A']
const sepJump = ['-A', 'KUBE-SVC-A', '-m', 'comment', '--comment', 'ns/a -> 10.244.1.2:80', '-j', 'KUBE-SEP-A']
const dnat = ['-A', 'KUBE-SEP-A', '-m', 'comment', '--comment', 'ns/a', '-m', 'tcp', '-p', 'tcp', '-j', 'DNAT', '--to-destination', '10.244.1.2:80']
const lines = ['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-SVC-A - [0:0]', ':KUBE-SEP-A - [0:0]', svcRule, sepJump, dnat, 'COMMIT']

describe('rules shared between namespaces', () => {
  it('the same argument arrays in two namespaces share one parsed spec; counters stay per namespace', () => {
    const a = newNetfilter(), b = newNetfilter()
    a.restore(lines, { noflush: true })
    b.restore(lines, { noflush: true })
    const ra = a.table('nat').chains.get('KUBE-SEP-A')!.rules[0]
    const rb = b.table('nat').chains.get('KUBE-SEP-A')!.rules[0]
    expect(ra).not.toBe(rb)
    expect(ra.spec).toBe(rb.spec)
    ra.counters.packets = 4
    expect(rb.counters.packets).toBe(0)
    expect(b.save({ table: 'nat', counters: true })).toContain('[0:0] -A KUBE-SEP-A -p tcp -m comment --comment "ns/a" -m tcp -j DNAT --to-destination 10.244.1.2:80')
    expect(a.save({ table: 'nat', counters: true })).toContain('[4:0] -A KUBE-SEP-A -p tcp -m comment --comment "ns/a" -m tcp -j DNAT')
  })

  it('a re-sync with the same arrays keeps the rule objects (and their counters) untouched', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    const before = nf.table('nat').chains.get('KUBE-SVC-A')!.rules[0]
    before.counters.bytes = 60
    nf.restore(lines, { noflush: true })
    expect(nf.table('nat').chains.get('KUBE-SVC-A')!.rules[0]).toBe(before)
  })

  it('deleting a chain: any user chain still jumping to it fails the table at the earliest -X line', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    nf.restore(['*nat', ':KUBE-OTHER - [0:0]', ['-A', 'KUBE-OTHER', '-j', 'KUBE-SEP-A'], 'COMMIT'], { noflush: true })
    const e = errorOf(() => nf.restore(['*nat', ':KUBE-SVC-A - [0:0]', ':KUBE-SEP-A - [0:0]', ':KUBE-X - [0:0]', '-X KUBE-X',
      '-X KUBE-SEP-A', 'COMMIT'], { noflush: true }))
    expect(e.message).toBe('iptables-restore: line 6 failed')
    expect(nf.table('nat').chains.has('KUBE-SEP-A')).toBe(true)
    // rewriting the referring chain in the same transaction lets it go
    nf.restore(['*nat', ':KUBE-SVC-A - [0:0]', ':KUBE-SEP-A - [0:0]', ':KUBE-OTHER - [0:0]', '-X KUBE-SEP-A', 'COMMIT'], { noflush: true })
    expect(nf.table('nat').chains.has('KUBE-SEP-A')).toBe(false)
  })

  it('a chain emptied outside restore no longer holds a deletion back; a built-in chain still does', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    nf.table('nat').chains.get('KUBE-SVC-A')!.rules = []
    nf.restore(['*nat', ':KUBE-SEP-A - [0:0]', '-X KUBE-SEP-A', 'COMMIT'], { noflush: true })
    expect(nf.table('nat').chains.has('KUBE-SEP-A')).toBe(false)
    nf.restore(['*nat', ':KUBE-Y - [0:0]', 'COMMIT'], { noflush: true })
    // a jump put into a built-in chain directly (EnsureRule), not through restore
    nf.table('nat').chains.get('OUTPUT')!.rules.push({ spec: { matches: [], target: { name: 'KUBE-Y', options: [] } }, counters: { packets: 0, bytes: 0 } })
    expect(errorOf(() => nf.restore(['*nat', '-X KUBE-Y', 'COMMIT'], { noflush: true })).message).toBe('iptables-restore: line 2 failed')
  })

  it('iptables-save keeps strcmp chain order as chains come and go', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    const order = () => nf.save({ table: 'nat' }).split('\n').filter((l) => l.startsWith(':')).map((l) => l.split(' ')[0])
    expect(order()).toEqual([':PREROUTING', ':INPUT', ':OUTPUT', ':POSTROUTING', ':KUBE-SEP-A', ':KUBE-SERVICES', ':KUBE-SVC-A'])
    nf.restore(['*nat', ':KUBE-AAA - [0:0]', ':KUBE-SEP-A - [0:0]', '-X KUBE-SEP-A', ':KUBE-SVC-A - [0:0]', 'COMMIT'], { noflush: true })
    expect(order()).toEqual([':PREROUTING', ':INPUT', ':OUTPUT', ':POSTROUTING', ':KUBE-AAA', ':KUBE-SERVICES', ':KUBE-SVC-A'])
  })

  it('a restored rule keeps its jump target; its spec is parsed again from the arguments when first read', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    const r = nf.table('nat').chains.get('KUBE-SVC-A')!.rules[0] as NfRule
    expect(r.jump).toBe('KUBE-SEP-A')
    expect(r.spec).toEqual(parseRuleArgs(sepJump).spec)
    expect(r.spec).toBe(r.spec)
    expect(nf.table('nat').chains.get('KUBE-SEP-A')!.rules[0].spec.target).toEqual({ name: 'DNAT', options: [{ name: 'to-destination', value: '10.244.1.2:80' }] })
  })

  it('bad arguments still fail at restore, at their line, whatever is read later', () => {
    const nf = newNetfilter()
    const bad = ['-A', 'KUBE-SEP-A', '-m', 'tcp', '-p', 'tcp', '--dport', '99999', '-j', 'ACCEPT']
    expect(errorOf(() => nf.restore(['*nat', ':KUBE-SEP-A - [0:0]', bad, 'COMMIT'], { noflush: true })).message)
      .toBe("iptables-restore v1.8.9 (nf_tables): invalid port/service `99999' specified\nError occurred at line: 3\n" +
        "Try `iptables-restore -h' or 'iptables-restore --help' for more information.")
    expect(nf.table('nat').chains.has('KUBE-SEP-A')).toBe(false)
  })

  it('consecutive rules with the same comment share their match objects and match list', () => {
    const nf = newNetfilter()
    nf.restore(['*nat', ':KUBE-SEP-B - [0:0]', ['-A', 'KUBE-SEP-B', '-m', 'comment', '--comment', 'ns/b', '-s', '10.244.1.3', '-j', 'KUBE-MARK-MASQ'],
      ['-A', 'KUBE-SEP-B', '-m', 'comment', '--comment', 'ns/b', '-s', '10.244.1.4', '-j', 'KUBE-MARK-MASQ'], ':KUBE-MARK-MASQ - [0:0]', 'COMMIT'], { noflush: true })
    const [a, b] = nf.table('nat').chains.get('KUBE-SEP-B')!.rules
    expect(a.spec.matches).toBe(b.spec.matches)
    expect(a.spec.source).not.toBe(b.spec.source)
    expect(nf.save({ table: 'nat' })).toContain('-A KUBE-SEP-B -s 10.244.1.4/32 -m comment --comment "ns/b" -j KUBE-MARK-MASQ')
  })

  it('user chains share one frozen counters object; built-in chains count on their own', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    const nat = nf.table('nat')
    expect(nat.chains.get('KUBE-SVC-A')!.counters).toBe(USER_CHAIN_COUNTERS)
    expect(Object.isFrozen(USER_CHAIN_COUNTERS)).toBe(true)
    expect(nat.chains.get('PREROUTING')!.counters).not.toBe(nat.chains.get('OUTPUT')!.counters)
  })

  it('a rule kept from the last sync whose target was deleted earlier in the transaction fails at its own line', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    // KUBE-SEP-A is deleted first, then KUBE-SVC-A is written again with the very same jump to it
    const e = errorOf(() => nf.restore(['*nat', ':KUBE-SEP-A - [0:0]', '-X KUBE-SEP-A', ':KUBE-SVC-A - [0:0]', sepJump, 'COMMIT'], { noflush: true }))
    expect(e.message).toBe('iptables-restore: line 5 failed')
    expect(nf.table('nat').chains.has('KUBE-SEP-A')).toBe(true)
  })

  it('a chain deleted and declared again keeps working as a jump target', () => {
    const nf = newNetfilter()
    nf.restore(lines, { noflush: true })
    nf.restore(['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-SVC-A - [0:0]', ':KUBE-SEP-A - [0:0]', '-X KUBE-SEP-A', '-X KUBE-SVC-A', 'COMMIT'], { noflush: true })
    expect(nf.table('nat').chains.has('KUBE-SVC-A')).toBe(false)
    nf.restore(lines, { noflush: true })
    expect(nf.table('nat').chains.get('KUBE-SVC-A')!.rules[0].spec.target?.name).toBe('KUBE-SEP-A')
    expect(errorOf(() => nf.restore(['*nat', ':KUBE-SEP-A - [0:0]', '-X KUBE-SEP-A', 'COMMIT'], { noflush: true })).message)
      .toBe('iptables-restore: line 3 failed')
  })
})
