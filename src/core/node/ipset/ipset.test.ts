import { describe, it, expect } from 'vitest'
import { newNetns } from '../netns.ts'
import type { Netfilter } from '../types.ts'
import { addEntry, createSet, delEntry, destroySet, ipsetCommand, IpsetError, renderIpsetList, setReferences } from './ipset.ts'

const stubNf = (): Netfilter => ({ tables: new Map(), table: () => { throw new Error('stub') }, restore: () => {}, save: () => '' })

function node() {
  const ns = newNetns('controlplane', 'node', stubNf)
  const cip = createSet(ns, 'KUBE-CLUSTER-IP', 'hash:ip,port', { comment: 'Kubernetes service cluster ip + port for masquerade purpose' })
  addEntry(ns, 'KUBE-CLUSTER-IP', '10.96.0.1,tcp:443')
  addEntry(ns, 'KUBE-CLUSTER-IP', '10.96.0.10,udp:53')
  setReferences(cip, 2)
  createSet(ns, 'KUBE-NODE-PORT-TCP', 'bitmap:port')
  return ns
}

describe('ipset list', () => {
  it('prints every set in the ipset 7.19 plain format, blank line between sets', () => {
    const out = renderIpsetList(node()).stdout
    expect(out).toBe([
      'Name: KUBE-CLUSTER-IP',
      'Type: hash:ip,port',
      'Revision: 7',
      'Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x2cc4c990',
      'Size in memory: 264',
      'References: 2',
      'Number of entries: 2',
      'Members:',
      '10.96.0.1,tcp:443',
      '10.96.0.10,udp:53',
      '',
      'Name: KUBE-NODE-PORT-TCP',
      'Type: bitmap:port',
      'Revision: 3',
      'Header: range 0-65535',
      'Size in memory: 8264',
      'References: 0',
      'Number of entries: 0',
      'Members:',
      '',
    ].join('\n'))
    expect(out.split('\n')[3]).toMatch(/^Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}$/)
  })

  it('older kernels: lower revisions and no bucketsize', () => {
    const ns = newNetns('k8s-master01', 'node', stubNf)
    createSet(ns, 'KUBE-LOOP-BACK', 'hash:ip,port,ip', { generation: 'legacy' })
    addEntry(ns, 'KUBE-LOOP-BACK', '10.244.1.5,tcp:80,10.244.1.5')
    expect(ipsetCommand(ns, ['list', 'KUBE-LOOP-BACK'], 'legacy').stdout).toBe(
      'Name: KUBE-LOOP-BACK\nType: hash:ip,port,ip\nRevision: 5\nHeader: family inet hashsize 1024 maxelem 65536\nSize in memory: 160\nReferences: 0\nNumber of entries: 1\nMembers:\n10.244.1.5,tcp:80,10.244.1.5\n')
  })

  it('-n names, -t terse, missing set error, version', () => {
    const ns = node()
    expect(ipsetCommand(ns, ['list', '-n']).stdout).toBe('KUBE-CLUSTER-IP\nKUBE-NODE-PORT-TCP\n')
    expect(ipsetCommand(ns, ['-L', 'KUBE-NODE-PORT-TCP', '-t']).stdout).toBe('Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535\nSize in memory: 8264\nReferences: 0\nNumber of entries: 0\n')
    expect(ipsetCommand(ns, ['list', 'KUBE-NOPE'])).toEqual({ stdout: '', stderr: 'ipset v7.19: The set with the given name does not exist\n', code: 1 })
    expect(ipsetCommand(ns, ['version']).stdout).toBe('ipset v7.19, protocol version: 7\n')
  })

  it('add/del/destroy', () => {
    const ns = node()
    delEntry(ns, 'KUBE-CLUSTER-IP', '10.96.0.1,tcp:443')
    expect(ns.ipsets.get('KUBE-CLUSTER-IP')!.entries).toEqual(['10.96.0.10,udp:53'])
    expect(() => destroySet(ns, 'KUBE-CLUSTER-IP')).toThrow(IpsetError)
    destroySet(ns, 'KUBE-NODE-PORT-TCP')
    expect(() => addEntry(ns, 'KUBE-NODE-PORT-TCP', '30080')).toThrow('The set with the given name does not exist')
  })
})
