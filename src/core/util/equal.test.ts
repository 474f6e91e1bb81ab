import { describe, it, expect } from 'vitest'
import { canonicalEqual, jsonEqual } from './equal.ts'
import { canonicalJSON } from '../controller/hash.ts'

const cases: [unknown, unknown][] = [
  [undefined, undefined], [undefined, null], [null, null], [0, -0], [1, '1'], ['a', 'a'], [NaN, null], [Infinity, null],
  [{ a: 1, b: 2 }, { a: 1, b: 2 }], [{ a: 1, b: 2 }, { b: 2, a: 1 }], [{ a: 1, b: undefined }, { a: 1 }],
  [{ a: undefined }, {}], [{}, []], [[], []], [[undefined], [null]], [[1, 2], [1, 2, 3]], [[NaN], [null]],
  [{ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x' }] } }], [{ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } }],
  [{ a: () => 1 }, {}], [{ a: null }, {}], [{ a: null }, { a: undefined }], [true, true], [true, false], [{ a: 1 }, { a: 1, b: 2 }],
  [{ x: 1, a: undefined, b: 2 }, { x: 1, b: 2, c: undefined }], [[{}], [[]]], ['', null], [0, false],
]

describe('jsonEqual', () => {
  it.each(cases.map((c, i) => [i, ...c]))('case %i agrees with JSON.stringify', (_i, a, b) => {
    expect(jsonEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b))
    expect(jsonEqual(b, a)).toBe(JSON.stringify(b) === JSON.stringify(a))
  })
  it('says different key order is a difference, as the string comparison did', () => {
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false)
  })
})

describe('canonicalEqual', () => {
  const pairs: [unknown, unknown][] = [
    ...cases, [{ a: 1, b: 2 }, { b: 2, a: 1 }], [{ a: [{ x: 1, y: 2 }] }, { a: [{ y: 2, x: 1 }] }], [undefined, null], [null, undefined],
    [{ a: 1 }, { b: 1 }], [{ a: undefined, b: 1 }, { b: 1 }], [[1, 2], [2, 1]], [{ ports: null }, { ports: undefined }], [{ p: [] }, { p: {} }],
  ]
  it.each(pairs.map((c, i) => [i, ...c]))('pair %i agrees with canonicalJSON', (_i, a, b) => {
    expect(canonicalEqual(a, b)).toBe(canonicalJSON(a) === canonicalJSON(b))
    expect(canonicalEqual(b, a)).toBe(canonicalJSON(b) === canonicalJSON(a))
  })
})
