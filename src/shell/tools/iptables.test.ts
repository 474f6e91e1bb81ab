// The iptables command line: getopt's rules (chain only right after -L, rule numbers), errors as iptables 1.8.9
// (nf_tables) prints them (checked on a real node), chain and rule commands, and the binary profile's 1.4.21.
import { describe, it, expect } from 'vitest'
import { labShell } from './testing.ts'
import type { LabShell } from '../shell.ts'

function run(s: LabShell, line: string): { out: string; err: string; code: number } {
  const r = s.run(line)
  if (!r.done) throw new Error(`open line: ${line}`)
  return { out: r.stdout, err: r.stderr, code: r.exitCode }
}

const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n"

describe('iptables 1.8.9 (nf_tables) on a kubeadm node', () => {
  const s = labShell()
  run(s, 'ssh node01')

  it('-V / --version', () => {
    expect(run(s, 'iptables -V')).toEqual({ out: 'iptables v1.8.9 (nf_tables)\n', err: '', code: 0 })
    expect(run(s, 'iptables -L -V').out).toBe('iptables v1.8.9 (nf_tables)\n')
  })
  it('a missing chain: incompatible for -L/-S, No chain for -F/-Z/-X/-D N, Bad rule for -D rule', () => {
    const incompatible = "iptables v1.8.9 (nf_tables): chain `NOPE' in table `nat' is incompatible, use 'nft' tool.\n"
    expect(run(s, 'iptables -t nat -L NOPE')).toEqual({ out: '', err: incompatible, code: 1 })
    expect(run(s, 'iptables -t nat -nvL NOPE').err).toBe(incompatible)
    expect(run(s, 'iptables -t nat -S NOPE').err).toBe(incompatible)
    for (const c of ['-F NOPE', '-Z NOPE', '-X NOPE', '-D NOPE 1', '-A NOPE -j ACCEPT']) {
      expect(run(s, `iptables ${c}`)).toEqual({ out: '', err: 'iptables: No chain/target/match by that name.\n', code: 1 })
    }
    expect(run(s, 'iptables -D NOPE -j ACCEPT').err).toBe('iptables: Bad rule (does a matching rule exist in that chain?).\n')
  })
  it('the chain must follow -L directly: anything after another option is a bad argument', () => {
    expect(run(s, 'iptables -L -n INPUT')).toEqual({ out: '', err: "Bad argument `INPUT'\n" + TRY, code: 2 })
    expect(run(s, 'iptables -L INPUT -n').out).toMatch(/^Chain INPUT \(policy ACCEPT\)\n/)
    expect(run(s, 'iptables -L INPUT --line -n').out).toMatch(/^Chain INPUT \(policy ACCEPT\)\nnum  target /)
    expect(run(s, 'iptables -L INPUT 0').err).toBe("iptables v1.8.9 (nf_tables): Invalid rule number `0'\n" + TRY)
  })
  it('a rule number lists that rule alone, nothing past the end', () => {
    const all = run(s, 'iptables -t nat -S KUBE-SERVICES').out.split('\n')
    expect(run(s, 'iptables -t nat -S KUBE-SERVICES 2').out).toBe(all[2] + '\n')
    expect(run(s, 'iptables -t nat -L KUBE-SERVICES 999')).toEqual({ out: '', err: '', code: 0 })
  })
  it('options each command refuses, commands that do not mix', () => {
    expect(run(s, 'iptables -S -n').err).toBe("iptables v1.8.9 (nf_tables): Illegal option `-n' with this command\n" + TRY)
    expect(run(s, 'iptables -F --line-numbers').err).toBe("iptables v1.8.9 (nf_tables): Illegal option `-0' with this command\n" + TRY)
    expect(run(s, 'iptables -L -F').err).toBe('iptables v1.8.9 (nf_tables): Cannot use -F with -L\n' + TRY)
    expect(run(s, 'iptables').err).toBe('iptables v1.8.9 (nf_tables): no command specified\n' + TRY)
    expect(run(s, 'iptables -t bogus -L')).toEqual({ out: '', err: "iptables v1.8.9 (nf_tables): table 'bogus' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n", code: 3 })
  })
  it('chains and rules: -N -A -I -R -C -D -F -X, -v messages', () => {
    expect(run(s, 'iptables -N LAB').code).toBe(0)
    expect(run(s, 'iptables -N LAB').err).toBe('iptables: Chain already exists.\n')
    run(s, 'iptables -A LAB -s 10.0.0.1 -p tcp --dport 80 -m comment --comment "a b" -j ACCEPT')
    run(s, 'iptables -I LAB 1 -d 10.1.0.0/16 -j RETURN')
    expect(run(s, 'iptables -R LAB 3 -j DROP').err).toBe('iptables: Index of replacement too big.\n')
    expect(run(s, 'iptables -A LAB -j NOPE').err).toBe("iptables v1.8.9 (nf_tables): Chain 'NOPE' does not exist\n" + TRY)
    expect(run(s, 'iptables -A LAB -m foo').err).toBe("iptables v1.8.9 (nf_tables): Couldn't load match `foo':No such file or directory\n\n" + TRY)
    expect(run(s, 'iptables -S LAB').out).toBe('-N LAB\n-A LAB -d 10.1.0.0/16 -j RETURN\n' +
      '-A LAB -s 10.0.0.1/32 -p tcp -m tcp --dport 80 -m comment --comment "a b" -j ACCEPT\n')
    expect(run(s, 'iptables -C LAB -d 10.1.0.0/16 -j RETURN').code).toBe(0)
    expect(run(s, 'iptables -X LAB')).toEqual({ out: '', err: 'iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain LAB\n', code: 4 })
    expect(run(s, 'iptables -D LAB -d 10.1.0.0/16 -j RETURN').code).toBe(0)
    expect(run(s, 'iptables -F LAB -v').out).toBe("Flushing chain `LAB'\n")
    expect(run(s, 'iptables -X LAB -v')).toEqual({ out: "Deleting chain `LAB'\n", err: '', code: 0 })
    expect(run(s, 'iptables -t nat -A POSTROUTING -j DROP').err).toBe('iptables v1.8.9 (nf_tables): \nThe "nat" table is not intended for ' +
      'filtering, the use of DROP is therefore inhibited.\n\n\n' + TRY)
  })
})

