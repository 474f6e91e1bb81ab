// Which ingress-nginx controllers run and which Ingresses each one serves, as ingress-nginx decides it
// (cmd/nginx/flags.go, internal/ingress/controller/store/store.go, internal/ingress/inspector/ingressclass):
// pods running the controller image, their --ingress-class / --controller-class / --watch-ingress-without-class
// / --publish-service flags, IngressClasses whose spec.controller is ours, and the deprecated class annotation.

import type { Ingress, IngressClass, Pod } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { parseImage } from '../images/catalogue.ts'

export const DEFAULT_INGRESS_CLASS = 'nginx'
export const DEFAULT_CONTROLLER_CLASS = 'k8s.io/ingress-nginx'
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class'

/** One running ingress-nginx controller process: its pod and the flags that decide what it serves. */
export interface IngressController {
  pod: Pod
  /** the controller container's name */
  container: string
  /** --ingress-class (default nginx): the value the deprecated annotation must carry */
  ingressClass: string
  /** --controller-class (default k8s.io/ingress-nginx): IngressClasses with this spec.controller are ours */
  controllerClass: string
  /** --watch-ingress-without-class (default false) */
  watchWithoutClass: boolean
  /** --ingress-class-by-name (default false): also accept ingressClassName == --ingress-class */
  classByName: boolean
  /** --publish-service NAMESPACE/NAME, when set */
  publishService?: string
  /** --default-ssl-certificate NAMESPACE/NAME, when set */
  defaultSslCertificate?: string
}

/** `--flag=value` / `--flag value` from argv; `$(VAR)` expanded from the container's literal env and POD_NAMESPACE. */
function flags(argv: string[], vars: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>()
  const expand = (s: string) => s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v: string) => vars[v] ?? m)
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (!a.startsWith('-')) continue
    const name = a.replace(/^--?/, '')
    const eq = name.indexOf('=')
    if (eq >= 0) out.set(name.slice(0, eq), expand(name.slice(eq + 1)))
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) out.set(name, expand(argv[++i]))
    else out.set(name, 'true')
  }
  return out
}

const isTrue = (v: string | undefined) => v === 'true' || v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'True'

/** The controller view of one pod, or undefined when none of its containers runs the ingress-nginx controller. */
export function controllerOf(pod: Pod): IngressController | undefined {
  const c = pod.spec.containers.find((x) => parseImage(x.image ?? '').kind === 'ingress-nginx')
  if (!c) return undefined
  const vars: Record<string, string> = { POD_NAMESPACE: pod.metadata.namespace ?? '', POD_NAME: pod.metadata.name }
  for (const e of c.env ?? []) if (typeof e.value === 'string') vars[e.name] = e.value
  const f = flags([...(c.command ?? []), ...(c.args ?? [])], vars)
  return {
    pod, container: c.name,
    ingressClass: f.get('ingress-class') || DEFAULT_INGRESS_CLASS,
    controllerClass: f.get('controller-class') || DEFAULT_CONTROLLER_CLASS,
    watchWithoutClass: isTrue(f.get('watch-ingress-without-class')),
    classByName: isTrue(f.get('ingress-class-by-name')),
    publishService: f.get('publish-service') || undefined,
    defaultSslCertificate: f.get('default-ssl-certificate') || undefined,
  }
}

/** A pod that is Running and Ready (what ingress-nginx's status sync and a Service endpoint both require). */
export function podReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp &&
    (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
}

/** Every running ingress-nginx controller in the cluster, by namespace then pod name. */
export function ingressControllers(store: Store): IngressController[] {
  const out: IngressController[] = []
  for (const pod of store.list('Pod') as Pod[]) {
    if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) continue
    const c = controllerOf(pod)
    if (c) out.push(c)
  }
  return out.sort((a, b) => key(a.pod).localeCompare(key(b.pod)))
}

const key = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`

/** Why a controller takes or ignores an Ingress: `accepted` plus one sentence for the trace. */
export interface ClassDecision { accepted: boolean; reason: string }

export function classDecision(store: Store, ctrl: IngressController, ing: Ingress): ClassDecision {
  const ann = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION]
  if (ann !== undefined) {
    return ann === ctrl.ingressClass
      ? { accepted: true, reason: `annotation ${INGRESS_CLASS_ANNOTATION}: "${ann}" matches --ingress-class=${ctrl.ingressClass}` }
      : { accepted: false, reason: `annotation ${INGRESS_CLASS_ANNOTATION}: "${ann}" is not --ingress-class=${ctrl.ingressClass}` }
  }
  const cls = ing.spec.ingressClassName
  if (cls) {
    const ic = store.get('IngressClass', undefined, cls) as IngressClass | undefined
    if (ic?.spec?.controller === ctrl.controllerClass) return { accepted: true, reason: `IngressClass "${cls}" has controller ${ctrl.controllerClass}` }
    if (ctrl.classByName && cls === ctrl.ingressClass) return { accepted: true, reason: `ingressClassName "${cls}" matches --ingress-class with --ingress-class-by-name` }
    if (!ic) return { accepted: false, reason: `IngressClass "${cls}" does not exist` }
    return { accepted: false, reason: `IngressClass "${cls}" belongs to controller ${ic.spec?.controller ?? '<none>'}, not ${ctrl.controllerClass}` }
  }
  return ctrl.watchWithoutClass
    ? { accepted: true, reason: 'no class, and the controller runs with --watch-ingress-without-class=true' }
    : { accepted: false, reason: 'no ingressClassName and no class annotation (the controller runs without --watch-ingress-without-class)' }
}

/**
 * The Ingresses a controller serves, in ingress-nginx's order: oldest creationTimestamp first, then
 * namespace/name (the first Ingress to define a host/path keeps it).
 */
export function ingressesFor(store: Store, ctrl: IngressController): Ingress[] {
  return (store.list('Ingress') as Ingress[])
    .filter((i) => !i.metadata.deletionTimestamp && classDecision(store, ctrl, i).accepted)
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || key(a).localeCompare(key(b)))
}
