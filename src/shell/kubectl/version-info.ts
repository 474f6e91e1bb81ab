// Build facts of the kubectl / kube-apiserver releases kubectl version prints (version.Info), by release.

export interface VersionInfo {
  major: string; minor: string; gitVersion: string; gitCommit: string; gitTreeState: string
  buildDate: string; goVersion: string; compiler: string; platform: string
}

/** Known releases; others fall back to the v1.32.0 build facts with their own version numbers. */
const BUILDS: Record<string, { commit: string; client: string; server: string; go: string }> = {
  'v1.32.0': { commit: '70d3cc986aa8221cd1dfb1121852688902d3bf53', client: '2024-12-11T18:04:20Z', server: '2024-12-11T17:59:15Z', go: 'go1.23.3' },
}

export const KUSTOMIZE_VERSION = 'v5.5.0'

export function versionInfo(gitVersion: string, side: 'client' | 'server'): VersionInfo {
  const b = BUILDS[gitVersion] ?? BUILDS['v1.32.0']
  const m = gitVersion.match(/^v(\d+)\.(\d+)/)
  return {
    major: m?.[1] ?? '1', minor: m?.[2] ?? '32', gitVersion, gitCommit: b.commit, gitTreeState: 'clean',
    buildDate: side === 'client' ? b.client : b.server, goVersion: b.go, compiler: 'gc', platform: 'linux/amd64',
  }
}
