// The cluster's DNS (CoreDNS in the model): the server side behind the DnsControl contract, the resolv.conf
// the kubelet writes, the binary profile's CoreDNS manifest. Clients import from here or from types.ts.

export { CoreDnsServers, type DnsServerDeps } from './server.ts'
export { resolvConf, podDnsConfig, nodeResolvConfText, effectiveDnsPolicy } from './resolvconf.ts'
export { corednsManifest } from './manifest.ts'
export { corednsPlan } from './process.ts'
export type * from './types.ts'
