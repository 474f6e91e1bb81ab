import { describe, it, expect } from 'vitest'
import { parseSelector, selectorMatches, SelectorParseError } from './label-selector.ts'
import { lab } from './testkit-write.ts'

const err = (s: string) => {
  try {
    parseSelector(s)
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorParseError)
    return (e as Error).message
  }
  throw new Error(`parsed: ${s}`)
}

describe('label selectors (apimachinery labels.Parse)', () => {
  it('parses every operator, sorted by key, and matches as Requirement.Matches', () => {
    expect(parseSelector('tier!=db,app=web, env in (b,a,), !legacy,x,n>3')).toEqual([
      { key: 'legacy', op: '!', values: [] },
      { key: 'app', op: '=', values: ['web'] },
      { key: 'env', op: 'in', values: ['', 'a', 'b'] },
      { key: 'n', op: 'gt', values: ['3'] },
      { key: 'tier', op: '!=', values: ['db'] },
      { key: 'x', op: 'exists', values: [] },
    ].sort((a, b) => (a.key < b.key ? -1 : 1)))
    expect(parseSelector('')).toEqual([])
    expect(parseSelector('a==')).toEqual([{ key: 'a', op: '==', values: [''] }])
    const m = (s: string, l: Record<string, string>) => selectorMatches(parseSelector(s), l)
    expect(m('app=web', { app: 'web' })).toBe(true)
    expect(m('app=web', {})).toBe(false)
    expect(m('app!=web', {})).toBe(true)
    expect(m('env notin (prod)', { env: 'dev' })).toBe(true)
    expect(m('env in (prod,qa)', { env: 'dev' })).toBe(false)
    expect(m('!legacy,app', { app: 'x' })).toBe(true)
    expect(m('n>3', { n: '4' })).toBe(true)
    expect(m('n<3', { n: 'x' })).toBe(false)
    // in/notin are values where a value is expected
    expect(parseSelector('a=in')).toEqual([{ key: 'a', op: '=', values: ['in'] }])
  })
  it("fails with labels.Parse's texts", () => {
    expect(err('app web')).toBe("unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt")
    expect(err('app in web')).toBe("unable to parse requirement: found 'web' expected: '('")
    expect(err('app in (a b)')).toBe("unable to parse requirement: found 'b', expected: ',' or ')'")
    expect(err('app=a=b')).toBe("found '=', expected: ',' or 'end of string'")
    expect(err('a,')).toBe("found '', expected: identifier after ','")
    expect(err(',a')).toBe("found ',', expected: !, identifier, or 'end of string'")
    expect(err('!a=b')).toBe("found '=', expected: ',' or 'end of string'")
    expect(err('a=(')).toBe("unable to parse requirement: found '(', expected: identifier")
    expect(err('-x=1')).toBe(`unable to parse requirement: <nil>: Invalid value: "-x": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`)
    expect(err('a=b.')).toBe(`unable to parse requirement: values[0][a]: Invalid value: "b.": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`)
    expect(err('n>x')).toBe(`unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`)
  })
  it('every verb uses it: list errors come back from the API server, -f errors from the builder', () => {
    const { k } = lab({ '/root/s.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n' })
    const bad = "unable to parse requirement: found 'web' expected: '('"
    expect(k("get pods -l 'app in web'").stderr).toBe(`Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in web", field selector "": ${bad}\n`)
    expect(k("delete deploy -l 'app in web'").stderr).toBe(`Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app in web", field selector "": ${bad}\n`)
    expect(k("label pods -l 'app in web' x=y").stderr).toBe(`Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in web", field selector "": ${bad}\n`)
    expect(k("describe pods -l 'app in web'").stderr).toBe(`Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in web", field selector "": ${bad}\n`)
    expect(k("logs -l 'app in web'").stderr).toBe(`Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in web", field selector "": ${bad}\n`)
    expect(k("delete -f s.yaml -l 'app in web'").stderr).toBe(`error: the provided selector "app in web" is not valid: ${bad}\n`)
    expect(k('get svc -l component=apiserver,provider=kubernetes -o name').stdout).toBe('service/kubernetes\n')
  })
})
