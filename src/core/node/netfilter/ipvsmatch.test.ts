import { describe, expect, it } from 'vitest'
import { listChains, newNetfilter, parseRuleArgs, ruleText, splitRestoreLine } from './index.ts'
import { RuleParseError } from './errors.ts'

function saved(line: string): string {
  const { chain, spec } = parseRuleArgs(splitRestoreLine(line))
  return ruleText(chain, { spec, counters: { packets: 0, bytes: 0 } })
}

function problem(line: string): string {
  try { saved(line) } catch (e) { return (e as RuleParseError).detail }
  return 'no error'
}

describe('-m ipvs', () => {
  it('saves as iptables 1.8.9 does: protocol numbers, ports as numbers, fixed option order (libxt_ipvs.t)', () => {
    expect(saved('-A X -m ipvs --ipvs')).toBe('-A X -m ipvs --ipvs')
    expect(saved('-A X -m ipvs ! --ipvs')).toBe('-A X -m ipvs ! --ipvs')
    expect(saved('-A X -m ipvs --vproto tcp')).toBe('-A X -m ipvs --vproto 6')
    expect(saved('-A X -m ipvs ! --vproto TCP')).toBe('-A X -m ipvs ! --vproto 6')
    expect(saved('-A X -m ipvs --vproto 23')).toBe('-A X -m ipvs --vproto 23')
    expect(saved('-A X -m ipvs --vaddr 1.2.3.4')).toBe('-A X -m ipvs --vaddr 1.2.3.4')
    expect(saved('-A X -m ipvs ! --vaddr 1.2.3.4/255.255.255.0')).toBe('-A X -m ipvs ! --vaddr 1.2.3.4/24')
    expect(saved('-A X -m ipvs --vport http')).toBe('-A X -m ipvs --vport 80')
    expect(saved('-A X -m ipvs ! --vport ssh')).toBe('-A X -m ipvs ! --vport 22')
    expect(saved('-A X -m ipvs --vdir REPLY')).toBe('-A X -m ipvs --vdir REPLY')
    expect(saved('-A X -m ipvs --vmethod MASQ')).toBe('-A X -m ipvs --vmethod MASQ')
    expect(saved('-A X -m ipvs ! --vportctl 21')).toBe('-A X -m ipvs ! --vportctl 21')
    expect(saved('-A X -m ipvs --vmethod GATE --vdir ORIGINAL --vport 22 --vaddr 1.2.3.4/16 --vproto 6'))
      .toBe('-A X -m ipvs --vproto 6 --vaddr 1.2.3.4/16 --vport 22 --vdir ORIGINAL --vmethod GATE')
  })

  it('the rule kube-proxy ipvs mode writes for loadBalancerSourceRanges, through restore and iptables-save', () => {
    const nf = newNetfilter()
    nf.restore(['*filter', ':KUBE-IPVS-OUT-FILTER - [0:0]',
      ['-A', 'KUBE-IPVS-OUT-FILTER', '-s', '172.18.255.200', '-m', 'ipvs', '--vaddr', '172.18.255.200', '--vproto', 'tcp', '--vport', '80', '-j', 'DROP'],
      'COMMIT'], { noflush: true })
    expect(nf.save({ table: 'filter' })).toContain('\n-A KUBE-IPVS-OUT-FILTER -s 172.18.255.200/32 -m ipvs --vproto 6 --vaddr 172.18.255.200 --vport 80 -j DROP\n')
    expect(listChains(nf, 'filter', { chain: 'KUBE-IPVS-OUT-FILTER', numeric: true }).split('\n')[2])
      .toBe('DROP       0    --  172.18.255.200       0.0.0.0/0            vproto 6 vaddr 172.18.255.200 vport 80')
  })

  it('rejects what libxt_ipvs rejects', () => {
    expect(problem('-A X -m ipvs')).toBe('IPVS: At least one option is required')
    expect(problem('-A X -m ipvs --vdir SIDEWAYS')).toBe('ipvs: Bad value for "--vdir" option: "SIDEWAYS"')
    expect(problem('-A X -m ipvs ! --vdir REPLY')).toBe('ipvs: option "--vdir" cannot be inverted.')
    expect(problem('-A X -m ipvs --vmethod NAT')).toBe('ipvs: Bad value for "--vmethod" option: "NAT"')
    expect(problem('-A X -m ipvs ! --ipvs --vport 80')).toBe('! --ipvs cannot be together with other options')
    expect(problem('-A X -m ipvs --vaddr nowhere')).toBe("host/network `nowhere' not found")
  })
})
