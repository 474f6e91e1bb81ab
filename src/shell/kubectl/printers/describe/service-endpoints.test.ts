import { describe, it, expect } from 'vitest'
import { kit } from '../testkit.ts'
import type { KubeObject } from '../../../../core/api/types.ts'
import { formatEndpointSlices } from './network.ts'

// kubectl v1.32 describe.go formatEndpointSlices: ready endpoints only (#126932, in v1.32), at most 3, and the
// `+ N more...` flag set before the readiness filter, so a not-ready 4th endpoint gives `+ 0 more...`
// (kubernetes/kubernetes#142209, fixed by #142214 years after v1.32).

type Ep = { addresses: string[]; conditions?: { ready?: boolean } }
const ep = (ip: string, ready?: boolean): Ep => ({ addresses: [ip], ...(ready === undefined ? {} : { conditions: { ready } }) })
const slice = (name: string, endpoints: Ep[], ports: { name: string; port: number }[] = [{ name: '', port: 80 }]) => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
  metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4', ports: ports.map((p) => ({ ...p, protocol: 'TCP' })), endpoints,
}) as unknown as KubeObject

function endpointsLine(slices: KubeObject[], ports = [{ port: 80, targetPort: 80, protocol: 'TCP' }]): string {
  const t = kit()
  t.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports } } as KubeObject)
  for (const s of slices) t.add(s)
  const out = t.k('describe svc web').stdout
  return out.split('\n').filter((l) => l.startsWith('Endpoints:')).join('\n')
}

describe('describe service: Endpoints line (v1.32 formatEndpointSlices)', () => {
  it('prints + 0 more... when 3 ready endpoints are followed by a not-ready one', () => {
    expect(endpointsLine([slice('web-a', [ep('10.0.0.1', true), ep('10.0.0.2', true), ep('10.0.0.3', true), ep('10.0.0.4', false)])]))
      .toBe('Endpoints:                10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...')
  })
  it('counts only ready endpoints after the first three', () => {
    expect(endpointsLine([slice('web-a', [ep('10.0.0.1'), ep('10.0.0.2', true), ep('10.0.0.3', true), ep('10.0.0.4', false), ep('10.0.0.5', true), ep('10.0.0.6')])]))
      .toBe('Endpoints:                10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...')
  })
  it('skips not-ready endpoints before the list is full, without a suffix', () => {
    expect(endpointsLine([slice('web-a', [ep('10.0.0.9', false), ep('10.0.0.1', true), ep('10.0.0.2', true), ep('10.0.0.3', true)])]))
      .toBe('Endpoints:                10.0.0.1:80,10.0.0.2:80,10.0.0.3:80')
  })
  it('walks every slice of the service, the quirk crossing slices too', () => {
    expect(endpointsLine([slice('web-a', [ep('10.0.0.1', true), ep('10.0.0.2', true)]), slice('web-b', [ep('10.0.0.3', true), ep('10.0.0.4', false)])]))
      .toBe('Endpoints:                10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...')
  })
  it('only not-ready endpoints: an empty value; no slices: <none>', () => {
    expect(endpointsLine([slice('web-a', [ep('10.0.0.1', false)])])).toBe('Endpoints:                ')
    expect(endpointsLine([])).toBe('Endpoints:                <none>')
  })
  it('matches the service port by name, one line per port', () => {
    const ports = [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }]
    expect(endpointsLine([slice('web-a', [ep('10.0.0.1', true), ep('10.0.0.2', true)], ports)],
      [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }] as never))
      .toBe('Endpoints:                10.0.0.1:8080,10.0.0.2:8080\nEndpoints:                10.0.0.1:9090,10.0.0.2:9090')
  })
  it('headless slices without ports list addresses, same quirk', () => {
    const s = slice('web-a', [ep('10.0.0.1'), ep('10.0.0.2'), ep('10.0.0.3'), ep('10.0.0.4', false)], []) as unknown as Parameters<typeof formatEndpointSlices>[0][number]
    expect(formatEndpointSlices([s], '')).toBe('10.0.0.1,10.0.0.2,10.0.0.3 + 0 more...')
  })
  it('IPv6 addresses are bracketed (net.JoinHostPort)', () => {
    const s = slice('web-a', [ep('fd00::1', true)]) as unknown as Parameters<typeof formatEndpointSlices>[0][number]
    expect(formatEndpointSlices([s], '')).toBe('[fd00::1]:80')
  })
})
