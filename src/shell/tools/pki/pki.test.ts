// The PKI commands end to end in a node shell: real, parseable PEM, deterministic for a seed, the texts of
// OpenSSL 3.0 / 1.0.2 and cfssl, and kubectl's key-pair check.

import { describe, expect, it } from 'vitest'
import { run, testShell } from '../../test-helpers.ts'
import { parseCertificatePem } from '../../../core/ingress/x509.ts'
import { pemBlocksOf } from './io.ts'
import { parseCertificate } from './x509.ts'
import { verify } from './keys.ts'

const REQ = 'openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=foo.bar.com/O=foo.bar.com" -addext "subjectAltName=DNS:foo.bar.com"'
const mask = (s: string) => s.replace(/^ {8,}[0-9a-f]{2}(:[0-9a-f]{2})*:?$/gm, '        XX').replace(/(\n        XX)+/g, '\n        XX')

describe('openssl (3.0, kubeadm nodes)', () => {
  it('req -x509 writes a self-signed certificate the ingress parser and a verifier accept', () => {
    const sh = testShell()
    const r = run(sh, REQ)
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^[.+*]+\n[.+*]+\n-----\n$/)
    expect(r.stderr).toMatch(/\+{65}\*/) // an auxiliary prime: trial division + 64 Miller-Rabin rounds, then found
    expect(sh.fs.read('tls.key')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/)
    const info = parseCertificatePem(sh.fs.read('tls.crt')!)!
    expect(info.dnsNames).toEqual(['foo.bar.com'])
    expect(info.selfSigned).toBe(true)
    const c = parseCertificate(pemBlocksOf(sh.fs.read('tls.crt')!)[0].der)
    expect(verify(c.publicKey, c.sigAlg, c.tbs, c.signature)).toBe(true)
    const text = run(sh, 'openssl x509 -in tls.crt -noout -text').stdout
    expect(mask(text).split('\n').filter((l) => !/Serial|Not |Key Identifier|^ {16}[0-9A-F:]+$/.test(l)).join('\n')).toBe(`Certificate:
    Data:
        Version: 3 (0x2)
        XX
        Signature Algorithm: sha256WithRSAEncryption
        Issuer: CN = foo.bar.com, O = foo.bar.com
        Validity
        Subject: CN = foo.bar.com, O = foo.bar.com
        Subject Public Key Info:
            Public Key Algorithm: rsaEncryption
                Public-Key: (2048 bit)
                Modulus:
        XX
                Exponent: 65537 (0x10001)
        X509v3 extensions:
            X509v3 Basic Constraints: critical
                CA:TRUE
            X509v3 Subject Alternative Name: 
                DNS:foo.bar.com
    Signature Algorithm: sha256WithRSAEncryption
    Signature Value:
        XX
`)
    expect(run(sh, 'openssl x509 -in tls.crt -noout -subject -enddate').stdout).toBe('subject=CN = foo.bar.com, O = foo.bar.com\nnotAfter=Jan  1 00:00:05 2027 GMT\n')
  })

  it('the same seed and commands give the same files', () => {
    const a = testShell(), b = testShell()
    run(a, REQ); run(b, REQ)
    expect(a.fs.read('tls.key')).toBe(b.fs.read('tls.key'))
    expect(a.fs.read('tls.crt')).toBe(b.fs.read('tls.crt'))
  })

  it('signs a request with a CA, keeps the serial file, and kubectl checks the pair', () => {
    const sh = testShell()
    run(sh, 'openssl genrsa -out ca.key 2048', 'openssl req -x509 -new -nodes -key ca.key -subj "/CN=myca" -days 3650 -out ca.crt',
      'openssl ecparam -name prime256v1 -genkey -noout -out x.key', 'openssl req -new -key x.key -out x.csr -subj "/CN=x.foo.com"')
    sh.fs.write('ext', 'subjectAltName = @alt\n[alt]\nDNS.1 = x.foo.com\nIP.1 = 10.0.0.1\n')
    const r = run(sh, 'openssl x509 -req -in x.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out x.crt -days 365 -extfile ext')
    expect(r.stderr).toBe('Certificate request self-signature ok\nsubject=CN = x.foo.com\n')
    const serial = sh.fs.read('ca.srl')!.trim()
    expect(run(sh, 'openssl x509 -in x.crt -noout -serial -issuer').stdout).toBe(`serial=${serial}\nissuer=CN = myca\n`)
    const ca = parseCertificate(pemBlocksOf(sh.fs.read('ca.crt')!)[0].der), leaf = parseCertificate(pemBlocksOf(sh.fs.read('x.crt')!)[0].der)
    expect(verify(ca.publicKey, leaf.sigAlg, leaf.tbs, leaf.signature)).toBe(true)
    expect(parseCertificatePem(sh.fs.read('x.crt')!)!.ipAddresses).toEqual(['10.0.0.1'])
    expect(run(sh, 'kubectl create secret tls good --cert=x.crt --key=x.key --dry-run=client -o name').stdout).toBe('secret/good\n')
    expect(run(sh, 'kubectl create secret tls bad --cert=x.crt --key=ca.key').stderr).toBe('error: tls: private key type does not match public key type\n')
  })

  it('answers unknown commands and missing files as OpenSSL 3.0 does', () => {
    const sh = testShell()
    expect(run(sh, 'openssl foo').stderr).toBe('Invalid command \'foo\'; type "help" for a list.\n')
    expect(run(sh, 'openssl x509 -in nope -noout -text').stderr).toMatch(/^Could not open file or uri for loading certificate from nope\n[\s\S]*Unable to load certificate\n$/)
  })
})

