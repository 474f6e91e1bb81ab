import { describe, expect, it } from 'vitest'
import { checkRuleset, listChains, listRules, newNetfilter, newNodeNetfilter, NetfilterError, benchRestore } from './index.ts'

const base = ['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-SVC-A - [0:0]', ':KUBE-SEP-A - [0:0]',
  '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  '-A KUBE-SERVICES -m comment --comment "ns/a cluster IP" -m tcp -p tcp -d 10.96.0.5 --dport 80 -j KUBE-SVC-A',
  '-A KUBE-SVC-A -m comment --comment "ns/a -> 10.244.1.2:80" -j KUBE-SEP-A',
  '-A KUBE-SEP-A -m comment --comment ns/a -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:80', 'COMMIT']

function errorOf(f: () => void): NetfilterError {
  try { f() } catch (e) { return e as NetfilterError }
  throw new Error('no error')
}

describe('iptables-restore semantics', () => {
  it('noflush keeps chains the input does not mention; a declared chain is flushed and refilled', () => {
    const nf = newNetfilter()
    nf.restore(base, { noflush: true })
    nf.restore(['*nat', ':KUBE-SVC-A - [0:0]', '-A KUBE-SVC-A -j KUBE-SEP-A', 'COMMIT'], { noflush: true })
    const nat = nf.table('nat')
    expect(nat.chains.get('KUBE-SERVICES')!.rules).toHaveLength(1)
    expect(nat.chains.get('KUBE-SVC-A')!.rules.map((r) => r.spec.target?.name)).toEqual(['KUBE-SEP-A'])
    expect(nat.chains.get('PREROUTING')!.rules).toHaveLength(1)
  })
  it('without noflush a named table is replaced entirely', () => {
    const nf = newNetfilter()
    nf.restore(base, { noflush: true })
    nf.restore(['*nat', ':KUBE-X - [0:0]', 'COMMIT'])
    expect([...nf.table('nat').chains.keys()]).toEqual(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING', 'KUBE-X'])
  })
  it('counters of unchanged rules survive a re-sync, changed rules start at zero', () => {
    const nf = newNetfilter()
    nf.restore(base, { noflush: true })
    const svc = () => nf.table('nat').chains.get('KUBE-SERVICES')!.rules
    svc()[0].counters.packets = 7
    svc()[0].counters.bytes = 420
    nf.table('nat').chains.get('KUBE-SEP-A')!.rules[0].counters.packets = 3
    nf.restore(base.map((l) => l.replace('-j DNAT --to-destination 10.244.1.2:80', '-j DNAT --to-destination 10.244.1.3:80')), { noflush: true })
    expect(svc()[0].counters).toEqual({ packets: 7, bytes: 420 })
    expect(nf.table('nat').chains.get('KUBE-SEP-A')!.rules[0].counters).toEqual({ packets: 0, bytes: 0 })
    // a rule that moved within its chain keeps its counters too
    nf.restore(['*nat', ':KUBE-SERVICES - [0:0]', '-A KUBE-SERVICES -j RETURN',
      '-A KUBE-SERVICES -m comment --comment "ns/a cluster IP" -m tcp -p tcp -d 10.96.0.5 --dport 80 -j KUBE-SVC-A', 'COMMIT'], { noflush: true })
    expect(svc()[1].counters).toEqual({ packets: 7, bytes: 420 })
    expect(nf.save({ table: 'nat', counters: true })).toContain('[7:420] -A KUBE-SERVICES -d 10.96.0.5/32')
  })
  it('--counters takes [packets:bytes] from the input', () => {
    const nf = newNetfilter()
    nf.restore(['*filter', ':INPUT DROP [5:300]', '[2:120] -A INPUT -j ACCEPT', 'COMMIT'], { counters: true })
    const input = nf.table('filter').chains.get('INPUT')!
    expect(input.policy).toBe('DROP')
    expect(input.counters).toEqual({ packets: 5, bytes: 300 })
    expect(input.rules[0].counters).toEqual({ packets: 2, bytes: 120 })
  })
  it('-X deletes flushed chains; a table fails atomically', () => {
    const nf = newNetfilter()
    nf.restore(base, { noflush: true })
    nf.restore(['*nat', ':KUBE-SVC-A - [0:0]', ':KUBE-SEP-A - [0:0]', ':KUBE-SERVICES - [0:0]', '-X KUBE-SEP-A', '-X KUBE-SVC-A', 'COMMIT'], { noflush: true })
    expect(nf.table('nat').chains.has('KUBE-SEP-A')).toBe(false)
    const before = nf.save({ table: 'nat' })
    const e = errorOf(() => nf.restore(['*nat', ':KUBE-NEW - [0:0]', '-A KUBE-SERVICES -j KUBE-MISSING', 'COMMIT'], { noflush: true }))
    expect(e.message).toBe('iptables-restore: line 3 failed')
    expect(nf.save({ table: 'nat' })).toBe(before)
  })
  it('deleting a chain that is still referenced fails at its line', () => {
    const nf = newNetfilter()
    nf.restore(base, { noflush: true })
    expect(errorOf(() => nf.restore(['*nat', ':KUBE-SEP-A - [0:0]', '-X KUBE-SEP-A', 'COMMIT'], { noflush: true })).message)
      .toBe('iptables-restore: line 3 failed')
  })
  it('reports parse problems, unknown tables and a missing COMMIT as iptables-restore does', () => {
    const nf = newNetfilter()
    expect(errorOf(() => nf.restore(['*nat', ':X - [0:0]', '-A X -m tcp --dprt 80 -j ACCEPT', 'COMMIT'])).message).toBe(
      'iptables-restore v1.8.9 (nf_tables): unknown option "--dprt"\nError occurred at line: 3\n' +
      "Try `iptables-restore -h' or 'iptables-restore --help' for more information.")
    expect(errorOf(() => nf.restore(['*nat', ':X - [0:0]'])).message).toBe('iptables-restore: COMMIT expected at line 3')
    expect(errorOf(() => nf.restore(['*nat', '-A NOPE -j ACCEPT', 'COMMIT'])).message).toBe('iptables-restore: line 2 failed')
  })
  it('accepts pre-split argument arrays and -I positions', () => {
    const nf = newNetfilter()
    nf.restore([['*filter'], [':KUBE-FIREWALL', '-', '[0:0]'], ['-A', 'INPUT', '-j', 'ACCEPT'], ['-I', 'INPUT', '-j', 'KUBE-FIREWALL'],
      ['-I', 'INPUT', '2', '-j', 'DROP'], ['COMMIT']])
    expect(nf.table('filter').chains.get('INPUT')!.rules.map((r) => r.spec.target?.name)).toEqual(['KUBE-FIREWALL', 'DROP', 'ACCEPT'])
  })
  it('a pod namespace has no tables to save until something writes one', () => {
    expect(newNetfilter().save()).toBe('')
  })
})

describe('iptables -L and -S', () => {
  const nf = newNetfilter()
  nf.restore(base, { noflush: true })
  nf.restore(['*nat', ':KUBE-MARK-MASQ - [0:0]', '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    '-A KUBE-SVC-A -m comment --comment "ns/a cluster IP" -m tcp -p tcp -d 10.96.0.5 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ', 'COMMIT'], { noflush: true })
  nf.table('nat').chains.get('KUBE-SERVICES')!.rules[0].counters = { packets: 123456, bytes: 98765432 }

  it('-L -n for one chain', () => {
    expect(listChains(nf, 'nat', { chain: 'KUBE-SVC-A', numeric: true })).toBe([
      'Chain KUBE-SVC-A (1 references)',
      'target     prot opt source               destination         ',
      'KUBE-SEP-A  0    --  0.0.0.0/0            0.0.0.0/0            /* ns/a -> 10.244.1.2:80 */',
      'KUBE-MARK-MASQ  6    -- !10.244.0.0/16        10.96.0.5            /* ns/a cluster IP */ tcp dpt:80',
    ].join('\n'))
  })
  it('-L without -n prints names; -v shows counters with K/M', () => {
    expect(listChains(nf, 'nat', { chain: 'KUBE-SEP-A' })).toBe([
      'Chain KUBE-SEP-A (1 references)',
      'target     prot opt source               destination         ',
      'DNAT       tcp  --  anywhere             anywhere             /* ns/a */ tcp to:10.244.1.2:80',
    ].join('\n'))
    expect(listChains(nf, 'nat', { chain: 'KUBE-SERVICES', verbose: true, lineNumbers: true })).toBe([
      'Chain KUBE-SERVICES (1 references)',
      'num   pkts bytes target     prot opt in     out     source               destination         ',
      '1     123K   99M KUBE-SVC-A  tcp  --  any    any     anywhere             10.96.0.5            /* ns/a cluster IP */ tcp dpt:http',
    ].join('\n'))
    expect(listChains(nf, 'nat', { chain: 'PREROUTING', verbose: true, exact: true, numeric: true })).toBe([
      'Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)',
      '    pkts      bytes target     prot opt in     out     source               destination         ',
      '       0        0 KUBE-SERVICES  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes service portals */',
    ].join('\n'))
    expect(listChains(nf, 'nat', { chain: 'KUBE-MARK-MASQ' })).toContain('MARK       all  --  anywhere             anywhere             MARK or 0x4000')
  })
  it('-S prints -P/-N lines then the rules', () => {
    expect(listRules(nf, 'nat', { chain: 'KUBE-SVC-A' })).toBe([
      '-N KUBE-SVC-A',
      '-A KUBE-SVC-A -m comment --comment "ns/a -> 10.244.1.2:80" -j KUBE-SEP-A',
      '-A KUBE-SVC-A ! -s 10.244.0.0/16 -d 10.96.0.5/32 -p tcp -m comment --comment "ns/a cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
    ].join('\n'))
    expect(listRules(nf, 'nat').split('\n').slice(0, 5)).toEqual(['-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT',
      '-P POSTROUTING ACCEPT', '-N KUBE-MARK-MASQ'])
  })
  it('errors', () => {
    expect(errorOf(() => listChains(nf, 'nat', { chain: 'NOPE' })).message).toBe("iptables v1.8.9 (nf_tables): chain `NOPE' in table `nat' is incompatible, use 'nft' tool.")
    const e = errorOf(() => listRules(nf, 'bogus'))
    expect(e.message).toBe("iptables v1.8.9 (nf_tables): table 'bogus' does not exist\nPerhaps iptables or your kernel needs to be upgraded.")
    expect(e.exitCode).toBe(3)
  })
})

describe('a node before kube-proxy', () => {
  it('has kubelet and flannel chains, structurally sound', () => {
    const nf = newNodeNetfilter({ clusterCIDR: '10.244.0.0/16', podCIDR: '10.244.2.0/24' })
    const text = nf.save({ table: 'filter' })
    expect(text).toContain(':KUBE-FIREWALL - [0:0]\n:KUBE-KUBELET-CANARY - [0:0]\n-A INPUT -j KUBE-FIREWALL\n' +
      '-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD\n-A OUTPUT -j KUBE-FIREWALL\n')
    expect(nf.save({ table: 'nat' })).toContain('-A FLANNEL-POSTRTG -s 10.244.2.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN\n')
    expect(nf.save().match(/^\*\w+/gm)).toEqual(['*mangle', '*filter', '*nat'])
    expect(checkRuleset(nf)).toEqual([])
  })
  it('the checker finds missing jumps, unreachable chains and duplicates', () => {
    const nf = newNetfilter()
    nf.restore(['*nat', ':A - [0:0]', ':B - [0:0]', '-A PREROUTING -j A', '-A A -j RETURN', '-A A -j RETURN', 'COMMIT'])
    nf.table('nat').chains.get('A')!.rules.push({ spec: { matches: [], target: { name: 'GONE', options: [] } }, counters: { packets: 0, bytes: 0 } })
    expect(checkRuleset(nf)).toEqual([
      'nat: A rule 2 duplicates rule 1: -A A -j RETURN',
      'nat: A rule 3 jumps to missing chain GONE',
      'nat: chain B is not reachable from a built-in chain',
    ])
  })
})

describe('rules appended in runs', () => {
  // checked against iptables-restore v1.8.9 (nf_tables) --noflush in a network namespace
  it('a chain written in two runs, with commands between that read it, keeps every rule in order', () => {
    const nf = newNetfilter()
    nf.restore(['*filter', ':X - [0:0]', ':Y - [0:0]', '-A X -s 10.0.0.1 -j RETURN', '-A X -s 10.0.0.2 -j RETURN',
      '-A Y -j X', '-A X -s 10.0.0.3 -j RETURN', '-D X 1', '-A X -s 10.0.0.4 -j RETURN', '-I X 1 -s 10.0.0.5 -j RETURN',
      ':Z - [0:0]', '-A X -s 10.0.0.6 -j RETURN', '-A Z -j Y', 'COMMIT'], { noflush: true })
    expect(listRules(nf, 'filter', { chain: 'X' })).toBe(['-N X', '-A X -s 10.0.0.5/32 -j RETURN', '-A X -s 10.0.0.2/32 -j RETURN',
      '-A X -s 10.0.0.3/32 -j RETURN', '-A X -s 10.0.0.4/32 -j RETURN', '-A X -s 10.0.0.6/32 -j RETURN'].join('\n'))
    // -X of a chain just written to fails (the run is in the chain when -X looks)
    expect(() => nf.restore(['*filter', ':W - [0:0]', '-A W -j RETURN', '-X W', 'COMMIT'], { noflush: true })).toThrow()
    expect(nf.table('filter').chains.has('W')).toBe(false)
  })
})

describe('speed', () => {
  it('restores kube-proxy-sized input (10,000 Services x 10 endpoints) within a generous bound', () => {
    const r = benchRestore({ services: 10_000, endpoints: 10 })
    expect(r.lines).toBeGreaterThan(400_000)
    expect(r.rules).toBe(320_002)
    expect(r.firstMs).toBeLessThan(20_000)
  }, 120_000)
})
