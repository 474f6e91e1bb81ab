// kube-proxy's configuration: the KubeProxyConfiguration file (the kubeadm ConfigMap's `config.conf`, or a
// binary install's `--config` file), defaults (pkg/proxy/apis/config/v1alpha1/defaults.go) and the
// validation kube-proxy runs at start (pkg/proxy/apis/config/validation), with its exact messages.

import { parse } from 'yaml'
import type { KubeProxyConfig } from './types.ts'

export function defaultConfig(): KubeProxyConfig {
  return { mode: '', clusterCIDR: '', masqueradeAll: false, masqueradeBit: 14, ipvs: { scheduler: '', strictARP: false }, nodePortAddresses: [], hostnameOverride: '' }
}

/** A configured mode may be any text until validated. */
export type RawConfig = Omit<KubeProxyConfig, 'mode'> & { mode: string }

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v))

/** Read a KubeProxyConfiguration document over the defaults; throws with the decoder's message on bad YAML. */
export function parseConfigFile(text: string, base: RawConfig = defaultConfig()): RawConfig {
  const doc = parse(text) as Record<string, unknown> | null
  const c: RawConfig = { ...base, ipvs: { ...base.ipvs }, nodePortAddresses: [...base.nodePortAddresses] }
  if (!doc || typeof doc !== 'object') return c
  if (doc.mode !== undefined) c.mode = str(doc.mode) ?? ''
  if (doc.clusterCIDR !== undefined) c.clusterCIDR = str(doc.clusterCIDR) ?? ''
  if (doc.hostnameOverride !== undefined) c.hostnameOverride = str(doc.hostnameOverride) ?? ''
  const ipt = doc.iptables as Record<string, unknown> | undefined
  if (ipt && typeof ipt === 'object') {
    if (ipt.masqueradeAll !== undefined && ipt.masqueradeAll !== null) c.masqueradeAll = ipt.masqueradeAll === true || ipt.masqueradeAll === 'true'
    if (typeof ipt.masqueradeBit === 'number') c.masqueradeBit = ipt.masqueradeBit
  }
  const ipvs = doc.ipvs as Record<string, unknown> | undefined
  if (ipvs && typeof ipvs === 'object') {
    if (ipvs.scheduler !== undefined) c.ipvs.scheduler = str(ipvs.scheduler) ?? ''
    if (ipvs.strictARP !== undefined && ipvs.strictARP !== null) c.ipvs.strictARP = ipvs.strictARP === true || ipvs.strictARP === 'true'
  }
  if (Array.isArray(doc.nodePortAddresses)) c.nodePortAddresses = doc.nodePortAddresses.map((x) => String(x))
  return c
}

/** `v1.32.0` -> 32 */
export function minorOf(version: string): number {
  const m = /^v?1\.(\d+)/.exec(version)
  return m ? Number(m[1]) : 32
}

/** The proxy modes a kube-proxy release accepts on Linux (userspace was removed in v1.26, nftables added in v1.29). */
export function validModes(version: string): string[] {
  const minor = minorOf(version)
  const modes = ['iptables', 'ipvs']
  if (minor < 26) modes.push('userspace')
  if (minor >= 29) modes.push('nftables')
  return modes.sort()
}

const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq', '']

/** validation.Validate (the parts the lab reads): field errors in `field.Error` text form. */
export function validateConfig(c: RawConfig, version: string): string[] {
  const errs: string[] = []
  const path = 'KubeProxyConfiguration'
  const modes = validModes(version)
  if (c.mode !== '' && !modes.includes(c.mode)) {
    const list = minorOf(version) >= 29 ? modes.join(', ') : modes.join(',')
    errs.push(`${path}.ProxyMode: Invalid value: "${c.mode}": must be ${list} or blank (blank means the best-available proxy [currently iptables])`)
  }
  if (c.masqueradeBit < 0 || c.masqueradeBit > 31) {
    errs.push(`${path}.IPTables.MasqueradeBit: Invalid value: ${c.masqueradeBit}: must be within the range [0, 31]`)
  }
  if (c.mode === 'ipvs' && !SCHEDULERS.includes(c.ipvs.scheduler)) {
    errs.push(`${path}.KubeProxyIPVSConfiguration.Scheduler: Invalid value: "${c.ipvs.scheduler}": must be in [${SCHEDULERS.join(' ')}], blank means the default algorithm method (currently rr)`)
  }
  if (c.clusterCIDR) {
    for (const cidr of c.clusterCIDR.split(',')) {
      if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr.trim()) && !cidr.includes(':')) {
        errs.push(`${path}.DetectLocal.ClusterCIDRs: Invalid value: "${cidr}": must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)`)
      }
    }
  }
  return errs
}
