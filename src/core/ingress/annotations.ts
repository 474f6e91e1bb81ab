// The ingress-nginx annotations the lab honours, parsed per Ingress as internal/ingress/annotations does
// (prefix nginx.ingress.kubernetes.io; invalid values fall back to the defaults of config.go).

import type { Ingress } from '../api/types.ts'

export const ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io'

export type BackendProtocol = 'HTTP' | 'HTTPS' | 'AUTO_HTTP' | 'GRPC' | 'GRPCS' | 'FCGI'
const PROTOCOLS: BackendProtocol[] = ['HTTP', 'HTTPS', 'AUTO_HTTP', 'GRPC', 'GRPCS', 'FCGI']

export interface LocationConfig {
  /** rewrite-target: the nginx rewrite replacement (`/$2`), '' when unset */
  rewriteTarget: string
  /** use-regex */
  useRegex: boolean
  /** app-root: `GET /` answers 302 to this path */
  appRoot: string
  /** ssl-redirect (default true): redirect HTTP to HTTPS when the server has a certificate */
  sslRedirect: boolean
  /** force-ssl-redirect (default false): redirect even without a certificate */
  forceSslRedirect: boolean
  /** preserve-trailing-slash (default false) */
  preserveTrailingSlash: boolean
  /** proxy timeouts in seconds (defaults 5, 60, 60) */
  connectTimeout: number
  sendTimeout: number
  readTimeout: number
  /** proxy-body-size as written (`1m`) and in bytes (0 = unlimited) */
  bodySize: string
  bodySizeBytes: number
  backendProtocol: BackendProtocol
}

export const DEFAULT_LOCATION_CONFIG: LocationConfig = {
  rewriteTarget: '', useRegex: false, appRoot: '', sslRedirect: true, forceSslRedirect: false, preserveTrailingSlash: false,
  connectTimeout: 5, sendTimeout: 60, readTimeout: 60, bodySize: '1m', bodySizeBytes: 1024 * 1024, backendProtocol: 'HTTP',
}

/** Go's strconv.ParseBool; undefined when not a boolean. */
function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false
  return undefined
}

/** nginx size syntax (`1m`, `512k`, `2g`, `1024`); undefined when nginx would reject it. */
export function parseNginxSize(v: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)$/.exec(v.trim())
  if (!m) return undefined
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g']
  return Number(m[1]) * mult
}

function parseSeconds(v: string | undefined, def: number): number {
  if (v === undefined || !/^-?\d+$/.test(v.trim())) return def
  return Number(v.trim())
}

/** The location settings an Ingress's annotations give every path it defines. */
export function locationConfig(ing: Ingress): LocationConfig {
  const a = ing.metadata.annotations ?? {}
  const get = (name: string): string | undefined => a[`${ANNOTATION_PREFIX}/${name}`]
  const d = DEFAULT_LOCATION_CONFIG
  const size = get('proxy-body-size')
  const sizeBytes = size === undefined ? undefined : parseNginxSize(size)
  const proto = get('backend-protocol')?.toUpperCase() as BackendProtocol | undefined
  return {
    rewriteTarget: get('rewrite-target') ?? '',
    useRegex: parseBool(get('use-regex')) ?? false,
    appRoot: get('app-root') ?? '',
    sslRedirect: parseBool(get('ssl-redirect')) ?? d.sslRedirect,
    forceSslRedirect: parseBool(get('force-ssl-redirect')) ?? d.forceSslRedirect,
    preserveTrailingSlash: parseBool(get('preserve-trailing-slash')) ?? d.preserveTrailingSlash,
    connectTimeout: parseSeconds(get('proxy-connect-timeout'), d.connectTimeout),
    sendTimeout: parseSeconds(get('proxy-send-timeout'), d.sendTimeout),
    readTimeout: parseSeconds(get('proxy-read-timeout'), d.readTimeout),
    bodySize: sizeBytes === undefined ? d.bodySize : size!,
    bodySizeBytes: sizeBytes ?? d.bodySizeBytes,
    backendProtocol: proto && PROTOCOLS.includes(proto) ? proto : d.backendProtocol,
  }
}
