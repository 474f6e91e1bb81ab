// The allocation map behind the ClusterIP and NodePort allocators (k/k pkg/registry/core/service/allocator):
// offsets 0..max-1, random scan preferring the upper subrange [offset, max), the low band kept for explicit requests.

import type { Rng } from '../../util/rand.ts'

/** min(max(lo, size/step), hi), 0 for tiny ranges: the size of the low band (calculateRangeOffset). */
export function rangeOffset(size: number, lo: number, hi: number, step: number): number {
  if (size <= lo) return 0
  const off = Math.floor(size / step)
  return off < lo ? lo : off > hi ? hi : off
}

export class AllocationBitmap {
  private readonly used = new Set<number>()

  constructor(readonly max: number, readonly offset: number) {}

  get count(): number {
    return this.used.size
  }

  has(i: number): boolean {
    return this.used.has(i)
  }

  /** Reserve a specific offset; false if taken. */
  allocate(i: number): boolean {
    if (this.used.has(i)) return false
    this.used.add(i)
    return true
  }

  release(i: number): void {
    this.used.delete(i)
  }

  /**
   * Choose a free offset without reserving it (randomScanStrategyWithOffset): a random start in the upper
   * subrange and a linear scan; only when that is full, the same in the low band. undefined when full.
   */
  pick(rng: Rng, exclude?: ReadonlySet<number>): number | undefined {
    if (this.used.size >= this.max) return undefined
    const free = (i: number) => !this.used.has(i) && !exclude?.has(i)
    const upper = this.max - this.offset
    if (upper > 0) {
      const start = rng.int(upper)
      for (let i = 0; i < upper; i++) {
        const at = this.offset + ((start + i) % upper)
        if (free(at)) return at
      }
    }
    if (this.offset > 0) {
      const start = rng.int(this.offset)
      for (let i = 0; i < this.offset; i++) {
        const at = (start + i) % this.offset
        if (free(at)) return at
      }
    }
    return undefined
  }
}
