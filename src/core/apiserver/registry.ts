// STUB (owned by the API-server work): registers every kind's strategy on the store.
import type { Store } from './store.ts'

export function registerStrategies(_store: Store): void {}
