// `ipvsadm ARGS` over one namespace's IPVS table: list (-L, -l, no command), save (-S), add/edit/delete of
// services and servers, clear, zero. Bundled short options (`-Lnc`) work as with ipvsadm's popt parsing.

import type { Ipvs, IpvsScheduler, RealServer } from '../types.ts'
import {
  IpvsError, addRealServer, addVirtualServer, clearIpvs, deleteRealServer, deleteVirtualServer, updateRealServer,
  updateVirtualServer, zeroCounters, type IpvsProtocol,
} from './ipvs.ts'
import { compareServices, compareDests, glibcMsort, portName, renderIpvsConnections, renderIpvsList, type ToolOutput } from './ipvsadm.ts'

export const IPVSADM_VERSION = 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)'

export interface IpvsadmContext {
  /** virtual ms, for persistence templates in -Lc */
  now?: number
  hostName?: (ip: string) => string | undefined
}

type Cmd = 'list' | 'save' | 'A' | 'E' | 'D' | 'a' | 'e' | 'd' | 'C' | 'Z' | 'version' | 'help'

const LONG: Record<string, string> = {
  '--list': 'L', '--numeric': 'n', '--connection': 'c', '--add-service': 'A', '--edit-service': 'E', '--delete-service': 'D',
  '--add-server': 'a', '--edit-server': 'e', '--delete-server': 'd', '--clear': 'C', '--zero': 'Z', '--save': 'S',
  '--tcp-service': 't', '--udp-service': 'u', '--sctp-service': '--sctp-service', '--scheduler': 's', '--persistent': 'p',
  '--real-server': 'r', '--masquerading': 'm', '--gatewaying': 'g', '--ipip': 'i', '--weight': 'w', '--version': 'v', '--help': 'h',
}
const WITH_ARG = new Set(['t', 'u', '--sctp-service', 's', 'r', 'w'])

function fail(msg: string, code = 2): ToolOutput {
  return { stdout: '', stderr: `${msg}\n`, code }
}

function parseHostPort(s: string): { address: string; port: number } | undefined {
  const i = s.lastIndexOf(':')
  const address = i < 0 ? s : s.slice(0, i)
  const port = i < 0 ? 0 : Number(s.slice(i + 1))
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !Number.isInteger(port) || port < 0 || port > 65535) return undefined
  return { address, port }
}

