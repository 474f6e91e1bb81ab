// kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key=value] [--from-env-file=source].

import type { KubeObject } from '../../../core/api/types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr } from '../flags.ts'
import { CliError } from '../aggregate.ts'
import { GENERATOR_FLAGS } from '../dryrun.ts'
import { createGenerated, guarded, metaNamespace, nameArg } from './create-common.ts'
import { sliceFlag } from './create-deployment.ts'
import { configKeyErrors, parseLiteral, readEnvFile, readFileSource, sortedRecord } from './create-sources.ts'

export function buildConfigMap(inv: Invocation, name: string): KubeObject {
  const files = sliceFlag(inv, 'from-file'), literals = arr(inv.flags, 'from-literal'), envFiles = sliceFlag(inv, 'from-env-file')
  if (envFiles.length && (files.length || literals.length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal')
  const data = new Map<string, string>()
  const add = (key: string, value: string) => {
    const errs = configKeyErrors(key)
    if (errs.length) throw new CliError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`)
    if (data.has(key)) throw new CliError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`)
    data.set(key, value)
  }
  for (const f of files) for (const [k, v] of readFileSource(inv.ctx, f)) add(k, v)
  for (const l of literals) add(...parseLiteral(l))
  for (const e of envFiles) for (const [k, v] of readEnvFile(inv.ctx, e, 'config')) add(k, v)
  const obj: Record<string, unknown> = { apiVersion: 'v1' }
  if (data.size) obj.data = sortedRecord(data)
  obj.kind = 'ConfigMap'
  obj.metadata = { creationTimestamp: null, name, ...metaNamespace(inv) }
  return obj as unknown as KubeObject
}

export const createConfigMap: Verb = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  group: '',
  help: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).

Aliases:
configmap, cm

Examples:
  # Create a new config map named my-config based on folder bar
  kubectl create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config with specified keys instead of file basenames on disk
  kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt
  
  # Create a new config map named my-config with key1=config1 and key2=config2
  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2
  
  # Create a new config map named my-config from the key=value pairs in the file
  kubectl create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config from an env file
  kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env

Usage:
  kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]`,
  flags: [
    { name: 'from-file', type: 'stringArray', usage: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
    { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
    { name: 'from-env-file', type: 'stringArray', usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
    { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the configmap to its name.' },
    ...GENERATOR_FLAGS,
  ],
  run: (inv) => guarded(inv, () => {
    const name = nameArg(inv)
    return createGenerated(inv, buildConfigMap(inv, name), 'failed to create configmap')
  }),
}
