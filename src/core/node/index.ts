// Entry point of the per-host kernel model (netfilter has its own: ./netfilter/index.ts): namespaces, IPVS,
// ipsets, links/addresses/routes, conntrack, the flannel pod network, and the command renderers the shell calls.

export { newNetns, newIpvs, nextIfindex, netnsIdOf, linkByName, type NetfilterFactory } from './netns.ts'
export * from './addr.ts'
export {
  IpvsError, IPVS_ERRORS, IPVS_SCHEDULERS, ipvsKey, zeroStats, getVirtualServer, addVirtualServer, updateVirtualServer,
  deleteVirtualServer, clearIpvs, addRealServer, updateRealServer, deleteRealServer, zeroCounters, recountConnections,
  addConnection, expireConnections, templateKey, setTemplate, lookupTemplate, type IpvsProtocol, type VirtualServerSpec, type RealServerSpec,
} from './ipvs/ipvs.ts'
export { IPVS_VERSION_LINE, renderIpvsList, renderIpvsConnections, compareServices, compareDests, glibcMsort, largeNum, portName, type IpvsadmListOptions } from './ipvs/ipvsadm.ts'
export { ipvsadmCommand, renderIpvsSave, IPVSADM_VERSION, type IpvsadmContext } from './ipvs/command.ts'
export {
  createSet, addEntry, delEntry, flushSet, destroySet, setReferences, renderIpsetList, ipsetCommand, IpsetError,
  IPSET_NO_SUCH_SET, IPSET_VERSION, type IpsetGeneration, type CreateSetOptions,
} from './ipset/ipset.ts'
export { findLink, addLink, removeLink, addAddress, removeAddress, addRoute, removeRoute, ensureDummy, localRoutes, sortRoutes, LINK_DEFAULTS, type LinkSpec } from './iproute/links.ts'
export { renderLinks, renderRoutes, displayName, type IpAddrOptions } from './iproute/render.ts'
export { ipCommand } from './iproute/command.ts'
export {
  CONNTRACK_VERSION, CONNTRACK_TIMEOUTS, defaultTimeout, insertConntrack, lookupConntrack, ageConntrack, flushConntrack,
  matchConntrack, formatConntrack, renderConntrackList, conntrackCommand, type ConntrackFilter,
} from './conntrack/conntrack.ts'
export { FLAVORS, clientAddress, type HostFlavor } from './cni/flavor.ts'
export { FLANNEL_MTU, buildNodeNetns, buildExternalNetns, ensureBridge, attachPod, detachPod, setPeerRoutes, bridgeGateway } from './cni/flannel.ts'
export { FlannelNetwork, CLIENT_HOST } from './cni/controller.ts'
export { flannelNetfilterFactory } from './cni/netfilter.ts'
