// Which network tools a container has: a small table per image family (what the real images ship), plus the
// packages installed since the container started (`apt-get install`, `apk add`), lost when it restarts.
//
// | family       | images                                   | curl    | wget    | ping    | nc      | ip       | pkg |
// |--------------|------------------------------------------|---------|---------|---------|---------|----------|-----|
// | busybox      | busybox                                  | -       | busybox | busybox | busybox | busybox  | -   |
// | busyboxplus  | radial/busyboxplus                       | 7.x     | busybox | busybox | busybox | busybox  | -   |
// | alpine       | alpine, ingress-nginx controller         | -       | busybox | busybox | busybox | busybox  | apk |
// | curl         | curlimages/curl                          | 8.x     | busybox | busybox | busybox | busybox  | -   |
// | netshoot     | nicolaka/netshoot                        | 8.x     | busybox | iputils | openbsd | iproute2 | apk |
// | nginx        | nginx, nginx-unprivileged (Debian 12)    | 7.88.1  | -       | -       | -       | -        | apt |
// | debian       | httpd, ubuntu, unknown images            | -       | -       | -       | -       | -        | apt |
// | centos       | centos                                   | 7.29.0  | -       | -       | -       | -        | -   |
// | scratch      | whoami, http-echo, coredns, components   | -       | -       | -       | -       | -        | -   |
// nginx's Dockerfile installs curl (with gettext-base); Debian images have `hostname`; busybox has it as an applet.
// DNS tools: busybox nslookup in busybox-based images (busybox 1.28 and older: the libc-based applet with its own
// output); bind9's dig, host and nslookup in jessie-dnsutils (9.9), netshoot (bind-tools 9.18) and after
// `apt-get install dnsutils` / `apk add bind-tools`; glibc's `getent` in Debian-based images (and busybox-free glibc ones).

import type { Cluster } from '../../core/cluster/types.ts'
import type { Pod } from '../../core/api/types.ts'
import { parseImage } from '../../core/images/catalogue.ts'
import type { HostContext } from '../types.ts'
import { imageOf, podOf } from './access.ts'

export type Family = 'busybox' | 'busyboxplus' | 'alpine' | 'curl' | 'netshoot' | 'nginx' | 'debian' | 'centos' | 'scratch'

/** bind9 versions as dig prints them in its banner */
export const BIND_JESSIE = '9.9.5-9+deb8u19-Debian'
export const BIND_DEBIAN = '9.18.33-1~deb12u2-Debian'
export const BIND_ALPINE = '9.18.35'
const bindTools = (version: string): Tool[] => [{ name: 'nslookup', variant: 'bind', version }, { name: 'dig', version }, { name: 'host', version }]

/** The program variants whose output differs. */
export type Tool =
  | { name: 'curl'; version: string }
  | { name: 'wget'; variant: 'busybox' }
  | { name: 'ping'; variant: 'busybox' | 'iputils' }
  | { name: 'nc'; variant: 'busybox' | 'openbsd' }
  | { name: 'ip'; variant: 'busybox' | 'iproute2' }
  | { name: 'hostname'; variant: 'busybox' | 'debian' }
  | { name: 'apt-get' }
  | { name: 'apk' }
  | { name: 'nslookup'; variant: 'busybox' | 'busybox-old' | 'bind'; version?: string }
  | { name: 'dig'; version: string }
  | { name: 'host'; version: string }
  | { name: 'getent' }

export const CURL_DEBIAN = '7.88.1'
export const CURL_ALPINE = '8.12.1'
export const CURL_CURLIMAGES = '8.11.1'
export const CURL_NODE_KUBEADM = '7.88.1'
export const CURL_NODE_BINARY = '7.29.0'

const BUSYBOX_APPLETS: Tool[] = [
  { name: 'wget', variant: 'busybox' }, { name: 'ping', variant: 'busybox' }, { name: 'nc', variant: 'busybox' },
  { name: 'ip', variant: 'busybox' }, { name: 'hostname', variant: 'busybox' }, { name: 'nslookup', variant: 'busybox' },
]

const FAMILY_TOOLS: Record<Family, Tool[]> = {
  busybox: BUSYBOX_APPLETS,
  busyboxplus: [...BUSYBOX_APPLETS, { name: 'curl', version: '7.35.0' }],
  alpine: [...BUSYBOX_APPLETS, { name: 'apk' }],
  curl: [...BUSYBOX_APPLETS, { name: 'curl', version: CURL_CURLIMAGES }],
  netshoot: [
    { name: 'wget', variant: 'busybox' }, { name: 'hostname', variant: 'busybox' }, { name: 'curl', version: CURL_ALPINE },
    { name: 'ping', variant: 'iputils' }, { name: 'nc', variant: 'openbsd' }, { name: 'ip', variant: 'iproute2' },
    ...bindTools(BIND_ALPINE), { name: 'apk' },
  ],
  nginx: [{ name: 'curl', version: CURL_DEBIAN }, { name: 'hostname', variant: 'debian' }, { name: 'apt-get' }, { name: 'getent' }],
  debian: [{ name: 'hostname', variant: 'debian' }, { name: 'apt-get' }, { name: 'getent' }],
  centos: [{ name: 'curl', version: '7.29.0' }, { name: 'hostname', variant: 'debian' }, { name: 'getent' }],
  scratch: [],
}

