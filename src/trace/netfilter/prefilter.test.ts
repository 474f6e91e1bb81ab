// destinationTable/failsDestination: a rule is skipped only when its destination test certainly fails, and
// only while the chain still holds that rule at that index; short chains get no table.
import { describe, it, expect } from 'vitest'
import { destinationTable, failsDestination } from './prefilter.ts'
import { parseRuleArgs } from '../../core/node/netfilter/parse.ts'
import { ipToNum } from '../ip.ts'
import type { Rule } from '../../core/node/types.ts'

const rule = (...args: string[]): Rule => ({ spec: parseRuleArgs(['-A', 'KUBE-SERVICES', ...args, '-j', 'ACCEPT']).spec, counters: { packets: 0, bytes: 0 } })

function chain(): Rule[] {
  const out: Rule[] = []
  for (let i = 0; i < 100; i++) out.push(rule('-d', `10.96.0.${i}`, '-p', 'tcp', '-m', 'tcp', '--dport', '80'))
  // the last one made by hand: an address match without numbers (parsed from its text)
  const hand = rule('-p', 'tcp')
  out.push(rule('!', '-d', '127.0.0.0/8'), rule('-p', 'udp'), { ...hand, spec: { ...hand.spec, destination: { cidr: '10.96.1.0/24', negate: false } } })
  return out
}

describe('pre-compiled destination tests', () => {
  it('fail exactly the rules whose destination cannot match', () => {
    const rules = chain()
    const t = destinationTable(rules)!
    const dst = ipToNum('10.96.0.42')!
    const failing = rules.map((r, i) => failsDestination(t, i, r, dst))
    expect(failing.filter((f) => !f).length).toBe(3)
    expect(failing[42]).toBe(false)
    expect(failing[100]).toBe(false) // ! -d 127.0.0.0/8 matches 10.96.0.42
    expect(failing[101]).toBe(false) // no destination test
    expect(failing[102]).toBe(true) // 10.96.1.0/24
    expect(failsDestination(t, 100, rules[100], ipToNum('127.0.0.1')!)).toBe(true)
  })

  it('short chains have no table; a rule replaced in place is tested in full; an array grown in place gets a new table', () => {
    expect(destinationTable(chain().slice(0, 10))).toBeUndefined()
    const rules = chain()
    const t = destinationTable(rules)!
    const dst = ipToNum('10.96.0.7')!
    rules[3] = rule('-d', '10.96.0.7')
    expect(failsDestination(t, 3, rules[3], dst)).toBe(false)
    rules.push(rule('-d', '10.96.9.9'))
    const t2 = destinationTable(rules)!
    expect(t2).not.toBe(t)
    expect(failsDestination(t2, rules.length - 1, rules[rules.length - 1], dst)).toBe(true)
  })
})
