// `ip ARGS` over a namespace: the read-only forms learners type on nodes and in pods (addr, link, route, neigh),
// with iproute2's object abbreviations (`ip a`, `ip r`, `ip -br a`, `ip -4 a show eth0`) and error texts.

import type { Netns } from '../types.ts'
import { renderLinks, renderRoutes } from './render.ts'

export interface ToolOutput { stdout: string; stderr: string; code: number }

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |
                   macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | stats | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`

/** does `word` abbreviate `full` (iproute2's matches()) */
const abbrev = (word: string, full: string) => word.length > 0 && full.startsWith(word)

function object(word: string): 'addr' | 'link' | 'route' | 'neigh' | undefined {
  if (abbrev(word, 'address') || word === 'addr') return 'addr'
  if (abbrev(word, 'link')) return 'link'
  if (abbrev(word, 'route') || word === 'r') return 'route'
  if (abbrev(word, 'neighbor') || abbrev(word, 'neighbour')) return 'neigh'
  return undefined
}

const ok = (stdout: string): ToolOutput => ({ stdout, stderr: '', code: 0 })
const err = (msg: string, code = 1): ToolOutput => ({ stdout: '', stderr: `${msg}\n`, code })

export function ipCommand(ns: Netns, argv: readonly string[]): ToolOutput {
  let family: 4 | 6 | undefined
  let brief = false
  let i = 0
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const a = argv[i]
    if (a === '-4') family = 4
    else if (a === '-6') family = 6
    else if (a === '-br' || a === '-brief') brief = true
    else if (a === '-f' || a === '-family') {
      const f = argv[++i]
      family = f === 'inet' ? 4 : f === 'inet6' ? 6 : family
    } else if (a === '-V' || a === '-Version') return ok('ip utility, iproute2-6.1.0, libbpf 1.3.0\n')
    else if (['-c', '-color', '-d', '-details', '-s', '-stats', '-statistics', '-o', '-oneline', '-N', '-n', '-r', '-resolve'].includes(a)) continue
    else return err(`Option "${a}" is unknown, try "ip -help".`, 255)
  }
  const objWord = argv[i]
  if (objWord === undefined) return { stdout: '', stderr: USAGE, code: 255 }
  const obj = object(objWord)
  if (!obj) return err(`Object "${objWord}" is unknown, try "ip help".`)
  const rest = argv.slice(i + 1)
  const verb = rest[0]
  const args = verb && ['show', 'list', 'ls', 'lst', 'sh', 's', 'l'].some((v) => v === verb || (v.length > 1 && abbrev(verb, v))) ? rest.slice(1) : rest
  if (verb && args === rest && !['dev', 'table', 'up'].includes(verb)) {
    return err(`Command "${verb}" is unknown, try "ip ${obj === 'addr' ? 'address' : obj === 'neigh' ? 'neigh' : obj} help".`)
  }
  switch (obj) {
    case 'addr': case 'link': {
      let dev: string | undefined, up = false
      for (let k = 0; k < args.length; k++) {
        if (args[k] === 'dev') dev = args[++k]
        else if (args[k] === 'up') up = true
        else if (dev === undefined) dev = args[k]
        else return err(`Error: either "dev" is duplicate, or "${args[k]}" is a garbage.`)
      }
      let links = ns.links
      if (dev !== undefined) {
        const l = ns.links.find((x) => x.name === dev)
        if (!l) return err(`Device "${dev}" does not exist.`)
        links = [l]
      }
      if (up) links = links.filter((l) => l.flags.includes('UP'))
      return ok(renderLinks(links, { link: obj === 'link', family, brief }))
    }
    case 'route': {
      let table: 'main' | 'local' | 'all' = 'main', dev: string | undefined
      for (let k = 0; k < args.length; k++) {
        if (args[k] === 'table') {
          const t = args[++k]
          if (t === 'local' || t === 'main' || t === 'all') table = t
          else if (t === '255') table = 'local'
          else if (t === '254') table = 'main'
          else return err(`Error: argument "${t}" is wrong: table id value is invalid`)
        } else if (args[k] === 'dev') dev = args[++k]
      }
      if (dev !== undefined && !ns.links.some((l) => l.name === dev)) return err(`Cannot find device "${dev}"`)
      if (family === 6) return ok('')
      let text = renderRoutes(ns, table)
      if (dev !== undefined) text = text.split('\n').filter((l) => l.includes(` dev ${dev} `)).map((l) => l.replace(` dev ${dev} `, ' ') + '\n').join('')
      return ok(text)
    }
    case 'neigh':
      return ok('')
  }
}
