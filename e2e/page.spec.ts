// The page opens ready to type: three panes, a coloured YAML sample, no requests elsewhere, no console errors.
import { expect, test } from '@playwright/test'
import { guardPage, openLab, run, screenshot, terminalText } from './helpers.ts'

test('the page opens with the editor, the terminal and the cluster view', async ({ page }, testInfo) => {
  const guard = guardPage(page)
  await openLab(page)

  await expect(page.getByRole('heading', { name: 'kubelab' })).toBeVisible()
  await expect(page.getByTestId('editor-pane')).toBeVisible()
  await expect(page.getByTestId('terminal')).toBeVisible()
  await expect(page.getByTestId('cluster-view')).toBeVisible()

  // the sample manifest, highlighted: several distinct token classes on the lines
  const lines = page.locator('.monaco-editor .view-lines')
  await expect(lines).toContainText('kind: Deployment')
  await expect(page.getByRole('tab', { name: /nginx\.yaml/ })).toBeVisible()
  await expect
    .poll(async () => {
      const classes = await page.locator('.monaco-editor .view-line span[class^="mtk"]').evaluateAll((els) => els.map((e) => e.className))
      return new Set(classes).size
    })
    .toBeGreaterThanOrEqual(3)
  const colours = await page.locator('.monaco-editor .view-line span[class^="mtk"]').evaluateAll((els) =>
    [...new Set(els.map((e) => getComputedStyle(e).color))],
  )
  expect(colours.length).toBeGreaterThanOrEqual(3)

  // the model is YAML
  await expect(page.locator('[data-mode-id="yaml"]')).toHaveCount(1)

  // the cluster view shows the profile's nodes
  await expect(page.getByTestId('node')).toHaveCount(3)
  await expect(page.getByTestId('node').first()).toContainText('controlplane')

  // the terminal is ready to type
  expect(await terminalText(page)).toMatch(/controlplane/)
  await run(page, 'kubectl version --client')

  // the test hook
  const hook = await page.evaluate(() => Object.keys(window.__kubelab ?? {}).sort())
  expect(hook).toEqual(['cluster', 'shell'])

  await screenshot(page, testInfo, 'page-open')
  expect(guard.external).toEqual([])
  expect(guard.errors).toEqual([])
})

test('a schema violation in the editor is marked', async ({ page }) => {
  await openLab(page)
  const editor = page.locator('.monaco-editor .view-lines')
  await expect(editor).toContainText('kind: Deployment')
  await editor.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\nbogusTopLevel: 1')
  await expect(page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first()).toBeAttached({ timeout: 15_000 })
  await expect(page.getByTestId('problems')).toContainText(/problem/)
})

test('editor work survives a reload', async ({ page }) => {
  await openLab(page)
  const editor = page.locator('.monaco-editor .view-lines')
  await expect(editor).toContainText('kind: Deployment')
  await editor.click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.type('# my notes\n')
  await expect(editor).toContainText('# my notes')
  await expect(page.locator('.tab .dirty')).toBeVisible()
  await page.reload()
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('# my notes')
  await expect(page.locator('.tab .dirty')).toBeVisible()
})

test('corrupt saved state does not break the page', async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => {
    localStorage.setItem('kubelab.editor.v1', '{"open":[1,2],"buffers":"nope"')
    localStorage.setItem('kubelab.workspace.v1', '[]')
    localStorage.setItem('kubelab.settings.v1', '{"profile":"nonsense","nodes":99,"panes":{"editor":"x"}}')
    localStorage.setItem('kubelab.history.v1', 'not json')
  })
  await page.reload()
  await expect(page.getByTestId('cluster-view')).toBeVisible()
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kind: Deployment')
  await expect(page.locator('.xterm-rows')).toContainText(/[#$]/)
})

test('switching the profile asks first, then recreates the cluster and the shell', async ({ page }) => {
  await openLab(page)
  page.once('dialog', (d) => d.dismiss())
  await page.getByLabel('Cluster profile').selectOption('binary')
  await expect(page.getByLabel('Cluster profile')).toHaveValue('kubeadm')
  expect(await page.evaluate(() => window.__kubelab!.cluster.profile.name)).toBe('kubeadm')

  page.once('dialog', (d) => d.accept())
  await page.getByLabel('Cluster profile').selectOption('binary')
  await expect.poll(() => page.evaluate(() => window.__kubelab!.cluster.profile.name)).toBe('binary')
  const nodes = await page.evaluate(() => window.__kubelab!.cluster.profile.nodes.length)
  await expect(page.getByTestId('node')).toHaveCount(nodes)
  const prompt = await page.evaluate(() => window.__kubelab!.shell.prompt())
  await expect.poll(() => terminalText(page)).toContain(prompt.trimEnd())
  // the learner's files survive the switch
  expect(await page.evaluate(() => window.__kubelab!.shell.fs.read('nginx.yaml'))).toContain('kind: Deployment')
})
