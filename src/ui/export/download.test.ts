// @vitest-environment happy-dom
import { describe, it, expect, vi, afterEach } from 'vitest'
import { REVOKE_AFTER_MS, downloadText } from './download.ts'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('downloadText', () => {
  it('clicks an <a download> at a Blob URL of the text, removes it and revokes the URL after', async () => {
    vi.useFakeTimers()
    let blob: Blob | undefined
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob
      return 'blob:http://127.0.0.1/1234'
    })
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: { href: string; download: string; inPage: boolean }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inPage: this.isConnected })
    })

    downloadText('kubelab-netns.sh', '#!/usr/bin/env bash\necho é\n')
    expect(create).toHaveBeenCalledTimes(1)
    expect(clicked).toEqual([{ href: 'blob:http://127.0.0.1/1234', download: 'kubelab-netns.sh', inPage: true }])
    expect(document.querySelector('a[download]')).toBeNull()
    expect(blob!.type).toBe('text/x-shellscript')
    expect(await blob!.text()).toBe('#!/usr/bin/env bash\necho é\n')

    vi.advanceTimersByTime(REVOKE_AFTER_MS - 1)
    expect(revoke).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(revoke).toHaveBeenCalledWith('blob:http://127.0.0.1/1234')
  })
})
