// The nginx configuration ingress-nginx builds from the Ingresses it serves (controller.go createServers and
// getBackendServers, location.go updateServerLocations, template.go buildLocation/enforceRegexModifier): one
// server per host plus the catch-all `_`, each with its locations in nginx's order and their annotations.

import type { Ingress, IngressBackend } from '../api/types.ts'
import type { Store } from '../apiserver/store.ts'
import { DEFAULT_LOCATION_CONFIG, locationConfig, type LocationConfig } from './annotations.ts'
import { ingressesFor, type IngressController } from './classes.ts'
import { certFromSecret, certMatchesHost, fakeCertificate, tlsSecretNameFor, type ServedCert } from './tls.ts'

export const DEFAULT_SERVER = '_'
export const DEFAULT_UPSTREAM = 'upstream-default-backend'
/** where ingress-nginx's built-in default backend listens (it answers 404) */
export const DEFAULT_BACKEND_ADDR = '127.0.0.1:8181'

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific'

export interface ServiceBackend {
  namespace: string
  service: string
  /** the Ingress's port: a number or a Service port name */
  port: number | string
  /** `<namespace>-<service>-<port>` ($proxy_upstream_name) */
  upstream: string
}

export interface Location {
  /** the nginx location path (`/foo/` for Prefix `/foo`, plus an exact `/foo`) */
  path: string
  /** the path as the Ingress wrote it */
  ingressPath: string
  pathType: PathType
  /** how nginx matches it: `=` exact, `` prefix, `~*` case-insensitive regex anchored with ^ */
  modifier: '=' | '' | '~*'
  /** undefined: the default backend (404) */
  backend?: ServiceBackend
  isDefBackend: boolean
  /** `namespace/name` of the Ingress that defined it ('' for the built-in catch-all) */
  ingress: string
  config: LocationConfig
}

export interface Server {
  /** `foo.bar.com`, `*.foo.com` or `_` */
  hostname: string
  locations: Location[]
  /** true when some location uses use-regex or rewrite-target: every location becomes `~* "^path"` */
  regex: boolean
  /** the server's certificate (undefined: none, so no ssl-redirect; HTTPS still gets the default certificate) */
  cert?: ServedCert
}

export interface NginxModel {
  /** `_` first, then by hostname */
  servers: Server[]
  /** certificates by server name, for SNI */
  certs: Map<string, ServedCert>
  defaultCert: ServedCert
  /** controller log warnings produced while building (missing secrets, unmatched certificates) */
  warnings: string[]
}

export function upstreamName(ns: string, b: IngressBackend['service']): string {
  return `${ns}-${b?.name ?? ''}-${b?.port?.number || b?.port?.name || ''}`
}

function serviceBackend(ns: string, b: IngressBackend | undefined): ServiceBackend | undefined {
  if (!b?.service?.name) return undefined
  return { namespace: ns, service: b.service.name, port: b.service.port?.number || b.service.port?.name || 0, upstream: upstreamName(ns, b.service) }
}

const ingKey = (i: Ingress) => `${i.metadata.namespace ?? 'default'}/${i.metadata.name}`

function rootLocation(backend: ServiceBackend | undefined, ingress: string, config: LocationConfig): Location {
  return { path: '/', ingressPath: '/', pathType: 'Prefix', modifier: '', backend, isDefBackend: true, ingress, config }
}

/** location.go updateServerLocations: Prefix `/foo` becomes `/foo/` plus an exact `/foo` (unless one exists). */
export function updateServerLocations(locations: Location[]): Location[] {
  const exact = new Set(locations.filter((l) => l.pathType === 'Exact').map((l) => l.path))
  const out: Location[] = []
  for (const loc of locations) {
    if (loc.path === '/' || loc.pathType !== 'Prefix' || loc.isDefBackend || loc.config.useRegex) { out.push(loc); continue }
    const normalized = loc.path.endsWith('/') ? loc.path : loc.path + '/'
    if (!exact.has(loc.path)) out.push({ ...loc, pathType: 'Exact' })
    out.push({ ...loc, path: normalized })
  }
  // nginx order: longest path first, equal lengths in reverse lexical order (two stable sorts in controller.go)
  out.sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0))
  out.sort((a, b) => b.path.length - a.path.length)
  return out
}

