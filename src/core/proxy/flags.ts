// A binary install's kube-proxy flags file (`/opt/kubernetes/cfg/kube-proxy`, KUBE_PROXY_OPTS="...") as the
// classic tutorials write it, parsed with kube-proxy v1.32's flag names; the file the lab installs.

import type { RawConfig } from './config.ts'
import { defaultConfig, parseConfigFile } from './config.ts'

export const FLAGS_PATH = '/opt/kubernetes/cfg/kube-proxy'

/** kube-proxy v1.32's flags (the klog flags --logtostderr, --log-dir ... were removed in v1.26). */
const KNOWN = new Set([
  'azure-container-registry-config', 'bind-address', 'bind-address-hard-fail', 'cleanup', 'cluster-cidr', 'config', 'config-sync-period',
  'conntrack-max-per-core', 'conntrack-min', 'conntrack-tcp-be-liberal', 'conntrack-tcp-timeout-close-wait', 'conntrack-tcp-timeout-established',
  'conntrack-udp-timeout', 'conntrack-udp-timeout-stream', 'detect-local-mode', 'feature-gates', 'healthz-bind-address', 'help', 'hostname-override',
  'init-only', 'iptables-localhost-nodeports', 'iptables-masquerade-bit', 'iptables-min-sync-period', 'iptables-sync-period', 'ipvs-exclude-cidrs',
  'ipvs-min-sync-period', 'ipvs-scheduler', 'ipvs-strict-arp', 'ipvs-sync-period', 'ipvs-tcp-timeout', 'ipvs-tcpfin-timeout', 'ipvs-udp-timeout',
  'kube-api-burst', 'kube-api-content-type', 'kube-api-qps', 'kubeconfig', 'log-flush-frequency', 'log-json-info-buffer-size', 'log-json-split-stream',
  'log-text-info-buffer-size', 'log-text-split-stream', 'logging-format', 'masquerade-all', 'master', 'metrics-bind-address', 'nodeport-addresses',
  'oom-score-adj', 'pod-bridge-interface', 'pod-interface-name-prefix', 'profiling', 'proxy-mode', 'proxy-port-range', 'show-hidden-metrics-for-version',
  'v', 'version', 'vmodule', 'write-config-to',
])

const BOOLS = new Set(['masquerade-all', 'ipvs-strict-arp', 'cleanup', 'init-only', 'bind-address-hard-fail', 'profiling', 'iptables-localhost-nodeports', 'help'])

export interface FlagsResult {
  config?: RawConfig
  /** cobra's error (`unknown flag: --logtostderr`) or a config-file error */
  error?: string
  /** the --config path, when given */
  configPath?: string
}

/** Split the file into flags: the text inside KUBE_PROXY_OPTS="...", backslash-newlines joined. */
function tokens(text: string): string[] {
  const body = text.replace(/\\\r?\n/g, ' ')
  const m = /KUBE_PROXY_OPTS\s*=\s*"([^"]*)"/.exec(body) ?? /KUBE_PROXY_OPTS\s*=\s*'([^']*)'/.exec(body)
  const src = m ? m[1] : body.split('\n').filter((l) => !l.trim().startsWith('#')).join(' ')
  return src.split(/\s+/).filter((t) => t.startsWith('-') || t.length)
}

/**
 * Parse the flags into a configuration. `readFile` resolves `--config=<path>` (the node's files); flags given
 * on the command line override the file, as kube-proxy v1.32 applies them.
 */
export function parseFlags(text: string, readFile?: (path: string) => string | undefined): FlagsResult {
  const toks = tokens(text)
  const flags = new Map<string, string>()
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]
    if (!t.startsWith('-')) continue
    const body = t.replace(/^--?/, '')
    const eq = body.indexOf('=')
    const name = eq >= 0 ? body.slice(0, eq) : body
    if (!KNOWN.has(name)) return { error: `unknown flag: --${name}` }
    let value = eq >= 0 ? body.slice(eq + 1) : ''
    if (eq < 0 && !BOOLS.has(name) && i + 1 < toks.length && !toks[i + 1].startsWith('-')) value = toks[++i]
    if (eq < 0 && BOOLS.has(name)) value = 'true'
    flags.set(name, value.replace(/^["']|["']$/g, ''))
  }
  let config: RawConfig = defaultConfig()
  const configPath = flags.get('config')
  if (configPath) {
    const file = readFile?.(configPath)
    if (file === undefined) return { error: `failed complete: open ${configPath}: no such file or directory`, configPath }
    try {
      config = parseConfigFile(file, config)
    } catch (e) {
      return { error: `failed complete: ${(e as Error).message}`, configPath }
    }
  }
  const f = (n: string) => flags.get(n)
  if (f('proxy-mode') !== undefined) config.mode = f('proxy-mode')!
  if (f('cluster-cidr') !== undefined) config.clusterCIDR = f('cluster-cidr')!
  if (f('hostname-override') !== undefined) config.hostnameOverride = f('hostname-override')!
  if (f('masquerade-all') !== undefined) config.masqueradeAll = f('masquerade-all') !== 'false'
  if (f('iptables-masquerade-bit') !== undefined) config.masqueradeBit = Number(f('iptables-masquerade-bit'))
  if (f('ipvs-scheduler') !== undefined) config.ipvs.scheduler = f('ipvs-scheduler')!
  if (f('ipvs-strict-arp') !== undefined) config.ipvs.strictARP = f('ipvs-strict-arp') !== 'false'
  if (f('nodeport-addresses') !== undefined) config.nodePortAddresses = f('nodeport-addresses')!.split(',').filter(Boolean)
  return { config, ...(configPath ? { configPath } : {}) }
}

/** The flags file the lab's binary profile installs on each node. */
export function defaultFlagsFile(node: string, clusterCIDR: string, mode: string): string {
  return `KUBE_PROXY_OPTS="--v=2 \\
--hostname-override=${node} \\
--cluster-cidr=${clusterCIDR} \\
--proxy-mode=${mode} \\
--masquerade-all=false \\
--kubeconfig=/opt/kubernetes/cfg/kube-proxy.kubeconfig"
`
}
