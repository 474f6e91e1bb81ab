import { describe, expect, it } from 'vitest'
import { Store, type Change } from '../apiserver/store.ts'
import { registerStrategies } from '../apiserver/registry.ts'
import { createManualClock } from '../util/clock.ts'
import { createRng } from '../util/rand.ts'
import { ControllerManager, type Controller } from './manager.ts'

function setup() {
  const clock = createManualClock()
  const store = new Store({ rng: createRng(1), clock, settings: { serviceCIDR: '10.96.0.0/12', nodePortRange: { base: 30000, size: 2768 }, version: 'v1.32.0', clusterDomain: 'cluster.local' } })
  registerStrategies(store)
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }, { cause: 'test' })
  return { store, manager: new ControllerManager(store, clock) }
}

/** a controller that logs what onChange saw */
function spy(name: string, seen: string[], watches?: string[]): Controller {
  return { name, ...(watches ? { watches } : {}), onChange: (c: Change) => { seen.push(`${name}:${c.object.kind}`) }, reconcile: () => {} }
}

describe('ControllerManager fan-out', () => {
  it('calls onChange only for the kinds a controller watches, all kinds when it declares none, in registration order', () => {
    const { store, manager } = setup()
    const seen: string[] = []
    manager.register(spy('svc', seen, ['Service']))
    manager.register(spy('all', seen))
    manager.register(spy('cm', seen, ['ConfigMap', 'Service']))
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: {} }, { cause: 'test' })
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ port: 80 }] } }, { cause: 'test' })
    store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'default' } }, { cause: 'test' })
    expect(seen).toEqual(['all:ConfigMap', 'cm:ConfigMap', 'svc:Service', 'all:Service', 'cm:Service', 'all:Secret'])
  })

  it('routes a kind seen before registration to a controller registered later', () => {
    const { store, manager } = setup()
    const seen: string[] = []
    manager.register(spy('a', seen, ['ConfigMap']))
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: {} }, { cause: 'test' })
    manager.register(spy('b', seen, ['ConfigMap']))
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' }, data: {} }, { cause: 'test' })
    expect(seen).toEqual(['a:ConfigMap', 'a:ConfigMap', 'b:ConfigMap'])
  })
})

describe('Store.kindVersion', () => {
  it('changes with every create, update and delete of that kind only', () => {
    const { store } = setup()
    const v0 = store.kindVersion('Service'), c0 = store.kindVersion('ConfigMap')
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ port: 80 }] } }, { cause: 'test' })
    const v1 = store.kindVersion('Service')
    expect(v1).not.toBe(v0)
    const s = store.get('Service', 'default', 's')!
    store.update({ ...s, metadata: { ...s.metadata, labels: { a: 'b' } } }, { cause: 'test' })
    const v2 = store.kindVersion('Service')
    expect(v2).not.toBe(v1)
    store.delete('Service', 'default', 's', { cause: 'test' })
    expect(store.kindVersion('Service')).not.toBe(v2)
    expect(store.kindVersion('ConfigMap')).toBe(c0)
  })
})
