// What kube-webhook-certgen does against the API while its container runs (the ingress-nginx admission Jobs):
// `create` stores the CA, serving certificate and key in a Secret (ca, cert, key) unless it exists; `patch`
// puts the Secret's CA into the webhook configuration's caBundle (and --patch-failure-policy). The container's
// exit is the image's plan (images/app.ts, kind certgen); this controller is the process's API calls.

import type { Change } from '../../apiserver/store.ts'
import type { Container, KubeObject, Pod } from '../../api/types.ts'
import type { Controller } from '../manager.ts'
import type { ControllerContext } from '../context.ts'
import { parseImage } from '../../images/catalogue.ts'
import { effectiveArgv } from '../../images/app.ts'
import { podEnv } from '../../kubelet/env.ts'
import { deepClone } from '../../util/clone.ts'
import { bytesToBase64, generateCerts } from './certgen-x509.ts'

const certgen = (c: Container) => parseImage(c.image ?? '').kind === 'certgen'

/** The subcommand and `--name=value` flags of the argv (after the /kube-webhook-certgen entrypoint when it is
 * there), $(VAR) references expanded from the container's environment. */
export function certgenFlags(argv: string[], env: Record<string, string>): { command: string; flags: Map<string, string> } {
  const expand = (s: string) => s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v: string) => env[v] ?? m)
  const flags = new Map<string, string>()
  let command = ''
  for (const a of argv.slice(argv[0]?.startsWith('/') ? 1 : 0).map(expand)) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(a)
    if (m) flags.set(m[1], m[2] ?? 'true')
    else command ||= a
  }
  return { command, flags }
}

export class CertgenController implements Controller {
  readonly name = 'kube-webhook-certgen'
  /** onChange reads changes of these kinds only */
  readonly watches = ['Pod', 'Secret']
  /** containers (pod uid/name) whose work is done */
  private readonly done = new Set<string>()
  /** pods waiting for a Secret to exist (patch before create), by `ns/secret` */
  private readonly waiting = new Map<string, Set<string>>()

  constructor(private readonly ctx: ControllerContext) {}

  onChange(c: Change, q: Set<string>): void {
    const o = c.object
    if (o.kind === 'Pod' && c.type !== 'DELETED') {
      const p = o as Pod
      if (p.status?.phase === 'Running' && (p.spec.containers ?? []).some(certgen)) q.add(`${p.metadata.namespace}/${p.metadata.name}`)
    } else if (o.kind === 'Secret' && c.type === 'ADDED') {
      for (const k of this.waiting.get(`${o.metadata.namespace}/${o.metadata.name}`) ?? []) q.add(k)
    }
  }

  reconcile(key: string): void {
    const [ns, name] = key.split('/')
    const pod = this.ctx.informer.pod(ns, name)
    if (!pod) return
    for (const c of pod.spec.containers ?? []) {
      const id = `${pod.metadata.uid}/${c.name}`
      if (!certgen(c) || this.done.has(id)) continue
      const { command, flags } = certgenFlags(effectiveArgv(c, parseImage(c.image ?? '')), podEnv(this.ctx.store, pod, c))
      const namespace = flags.get('namespace') ?? ns
      const secretName = flags.get('secret-name') ?? ''
      if (command === 'create') {
        this.create(namespace, secretName, (flags.get('host') ?? '').split(',').filter(Boolean), id, flags)
        this.done.add(id)
      } else if (command === 'patch') {
        const secret = this.ctx.store.get('Secret', namespace, secretName)
        if (!secret) {
          const w = `${namespace}/${secretName}`
          this.waiting.set(w, (this.waiting.get(w) ?? new Set()).add(key))
          continue
        }
        this.patch(flags, secret)
        this.done.add(id)
      }
    }
  }

  private create(namespace: string, secretName: string, hosts: string[], id: string, flags: Map<string, string>): void {
    if (!secretName || this.ctx.store.get('Secret', namespace, secretName)) return
    const certs = generateCerts(hosts, this.ctx.clock.now(), id)
    const b64 = (s: string) => bytesToBase64([...s].map((ch) => ch.charCodeAt(0)))
    const data: Record<string, string> = {
      [flags.get('ca-name') ?? 'ca']: b64(certs.ca), [flags.get('cert-name') ?? 'cert']: b64(certs.cert), [flags.get('key-name') ?? 'key']: b64(certs.key),
    }
    this.ctx.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName, namespace }, data }, { cause: `pod:${id}` })
  }

  private patch(flags: Map<string, string>, secret: KubeObject): void {
    const ca = (secret.data as Record<string, string> | undefined)?.[flags.get('ca-name') ?? 'ca'] ?? ''
    const policy = flags.get('patch-failure-policy')
    if (flags.get('patch-validating') !== 'false') {
      const hook = this.ctx.store.get('ValidatingWebhookConfiguration', undefined, flags.get('webhook-name') ?? '')
      if (!hook) return
      const next = deepClone(hook)
      for (const w of (next.webhooks as Record<string, unknown>[] | undefined) ?? []) {
        w.clientConfig = { ...((w.clientConfig as Record<string, unknown> | undefined) ?? {}), caBundle: ca }
        if (policy) w.failurePolicy = policy
      }
      this.ctx.store.update(next, { cause: 'kube-webhook-certgen' })
    }
  }
}
