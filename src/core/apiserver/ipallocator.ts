// ClusterIP allocator over --service-cluster-ip-range (k/k pkg/registry/core/service/ipallocator, bitmap flavour
// as at v1.32): network and broadcast addresses excluded, random allocation in the upper part, a low band of
// min(max(16, size/16), 256) addresses kept for explicit requests (10.96.0.1 for `kubernetes`, 10.96.0.10 for DNS).

import type { Rng } from '../util/rand.ts'
import { AllocationBitmap, rangeOffset } from './strategies/bitmap.ts'
import { ipToString, parseCIDR, parseIPv4 } from './validation/names.ts'

export class IPAllocationError extends Error {}

export const ErrAllocated = 'provided IP is already allocated'
export const ErrFull = 'range is full'

export class IPAllocator {
  readonly cidr: string
  /** numeric value of the first usable address (network + 1) */
  private readonly base: number
  private readonly map: AllocationBitmap

  constructor(cidr: string) {
    const c = parseCIDR(cidr)
    if (!c) throw new Error(`invalid service CIDR ${cidr}`)
    this.cidr = `${ipToString(c.base)}/${c.bits}`
    this.base = c.base + 1
    const max = Math.max(0, c.size - 2)
    this.map = new AllocationBitmap(max, rangeOffset(c.size, 16, 256, 16))
  }

  get used(): number {
    return this.map.count
  }

  /** offset of ip in the range, or undefined when outside it (network/broadcast included). */
  private offsetOf(ip: string): number | undefined {
    const n = parseIPv4(ip)
    if (n === undefined) return undefined
    const off = n - this.base
    return off >= 0 && off < this.map.max ? off : undefined
  }

  /** The reason `ip` cannot be allocated, or undefined when it can. */
  check(ip: string): string | undefined {
    const off = this.offsetOf(ip)
    if (off === undefined) return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`
    if (this.map.has(off)) return ErrAllocated
    return undefined
  }

  /** Reserve a specific IP; throws IPAllocationError with upstream's text. */
  allocate(ip: string): void {
    const why = this.check(ip)
    if (why) throw new IPAllocationError(why)
    this.map.allocate(this.offsetOf(ip)!)
  }

  /** Choose the next free IP at random without reserving it. */
  pickNext(rng: Rng, exclude?: ReadonlySet<string>): string | undefined {
    const ex = exclude && exclude.size ? new Set([...exclude].map((ip) => this.offsetOf(ip)).filter((o): o is number => o !== undefined)) : undefined
    const off = this.map.pick(rng, ex)
    return off === undefined ? undefined : ipToString(this.base + off)
  }

  /** Choose and reserve the next free IP. */
  allocateNext(rng: Rng): string {
    const ip = this.pickNext(rng)
    if (ip === undefined) throw new IPAllocationError(ErrFull)
    this.allocate(ip)
    return ip
  }

  release(ip: string): void {
    const off = this.offsetOf(ip)
    if (off !== undefined) this.map.release(off)
  }

  has(ip: string): boolean {
    const off = this.offsetOf(ip)
    return off !== undefined && this.map.has(off)
  }

  /** The n-th usable address (0 = 10.96.0.1 on 10.96.0.0/12). */
  nth(n: number): string {
    return ipToString(this.base + n)
  }
}
