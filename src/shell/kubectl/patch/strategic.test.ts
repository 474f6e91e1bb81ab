import { describe, it, expect } from 'vitest'
import { strategicMergePatch, StrategicPatchError } from './strategic.ts'
import { schemaFor } from './patchmeta.ts'

const svc = { kind: 'Service', spec: { ports: [{ port: 80, name: 'a' }, { port: 443, name: 'b' }], externalIPs: ['1.1.1.1'] } }
const smp = (o: Record<string, unknown>, p: Record<string, unknown>) => strategicMergePatch(o, p, schemaFor(String(o.kind)))

describe('strategic merge patch', () => {
  it('merges Service ports by port, new items first; untagged lists are replaced', () => {
    const out = smp(svc, { spec: { ports: [{ port: 8080 }, { port: 443, nodePort: 30443 }], externalIPs: ['2.2.2.2'] } }) as typeof svc
    expect(out.spec.ports).toEqual([{ port: 8080 }, { port: 80, name: 'a' }, { port: 443, name: 'b', nodePort: 30443 }])
    expect(out.spec.externalIPs).toEqual(['2.2.2.2'])
    expect(svc.spec.ports).toHaveLength(2)
  })
  it('puts items that are all in the patch in patch order, and $setElementOrder reorders (checked with kubectl --local)', () => {
    const out = smp(svc, { spec: { ports: [{ port: 443, name: 'B' }, { port: 80, name: 'A' }] } }) as typeof svc
    expect(out.spec.ports.map((p) => p.name)).toEqual(['B', 'A'])
    const ordered = smp(svc, { spec: { '$setElementOrder/ports': [{ port: 443 }, { port: 80 }] } }) as typeof svc
    expect(ordered.spec.ports.map((p) => p.port)).toEqual([443, 80])
    const both = smp(svc, { spec: { '$setElementOrder/ports': [{ port: 443 }, { port: 80 }], ports: [{ port: 80, name: 'z' }] } }) as typeof svc
    expect(both.spec.ports.map((p) => p.name)).toEqual(['b', 'z'])
  })
  it('$patch: delete on a map empties it; an unknown directive is the library error', () => {
    expect(smp({ kind: 'Service', spec: { selector: { app: 'x' } } }, { spec: { selector: { $patch: 'delete' } } })).toEqual({ kind: 'Service', spec: { selector: {} } })
    expect(() => smp(svc, { spec: { $patch: 'x' } })).toThrow(new StrategicPatchError('unknown patch type: x in map: map[$patch:x]'))
  })
  it('$retainKeys must list every key the patch sets', () => {
    const d = { kind: 'Deployment', spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }
    expect(() => smp(d, { spec: { strategy: { $retainKeys: ['x'], type: 'Recreate' } } })).toThrow('invalid patch format of retainKeys')
  })
})
