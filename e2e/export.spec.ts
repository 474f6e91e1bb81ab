// "Run on Linux…": the cluster view's panel explains the netns script and downloads it, built from the page's
// cluster (here after applying the sample Deployment and Service from the editor); keyboard use keeps working.
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { guardPage, openLab, screenshot, waitForTerminal } from './helpers.ts'

test('download the cluster\'s network as a script to run on Linux', async ({ page }, testInfo) => {
  const guard = guardPage(page)
  await openLab(page)
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kind: Deployment')
  await page.getByTestId('apply').click()
  await waitForTerminal(page, /^service\/nginx created$/m)
  const clusterIP = await page.evaluate(() => {
    const svc = window.__kubelab!.cluster.store.get('Service', 'default', 'nginx') as unknown as { spec: { clusterIP: string } }
    return svc.spec.clusterIP
  })
  expect(clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/)

  const opener = page.getByRole('button', { name: 'Run on Linux…' })
  await opener.click()
  const panel = page.getByRole('dialog', { name: "Run this cluster's network on Linux" })
  await expect(panel).toBeVisible()
  await expect(panel).toContainText('iptables-restore')
  await expect(panel).toContainText('needs root, iproute2, iptables and python3')
  await expect(page.getByTestId('export-commands')).toHaveText(/^sudo bash kubelab-netns\.sh .*\nsudo bash kubelab-netns\.sh --down .*$/)
  // the sample runs 3 nginx replicas; CoreDNS's 2 pods are kube-system's
  await expect(page.getByTestId('export-summary')).toHaveText(
    'Built from the cluster as it is now: 3 nodes, 3 pods (and 2 in kube-system), 1 Service of yours; kubeadm profile, kube-proxy in iptables mode.')
  await expect(page.getByTestId('export-file')).toHaveText(/^kubelab-netns\.sh · \d+ KB$/)
  await expect(panel.getByRole('button', { name: 'Download' })).toBeFocused()

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download' }).click()])
  expect(download.suggestedFilename()).toBe('kubelab-netns.sh')
  const script = readFileSync((await download.path())!, 'utf8')
  expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true)
  // the Service just applied, as kube-proxy's ClusterIP rule on the nodes
  const ip = clusterIP.replace(/\./g, '\\.')
  expect(script).toMatch(new RegExp(`^-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/nginx cluster IP" -m tcp --dport 80 -j KUBE-SVC-[A-Z2-7]{16}$`, 'm'))
  expect(script).toMatch(/^-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default\/nginx" -m tcp -j DNAT --to-destination 10\.244\.\d+\.\d+:80$/m)
  expect(script.endsWith('esac\n')).toBe(true)
  await expect(panel.getByRole('status')).toHaveText("Download started: see your browser's downloads.")
  await page.screenshot({ path: '/tmp/export-panel.png' })
  await screenshot(page, testInfo, 'export-panel')

  // Escape closes the panel and focus returns to the control that opened it; Enter opens it again
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect(opener).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(panel).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(opener).toBeFocused()

  expect(guard.external).toEqual([])
  expect(guard.errors).toEqual([])
})
