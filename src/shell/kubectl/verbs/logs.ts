// kubectl logs: a container's output (POD, TYPE/NAME or -l), with -c, --tail, --previous, --timestamps,
// --prefix, --all-containers; -f prints what is there (time does not run on while a command runs).

import type { Verb, Invocation } from '../verb.ts'
import { fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { Pod, ContainerStatus } from '../../../core/api/types.ts'
import type { FlagSpec } from '../flags.ts'
import { str, int, bool } from '../flags.ts'
import { usageError } from '../errors.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { selectorFlag } from '../help-flags.ts'
import { pickPod, defaultContainer } from '../logs-pod.ts'
import { podLogs, type LogLine } from '../logs-source.ts'
import { parseSelector, selectorMatches } from '../label-selector.ts'
import { lookupType } from '../resources.ts'
import { StatusError } from '../../../core/apiserver/errors.ts'
import { rfc3339 } from '../../../core/util/clock.ts'

const FLAGS: FlagSpec[] = [
  { name: 'all-containers', type: 'bool', default: false, usage: "Get all containers' logs in the pod(s)." },
  { name: 'all-pods', type: 'bool', default: false, usage: 'Get logs from all pod(s). Sets prefix to true.' },
  { name: 'container', short: 'c', type: 'string', default: '', usage: 'Print the logs of this container' },
  { name: 'follow', short: 'f', type: 'bool', default: false, usage: 'Specify if the logs should be streamed.' },
  { name: 'ignore-errors', type: 'bool', default: false, usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
  { name: 'insecure-skip-tls-verify-backend', type: 'bool', default: false, usage: 'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.' },
  { name: 'limit-bytes', type: 'int', default: 0, usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
  { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
  { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  { name: 'prefix', type: 'bool', default: false, usage: 'Prefix each log line with the log source (pod name and container name)' },
  { name: 'previous', short: 'p', type: 'bool', default: false, usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
  selectorFlag,
  { name: 'since', type: 'duration', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
  { name: 'since-time', type: 'string', default: '', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
  { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
  { name: 'timestamps', type: 'bool', default: false, usage: 'Include timestamps on each line in the log output' },
]

const USE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'

const HELP = renderHelp({
  name: 'logs', commandPath: 'kubectl logs', flags: FLAGS,
  long: longDesc(`
    Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is
    optional.`),
  example: examples(`
    # Return snapshot logs from pod nginx with only one container
    kubectl logs nginx

    # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
    kubectl logs nginx --prefix

    # Return snapshot logs from pod nginx, limiting output to 500 bytes
    kubectl logs nginx --limit-bytes=500

    # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
    kubectl logs nginx --pod-running-timeout=20s

    # Return snapshot logs from pod nginx with multi containers
    kubectl logs nginx --all-containers=true

    # Return snapshot logs from all pods in the deployment nginx
    kubectl logs deployment/nginx --all-pods=true

    # Return snapshot logs from all containers in pods defined by label app=nginx
    kubectl logs -l app=nginx --all-containers=true

    # Return snapshot logs for the pods defined by label app=nginx, limiting concurrent log requests to 10 pods
    kubectl logs -l app=nginx --max-log-requests=10

    # Return snapshot of previous terminated ruby container logs from pod web-1
    kubectl logs -p -c ruby web-1

    # Begin streaming the logs from pod nginx, continuing even if errors occur
    kubectl logs nginx -f --ignore-errors=true

    # Begin streaming the logs of the ruby container in pod web-1
    kubectl logs -f -c ruby web-1

    # Begin streaming the logs from all containers in pods defined by label app=nginx
    kubectl logs -f -l app=nginx --all-containers=true

    # Display only the most recent 20 lines of output in pod nginx
    kubectl logs --tail=20 nginx

    # Show all logs from pod nginx written in the last hour
    kubectl logs --since=1h nginx

    # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
    kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true

    # Show logs from a kubelet with an expired serving certificate
    kubectl logs --insecure-skip-tls-verify-backend nginx

    # Return snapshot logs from first container of a job named hello
    kubectl logs job/hello

    # Return snapshot logs from container nginx-1 of a deployment named nginx
    kubectl logs deployment/nginx -c nginx-1`),
  use: `kubectl ${USE}`,
})

/** Go duration text (`5s`, `2m`, `1h30m`) in ms. */
export function parseDuration(s: string): number {
  if (s === '0' || s === '') return 0
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g
  let total = 0, m: RegExpExecArray | null, seen = ''
  while ((m = re.exec(s))) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] as 'ms']
    seen += m[0]
  }
  if (seen !== s) throw new Error(`time: invalid duration "${s}"`)
  return total
}

function badRequest(msg: string): StatusError {
  return new StatusError('BadRequest', msg)
}

function containerLines(inv: Invocation, pod: Pod, container: string): LogLine[] {
  const name = pod.metadata.name
  if (!pod.spec.containers.some((c) => c.name === container) && !(pod.spec.initContainers ?? []).some((c) => c.name === container)) {
    throw badRequest(`container ${container} is not valid for pod ${name}`)
  }
  const previous = bool(inv.flags, 'previous')
  const status = (pod.status ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] }
  const st = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((c) => c.name === container)
  if (previous) {
    if (!st?.lastState?.terminated) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`)
  } else if (!st || st.state.waiting) {
    const reason = (st?.state.waiting?.reason as string | undefined) ?? 'ContainerCreating'
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`)
  }
  return podLogs(inv.ctx.cluster, pod, container, { previous })
}

function render(inv: Invocation, pod: Pod, container: string, lines: LogLine[], prefix: boolean, tailDefault: number): string {
  let out = lines
  const sinceMs = parseDuration(str(inv.flags, 'since'))
  const sinceTime = str(inv.flags, 'since-time')
  if (sinceMs > 0) out = out.filter((l) => l.at >= inv.ctx.cluster.clock.now() - sinceMs)
  if (sinceTime) out = out.filter((l) => rfc3339(l.at) >= sinceTime)
  const tail = inv.flags.set.has('tail') ? int(inv.flags, 'tail') : tailDefault
  if (tail >= 0) out = out.slice(Math.max(0, out.length - tail))
  const ts = bool(inv.flags, 'timestamps')
  let text = out.map((l) => {
    const stamp = ts ? rfc3339(l.at).replace('Z', `.${String(l.at % 1000).padStart(3, '0')}000000Z`) + ' ' : ''
    return `${prefix ? `[pod/${pod.metadata.name}/${container}] ` : ''}${stamp}${l.text}\n`
  }).join('')
  const limit = int(inv.flags, 'limit-bytes')
  if (limit > 0) text = text.slice(0, limit)
  return text
}

function run(inv: Invocation): CommandResult {
  const selector = str(inv.flags, 'selector')
  if ((inv.args.length === 0 && !selector) || inv.args.length > 2) {
    return fail(usageError(inv.commandPath, `expected '${USE}'.\nPOD or TYPE/NAME is a required argument for the logs command`))
  }
  if (selector && inv.args.length) return fail(usageError(inv.commandPath, 'only a selector (-l) or a POD name is allowed'))
  if (str(inv.flags, 'since') !== '0s' && str(inv.flags, 'since-time')) return fail('error: at most one of `sinceTime` or `sinceSeconds` may be specified')
  const allContainers = bool(inv.flags, 'all-containers')
  let containerFlag = str(inv.flags, 'container')
  if (inv.args.length === 2) {
    if (containerFlag) return fail(usageError(inv.commandPath, 'only one of -c or an inline [CONTAINER] arg is allowed'))
    containerFlag = inv.args[1]
  }
  let pods: Pod[]
  let err = ''
  if (selector) {
    const reqs = parseSelector(selector, lookupType('pods'))
    pods = (inv.ctx.cluster.store.list('Pod', inv.namespace) as Pod[]).filter((p) => selectorMatches(reqs, p.metadata.labels))
    if (!pods.length) return { stdout: '', stderr: `No resources found in ${inv.namespace} namespace.\n`, exitCode: 0 }
  } else {
    const pick = pickPod(inv, inv.args[0])
    err += pick.note
    pods = [pick.pod]
  }
  const prefix = bool(inv.flags, 'prefix') || bool(inv.flags, 'all-pods')
  const tailDefault = selector ? 10 : -1
  let out = ''
  for (const pod of pods) {
    let containers: string[]
    if (allContainers) containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name)
    else if (containerFlag) containers = [containerFlag]
    else {
      const d = defaultContainer(pod)
      if (!selector) err += d.note
      containers = [d.name]
    }
    for (const c of containers) out += render(inv, pod, c, containerLines(inv, pod, c), prefix, tailDefault)
  }
  return { stdout: out, stderr: err, exitCode: 0 }
}

export const logs: Verb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  group: 'Troubleshooting and Debugging Commands',
  flags: FLAGS,
  help: HELP,
  run,
}
