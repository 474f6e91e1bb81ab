// iptables -L / -S against golden text printed by the real iptables v1.8.9 (nf_tables) from list.golden/rules.txt.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newNetfilter } from './netfilter.ts'
import { IPTABLES_LEGACY, listChains, listRules, type ListOptions } from './list.ts'

const DIR = join(import.meta.dirname, 'list.golden')
const rules = readFileSync(join(DIR, 'rules.txt'), 'utf8')
const HOSTS: Record<string, string> = { '127.0.0.1': 'localhost', '172.18.0.2': 'controlplane' }
const hostName = (ip: string) => HOSTS[ip]

function loaded() {
  const nf = newNetfilter()
  nf.restore(rules.split('\n'), { counters: true })
  return nf
}

/** `L_-n_-v_--line-numbers.txt` -> the listing those flags ask for */
function render(file: string): string {
  const args = file.replace(/\.txt$/, '').split('_')
  const cmd = args.shift()
  const o: ListOptions = { hostName }
  for (const a of args) {
    if (a === '-n') o.numeric = true
    else if (a === '-v') o.verbose = true
    else if (a === '-x') o.exact = true
    else if (a === '--line-numbers') o.lineNumbers = true
    else if (/^\d+$/.test(a)) o.ruleNum = Number(a)
    else o.chain = a
  }
  const text = cmd === 'S' ? listRules(loaded(), 'filter', o) : listChains(loaded(), 'filter', o)
  return text ? text + '\n' : ''
}

describe('listings match iptables 1.8.9 byte for byte', () => {
  for (const file of readdirSync(DIR).filter((f) => f !== 'rules.txt')) {
    it(`iptables ${file.replace(/\.txt$/, '').replace(/_/g, ' ')}`, () => {
      const golden = readFileSync(join(DIR, file), 'utf8')
      expect(render(file)).toBe(golden.slice(golden.indexOf('\n') + 1))
    })
  }
})

describe('names without -n', () => {
  const nf = newNetfilter()
  nf.restore(['*filter', '-A INPUT -s 127.0.0.0/8 -d 169.254.0.0/16 -j ACCEPT', '-A INPUT -s 10.244.1.5/32 -d 172.18.0.2/32 -j ACCEPT', 'COMMIT'])
  it('networks from /etc/networks, hosts from the resolver, else the address', () => {
    const lines = listChains(nf, 'filter', { chain: 'INPUT', hostName }).split('\n')
    expect(lines[2]).toBe('ACCEPT     all  --  loopback/8           link-local/16       ')
    expect(lines[3]).toBe('ACCEPT     all  --  10.244.1.5           controlplane        ')
    expect(listChains(nf, 'filter', { chain: 'INPUT', hostName, numeric: true }).split('\n')[3])
      .toBe('ACCEPT     0    --  10.244.1.5           172.18.0.2          ')
  })
})

describe('iptables 1.4.21 (CentOS 7, legacy)', () => {
  it('a missing chain is "No chain/target/match"; on nft it is "incompatible"', () => {
    const nf = loaded()
    expect(() => listChains(nf, 'nat', { chain: 'NOPE', release: IPTABLES_LEGACY })).toThrow(/^iptables: No chain\/target\/match by that name\.$/)
    expect(() => listRules(nf, 'nat', { chain: 'NOPE' }))
      .toThrow("iptables v1.8.9 (nf_tables): chain `NOPE' in table `nat' is incompatible, use 'nft' tool.")
  })
  it('-n prints protocol names (the numbers are 1.8.9 nft\'s regression)', () => {
    const line = listChains(loaded(), 'filter', { chain: 'INPUT', numeric: true, release: IPTABLES_LEGACY }).split('\n')[4]
    expect(line).toBe('ACCEPT     tcp  --  10.0.0.0/8           0.0.0.0/0            tcp dpt:80')
  })
})
