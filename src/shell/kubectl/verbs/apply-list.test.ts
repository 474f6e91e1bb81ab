import { describe, it, expect } from 'vitest'
import { lab } from '../testkit-write.ts'

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`

describe('kubectl apply -o yaml with several objects', () => {
  it('prints a List whose metadata is `resourceVersion: ""`, as kubectl does', () => {
    const { k } = lab({ '/root/two.yaml': CM('one') + '---\n' + CM('two') })
    const out = k('apply -f two.yaml --dry-run=client -o yaml')
    expect(out.stderr).toBe('')
    expect(out.stdout.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true)
    expect(out.stdout.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true)
  })
})
