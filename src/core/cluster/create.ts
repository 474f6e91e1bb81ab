// createCluster: builds the profile's cluster (store with the API server strategies, bootstrap objects),
// wires the controllers (deployment, replicaset, scheduler, kubelet, endpointslice, endpoints, garbage
// collector, system pods) and hands back settle()/advance() over virtual time.

import { Store } from '../apiserver/store.ts'
import { registerStrategies } from '../apiserver/registry.ts'
import { createManualClock, rfc3339 } from '../util/clock.ts'
import { createRng } from '../util/rand.ts'
import { ControllerManager } from '../controller/manager.ts'
import type { ControllerContext } from '../controller/context.ts'
import { DeploymentController } from '../controller/deployment/deployment.ts'
import { ReplicaSetController } from '../controller/replicaset/replicaset.ts'
import { EndpointSliceController } from '../controller/endpointslice/endpointslice.ts'
import { EndpointsController } from '../controller/endpoint/endpoints.ts'
import { LoadBalancerController } from '../controller/loadbalancer/loadbalancer.ts'
import { GarbageCollector } from '../controller/garbagecollector/gc.ts'
import { SystemPodsController } from '../controller/daemon/systempods.ts'
import { NamespaceController } from '../controller/namespace.ts'
import { ServiceAccountsController } from '../controller/serviceaccount/serviceaccounts.ts'
import { RootCACertPublisher } from '../controller/rootcacert/publisher.ts'
import { DaemonSetsController } from '../controller/daemon/daemonset.ts'
import { JobController } from '../controller/job/job.ts'
import { CertgenController } from '../controller/job/certgen.ts'
import { IngressStatusController } from '../ingress/status.ts'
import { Scheduler } from '../scheduler/scheduler.ts'
import { Kubelet } from '../kubelet/kubelet.ts'
import { EventRecorder } from '../events/recorder.ts'
import { parseImage } from '../images/catalogue.ts'
import { buildProfile } from './profiles.ts'
import { createKubeSystem, createKubernetesService, createNamespaces, createNode } from './bootstrap.ts'
import { COREDNS_IMAGE, ETCD_IMAGE, PAUSE_IMAGE } from './bootstrap-pods.ts'
import { attachRuntime } from './runtime.ts'
import type { Cluster, CreateClusterOptions } from './types.ts'
import { createKubeProxies, proxyModeConfig } from '../proxy/index.ts'
import { FlannelNetwork } from '../node/cni/controller.ts'
import { flannelNetfilterFactory } from '../node/cni/netfilter.ts'
import { externalLoadBalancers } from '../controller/loadbalancer/external.ts'
import { CoreDnsServers } from '../dns/server.ts'
import { NodeMachines, attachNodeMachines } from '../kubelet/heartbeat.ts'
import { NodeLifecycleController } from '../controller/nodelifecycle/nodelifecycle.ts'
import { Keepalived, attachKeepalived } from '../node/keepalived/keepalived.ts'
import { kubeletProbe } from '../node/keepalived/probe.ts'

/**
 * How long the cluster has been up when the learner arrives: bootstrap happens this long before the lab's
 * start instant, and createCluster advances the clock over it (nodes and system pods show AGE 20m).
 */
export const CLUSTER_UPTIME_MS = 20 * 60_000

