// glibc's `getent hosts`: per key gethostbyname2(AF_INET6), then AF_INET (files, then DNS through the search
// list: AAAA for every name before any A), or gethostbyaddr for an address; `%-15s %s` lines with the aliases.

import type { Command } from '../types.ts'
import { NO_ENGINE } from './engine.ts'
import { hostsFileOf } from './hostfs.ts'
import { ask } from './dnsclient.ts'
import { resolvConfOf } from './resolvconf.ts'
import { noDot, reverseName } from './dnsprint.ts'
import { dnsSearch, isIPv4, libcOf } from './resolver.ts'

interface HostEntry { ip: string; names: string[] }

/** hosts-file lines as entries (comments dropped) */
export function hostsEntries(text: string): HostEntry[] {
  const out: HostEntry[] = []
  for (const raw of text.split('\n')) {
    const [ip, ...names] = raw.replace(/#.*/, '').trim().split(/\s+/)
    if (ip && names.length) out.push({ ip, names })
  }
  return out
}

const line = (ip: string, names: string[]) => `${ip.padEnd(15)} ${names.join(' ')}\n`

export const getent: Command = (ctx) => {
  const [db, ...keys] = ctx.args
  if (db === undefined) return { stdout: '', stderr: 'getent: wrong number of arguments\nTry `getent --help\' or `getent --usage\' for more information.\n', exitCode: 1 }
  if (db !== 'hosts') return { stdout: '', stderr: `Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n`, exitCode: 1 }
  const hosts = hostsEntries(hostsFileOf(ctx.cluster, ctx.host, ctx.fs))
  if (!keys.length) return { stdout: hosts.map((h) => line(h.ip, h.names)).join(''), stderr: '', exitCode: 0 }
  const libc = libcOf(ctx.cluster, ctx.host)
  let out = ''
  let code = 0
  for (const key of keys) {
    if (isIPv4(key)) {
      const h = hosts.find((e) => e.ip === key)
      if (h) {
        out += line(key, h.names)
        continue
      }
      const conf = resolvConfOf(ctx)
      const ex = ask(ctx, conf.nameservers[0] ?? '127.0.0.1', { name: reverseName(key), type: 'PTR' }, { tries: conf.attempts, timeoutMs: conf.timeout * 1000, stopOnRefused: true })
      if (!ex) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
      const ptr = ex.response?.answer.find((a) => a.type === 'PTR')
      if (ptr) out += line(key, [noDot(ptr.data)])
      else code = 2
      continue
    }
    const want = key.toLowerCase().replace(/\.$/, '')
    const inFile = (v6: boolean) => hosts.filter((e) => e.ip.includes(':') === v6 && e.names.some((n) => n.toLowerCase() === want))
    const six = inFile(true)
    if (six.length) {
      out += six.map((e) => line(e.ip, e.names)).join('')
      continue
    }
    const dns6 = dnsSearch(ctx, key, ['AAAA'], libc)
    if (!dns6) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
    if (dns6.ok) {
      out += dns6.addrs.map((ip) => line(ip, [dns6.name, ...dns6.aliases])).join('')
      continue
    }
    const four = inFile(false)
    if (four.length) {
      out += four.map((e) => line(e.ip, e.names)).join('')
      continue
    }
    const dns4 = dnsSearch(ctx, key, ['A'], libc)
    if (!dns4) return { stdout: out, stderr: NO_ENGINE, exitCode: 1 }
    if (dns4.ok) out += dns4.addrs.map((ip) => line(ip, [dns4.name, ...dns4.aliases])).join('')
    else code = 2
  }
  return { stdout: out, stderr: '', exitCode: code }
}
