// Golden `kubectl get` / `kubectl describe` output for ServiceAccounts, RBAC, webhooks, Jobs and DaemonSets
// (column layouts of k/k printers.go and describe.go v1.32).

import { describe, it, expect } from 'vitest'
import { createCluster } from '../../../core/cluster/create.ts'
import { runner } from '../verbs/test-util.ts'

const RG = 'rbac.authorization.k8s.io'

describe('printers for the RBAC, batch and daemon kinds', () => {
  const c = createCluster({ seed: 1 })
  const k = runner(c)
  c.store.create({ apiVersion: `${RG}/v1`, kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, { cause: 'test' })
  c.store.create({ apiVersion: `${RG}/v1`, kind: 'RoleBinding', metadata: { name: 'read', namespace: 'default' }, roleRef: { kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'default', namespace: 'default' }, { kind: 'User', name: 'joe' }] }, { cause: 'test' })
  c.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' },
    spec: { backoffLimit: 4, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'busybox', command: ['echo', '3.14'] }] } } } }, { cause: 'test' })
  c.settle()
  c.advance(65_000)

  it('prints serviceaccounts, roles and rolebindings (-o wide)', () => {
    expect(k('get sa').stdout).toBe('NAME      SECRETS   AGE\ndefault   0         21m\n')
    expect(k('get roles').stdout).toBe('NAME     CREATED AT\nreader   2026-01-01T00:00:00Z\n')
    expect(k('get rolebindings -o wide').stdout).toBe(
      'NAME   ROLE          AGE   USERS       GROUPS   SERVICEACCOUNTS\nread   Role/reader   65s   jane, joe   devs     default/default\n')
  })

  it('prints jobs with STATUS, COMPLETIONS and DURATION, and describes one', () => {
    expect(k('get jobs').stdout).toBe('NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           0s         65s\n')
    const d = k('describe job pi').stdout
    const uid = c.store.get('Job', 'default', 'pi')!.metadata.uid!
    expect(d).toContain(`Name:             pi\nNamespace:        default\nSelector:         batch.kubernetes.io/controller-uid=${uid}\n`)
    expect(d).toContain('Parallelism:      1\nCompletions:      1\nCompletion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    4\n' +
      'Start Time:       Thu, 01 Jan 2026 00:00:00 +0000\nCompleted At:     Thu, 01 Jan 2026 00:00:00 +0000\nDuration:         0s\n' +
      'Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\nPod Template:\n')
    expect(d).toMatch(/Normal {2}SuccessfulCreate {2}65s {3}job-controller {2}Created pod: pi-[a-z0-9]{5}\n {2}Normal {2}Completed {9}65s {3}job-controller {2}Job completed\n$/)
  })

  it('prints daemonsets in get all', () => {
    expect(k('get all -n kube-system').stdout).toContain('NAME                        DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
      'daemonset.apps/kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   21m\n')
  })
})
