// A drag handle between two panes; reports the new split as a fraction of the container.

import type { RefObject } from 'react'

export function Splitter({ direction, containerRef, onChange }: {
  direction: 'vertical' | 'horizontal'
  containerRef: RefObject<HTMLElement | null>
  onChange: (fraction: number) => void
}) {
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const container = containerRef.current
    if (!container) return
    e.preventDefault()
    const handle = e.currentTarget
    handle.setPointerCapture(e.pointerId)
    const move = (ev: PointerEvent) => {
      const r = container.getBoundingClientRect()
      const f = direction === 'vertical' ? (ev.clientX - r.left) / r.width : (ev.clientY - r.top) / r.height
      if (Number.isFinite(f)) onChange(f)
    }
    const up = () => {
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', up)
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', up)
  }
  return <div className={`splitter ${direction}`} role="separator" aria-orientation={direction} onPointerDown={onPointerDown} />
}
