// What this machine allows: root, `ip netns`, iptables (nft or legacy), curl, python3, ip_vs. Each missing
// piece becomes the skip reason of the scenarios that need it.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export interface Capabilities {
  root: boolean
  netns: boolean
  iptables: string | undefined
  curl: boolean
  python3: boolean
  ipvs: boolean
}

const ok = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 })
  return r.status === 0 ? (r.stdout + r.stderr).trim() : undefined
}

export function probe(): Capabilities {
  const root = process.getuid?.() === 0
  return {
    root,
    netns: root && ok('ip', ['netns', 'list']) !== undefined,
    iptables: ok('iptables-restore', ['--version']) !== undefined ? ok('iptables', ['--version']) ?? 'iptables' : undefined,
    curl: ok('curl', ['--version']) !== undefined,
    python3: ok('python3', ['--version']) !== undefined,
    ipvs: existsSync('/proc/net/ip_vs') && ok('ipvsadm', ['--version']) !== undefined && ok('ipset', ['--version']) !== undefined,
  }
}

/** why a scenario needing `mode` cannot run here, or undefined */
export function skipReason(c: Capabilities, mode: 'iptables' | 'ipvs'): string | undefined {
  if (!c.root) return 'not root (network namespaces need CAP_NET_ADMIN)'
  if (!c.netns) return 'no ip netns (iproute2 missing or no namespace support)'
  if (!c.iptables) return 'no iptables (iptables-restore not found)'
  if (!c.curl) return 'no curl'
  if (!c.python3) return 'no python3'
  if (mode === 'ipvs' && !c.ipvs) return 'no ip_vs (the kernel has no ip_vs module loaded, or ipvsadm/ipset are missing)'
  return undefined
}
