// d3 owns pan and zoom of the cluster view: a factory over an <svg> and its viewport <g>, returning {update, destroy}.

import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3'

export interface ZoomController {
  /** the content's size changed; `fit` re-centres it in the view */
  update(content: { width: number; height: number }, fit: boolean): void
  destroy(): void
}

const MARGIN = 24

export function createZoom(svg: SVGSVGElement, viewport: SVGGElement): ZoomController {
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.2, 3])
    .on('zoom', (ev) => {
      viewport.setAttribute('transform', ev.transform.toString())
    })
  const sel = select(svg)
  sel.call(behavior).on('dblclick.zoom', null)
  return {
    update(content, fit) {
      if (!fit) return
      const w = svg.clientWidth || 800
      const h = svg.clientHeight || 600
      const k = Math.min(1.2, (w - 2 * MARGIN) / Math.max(1, content.width), (h - 2 * MARGIN) / Math.max(1, content.height))
      const scale = Math.max(0.2, k)
      const t = zoomIdentity.translate((w - content.width * scale) / 2, Math.max(MARGIN, (h - content.height * scale) / 2)).scale(scale)
      sel.transition().duration(250).call(behavior.transform, t)
    },
    destroy() {
      sel.interrupt()
      sel.on('.zoom', null)
    },
  }
}
