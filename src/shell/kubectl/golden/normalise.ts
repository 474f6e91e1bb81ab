// What the oracle golden test masks when comparing with real kubectl: klog timestamps and pids (the shape must
// match), and the build facts of `kubectl version` (the lab prints its profile's release, the oracle is v1.32.4).

/** klog header `Emmdd hh:mm:ss.uuuuuu %7d file:line] ` */
const KLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{6} ( *\d+) /gm

export function normalise(s: string): string {
  return s
    .replace(KLOG, (m, sev: string, pid: string) => (pid.length === 7 ? `${sev}MMDD hh:mm:ss.uuuuuu     PID ` : m))
    .replace(/v1\.32\.\d+/g, 'v1.32.x')
    .replace(/("?(?:gitCommit|buildDate|goVersion)"?: )"?[^",\n]+"?/g, '$1<build>')
    .replace(/("?minor"?: )"?32\+?"?/g, '$1<minor>')
}

/** stderr without the lab's own `kubelab: ...` hint lines at its very end (they may follow kubectl's text, never precede it). */
export function withoutLabHints(stderr: string): string {
  const lines = stderr.split('\n')
  const last = lines.length - 1 // the piece after the final newline ('' for newline-terminated text)
  let keep = lines[last] === '' ? last : lines.length
  while (keep > 0 && lines[keep - 1].startsWith('kubelab: ')) keep--
  return keep === lines.length || (keep === last && lines[last] === '') ? stderr : lines.slice(0, keep).join('\n') + (keep ? '\n' : '')
}
