import { describe, it, expect } from 'vitest'
import { newTestStore, svc, errorOf, TEST_SETTINGS } from './testing.ts'
import { Store } from '../store.ts'
import { registerStrategies } from '../registry.ts'
import { createRng } from '../../util/rand.ts'
import { createManualClock } from '../../util/clock.ts'
import type { KubeObject } from '../../api/types.ts'
import { parseIPv4 } from '../validation/names.ts'

const W = { cause: 'kubectl' }
const spec = (o: KubeObject) => o.spec as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Service defaulting', () => {
  it('fills what kubectl get -o yaml shows', () => {
    const s = newTestStore()
    const o = s.create(svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }), W)
    const { clusterIP, clusterIPs, ...rest } = spec(o)
    expect(rest).toEqual({
      selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
    })
    expect(clusterIPs).toEqual([clusterIP])
    expect(o.status).toEqual({ loadBalancer: {} })
    expect(o.metadata.generation).toBeUndefined()
  })
  it('NodePort, LoadBalancer and ClientIP defaults', () => {
    const s = newTestStore()
    const np = spec(s.create(svc('np', { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] }), W))
    expect(np.externalTrafficPolicy).toBe('Cluster')
    expect(np.ports[0].targetPort).toBe('http')
    const lb = spec(s.create(svc('lb', { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }), W))
    expect(lb.allocateLoadBalancerNodePorts).toBe(true)
    expect(lb.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } })
    expect(lb.ports[0].nodePort).toBeGreaterThanOrEqual(30086)
    const ext = spec(s.create(svc('ext', { type: 'ExternalName', externalName: 'my.database.example.com' }), W))
    expect(ext).toEqual({ type: 'ExternalName', externalName: 'my.database.example.com', sessionAffinity: 'None' })
  })
  it('headless Services get None and no allocation; selectorless headless are RequireDualStack', () => {
    const s = newTestStore()
    const h = spec(s.create(svc('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }), W))
    expect([h.clusterIP, h.clusterIPs, h.ipFamilyPolicy, h.ipFamilies]).toEqual(['None', ['None'], 'SingleStack', ['IPv4']])
    const h2 = spec(s.create(svc('db2', { clusterIP: 'None' }), W))
    expect(h2.ipFamilyPolicy).toBe('RequireDualStack')
  })
})

describe('ClusterIP allocation', () => {
  it('is deterministic for a seed, upper range only, and honours explicit requests', () => {
    const ips = (seed: number) => {
      const s = newTestStore(seed)
      s.create(svc('kubernetes', { ports: [{ name: 'https', port: 443, targetPort: 6443 }] }), W)
      s.create(svc('kube-dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }] }, 'kube-system'), W)
      return ['a', 'b', 'c'].map((n) => spec(s.create(svc(n, { ports: [{ port: 80 }] }), W)).clusterIP as string)
        .concat([spec(s.get('Service', 'default', 'kubernetes')!).clusterIP, spec(s.get('Service', 'kube-system', 'kube-dns')!).clusterIP])
    }
    const a = ips(1)
    expect(a).toEqual(ips(1))
    expect(a).not.toEqual(ips(2))
    expect(a.slice(3)).toEqual(['10.96.0.1', '10.96.0.10'])
    for (const ip of a.slice(0, 3)) expect(parseIPv4(ip)!).toBeGreaterThanOrEqual(parseIPv4('10.96.1.1')!)
  })
  it('errors for taken and out-of-range requests (facts 4.4)', () => {
    const s = newTestStore()
    s.create(svc('kube-dns', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] }, 'kube-system'), W)
    expect(errorOf(() => s.create(svc('dns2', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] }), W))).toBe(
      'The Service "dns2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated')
    expect(errorOf(() => s.create(svc('kube-dns', { clusterIP: '100.96.0.10', ports: [{ port: 53 }] }), W))).toBe(
      'The Service "kube-dns" is invalid: spec.clusterIPs: Invalid value: []string{"100.96.0.10"}: failed to allocate IP 100.96.0.10: the provided IP (100.96.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12')
    expect(errorOf(() => s.create(svc('bad', { clusterIP: '10.96.0.300', ports: [{ port: 53 }] }), W))).toBe(
      'The Service "bad" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')
  })
  it('a failed create does not leak; delete releases for reuse', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create(svc('Bad', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }), W))).toMatch(/^The Service "Bad" is invalid: metadata.name/)
    s.create(svc('ok', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }), W)
    expect(errorOf(() => s.create(svc('ok2', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }), W))).toMatch(/provided IP is already allocated$/)
    s.delete('Service', 'default', 'ok', W)
    expect(errorOf(() => s.create(svc('ok2', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }), W))).toBe('')
  })
  it('dry run allocates nothing', () => {
    const s = newTestStore()
    const o = s.create(svc('dry', { clusterIP: '10.96.0.30', ports: [{ port: 80 }] }), { cause: 'kubectl', dryRun: true })
    expect(spec(o).clusterIPs).toEqual(['10.96.0.30'])
    expect(errorOf(() => s.create(svc('real', { clusterIP: '10.96.0.30', ports: [{ port: 80 }] }), W))).toBe('')
  })
  it('allocators rebuild from the Services already stored', () => {
    const s = new Store({ rng: createRng(1), clock: createManualClock(), settings: TEST_SETTINGS })
    s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, W)
    s.create(svc('a', { clusterIP: '10.96.0.40', clusterIPs: ['10.96.0.40'], type: 'NodePort', ports: [{ port: 80, nodePort: 30040, protocol: 'TCP' }] }), W)
    registerStrategies(s)
    expect(errorOf(() => s.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30040 }] }), W))).toBe(
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30040: provided port is already allocated')
    expect(errorOf(() => s.create(svc('c', { clusterIP: '10.96.0.40', ports: [{ port: 80 }] }), W))).toMatch(/failed to allocate IP 10.96.0.40: provided IP is already allocated$/)
  })
})

