import { describe, it, expect } from 'vitest'
import { errorOf, newTestStore } from './testing.ts'

const RG = 'rbac.authorization.k8s.io'

describe('RBAC and webhook strategies', () => {
  it('defaults subjects and roleRef apiGroup, keeps roleRef immutable', () => {
    const s = newTestStore()
    const rb = s.create({ apiVersion: `${RG}/v1`, kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'x' }, { kind: 'User', name: 'jane' }] }, { cause: 'test' })
    expect(rb.roleRef).toEqual({ apiGroup: RG, kind: 'Role', name: 'r' })
    expect(rb.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'x' }, { apiGroup: RG, kind: 'User', name: 'jane' }])
    expect(rb.metadata.generation).toBeUndefined()
    expect(errorOf(() => s.update({ ...rb, roleRef: { apiGroup: RG, kind: 'ClusterRole', name: 'r' } }, { cause: 'test' })))
      .toBe('The RoleBinding "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"r"}: cannot change roleRef')
  })

  it('validates policy rules and cluster-scoped ServiceAccount subjects', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create({ apiVersion: `${RG}/v1`, kind: 'Role', metadata: { name: 'r' }, rules: [{ resources: ['pods'] }] }, { cause: 'test' })))
      .toBe('The Role "r" is invalid: \n* rules[0].verbs: Required value: verbs must contain at least one value\n* rules[0].apiGroups: Required value: resource rules must supply at least one api group')
    expect(errorOf(() => s.create({ apiVersion: `${RG}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'c' }, roleRef: { apiGroup: RG, kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'x' }] }, { cause: 'test' })))
      .toBe('The ClusterRoleBinding "c" is invalid: subjects[0].namespace: Required value')
    expect(s.create({ apiVersion: `${RG}/v1`, kind: 'ClusterRole', metadata: { name: 'system:aggregate-to-view' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, { cause: 'test' }).metadata.namespace).toBeUndefined()
  })

  it('defaults a ValidatingWebhookConfiguration', () => {
    const s = newTestStore()
    const w = s.create({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' },
      webhooks: [{ name: 'validate.nginx.ingress.kubernetes.io', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { name: 's', namespace: 'n', path: '/x' } }, rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['ingresses'] }] }] }, { cause: 'test' })
    expect((w.webhooks as Record<string, unknown>[])[0]).toMatchObject({ failurePolicy: 'Fail', matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, timeoutSeconds: 10, clientConfig: { service: { port: 443 } }, rules: [{ scope: '*' }] })
  })
})
