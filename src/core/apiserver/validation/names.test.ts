import { describe, it, expect } from 'vitest'
import { isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from './names.ts'

describe('name formats (facts 4.6)', () => {
  it('DNS-1035 label, with the two spaces before `or`', () => {
    expect(isDNS1035Label('My_Svc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ])
    expect(isDNS1035Label('1web')).toHaveLength(1)
    expect(isDNS1123Label('1web')).toEqual([])
    expect(isDNS1035Label('a'.repeat(64))).toEqual(['must be no more than 63 characters'])
  })
  it('DNS-1123 label and subdomain', () => {
    expect(isDNS1123Label('Http_Web')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ])
    expect(isDNS1123Subdomain('Web.example')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ])
    expect(isDNS1123Subdomain('web.example.com')).toEqual([])
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters'])
  })
  it('label keys and values', () => {
    expect(isQualifiedName('app name')).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ])
    expect(isQualifiedName('example.com/app')).toEqual([])
    expect(isQualifiedName('/app')).toEqual(['prefix part must be non-empty'])
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/)
    expect(isValidLabelValue('v 1')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ])
    expect(isValidLabelValue('')).toEqual([])
  })
  it('config keys', () => {
    expect(isConfigMapKey('bad key')).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ])
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"])
    expect(isConfigMapKey('..x')).toEqual(["must not start with '..'"])
  })
  it('ports', () => {
    expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive'])
    expect(isValidPortNum(65535)).toEqual([])
    expect(isValidPortName('HTTP')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)'])
    expect(isValidPortName('http-web-frontend')).toEqual(['must be no more than 15 characters'])
  })
})
