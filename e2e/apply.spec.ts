// The editor's Apply button saves the file and runs `kubectl apply -f` in the terminal, echoed as if typed.
import { expect, test } from '@playwright/test'
import { guardPage, openLab, screenshot, waitForTerminal } from './helpers.ts'

test('apply the sample manifest from the editor', async ({ page }, testInfo) => {
  const guard = guardPage(page)
  await openLab(page)
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kind: Deployment')

  await page.getByTestId('apply').click()
  const text = await waitForTerminal(page, /deployment\.apps\/nginx created/)
  expect(text).toMatch(/[#$] kubectl apply -f nginx\.yaml$/m)
  expect(text).toMatch(/^service\/nginx created$/m)

  // the saved file is what the shell sees
  const saved = await page.evaluate(() => window.__kubelab!.shell.fs.read('nginx.yaml'))
  expect(saved).toContain('kind: Service')

  await expect(page.getByTestId('cluster-view').locator('[data-testid="service"][data-name="nginx"]')).toBeVisible()
  await screenshot(page, testInfo, 'apply')
  expect(guard.external).toEqual([])
  expect(guard.errors).toEqual([])
})
