// Traffic from the terminal is traced and replayed: the trace panel lists the hops and the verdict, the packet
// moves over the cluster view, and the rules it walked are the ones iptables-save prints on the node.
import { expect, test } from '@playwright/test'
import { guardPage, openLab, run, screenshot, typeCommand, waitForTerminal } from './helpers.ts'

test('a request from a pod to a Service is traced hop by hop and replayed', async ({ page }, testInfo) => {
  const guard = guardPage(page)
  await openLab(page)
  await run(page, 'kubectl create deployment web --image=nginx --replicas=3')
  await run(page, 'kubectl expose deployment web --port=80')
  await run(page, 'kubectl run client --image=busybox -- sleep 3600')
  await typeCommand(page, 'clear')
  await waitForTerminal(page, /^\s*root@controlplane:~#\s*$/) // only the fresh prompt is left
  const body = await run(page, 'kubectl exec client -- wget -qO- web | grep title')
  expect(body).toBe('<title>Welcome to nginx!</title>')

  const panel = page.getByTestId('trace-panel')
  await expect(panel).toBeVisible()
  await expect(page.getByTestId('trace-verdict')).toHaveText(/^delivered to default\/web-[a-z0-9]+-[a-z0-9]{5} \(10\.244\.\d+\.\d+:80\)$/)
  await expect(page.getByTestId('trace-cost')).toHaveText(/^\d+ rules evaluated · 0 IPVS lookups$/)
  const hops = page.getByTestId('trace-hop')
  expect(await hops.count()).toBeGreaterThan(8)
  // the DNAT rule kube-proxy wrote, as iptables-save prints it
  await expect(panel).toContainText(/-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default\/web" -m tcp -j DNAT --to-destination 10\.244\.\d+\.\d+:80/)
  // the packet dot is on the picture and the replay runs to its end
  await expect(page.locator('.packet-layer circle.packet')).toHaveCount(1)
  await expect(page.locator('.trace-panel button', { hasText: 'Replay' })).toBeEnabled({ timeout: 30_000 })
  await expect(page.locator('.hop.current')).toHaveCount(1)
  await screenshot(page, testInfo, 'trace')

  // stepping by hand moves the highlight
  await page.locator('.trace-panel button', { hasText: 'Replay' }).click()
  await page.locator('.trace-panel button', { hasText: 'Step' }).click()
  await expect(page.locator('.hop.current')).toHaveCount(1)

  // the node shows the same rules
  const nat = await run(page, 'ssh node01 iptables-save -t nat | grep -c "default/web"')
  expect(Number(nat)).toBeGreaterThanOrEqual(8)
  expect(guard.external).toEqual([])
  expect(guard.errors).toEqual([])
})
