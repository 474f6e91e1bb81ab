import { describe, it, expect } from 'vitest'
import { parseArgs } from '../args.ts'

describe('kubelab export netns arguments', () => {
  it('takes the cluster flags and a scenario file', () => {
    expect(parseArgs(['export', 'netns'])).toEqual({ kind: 'export', target: 'netns', profile: 'kubeadm', proxyMode: 'iptables', seed: 1 })
    expect(parseArgs(['export', 'netns', '--profile', 'binary', '--nodes=4', '--proxy-mode', 'ipvs', '--seed', '7', '--scenario', 'setup.txt']))
      .toEqual({ kind: 'export', target: 'netns', profile: 'binary', nodes: 4, proxyMode: 'ipvs', seed: 7, scenario: 'setup.txt' })
  })
  it('says what is wrong', () => {
    const msg = (argv: string[]) => { const a = parseArgs(argv); return a.kind === 'error' ? a.message.split('\n')[0] : a.kind }
    expect(msg(['export'])).toBe('kubelab: export needs a target: netns')
    expect(msg(['export', 'docker'])).toBe('kubelab: export needs a target: netns (not "docker")')
    expect(msg(['export', 'netns', 'setup.txt'])).toBe('kubelab: export netns takes no argument "setup.txt" (the setup script goes in --scenario FILE)')
    expect(msg(['export', 'netns', '--json'])).toBe('kubelab: unknown flag --json')
    expect(msg(['export', 'netns', '--scenario'])).toBe('kubelab: flag --scenario needs a value')
    expect(msg(['export', 'netns', '--proxy-mode', 'nftables'])).toBe('kubelab: unknown proxy mode "nftables" (supported: iptables, ipvs)')
    expect(msg(['export', 'netns', '--help'])).toBe('help')
  })
})
