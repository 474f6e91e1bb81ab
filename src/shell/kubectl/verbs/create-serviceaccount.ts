// kubectl create serviceaccount NAME: a v1 ServiceAccount (API errors print as they are, like create namespace).

import type { KubeObject } from '../../../core/api/types.ts'
import type { Verb } from '../verb.ts'
import { GENERATOR_FLAGS } from '../dryrun.ts'
import { createGenerated, guarded, metaNamespace, nameArg } from './create-common.ts'

export function buildServiceAccount(name: string, namespace: { namespace?: string }): KubeObject {
  return {
    apiVersion: 'v1', kind: 'ServiceAccount',
    metadata: { creationTimestamp: null, name, ...namespace } as unknown as KubeObject['metadata'],
  }
}

export const createServiceAccount: Verb = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  group: '',
  help: `Create a service account with the specified name.

Aliases:
serviceaccount, sa

Examples:
  # Create a new service account named my-service-account
  kubectl create serviceaccount my-service-account

Usage:
  kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]`,
  flags: [...GENERATOR_FLAGS],
  run: (inv) => guarded(inv, () => createGenerated(inv, buildServiceAccount(nameArg(inv), metaNamespace(inv)))),
}