/** The DNS-debugging images of the Kubernetes docs and e2e tests (Debian 8 with dnsutils): a Debian family image with bind9 9.9 */
export function isDnsutilsImage(image: string): boolean {
  return /(^|\/)(jessie-)?dnsutils$/.test(parseImage(image).repository)
}

export function familyOf(image: string): Family {
  const info = parseImage(image)
  const repo = info.repository.replace(/^docker\.io\//, '')
  if (repo === 'library/busybox') return 'busybox'
  if (repo === 'radial/busyboxplus') return 'busyboxplus'
  if (repo === 'curlimages/curl') return 'curl'
  if (repo === 'nicolaka/netshoot') return 'netshoot'
  if (repo === 'library/centos') return 'centos'
  if (info.kind === 'nginx') return 'nginx'
  if (repo === 'library/alpine' || info.kind === 'ingress-nginx' || /alpine/.test(info.tag)) return 'alpine'
  if (['whoami', 'http-echo', 'coredns', 'component'].includes(info.kind)) return 'scratch'
  return 'debian'
}

/** Packages the package managers know: what each installs (apt names / apk names). */
export const PACKAGE_TOOLS: Record<string, Tool[]> = {
  // Debian
  'iputils-ping': [{ name: 'ping', variant: 'iputils' }],
  curl: [{ name: 'curl', version: CURL_DEBIAN }],
  dnsutils: bindTools(BIND_DEBIAN),
  'bind9-dnsutils': bindTools(BIND_DEBIAN),
  'net-tools': [],
  iproute2: [{ name: 'ip', variant: 'iproute2' }],
  procps: [],
  'netcat-openbsd': [{ name: 'nc', variant: 'openbsd' }],
  // Alpine
  iputils: [{ name: 'ping', variant: 'iputils' }],
  'bind-tools': bindTools(BIND_ALPINE),
}

/** installed packages per container instance (pod uid + container + restart count) */
const installed = new WeakMap<Cluster, Map<string, Set<string>>>()

function instanceKey(pod: Pod, container: string): string {
  const restarts = pod.status?.containerStatuses?.find((c) => c.name === container)?.restartCount ?? 0
  return `${pod.metadata.uid ?? pod.metadata.name}/${container}/${restarts}`
}

/** The package state of the container a pod host context runs in (created on first use). */
export function packageState(cluster: Cluster, host: HostContext): Set<string> | undefined {
  const pod = podOf(cluster, host)
  if (!pod || host.kind !== 'pod') return undefined
  let m = installed.get(cluster)
  if (!m) installed.set(cluster, (m = new Map()))
  const key = instanceKey(pod, host.container)
  let s = m.get(key)
  if (!s) m.set(key, (s = new Set()))
  return s
}

/** The tools of a pod container: its image's, then what was installed since it started (later wins). */
export function podTools(cluster: Cluster, host: HostContext): Tool[] {
  const image = imageOf(cluster, host)
  const family = familyOf(image)
  const tools = [...FAMILY_TOOLS[family], ...(isDnsutilsImage(image) ? bindTools(BIND_JESSIE) : [])]
  // busybox up to 1.28 has the libc-based nslookup applet (the one the Kubernetes docs' busybox:1.28 shows)
  if (family === 'busybox' && /^1\.(\d|1\d|2[0-8])(\.|$)/.test(parseImage(image).tag)) tools[tools.findIndex((t) => t.name === 'nslookup')] = { name: 'nslookup', variant: 'busybox-old' }
  for (const p of packageState(cluster, host) ?? []) {
    for (const t of PACKAGE_TOOLS[p] ?? []) {
      const i = tools.findIndex((x) => x.name === t.name)
      const v = t.name === 'curl' && family !== 'nginx' && family !== 'debian' ? { name: 'curl' as const, version: CURL_ALPINE } : t
      if (i >= 0) tools[i] = v
      else tools.push(v)
    }
  }
  return tools
}

/** bind-utils of the nodes: Debian 12 (kubeadm profile), CentOS 7 (binary profile) */
function nodeBind(cluster: Cluster): string {
  return cluster.profile.name === 'binary' ? '9.11.4-P2-RedHat-9.11.4-26.P2.el7_9.16' : BIND_DEBIAN
}

/** The tool `name` where a command runs: nodes and outside hosts have the full set (iproute2, iputils, curl). */
export function toolIn(cluster: Cluster, host: HostContext, name: Tool['name']): Tool | undefined {
  if (host.kind === 'node') {
    switch (name) {
      case 'curl': return { name, version: cluster.profile.name === 'binary' ? CURL_NODE_BINARY : CURL_NODE_KUBEADM }
      case 'ping': return { name, variant: 'iputils' }
      case 'nc': return { name, variant: 'openbsd' }
      case 'ip': return { name, variant: 'iproute2' }
      case 'hostname': return { name, variant: 'debian' }
      case 'wget': return undefined
      case 'getent': return { name }
      case 'nslookup': return { name, variant: 'bind', version: nodeBind(cluster) }
      case 'dig': case 'host': return { name, version: nodeBind(cluster) }
      default: return undefined
    }
  }
  return podTools(cluster, host).find((t) => t.name === name)
}
