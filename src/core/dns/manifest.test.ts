// The binary profile starts without cluster DNS; applying the CoreDNS manifest (served kinds) brings up
// kube-dns at the kubelets' 10.0.0.2 and answers with the plugin's default TTL 5 (the manifest sets none).

import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import type { ConfigMap, KubeObject, Service } from '../api/types.ts'
import { isServed } from '../api/kinds.ts'
import { createCluster } from '../cluster/create.ts'
import { corednsManifest } from './manifest.ts'
import { loadCorefile } from './process.ts'
import { ask, corednsPods, lines } from './testutil.ts'

describe('corednsManifest', () => {
  it('fills in the cluster domain and DNS IP; its Corefile loads', () => {
    const text = corednsManifest(buildBinary().profile)
    const docs = parseAllDocuments(text).map((d) => d.toJS() as KubeObject)
    expect(docs.map((d) => d.kind)).toEqual(['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'Service'])
    expect((docs[5] as Service).spec.clusterIP).toBe('10.0.0.2')
    const corefileText = (docs[3] as ConfigMap).data?.Corefile ?? ''
    expect(corefileText).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {')
    expect(loadCorefile(corefileText, '/etc/coredns/Corefile').ok).toBe(true)
  })

  it('binary profile: no CoreDNS at start; applying the manifest makes 10.0.0.2 answer', () => {
    const c = buildBinary()
    expect(c.store.get('Service', 'kube-system', 'kube-dns')).toBeUndefined()
    expect(corednsPods(c)).toEqual([])
    for (const d of parseAllDocuments(corednsManifest(c.profile)).map((x) => x.toJS() as KubeObject)) {
      if (isServed(d.apiVersion, d.kind)) c.store.create(d, { cause: 'test' })
    }
    c.settle()
    c.advance(60_000)
    expect(corednsPods(c)).toHaveLength(1)
    expect(lines(ask(c, 'kubernetes.default.svc.cluster.local.', 'A').answer)).toEqual(['kubernetes.default.svc.cluster.local.\t5\tIN\tA\t10.0.0.1'])
    expect(lines(ask(c, 'www.baidu.com.', 'A').answer)[0]).toBe('www.baidu.com.\t30\tIN\tCNAME\twww.a.shifen.com.')
    // pods disabled (the manifest omits `pods insecure`): pod names are NXDOMAIN
    expect(ask(c, '172-17-1-5.default.pod.cluster.local.', 'A').rcode).toBe('NXDOMAIN')
  })
})

function buildBinary() {
  return createCluster({ profile: 'binary' })
}
