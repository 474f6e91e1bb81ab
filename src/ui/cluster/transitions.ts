// d3 transitions for the cluster view: new pods and Services fade in, edges draw in. React owns the elements'
// geometry; this factory only animates opacity of elements it has not seen before.

import { select } from 'd3'

export interface EnterTransitions {
  /** call after each render with the container; animates elements whose data-key is new */
  update(): void
  destroy(): void
}

export function createEnterTransitions(container: SVGGElement, duration = 300): EnterTransitions {
  const seen = new Set<string>()
  let first = true
  return {
    update() {
      const present = new Set<string>()
      container.querySelectorAll<SVGElement>('[data-key]').forEach((el) => {
        const key = el.dataset.key!
        present.add(key)
        if (seen.has(key)) return
        seen.add(key)
        if (first) return // the initial picture appears at once
        select(el).style('opacity', 0).transition().duration(duration).style('opacity', 1)
      })
      for (const k of seen) if (!present.has(k)) seen.delete(k)
      first = false
    },
    destroy() {
      container.querySelectorAll<SVGElement>('[data-key]').forEach((el) => select(el).interrupt())
      seen.clear()
    },
  }
}