export function createCluster(opts: CreateClusterOptions = {}): Cluster {
  // by default the lab starts at createManualClock's instant (2026-01-01T00:00:00Z): install 20 minutes earlier
  const clock = opts.clock ?? createManualClock(createManualClock().now() - CLUSTER_UPTIME_MS)
  const rng = createRng(opts.seed ?? 1)
  const profile = buildProfile(opts.profile ?? 'kubeadm', opts.nodes, opts.proxyMode ?? 'iptables')
  const settings = { serviceCIDR: profile.serviceCIDR, nodePortRange: profile.nodePortRange, version: profile.version, clusterDomain: profile.clusterDomain }
  const store = new Store({ rng: rng.fork('apiserver'), clock, settings })
  registerStrategies(store)

  const manager = new ControllerManager(store, clock)
  const recorder = new EventRecorder(store, clock)
  const base: Omit<ControllerContext, 'rng'> = { store, clock, informer: manager.informer, recorder, manager, profile }
  const ctx = (label: string): ControllerContext => ({ ...base, rng: rng.fork(label) })
  const kubelet = new Kubelet(ctx('kubelet'))
  // CoreDNS processes in coredns pods (watches ConfigMaps and the SOA serial's changes from the start)
  const logs = new Map<string, string[]>()
  const dns = new CoreDnsServers({ store, clock, profile, runOf: (uid) => kubelet.runOf(uid), logs })
  manager.register(new DeploymentController(ctx('deployment')))
  manager.register(new ReplicaSetController(ctx('replicaset')))
  if (profile.name === 'kubeadm') manager.register(new SystemPodsController(ctx('daemonset')))
  manager.register(new Scheduler(ctx('scheduler')))
  manager.register(kubelet)
  // the pod network (flannel + the kubelet's CNI calls): node, pod and outside-host namespaces
  // (no rng fork: forking would shift every later controller's random stream; the network draws nothing)
  const network: FlannelNetwork = new FlannelNetwork({ ...base, rng }, {
    makeNetfilter: flannelNetfilterFactory(profile.podCIDR),
    loadBalancers: () => externalLoadBalancers(store, network.nodeIPs(), { store, clock, proxyRunning: (n) => proxies.status(n).running }),
  })
  manager.register(network)
  manager.register(new EndpointSliceController(ctx('endpointslice')))
  manager.register(new EndpointsController(ctx('endpoints')))
  manager.register(new LoadBalancerController(ctx('service-controller')))
  // the node machines (power, kubelet service) and the node lifecycle + taint eviction controllers (no rng drawn)
  const machines = new NodeMachines(store, clock, manager, manager.informer)
  attachNodeMachines(store, machines)
  manager.register(new NodeLifecycleController({ ...base, rng }))
  // keepalived on the nodes (installed by the learner): VRRP between them, the master holding the VIPs
  const keepalived: Keepalived = new Keepalived({ store, clock, manager, machines, network, legacy: profile.name === 'binary',
    probe: kubeletProbe(manager.informer, (uid) => kubelet.runOf(uid), machines, (n): string[] => (keepalived.status(n)?.running ? ['keepalived'] : [])) })
  attachKeepalived(store, keepalived)
  manager.register(keepalived)
  // kube-proxy on every node, writing into that node's kernel (cluster.network)
  const proxies = createKubeProxies({ store, clock, profile, netns: (n) => network.netns(n) })
  manager.register(proxies)
  manager.register(new GarbageCollector(ctx('gc')))
  manager.register(new NamespaceController(ctx('namespace')))
  // ingress-nginx's status sync and Sync events (draws no randomness: no fork, later streams unchanged)
  manager.register(new IngressStatusController({ ...base, rng }))
  manager.register(new ServiceAccountsController({ ...base, rng }))
  manager.register(new RootCACertPublisher({ ...base, rng }))
  manager.register(new DaemonSetsController({ ...base, rng }))
  manager.register(new JobController({ ...base, rng }))
  manager.register(new CertgenController({ ...base, rng }))

  // Bootstrap quietly: an installed cluster shows no start-up events (they expire after an hour).
  recorder.enabled = false
  const now = rfc3339(clock.now())
  createNamespaces(store)
  const preload = profile.name === 'kubeadm'
    ? [COREDNS_IMAGE, ETCD_IMAGE, PAUSE_IMAGE, ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map((c) => `registry.k8s.io/${c}:${profile.version}`)]
    : [PAUSE_IMAGE]
  const addNode = (i: number) => {
    const n = profile.nodes[i]
    createNode(store, profile, n, now)
    kubelet.preload(n.name, preload.map((r) => parseImage(r).canonical))
  }
  // kubeadm init brings up the control plane (and CoreDNS on it) before the workers join
  profile.nodes.forEach((n, i) => { if (n.controlPlane) addNode(i) })
  createKubernetesService(store, profile)
  if (profile.name === 'kubeadm') {
    createKubeSystem(store, profile)
    proxyModeConfig(store, profile)
  }
  manager.settle()
  profile.nodes.forEach((n, i) => { if (!n.controlPlane) addNode(i) })
  manager.settle()
  // the cluster has been running for a while: probes passed, timers due meanwhile fired (quietly too)
  manager.advance(CLUSTER_UPTIME_MS)
  recorder.enabled = true

  const cluster: Cluster = {
    // kube-proxy syncs a node's rules lazily: reading a node's namespace through cluster.network flushes them
    profile, store, clock, rng, settings, proxy: proxies, network: proxies.syncingNetwork(network), dns,
    settle: () => manager.settle(),
    advance: (ms) => manager.advance(ms),
  }
  attachRuntime(cluster, { manager, kubelet, recorder, logs })
  proxies.flushWaiting()
  return cluster
}
