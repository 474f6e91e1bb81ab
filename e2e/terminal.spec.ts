// Line editing in the real terminal: Tab completion like bash, Ctrl-C, history, a heredoc typed line by line.
import { expect, test } from '@playwright/test'
import { openLab, terminalText, typeCommand, waitForTerminal } from './helpers.ts'

test('completion, Ctrl-C, history and a heredoc', async ({ page }) => {
  await openLab(page)
  await page.locator('.xterm').click()

  await page.keyboard.type('kubectl cre')
  await page.keyboard.press('Tab')
  await waitForTerminal(page, /# kubectl create$/m)

  await page.keyboard.press('Control+U')
  await page.keyboard.type('kubectl de')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await waitForTerminal(page, /^delete\s+describe$/m)

  await page.keyboard.press('Control+C')
  await waitForTerminal(page, /# kubectl de\^C$/m)

  await typeCommand(page, 'cat <<EOF')
  await waitForTerminal(page, /# cat <<EOF\n>$/m)
  await page.keyboard.type('hello: world')
  await page.keyboard.press('Enter')
  await page.keyboard.type('EOF')
  await page.keyboard.press('Enter')
  await waitForTerminal(page, /^> EOF\nhello: world\n/m)

  await page.keyboard.press('ArrowUp')
  await expect.poll(async () => (await terminalText(page)).trimEnd().split('\n').at(-1)).toBe('root@controlplane:~# cat <<EOF')
  await page.keyboard.press('Control+C')
  expect(await terminalText(page)).not.toContain('internal error')
})
