// The ENV of each image's config (what `docker inspect` shows under Config.Env), in the image's order: the
// runtime puts these into every container before the pod's own variables.

import { HTTPD_VERSION, NGINX_VERSION, type ImageInfo } from './catalogue.ts'

/** containerd's default PATH (oci.WithDefaultPathEnv), also what most base images set. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** nginx's debian Dockerfile for 1.27.3 (bookworm): NGINX_VERSION, NJS_VERSION, NJS_RELEASE, PKG_RELEASE, DYNPKG_RELEASE. */
function nginxEnv(info: ImageInfo): [string, string][] {
  const m = /^(\d+\.\d+\.\d+)/.exec(info.tag)
  const version = m ? m[1] : NGINX_VERSION
  return [
    ['PATH', DEFAULT_PATH], ['NGINX_VERSION', version], ['NJS_VERSION', '0.8.7'],
    ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm'], ['DYNPKG_RELEASE', '1~bookworm'],
  ]
}

/** Config.Env of the image, as [name, value] pairs in order. Unknown images get the default PATH only. */
export function imageEnv(info: ImageInfo): [string, string][] {
  const repo = info.repository.replace(/^docker\.io\//, '')
  if (info.kind === 'nginx') return nginxEnv(info)
  if (repo === 'library/httpd') {
    // the image also sets HTTPD_SHA256 (the tarball's checksum) between these two; the lab does not know it
    return [['PATH', '/usr/local/apache2/bin:' + DEFAULT_PATH], ['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', HTTPD_VERSION], ['HTTPD_PATCHES', '']]
  }
  if (repo === 'curlimages/curl') return [['PATH', DEFAULT_PATH], ['CURL_CA_BUNDLE', '/cacert.pem']]
  return [['PATH', DEFAULT_PATH]]
}
