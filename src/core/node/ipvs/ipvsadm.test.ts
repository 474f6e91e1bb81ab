import { describe, it, expect } from 'vitest'
import { newIpvs } from '../netns.ts'
import { addConnection, addRealServer, addVirtualServer, deleteVirtualServer, IpvsError, setTemplate } from './ipvs.ts'
import { glibcMsort, compareServices, largeNum, renderIpvsConnections, renderIpvsList } from './ipvsadm.ts'
import { ipvsadmCommand } from './command.ts'

/** the upstream sample of facts section 2: kubernetes with ClientIP affinity, kube-dns over UDP and TCP */
function sample() {
  const ipvs = newIpvs()
  addVirtualServer(ipvs, { protocol: 'UDP', address: '10.0.0.10', port: 53, scheduler: 'rr' })
  addRealServer(ipvs, { protocol: 'UDP', address: '10.0.0.10', port: 53 }, { address: '172.17.0.2', port: 53 })
  addVirtualServer(ipvs, { protocol: 'TCP', address: '10.0.0.10', port: 53, scheduler: 'rr' })
  addRealServer(ipvs, { protocol: 'TCP', address: '10.0.0.10', port: 53 }, { address: '172.17.0.2', port: 53 })
  addVirtualServer(ipvs, { protocol: 'TCP', address: '10.0.0.1', port: 443, scheduler: 'rr', persistentTimeout: 10800 })
  addRealServer(ipvs, { protocol: 'TCP', address: '10.0.0.1', port: 443 }, { address: '192.168.0.1', port: 6443 })
  return ipvs
}

