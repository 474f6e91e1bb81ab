// The prompt for a host context: CentOS style `[root@k8s-master01 ~]# ` for the binary profile, Debian style
// `root@controlplane:~# ` for kubeadm, and in pods `/ # ` (busybox ash), `root@POD:/# ` (bash) or `# ` (dash).

import type { ProfileName } from '../core/cluster/types.ts'
import type { ShellKind } from './parse/exec.ts'

export interface PromptInput {
  profile: ProfileName
  /** the host name the shell shows (node hostname or pod name) */
  hostname: string
  cwd: string
  home: string
  shell: ShellKind
  inPod: boolean
  /** the shell program started by name (`sh`, `bash`), when not the login shell */
  program?: string
}

/** `~` for the home directory and below, as bash's `\w` shows it. */
export function tildePath(cwd: string, home: string): string {
  if (cwd === home) return '~'
  if (home !== '/' && cwd.startsWith(home + '/')) return '~' + cwd.slice(home.length)
  return cwd
}

/** bash's `\W`: the basename of the cwd, `~` for home, `/` for the root. */
export function tildeBase(cwd: string, home: string): string {
  if (cwd === home) return '~'
  if (cwd === '/') return '/'
  return cwd.slice(cwd.lastIndexOf('/') + 1)
}

export function promptFor(p: PromptInput): string {
  if (p.inPod) {
    if (p.shell === 'ash') return `${tildePath(p.cwd, p.home)} # `
    if (p.shell === 'dash') return '# '
    return `root@${p.hostname}:${tildePath(p.cwd, p.home)}# `
  }
  // `sh` on a node: dash prints `# `; CentOS's sh is bash in POSIX mode, whose prompt is `sh-4.2# `
  if (p.shell === 'dash') return '# '
  if (p.program !== undefined && /(^|\/)sh$/.test(p.program)) return 'sh-4.2# '
  if (p.profile === 'binary') return `[root@${p.hostname} ${tildeBase(p.cwd, p.home)}]# `
  return `root@${p.hostname}:${tildePath(p.cwd, p.home)}# `
}

/** Continuation prompt (PS2) while a heredoc, quote or trailing `|`/`&&`/`\` is open. */
export const CONTINUATION_PROMPT = '> '