describe('openssl (1.0.2k, binary profile)', () => {
  it('prints the old status lines and keys', () => {
    const sh = testShell('binary')
    const r = run(sh, 'openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=foo.bar.com"')
    expect(r.stderr).toMatch(/^Generating a 2048 bit RSA private key\n\.+\+\+\+\n\.+\+\+\+\nwriting new private key to 'tls.key'\n-----\n$/)
    expect(run(sh, 'openssl x509 -in tls.crt -noout -subject').stdout).toBe('subject= /CN=foo.bar.com\n')
    expect(run(sh, 'openssl genrsa 2048').stdout).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/)
  })
})

describe('cfssl', () => {
  it('makes a CA and a server certificate as binary-install tutorials do', () => {
    const sh = testShell('binary')
    sh.fs.write('ca-csr.json', '{"CN":"kubernetes","names":[{"C":"CN","ST":"BeiJing","L":"BeiJing","O":"k8s","OU":"System"}]}')
    sh.fs.write('ca-config.json', '{"signing":{"default":{"expiry":"87600h"},"profiles":{"kubernetes":{"expiry":"87600h","usages":["signing","key encipherment","server auth","client auth"]}}}}')
    sh.fs.write('server-csr.json', '{"CN":"kubernetes","hosts":["10.0.0.1","kubernetes.default"],"key":{"algo":"rsa","size":2048}}')
    const ca = run(sh, 'cfssl gencert -initca ca-csr.json | cfssljson -bare ca')
    expect(ca.stderr.replace(/\d{10,}/, 'N')).toBe([
      'generating a new CA key and certificate from CSR', 'generate received request', 'received CSR', 'generating key: ecdsa-256', 'encoded CSR',
      'signed certificate with serial number N'].map((l) => `2026/01/01 00:00:05 [INFO] ${l}\n`).join(''))
    expect(sh.fs.read('ca-key.pem')).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/)
    expect(sh.fs.read('ca.csr')).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/)
    const s = run(sh, 'cfssl gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes server-csr.json | cfssljson -bare server')
    expect(s.stderr).toContain('[INFO] generating key: rsa-2048\n')
    expect(s.stderr).not.toContain('WARNING')
    const leaf = parseCertificatePem(sh.fs.read('server.pem')!)!
    expect([leaf.dnsNames, leaf.ipAddresses, leaf.notBefore]).toEqual([['kubernetes.default'], ['10.0.0.1'], Date.UTC(2025, 11, 31, 23, 55, 0)])
    const caC = parseCertificate(pemBlocksOf(sh.fs.read('ca.pem')!)[0].der), c = parseCertificate(pemBlocksOf(sh.fs.read('server.pem')!)[0].der)
    expect(verify(caC.publicKey, c.sigAlg, c.tbs, c.signature)).toBe(true)
    expect(JSON.parse(run(sh, 'cfssl certinfo -cert server.pem').stdout).sans).toEqual(['kubernetes.default', '10.0.0.1'])
    expect(run(sh, 'cfssl print-defaults csr').stdout).toContain('"CN": "example.net"')
  })
})
