import { describe, it, expect } from 'vitest'
import { parseKeepalivedConf } from './config.ts'
import { runCheck, type NodeProbe } from './checks.ts'
import { masterDownMs } from './keepalived.ts'

const CONF = `! Configuration File for keepalived
global_defs {
   router_id LVS_DEVEL   # the node's name
}
vrrp_script check_nginx {
    script "/etc/keepalived/check_nginx.sh"
    interval 2
    weight -20
    fall 3
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 90
    advert_int 1
    nopreempt
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        172.18.0.100/24 dev eth0 label eth0:1
        172.18.0.101
    }
    track_script {
        check_nginx
    }
}`

describe('keepalived.conf', () => {
  it('reads global_defs, vrrp_script and vrrp_instance as keepalived does', () => {
    const c = parseKeepalivedConf(CONF)
    expect(c.routerId).toBe('LVS_DEVEL')
    expect(c.scripts).toEqual([{ name: 'check_nginx', script: '/etc/keepalived/check_nginx.sh', interval: 2, weight: -20, fall: 3, rise: 1 }])
    expect(c.instances).toEqual([{
      name: 'VI_1', state: 'BACKUP', interface: 'eth0', virtualRouterId: 51, priority: 90, advertInt: 1, nopreempt: true, authPass: '1111',
      vips: [{ cidr: '172.18.0.100/24', dev: 'eth0', label: 'eth0:1' }, { cidr: '172.18.0.101/32' }], trackScripts: [{ name: 'check_nginx' }],
    }])
  })

  it('nopreempt needs state BACKUP (keepalived clears it with a warning)', () => {
    const c = parseKeepalivedConf('vrrp_instance VI_1 {\n state MASTER\n nopreempt\n}\n')
    expect(c.instances[0].nopreempt).toBe(false)
    expect(c.warnings).toEqual(['(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing'])
  })

  it('master_down_interval is 3 x advert_int + (256 - priority) / 256 x advert_int', () => {
    expect(masterDownMs(1, 100)).toBe(3609)
    expect(masterDownMs(1, 255)).toBe(3004)
    expect(masterDownMs(2, 90)).toBe(7297)
  })
})

describe('check scripts', () => {
  const probe = (procs: string[], ports: number[]): NodeProbe => ({ processes: () => new Set(procs), listens: (_n, p) => ports.includes(p) })
  const files: Record<string, string> = {
    '/etc/keepalived/check_nginx.sh': '#!/bin/bash\nif [ "$(ps -ef | grep "nginx: master process" | grep -v grep )" == "" ]; then\n  exit 1\nelse\n  exit 0\nfi\n',
  }
  const read = (p: string) => files[p]
  it('answers from the node\'s processes and ports', () => {
    expect(runCheck('killall -0 nginx', 'n', probe(['nginx'], []), read)).toEqual({ code: 0 })
    expect(runCheck('/usr/bin/pidof nginx', 'n', probe(['kubelet'], []), read)).toEqual({ code: 1 })
    expect(runCheck('/usr/bin/curl -s http://localhost:80/healthz', 'n', probe([], [80]), read)).toEqual({ code: 0 })
    expect(runCheck('curl -sf http://127.0.0.1:10254/healthz', 'n', probe([], [80]), read)).toEqual({ code: 7 })
    expect(runCheck(`/bin/bash -c 'nc -z 127.0.0.1 6443'`, 'n', probe([], [6443]), read)).toEqual({ code: 0 })
    expect(runCheck('/etc/keepalived/check_nginx.sh', 'n', probe(['nginx'], []), read)).toEqual({ code: 0 })
    expect(runCheck('/etc/keepalived/check_nginx.sh', 'n', probe(['haproxy'], []), read)).toEqual({ code: 1 })
    expect(runCheck('/etc/keepalived/missing.sh', 'n', probe([], []), read)).toEqual({ code: 127 })
    expect(runCheck('/usr/local/bin/mystery --flag', 'n', probe([], []), read)).toEqual({ code: 0, unknown: true })
  })
})
