// kubectl describe pod, and the container and pod-template blocks Deployments and ReplicaSets reuse
// (describe.go describePod, describeContainers, DescribePodTemplate, describeVolumes).

import type { Container, ContainerStatus, Pod, PodTemplateSpec } from '../../../../core/api/types.ts'
import { translateTimestampSince } from '../../age.ts'
import {
  PrefixWriter, annotationsMultiline, describeEvents, eventsFor, labelsMultiline, rfc1123z, tolerationsMultiline,
  type DescribeContext,
} from './writer.ts'

type State = Record<string, Record<string, unknown>> | undefined

function describeStatus(w: PrefixWriter, name: string, state: State): void {
  const s = state ?? {}
  if (s.running) {
    w.write(2, `${name}:\tRunning\n`)
    w.write(3, `Started:\t${rfc1123z(s.running.startedAt as string)}\n`)
  } else if (s.waiting) {
    w.write(2, `${name}:\tWaiting\n`)
    if (s.waiting.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`)
  } else if (s.terminated) {
    const t = s.terminated
    w.write(2, `${name}:\tTerminated\n`)
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(3, `Message:\t${t.message}\n`)
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`)
    if (Number(t.signal) > 0) w.write(3, `Signal:\t${t.signal}\n`)
    w.write(3, `Started:\t${rfc1123z(t.startedAt as string)}\n`)
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt as string)}\n`)
  } else w.write(2, `${name}:\tWaiting\n`)
}

function probeText(p: Record<string, unknown>): string {
  const n = (k: string, d: number): number => (typeof p[k] === 'number' ? (p[k] as number) : d)
  const attrs = `delay=${n('initialDelaySeconds', 0)}s timeout=${n('timeoutSeconds', 1)}s period=${n('periodSeconds', 10)}s #success=${n('successThreshold', 1)} #failure=${n('failureThreshold', 3)}`
  const exec = p.exec as { command?: string[] } | undefined
  const http = p.httpGet as { scheme?: string; host?: string; port?: unknown; path?: string } | undefined
  const tcp = p.tcpSocket as { host?: string; port?: unknown } | undefined
  if (exec) return `exec [${(exec.command ?? []).join(' ')}] ${attrs}`
  if (http) return `http-get ${(http.scheme ?? 'HTTP').toLowerCase()}://${http.host ?? ''}:${http.port ?? ''}${http.path ?? ''} ${attrs}`
  if (tcp) return `tcp-socket ${tcp.host ?? ''}:${tcp.port ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

function describeContainers(w: PrefixWriter, label: string, containers: Container[], statuses: ContainerStatus[] | undefined, space: string): void {
  w.write(0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`)
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name)
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`)
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`)
    w.write(2, `Image:\t${c.image ?? ''}\n`)
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`)
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ')
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ')
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`)
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`)
    if (c.command?.length) {
      w.write(2, 'Command:\n')
      for (const s of c.command.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`)
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n')
      for (const s of c.args.flatMap((x) => x.split('\n'))) w.write(3, `${s}\n`)
    }
    if (st) {
      describeStatus(w, 'State', st.state)
      if (st.lastState?.terminated) describeStatus(w, 'Last State', st.lastState)
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`)
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`)
    }
    const res = c.resources as { limits?: Record<string, string>; requests?: Record<string, string> } | undefined
    for (const [title, list] of [['Limits', res?.limits], ['Requests', res?.requests]] as const) {
      const keys = Object.keys(list ?? {}).sort()
      if (keys.length) w.write(2, `${title}:\n`)
      for (const k of keys) w.write(3, `${k}:\t${list![k]}\n`)
    }
    if (c.livenessProbe) w.write(2, `Liveness:\t${probeText(c.livenessProbe)}\n`)
    if (c.readinessProbe) w.write(2, `Readiness:\t${probeText(c.readinessProbe)}\n`)
    if (c.startupProbe) w.write(2, `Startup:\t${probeText(c.startupProbe as Record<string, unknown>)}\n`)
    if (c.envFrom?.length) {
      w.write(2, 'Environment Variables from:\n')
      for (const e of c.envFrom as { configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean }; prefix?: string }[]) {
        const ref = e.configMapRef ?? e.secretRef
        const from = e.configMapRef ? 'ConfigMap' : 'Secret'
        w.write(3, `${ref?.name ?? ''}\t${from}${e.prefix ? ` with prefix '${e.prefix}'` : ''}\tOptional: ${ref?.optional ? 'true' : 'false'}\n`)
      }
    }
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`)
    for (const e of c.env ?? []) {
      const vf = e.valueFrom as Record<string, { key?: string; name?: string; optional?: boolean; fieldPath?: string; apiVersion?: string; resource?: string }> | undefined
      if (!vf) {
        e.value?.split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`))
        if (e.value === undefined) w.write(3, `${e.name}:\t\n`)
      } else if (vf.fieldRef) w.write(3, `${e.name}:\t (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`)
      else if (vf.resourceFieldRef) w.write(3, `${e.name}:\t (${vf.resourceFieldRef.resource})\n`)
      else if (vf.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`)
      else if (vf.configMapKeyRef) w.write(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`)
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`)
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])]
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`)
    }
  }
}

