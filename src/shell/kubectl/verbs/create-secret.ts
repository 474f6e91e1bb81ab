// kubectl create secret generic|tls NAME: Secret data from literals, files and env files, or a TLS pair whose
// PEM blocks are checked as crypto/tls.X509KeyPair checks them (the lab does not parse the DER inside).

import type { KubeObject } from '../../../core/api/types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr, str } from '../flags.ts'
import { CliError } from '../aggregate.ts'
import { GENERATOR_FLAGS } from '../dryrun.ts'
import { createGenerated, guarded, metaNamespace, nameArg } from './create-common.ts'
import { sliceFlag } from './create-deployment.ts'
import { groupRun } from './create-service.ts'
import { base64, configKeyErrors, parseLiteral, readEnvFile, readFileSource, sortedRecord } from './create-sources.ts'
import { keyPairMismatch } from '../../tools/pki/pair.ts'

function secretObject(inv: Invocation, name: string, type: string, data: Map<string, string>): KubeObject {
  const obj: Record<string, unknown> = { apiVersion: 'v1' }
  if (data.size) {
    const enc = new Map([...data].map(([k, v]) => [k, base64(v)]))
    obj.data = sortedRecord(enc)
  }
  obj.kind = 'Secret'
  obj.metadata = { creationTimestamp: null, name, ...metaNamespace(inv) }
  if (type) obj.type = type
  return obj as unknown as KubeObject
}

export function buildGenericSecret(inv: Invocation, name: string): KubeObject {
  const files = sliceFlag(inv, 'from-file'), literals = arr(inv.flags, 'from-literal'), envFiles = sliceFlag(inv, 'from-env-file')
  if (envFiles.length && (files.length || literals.length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal')
  const data = new Map<string, string>()
  const add = (key: string, value: string) => {
    const errs = configKeyErrors(key)
    if (errs.length) throw new CliError(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`)
    if (data.has(key)) throw new CliError(`cannot add key ${key}, another key by that name already exists`)
    data.set(key, value)
  }
  for (const l of literals) add(...parseLiteral(l))
  for (const f of files) for (const [k, v] of readFileSource(inv.ctx, f)) add(k, v)
  for (const e of envFiles) for (const [k, v] of readEnvFile(inv.ctx, e, 'secret')) add(k, v)
  return secretObject(inv, name, str(inv.flags, 'type'), data)
}

/** The types of the PEM blocks in a text, in order (pem.Decode's view, without decoding the bodies). */
export function pemBlockTypes(text: string): string[] {
  const out: string[] = []
  const re = /-----BEGIN ([^-\n]*)-----[\s\S]*?-----END \1-----/g
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1])
  return out
}

/** The checks of tls.X509KeyPair that the lab can make, with Go's error texts. */
export function checkKeyPair(cert: string, key: string): void {
  const certTypes = pemBlockTypes(cert)
  if (!certTypes.includes('CERTIFICATE')) {
    if (certTypes.length === 0) throw new CliError('tls: failed to find any PEM data in certificate input')
    if (certTypes.length === 1 && certTypes[0].endsWith('PRIVATE KEY')) {
      throw new CliError('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched')
    }
    throw new CliError(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certTypes.join(' ')}]`)
  }
  const skipped: string[] = []
  for (const t of pemBlockTypes(key)) {
    if (t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY')) return
    skipped.push(t)
  }
  if (skipped.length === 0) throw new CliError('tls: failed to find any PEM data in key input')
  if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') throw new CliError('tls: found a certificate rather than a key in the PEM for the private key')
  throw new CliError(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`)
}

function readTlsFile(inv: Invocation, path: string): string {
  const c = inv.ctx.fs.exists(path) && !inv.ctx.fs.isDir(path) ? inv.ctx.fs.read(path) : undefined
  if (c === undefined) {
    const why = inv.ctx.fs.isDir(path) ? 'is a directory' : 'no such file or directory'
    throw new CliError(`Cannot read file ${path}, ${inv.ctx.fs.isDir(path) ? 'read' : 'open'} ${path}: ${why}`)
  }
  return c
}

export function buildTlsSecret(inv: Invocation, name: string): KubeObject {
  const certPath = str(inv.flags, 'cert'), keyPath = str(inv.flags, 'key')
  if (!certPath || !keyPath) throw new CliError('key and cert must be specified')
  const cert = readTlsFile(inv, certPath)
  const key = readTlsFile(inv, keyPath)
  checkKeyPair(cert, key)
  const mismatch = keyPairMismatch(cert, key)
  if (mismatch) throw new CliError(mismatch)
  return secretObject(inv, name, 'kubernetes.io/tls', new Map([['tls.crt', cert], ['tls.key', key]]))
}

const generic: Verb = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  group: '',
  help: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).

Examples:
  # Create a new secret named my-secret with keys for each file in folder bar
  kubectl create secret generic my-secret --from-file=path/to/bar
  
  # Create a new secret named my-secret with specified keys instead of names on disk
  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub
  
  # Create a new secret named my-secret with key1=supersecret and key2=topsecret
  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret
  
  # Create a new secret named my-secret using a combination of a file and a literal
  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret
  
  # Create a new secret named my-secret from env files
  kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env

Usage:
  kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]`,
  flags: [
    { name: 'from-file', type: 'stringArray', usage: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.' },
    { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
    { name: 'from-env-file', type: 'stringArray', usage: 'Specify the path to a file to read lines of key=val pairs to create a secret.' },
    { name: 'type', type: 'string', default: '', usage: 'The type of secret to create' },
    { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the secret to its name.' },
    ...GENERATOR_FLAGS,
  ],
  run: (inv) => guarded(inv, () => {
    const name = nameArg(inv)
    return createGenerated(inv, buildGenericSecret(inv, name), 'failed to create secret')
  }),
}

const tls: Verb = {
  name: 'tls',
  short: 'Create a TLS secret',
  group: '',
  help: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.

Examples:
  # Create a new TLS secret named tls-secret with the given key pair
  kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key

Usage:
  kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]`,
  flags: [
    { name: 'cert', type: 'string', default: '', usage: 'Path to PEM encoded public key certificate.' },
    { name: 'key', type: 'string', default: '', usage: 'Path to private key associated with given certificate.' },
    { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the secret to its name.' },
    ...GENERATOR_FLAGS,
  ],
  run: (inv) => guarded(inv, () => {
    const name = nameArg(inv)
    return createGenerated(inv, buildTlsSecret(inv, name), 'failed to create secret')
  }),
}

export const createSecret: Verb = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  group: '',
  help: `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]`,
  flags: [],
  subcommands: [generic, tls],
  run: groupRun(() => createSecret),
}
