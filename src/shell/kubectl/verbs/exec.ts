// kubectl exec: run a command in a pod's container (the shell runs it in the pod's host context), or with
// -it and a shell (`sh`, `bash`) enter the pod's interactive shell in the terminal.

import type { Verb, Invocation } from '../verb.ts'
import { fail } from '../verb.ts'
import type { CommandResult, HostContext } from '../../types.ts'
import type { Pod } from '../../../core/api/types.ts'
import type { FlagSpec } from '../flags.ts'
import { str, bool } from '../flags.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { pickPod, defaultContainer } from '../logs-pod.ts'
import { enterPodShell, isShellCommand } from '../../shell.ts'
import { findCommand } from '../../commands.ts'
import { execNotFound } from '../../builtins/sh.ts'

const FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string', default: '', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
  { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'to use to exec into the resource' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Only print output from the remote session' },
  { name: 'stdin', short: 'i', type: 'bool', default: false, usage: 'Pass stdin to the container' },
  { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Stdin is a TTY' },
]

const HELP = renderHelp({
  name: 'exec', commandPath: 'kubectl exec', flags: FLAGS,
  long: longDesc('Execute a command in a container.'),
  example: examples(`
    # Get output from running the 'date' command from pod mypod, using the first container by default
    kubectl exec mypod -- date

    # Get output from running the 'date' command in ruby-container from pod mypod
    kubectl exec mypod -c ruby-container -- date

    # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
    # and sends stdout/stderr from 'bash' back to the client
    kubectl exec mypod -c ruby-container -i -t -- bash -il

    # List contents of /usr from the first container of pod mypod and sort by modification time
    # If the command you want to execute in the pod has any flags in common (e.g. -i),
    # you must use two dashes (--) to separate your command's flags/arguments
    # Also note, do not surround your command and its flags/arguments with quotes
    # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
    kubectl exec mypod -i -t -- ls -t /usr

    # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
    kubectl exec deploy/mydeployment -- date

    # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
    kubectl exec svc/myservice -- date`),
  use: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
})

export const EXEC_DEPRECATED = 'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n'

function run(inv: Invocation): CommandResult {
  const positional = inv.args
  const dash = inv.flags.afterDash
  if (positional.length === 0) return fail('error: pod, type/name or --filename must be specified')
  let note = ''
  let command: string[]
  if (dash !== undefined) command = dash
  else {
    if (positional.length > 1) note += EXEC_DEPRECATED
    command = positional.slice(1)
  }
  if (!command.length) return fail('error: you must specify at least one command for the container', '')
  const quiet = bool(inv.flags, 'quiet')
  const pick = pickPod(inv, positional[0])
  const pod: Pod = pick.pod
  if (!quiet) note += pick.note
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') {
    return { stdout: '', stderr: note + `error: cannot exec into a container in a completed pod; current phase is ${phase}\n`, exitCode: 1 }
  }
  let container = str(inv.flags, 'container')
  if (!container) {
    const d = defaultContainer(pod)
    container = d.name
    if (!quiet) note += d.note
  }
  const status = pod.status?.containerStatuses?.find((c) => c.name === container)
  if (!pod.spec.containers.some((c) => c.name === container) || !status?.state.running) {
    return { stdout: '', stderr: note + `error: unable to upgrade connection: container not found ("${container}")\n`, exitCode: 1 }
  }
  const ns = pod.metadata.namespace ?? inv.namespace
  const host: HostContext = { kind: 'pod', namespace: ns, pod: pod.metadata.name, container }
  const interactive = bool(inv.flags, 'stdin') && bool(inv.flags, 'tty')
  if (interactive && isShellCommand(command[0]) && command.slice(1).every((a) => /^-[a-z]+$/.test(a) && a !== '-c')) {
    const r = enterPodShell(inv.ctx, { namespace: ns, pod: pod.metadata.name, container, command: command[0] })
    return { ...r, stderr: note + r.stderr }
  }
  if (!inv.ctx.runIn) return { stdout: '', stderr: note + 'error: kubelab: exec needs a shell session\n', exitCode: 1 }
  // the runtime starts the program itself (no shell in between): one the image lacks fails before anything runs
  if (!findCommand(command[0], host, inv.ctx.cluster)) {
    const r = execNotFound(command[0], `${ns}/${pod.metadata.name}/${container}@${inv.ctx.cluster.clock.now()}`)
    return { ...r, stderr: note + r.stderr }
  }
  const r = inv.ctx.runIn(host, command, bool(inv.flags, 'stdin') ? inv.ctx.stdin : '')
  const tail = r.exitCode !== 0 && !/command terminated with exit code \d+\n$/.test(r.stderr) ? `command terminated with exit code ${r.exitCode}\n` : ''
  return { stdout: r.stdout, stderr: note + r.stderr + tail, exitCode: r.exitCode }
}

export const exec: Verb = {
  name: 'exec',
  short: 'Execute a command in a container',
  group: 'Troubleshooting and Debugging Commands',
  flags: FLAGS,
  help: HELP,
  run,
}
