// kubectl run: create a Pod from an image (run-pod/v1 generator), print `pod/NAME created` or the
// object (--dry-run=client -o yaml); with -i/-it attach: run the command in it or enter its shell (--rm deletes it).

import type { Verb, Invocation } from '../verb.ts'
import { ok, fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { Container, KubeObject, Labels, Pod } from '../../../core/api/types.ts'
import type { FlagSpec } from '../flags.ts'
import { str, bool, arr } from '../flags.ts'
import { usageError } from '../errors.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { printFlags, dryRunFlag, fieldManagerFlag, dryRunMode } from '../help-flags.ts'
import { printChange } from '../label-shared.ts'
import { enterPodShell, isShellCommand } from '../../shell.ts'

const FLAGS: FlagSpec[] = [
  ...printFlags, dryRunFlag, fieldManagerFlag('kubectl-run'),
  { name: 'annotations', type: 'stringArray', default: [], usage: 'Annotations to apply to the pod.' },
  { name: 'attach', type: 'bool', default: false, usage: "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned." },
  { name: 'command', type: 'bool', default: false, usage: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
  { name: 'env', type: 'stringArray', default: [], usage: 'Environment variables to set in the container.' },
  { name: 'expose', type: 'bool', default: false, usage: "If true, create a ClusterIP service associated with the pod.  Requires `--port`." },
  { name: 'image', type: 'string', default: '', required: true, usage: 'The image for the container to run.' },
  { name: 'image-pull-policy', type: 'string', default: '', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
  { name: 'labels', short: 'l', type: 'string', default: '', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
  { name: 'leave-stdin-open', type: 'bool', default: false, usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.' },
  { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
  { name: 'overrides', type: 'string', default: '', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  { name: 'port', type: 'string', default: '', usage: 'The port that this container exposes.' },
  { name: 'privileged', type: 'bool', default: false, usage: 'If true, run the container in privileged mode.' },
  { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'If true, suppress prompt messages.' },
  { name: 'restart', type: 'string', default: 'Always', usage: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
  { name: 'rm', type: 'bool', default: false, usage: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' },
  { name: 'stdin', short: 'i', type: 'bool', default: false, usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
  { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Allocate a TTY for the container in the pod.' },
]

const HELP = renderHelp({
  name: 'run', commandPath: 'kubectl run', flags: FLAGS,
  long: longDesc('Create and run a particular image in a pod.'),
  example: examples(`
    # Start a nginx pod
    kubectl run nginx --image=nginx

    # Start a hazelcast pod and let the container expose port 5701
    kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

    # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
    kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

    # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
    kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

    # Dry run; print the corresponding API objects without creating them
    kubectl run nginx --image=nginx --dry-run=client

    # Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
    kubectl run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'

    # Start a busybox pod and keep it in the foreground, don't restart it if it exits
    kubectl run -i -t busybox --image=busybox --restart=Never

    # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
    kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

    # Start the nginx pod using a different command and custom arguments
    kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`),
  use: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
})

function parseLabels(s: string): Labels {
  const out: Labels = {}
  for (const kv of s.split(',').filter(Boolean)) {
    const i = kv.indexOf('=')
    if (i < 0) throw new Error(`invalid label spec: ${kv}`)
    out[kv.slice(0, i)] = kv.slice(i + 1)
  }
  return out
}

/** The Pod kubectl's run generator builds (keys as kubectl orders them once printed). */
export function buildPod(inv: Invocation, name: string, extra: string[]): Pod {
  const image = str(inv.flags, 'image')
  const c: Container = { name, image }
  if (extra.length) {
    if (bool(inv.flags, 'command')) c.command = extra
    else c.args = extra
  }
  const env = arr(inv.flags, 'env')
  if (env.length) c.env = env.map((e) => ({ name: e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), value: e.includes('=') ? e.slice(e.indexOf('=') + 1) : '' }))
  if (str(inv.flags, 'image-pull-policy')) c.imagePullPolicy = str(inv.flags, 'image-pull-policy')
  const port = str(inv.flags, 'port')
  if (port) c.ports = [{ containerPort: Number(port) }]
  c.resources = {}
  if (bool(inv.flags, 'stdin')) {
    c.stdin = true
    if (!bool(inv.flags, 'leave-stdin-open')) c.stdinOnce = true
  }
  if (bool(inv.flags, 'tty')) c.tty = true
  const labels = str(inv.flags, 'labels') ? parseLabels(str(inv.flags, 'labels')) : { run: name }
  const metadata: Pod['metadata'] = { labels, name }
  const ann = arr(inv.flags, 'annotations')
  if (ann.length) metadata.annotations = Object.fromEntries(ann.map((a) => [a.split('=')[0], a.slice(a.indexOf('=') + 1)]))
  return {
    apiVersion: 'v1', kind: 'Pod', metadata,
    spec: { containers: [c], dnsPolicy: 'ClusterFirst', restartPolicy: str(inv.flags, 'restart') },
  }
}

function waitRunning(inv: Invocation, ns: string, name: string): Pod | undefined {
  const cluster = inv.ctx.cluster
  for (let i = 0; i <= 60; i++) {
    const p = cluster.store.get('Pod', ns, name) as Pod | undefined
    const ph = p?.status?.phase
    if (p && (ph === 'Running' || ph === 'Succeeded' || ph === 'Failed')) return p
    cluster.advance(1000)
  }
  return undefined
}

function run(inv: Invocation): CommandResult {
  const name = inv.args[0]
  if (!name) return fail(usageError(inv.commandPath, 'NAME is required for run'))
  if (!str(inv.flags, 'image')) return fail('error: required flag(s) "image" not set')
  const restart = str(inv.flags, 'restart')
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return fail(usageError(inv.commandPath, `invalid restart policy: ${restart}`))
  const attach = bool(inv.flags, 'attach') || bool(inv.flags, 'stdin')
  if (bool(inv.flags, 'rm') && !attach) return fail("error: --rm should only be used for attached containers")
  if (bool(inv.flags, 'expose') && !str(inv.flags, 'port')) return fail("error: --port must be set when exposing a service")
  // the pod generator parses --port with strconv.Atoi
  const port = str(inv.flags, 'port')
  if (port && !/^[+-]?\d+$/.test(port)) return fail(`error: strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`)
  const dry = dryRunMode(str(inv.flags, 'dry-run'))
  const extra = [...inv.args.slice(1), ...(inv.flags.afterDash ?? [])]
  const pod = buildPod(inv, name, extra)
  if (dry === 'client') {
    const shown: KubeObject = {
      ...pod, metadata: { creationTimestamp: null as unknown as string, ...pod.metadata, ...(inv.namespaceSet ? { namespace: inv.namespace } : {}) },
      status: {},
    }
    return ok(printChange(inv, shown, 'created', 'client', true))
  }
  const cluster = inv.ctx.cluster
  let out = ''
  if (bool(inv.flags, 'expose')) {
    const svc: KubeObject = {
      apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: inv.namespace },
      spec: { ports: [{ port: Number(str(inv.flags, 'port')), targetPort: Number(str(inv.flags, 'port')) }], selector: pod.metadata.labels },
    }
    out += printChange(inv, cluster.store.create(svc, { cause: 'kubectl', dryRun: dry === 'server' }), 'created', dry)
  }
  pod.metadata.namespace = inv.namespace
  const created = cluster.store.create(pod, { cause: 'kubectl', dryRun: dry === 'server' })
  if (dry !== 'none') return ok(out + printChange(inv, created, 'created', dry))
  cluster.settle()
  if (!attach) return ok(out + printChange(inv, created, 'created'))
  const running = waitRunning(inv, inv.namespace, name)
  if (!running) return fail('error: timed out waiting for the condition', out)
  const host = { kind: 'pod' as const, namespace: inv.namespace, pod: name, container: name }
  const argv = extra.length ? extra : []
  const interactive = bool(inv.flags, 'tty') && (argv.length === 0 || isShellCommand(argv[0]))
  if (interactive) {
    const hint = bool(inv.flags, 'quiet') ? '' : "If you don't see a command prompt, try pressing enter.\n"
    const r = enterPodShell(inv.ctx, { ...host, command: argv[0] ?? 'sh' })
    return { stdout: out + hint + r.stdout, stderr: r.stderr, exitCode: r.exitCode }
  }
  let r: CommandResult = { stdout: '', stderr: '', exitCode: 0 }
  if (argv.length && inv.ctx.runIn) r = inv.ctx.runIn(host, argv, inv.ctx.stdin)
  out += r.stdout
  if (bool(inv.flags, 'rm')) {
    cluster.store.delete('Pod', inv.namespace, name, { cause: 'kubectl' })
    cluster.settle()
    out += `pod "${name}" deleted\n`
  }
  return { stdout: out, stderr: r.stderr, exitCode: restart === 'Never' ? r.exitCode : 0 }
}

export const run_: Verb = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  group: 'Basic Commands (Beginner)',
  flags: FLAGS,
  help: HELP,
  run,
}
export { run_ as run }
