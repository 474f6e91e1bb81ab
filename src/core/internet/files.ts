// The lab's simulated internet, for files: the few manifests tutorials install straight from their upstream URLs
// (`kubectl apply -f https://...`). Each entry is the real file at that URL; any other URL answers 404, as a web
// server would, and the caller adds a lab hint naming what is served.

import { INGRESS_NGINX_DEPLOY_YAML } from '../ingress/deploy-manifest.ts'
import { FLANNEL_VERSION, KUBE_FLANNEL_YML } from '../cluster/bootstrap-flannel-yml.ts'

export interface InternetFile {
  url: string
  /** what it is, for the lab's hint */
  what: string
  content: string
}

export const INTERNET_FILES: readonly InternetFile[] = [
  {
    url: 'https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.3/deploy/static/provider/baremetal/deploy.yaml',
    what: 'ingress-nginx controller v1.12.3 (bare metal: NodePort Service)',
    content: INGRESS_NGINX_DEPLOY_YAML,
  },
  // flannel's README and kubeadm tutorials use the latest release's asset; the lab pins it to v0.26.3
  {
    url: 'https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml',
    what: `flannel ${FLANNEL_VERSION} (kube-flannel namespace, DaemonSet kube-flannel-ds, Network 10.244.0.0/16, vxlan)`,
    content: KUBE_FLANNEL_YML,
  },
  {
    url: `https://github.com/flannel-io/flannel/releases/download/${FLANNEL_VERSION}/kube-flannel.yml`,
    what: `flannel ${FLANNEL_VERSION} (the same file, by version)`,
    content: KUBE_FLANNEL_YML,
  },
]

export type FetchResult = { status: 200; content: string } | { status: 404 }

/** GET `url` from the simulated internet. */
export function fetchInternetFile(url: string): FetchResult {
  const f = INTERNET_FILES.find((x) => x.url === url)
  return f ? { status: 200, content: f.content } : { status: 404 }
}
