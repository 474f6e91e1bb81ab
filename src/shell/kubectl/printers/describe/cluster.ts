// kubectl describe node, namespace, configmap and secret (describe.go describeNode, describeNamespace,
// describeConfigMap, describeSecret).

import type { ConfigMap, Namespace, Node, Pod, Secret } from '../../../../core/api/types.ts'
import { translateTimestampSince } from '../../age.ts'
import { nodeRoles } from '../columns/cluster.ts'
import { PrefixWriter, annotationsMultiline, describeEvents, eventsFor, labelsMultiline, rfc1123z, taintsMultiline, type DescribeContext } from './writer.ts'

export function describeNode(n: Node, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  const st = n.status ?? {}
  const info = st.nodeInfo ?? {}
  w.write(0, `Name:\t${n.metadata.name}\n`)
  w.write(0, `Roles:\t${nodeRoles(n).join(',') || '<none>'}\n`)
  labelsMultiline(w, 'Labels', n.metadata.labels)
  annotationsMultiline(w, 'Annotations', n.metadata.annotations)
  w.write(0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}\n`)
  taintsMultiline(w, 'Taints', n.spec?.taints)
  w.write(0, `Unschedulable:\t${!!n.spec?.unschedulable}\n`)
  // the lab serves no Lease objects: the kubelet's lease is held by the node and renewed continuously
  w.write(0, 'Lease:\n')
  w.write(1, `HolderIdentity:\t${n.metadata.name}\n`)
  w.write(1, 'AcquireTime:\t<unset>\n')
  w.write(1, `RenewTime:\t${rfc1123z(new Date(ctx.now).toISOString())}\n`)
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n')
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n')
    for (const c of st.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`)
    }
  }
  w.write(0, 'Addresses:\n')
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`)
  const resources = (title: string, list: Record<string, string> | undefined): void => {
    const keys = Object.keys(list ?? {}).sort()
    if (!keys.length) return
    w.write(0, `${title}:\n`)
    for (const k of keys) w.write(0, `  ${k}:\t${list![k]}\n`)
  }
  resources('Capacity', st.capacity)
  resources('Allocatable', st.allocatable)
  w.write(0, 'System Info:\n')
  const sys: [string, string][] = [
    ['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]
  for (const [label, key] of sys) w.write(0, `  ${label}:\t${info[key] ?? ''}\n`)
  if (n.spec?.podCIDR) w.write(0, `PodCIDR:\t${n.spec.podCIDR}\n`)
  if (n.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${n.spec.podCIDRs.join(',')}\n`)
  if (n.spec?.providerID) w.write(0, `ProviderID:\t${n.spec.providerID}\n`)
  const pods = (ctx.store.list('Pod') as Pod[]).filter((p) => p.spec.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
  for (const p of pods) {
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${translateTimestampSince(p.metadata.creationTimestamp, ctx.now)}\n`)
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n')
  w.write(1, 'Resource\tRequests\tLimits\n')
  w.write(1, '--------\t--------\t------\n')
  w.write(1, 'cpu\t0 (0%)\t0 (0%)\n')
  w.write(1, 'memory\t0 (0%)\t0 (0%)\n')
  for (const k of Object.keys(st.allocatable ?? {}).filter((k) => !['cpu', 'memory', 'pods'].includes(k)).sort()) w.write(1, `${k}\t0 (0%)\t0 (0%)\n`)
  describeEvents(w, eventsFor(ctx, n), ctx.now)
  return w.toString()
}

export function describeNamespace(ns: Namespace, ctx: DescribeContext): string {
  void ctx
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ns.metadata.name}\n`)
  labelsMultiline(w, 'Labels', ns.metadata.labels)
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations)
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`)
  w.write(0, '\nNo resource quota.\n')
  w.write(0, '\nNo LimitRange resource.\n')
  return w.toString()
}

export function describeConfigMap(cm: ConfigMap, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${cm.metadata.name}\n`)
  w.write(0, `Namespace:\t${cm.metadata.namespace}\n`)
  labelsMultiline(w, 'Labels', cm.metadata.labels)
  annotationsMultiline(w, 'Annotations', cm.metadata.annotations)
  w.write(0, '\nData\n====\n')
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`)
    w.write(0, `${cm.data![k]}\n`)
    w.write(0, '\n')
  }
  w.write(0, '\nBinaryData\n====\n')
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${decodedLength(cm.binaryData![k])} bytes\n`)
  w.write(0, '\n')
  describeEvents(w, eventsFor(ctx, cm), ctx.now)
  return w.toString()
}

/** Length in bytes of base64 data (Secret.data, ConfigMap.binaryData hold base64 in JSON). */
function decodedLength(b64: string): number {
  const s = b64.replace(/\s/g, '')
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0
  return Math.floor((s.length * 3) / 4) - pad
}

export function describeSecret(s: Secret, ctx: DescribeContext): string {
  void ctx
  const w = new PrefixWriter()
  w.write(0, `Name:\t${s.metadata.name}\n`)
  w.write(0, `Namespace:\t${s.metadata.namespace}\n`)
  labelsMultiline(w, 'Labels', s.metadata.labels)
  annotationsMultiline(w, 'Annotations', s.metadata.annotations)
  w.write(0, `\nType:\t${s.type ?? 'Opaque'}\n`)
  w.write(0, '\nData\n====\n')
  for (const k of Object.keys(s.data ?? {}).sort()) w.write(0, `${k}:\t${decodedLength(s.data![k])} bytes\n`)
  return w.toString()
}
