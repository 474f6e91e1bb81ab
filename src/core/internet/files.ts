// The lab's simulated internet, for files: the few manifests tutorials install straight from their upstream URLs
// (`kubectl apply -f https://...`). Each entry is the real file at that URL; any other URL answers 404, as a web
// server would, and the caller adds a lab hint naming what is served.

import { INGRESS_NGINX_DEPLOY_YAML } from '../ingress/deploy-manifest.ts'

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
]

export type FetchResult = { status: 200; content: string } | { status: 404 }

/** GET `url` from the simulated internet. */
export function fetchInternetFile(url: string): FetchResult {
  const f = INTERNET_FILES.find((x) => x.url === url)
  return f ? { status: 200, content: f.content } : { status: 404 }
}
