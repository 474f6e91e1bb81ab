// The kube-ipvs0 dummy device (pkg/proxy/ipvs netlink_linux.go): created if absent (<BROADCAST,NOARP>, state
// DOWN, qdisc noop), service addresses bound as /32 scope global with the kernel's `local` route for each, and the
// node addresses NodePorts listen on (every local address except kube-ipvs0's and loopback).

import type { Link, Netns, Route } from '../../node/types.ts'
import { DUMMY_DEVICE } from './constants.ts'

/** a stable, locally administered MAC for a namespace's dummy device (the kernel draws a random one) */
export function dummyMac(seed: string): string {
  let h = 2166136261 >>> 0
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0
  const bytes = [0, 0, 0, 0, 0, 0]
  for (let i = 0; i < 6; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0
    bytes[i] = h & 0xff
  }
  bytes[0] = (bytes[0] & 0xfc) | 0x02
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')
}

export function dummyLink(netns: Netns): Link | undefined {
  return netns.links.find((l) => l.name === DUMMY_DEVICE)
}

/** EnsureDummyDevice: `ip link add kube-ipvs0 type dummy` (never set up: it stays DOWN) */
export function ensureDummyDevice(netns: Netns): Link {
  const have = dummyLink(netns)
  if (have) return have
  const index = netns.links.reduce((m, l) => Math.max(m, l.index), 0) + 1
  const link: Link = {
    index, name: DUMMY_DEVICE, kind: 'dummy', mac: dummyMac(`${netns.name}/${DUMMY_DEVICE}`), mtu: 1500,
    flags: ['BROADCAST', 'NOARP'], state: 'DOWN', qdisc: 'noop', addrs: [],
  }
  netns.links.push(link)
  return link
}

/** DeleteDummyDevice: the link goes, and with it its addresses and their local routes */
export function deleteDummyDevice(netns: Netns): void {
  const i = netns.links.findIndex((l) => l.name === DUMMY_DEVICE)
  if (i < 0) return
  netns.links.splice(i, 1)
  netns.routes = netns.routes.filter((r) => r.dev !== DUMMY_DEVICE)
}

/** addresses bound to kube-ipvs0 (plain IPs) */
export function boundAddresses(netns: Netns): string[] {
  return (dummyLink(netns)?.addrs ?? []).map((a) => a.cidr.split('/')[0])
}

function localRoute(ip: string): Route {
  return { dst: ip, dev: DUMMY_DEVICE, proto: 'kernel', scope: 'host', src: ip, table: 'local', type: 'local' }
}

/** EnsureAddressBind: `ip addr add <ip>/32 dev kube-ipvs0` (the kernel adds the local route) */
export function bindAddress(netns: Netns, ip: string): void {
  const link = ensureDummyDevice(netns)
  if (link.addrs.some((a) => a.cidr === `${ip}/32`)) return
  link.addrs.push({ cidr: `${ip}/32`, scope: 'global' })
  netns.routes.push(localRoute(ip))
}

/** UnbindAddress: `ip addr del <ip>/32 dev kube-ipvs0` */
export function unbindAddress(netns: Netns, ip: string): void {
  const link = dummyLink(netns)
  if (!link) return
  link.addrs = link.addrs.filter((a) => a.cidr !== `${ip}/32`)
  netns.routes = netns.routes.filter((r) => !(r.dev === DUMMY_DEVICE && r.table === 'local' && r.dst === ip))
}

const isLoopback = (ip: string) => ip.startsWith('127.')
const isIPv4 = (ip: string) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)

/**
 * GetAllLocalAddressesExcept(kube-ipvs0) filtered by isValidForSet (IPv4, no loopback): the addresses of every
 * other link, in link order. With `--nodeport-addresses`, only those inside one of the CIDRs.
 */
export function nodeAddresses(netns: Netns, nodePortAddresses: readonly string[] = []): string[] {
  const out: string[] = []
  for (const l of netns.links) {
    if (l.name === DUMMY_DEVICE) continue
    for (const a of l.addrs) {
      const ip = a.cidr.split('/')[0]
      if (!isIPv4(ip) || isLoopback(ip) || out.includes(ip)) continue
      if (nodePortAddresses.length && !nodePortAddresses.some((c) => cidrContains(c, ip))) continue
      out.push(ip)
    }
  }
  return out
}

export function ipToInt(ip: string): number {
  const p = ip.split('.')
  return ((+p[0] << 24) | (+p[1] << 16) | (+p[2] << 8) | +p[3]) >>> 0
}

export function cidrContains(cidr: string, ip: string): boolean {
  if (!isIPv4(ip)) return false
  const [net, lenText] = cidr.split('/')
  if (!isIPv4(net)) return false
  const len = lenText === undefined ? 32 : Number(lenText)
  if (len === 0) return true
  const mask = len >= 32 ? 0xffffffff : (~((1 << (32 - len)) - 1)) >>> 0
  return ((ipToInt(net) & mask) >>> 0) === ((ipToInt(ip) & mask) >>> 0)
}

/** net.ParseCIDR(...).String(): the network address of a CIDR (`10.1.2.3/8` -> `10.0.0.0/8`) */
export function canonicalCIDR(cidr: string): string {
  const [net, lenText] = cidr.split('/')
  if (!isIPv4(net)) return cidr
  const len = lenText === undefined ? 32 : Number(lenText)
  const mask = len >= 32 ? 0xffffffff : len <= 0 ? 0 : (~((1 << (32 - len)) - 1)) >>> 0
  const n = (ipToInt(net) & mask) >>> 0
  return `${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')}/${len}`
}
