// The container image catalogue: how an image reference normalises (docker.io/library/nginx:latest), what
// the lab knows each image to be (a web server, a shell toolbox, a cluster component) and its pull size.

import { fnv32a } from '../controller/hash.ts'

export type ImageKind =
  | 'nginx' | 'httpd' | 'whoami' | 'http-echo' | 'shell' | 'curl'
  | 'coredns' | 'ingress-nginx' | 'certgen' | 'component' | 'generic'

export interface ImageInfo {
  /** as written in the pod spec */
  ref: string
  /** `docker.io/library/nginx` */
  repository: string
  /** `latest`, `1.25`, or '' with a digest */
  tag: string
  digest?: string
  /** what containerStatuses[].image shows: `docker.io/library/nginx:latest` */
  canonical: string
  /** what containerStatuses[].imageID shows: `docker.io/library/nginx@sha256:...` */
  imageID: string
  kind: ImageKind
  /** compressed size the kubelet reports in the Pulled event */
  sizeBytes: number
}

interface Entry { kind: ImageKind; size: number }

/** Keyed by repository without registry for Docker Hub images, with registry otherwise. */
const KNOWN: Record<string, Entry> = {
  'library/nginx': { kind: 'nginx', size: 72_195_292 },
  'nginxinc/nginx-unprivileged': { kind: 'nginx', size: 72_507_187 },
  'library/httpd': { kind: 'httpd', size: 58_141_232 },
  'traefik/whoami': { kind: 'whoami', size: 3_279_114 },
  'containous/whoami': { kind: 'whoami', size: 3_227_296 },
  'hashicorp/http-echo': { kind: 'http-echo', size: 3_379_516 },
  'library/busybox': { kind: 'shell', size: 2_166_802 },
  'library/alpine': { kind: 'shell', size: 3_653_068 },
  'library/ubuntu': { kind: 'shell', size: 29_754_290 },
  'library/centos': { kind: 'shell', size: 83_518_086 },
  'radial/busyboxplus': { kind: 'shell', size: 4_934_287 },
  'nicolaka/netshoot': { kind: 'shell', size: 183_456_720 },
  'curlimages/curl': { kind: 'curl', size: 11_284_301 },
  'registry.k8s.io/coredns/coredns': { kind: 'coredns', size: 18_562_039 },
  'coredns/coredns': { kind: 'coredns', size: 18_562_039 },
  'registry.k8s.io/ingress-nginx/controller': { kind: 'ingress-nginx', size: 105_386_473 },
  'registry.k8s.io/ingress-nginx/kube-webhook-certgen': { kind: 'certgen', size: 30_221_408 },
  'registry.k8s.io/etcd': { kind: 'component', size: 57_680_541 },
  'registry.k8s.io/kube-apiserver': { kind: 'component', size: 28_671_624 },
  'registry.k8s.io/kube-controller-manager': { kind: 'component', size: 26_259_392 },
  'registry.k8s.io/kube-scheduler': { kind: 'component', size: 20_657_536 },
  'registry.k8s.io/kube-proxy': { kind: 'component', size: 30_908_135 },
  'registry.k8s.io/pause': { kind: 'component', size: 320_368 },
}

function hex64(seed: string): string {
  let out = ''
  let h = fnv32a(seed)
  while (out.length < 64) {
    h = fnv32a(out + seed, h)
    out += h.toString(16).padStart(8, '0')
  }
  return out.slice(0, 64)
}

/** Split and normalise an image reference the way containerd does (docker.io, library/, :latest). */
const parsed = new Map<string, ImageInfo>()

export function parseImage(ref: string): ImageInfo {
  let info = parsed.get(ref)
  if (!info) {
    info = parseImageUncached(ref)
    if (parsed.size < 10_000) parsed.set(ref, info)
  }
  return info
}

function parseImageUncached(ref: string): ImageInfo {
  let rest = ref.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at) }
  let tag = ''
  const slash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon) }
  if (!tag && !digest) tag = 'latest'
  const first = rest.split('/')[0]
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
  let repository = hasRegistry ? rest : `docker.io/${rest.includes('/') ? rest : 'library/' + rest}`
  if (repository.startsWith('index.docker.io/')) repository = 'docker.io/' + repository.slice('index.docker.io/'.length)
  const shortKey = repository.startsWith('docker.io/') ? repository.slice('docker.io/'.length) : repository
  const entry = KNOWN[shortKey] ?? KNOWN[repository.replace(/^registry\.k8s\.io\//, '')]
  const canonical = tag ? `${repository}:${tag}` : `${repository}@${digest}`
  const d = digest ?? `sha256:${hex64(canonical)}`
  return {
    ref, repository, tag, digest, canonical, imageID: `${repository}@${d}`,
    kind: entry?.kind ?? 'generic',
    sizeBytes: entry?.size ?? 40_000_000 + (fnv32a(repository) % 60_000_000),
  }
}

/** The kubelet's default pull policy: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(ref: string): 'Always' | 'IfNotPresent' {
  const img = parseImage(ref)
  return img.digest || img.tag !== 'latest' ? 'IfNotPresent' : 'Always'
}

/** nginx version the lab's `nginx` image reports (Server header, logs). */
export const NGINX_VERSION = '1.27.3'
export const HTTPD_VERSION = '2.4.62'
