// The klog lines kube-proxy v1.32 prints when it starts (cmd/kube-proxy/app/server.go, server_linux.go,
// pkg/proxy/conntrack, the proxiers) and when its configuration is rejected (component-base cli run.go).

import { klogLine, q, type Severity } from './klog.ts'
import type { ProxyMode } from './types.ts'
import type { RawConfig } from './config.ts'

export interface StartInfo {
  mode: ProxyMode
  nodeIP: string
  version: string
  config: RawConfig
}

/** Lines for a successful start, stamped from `ms` on. */
export function startupLog(info: StartInfo, ms: number, pid: number): string[] {
  let us = 0
  const l = (sev: Severity, where: string, msg: string) => klogLine(sev, ms, (us += 37 + (us % 11)), pid, where, msg)
  const out: string[] = []
  out.push(l('I', 'server_linux.go:66', q(`Using ${info.mode} proxy`)))
  out.push(l('I', 'server.go:698', `${q('Successfully retrieved node IP(s)')} IPs=[${q(info.nodeIP)}]`))
  out.push(l('I', 'conntrack.go:121', `${q('Set sysctl')} entry=${q('net/netfilter/nf_conntrack_max')} value=131072`))
  out.push(l('I', 'conntrack.go:60', `${q('Setting nf_conntrack_max')} nfConntrackMax=131072`))
  out.push(l('I', 'conntrack.go:121', `${q('Set sysctl')} entry=${q('net/netfilter/nf_conntrack_tcp_timeout_established')} value=86400`))
  out.push(l('I', 'conntrack.go:121', `${q('Set sysctl')} entry=${q('net/netfilter/nf_conntrack_tcp_timeout_close_wait')} value=3600`))
  if (!info.config.nodePortAddresses.length) {
    out.push(l('E', 'server.go:234', `${q('Kube-proxy configuration may be incomplete or incorrect')} err=${q('nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`')}`))
  }
  out.push(l('I', 'server.go:243', `${q('kube-proxy running in dual-stack mode')} primary ipFamily=${q('IPv4')}`))
  if (!info.config.clusterCIDR) {
    out.push(l('I', 'server_linux.go:143', `${q('Detect-local-mode set to ClusterCIDR, but no cluster CIDR specified for primary IP family')} ipFamily=${q('IPv4')} clusterCIDRs=[]`))
  }
  if (info.mode === 'iptables') {
    out.push(l('I', 'server_linux.go:170', q('Using iptables Proxier')))
    out.push(l('I', 'proxier.go:255', `${q('Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses')} ipFamily=${q('IPv4')}`))
  } else if (info.mode === 'ipvs') {
    out.push(l('I', 'server_linux.go:231', q('Using ipvs Proxier')))
    if (!info.config.ipvs.scheduler) out.push(l('I', 'proxier.go:364', `${q('IPVS scheduler not specified, use rr by default')} ipFamily=${q('IPv4')}`))
  } else {
    out.push(l('I', 'server_others.go:254', q('Using userspace Proxier.')))
  }
  out.push(l('I', 'server.go:497', `${q('Version info')} version=${q(info.version)}`))
  out.push(l('I', 'server.go:499', `${q('Golang settings')} GOGC="" GOMAXPROCS="" GOTRACEBACK=""`))
  out.push(l('I', 'config.go:199', q('Starting service config controller')))
  out.push(l('I', 'shared_informer.go:313', 'Waiting for caches to sync for service config'))
  out.push(l('I', 'config.go:105', q('Starting endpoint slice config controller')))
  out.push(l('I', 'shared_informer.go:313', 'Waiting for caches to sync for endpoint slice config'))
  out.push(l('I', 'config.go:329', q('Starting node config controller')))
  out.push(l('I', 'shared_informer.go:313', 'Waiting for caches to sync for node config'))
  us += 100_000
  out.push(l('I', 'shared_informer.go:320', 'Caches are synced for node config'))
  out.push(l('I', 'shared_informer.go:320', 'Caches are synced for service config'))
  out.push(l('I', 'shared_informer.go:320', 'Caches are synced for endpoint slice config'))
  return out
}

/** The line a failed start leaves (cobra's RunE error through component-base's cli.Run). */
export function failureLog(err: string, ms: number, pid: number): string[] {
  return [klogLine('E', ms, 512, pid, 'run.go:72', `${q('command failed')} err=${q(err)}`)]
}
