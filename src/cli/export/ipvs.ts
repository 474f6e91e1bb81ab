// IPVS mode's kernel state as the export loads it: `ipset restore` lines for kube-proxy's sets and `ipvsadm`
// argument lines for the virtual and real servers (kube-ipvs0 and its addresses come with the links).

import type { Netns, VirtualServer } from '../../core/node/types.ts'

/** `ipset restore` input: create each set (kube-proxy's options), then its members */
export function ipsetRestoreLines(ns: Netns): string[] {
  const out: string[] = []
  for (const set of ns.ipsets.values()) {
    const opts = set.type.startsWith('bitmap:port') ? 'range 0-65535' : `family ${set.family} hashsize 1024 maxelem 65536`
    out.push(`create ${set.name} ${set.type} ${opts} comment`)
    for (const e of set.entries) out.push(`add ${set.name} ${e} comment "${set.comment.replace(/"/g, '')}"`)
  }
  return out
}

const PROTO_FLAG: Record<VirtualServer['protocol'], string> = { TCP: '-t', UDP: '-u', SCTP: '--sctp-service' }
const FWD_FLAG: Record<string, string> = { Masq: '-m', Local: '-m', Route: '-g', Tunnel: '-i' }

/** `ipvsadm` argument lines: `-A -t VIP:PORT -s rr [-p T]`, then `-a -t VIP:PORT -r RIP:RPORT -m -w W` */
export function ipvsadmLines(ns: Netns): string[] {
  const out: string[] = []
  for (const vs of ns.ipvs.services.values()) {
    const svc = `${PROTO_FLAG[vs.protocol]} ${vs.address}:${vs.port}`
    out.push(`-A ${svc} -s ${vs.scheduler}${vs.persistentTimeout ? ` -p ${vs.persistentTimeout}` : ''}`)
    for (const r of vs.realServers) out.push(`-a ${svc} -r ${r.address}:${r.port} ${FWD_FLAG[r.forward] ?? '-m'} -w ${r.weight}`)
  }
  return out
}
