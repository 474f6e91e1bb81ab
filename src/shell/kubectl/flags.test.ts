import { describe, expect, it } from 'vitest'
import { parseFlags, FlagError, type FlagSpec } from './flags.ts'

const specs: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'replicas', type: 'int', default: 1 },
  { name: 'from-literal', type: 'stringArray' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
]

describe('parseFlags', () => {
  it('reads long, short, attached and interleaved forms', () => {
    const p = parseFlags(['pods', '-n', 'kube-system', '-owide', '--selector=app=web', 'x', '-A'], specs)
    expect(p.positional).toEqual(['pods', 'x'])
    expect(p.values.namespace).toBe('kube-system')
    expect(p.values.output).toBe('wide')
    expect(p.values.selector).toBe('app=web')
    expect(p.values['all-namespaces']).toBe(true)
  })
  it('clusters bool shorthands and keeps args after --', () => {
    const p = parseFlags(['-it', 'web', '--', 'sh', '-c', 'ls'], specs)
    expect(p.values.stdin).toBe(true)
    expect(p.values.tty).toBe(true)
    expect(p.positional).toEqual(['web'])
    expect(p.afterDash).toEqual(['sh', '-c', 'ls'])
  })
  it('accumulates arrays and parses ints', () => {
    const p = parseFlags(['--from-literal=a=1', '--from-literal', 'b=2', '--replicas', '3'], specs)
    expect(p.values['from-literal']).toEqual(['a=1', 'b=2'])
    expect(p.values.replicas).toBe(3)
    expect(p.set.has('replicas')).toBe(true)
  })
  it('uses the no-option default for --dry-run alone', () => {
    expect(parseFlags(['--dry-run'], specs).values['dry-run']).toBe('unchanged')
    expect(parseFlags(['--dry-run=client'], specs).values['dry-run']).toBe('client')
  })
  it("fails with pflag's messages", () => {
    expect(() => parseFlags(['--foo'], specs)).toThrow(new FlagError('unknown flag: --foo'))
    expect(() => parseFlags(['-z'], specs)).toThrow("unknown shorthand flag: 'z' in -z")
    expect(() => parseFlags(['-n'], specs)).toThrow("flag needs an argument: 'n' in -n")
    expect(() => parseFlags(['--namespace'], specs)).toThrow('flag needs an argument: --namespace')
    expect(() => parseFlags(['--replicas=x'], specs)).toThrow('invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax')
  })
})

describe('kubectl without a verb', () => {
  it('rejects unknown global flags with the usage hint', async () => {
    const { kubectl } = await import('./index.ts')
    const { createCluster } = await import('../../core/cluster/create.ts')
    const cluster = createCluster()
    const r = kubectl({ args: ['--bogus'], stdin: '', cluster, fs: undefined as never, host: { kind: 'node', node: 'controlplane' }, env: {}, effect: () => {} })
    expect(r).toEqual({ stdout: '', stderr: "Error: unknown flag: --bogus\nSee 'kubectl --help' for usage.\n", exitCode: 1 })
  })
})
