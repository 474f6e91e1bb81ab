import { describe, it, expect } from 'vitest'
import { base32, sha256 } from './hash.ts'
import { servicePortEndpointChain, servicePortPolicyClusterChain, servicePortPolicyLocalChain, serviceExternalChain, serviceFirewallChain } from './chains.ts'

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')

describe('sha256 + base32', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1')
    expect(hex(sha256('a'.repeat(1000)))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3')
  })
  it('base32 follows RFC 4648 test vectors', () => {
    const enc = (s: string) => base32(new TextEncoder().encode(s))
    expect(enc('f')).toBe('MY======')
    expect(enc('fo')).toBe('MZXQ====')
    expect(enc('foobar')).toBe('MZXW6YTBOI======')
  })
})

describe('chain names (facts 1.1 worked example 1, from proxier_test.go)', () => {
  it('names service-port chains', () => {
    expect(servicePortPolicyClusterChain('ns1/svc1:p80', 'tcp')).toBe('KUBE-SVC-XPGD46QRK7WJZT7O')
    expect(servicePortPolicyLocalChain('ns1/svc1:p80', 'tcp')).toBe('KUBE-SVL-XPGD46QRK7WJZT7O')
    expect(serviceExternalChain('ns1/svc1:p80', 'tcp')).toBe('KUBE-EXT-XPGD46QRK7WJZT7O')
    expect(serviceFirewallChain('ns1/svc1:p80', 'tcp')).toBe('KUBE-FW-XPGD46QRK7WJZT7O')
    expect(servicePortPolicyClusterChain('ns1/svc1', 'tcp')).toBe('KUBE-SVC-AQI2S6QIMU7PVVRP')
  })
  it('names endpoint chains', () => {
    expect(servicePortEndpointChain('ns1/svc1', 'tcp', '10.0.1.1:80')).toBe('KUBE-SEP-3JOIVZTXZZRGORX4')
    expect(servicePortEndpointChain('ns1/svc1:p80', 'tcp', '[ff06::c1]:80')).toBe('KUBE-SEP-LIGRYQQLSZN4UWQ5')
  })
  it('names the chains every cluster has (seen on real clusters)', () => {
    expect(servicePortPolicyClusterChain('default/kubernetes:https', 'tcp')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y')
    expect(servicePortPolicyClusterChain('kube-system/kube-dns:dns', 'udp')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU')
    expect(servicePortPolicyClusterChain('project-hamster/p2-service', 'tcp')).toBe('KUBE-SVC-U5ZRKF27Y7YDAZTN')
    expect(servicePortEndpointChain('project-hamster/p2-service', 'tcp', '10.44.0.31:80')).toBe('KUBE-SEP-55IRFJIRWHLCQ6QX')
  })
})