describe('iptables 1.4.21 (legacy) on a CentOS 7 node of the binary profile', () => {
  const s = labShell({ profile: 'binary' })
  run(s, 'ssh k8s-node01')

  it('-V, the save header and error prefixes carry v1.4.21', () => {
    expect(run(s, 'iptables --version').out).toBe('iptables v1.4.21\n')
    expect(run(s, 'iptables-save -t nat').out.split('\n')[0]).toMatch(/^# Generated by iptables-save v1\.4\.21 on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/)
    expect(run(s, 'iptables -Q').err).toBe('iptables v1.4.21: unknown option "-Q"\n' + TRY)
    // texts that end in a newline upstream leave a blank line before the hint in 1.4.21
    expect(run(s, 'iptables -L -F').err).toBe('iptables v1.4.21: Cannot use -F with -L\n\n' + TRY)
  })
  it('a missing chain is "No chain/target/match"; -n prints protocol names', () => {
    expect(run(s, 'iptables -t nat -L NOPE')).toEqual({ out: '', err: 'iptables: No chain/target/match by that name.\n', code: 1 })
    expect(run(s, 'iptables -t nat -L KUBE-SERVICES -n').out).toMatch(/\nKUBE-SVC-\w+ +tcp  -- {2}0\.0\.0\.0\/0 +10\.0\.0\.1 /)
    expect(run(s, 'iptables -t bogus -L').err).toBe("iptables v1.4.21: can't initialize iptables table `bogus': Table does not exist (do you need to insmod?)\n" +
      'Perhaps iptables or your kernel needs to be upgraded.\n')
  })
})
