// Typing kubectl commands changes the cluster: pods and a Service appear in the terminal and in the cluster view.
import { expect, test } from '@playwright/test'
import { guardPage, openLab, screenshot, typeCommand, waitForTerminal } from './helpers.ts'

/** Is an IPv4 address inside 10.96.0.0/12 (10.96.0.0 - 10.111.255.255)? */
function inServiceCIDR(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number)
  return a === 10 && b >= 96 && b <= 111
}

test('create and expose a deployment from the terminal', async ({ page }, testInfo) => {
  const guard = guardPage(page)
  await openLab(page)

  await typeCommand(page, 'kubectl create deployment web --image=nginx --replicas=3')
  await waitForTerminal(page, /deployment\.apps\/web created/)
  await typeCommand(page, 'kubectl expose deployment web --port=80')
  await waitForTerminal(page, /service\/web exposed/)
  await typeCommand(page, 'clear')
  await typeCommand(page, 'kubectl get pods,svc')
  const text = await waitForTerminal(page, /service\/web\s/)

  const pods = [...text.matchAll(/^pod\/(web-[a-z0-9]{6,10}-[a-z0-9]{5})\s/gm)].map((m) => m[1])
  expect(pods).toHaveLength(3)
  expect(new Set(pods.map((p) => p.split('-')[1])).size).toBe(1) // one ReplicaSet hash
  const svc = /^service\/web\s+ClusterIP\s+(\d+\.\d+\.\d+\.\d+)\s+<none>\s+80\/TCP\s/m.exec(text)
  expect(svc, text).not.toBeNull()
  expect(inServiceCIDR(svc![1])).toBe(true)
  expect(text).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m)
  expect(text).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/m)

  // the cluster view: three pods inside worker nodes, the Service with a line to each pod
  const view = page.getByTestId('cluster-view')
  for (const name of pods) await expect(view.locator(`[data-testid="pod"][data-name="${name}"]`)).toBeVisible()
  const service = view.locator('[data-testid="service"][data-name="web"]')
  await expect(service).toContainText(svc![1])
  await expect(service).toContainText('80/TCP')
  await expect(view.locator('path.edge[data-key^="edge:default/web->"]')).toHaveCount(3)

  await screenshot(page, testInfo, 'create-expose')
  expect(guard.external).toEqual([])
  expect(guard.errors).toEqual([])
})
