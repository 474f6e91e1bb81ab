// Subscribes React to the API store (useSyncExternalStore keyed on resourceVersion) and builds the view model.

import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { Store } from '../../core/apiserver/store.ts'
import type { Cluster } from '../../core/cluster/types.ts'
import { buildSnapshot, visibleNamespace, type ClusterSnapshot } from './snapshot.ts'
import { outsideViews } from './outside.ts'

/** The store's resourceVersion; re-renders the caller whenever the store changes. */
export function useStoreVersion(store: Store): number {
  const subscribe = useCallback((onChange: () => void) => store.watch(() => onChange()), [store])
  const get = useCallback(() => store.resourceVersion, [store])
  return useSyncExternalStore(subscribe, get, get)
}

export function useClusterSnapshot(cluster: Cluster, showSystem: boolean): ClusterSnapshot {
  const rv = useStoreVersion(cluster.store)
  return useMemo(
    () => buildSnapshot(cluster.store, cluster.profile, (ns) => visibleNamespace(ns, showSystem), outsideViews(cluster)),
    // rv is the dependency that matters: the store mutates in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cluster, rv, showSystem],
  )
}
