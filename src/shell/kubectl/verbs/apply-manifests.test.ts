// The install manifests learners apply (ingress-nginx controller v1.12 deploy.yaml, its DaemonSet + hostNetwork
// variant, CoreDNS's coredns.yaml.sed) print only `created` lines, and their workloads come up.

import { describe, it, expect } from 'vitest'
import { createCluster } from '../../../core/cluster/create.ts'
import type { ProfileName } from '../../../core/cluster/types.ts'
import type { Pod } from '../../../core/api/types.ts'
import { createShell } from '../../shell.ts'
import { createWorkspaceFs } from '../../fs.ts'
import { INGRESS_NGINX_DEPLOY_YAML } from '../../../core/ingress/deploy-manifest.ts'
import { corednsManifest } from '../../../core/dns/manifest.ts'
import { parseCertificatePem, secretText } from '../../../core/ingress/x509.ts'

const CREATED = [
  'namespace/ingress-nginx', 'serviceaccount/ingress-nginx', 'serviceaccount/ingress-nginx-admission',
  'role.rbac.authorization.k8s.io/ingress-nginx', 'role.rbac.authorization.k8s.io/ingress-nginx-admission',
  'clusterrole.rbac.authorization.k8s.io/ingress-nginx', 'clusterrole.rbac.authorization.k8s.io/ingress-nginx-admission',
  'rolebinding.rbac.authorization.k8s.io/ingress-nginx', 'rolebinding.rbac.authorization.k8s.io/ingress-nginx-admission',
  'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx', 'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx-admission',
  'configmap/ingress-nginx-controller', 'service/ingress-nginx-controller', 'service/ingress-nginx-controller-admission',
  'deployment.apps/ingress-nginx-controller', 'job.batch/ingress-nginx-admission-create', 'job.batch/ingress-nginx-admission-patch',
  'ingressclass.networking.k8s.io/nginx', 'validatingwebhookconfiguration.admissionregistration.k8s.io/ingress-nginx-admission',
]

/** The common bare-metal variant: the controller as a DaemonSet on the nodes' network. */
const DAEMONSET_YAML = INGRESS_NGINX_DEPLOY_YAML
  .replace(/kind: Deployment\n/, 'kind: DaemonSet\n')
  .replace('  strategy:\n    rollingUpdate:\n      maxUnavailable: 1\n    type: RollingUpdate\n', '  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 1\n    type: RollingUpdate\n')
  .replace('      dnsPolicy: ClusterFirst\n', '      dnsPolicy: ClusterFirstWithHostNet\n      hostNetwork: true\n')

function lab(profile: ProfileName) {
  const cluster = createCluster({ seed: 1, profile })
  const fs = createWorkspaceFs({ cwd: '/root', dirs: ['/root'], files: {
    '/root/deploy.yaml': INGRESS_NGINX_DEPLOY_YAML, '/root/ds.yaml': DAEMONSET_YAML, '/root/coredns.yaml': corednsManifest(cluster.profile),
  } })
  const sh = createShell({ cluster, fs })
  const run = (line: string) => {
    const r = sh.run(line)
    if (!r.done) throw new Error('interactive')
    return r
  }
  const pods = (ns: string) => cluster.store.list('Pod', ns) as Pod[]
  return { cluster, run, pods }
}

describe('kubectl apply of real install manifests', () => {
  it('ingress-nginx deploy.yaml: created lines only, controller Running, admission Jobs Complete with the Secret and caBundle', () => {
    const { cluster, run, pods } = lab('kubeadm')
    const r = run('kubectl apply -f deploy.yaml')
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(CREATED.map((l) => `${l} created\n`).join(''))
    cluster.advance(10_000)
    const ctrl = pods('ingress-nginx').filter((p) => p.metadata.name.startsWith('ingress-nginx-controller-'))
    expect(ctrl.map((p) => p.status?.phase)).toEqual(['Running'])
    const jobs = run('kubectl get jobs -n ingress-nginx').stdout
    expect(jobs).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\n/)
    expect(jobs).toMatch(/ingress-nginx-admission-create\s+Complete\s+1\/1\s+1s\s+/)
    expect(jobs).toMatch(/ingress-nginx-admission-patch\s+Complete\s+1\/1\s+1s\s+/)
    const secret = cluster.store.get('Secret', 'ingress-nginx', 'ingress-nginx-admission')!
    const data = secret.data as Record<string, string>
    expect(Object.keys(data).sort()).toEqual(['ca', 'cert', 'key'])
    expect(parseCertificatePem(secretText(data.cert) ?? '')?.dnsNames).toEqual(['ingress-nginx-controller-admission', 'ingress-nginx-controller-admission.ingress-nginx.svc'])
    const hook = cluster.store.get('ValidatingWebhookConfiguration', undefined, 'ingress-nginx-admission')!
    expect((hook.webhooks as { clientConfig: { caBundle?: string } }[])[0].clientConfig.caBundle).toBe(data.ca)
  })

  it('the DaemonSet + hostNetwork variant: one controller per worker on the node IP', () => {
    const { cluster, run, pods } = lab('kubeadm')
    const r = run('kubectl apply -f ds.yaml')
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('daemonset.apps/ingress-nginx-controller created\n')
    cluster.advance(15_000)
    const ctrl = pods('ingress-nginx').filter((p) => p.metadata.name.startsWith('ingress-nginx-controller-'))
    expect(ctrl.map((p) => p.spec.nodeName).sort()).toEqual(['node01', 'node02'])
    for (const p of ctrl) expect([p.status?.phase, p.status?.podIP]).toEqual(['Running', p.status?.hostIP])
    expect(run('kubectl get ds -n ingress-nginx').stdout).toMatch(/ingress-nginx-controller\s+2\s+2\s+2\s+2\s+2\s+kubernetes.io\/os=linux\s+/)
  })

  it('CoreDNS coredns.yaml.sed on the binary profile: created lines only, CoreDNS Running', () => {
    const { cluster, run, pods } = lab('binary')
    const r = run('kubectl apply -f coredns.yaml')
    expect(r.stderr).toBe('')
    expect(r.stdout.split('\n').filter(Boolean).every((l) => l.endsWith(' created'))).toBe(true)
    expect(r.stdout).toContain('clusterrolebinding.rbac.authorization.k8s.io/system:coredns created\n')
    cluster.advance(10_000)
    expect(pods('kube-system').filter((p) => p.metadata.name.startsWith('coredns-')).map((p) => p.status?.phase)).toEqual(['Running'])
  })
})