function describeVolumes(w: PrefixWriter, volumes: Record<string, unknown>[] | undefined, space: string): void {
  if (!volumes?.length) return w.write(0, `${space}Volumes:\t<none>\n`)
  w.write(0, `${space}Volumes:\n`)
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`)
    const cm = v.configMap as { name?: string; optional?: boolean } | undefined
    const sec = v.secret as { secretName?: string; optional?: boolean } | undefined
    const ed = v.emptyDir as { medium?: string; sizeLimit?: string } | undefined
    const hp = v.hostPath as { path?: string; type?: string } | undefined
    const pj = v.projected as { sources?: Record<string, Record<string, unknown>>[] } | undefined
    if (hp) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hp.path ?? ''}\n    HostPathType:\t${hp.type || '<none>'}\n`)
    else if (ed) w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${ed.medium ?? ''}\n    SizeLimit:\t${ed.sizeLimit ?? '<unset>'}\n`)
    else if (sec) w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${sec.secretName ?? ''}\n    Optional:\t${!!sec.optional}\n`)
    else if (cm) w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${cm.name ?? ''}\n    Optional:\t${!!cm.optional}\n`)
    else if (pj) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
      for (const s of pj.sources ?? []) {
        if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`)
        if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name}\n    Optional:\t${s.configMap.optional === undefined ? '<nil>' : s.configMap.optional}\n`.replace('    Optional:', '    ConfigMapOptional:'))
        if (s.secret) w.write(2, `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${s.secret.optional === undefined ? '<nil>' : s.secret.optional}\n`)
        if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n')
      }
    } else w.write(1, '<unknown>\n')
  }
}

function qosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass
  const cs = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]
  const res = cs.map((c) => (c.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> })
  if (res.every((r) => !Object.keys(r.limits ?? {}).length && !Object.keys(r.requests ?? {}).length)) return 'BestEffort'
  const guaranteed = res.every((r) => ['cpu', 'memory'].every((k) => r.limits?.[k] && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]))
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

export function describePod(pod: Pod, ctx: DescribeContext): string {
  const w = new PrefixWriter()
  const spec = pod.spec
  const st = pod.status ?? {}
  w.write(0, `Name:\t${pod.metadata.name}\n`)
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`)
  const priority = (spec as { priority?: number }).priority
  if (priority !== undefined) w.write(0, `Priority:\t${priority}\n`)
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`)
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n')
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`)
  labelsMultiline(w, 'Labels', pod.metadata.labels)
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations)
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(pod.metadata.deletionTimestamp, ctx.now)})\n`)
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`)
  } else w.write(0, `Status:\t${st.phase ?? ''}\n`)
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`)
  if (st.message) w.write(0, `Message:\t${st.message}\n`)
  w.write(0, `IP:\t${st.podIP ?? ''}\n`)
  const ips = st.podIPs ?? []
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n')
  else {
    w.write(0, 'IPs:\n')
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`)
  }
  const ctrl = pod.metadata.ownerReferences?.find((r) => r.controller)
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`)
  const nominated = (st as { nominatedNodeName?: string }).nominatedNodeName
  if (nominated) w.write(0, `NominatedNodeName:\t${nominated}\n`)
  const statuses = st as { initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[] }
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, statuses.initContainerStatuses, '')
  describeContainers(w, 'Containers', spec.containers, statuses.containerStatuses, '')
  const gates = (spec as { readinessGates?: { conditionType: string }[] }).readinessGates ?? []
  if (gates.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n')
    for (const g of gates) w.write(1, `${g.conditionType} \t${st.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`)
  }
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n')
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`)
  }
  describeVolumes(w, spec.volumes, '')
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`)
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector)
  tolerationsMultiline(w, 'Tolerations', spec.tolerations)
  describeEvents(w, eventsFor(ctx, pod), ctx.now)
  return w.toString()
}

/** DescribePodTemplate */
export function describePodTemplate(w: PrefixWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n')
  if (!t) return w.write(1, '<unset>')
  labelsMultiline(w, '  Labels', t.metadata?.labels)
  if (Object.keys(t.metadata?.annotations ?? {}).length) annotationsMultiline(w, '  Annotations', t.metadata?.annotations)
  if (t.spec.serviceAccountName) w.write(1, `Service Account:\t${t.spec.serviceAccountName}\n`)
  if (t.spec.initContainers?.length) describeContainers(w, 'Init Containers', t.spec.initContainers, undefined, '  ')
  describeContainers(w, 'Containers', t.spec.containers ?? [], undefined, '  ')
  describeVolumes(w, t.spec.volumes, '  ')
  labelsMultiline(w, '  Node-Selectors', t.spec.nodeSelector)
  tolerationsMultiline(w, '  Tolerations', t.spec.tolerations)
}
