// The page's current lab session, held outside React (it lives as long as the page) and replaced on reset.

import type { ProfileName } from '../../core/cluster/types.ts'
import type { ShellEffect } from '../../shell/types.ts'
import { createLabSession, type LabSession } from './session.ts'

export interface SessionHolder {
  get(): LabSession
  subscribe(fn: () => void): () => void
  /** dispose the current session and start a new one */
  replace(profile: ProfileName, nodes: number | null): LabSession
}

export function createSessionHolder(initial: { profile: ProfileName; nodes: number | null }, onEffect: (e: ShellEffect) => void): SessionHolder {
  let current: LabSession | undefined
  const listeners = new Set<() => void>()
  const make = (profile: ProfileName, nodes: number | null): LabSession => {
    try {
      return createLabSession({ profile, nodes, onEffect })
    } catch (e) {
      // a saved choice the cluster refuses must not lock the learner out: fall back to the defaults
      if (profile === 'kubeadm' && nodes === null) throw e
      console.warn('kubelab: could not create the cluster, using the default profile', e)
      return createLabSession({ profile: 'kubeadm', nodes: null, onEffect })
    }
  }
  return {
    get: () => (current ??= make(initial.profile, initial.nodes)),
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    replace(profile, nodes) {
      current?.dispose()
      current = make(profile, nodes)
      for (const l of [...listeners]) l()
      return current
    },
  }
}
