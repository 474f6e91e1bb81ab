// -k/--kustomize as kubectl checks it before reading anything: never with -f, and the directory must hold a
// kustomization file. The lab has no kustomize build, so a real kustomization gets the lab's note.

import type { CommandContext } from '../types.ts'
import { CliError } from './aggregate.ts'

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

/** Throws kubectl's error for -k; returns normally only when -k is not given. */
export function checkKustomize(ctx: CommandContext, dir: string, filenames: readonly string[]): void {
  if (!dir) return
  if (filenames.length) throw new CliError('only one of -f or -k can be specified')
  const abs = ctx.fs.resolve(dir)
  if (!ctx.fs.isDir(abs)) throw new CliError(`must build at directory: not a valid directory: evalsymlink failure on '${dir}' : lstat ${abs}: no such file or directory`)
  if (!KUSTOMIZATION_FILES.some((f) => ctx.fs.exists(`${abs.replace(/\/$/, '')}/${f}`))) {
    throw new CliError(`unable to find one of ${KUSTOMIZATION_FILES.map((f) => `'${f}'`).join(', ').replace(/, ('Kustomization')$/, ' or $1')} in directory '${abs}'`)
  }
  throw new CliError('kubelab: kustomize (-k) is not available in this lab; apply the manifests with -f')
}
