// kubectl create deployment NAME --image=IMAGE [--replicas] [--port] [-- COMMAND]: builds an apps/v1 Deployment
// exactly as kubectl's createDeployment does (labels app=NAME, one container per image).

import type { KubeObject } from '../../../core/api/types.ts'
import { K8S_NAME_ALPHABET } from '../../../core/util/rand.ts'
import type { Verb, Invocation } from '../verb.ts'
import { arr, int } from '../flags.ts'
import { CliError } from '../aggregate.ts'
import { GENERATOR_FLAGS } from '../dryrun.ts'
import { createGenerated, guarded, metaNamespace, nameArg } from './create-common.ts'

/** StringSlice flags split their values on commas. */
export function sliceFlag(inv: Invocation, name: string): string[] {
  return arr(inv.flags, name).flatMap((v) => v.split(',')).filter((v) => v !== '')
}

/** The container name kubectl derives from an image: last path element, tag and digest removed. */
export function containerName(image: string, suffix: () => string): string {
  let name = image.split('/').pop() ?? image
  if (name.includes(':')) name = name.split(':')[0]
  if (name.includes('@')) name = name.split('@')[0]
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${suffix()}`
  return name
}

export function buildDeployment(inv: Invocation, name: string, images: string[], command: string[]): KubeObject {
  const labels = { app: name }
  const port = int(inv.flags, 'port')
  const containers = images.map((image) => {
    const c: Record<string, unknown> = {}
    if (command.length) c.command = [...command]
    c.image = image
    c.name = containerName(image, () => inv.ctx.cluster.rng.string(5, K8S_NAME_ALPHABET))
    c.resources = {}
    return c
  })
  if (port >= 0 && containers.length) {
    const c0 = containers[0]
    containers[0] = { ...(c0.command ? { command: c0.command } : {}), image: c0.image, name: c0.name, ports: [{ containerPort: port }], resources: {} }
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { creationTimestamp: null, labels: { ...labels }, name, ...metaNamespace(inv) } as unknown as KubeObject['metadata'],
    spec: {
      replicas: int(inv.flags, 'replicas'),
      selector: { matchLabels: { ...labels } },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
    },
    status: {},
  }
}

export const createDeployment: Verb = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  group: '',
  help: `Create a deployment with the specified name.

Aliases:
deployment, deploy

Examples:
  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox
  
  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date
  
  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3
  
  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701
  
  # Create a deployment named my-dep that runs multiple containers
  kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx

Usage:
  kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]`,
  flags: [
    { name: 'image', type: 'stringArray', required: true, usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
    ...GENERATOR_FLAGS,
  ],
  run: (inv) => guarded(inv, () => {
    const name = nameArg(inv)
    const images = sliceFlag(inv, 'image')
    const command = inv.flags.afterDash ?? []
    if (images.length > 1 && command.length > 0) throw new CliError('cannot specify multiple --image options and command')
    return createGenerated(inv, buildDeployment(inv, name, images, command), 'failed to create deployment')
  }),
}
