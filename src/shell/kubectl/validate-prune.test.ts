import { describe, it, expect } from 'vitest'
import { lab } from './testkit-write.ts'
import { pruneUnknownFields } from '../../core/api/prune.ts'

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
  labelz:
    a: b
spec:
  selector:
    app: web
  ports:
  - port: 80
    protocl: TCP
`

describe('unknown fields are dropped by the API server', () => {
  it('pruneUnknownFields removes them at every depth and keeps maps and known fields', () => {
    const obj = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', labels: { 'weird.key': 'v' }, bogus: 1 }, spec: { ports: [{ port: 80, protocl: 'TCP' }], selector: { app: 'x' } } }
    expect(pruneUnknownFields(obj)).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', labels: { 'weird.key': 'v' } }, spec: { ports: [{ port: 80 }], selector: { app: 'x' } } })
    expect(obj.metadata.bogus).toBe(1)
    const clean = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }
    expect(pruneUnknownFields(clean)).toBe(clean)
  })
  it('apply --validate=warn warns, then stores the object without them; create --validate=false too', () => {
    const { k, cluster } = lab({ '/root/svc.yaml': SVC })
    expect(k('apply -f svc.yaml --validate=warn')).toEqual({
      stdout: 'service/web created\n', exitCode: 0,
      stderr: 'Warning: unknown field "metadata.labelz"\nWarning: unknown field "spec.ports[0].protocl"\n',
    })
    const svc = cluster.store.get('Service', 'default', 'web')!
    expect('labelz' in svc.metadata).toBe(false)
    expect((svc.spec as { ports: object[] }).ports[0]).toEqual({ port: 80, protocol: 'TCP', targetPort: 80 })
    // only kubectl's last-applied annotation (a string it computed client-side) still mentions them
    const yaml = k('get svc web -o yaml').stdout
    expect(yaml.split('\n').filter((l) => /labelz|protocl/.test(l)).map((l) => l.trim().slice(0, 40))).toEqual([
      '{"apiVersion":"v1","kind":"Service","met',
    ])
    expect(k('create -f svc.yaml --validate=false -n kube-public')).toEqual({ stdout: 'service/web created\n', stderr: '', exitCode: 0 })
    expect(cluster.store.get('Service', 'kube-public', 'web')!.metadata).not.toHaveProperty('labelz')
  })
})
