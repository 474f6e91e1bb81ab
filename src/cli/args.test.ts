// Argument parsing of the headless CLI (fast, no process spawn).
import { describe, it, expect } from 'vitest'
import { parseArgs } from './args.ts'

describe('parseArgs', () => {
  it('parses run flags in both forms', () => {
    expect(parseArgs(['run', '--profile', 'binary', '--nodes=4', '--seed', '42', '--json', 'x.sh'])).toEqual({
      kind: 'run', profile: 'binary', nodes: 4, proxyMode: 'iptables', seed: 42, json: true, trace: false, file: 'x.sh',
    })
    expect(parseArgs(['run', '--proxy-mode=ipvs', '--trace'])).toMatchObject({ kind: 'run', proxyMode: 'ipvs', trace: true })
    expect(parseArgs(['run'])).toMatchObject({ kind: 'run', profile: 'kubeadm', file: '-', seed: 1 })
    expect(parseArgs(['run', '--seed', 'abc'])).toMatchObject({ seed: 'abc' })
  })

  it('reports misuse', () => {
    expect(parseArgs(['run', '--nodes', '0'])).toEqual({ kind: 'error', message: 'kubelab: --nodes must be a whole number from 1 to 50, not "0"\n' })
    expect(parseArgs(['run', '--profile'])).toEqual({ kind: 'error', message: 'kubelab: flag --profile needs a value\n' })
    expect(parseArgs(['run', '--proxy-mode', 'nft'])).toEqual({ kind: 'error', message: 'kubelab: unknown proxy mode "nft" (supported: iptables, ipvs)\n' })
    expect(parseArgs(['run', 'a', 'b'])).toEqual({ kind: 'error', message: 'kubelab: run takes one script, got 2: a b\n' })
    expect(parseArgs([])).toMatchObject({ kind: 'error' })
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseArgs(['version'])).toEqual({ kind: 'version' })
  })
})
