// kubectl create service clusterip|nodeport|loadbalancer|externalname NAME: builds a Service as kubectl's
// ServiceOptions.createService does (port names `<port>-<targetPort>`, labels and selector app=NAME).

import type { KubeObject } from '../../../core/api/types.ts'
import type { CommandResult } from '../../types.ts'
import type { Verb, Invocation } from '../verb.ts'
import { int, str } from '../flags.ts'
import { usageError } from '../errors.ts'
import { verbHelp } from '../help.ts'
import { CliError } from '../aggregate.ts'
import { GENERATOR_FLAGS } from '../dryrun.ts'
import { createGenerated, guarded, metaNamespace, nameArg } from './create-common.ts'
import { sliceFlag } from './create-deployment.ts'

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** strconv.ParseUint(s, 10, 16) as utilsnet.ParsePort uses it. */
function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`)
  const n = Number(s)
  if (n > 65535) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`)
  return n
}

/** validation.IsValidPortName */
export function portNameErrors(p: string): string[] {
  const errs: string[] = []
  if (p.length > 15) errs.push('must be no more than 15 characters')
  if (!/^[-a-z0-9]+$/.test(p)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(p)) errs.push('must contain at least one letter (a-z)')
  if (p.includes('--')) errs.push('must not contain consecutive hyphens (-)')
  if (p.length > 0 && (p[0] === '-' || p[p.length - 1] === '-')) errs.push('must not begin or end with a hyphen (-)')
  return errs
}

function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const parts = spec.split(':')
  const port = parsePort(parts[0])
  if (parts.length === 1) return { port, targetPort: port }
  const t = parts[1]
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t)
    if (n < 1 || n > 65535) throw new CliError('must be between 1 and 65535, inclusive')
    return { port, targetPort: n }
  }
  const errs = portNameErrors(t)
  if (errs.length) throw new CliError(errs.join(','))
  return { port, targetPort: t }
}

export function buildService(inv: Invocation, name: string, type: ServiceType): KubeObject {
  const tcp = sliceFlag(inv, 'tcp')
  const clusterIP = inv.flags.values['clusterip'] !== undefined ? str(inv.flags, 'clusterip') : ''
  const externalName = inv.flags.values['external-name'] !== undefined ? str(inv.flags, 'external-name') : ''
  const nodePort = inv.flags.values['node-port'] !== undefined ? int(inv.flags, 'node-port') : 0
  if (clusterIP === 'None' && type !== 'ClusterIP') throw new CliError('ClusterIP=None can only be used with ClusterIP service type')
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new CliError('at least one tcp port specifier must be provided')
  if (type === 'ExternalName' && (externalName.length > 253 || !DNS1123_SUBDOMAIN.test(externalName))) {
    throw new CliError(`invalid service external name ${externalName}`)
  }
  const ports = tcp.map((s) => {
    const { port, targetPort } = parsePorts(s)
    const p: Record<string, unknown> = { name: s.replace(/:/g, '-') }
    if (nodePort) p.nodePort = nodePort
    p.port = port
    p.protocol = 'TCP'
    p.targetPort = targetPort
    return p
  })
  const spec: Record<string, unknown> = {}
  if (clusterIP) spec.clusterIP = clusterIP
  if (externalName) spec.externalName = externalName
  if (ports.length) spec.ports = ports
  spec.selector = { app: name }
  spec.type = type
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null, labels: { app: name }, name, ...metaNamespace(inv) } as unknown as KubeObject['metadata'],
    spec,
    status: { loadBalancer: {} },
  }
}

const tcpFlag = { name: 'tcp', type: 'stringArray' as const, usage: "Port pairs can be specified as '<port>:<targetPort>'." }

function serviceVerb(name: string, type: ServiceType, use: string, long: string, example: string, extra: Verb['flags']): Verb {
  return {
    name, short: `Create a${type === 'ExternalName' ? 'n' : ''} ${type} service`, group: '',
    help: `${long}\n\nExamples:\n${example}\n\nUsage:\n  ${use} [options]`,
    flags: [tcpFlag, ...extra, ...GENERATOR_FLAGS],
    run: (inv) => guarded(inv, () => {
      const svcName = nameArg(inv)
      return createGenerated(inv, buildService(inv, svcName, type), `failed to create ${type} service`, false)
    }),
  }
}

const clusterip = serviceVerb('clusterip', 'ClusterIP', 'kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
  'Create a ClusterIP service with the specified name.',
  '  # Create a new ClusterIP service named my-cs\n  kubectl create service clusterip my-cs --tcp=5678:8080\n  \n  # Create a new ClusterIP service named my-cs (in headless mode)\n  kubectl create service clusterip my-cs --clusterip="None"',
  [{ name: 'clusterip', type: 'string', default: '', usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." }])
const nodeport = serviceVerb('nodeport', 'NodePort', 'kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
  'Create a NodePort service with the specified name.',
  '  # Create a new NodePort service named my-ns\n  kubectl create service nodeport my-ns --tcp=5678:8080',
  [{ name: 'node-port', type: 'int', default: 0, usage: 'Port used to expose the service on each node in a cluster.' }])
const loadbalancer = serviceVerb('loadbalancer', 'LoadBalancer', 'kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
  'Create a LoadBalancer service with the specified name.',
  '  # Create a new LoadBalancer service named my-lbs\n  kubectl create service loadbalancer my-lbs --tcp=5678:8080', [])
const externalname = serviceVerb('externalname', 'ExternalName', 'kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none]',
  'Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.',
  '  # Create a new ExternalName service named my-ns\n  kubectl create service externalname my-ns --external-name bar.com',
  [{ name: 'external-name', type: 'string', default: '', required: true, usage: 'External name of service' }])

/** `kubectl create service` alone prints its help on stderr and exits 1 (cmdutil.DefaultSubCommandRun). */
export function groupRun(self: () => Verb) {
  return (inv: Invocation): CommandResult => {
    if (inv.args.length) return { stdout: '', stderr: usageError(inv.commandPath, `unknown command "${inv.args[0]}"`), exitCode: 1 }
    return { stdout: '', stderr: verbHelp(self(), inv.commandPath), exitCode: 1 }
  }
}

export const createService: Verb = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  group: '',
  help: `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]`,
  flags: [],
  subcommands: [clusterip, externalname, loadbalancer, nodeport],
  run: groupRun(() => createService),
}
