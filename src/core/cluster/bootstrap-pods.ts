// Pods and workloads kubeadm installs in kube-system: the control-plane static (mirror) pods, the kube-proxy
// DaemonSet (its controller makes one pod per node) and CoreDNS.

import type { Container, Deployment, KubeObject, Node, Pod } from '../api/types.ts'
import type { ClusterProfile, NodeSpecProfile } from './types.ts'
import { fnv32a } from '../controller/hash.ts'

export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3'
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0'
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10'

const hex = (s: string, n = 32) => {
  let out = ''
  let h = fnv32a(s)
  while (out.length < n) { h = fnv32a(out + s, h); out += h.toString(16).padStart(8, '0') }
  return out.slice(0, n)
}

function staticPod(p: ClusterProfile, n: NodeSpecProfile, node: Node, component: string, image: string, command: string[], port: number, extra: Record<string, string> = {}): Pod {
  const hash = hex(`${component}/${n.name}`)
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `${component}-${n.name}`, namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        ...extra,
        'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': (node.metadata.creationTimestamp ?? '2026-01-01T00:00:00Z').replace(/Z$/, '.000000000Z'), 'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.name, uid: node.metadata.uid ?? '', controller: true }],
    },
    spec: {
      containers: [{
        name: component, image, imagePullPolicy: 'IfNotPresent', command,
        livenessProbe: { failureThreshold: 8, httpGet: { host: component === 'etcd' ? '127.0.0.1' : n.ip, path: component === 'etcd' ? '/livez' : '/livez', port, scheme: component === 'etcd' ? 'HTTP' : 'HTTPS' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 },
        resources: { requests: { cpu: component === 'etcd' ? '100m' : component === 'kube-apiserver' ? '250m' : component === 'kube-controller-manager' ? '200m' : '100m', ...(component === 'etcd' ? { memory: '100Mi' } : {}) } },
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      } as Container],
      dnsPolicy: 'ClusterFirst', enableServiceLinks: true, hostNetwork: true, nodeName: n.name,
      preemptionPolicy: 'PreemptLowerPriority', priority: 2000001000, priorityClassName: 'system-node-critical',
      restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      terminationGracePeriodSeconds: 30, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  }
}

/** The four control-plane mirror pods of a kubeadm control-plane node. */
export function staticPods(p: ClusterProfile, n: NodeSpecProfile, node: Node): Pod[] {
  const api = `${n.ip}:${p.apiServer.port}`
  return [
    staticPod(p, n, node, 'etcd', ETCD_IMAGE, ['etcd', `--advertise-client-urls=https://${n.ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
      '--client-cert-auth=true', '--data-dir=/var/lib/etcd', `--initial-advertise-peer-urls=https://${n.ip}:2380`,
      `--initial-cluster=${n.name}=https://${n.ip}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key',
      `--listen-client-urls=https://127.0.0.1:2379,https://${n.ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381',
      `--listen-peer-urls=https://${n.ip}:2380`, `--name=${n.name}`, '--snapshot-count=10000',
      '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'], 2381, { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${n.ip}:2379` }),
    staticPod(p, n, node, 'kube-apiserver', `registry.k8s.io/kube-apiserver:${p.version}`, ['kube-apiserver', `--advertise-address=${n.ip}`,
      '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', '--etcd-servers=https://127.0.0.1:2379',
      `--secure-port=${p.apiServer.port}`, `--service-cluster-ip-range=${p.serviceCIDR}`,
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'], p.apiServer.port,
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': api }),
    staticPod(p, n, node, 'kube-controller-manager', `registry.k8s.io/kube-controller-manager:${p.version}`, ['kube-controller-manager',
      '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1',
      `--cluster-cidr=${p.podCIDR}`, '--cluster-name=kubernetes', '--controllers=*,bootstrapsigner,tokencleaner',
      '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', `--service-cluster-ip-range=${p.serviceCIDR}`,
      '--use-service-account-credentials=true'], 10257),
    staticPod(p, n, node, 'kube-scheduler', `registry.k8s.io/kube-scheduler:${p.version}`, ['kube-scheduler',
      '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'], 10259),
  ]
}

/** kubeadm's kube-proxy DaemonSet (phases/addons/proxy manifests): one hostNetwork pod per linux node. */
export function kubeProxyDaemonSet(p: ClusterProfile): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [{
            name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${p.version}`, imagePullPolicy: 'IfNotPresent',
            command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            securityContext: { privileged: true },
            volumeMounts: [{ name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' }, { name: 'xtables-lock', mountPath: '/run/xtables.lock', readOnly: false }, { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true }],
          }],
          hostNetwork: true, nodeSelector: { 'kubernetes.io/os': 'linux' }, priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy', tolerations: [{ operator: 'Exists' }],
          volumes: [
            { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
          ],
        },
      },
    },
  }
}

/** kubeadm's CoreDNS Deployment (addons/dns manifests). */
export function corednsDeployment(): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } }] } },
          containers: [{
            name: 'coredns', image: COREDNS_IMAGE, imagePullPolicy: 'IfNotPresent', args: ['-conf', '/etc/coredns/Corefile'],
            ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }],
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
            readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
            volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
            terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          }],
          dnsPolicy: 'Default', nodeSelector: { 'kubernetes.io/os': 'linux' }, priorityClassName: 'system-cluster-critical',
          restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'coredns', terminationGracePeriodSeconds: 30,
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }], defaultMode: 420 } }],
        },
      },
    },
  }
}
