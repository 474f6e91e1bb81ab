// ruleMatches' address tests: the parser's address matches compare the numbers they carry; address matches
// made by hand (no numbers) are parsed from their cidr text; both agree, negation included.
import { describe, it, expect } from 'vitest'
import { ruleMatches } from './match.ts'
import { parseRuleArgs } from '../../core/node/netfilter/parse.ts'
import type { RuleSpec } from '../../core/node/types.ts'
import type { NfCtx } from './context.ts'

const ctx = (src: string, dst: string): NfCtx => ({
  pkt: { protocol: 'TCP', src, sport: 40000, dst, dport: 80, mark: 0 },
  hook: 'PREROUTING', ct: { state: 'NEW', dnat: false, snat: false }, now: 0, bytes: 60, counter: { rules: 0 },
  isLocal: () => false, addrOf: () => undefined,
} as unknown as NfCtx)

const spec = (...args: string[]): RuleSpec => parseRuleArgs(['-A', 'X', ...args, '-j', 'ACCEPT']).spec
const plain = (s: RuleSpec): RuleSpec => ({
  ...s,
  source: s.source && { cidr: s.source.cidr, negate: s.source.negate },
  destination: s.destination && { cidr: s.destination.cidr, negate: s.destination.negate },
})

describe('address matches', () => {
  const cases: [string[], string, string, boolean][] = [
    [['-d', '10.96.0.10'], '10.244.1.5', '10.96.0.10', true],
    [['-d', '10.96.0.10'], '10.244.1.5', '10.96.0.11', false],
    [['-s', '10.244.0.0/16'], '10.244.7.9', '1.1.1.1', true],
    [['!', '-s', '10.244.0.0/16'], '10.244.7.9', '1.1.1.1', false],
    [['!', '-s', '10.244.0.0/16'], '172.18.0.1', '1.1.1.1', true],
    [['-d', '0.0.0.0/0'], '1.2.3.4', '255.255.255.255', true],
    [['-s', '192.168.7.9/255.255.255.0', '-d', '224.0.0.0/4'], '192.168.7.200', '239.1.2.3', true],
    [['-s', '192.168.7.9/255.255.255.0', '-d', '224.0.0.0/4'], '192.168.8.1', '239.1.2.3', false],
  ]
  it.each(cases)('%j from %s to %s: %s', (args, src, dst, want) => {
    const s = spec(...args)
    expect(ruleMatches(s, ctx(src, dst), {})).toBe(want)
    expect(ruleMatches(plain(s), ctx(src, dst), {})).toBe(want)
  })
  it('a packet address that is not IPv4 matches no address rule', () => {
    expect(ruleMatches(spec('-d', '0.0.0.0/0'), ctx('1.2.3.4', 'not-an-ip'), {})).toBe(false)
  })
})