describe('ClusterIP immutability (facts 4.4)', () => {
  it('may not change once set, also not to None; resubmitting without it keeps it', () => {
    const s = newTestStore()
    const o = s.create(svc('web', { ports: [{ port: 80 }] }), W)
    const ip = spec(o).clusterIP
    const upd = (sp: Record<string, unknown>) => () => s.update(svc('web', sp), W)
    expect(errorOf(upd({ clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80 }] }))).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set')
    expect(errorOf(upd({ clusterIP: '10.96.5.5', ports: [{ port: 80 }] }))).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set')
    const again = s.update(svc('web', { ports: [{ port: 8080 }] }), W)
    expect(spec(again).clusterIP).toBe(ip)
    expect(spec(again).clusterIPs).toEqual([ip])
  })
  it('headless NodePort and LoadBalancer are rejected', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create(svc('h', { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }), W))).toBe(
      'The Service "h" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services')
    expect(errorOf(() => s.create(svc('h', { type: 'LoadBalancer', clusterIP: 'None', ports: [{ port: 80 }] }), W))).toBe(
      'The Service "h" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services')
  })
})

describe('NodePort allocation (facts 4.3)', () => {
  it('worked example 4', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create(svc('webapp', { type: 'NodePort', ports: [{ port: 80, nodePort: 39998 }] }), W))).toBe(
      'The Service "webapp" is invalid: spec.ports[0].nodePort: Invalid value: 39998: provided port is not in the valid range. The range of valid ports is 30000-32767')
    s.create(svc('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), W)
    expect(errorOf(() => s.create(svc('web2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), W))).toBe(
      'The Service "web2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated')
  })
  it('nodePort on a ClusterIP Service (facts 4.2 multi-line rendering)', () => {
    const s = newTestStore()
    expect(errorOf(() => s.create(svc('traefik-ingress-service', { ports: [{ name: 'web', port: 80, nodePort: 30080 }, { name: 'admin', port: 8080, nodePort: 30081 }] }), W))).toBe(
      'The Service "traefik-ingress-service" is invalid: \n' +
      "* spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\n" +
      "* spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")
  })
  it('same port number on two protocols shares one nodePort, and random ports avoid the band', () => {
    const s = newTestStore()
    const o = spec(s.create(svc('dns', { type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }] }), W))
    expect(o.ports[0].nodePort).toBe(o.ports[1].nodePort)
    expect(o.ports[0].nodePort).toBeGreaterThanOrEqual(30086)
  })
  it('keeps nodePorts on update when omitted, drops and releases them on NodePort -> ClusterIP', () => {
    const s = newTestStore()
    s.create(svc('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] }), W)
    const kept = spec(s.update(svc('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }), W))
    expect(kept.ports[0].nodePort).toBe(30080)
    // kubectl apply sends the live nodePort and externalTrafficPolicy back with the new type
    const live = s.get('Service', 'default', 'web')!
    const changed = spec(s.update({ ...live, spec: { ...spec(live), type: 'ClusterIP' } }, W))
    expect(changed.ports[0].nodePort).toBeUndefined()
    expect(changed.externalTrafficPolicy).toBeUndefined()
    s.create(svc('web2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), W)
  })
  it('changing a nodePort releases the old one', () => {
    const s = newTestStore()
    s.create(svc('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), W)
    s.update(svc('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30081 }] }), W)
    expect(errorOf(() => s.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), W))).toBe('')
    expect(errorOf(() => s.create(svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 30081 }] }), W))).toMatch(/already allocated$/)
  })
  it('LoadBalancer with externalTrafficPolicy Local gets a health check node port', () => {
    const s = newTestStore()
    const o = spec(s.create(svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }), W))
    expect(o.healthCheckNodePort).toBeGreaterThanOrEqual(30086)
    expect(o.healthCheckNodePort).not.toBe(o.ports[0].nodePort)
    expect(errorOf(() => s.update(svc('lb', { ...o, healthCheckNodePort: 30001 }), W))).toMatch(/spec.healthCheckNodePort: Forbidden: field is immutable/)
  })
})

describe('Service validation messages (facts 4.5)', () => {
  const s = newTestStore()
  const cases: [string, Record<string, unknown>, string][] = [
    ['no ports', {}, 'spec.ports: Required value'],
    ['ExternalName without name', { type: 'ExternalName' }, 'spec.externalName: Required value'],
    ['ExternalName with clusterIP', { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.96.0.50' }, 'spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
    ['unnamed second port', { ports: [{ name: 'http', port: 80 }, { port: 443 }] }, 'spec.ports[1].name: Required value'],
    ['bad port name', { ports: [{ name: 'Http_Web', port: 80 }] }, "spec.ports[0].name: Invalid value: \"Http_Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
    ['duplicate port name', { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }, 'spec.ports[1].name: Duplicate value: "http"'],
    ['port out of range', { ports: [{ port: 70000, targetPort: 8080 }] }, 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['unknown protocol', { ports: [{ port: 80, protocol: 'ICMP' }] }, 'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ['unknown affinity', { sessionAffinity: 'Cookie', ports: [{ port: 80 }] }, 'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"'],
    ['affinity timeout', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } }, ports: [{ port: 80 }] }, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400'],
    ['unknown type', { type: 'Foo', ports: [{ port: 80 }] }, 'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['ETP on ClusterIP', { externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }, 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    ['healthCheckNodePort misplaced', { type: 'NodePort', healthCheckNodePort: 30000, ports: [{ port: 80 }] }, "spec.healthCheckNodePort: Invalid value: 30000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"],
    ['source ranges on non-LB', { loadBalancerSourceRanges: ['10.0.0.0/8'], ports: [{ port: 80 }] }, "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ['allocateLoadBalancerNodePorts on non-LB', { allocateLoadBalancerNodePorts: true, ports: [{ port: 80 }] }, "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ['duplicate port', { ports: [{ name: 'a', port: 443 }, { name: 'b', port: 443 }] }, 'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:443, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
    ['duplicate nodePort', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30100 }, { name: 'b', port: 81, nodePort: 30100 }] }, 'spec.ports[1].nodePort: Invalid value: 30100: provided port is already allocated'],
  ]
  for (const [name, sp, want] of cases) {
    it(name, () => expect(errorOf(() => s.create(svc('x', sp), W))).toBe(`The Service "x" is invalid: ${want}`))
  }
})
