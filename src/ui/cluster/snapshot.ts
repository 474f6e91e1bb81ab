// The cluster view's model: nodes with their pods and Services with their endpoints, read from the API store.

import type { Store } from '../../core/apiserver/store.ts'
import type { EndpointSlice, LabelSelector, Node, Pod, Service } from '../../core/api/types.ts'
import type { ClusterProfile } from '../../core/cluster/types.ts'

export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const

export type PodHealth = 'ready' | 'running' | 'pending' | 'failed' | 'succeeded' | 'terminating'

export interface PodView {
  key: string
  name: string
  namespace: string
  ip: string
  node: string | undefined
  phase: string
  health: PodHealth
  labels: [string, string][]
}

export interface NodeView {
  name: string
  ip: string
  role: 'control-plane' | 'worker'
  podCIDR: string
  ready: boolean
  pods: PodView[]
}

export interface EndpointRef {
  /** pod key (`ns/name`) or `node:<name>` for an endpoint on a node's own address (the kubernetes Service) */
  target: string
  ready: boolean
}

export interface ServiceView {
  key: string
  name: string
  namespace: string
  type: string
  clusterIP: string
  ports: string
  endpoints: EndpointRef[]
  /** endpoints came from EndpointSlices (true) or from the label selector (false) */
  fromSlices: boolean
}

/** A host outside the cluster (the `client`) or an external load balancer the lab plays the cloud for. */
export interface OutsideView {
  /** layout key: the host's name, or `lb:<ns>/<service>` */
  key: string
  name: string
  kind: 'host' | 'loadbalancer'
  ip: string
  /** second line: `outside the cluster`, or the listener ports */
  detail: string
}

export interface ClusterSnapshot {
  /** outside hosts and external load balancers, drawn above the Services */
  outside: OutsideView[]
  nodes: NodeView[]
  /** pods not bound to a node yet */
  unscheduled: PodView[]
  services: ServiceView[]
}

export function visibleNamespace(ns: string, showSystem: boolean): boolean {
  if (ns === 'kube-system') return showSystem
  return !(SYSTEM_NAMESPACES as readonly string[]).includes(ns)
}

export function podHealth(p: Pod): PodHealth {
  if (p.metadata.deletionTimestamp) return 'terminating'
  const phase = p.status?.phase ?? 'Pending'
  if (phase === 'Failed') return 'failed'
  if (phase === 'Succeeded') return 'succeeded'
  if (phase !== 'Running') return 'pending'
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready')
  return ready?.status === 'True' ? 'ready' : 'running'
}

export function podView(p: Pod): PodView {
  return {
    key: `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`,
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? 'default',
    ip: p.status?.podIP ?? '',
    node: p.spec?.nodeName,
    phase: p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.reason ?? p.status?.phase ?? 'Pending'),
    health: podHealth(p),
    labels: Object.entries(p.metadata.labels ?? {})
      .filter(([k]) => k !== 'pod-template-hash')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  }
}

export function matchesSelector(labels: Record<string, string> | undefined, sel: LabelSelector): boolean {
  const l = labels ?? {}
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in l
    const inValues = has && (e.values ?? []).includes(l[e.key])
    if (e.operator === 'In' && !inValues) return false
    if (e.operator === 'NotIn' && inValues) return false
    if (e.operator === 'Exists' && !has) return false
    if (e.operator === 'DoesNotExist' && has) return false
  }
  return true
}

function portsText(s: Service): string {
  const ports = s.spec.ports ?? []
  if (!ports.length) return '<none>'
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',')
}

function clusterIPText(s: Service): string {
  if (s.spec.type === 'ExternalName') return '<none>'
  return s.spec.clusterIP ?? ''
}

function nodeView(n: Node, profile: ClusterProfile): NodeView {
  const fromProfile = profile.nodes.find((p) => p.name === n.metadata.name)
  const labels = n.metadata.labels ?? {}
  const controlPlane = 'node-role.kubernetes.io/control-plane' in labels || fromProfile?.controlPlane === true
  const readyCond = n.status?.conditions?.find((c) => c.type === 'Ready')
  return {
    name: n.metadata.name,
    ip: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? fromProfile?.ip ?? '',
    role: controlPlane ? 'control-plane' : 'worker',
    podCIDR: n.spec?.podCIDR ?? fromProfile?.podCIDR ?? '',
    ready: readyCond ? readyCond.status === 'True' : true,
    pods: [],
  }
}

/** Build the view model. Only namespaces passing `showNs` contribute pods and Services; nodes always show. */
export function buildSnapshot(store: Store, profile: ClusterProfile, showNs: (ns: string) => boolean, outside: OutsideView[] = []): ClusterSnapshot {
  const nodes = (store.list('Node') as Node[]).map((n) => nodeView(n, profile))
  const byName = new Map(nodes.map((n) => [n.name, n]))
  const unscheduled: PodView[] = []
  const pods = (store.list('Pod') as Pod[]).filter((p) => showNs(p.metadata.namespace ?? 'default'))
  const podByIP = new Map<string, PodView[]>()
  const podByKey = new Map<string, PodView>()
  for (const p of pods) {
    const v = podView(p)
    podByKey.set(v.key, v)
    if (v.ip) podByIP.set(v.ip, [...(podByIP.get(v.ip) ?? []), v])
    const node = v.node ? byName.get(v.node) : undefined
    if (node) node.pods.push(v)
    else unscheduled.push(v)
  }
  const nodeByIP = new Map(nodes.map((n) => [n.ip, n]))
  const slices = store.list('EndpointSlice') as EndpointSlice[]
  const services = (store.list('Service') as Service[])
    .filter((s) => showNs(s.metadata.namespace ?? 'default'))
    .map((s): ServiceView => {
      const ns = s.metadata.namespace ?? 'default'
      const own = slices.filter(
        (sl) => (sl.metadata.namespace ?? 'default') === ns && sl.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name,
      )
      const endpoints: EndpointRef[] = []
      const seen = new Set<string>()
      const add = (target: string, ready: boolean) => {
        if (seen.has(target)) return
        seen.add(target)
        endpoints.push({ target, ready })
      }
      for (const sl of own) {
        for (const ep of sl.endpoints ?? []) {
          const ready = ep.conditions?.ready !== false
          const ref = ep.targetRef
          if (ref?.kind === 'Pod' && podByKey.has(`${ref.namespace ?? ns}/${ref.name}`)) {
            add(`${ref.namespace ?? ns}/${ref.name}`, ready)
            continue
          }
          for (const ip of ep.addresses) {
            const pod = (podByIP.get(ip) ?? []).find((p) => p.namespace === ns) ?? podByIP.get(ip)?.[0]
            if (pod) add(pod.key, ready)
            else if (nodeByIP.has(ip)) add(`node:${nodeByIP.get(ip)!.name}`, ready)
          }
        }
      }
      const selector = s.spec.selector
      if (own.length === 0 && selector && Object.keys(selector).length && s.spec.type !== 'ExternalName') {
        for (const p of pods) {
          if ((p.metadata.namespace ?? 'default') !== ns || !matchesSelector(p.metadata.labels, { matchLabels: selector })) continue
          const v = podByKey.get(`${ns}/${p.metadata.name}`)!
          add(v.key, v.health === 'ready')
        }
      }
      return {
        key: `${ns}/${s.metadata.name}`,
        name: s.metadata.name,
        namespace: ns,
        type: s.spec.type ?? 'ClusterIP',
        clusterIP: clusterIPText(s),
        ports: portsText(s),
        endpoints,
        fromSlices: own.length > 0,
      }
    })
  return { outside, nodes, unscheduled, services }
}

