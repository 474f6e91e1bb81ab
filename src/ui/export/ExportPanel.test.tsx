// @vitest-environment happy-dom
import { describe, it, expect, vi, beforeAll, afterEach } from 'vitest'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { createCluster } from '../../core/cluster/create.ts'
import { createShell } from '../../shell/shell.ts'
import { createWorkspaceFs } from '../../shell/fs.ts'
import { exportNetns } from '../../cli/export/netns.ts'
import { RunOnLinux, sizeText, summaryLine } from './ExportPanel.tsx'

beforeAll(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
})
afterEach(() => vi.restoreAllMocks())

function cluster() {
  const c = createCluster({ seed: 1 })
  const shell = createShell({ cluster: c, fs: createWorkspaceFs() })
  shell.run('kubectl create deployment web --image=nginx')
  shell.run('kubectl expose deployment web --port=80')
  return c
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]')
const button = (name: string) => [...dialog()!.querySelectorAll('button')].find((b) => b.textContent === name)!

describe('RunOnLinux', () => {
  it('says what the script is for', () => {
    expect(summaryLine({ profile: 'kubeadm', proxyMode: 'iptables', nodes: 3, pods: 1, systemPods: 2, services: 2 }))
      .toBe('Built from the cluster as it is now: 3 nodes, 1 pod (and 2 in kube-system), 2 Services of yours; kubeadm profile, kube-proxy in iptables mode.')
    expect(summaryLine({ profile: 'binary', proxyMode: 'ipvs', nodes: 1, pods: 0, systemPods: 0, services: 1 }))
      .toBe('Built from the cluster as it is now: 1 node, 0 pods, 1 Service of yours; binary profile, kube-proxy in ipvs mode.')
    expect([sizeText(900), sizeText(82_347)]).toEqual(['900 bytes', '80 KB'])
  })

  it('opens a modal panel, downloads the cluster\'s script, closes on Escape and gives focus back', async () => {
    const c = cluster()
    const host = document.createElement('div')
    document.body.append(host)
    const root = createRoot(host)
    act(() => root.render(<RunOnLinux cluster={c} />))
    const opener = host.querySelector<HTMLButtonElement>('[data-testid="run-on-linux"]')!
    expect(opener.textContent).toBe('Run on Linux…')
    expect(dialog()).toBeNull()

    opener.focus()
    act(() => opener.click())
    const panel = dialog()!
    expect(panel.getAttribute('aria-modal')).toBe('true')
    expect(document.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).toBe("Run this cluster's network on Linux")
    expect(panel.textContent).toContain('iptables-restore')
    expect(panel.textContent).toContain('sudo bash kubelab-netns.sh --down')
    expect(panel.querySelector('[data-testid="export-summary"]')!.textContent)
      .toBe('Built from the cluster as it is now: 3 nodes, 1 pod (and 2 in kube-system), 1 Service of yours; kubeadm profile, kube-proxy in iptables mode.')
    expect(panel.querySelector('[data-testid="export-file"]')!.textContent)
      .toBe(`kubelab-netns.sh · ${Math.round(new TextEncoder().encode(exportNetns(c)).length / 1024)} KB`)
    expect(opener.getAttribute('aria-expanded')).toBe('true')
    // the page behind is inert and the primary action has focus
    expect(host.hasAttribute('inert')).toBe(true)
    expect(document.activeElement).toBe(button('Download'))

    let blob: Blob | undefined
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => ((blob = b as Blob), 'blob:x'))
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const names: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download)
    })
    act(() => button('Download').click())
    expect(names).toEqual(['kubelab-netns.sh'])
    expect(await blob!.text()).toBe(exportNetns(c))
    expect(panel.querySelector('[role="status"]')!.textContent).toBe("Download started: see your browser's downloads.")

    act(() => {
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    })
    expect(dialog()).toBeNull()
    expect(host.hasAttribute('inert')).toBe(false)
    expect(document.activeElement).toBe(opener)
    expect(opener.getAttribute('aria-expanded')).toBe('false')

    // the Close button and a click on the backdrop close it too
    act(() => opener.click())
    act(() => button('Close').click())
    expect(dialog()).toBeNull()
    act(() => opener.click())
    act(() => {
      dialog()!.parentElement!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))
    })
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(opener)
    act(() => root.unmount())
    host.remove()
  })
})
