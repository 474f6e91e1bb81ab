// The address pool the lab's cloud provider hands LoadBalancer IPs out of: a range on the node network that the
// nodes and the outside client do not use (kubeadm/kind: 172.18.255.200-250; binary: 192.168.186.200-250).

import type { ProfileName } from '../../cluster/types.ts'

export interface AddressPool {
  /** first and last address, inclusive */
  first: string
  last: string
}

export const DEFAULT_POOLS: Record<ProfileName, AddressPool> = {
  kubeadm: { first: '172.18.255.200', last: '172.18.255.250' },
  binary: { first: '192.168.186.200', last: '192.168.186.250' },
}

const toInt = (ip: string): number => {
  const p = ip.split('.').map(Number)
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return NaN
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0
}
const toIP = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')

export function inPool(pool: AddressPool, ip: string): boolean {
  const n = toInt(ip)
  return n >= toInt(pool.first) && n <= toInt(pool.last)
}

/** the lowest address of the pool not in `used` (as MetalLB and most lab providers hand them out) */
export function firstFree(pool: AddressPool, used: ReadonlySet<string>): string | undefined {
  for (let n = toInt(pool.first); n <= toInt(pool.last); n++) {
    const ip = toIP(n)
    if (!used.has(ip)) return ip
  }
  return undefined
}
