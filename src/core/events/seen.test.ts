import { describe, expect, it } from 'vitest'
import { SeenEvents, type SeenEvent } from './seen.ts'

const ev = (message: string, name: string, reason = 'Pulled', fieldPath = 'spec.containers{web}'): SeenEvent =>
  ({ type: 'Normal', reason, component: 'kubelet', fieldPath, message, name })

describe('SeenEvents', () => {
  it('finds an event only by all of its key fields, per involved object', () => {
    const s = new SeenEvents()
    s.remember('u1', ev('hello', 'p.1'))
    expect(s.find('u1', 'Normal', 'Pulled', 'kubelet', 'spec.containers{web}', 'hello')?.name).toBe('p.1')
    expect(s.find('u2', 'Normal', 'Pulled', 'kubelet', 'spec.containers{web}', 'hello')).toBeUndefined()
    expect(s.find('u1', 'Warning', 'Pulled', 'kubelet', 'spec.containers{web}', 'hello')).toBeUndefined()
    expect(s.find('u1', 'Normal', 'Created', 'kubelet', 'spec.containers{web}', 'hello')).toBeUndefined()
    expect(s.find('u1', 'Normal', 'Pulled', 'scheduler', 'spec.containers{web}', 'hello')).toBeUndefined()
    expect(s.find('u1', 'Normal', 'Pulled', 'kubelet', '', 'hello')).toBeUndefined()
    expect(s.find('u1', 'Normal', 'Pulled', 'kubelet', 'spec.containers{web}', 'other')).toBeUndefined()
  })

  it('replaces the name for the same key (a new event after the old one was gone)', () => {
    const s = new SeenEvents()
    s.remember('u1', ev('hello', 'p.1'))
    s.remember('u1', ev('hello', 'p.2'))
    s.remember('u1', ev('hello', 'p.3', 'Created'))
    expect(s.find('u1', 'Normal', 'Pulled', 'kubelet', 'spec.containers{web}', 'hello')?.name).toBe('p.2')
    expect(s.find('u1', 'Normal', 'Created', 'kubelet', 'spec.containers{web}', 'hello')?.name).toBe('p.3')
  })

  it('keeps answering the same once an object has many events (list becomes a map by message)', () => {
    const s = new SeenEvents()
    for (let i = 0; i < 40; i++) s.remember('u1', ev(`m${i % 20}`, `p.${i}`, i < 20 ? 'A' : 'B'))
    for (let i = 0; i < 40; i++) expect(s.find('u1', 'Normal', i < 20 ? 'A' : 'B', 'kubelet', 'spec.containers{web}', `m${i % 20}`)?.name).toBe(`p.${i}`)
    s.remember('u1', ev('m3', 'p.again', 'A'))
    expect(s.find('u1', 'Normal', 'A', 'kubelet', 'spec.containers{web}', 'm3')?.name).toBe('p.again')
    expect(s.find('u1', 'Normal', 'C', 'kubelet', 'spec.containers{web}', 'm3')).toBeUndefined()
  })
})