/** Builds the controller's servers and locations from the store (rebuilt on each call: the store is the truth). */
export function buildModel(store: Store, ctrl: IngressController): NginxModel {
  const warnings: string[] = []
  const defaultCert = defaultCertificate(store, ctrl, warnings)
  const servers = new Map<string, Server>()
  servers.set(DEFAULT_SERVER, { hostname: DEFAULT_SERVER, locations: [rootLocation(undefined, '', DEFAULT_LOCATION_CONFIG)], regex: false, cert: defaultCert })
  const ings = ingressesFor(store, ctrl)

  // createServers: the catch-all's default backend and one server per host, each with a default root location
  for (const ing of ings) {
    const ns = ing.metadata.namespace ?? 'default'
    const cfg = locationConfig(ing)
    const def = serviceBackend(ns, ing.spec.defaultBackend)
    const catchAll = servers.get(DEFAULT_SERVER)!.locations[0]
    if (def && !(ing.spec.rules ?? []).length && catchAll.isDefBackend && !catchAll.backend) {
      servers.get(DEFAULT_SERVER)!.locations[0] = { ...rootLocation(def, ingKey(ing), cfg), isDefBackend: false }
    }
    for (const rule of ing.spec.rules ?? []) {
      const host = rule.host || DEFAULT_SERVER
      if (servers.has(host)) continue
      servers.set(host, { hostname: host, locations: [rootLocation(def, ingKey(ing), cfg)], regex: false })
    }
  }

  // TLS: a server's certificate comes from the first Ingress (oldest) whose tls section covers the host
  for (const ing of ings) {
    const ns = ing.metadata.namespace ?? 'default'
    for (const rule of ing.spec.rules ?? []) {
      const host = rule.host || DEFAULT_SERVER
      const server = servers.get(host)!
      if (host === DEFAULT_SERVER || server.cert) continue
      const secretName = tlsSecretNameFor(store, ing, host)
      if (secretName === undefined) continue
      if (secretName === '') { server.cert = defaultCert; continue }
      const r = certFromSecret(store, ns, secretName)
      if ('error' in r) { warnings.push(`Error getting SSL certificate "${ns}/${secretName}": ${r.error}. Using default certificate`); continue }
      if (!certMatchesHost(r.cert, host)) {
        warnings.push(`SSL certificate "${ns}/${secretName}" does not contain a Common Name or Subject Alternative Name for server "${host}": x509: certificate is valid for ${certNames(r.cert)}, not ${host}`)
        warnings.push('Using default certificate')
        continue
      }
      server.cert = { secret: `${ns}/${secretName}`, cert: r.cert, isDefault: false }
    }
  }

  // getBackendServers: the paths; the first Ingress to define a path (same type) keeps it
  for (const ing of ings) {
    const ns = ing.metadata.namespace ?? 'default'
    const cfg = locationConfig(ing)
    for (const rule of ing.spec.rules ?? []) {
      const server = servers.get(rule.host || DEFAULT_SERVER)!
      for (const p of rule.http?.paths ?? []) {
        const backend = serviceBackend(ns, p.backend)
        if (!backend) continue // resource backends: ingress-nginx serves only Services
        const path = p.path || '/'
        const type = (p.pathType ?? 'ImplementationSpecific') as PathType
        const same = server.locations.find((l) => l.path === path && l.pathType === type)
        if (same && !same.isDefBackend) continue
        const loc: Location = { path, ingressPath: path, pathType: type, modifier: '', backend, isDefBackend: false, ingress: ingKey(ing), config: cfg }
        if (same) server.locations[server.locations.indexOf(same)] = loc
        else server.locations.push(loc)
      }
    }
  }

  const list = [...servers.values()].sort((a, b) => (a.hostname === DEFAULT_SERVER ? -1 : b.hostname === DEFAULT_SERVER ? 1 : a.hostname.localeCompare(b.hostname)))
  const certs = new Map<string, ServedCert>()
  for (const s of list) {
    s.locations = updateServerLocations(s.locations)
    s.regex = s.locations.some((l) => l.config.useRegex || l.config.rewriteTarget !== '')
    for (const l of s.locations) l.modifier = s.regex ? '~*' : l.pathType === 'Exact' ? '=' : ''
    if (s.cert && s.hostname !== DEFAULT_SERVER) certs.set(s.hostname.toLowerCase(), s.cert)
  }
  return { servers: list, certs, defaultCert, warnings }
}

function certNames(c: { dnsNames: string[]; subject: { type: string; value: string }[] }): string {
  const names = c.dnsNames.length ? c.dnsNames : c.subject.filter((a) => a.type === 'CN').map((a) => a.value)
  return names.join(', ')
}

/** --default-ssl-certificate when set and readable, else the fake certificate. */
function defaultCertificate(store: Store, ctrl: IngressController, warnings: string[]): ServedCert {
  if (ctrl.defaultSslCertificate) {
    const [ns, name] = ctrl.defaultSslCertificate.split('/')
    const r = certFromSecret(store, ns ?? '', name ?? '')
    if ('cert' in r) return { secret: ctrl.defaultSslCertificate, cert: r.cert, isDefault: true }
    warnings.push(`Error loading custom default certificate, falling back to generated default:\n${r.error}`)
  }
  return { secret: '', cert: fakeCertificate(ctrl.pod), isDefault: true }
}

/** The nginx location line as ingress-nginx writes it: `location = /foo`, `location /foo/`, `location ~* "^/foo"`. */
export function locationDirective(l: Location): string {
  if (l.modifier === '~*') return `location ~* "^${l.path}"`
  return l.modifier === '=' ? `location = ${l.path}` : `location ${l.path}`
}
