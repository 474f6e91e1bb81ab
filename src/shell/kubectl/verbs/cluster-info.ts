// kubectl cluster-info: the control plane address and the cluster services (label
// kubernetes.io/cluster-service=true in kube-system), in kubectl's colours.

import type { Verb, Invocation } from '../verb.ts'
import { ok, fail } from '../verb.ts'
import type { CommandResult } from '../../types.ts'
import type { Service } from '../../../core/api/types.ts'
import type { FlagSpec } from '../flags.ts'
import { longDesc, examples, renderHelp } from '../help-format.ts'
import { usageError } from '../errors.ts'

const GREEN = '\x1b[0;32m', YELLOW = '\x1b[0;33m', RESET = '\x1b[0m'

const HELP = renderHelp({
  name: 'cluster-info', commandPath: 'kubectl cluster-info', flags: [],
  long: longDesc(`
    Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.
    To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`),
  example: examples(`
    # Print the address of the control plane and cluster services
    kubectl cluster-info`),
  use: 'kubectl cluster-info [flags]',
  subcommands: [['dump', 'Dump relevant information for debugging and diagnosis']],
})

function line(name: string, link: string): string {
  return `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`
}

function run(inv: Invocation): CommandResult {
  if (inv.args[0] === 'dump') return fail("error: kubectl cluster-info dump is not available in this lab")
  if (inv.args.length) return fail(usageError(inv.commandPath, `unknown command "${inv.args.join(' ')}"`))
  const { ip, port } = inv.ctx.cluster.profile.apiServer
  const host = `https://${ip}:${port}`
  let out = line('Kubernetes control plane', host)
  for (const svc of inv.ctx.cluster.store.list('Service', 'kube-system') as Service[]) {
    if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue
    const p = svc.spec.ports?.[0]
    if (!p) continue
    const ingress = svc.status?.loadBalancer?.ingress?.[0]
    const link = ingress
      ? `http://${ingress.ip ?? ingress.hostname}:${p.port}`
      : `${host}/api/v1/namespaces/kube-system/services/${p.name ? `${svc.metadata.name}:${p.name}` : svc.metadata.name}/proxy`
    out += line(svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name, link)
  }
  out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
  return ok(out)
}

const FLAGS: FlagSpec[] = []

export const clusterInfo: Verb = {
  name: 'cluster-info',
  short: 'Display cluster information',
  group: 'Cluster Management Commands',
  flags: FLAGS,
  help: HELP,
  run,
}
