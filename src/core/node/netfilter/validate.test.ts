import { describe, expect, it } from 'vitest'
import { ASK_PARSER, quickRuleJump } from './validate.ts'
import { parseRuleArgs } from './parse.ts'
import { isExtensionTarget } from './targets.ts'
import { newNetfilter, NetfilterError } from './index.ts'

/** the full parser's answer: the jump target (or undefined), or the error detail */
function parserAnswer(args: readonly string[]): { jump?: string } | { error: string } {
  try {
    const t = parseRuleArgs(args).spec.target?.name
    return { jump: t !== undefined && !isExtensionTarget(t) ? t : undefined }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

// kube-proxy's shapes (proxier.go), as the proxy back end writes them
const SHAPES: string[][] = [
  ['-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', 'ns/a:http cluster IP', '-m', 'tcp', '-p', 'tcp', '-d', '10.96.0.5', '--dport', '80', '-j', 'KUBE-SVC-A'],
  ['-A', 'KUBE-SVC-A', '-m', 'comment', '--comment', 'ns/a:http cluster IP', '-m', 'tcp', '-p', 'tcp', '-d', '10.96.0.5', '--dport', '80', '!', '-s', '10.244.0.0/16', '-j', 'KUBE-MARK-MASQ'],
  ['-A', 'KUBE-SVC-A', '-m', 'comment', '--comment', 'ns/a:http -> 10.244.1.2:8080', '-m', 'statistic', '--mode', 'random', '--probability', '0.3333333333', '-j', 'KUBE-SEP-A'],
  ['-A', 'KUBE-SVC-A', '-m', 'comment', '--comment', 'ns/a:http -> 10.244.1.3:8080', '-j', 'KUBE-SEP-B'],
  ['-A', 'KUBE-SEP-A', '-m', 'comment', '--comment', 'ns/a:http', '-s', '10.244.1.2', '-j', 'KUBE-MARK-MASQ'],
  ['-A', 'KUBE-SEP-A', '-m', 'comment', '--comment', 'ns/a:http', '-m', 'tcp', '-p', 'tcp', '-j', 'DNAT', '--to-destination', '10.244.1.2:8080'],
  ['-A', 'KUBE-SEP-A', '-s', '10.244.1.2', '-j', 'KUBE-MARK-MASQ'],
  ['-A', 'KUBE-SEP-U', '-m', 'udp', '-p', 'udp', '-j', 'DNAT', '--to-destination', '10.244.1.2:53'],
  ['-A', 'KUBE-NODEPORTS', '-m', 'comment', '--comment', 'ns/a:http', '-m', 'tcp', '-p', 'tcp', '--dport', '30080', '-j', 'KUBE-EXT-A'],
  ['-A', 'KUBE-SERVICES', '-m', 'comment', '--comment', 'ns/a:http has no endpoints', '-m', 'tcp', '-p', 'tcp', '-d', '10.96.0.5', '--dport', '80', '-j', 'REJECT'],
  ['-A', 'KUBE-EXT-A', '-j', 'KUBE-SVC-A'],
  ['-A', 'KUBE-FW-A', '-m', 'comment', '--comment', 'ns/a:http loadbalancer IP', '-s', '203.0.113.0/24', '-j', 'KUBE-EXT-A'],
  ['-A', 'KUBE-SERVICES', '-p', 'tcp', '-d', '10.96.0.5', '--dport', '80', '-j', 'ACCEPT'],
]

/** every single-token change of the shapes that a learner or a bug could produce */
function variants(): string[][] {
  const swaps = ['', '!', '-A', '-s', '-d', '-p', '-m', '-j', '-g', '--dport', '--sport', '--comment', '--mode', '--probability',
    '--to-destination', '--random', '--source', '--every', 'tcp', 'udp', 'icmp', 'TCP', 'all', 'comment', 'statistic',
    'addrtype', 'nosuch', 'toString', 'constructor', 'DNAT', 'MARK', 'RETURN', 'REJECT', '80', '0', '65535', '65536', '080',
    'http', '1:2', '-1', '10.0.0.1', '10.0.0.1/32', '10.0.0.1/33', '10.0.0.1/8', '10.0.0.1/255.0.0.0', '10.0.0', '256.1.1.1',
    '1.2.3.4.5', '10.0.0.1:80', '10.0.0.1:70000', '10.0.0.1:', ':80', '10.0.0.1-10.0.0.2:80', '10.0.0.1:80-81', 'random', 'nth',
    '0.5', '1', '1.5', 'NaN', '-0', '0x1', 'x'.repeat(255), 'x'.repeat(256)]
  const out: string[][] = []
  for (const base of SHAPES) {
    for (let i = 1; i <= base.length; i++) {
      out.push([...base.slice(0, i), ...base.slice(i + 1)]) // a token dropped
      for (const s of swaps) {
        const r = base.slice()
        r[i] = s
        out.push(r)
        out.push([...base.slice(0, i), s, ...base.slice(i)]) // a token inserted
      }
    }
  }
  return out
}

describe('quickRuleJump (validation without a full parse)', () => {
  it('vouches for every shape kube-proxy writes, with the parser\'s jump target', () => {
    for (const args of SHAPES) {
      const quick = quickRuleJump(args)
      expect(quick, args.join(' ')).not.toBe(ASK_PARSER)
      expect(parserAnswer(args)).toEqual({ jump: quick })
    }
  })

  it('never accepts what the parser rejects, and agrees on the jump when it accepts (single-token variants)', () => {
    let vouched = 0, rejected = 0
    for (const args of variants()) {
      const quick = quickRuleJump(args)
      const full = parserAnswer(args)
      if ('error' in full) rejected++
      if (quick === ASK_PARSER) continue
      vouched++
      expect(full, args.join(' ')).toEqual({ jump: quick })
    }
    // the variants exercise both sides
    expect(vouched).toBeGreaterThan(500)
    expect(rejected).toBeGreaterThan(2000)
  })

  it('restore still reports an invalid kube-proxy-shaped line with the parser\'s exact error and line', () => {
    const nf = newNetfilter()
    const bad = ['-A', 'KUBE-SEP-A', '-m', 'comment', '--comment', 'ns/a', '-m', 'tcp', '-p', 'tcp', '--dport', '70000', '-j', 'DNAT', '--to-destination', '10.244.1.2:8080']
    let err: NetfilterError | undefined
    try {
      nf.restore(['*nat', ':KUBE-SEP-A - [0:0]', bad, 'COMMIT'], { noflush: true })
    } catch (e) {
      err = e as NetfilterError
    }
    expect(err?.message).toBe("iptables-restore v1.8.9 (nf_tables): invalid port/service `70000' specified\nError occurred at line: 3\n" +
      "Try `iptables-restore -h' or 'iptables-restore --help' for more information.")
  })

  it('a line checked for one namespace vouches only for the very same array at that line in the next', () => {
    const good = ['-A', 'KUBE-SEP-A', '-m', 'tcp', '-p', 'tcp', '--dport', '80', '-j', 'KUBE-MARK-MASQ']
    const lines = (rule: string[]) => ['*nat', ':KUBE-SEP-A - [0:0]', ':KUBE-MARK-MASQ - [0:0]', rule, 'COMMIT']
    newNetfilter().restore(lines(good), { noflush: true })
    newNetfilter().restore(lines(good), { noflush: true })
    const bad = [...good.slice(0, 7), '80000', ...good.slice(8)]
    expect(() => newNetfilter().restore(lines(bad), { noflush: true })).toThrow("invalid port/service `80000' specified\nError occurred at line: 4")
    const nf = newNetfilter()
    nf.restore(lines(good.slice()), { noflush: true })
    expect(nf.table('nat').chains.get('KUBE-SEP-A')!.rules[0].spec.target?.name).toBe('KUBE-MARK-MASQ')
  })

  it('a chain named like an Object.prototype member is a user chain to both', () => {
    const args = ['-A', 'X', '-j', 'toString']
    expect(quickRuleJump(args)).toBe('toString')
    expect(parserAnswer(args)).toEqual({ jump: 'toString' })
  })
})
