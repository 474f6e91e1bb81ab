// The v1 rewrite of retired Ingress versions (facts 4.8) and the hint under kubectl's mapping error.

import { describe, expect, it } from 'vitest'
import { ingressToV1, retiredIngressHint } from './old-ingress.ts'

const OLD = { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'my-ingress' },
  spec: { backend: { serviceName: 'def', servicePort: 'http' }, rules: [{ host: 'foo.com', http: { paths: [{ path: '/a', backend: { serviceName: 'web', servicePort: 80 } }] } }] } }

describe('retired Ingress versions', () => {
  it('converts serviceName/servicePort and defaults pathType as v1beta1 did', () => {
    expect(ingressToV1(OLD).spec).toEqual({
      defaultBackend: { service: { name: 'def', port: { name: 'http' } } },
      rules: [{ host: 'foo.com', http: { paths: [{ path: '/a', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    })
  })
  it('names the saved file in the hint; other kinds get none', () => {
    const h = retiredIngressHint('extensions/v1beta1', 'Ingress', OLD, 'dir/ing.yaml', 'v1.32.0')!
    expect(h.path).toBe('dir/my-ingress-v1.yaml')
    expect(h.hint.split('\n').every((l) => l.startsWith('kubelab: '))).toBe(true)
    expect(h.hint).toContain('kubectl apply -f dir/my-ingress-v1.yaml')
    expect(retiredIngressHint('apps/v1beta1', 'Deployment', OLD, 'a.yaml', 'v1.32.0')).toBeUndefined()
  })
})