describe('ipvsadm -Ln', () => {
  it('prints the facts sample, sorted TCP before UDP and by address, with ipvsadm padding', () => {
    const ipvs = sample()
    ipvs.services.get('TCP:10.0.0.1:443')!.realServers[0].activeConn = 1
    expect(renderIpvsList(ipvs, { numeric: true }).stdout).toBe([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.0.0.1:443 rr persistent 10800',
      '  -> 192.168.0.1:6443             Masq    1      1          0         ',
      'TCP  10.0.0.10:53 rr',
      '  -> 172.17.0.2:53                Masq    1      0          0         ',
      'UDP  10.0.0.10:53 rr',
      '  -> 172.17.0.2:53                Masq    1      0          0         ',
      '',
    ].join('\n'))
  })

  it('lists one service with -t and reports a missing one as ipvsadm does', () => {
    const ipvs = sample()
    expect(ipvsadmCommand(ipvs, ['-Ln', '-t', '10.0.0.10:53'])).toEqual({
      stdout: 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  10.0.0.10:53 rr\n  -> 172.17.0.2:53                Masq    1      0          0         \n',
      stderr: '', code: 0,
    })
    expect(ipvsadmCommand(ipvs, ['-L', '-n', '-t', '10.9.9.9:80'])).toEqual({ stdout: '', stderr: 'No such service\n', code: 1 })
  })

  it('names ports from /etc/services without -n and resolves addresses through the given resolver', () => {
    const out = ipvsadmCommand(sample(), ['-L'], { hostName: (ip) => (ip === '192.168.0.1' ? 'controlplane' : undefined) }).stdout
    expect(out.split('\n').slice(3, 8)).toEqual([
      'TCP  10.0.0.1:https rr persistent 10800',
      '  -> controlplane:6443            Masq    1      0          0         ',
      'TCP  10.0.0.10:domain rr',
      '  -> 172.17.0.2:domain            Masq    1      0          0         ',
      'UDP  10.0.0.10:domain rr',
    ])
  })

  it('sorts addresses with the wrapping C comparison: 172.18/192.168 before 10.x', () => {
    const ipvs = newIpvs()
    for (const a of ['10.96.0.1', '172.18.0.2', '10.244.0.1', '10.96.0.10']) addVirtualServer(ipvs, { protocol: 'TCP', address: a, port: 30080, scheduler: 'rr' })
    const order = renderIpvsList(ipvs, { numeric: true }).stdout.split('\n').filter((l) => l.startsWith('TCP')).map((l) => l.split(/\s+/)[1])
    expect(order).toEqual(['172.18.0.2:30080', '10.96.0.1:30080', '10.96.0.10:30080', '10.244.0.1:30080'])
    expect(glibcMsort([3, 1, 2], (a, b) => a - b)).toEqual([1, 2, 3])
    expect(compareServices(ipvs.services.get('TCP:10.96.0.1:30080')!, ipvs.services.get('TCP:172.18.0.2:30080')!)).toBeGreaterThan(0)
  })

  it('--stats and --rate columns', () => {
    const ipvs = sample()
    const vs = ipvs.services.get('TCP:10.0.0.10:53')!
    vs.stats = { conns: 3, inPkts: 18, outPkts: 12, inBytes: 1200, outBytes: 123456789 }
    vs.realServers[0].stats = { ...vs.stats }
    const lines = ipvsadmCommand(ipvs, ['-Ln', '--stats']).stdout.split('\n')
    expect(lines.slice(1, 3)).toEqual([
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
    ])
    expect(lines[5]).toBe('TCP  10.0.0.10:53                        3       18       12     1200  123456K')
    expect(lines[6]).toBe('  -> 172.17.0.2:53                       3       18       12     1200  123456K')
    expect(ipvsadmCommand(ipvs, ['-Ln', '--stats', '--exact']).stdout.split('\n')[5]).toBe('TCP  10.0.0.10:53                        3       18       12     1200 123456789')
    const rate = ipvsadmCommand(ipvs, ['-Ln', '--rate']).stdout.split('\n')
    expect(rate[1]).toBe('Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS')
    expect(rate[4]).toBe('  -> 192.168.0.1:6443                    0        0        0        0        0')
    expect(largeNum(1_500_000_000)).toBe('    1500M')
  })

  it('-Lnc lists connections and persistence templates', () => {
    const ipvs = sample()
    addConnection(ipvs, { protocol: 'TCP', expire: 898, state: 'ESTABLISHED', source: '10.244.1.5', sport: 40312, virtual: '10.0.0.1', vport: 443, destination: '192.168.0.1', dport: 6443 })
    setTemplate(ipvs, '10.244.1.5', { protocol: 'TCP', address: '10.0.0.1', port: 443 }, '192.168.0.1:6443', 10_800_000)
    expect(renderIpvsConnections(ipvs, { numeric: true, now: 1000 }).stdout).toBe([
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
      'TCP 14:58  ESTABLISHED 10.244.1.5:40312   10.0.0.1:443       192.168.0.1:6443',
      'TCP 179:59 NONE        10.244.1.5:0       10.0.0.1:443       192.168.0.1:6443',
      '',
    ].join('\n'))
    expect(ipvs.services.get('TCP:10.0.0.1:443')!.realServers[0].activeConn).toBe(1)
  })

  it('add/delete errors carry libipvs texts', () => {
    const ipvs = sample()
    expect(() => addVirtualServer(ipvs, { protocol: 'TCP', address: '10.0.0.1', port: 443, scheduler: 'rr' })).toThrow(new IpvsError('Service already exists'))
    expect(() => deleteVirtualServer(ipvs, { protocol: 'TCP', address: '10.0.0.2', port: 443 })).toThrow('No such service')
    expect(ipvsadmCommand(ipvs, ['-a', '-t', '10.0.0.9:80', '-r', '10.244.1.2:80', '-m'])).toEqual({ stdout: '', stderr: 'Service not defined\n', code: 1 })
    expect(ipvsadmCommand(ipvs, ['-a', '-t', '10.0.0.1:443', '-r', '192.168.0.1:6443', '-m'])).toEqual({ stdout: '', stderr: 'Destination already exists\n', code: 1 })
    expect(ipvsadmCommand(ipvs, ['-A', '-t', '10.0.0.3:80', '-s', 'bogus']).stderr).toBe('Scheduler not found\n')
    expect(ipvsadmCommand(ipvs, ['-A', '-t', '10.0.0.3:80', '-s', 'sh'])).toEqual({ stdout: '', stderr: '', code: 0 })
    expect(ipvsadmCommand(ipvs, ['-a', '-t', '10.0.0.3:80', '-r', '10.244.1.2:80', '-m', '-w', '2']).code).toBe(0)
    expect(ipvsadmCommand(ipvs, ['-S', '-n']).stdout).toBe([
      '-A -t 10.0.0.1:443 -s rr -p 10800',
      '-a -t 10.0.0.1:443 -r 192.168.0.1:6443 -m -w 1',
      '-A -t 10.0.0.3:80 -s sh',
      '-a -t 10.0.0.3:80 -r 10.244.1.2:80 -m -w 2',
      '-A -t 10.0.0.10:53 -s rr',
      '-a -t 10.0.0.10:53 -r 172.17.0.2:53 -m -w 1',
      '-A -u 10.0.0.10:53 -s rr',
      '-a -u 10.0.0.10:53 -r 172.17.0.2:53 -m -w 1',
      '',
    ].join('\n'))
  })
})
