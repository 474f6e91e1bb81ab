// ss and netstat on a node with a hostNetwork ingress-nginx controller; the ss layout checked against iproute2 6.1's
// real output (captured from a network namespace with nginx and Python listeners, piped and on an 80-column tty).

import { describe, expect, it } from 'vitest'
import { createShell } from '../shell.ts'
import { createWorkspaceFs } from '../fs.ts'
import { ingressLab } from '../../trace/testing/ingress-lab.ts'
import { renderColumns } from './ss.ts'

/** the fields of the captured sockets: state, Recv-Q, Send-Q, local address, port, peer address, port, process */
const CAPTURED: string[][] = [["LISTEN", "0", "4096", "10.123.0.2:", "2380", "0.0.0.0:", "*", " users:((\"python3\",pid=9531,fd=7))"], ["LISTEN", "0", "4096", "127.0.0.1:", "41234", "0.0.0.0:", "*", " users:((\"python3\",pid=9531,fd=8))"], ["LISTEN", "0", "511", "0.0.0.0:", "8081", "0.0.0.0:", "*", " users:((\"nginx\",pid=29769,fd=8),(\"nginx\",pid=29632,fd=8))"], ["LISTEN", "0", "511", "0.0.0.0:", "8080", "0.0.0.0:", "*", " users:((\"nginx\",pid=29769,fd=7),(\"nginx\",pid=29632,fd=7))"], ["LISTEN", "0", "4096", "127.0.0.1:", "10248", "0.0.0.0:", "*", " users:((\"python3\",pid=9531,fd=5))"], ["LISTEN", "0", "511", "0.0.0.0:", "80", "0.0.0.0:", "*", " users:((\"nginx\",pid=29769,fd=5),(\"nginx\",pid=29632,fd=5))"], ["LISTEN", "0", "128", "0.0.0.0:", "22", "0.0.0.0:", "*", " users:((\"python3\",pid=9531,fd=3))"], ["LISTEN", "0", "511", "0.0.0.0:", "443", "0.0.0.0:", "*", " users:((\"nginx\",pid=29769,fd=6),(\"nginx\",pid=29632,fd=6))"], ["LISTEN", "0", "4096", "*:", "10250", "*:", "*", " users:((\"python3\",pid=9531,fd=6))"], ["LISTEN", "0", "4096", "[::]:", "22", "[::]:", "*", " users:((\"python3\",pid=9531,fd=4))"]]
const HEADER = [undefined, 'State', 'Recv-Q', 'Send-Q', 'Local Address:', 'Port', 'Peer Address:', 'Port', 'Process', undefined]
const rowsOf = (withProcess: boolean) => [HEADER, ...CAPTURED.map((r) => [undefined, r[0], r[1].padEnd(6), r[2].padEnd(6), r[3], r[4], r[5], r[6], withProcess ? r[7] : '', undefined])]

