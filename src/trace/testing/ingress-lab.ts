// Test fixture: a cluster with an ingress-nginx controller (hostNetwork on node01, or a pod behind the NodePort
// 30080/30443), backends svc1/svc2 (http-echo), Services without listener/endpoints/HTTP, and Ingresses covering
// Prefix/Exact, TLS with a Secret, rewrite-target and proxy-body-size. Shared by the trace and curl tests.

import { createCluster } from '../../core/cluster/create.ts'
import { apply, deployment, service } from '../../core/cluster/testutil.ts'
import type { Cluster } from '../../core/cluster/types.ts'
import type { Ingress, KubeObject } from '../../core/api/types.ts'
import { FOO_BAR_CERT_2025 as FOO_BAR_CERT } from '../../core/ingress/testing.ts'
import { base64Encode } from '../../core/api/defaults.ts'

const CONTROLLER_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.12.3'
const ing = (name: string, spec: Ingress['spec'], annotations?: Record<string, string>): Ingress =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default', annotations }, spec: { ingressClassName: 'nginx', ...spec } })
const path = (p: string, pathType: string, svc: string, port = 80) => ({ path: p, pathType, backend: { service: { name: svc, port: { number: port } } } })
const rule = (host: string, ...paths: ReturnType<typeof path>[]) => ({ host, http: { paths } })

/** a cluster with a controller (hostNetwork, pinned to node01, or a normal pod behind a NodePort) and backends */
export function ingressLab(hostNetwork: boolean, ...objs: KubeObject[]): Cluster {
  const c = createCluster({ seed: 3 })
  const ctrl = deployment('ingress-nginx-controller', 1, [{ name: 'controller', image: CONTROLLER_IMAGE,
    args: ['/nginx-ingress-controller', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx'],
    ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }] }], 'ingress-nginx')
  ctrl.spec.template.spec!.nodeName = 'node01'
  if (hostNetwork) ctrl.spec.template.spec!.hostNetwork = true
  apply(c,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    ctrl,
    service('ingress-nginx-controller', { app: 'ingress-nginx-controller' }, [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }, { name: 'https', port: 443, targetPort: 443, nodePort: 30443 }], { type: 'NodePort' }, 'ingress-nginx'),
  )
  for (const app of ['svc1', 'svc2']) apply(c, deployment(app, 2, [{ name: 'echo', image: 'hashicorp/http-echo', args: [`-text=${app}`], ports: [{ containerPort: 5678 }] }]), service(app, { app }, [{ port: 80, targetPort: 5678 }]))
  apply(c,
    service('closed', { app: 'svc1' }, [{ port: 80, targetPort: 9999 }]),
    service('empty', { app: 'nobody' }, [{ port: 80, targetPort: 80 }]),
    deployment('silent', 1, [{ name: 'nc', image: 'busybox', command: ['sh', '-c', 'while true; do nc -l -p 8080; done'], ports: [{ containerPort: 8080 }] }]),
    service('silent', { app: 'silent' }, [{ port: 80, targetPort: 8080 }]),
    { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'foo-tls', namespace: 'default' },
      data: { 'tls.crt': base64Encode(FOO_BAR_CERT), 'tls.key': base64Encode('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n') } } as KubeObject,
    ing('main', { tls: [{ hosts: ['foo.bar.com'], secretName: 'foo-tls' }], rules: [
      rule('foo.bar.com', path('/foo', 'Prefix', 'svc1'), path('/bar', 'Exact', 'svc2')),
    ] }),
    ing('web', { rules: [
      rule('www.bar.com', path('/', 'Prefix', 'svc2'), path('/closed', 'Prefix', 'closed'), path('/empty', 'Prefix', 'empty'), path('/silent', 'Prefix', 'silent')),
    ] }),
    ing('rw', { rules: [rule('rewrite.bar.com', path('/something(/|$)(.*)', 'ImplementationSpecific', 'svc1'))] },
      { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }),
    ing('small', { rules: [rule('small.bar.com', path('/', 'Prefix', 'svc1'))] }, { 'nginx.ingress.kubernetes.io/proxy-body-size': '10' }),
    ...objs,
  )
  c.advance(30_000)
  return c
}

