// Saves text as a file from the page: a Blob behind an object URL, clicked through <a download>, revoked after.

/** how long the object URL outlives the click: the browser reads the Blob when the download starts */
export const REVOKE_AFTER_MS = 1000

export function downloadText(filename: string, text: string, type = 'text/x-shellscript'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  a.hidden = true
  document.body.append(a)
  try {
    a.click()
  } finally {
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
  }
}