export function ipvsadmCommand(ipvs: Ipvs, argv: readonly string[], ctx: IpvsadmContext = {}): ToolOutput {
  let cmd: Cmd | undefined
  const flags = new Set<string>()
  let service: { protocol: IpvsProtocol; address: string; port: number } | undefined
  let scheduler: string | undefined, persistent: number | undefined, real: { address: string; port: number } | undefined
  let weight: number | undefined, forward: RealServer['forward'] | undefined
  const setCmd = (c: Cmd): ToolOutput | undefined => {
    if (cmd && cmd !== c) return fail('ipvsadm: multiple commands specified')
    cmd = c
    return undefined
  }
  // expand `-Lnc` and long options into single options
  const opts: { o: string; arg?: string }[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a.startsWith('--')) {
      const [name, inline] = a.split('=', 2)
      const o = LONG[name] ?? name
      if (WITH_ARG.has(o)) opts.push({ o, arg: inline ?? argv[++i] })
      else if (o === 'p') opts.push({ o, arg: inline ?? (argv[i + 1] && /^\d+$/.test(argv[i + 1]) ? argv[++i] : undefined) })
      else opts.push({ o })
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const o = a[k]
        if (WITH_ARG.has(o)) {
          opts.push({ o, arg: k + 1 < a.length ? a.slice(k + 1) : argv[++i] })
          break
        }
        if (o === 'p') {
          const rest = a.slice(k + 1)
          opts.push({ o, arg: rest || (argv[i + 1] && /^\d+$/.test(argv[i + 1]) ? argv[++i] : undefined) })
          break
        }
        opts.push({ o })
      }
    } else {
      return fail(`ipvsadm: unexpected argument ${a}`)
    }
  }
  for (const { o, arg } of opts) {
    let err: ToolOutput | undefined
    switch (o) {
      case 'L': case 'l': err = setCmd('list'); break
      case 'S': err = setCmd('save'); break
      case 'A': case 'E': case 'D': case 'a': case 'e': case 'd': case 'C': case 'Z': err = setCmd(o); break
      case 'v': err = setCmd('version'); break
      case 'h': err = setCmd('help'); break
      case 'n': case 'c': flags.add(o); break
      case '--stats': case '--rate': case '--thresholds': case '--persistent-conn': case '--exact': case '--nosort': case '--sort':
        flags.add(o); break
      case 't': case 'u': case '--sctp-service': {
        const hp = arg === undefined ? undefined : parseHostPort(arg)
        if (!hp) return fail(`Illegal virtual server address[:port] specified`)
        service = { protocol: o === 't' ? 'TCP' : o === 'u' ? 'UDP' : 'SCTP', ...hp }
        break
      }
      case 's': scheduler = arg; break
      case 'p': persistent = arg === undefined ? 300 : Number(arg); break
      case 'r': {
        const hp = arg === undefined ? undefined : parseHostPort(arg)
        if (!hp) return fail('Illegal real server address[:port] specified')
        real = hp
        break
      }
      case 'w': weight = Number(arg); break
      case 'm': forward = 'Masq'; break
      case 'g': forward = 'Route'; break
      case 'i': forward = 'Tunnel'; break
      default: return fail(`${o.startsWith('-') ? o : '-' + o}: unknown option`)
    }
    if (err) return err
  }
  try {
    switch (cmd ?? 'list') {
      case 'version': return { stdout: `${IPVSADM_VERSION}\n`, stderr: '', code: 0 }
      case 'help': return { stdout: `${IPVSADM_VERSION}\nUsage:\n  ipvsadm -L|l [virtual-service] [options]\n`, stderr: '', code: 0 }
      case 'list':
        if (flags.has('c')) return renderIpvsConnections(ipvs, { numeric: flags.has('n'), hostName: ctx.hostName, now: ctx.now })
        return renderIpvsList(ipvs, {
          numeric: flags.has('n'), stats: flags.has('--stats'), rate: flags.has('--rate'), thresholds: flags.has('--thresholds'),
          persistentConn: flags.has('--persistent-conn'), exact: flags.has('--exact'), nosort: flags.has('--nosort'), service, hostName: ctx.hostName,
        })
      case 'save': return { stdout: renderIpvsSave(ipvs, flags.has('n'), ctx.hostName), stderr: '', code: 0 }
      case 'C': clearIpvs(ipvs); break
      case 'Z': zeroCounters(ipvs, service); break
      case 'A': case 'E': case 'D': {
        if (!service) return fail('ipvsadm: Service address not specified')
        if (cmd === 'D') deleteVirtualServer(ipvs, service)
        else if (cmd === 'A') addVirtualServer(ipvs, { ...service, scheduler: scheduler as IpvsScheduler | undefined, persistentTimeout: persistent })
        else updateVirtualServer(ipvs, { ...service, scheduler: scheduler as IpvsScheduler | undefined, persistentTimeout: persistent })
        break
      }
      case 'a': case 'e': case 'd': {
        if (!service) return fail('ipvsadm: Service address not specified')
        if (!real) return fail('You need to supply the \'real-server\' option for the \'' + (cmd === 'a' ? 'add-server' : cmd === 'e' ? 'edit-server' : 'delete-server') + '\' command')
        const r = { address: real.address, port: real.port || service.port, weight, forward: forward ?? (cmd === 'a' ? 'Route' : undefined) }
        if (cmd === 'a') addRealServer(ipvs, service, r)
        else if (cmd === 'e') updateRealServer(ipvs, service, r)
        else deleteRealServer(ipvs, service, r)
        break
      }
    }
  } catch (e) {
    if (e instanceof IpvsError) return { stdout: '', stderr: `${e.message}\n`, code: 1 }
    throw e
  }
  return { stdout: '', stderr: '', code: 0 }
}

const SWITCH: Record<RealServer['forward'], string> = { Masq: '-m', Tunnel: '-i', Route: '-g', Local: '-g' }

/** `ipvsadm -S [-n]`: the rules that would rebuild the table */
export function renderIpvsSave(ipvs: Ipvs, numeric: boolean, hostName?: (ip: string) => string | undefined): string {
  const ap = (ip: string, port: number, proto: string) => numeric ? `${ip}:${port}` : `${hostName?.(ip) ?? ip}:${portName(port, proto)}`
  let out = ''
  for (const vs of glibcMsort([...ipvs.services.values()], compareServices)) {
    const flag = vs.protocol === 'TCP' ? '-t' : vs.protocol === 'UDP' ? '-u' : '--sctp-service'
    const svc = `${flag} ${ap(vs.address, vs.port, vs.protocol)}`
    out += `-A ${svc} -s ${vs.scheduler}${vs.persistentTimeout !== undefined ? ` -p ${vs.persistentTimeout}` : ''}\n`
    for (const rs of glibcMsort(vs.realServers, compareDests)) out += `-a ${svc} -r ${ap(rs.address, rs.port, vs.protocol)} ${SWITCH[rs.forward]} -w ${rs.weight}\n`
  }
  return out
}
