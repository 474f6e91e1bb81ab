// NodePort allocator over --service-node-port-range (k/k pkg/registry/core/service/portallocator): random in the
// upper part, a low band of min(max(16, size/32), 128) ports (30000-30085 by default) kept for explicit requests.

import type { Rng } from '../util/rand.ts'
import { AllocationBitmap, rangeOffset } from './strategies/bitmap.ts'

export class PortAllocationError extends Error {}

export const ErrPortAllocated = 'provided port is already allocated'
export const ErrPortFull = 'range is full'

export class PortAllocator {
  private readonly map: AllocationBitmap

  constructor(readonly base: number, readonly size: number) {
    this.map = new AllocationBitmap(size, rangeOffset(size, 16, 128, 32))
  }

  /** `30000-32767` */
  get rangeText(): string {
    return `${this.base}-${this.base + this.size - 1}`
  }

  get used(): number {
    return this.map.count
  }

  check(port: number): string | undefined {
    const off = port - this.base
    if (!Number.isInteger(port) || off < 0 || off >= this.size) {
      return `provided port is not in the valid range. The range of valid ports is ${this.rangeText}`
    }
    if (this.map.has(off)) return ErrPortAllocated
    return undefined
  }

  allocate(port: number): void {
    const why = this.check(port)
    if (why) throw new PortAllocationError(why)
    this.map.allocate(port - this.base)
  }

  pickNext(rng: Rng, exclude?: ReadonlySet<number>): number | undefined {
    const ex = exclude && exclude.size ? new Set([...exclude].map((p) => p - this.base)) : undefined
    const off = this.map.pick(rng, ex)
    return off === undefined ? undefined : this.base + off
  }

  allocateNext(rng: Rng): number {
    const p = this.pickNext(rng)
    if (p === undefined) throw new PortAllocationError(ErrPortFull)
    this.allocate(p)
    return p
  }

  release(port: number): void {
    const off = port - this.base
    if (off >= 0 && off < this.size) this.map.release(off)
  }

  has(port: number): boolean {
    return this.map.has(port - this.base)
  }
}
