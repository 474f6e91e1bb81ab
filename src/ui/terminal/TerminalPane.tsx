// The xterm view of a TerminalController: forwards keys to it and its output to the screen; fits the pane.

import { useEffect, useRef } from 'react'
import { Terminal } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
import '@xterm/xterm/css/xterm.css'
import type { TerminalController } from './controller.ts'

const THEME = {
  background: '#0d1117',
  foreground: '#d6dde6',
  cursor: '#d6dde6',
  selectionBackground: '#2b4a6f',
}

export function TerminalPane({ controller }: { controller: TerminalController }) {
  const host = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const el = host.current!
    const term = new Terminal({
      fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 5000,
      theme: THEME,
      allowProposedApi: false,
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(el)
    const safeFit = () => {
      try {
        if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit()
      } catch {
        /* not laid out yet */
      }
    }
    safeFit()
    term.write('\x1b[?2004h') // bracketed paste: pasted tabs stay text, lines run one by one
    const detach = controller.attach({ write: (d) => term.write(d), cols: () => term.cols })
    const sub = term.onData((d) => controller.input(d))
    const ro = new ResizeObserver(() => safeFit())
    ro.observe(el)
    term.focus()
    return () => {
      ro.disconnect()
      sub.dispose()
      detach()
      term.dispose()
    }
  }, [controller])

  return <div className="terminal-host" ref={host} data-testid="terminal" />
}
