// Shared helpers for the page tests: terminal text, typing a command, request and console guards, screenshots.
import { expect, type Page, type TestInfo } from '@playwright/test'
import { mkdirSync } from 'node:fs'

/** The terminal's visible rows as text (xterm's DOM renderer), trailing spaces trimmed. */
export async function terminalText(page: Page): Promise<string> {
  const rows = await page.locator('.xterm-rows > div').allTextContents()
  return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd()).join('\n')
}

export async function typeCommand(page: Page, command: string): Promise<void> {
  await page.locator('.xterm').click()
  await page.keyboard.type(command)
  await page.keyboard.press('Enter')
}

/** Wait until the terminal shows text matching `re`; returns the whole visible text. */
export async function waitForTerminal(page: Page, re: RegExp, timeout = 10_000): Promise<string> {
  let text = ''
  await expect
    .poll(async () => {
      text = await terminalText(page)
      return re.test(text)
    }, { timeout, message: `terminal should match ${re}` })
    .toBe(true)
  return text
}

/**
 * Record requests to any host but the preview server, and console errors / page errors.
 * Call before page.goto; check with `expect(guard.external).toEqual([])`.
 */
export function guardPage(page: Page) {
  const external: string[] = []
  const errors: string[] = []
  page.on('request', (req) => {
    const url = new URL(req.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') external.push(req.url())
  })
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('pageerror', (err) => errors.push(String(err)))
  return { external, errors }
}

/** Open the page with a clean slate (localStorage of the test's own origin is empty in a new context). */
export async function openLab(page: Page): Promise<void> {
  await page.goto('/')
  await waitForTerminal(page, /[#$]$/m)
}

/** Type a command and wait for the next prompt; returns the lines printed between them. */
export async function run(page: Page, command: string, timeout = 10_000): Promise<string> {
  await typeCommand(page, command)
  let output: string | undefined
  await expect
    .poll(async () => {
      const lines = (await terminalText(page)).split('\n')
      const at = lines.findLastIndex((l) => l.endsWith(`# ${command}`) || l.endsWith(`$ ${command}`))
      const next = lines.findIndex((l, i) => i > at && /[#$]$/.test(l))
      output = at >= 0 && next > at ? lines.slice(at + 1, next).join('\n') : undefined
      return output !== undefined
    }, { timeout, message: `the prompt should come back after ${command}` })
    .toBe(true)
  return output!
}

/** Attach a full-page screenshot to the report and keep a copy in test-results/screenshots/. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true })
  const path = `test-results/screenshots/${name}.png`
  const body = await page.screenshot({ fullPage: true, path })
  await testInfo.attach(name, { body, contentType: 'image/png' })
}
