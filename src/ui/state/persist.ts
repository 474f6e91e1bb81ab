// Safe, versioned localStorage access: corrupt or unavailable storage never breaks the page, it only loses the saved value.

export interface Storage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

function defaultStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined // access may throw (privacy settings, sandboxed iframes)
  }
}

/**
 * Read a JSON value and check its shape with `accept`, which returns the value to use or undefined.
 * Anything unreadable (missing, not JSON, wrong shape, storage throwing) gives `fallback`.
 */
export function loadJSON<T>(key: string, accept: (raw: unknown) => T | undefined, fallback: T, storage = defaultStorage()): T {
  if (!storage) return fallback
  let text: string | null
  try {
    text = storage.getItem(key)
  } catch {
    return fallback
  }
  if (text === null) return fallback
  try {
    return accept(JSON.parse(text)) ?? fallback
  } catch {
    return fallback
  }
}

/** Write a JSON value; quota errors and unavailable storage are swallowed (returns false). */
export function saveJSON(key: string, value: unknown, storage = defaultStorage()): boolean {
  if (!storage) return false
  try {
    storage.setItem(key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Keep only the string-valued entries of a record (drops anything a corrupt save put there). */
export function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val
  return out
}

export function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined
}

/** Storage keys, one place. Bump the version suffix when a shape changes incompatibly. */
export const KEYS = {
  workspace: 'kubelab.workspace.v1',
  editor: 'kubelab.editor.v1',
  settings: 'kubelab.settings.v1',
  history: 'kubelab.history.v1',
} as const
