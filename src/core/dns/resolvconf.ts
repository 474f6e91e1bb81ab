// The /etc/resolv.conf the kubelet gives a pod (k/k pkg/kubelet/network/dns/dns.go GetPodDNS, written by
// containerd's CRI as `search`, `nameserver`, `options` lines) for each dnsPolicy, and the node's own file
// the Default policy copies. Node files: kubeadm nodes `nameserver 8.8.8.8`, binary-profile (CentOS) nodes
// `nameserver 114.114.114.114`: the lab's choice of upstream, answered by its simulated internet (internet.ts).

import type { Pod } from '../api/types.ts'
import type { ClusterProfile } from '../cluster/types.ts'

export interface DnsConfig { servers: string[]; searches: string[]; options: string[] }

/** kubelet's validation limits (pkg/apis/core/validation: MaxDNSNameservers; kubelet dns.go). */
export const MAX_NAMESERVERS = 3
export const MAX_DNS_SEARCH_PATHS = 32
export const MAX_DNS_SEARCH_LIST_CHARS = 2048

/** The node's /etc/resolv.conf (the kubelet's --resolv-conf) for a profile. */
export function nodeResolvConfText(profile: Pick<ClusterProfile, 'name'>): string {
  return profile.name === 'binary' ? 'nameserver 114.114.114.114\n' : 'nameserver 8.8.8.8\n'
}

/** Parses resolv.conf text into servers, searches and options (later `search` lines replace earlier ones). */
export function parseResolvConf(text: string): DnsConfig {
  const c: DnsConfig = { servers: [], searches: [], options: [] }
  for (const raw of text.split('\n')) {
    const f = raw.replace(/[#;].*$/, '').trim().split(/\s+/).filter((x) => x)
    if (!f.length) continue
    if (f[0] === 'nameserver' && f[1]) c.servers.push(f[1])
    else if (f[0] === 'search' || f[0] === 'domain') c.searches = f.slice(1).map((s) => s.replace(/\.$/, ''))
    else if (f[0] === 'options') c.options.push(...f.slice(1))
  }
  return c
}

const omitDuplicates = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i)

/** mergeDNSOptions: the pod's dnsConfig options override same-named ones; first-seen order kept. */
function mergeOptions(existing: string[], extra: { name?: string; value?: string }[]): string[] {
  const m = new Map<string, string>()
  for (const o of existing) { const i = o.indexOf(':'); m.set(i < 0 ? o : o.slice(0, i), i < 0 ? '' : o.slice(i + 1)) }
  for (const o of extra) if (o.name) m.set(o.name, o.value ?? '')
  return [...m].map(([k, v]) => (v ? `${k}:${v}` : k))
}

/** The kubelet trims the search list to 32 domains and 2048 characters (dns.go formDNSSearchFitsLimits). */
function fitSearches(s: string[]): string[] {
  let out = s.slice(0, MAX_DNS_SEARCH_PATHS)
  while (out.length && out.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) out = out.slice(0, -1)
  return out
}

/** The effective policy: ClusterFirst on hostNetwork falls back to Default (dns.go getPodDNSType). */
export function effectiveDnsPolicy(pod: Pod): 'ClusterFirst' | 'Default' | 'None' {
  const p = pod.spec.dnsPolicy ?? 'ClusterFirst'
  if (p === 'None') return 'None'
  if (p === 'Default') return 'Default'
  if (p === 'ClusterFirstWithHostNet') return 'ClusterFirst'
  return pod.spec.hostNetwork ? 'Default' : 'ClusterFirst'
}

/** GetPodDNS: servers, searches and options for the pod. */
export function podDnsConfig(profile: Pick<ClusterProfile, 'name' | 'clusterDomain' | 'clusterDNS'>, pod: Pod, nodeResolv = nodeResolvConfText(profile)): DnsConfig {
  const host = parseResolvConf(nodeResolv)
  const ns = pod.metadata.namespace ?? 'default'
  const d = profile.clusterDomain
  let c: DnsConfig
  switch (effectiveDnsPolicy(pod)) {
    case 'None': c = { servers: [], searches: [], options: [] }; break
    case 'Default': c = { servers: host.servers, searches: host.searches, options: host.options }; break
    case 'ClusterFirst':
      c = { servers: [profile.clusterDNS], searches: omitDuplicates([`${ns}.svc.${d}`, `svc.${d}`, d, ...host.searches]), options: ['ndots:5'] }
      break
  }
  const cfg = pod.spec.dnsConfig as { nameservers?: string[]; searches?: string[]; options?: { name?: string; value?: string }[] } | undefined
  if (cfg) {
    c = {
      servers: omitDuplicates([...c.servers, ...(cfg.nameservers ?? [])]),
      searches: omitDuplicates([...c.searches, ...(cfg.searches ?? [])]),
      options: mergeOptions(c.options, cfg.options ?? []),
    }
  }
  return { servers: c.servers.slice(0, MAX_NAMESERVERS), searches: fitSearches(c.searches), options: c.options }
}

/** The pod's /etc/resolv.conf text as containerd writes it from the kubelet's DNS config. */
export function resolvConfText(c: DnsConfig): string {
  let out = ''
  if (c.searches.length) out += `search ${c.searches.join(' ')}\n`
  if (c.servers.length) out += c.servers.map((s) => `nameserver ${s}\n`).join('')
  if (c.options.length) out += `options ${c.options.join(' ')}\n`
  return out
}

/** What kubelet writes into the pod's /etc/resolv.conf. */
export function resolvConf(cluster: { profile: Pick<ClusterProfile, 'name' | 'clusterDomain' | 'clusterDNS'> }, pod: Pod): string {
  return resolvConfText(podDnsConfig(cluster.profile, pod))
}