describe('ss layout (render_calc_width)', () => {
  it('piped: compact columns, as iproute2 6.1 printed them', () => {
    expect(renderColumns(rowsOf(false), false)).toBe("State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\nLISTEN 0      4096      10.123.0.2:2380       0.0.0.0:*          \nLISTEN 0      4096       127.0.0.1:41234      0.0.0.0:*          \nLISTEN 0      511          0.0.0.0:8081       0.0.0.0:*          \nLISTEN 0      511          0.0.0.0:8080       0.0.0.0:*          \nLISTEN 0      4096       127.0.0.1:10248      0.0.0.0:*          \nLISTEN 0      511          0.0.0.0:80         0.0.0.0:*          \nLISTEN 0      128          0.0.0.0:22         0.0.0.0:*          \nLISTEN 0      511          0.0.0.0:443        0.0.0.0:*          \nLISTEN 0      4096               *:10250            *:*          \nLISTEN 0      4096            [::]:22            [::]:*          \n")
    expect(renderColumns(rowsOf(true), false)).toBe("State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess                                                   \nLISTEN 0      4096      10.123.0.2:2380       0.0.0.0:*    users:((\"python3\",pid=9531,fd=7))                        \nLISTEN 0      4096       127.0.0.1:41234      0.0.0.0:*    users:((\"python3\",pid=9531,fd=8))                        \nLISTEN 0      511          0.0.0.0:8081       0.0.0.0:*    users:((\"nginx\",pid=29769,fd=8),(\"nginx\",pid=29632,fd=8))\nLISTEN 0      511          0.0.0.0:8080       0.0.0.0:*    users:((\"nginx\",pid=29769,fd=7),(\"nginx\",pid=29632,fd=7))\nLISTEN 0      4096       127.0.0.1:10248      0.0.0.0:*    users:((\"python3\",pid=9531,fd=5))                        \nLISTEN 0      511          0.0.0.0:80         0.0.0.0:*    users:((\"nginx\",pid=29769,fd=5),(\"nginx\",pid=29632,fd=5))\nLISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:((\"python3\",pid=9531,fd=3))                        \nLISTEN 0      511          0.0.0.0:443        0.0.0.0:*    users:((\"nginx\",pid=29769,fd=6),(\"nginx\",pid=29632,fd=6))\nLISTEN 0      4096               *:10250            *:*    users:((\"python3\",pid=9531,fd=6))                        \nLISTEN 0      4096            [::]:22            [::]:*    users:((\"python3\",pid=9531,fd=4))                        \n")
  })
  it('on an 80-column terminal: the spare width spread over the columns', () => {
    expect(renderColumns(rowsOf(false), true)).toBe("State   Recv-Q   Send-Q     Local Address:Port      Peer Address:Port  Process  \nLISTEN  0        4096          10.123.0.2:2380           0.0.0.0:*              \nLISTEN  0        4096           127.0.0.1:41234          0.0.0.0:*              \nLISTEN  0        511              0.0.0.0:8081           0.0.0.0:*              \nLISTEN  0        511              0.0.0.0:8080           0.0.0.0:*              \nLISTEN  0        4096           127.0.0.1:10248          0.0.0.0:*              \nLISTEN  0        511              0.0.0.0:80             0.0.0.0:*              \nLISTEN  0        128              0.0.0.0:22             0.0.0.0:*              \nLISTEN  0        511              0.0.0.0:443            0.0.0.0:*              \nLISTEN  0        4096                   *:10250                *:*              \nLISTEN  0        4096                [::]:22                [::]:*              \n")
  })
})

describe('ss and netstat on a node', () => {
  const s = createShell({ cluster: ingressLab(true), fs: createWorkspaceFs() })
  const run = (l: string) => { const r = s.run(l); if (!r.done) throw new Error(l); return r.stdout + r.stderr }
  run('ssh node01')
  it('ss -ltnp: the node daemons and the hostNetwork controller (nginx and nginx-ingress-c)', () => {
    const out = run('ss -ltnp | cat')
    expect(out.split('\n')[0]).toMatch(/^State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess +$/)
    expect(out).toMatch(/\nLISTEN 0      4096         0\.0\.0\.0:80         0\.0\.0\.0:\*    users:\(\("nginx",pid=\d+,fd=6\)\) *\n/)
    expect(out).toMatch(/\nLISTEN 0      128          0\.0\.0\.0:22         0\.0\.0\.0:\*    users:\(\("sshd",pid=\d+,fd=3\)\) *\n/)
    expect(out).toMatch(/\nLISTEN 0      4096               \*:10250            \*:\*    users:\(\("kubelet",pid=\d+,fd=22\)\) *\n/)
    expect(out).toContain('users:(("nginx-ingress-c",')
    expect(out).not.toContain(':6443')
    // IPv4 sockets first, then IPv6
    const lines = out.trim().split('\n').slice(1)
    const firstV6 = lines.findIndex((l) => /(\[::\]|\*):\d/.test(l))
    expect(lines.slice(firstV6).every((l) => /(\[::\]|\*):\d/.test(l))).toBe(true)
  })
  it('netstat -tlnp and -natp in net-tools columns; names without -n', () => {
    const out = run('netstat -tlnp')
    expect(out.split('\n').slice(0, 2)).toEqual(['Active Internet connections (only servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    '])
    expect(out).toMatch(/\ntcp        0      0 0\.0\.0\.0:443             0\.0\.0\.0:\*               LISTEN      \d+\/nginx: master p\n/)
    expect(out).toMatch(/\ntcp6       0      0 :::10250                :::\*                    LISTEN      \d+\/kubelet +\n/)
    expect(run('netstat -natp').split('\n')[0]).toBe('Active Internet connections (servers and established)')
    expect(run('netstat -tl')).toMatch(/\ntcp        0      0 0\.0\.0\.0:https           0\.0\.0\.0:\*               LISTEN     \n/)
    expect(run('netstat -tl')).toMatch(/\ntcp        0      0 localhost:10248         0\.0\.0\.0:\*               LISTEN     \n/)
  })
  it('a socket accepts only at its bound address: 10248 from outside is refused, 10250 answers', () => {
    run('exit')
    run('ssh client')
    expect(run('curl -s 172.18.0.3:10248; echo $?')).toBe('7\n')
  })
})
