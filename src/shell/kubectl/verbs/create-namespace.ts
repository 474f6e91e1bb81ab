// kubectl create namespace NAME: a v1 Namespace (API errors print as they are, without a `failed to create` prefix).

import type { KubeObject } from '../../../core/api/types.ts'
import type { Verb } from '../verb.ts'
import { GENERATOR_FLAGS } from '../dryrun.ts'
import { createGenerated, guarded, nameArg } from './create-common.ts'

export function buildNamespace(name: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { creationTimestamp: null, name } as unknown as KubeObject['metadata'],
    spec: {}, status: {},
  }
}

export const createNamespace: Verb = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  group: '',
  help: `Create a namespace with the specified name.

Aliases:
namespace, ns

Examples:
  # Create a new namespace named my-namespace
  kubectl create namespace my-namespace

Usage:
  kubectl create namespace NAME [--dry-run=server|client|none] [options]`,
  flags: [...GENERATOR_FLAGS],
  run: (inv) => guarded(inv, () => createGenerated(inv, buildNamespace(nameArg(inv)))),
}
