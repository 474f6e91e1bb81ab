// Renders a NetPlan as a self-contained bash script: `up` (default) builds the namespaces, links, addresses,
// routes, flannel's vxlan peers, sysctls, rules and pod servers; `--down` removes exactly what `up` created.

import type { NetPlan, PlanLink, PlanNetns } from './model.ts'
import type { Route } from '../../core/node/types.ts'
import { NFACCT_PY, SERVER_PY } from './python.ts'

/** a word safe for bash: bare when it only has safe characters, else single-quoted */
export function sh(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** a heredoc terminator not present in the body */
function eof(body: string, base: string): string {
  let tag = base
  for (let i = 2; body.split('\n').includes(tag); i++) tag = `${base}_${i}`
  return tag
}

function heredoc(cmd: string, body: string, base: string): string[] {
  const tag = eof(body, base)
  return [`${cmd} <<'${tag}'`, ...body.replace(/\n$/, '').split('\n'), tag]
}

const ns = (p: PlanNetns | string) => `"$P-${typeof p === 'string' ? p : p.id}"`

function addrLines(n: PlanNetns, l: PlanLink): string[] {
  return l.addrs.map((a) => `ip -n ${ns(n)} addr add ${a.cidr}${a.broadcast ? ` brd ${a.broadcast}` : ''} dev ${sh(l.name)}`)
}

function routeLine(n: PlanNetns, r: Route): string {
  const parts = [`ip -n ${ns(n)} route add ${r.dst}`]
  if (r.via) parts.push(`via ${r.via}`)
  parts.push(`dev ${sh(r.dev)}`)
  if (r.onlink) parts.push('onlink')
  if (r.src) parts.push(`src ${r.src}`)
  if (r.metric !== undefined) parts.push(`metric ${r.metric}`)
  return parts.join(' ')
}

function header(plan: NetPlan, nodes: PlanNetns[], pods: PlanNetns[]): string[] {
  return [
    '#!/usr/bin/env bash',
    `# kubelab: the network of a simulated Kubernetes cluster (profile ${plan.profile}, kube-proxy ${plan.proxyMode} mode,`,
    `# ${nodes.length} node${nodes.length === 1 ? '' : 's'}, ${pods.length} pod${pods.length === 1 ? '' : 's'}) rebuilt in Linux network namespaces. Written by \`kubelab export netns\`.`,
    '#',
    '#   sudo bash lab.sh          build it: namespaces named <prefix>-<name>, prefix "kl" unless KUBELAB_PREFIX is set',
    '#   sudo bash lab.sh --down   remove everything it built (its namespaces, servers and state directory), nothing else',
    '#',
    '# One namespace per node, per pod (hostNetwork pods share their node\'s) and for the outside client, plus',
    '# <prefix>-net: the node network\'s switch (bridge net0 holding the gateway address; it forwards nothing).',
    '# Nodes: eth0, flannel.1 as a real VXLAN device (VNI 1, UDP 8472 over eth0, with the static ARP and FDB',
    '# entries flanneld writes for every other node: the same names and L3 addressing as the lab), cni0 with one',
    '# veth per pod (hairpin on, as flannel\'s bridge plugin config asks), routes, sysctls, and the lab\'s',
    '# `iptables-save` loaded as it prints it with iptables-restore (counters start at 0).',
    '# Pods: eth0 with the pod IP and the CNI\'s routes, and a tiny python3 server answering like the image',
    '# (nginx welcome page and headers, whoami with the address it saw, http-echo\'s text).',
    '# Only the lab\'s private addresses, inside namespaces this script created: no traffic leaves them.',
    '# Needs: root, iproute2 (ip, bridge), iptables, python3; curl to try it.',
    ...(plan.proxyMode === 'ipvs' ? ['# IPVS mode: also ipset, ipvsadm and the ip_vs kernel module.'] : []),
    ...(plan.skipped.length ? [`# Not exported (no namespace of their own): ${plan.skipped.join(' ')}`] : []),
  ]
}

function preamble(plan: NetPlan, all: PlanNetns[]): string[] {
  const tools = ['ip', 'bridge', 'iptables-restore', 'python3', ...(plan.proxyMode === 'ipvs' ? ['ipset', 'ipvsadm'] : [])]
  return [
    'set -euo pipefail',
    'P="${KUBELAB_PREFIX:-kl}"',
    'STATE="${TMPDIR:-/tmp}/kubelab-netns-$P"',
    `NAMESPACES=(net ${all.map((n) => sh(n.id)).join(' ')})`,
    '',
    'die() { printf \'lab.sh: %s\\n\' "$*" >&2; exit 1; }',
    'have_ns() { [ -e "/var/run/netns/$P-$1" ]; }',
    'nsx() { local n="$1"; shift; ip netns exec "$P-$n" "$@"; }',
    '# sysctl NS KEY VALUE [optional]: written inside the namespace',
    'sysctl_w() {',
    '  local f="/proc/sys/${2//.//}"',
    '  if ! nsx "$1" sh -c \'printf "%s\\n" "$2" > "$1"\' sh "$f" "$3" 2>/dev/null; then',
    '    [ "${4:-}" = optional ] || die "cannot set $2=$3 in $P-$1"',
    '  fi',
    '}',
    '',
    '# wait_ready POD: up to 10s for its server to listen',
    'wait_ready() {',
    '  local f="$STATE/$1.log" i',
    '  for i in $(seq 100); do',
    '    if grep -qsx ready "$f"; then return 0; fi',
    '    sleep 0.1',
    '  done',
    '  die "the server of pod $1 did not start: $(cat "$f" 2>/dev/null)"',
    '}',
    '',
    'down() {',
    '  local n pid',
    '  if [ -f "$STATE/pids" ]; then',
    '    while read -r pid; do',
    '      if grep -qs kubelab-server "/proc/$pid/cmdline"; then kill "$pid" 2>/dev/null || true; fi',
    '    done < "$STATE/pids"',
    '  fi',
    '  for n in "${NAMESPACES[@]}"; do',
    '    have_ns "$n" || continue',
    '    for pid in $(ip netns pids "$P-$n" 2>/dev/null); do',
    '      if grep -qs kubelab-server "/proc/$pid/cmdline"; then kill "$pid" 2>/dev/null || true; fi',
    '    done',
    '    ip netns del "$P-$n"',
    '  done',
    '  rm -rf "$STATE"',
    '}',
    '',
    'preflight() {',
    '  [ "$(id -u)" = 0 ] || die "run me as root (sudo bash $0): network namespaces need CAP_NET_ADMIN"',
    `  for t in ${tools.join(' ')}; do`,
    '    command -v "$t" >/dev/null 2>&1 || die "$t not found: install iproute2, iptables and python3 (apt-get install iproute2 iptables python3)"',
    '  done',
    '  ip netns list >/dev/null 2>&1 || die "ip netns does not work here: no network namespace support"',
    ...(plan.proxyMode === 'ipvs' ? ['  [ -e /proc/net/ip_vs ] || die "this cluster runs kube-proxy in IPVS mode and the kernel has no ip_vs (modprobe ip_vs)"'] : []),
    '  for n in "${NAMESPACES[@]}"; do',
    '    if have_ns "$n"; then die "namespace $P-$n exists already: run \'$0 --down\' first, or set KUBELAB_PREFIX"; fi',
    '  done',
    '}',
  ]
}

function nodeNetwork(plan: NetPlan, hosts: PlanNetns[]): string[] {
  const out = ['# the node network: a switch in $P-net, one port per node and for the client',
    'ip -n "$P-net" link add net0 type bridge',
    `ip -n "$P-net" addr add ${plan.nodeNet.gateway}/${plan.nodeNet.prefix} dev net0`,
    'ip -n "$P-net" link set net0 up']
  hosts.forEach((h, i) => {
    const eth0 = h.links.find((l) => l.name === 'eth0')
    if (!eth0) return
    out.push(`ip -n "$P-net" link add v${i + 1} type veth peer name eth0 address ${eth0.mac} mtu ${eth0.mtu} netns ${ns(h)}`,
      `ip -n "$P-net" link set v${i + 1} master net0 up`, ...addrLines(h, eth0), `ip -n ${ns(h)} link set eth0 up`)
  })
  return out
}

function nodeLinks(n: PlanNetns): string[] {
  const out: string[] = [`# node ${n.lab}`]
  const eth0IP = n.links.find((l) => l.name === 'eth0')?.addrs[0]?.cidr.split('/')[0] ?? ''
  for (const l of n.links) {
    if (l.name === 'eth0' || l.kind === 'veth') continue
    const mk = `ip -n ${ns(n)} link add ${sh(l.name)} address ${l.mac} mtu ${l.mtu} type`
    if (l.kind === 'vxlan') out.push(`${mk} vxlan id 1 local ${eth0IP} dev eth0 dstport 8472 nolearning`)
    else if (l.kind === 'bridge') out.push(`${mk} bridge`)
    else if (l.kind === 'dummy') out.push(`${mk} dummy`)
    else continue
    out.push(...addrLines(n, l))
    // kube-ipvs0 stays DOWN as kube-proxy leaves it (its addresses are local all the same)
    if (l.up) out.push(`ip -n ${ns(n)} link set ${sh(l.name)} up`)
  }
  return out
}

function podLinks(pod: PlanNetns, node: PlanNetns): string[] {
  const eth0 = pod.links.find((l) => l.name === 'eth0')
  if (!eth0 || !eth0.peerName) return [`# pod ${pod.lab}: no eth0 in the lab`]
  const host = node.links.find((l) => l.name === eth0.peerName)
  const v = sh(eth0.peerName)
  return [
    `# pod ${pod.lab} on ${node.lab}`,
    `ip -n ${ns(node)} link add ${v} address ${host?.mac ?? eth0.mac} mtu ${host?.mtu ?? eth0.mtu} type veth peer name eth0 address ${eth0.mac} mtu ${eth0.mtu} netns ${ns(pod)}`,
    `ip -n ${ns(node)} link set ${v} master ${sh(host?.master ?? 'cni0')} up`,
    `nsx ${sh(node.id)} bridge link set dev ${v} hairpin on`,
    ...addrLines(pod, eth0), `ip -n ${ns(pod)} link set eth0 up`,
  ]
}

function sysctlLines(n: PlanNetns): string[] {
  return n.sysctls.map(([k, v]) => {
    const essential = k === 'net.ipv4.ip_forward' || (n.kind === 'node' && k === 'net.bridge.bridge-nf-call-iptables')
    return `sysctl_w ${sh(n.id)} ${k} ${sh(v.replace(/\t/g, ' '))}${essential ? '' : ' optional'}`
  })
}

function kernelState(n: PlanNetns): string[] {
  const out: string[] = []
  for (const p of n.vxlanPeers) {
    out.push(`ip -n ${ns(n)} neigh replace ${p.vtep} lladdr ${p.mac} dev flannel.1 nud permanent`,
      `nsx ${sh(n.id)} bridge fdb append ${p.mac} dev flannel.1 dst ${p.nodeIP}`)
  }
  if (n.ipsets.length) out.push(...heredoc(`nsx ${sh(n.id)} ipset restore -exist`, n.ipsets.join('\n'), 'KUBELAB_IPSETS'))
  if (n.nfacct.length) out.push(`nsx ${sh(n.id)} python3 "$STATE/nfacct.py" ${n.nfacct.map(sh).join(' ')}`)
  if (n.rules) out.push(...heredoc(`nsx ${sh(n.id)} iptables-restore`, n.rules, 'KUBELAB_RULES'))
  for (const a of n.ipvs) out.push(`nsx ${sh(n.id)} ipvsadm ${a}`)
  return out
}

function servers(pods: PlanNetns[]): string[] {
  const out: string[] = []
  for (const p of pods) {
    if (!p.servers.length) continue
    const cfg = `"$STATE/${p.id}.json"`
    out.push(`# ${p.lab}: ${p.servers.map((s) => `${s.process} on ${s.port}`).join(', ')}`,
      ...heredoc(`cat > ${cfg}`, JSON.stringify(p.servers), 'KUBELAB_JSON'),
      // `ip netns exec` execs python3: $! is the server's own pid
      `ip netns exec ${ns(p)} python3 "$STATE/kubelab-server.py" ${cfg} > "$STATE/${p.id}.log" 2>&1 &`,
      'echo $! >> "$STATE/pids"')
  }
  return out
}

function tryLines(plan: NetPlan, pods: PlanNetns[]): string[] {
  const out = ['  echo "kubelab network is up: ${#NAMESPACES[@]} namespaces named $P-*. Try:"']
  const from = pods.find((p) => p.id.indexOf('.') < 0) ?? pods[0]
  const client = plan.namespaces.find((n) => n.kind === 'external')
  for (const s of plan.services) {
    if (s.clusterIP && from) out.push(`  echo "  ip netns exec $P-${from.id} curl -s http://${s.clusterIP}:${s.port}/      # ${s.name} from a pod"`)
    if (s.nodePort && client) for (const n of plan.nodeIPs) out.push(`  echo "  ip netns exec $P-${client.id} curl -s http://${n.ip}:${s.nodePort}/      # ${s.name} NodePort on ${n.name}"`)
  }
  const node = plan.nodeIPs[0]
  if (node) out.push(`  echo "  ip netns exec $P-${node.name} iptables-save -c -t nat      # the rules and their hit counters"`)
  out.push('  echo "Remove it all: sudo bash $0 --down"')
  return out
}

export function renderScript(plan: NetPlan): string {
  const nodes = plan.namespaces.filter((n) => n.kind === 'node')
  const pods = plan.namespaces.filter((n) => n.kind === 'pod')
  const outside = plan.namespaces.filter((n) => n.kind === 'external')
  const body: string[] = [
    'preflight',
    'trap \'rc=$?; if [ "$rc" != 0 ]; then echo "lab.sh: setup failed; removing what was built" >&2; down; fi\' EXIT',
    'mkdir -p "$STATE"',
    'chmod 700 "$STATE"',
    ...heredoc('cat > "$STATE/kubelab-server.py"', SERVER_PY, 'KUBELAB_PY'),
    ...heredoc('cat > "$STATE/nfacct.py"', NFACCT_PY, 'KUBELAB_PY'),
    'for n in "${NAMESPACES[@]}"; do',
    '  ip netns add "$P-$n"',
    '  ip -n "$P-$n" link set lo up',
    'done',
    ...nodeNetwork(plan, [...nodes, ...outside]),
    ...nodes.flatMap(nodeLinks),
    ...pods.flatMap((p) => { const n = nodes.find((x) => x.lab === p.node); return n ? podLinks(p, n) : [] }),
    '# routes',
    ...plan.namespaces.flatMap((n) => n.routes.map((r) => routeLine(n, r))),
    '# sysctls',
    ...plan.namespaces.flatMap(sysctlLines),
    '# kernel state of the nodes: flannel\'s vxlan peers, kube-proxy\'s rules',
    ...nodes.flatMap(kernelState),
    '# the pods\' servers',
    ...servers(pods),
    // each server prints `ready` once its ports listen (named, not globbed: a log may not exist yet)
    ...pods.filter((p) => p.servers.length).map((p) => `wait_ready ${sh(p.id)}`),
    'trap - EXIT',
  ]
  return [
    ...header(plan, nodes, pods), '', ...preamble(plan, plan.namespaces), '',
    // not indented: heredoc bodies (rules, Python) must stay byte for byte
    'up() {', ...body, ...tryLines(plan, pods), '}', '',
    'case "${1:-up}" in',
    '  up) up ;;',
    '  --down|down) down ;;',
    '  -h|--help) sed -n \'2,/^$/p\' "$0" ;;',
    '  *) die "unknown argument: $1 (use --down to remove the lab, nothing to build it)" ;;',
    'esac',
    '',
  ].join('\n')
}
