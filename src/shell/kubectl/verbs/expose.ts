// kubectl expose: build a Service from a Deployment, ReplicaSet, Pod or Service (its selector, ports and
// labels), as kubectl's service generator does; create it or print it (--dry-run=client -o yaml).

import type { Verb, Invocation } from '../verb.ts'
import { ok, fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { KubeObject, Container, Labels, LabelSelector, ServicePort, IntOrString } from '../../../core/api/types.ts'
import type { FlagSpec } from '../flags.ts'
import { str } from '../flags.ts'
import { usageError } from '../errors.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { dryRunFlag, printFlags, filenameFlags, fieldManagerFlag, saveConfigFlag, recordFlag, dryRunMode } from '../help-flags.ts'
import { resolveTargets, UsageError, printChange, NO_RESOURCES } from '../label-shared.ts'
import { ResourceArgError } from '../resources.ts'

const FLAGS: FlagSpec[] = [
  ...printFlags, dryRunFlag, ...filenameFlags('identifying the resource to expose a service'),
  fieldManagerFlag('kubectl-expose'), saveConfigFlag,
  { name: 'cluster-ip', type: 'string', default: '', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
  { name: 'external-ip', type: 'string', default: '', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.' },
  { name: 'labels', short: 'l', type: 'string', default: '', usage: 'Labels to apply to the service created by this call.' },
  { name: 'load-balancer-ip', type: 'string', default: '', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
  { name: 'name', type: 'string', default: '', usage: 'The name for the newly created object.' },
  { name: 'override-type', type: 'string', default: 'merge', usage: "The method used to override the generated object: json, merge, or strategic." },
  { name: 'overrides', type: 'string', default: '', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
  { name: 'port', type: 'string', default: '', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
  { name: 'protocol', type: 'string', default: '', usage: "The network protocol for the service to be created. Default is 'TCP'." },
  { name: 'selector', type: 'string', default: '', usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' },
  { name: 'session-affinity', type: 'string', default: '', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
  { name: 'target-port', type: 'string', default: '', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
  { name: 'type', type: 'string', default: '', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
]

const HELP = renderHelp({
  name: 'expose', commandPath: 'kubectl expose', flags: FLAGS,
  long: longDesc(`
    Expose a resource as a new Kubernetes service.

    Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector
    for that resource as the selector for a new service on the specified port. A deployment or replica set
    will be exposed as a service only if its selector is convertible to a selector that service supports,
    i.e. when the selector contains only the matchLabels component. Note that if no port is specified via
    --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no
    labels are specified, the new service will re-use the labels from the resource it exposes.

    Possible resources include (case insensitive):

    pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`),
  example: examples(`
    # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
    kubectl expose rc nginx --port=80 --target-port=8000

    # Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
    kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000

    # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
    kubectl expose pod valid-pod --port=444 --name=frontend

    # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
    kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https

    # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
    kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream

    # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
    kubectl expose rs nginx --port=80 --target-port=8000

    # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
    kubectl expose deployment nginx --port=80 --target-port=8000`),
  use: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
})

const EXPOSABLE = new Set(['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'])

function groupKind(o: KubeObject): string {
  const g = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''
  return g ? `${o.kind}.${g}` : o.kind
}

function containersOf(o: KubeObject): Container[] {
  const spec = o.spec as { containers?: Container[]; template?: { spec?: { containers?: Container[] } } } | undefined
  return (o.kind === 'Pod' ? spec?.containers : spec?.template?.spec?.containers) ?? []
}

/** polymorphichelpers.MapBasedSelectorForObject */
function selectorFor(o: KubeObject): Labels {
  switch (o.kind) {
    case 'Pod':
      if (!o.metadata.labels || !Object.keys(o.metadata.labels).length) throw new Error('the pod has no labels and cannot be exposed')
      return o.metadata.labels
    case 'Service': {
      const sel = (o.spec as { selector?: Labels }).selector
      if (!sel || !Object.keys(sel).length) throw new Error('the service has no pod selector set')
      return sel
    }
    default: {
      const sel = (o.spec as { selector?: LabelSelector }).selector ?? {}
      if (sel.matchExpressions?.length) {
        const exprs = sel.matchExpressions.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`)
        throw new Error(`couldn't convert expressions - "[${exprs.join(' ')}]" to map-based selector format`)
      }
      return sel.matchLabels ?? {}
    }
  }
}

/** polymorphichelpers.PortsForObject / ProtocolsForObject */
function portsFor(o: KubeObject): { port: string; protocol: string }[] {
  if (o.kind === 'Service') {
    return ((o.spec as { ports?: ServicePort[] }).ports ?? []).map((p) => ({ port: String(p.port), protocol: p.protocol ?? 'TCP' }))
  }
  return containersOf(o).flatMap((c) => (c.ports ?? []).map((p) => ({ port: String(p.containerPort), protocol: p.protocol ?? 'TCP' })))
}

function parseLabels(s: string): Labels {
  const out: Labels = {}
  for (const kv of s.split(',').filter(Boolean)) {
    const i = kv.indexOf('=')
    if (i < 0) throw new Error(`invalid label spec: ${kv}`)
    out[kv.slice(0, i)] = kv.slice(i + 1)
  }
  return out
}

/** The Service kubectl's generator builds (service/v2: unnamed single port, `port-N` names for several). */
export function buildService(inv: Invocation, source: KubeObject): KubeObject {
  if (!EXPOSABLE.has(source.kind)) throw new Error(`cannot expose a ${groupKind(source)}`)
  const name = (str(inv.flags, 'name') || source.metadata.name).slice(0, 63)
  let selector: Labels
  if (str(inv.flags, 'selector')) selector = parseLabels(str(inv.flags, 'selector'))
  else {
    try {
      selector = selectorFor(source)
    } catch (e) {
      throw new UsageError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`)
    }
  }
  const clusterIP = str(inv.flags, 'cluster-ip')
  const introspected = portsFor(source)
  const protocolOf = new Map(introspected.map((p) => [p.port, p.protocol]))
  const protoFlag = str(inv.flags, 'protocol')
  let portList: string[]
  if (str(inv.flags, 'port')) portList = [str(inv.flags, 'port')]
  else {
    portList = introspected.map((p) => p.port)
    if (!portList.length && clusterIP !== 'None') throw new UsageError("couldn't find port via --port flag or introspection")
  }
  const targetFlag = str(inv.flags, 'target-port')
  const ports: ServicePort[] = portList.map((p, i) => {
    const port = Number(p)
    if (!/^\d+$/.test(p)) throw new Error(`strconv.Atoi: parsing "${p}": invalid syntax`)
    const sp: ServicePort = {}  as ServicePort
    if (portList.length > 1) sp.name = `port-${i + 1}`
    sp.port = port
    sp.protocol = protoFlag || protocolOf.get(p) || 'TCP'
    const target: IntOrString = targetFlag ? (/^\d+$/.test(targetFlag) ? Number(targetFlag) : targetFlag) : port
    sp.targetPort = target
    return sp
  })
  const labels = str(inv.flags, 'labels') ? parseLabels(str(inv.flags, 'labels')) : source.metadata.labels
  const spec: Record<string, unknown> = { ports, selector }
  if (clusterIP) spec.clusterIP = clusterIP
  if (str(inv.flags, 'type')) spec.type = str(inv.flags, 'type')
  if (str(inv.flags, 'external-ip')) spec.externalIPs = [str(inv.flags, 'external-ip')]
  if (str(inv.flags, 'session-affinity')) spec.sessionAffinity = str(inv.flags, 'session-affinity')
  if (str(inv.flags, 'load-balancer-ip')) spec.loadBalancerIP = str(inv.flags, 'load-balancer-ip')
  const metadata: KubeObject['metadata'] = { name }
  if (labels && Object.keys(labels).length) metadata.labels = { ...labels }
  return { apiVersion: 'v1', kind: 'Service', metadata, spec }
}

function run(inv: Invocation): CommandResult {
  const path = inv.commandPath
  try {
    const dry = dryRunMode(str(inv.flags, 'dry-run'))
    const targets = resolveTargets(inv, inv.args)
    let out = ''
    for (const { obj } of targets) {
      const svc = buildService(inv, obj)
      if (dry === 'client') {
        // what the generator built, before any server defaulting
        const shown: KubeObject = {
          apiVersion: 'v1', kind: 'Service',
          metadata: { creationTimestamp: null as unknown as string, ...svc.metadata, ...(inv.namespaceSet ? { namespace: inv.namespace } : {}) },
          spec: svc.spec, status: { loadBalancer: {} },
        }
        out += printChange(inv, shown, 'exposed', 'client', true)
        continue
      }
      svc.metadata.namespace = inv.namespace
      const created = inv.ctx.cluster.store.create(svc, { cause: 'kubectl', dryRun: dry === 'server' })
      if (dry === 'none') inv.ctx.cluster.settle()
      out += printChange(inv, created, 'exposed', dry)
    }
    return ok(out)
  } catch (e) {
    // the resource builder's own error (no resources at all) is printed without the usage hint
    if (e instanceof UsageError && e.message === NO_RESOURCES) return fail(`error: ${e.message}`)
    if (e instanceof UsageError || e instanceof ResourceArgError) return fail(usageError(path, e.message))
    throw e
  }
}

export const expose: Verb = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  group: 'Basic Commands (Beginner)',
  flags: [...FLAGS, recordFlag, { name: 'container-port', type: 'string', default: '' }, { name: 'generator', type: 'string', default: '' }],
  help: HELP,
  run,
}
