import { describe, it, expect } from 'vitest'
import { base64DecodedLength, base64Encode, imageTag } from './defaults.ts'
import { defaultService } from './defaults-service.ts'

describe('defaults helpers', () => {
  it('image tags', () => {
    expect(['nginx', 'nginx:1.27', 'localhost:5000/app', 'localhost:5000/app:v2', 'a/b@sha256:00', 'a/b:v1@sha256:00'].map(imageTag))
      .toEqual(['latest', '1.27', 'latest', 'v2', '', 'v1'])
  })
  it('base64 as Go encodes UTF-8', () => {
    expect(['', 'a', 'ab', 'abc', 'admin', 'héllo', '✓'].map(base64Encode)).toEqual(['', 'YQ==', 'YWI=', 'YWJj', 'YWRtaW4=', 'aMOpbGxv', '4pyT'])
    expect(base64DecodedLength('YWRtaW4=')).toBe(5)
    expect(base64DecodedLength('abc')).toBeUndefined()
  })
  it('Service: affinity None drops its config; targetPort 0 becomes the port; ExternalName gets no traffic policy', () => {
    const s: Record<string, any> = { spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [{ port: 80, targetPort: 0 }] } } // eslint-disable-line @typescript-eslint/no-explicit-any
    defaultService(s)
    expect(s.spec).toEqual({ sessionAffinity: 'None', type: 'ClusterIP', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], internalTrafficPolicy: 'Cluster' })
    const e: Record<string, any> = { spec: { type: 'ExternalName', externalName: 'x.example.com' } } // eslint-disable-line @typescript-eslint/no-explicit-any
    defaultService(e)
    expect(e.spec.internalTrafficPolicy).toBeUndefined()
    const c: Record<string, any> = { spec: { externalIPs: ['192.168.0.10'], ports: [{ port: 80 }] } } // eslint-disable-line @typescript-eslint/no-explicit-any
    defaultService(c)
    expect(c.spec.externalTrafficPolicy).toBe('Cluster')
  })
})
