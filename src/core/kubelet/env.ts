// What a container's processes see in their environment: the OCI spec env containerd builds (default PATH,
// HOSTNAME, the image's ENV, then the kubelet's variables, each replacing an earlier one of the same name in
// place), and HOME, which runc adds last when nothing set it. Also the files of the container's volume mounts.

import type { Container, Pod } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { parseImage } from '../images/catalogue.ts'
import { DEFAULT_PATH, imageEnv } from '../images/env.ts'
import { makeEnvironmentVariables } from './envvars.ts'
import { volumeFileAt } from './volumes.ts'

export { secretData } from './envvars.ts'

/** containerd's replaceOrAppendEnvValues: a name already present keeps its place and takes the new value. */
export function replaceOrAppend(env: [string, string][], add: [string, string][]): [string, string][] {
  const out = env.map((e) => [e[0], e[1]] as [string, string])
  const at = new Map(out.map((e, i) => [e[0], i]))
  for (const [k, v] of add) {
    const i = at.get(k)
    if (i !== undefined) out[i][1] = v
    else { at.set(k, out.length); out.push([k, v]) }
  }
  return out
}

/** The process env of the container spec (no HOME yet): PATH, [TERM with tty], HOSTNAME, image ENV, kubelet vars. */
export function containerSpecEnv(pod: Pod, c: Container, kubeletVars: [string, string][]): [string, string][] {
  let env: [string, string][] = [['PATH', DEFAULT_PATH]]
  if (c.tty) env.push(['TERM', 'xterm'])
  env = replaceOrAppend(env, [['HOSTNAME', pod.spec.hostname ?? pod.metadata.name]])
  return replaceOrAppend(env, [...imageEnv(parseImage(c.image ?? '')), ...kubeletVars])
}

/** What a process started in the container sees: an exec with a TTY gets TERM=xterm; runc adds HOME=/root when unset. */
export function processEnv(spec: [string, string][], tty = false): [string, string][] {
  let env = tty ? replaceOrAppend(spec, [['TERM', 'xterm']]) : spec.slice()
  if (!env.some(([k]) => k === 'HOME')) env = [...env, ['HOME', '/root']]
  return env
}

/** The container's environment as `env` inside it prints it, ignoring config errors (for simulated programs). */
export function podEnv(store: Store, pod: Pod, c: Container, seed = `${pod.metadata.uid ?? pod.metadata.name}/${c.name}`): Record<string, string> {
  const r = makeEnvironmentVariables(store, pod, c, seed)
  return Object.fromEntries(processEnv(containerSpecEnv(pod, c, 'vars' in r ? r.vars : [])))
}

/** A file under one of the container's volume mounts as of now, or undefined. */
export function readPodFile(store: Store, pod: Pod, c: Container, path: string): string | undefined {
  return volumeFileAt(store, pod, c, path)
}
