// EndpointSlice and Endpoints validation (k/k pkg/apis/discovery/validation ValidateEndpointSlice,
// pkg/apis/core/validation ValidateEndpoints): address type, addresses, ports.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'
import { validateObjectMeta } from './meta.ts'
import { IP_MSG, isDNS1123Label, isDNS1123Subdomain, isIPv6, isQualifiedName, isValidIP, isValidPortNum, parseIPv4 } from './names.ts'

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : [])
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']

export function validateEndpointSlice(es: KubeObject): FieldError[] {
  const errs = validateObjectMeta(es, isDNS1123Subdomain)
  const at = es.addressType
  if (!at) errs.push({ type: 'Required', field: 'addressType' })
  else if (!['FQDN', 'IPv4', 'IPv6'].includes(String(at))) errs.push({ type: 'NotSupported', field: 'addressType', value: at, supported: ['FQDN', 'IPv4', 'IPv6'] })
  const eps = arr(es.endpoints)
  if (eps.length > 1000) errs.push({ type: 'TooMany', field: 'endpoints', detail: 'must have at most 1000 items' })
  eps.forEach((ep, i) => {
    const p = `endpoints[${i}].addresses`
    const addrs: unknown[] = Array.isArray(ep.addresses) ? ep.addresses : []
    if (addrs.length === 0) errs.push({ type: 'Required', field: p, detail: 'must contain at least 1 address' })
    else if (addrs.length > 100) errs.push({ type: 'TooMany', field: p, detail: 'must have at most 100 items' })
    addrs.forEach((a, j) => {
      const s = String(a)
      if (at === 'IPv4' && parseIPv4(s) === undefined) errs.push({ type: 'Invalid', field: `${p}[${j}]`, value: s, detail: 'must be a valid IPv4 address' })
      if (at === 'IPv6' && !isIPv6(s)) errs.push({ type: 'Invalid', field: `${p}[${j}]`, value: s, detail: 'must be a valid IPv6 address' })
      if (at === 'FQDN') for (const m of isDNS1123Subdomain(s)) errs.push({ type: 'Invalid', field: `${p}[${j}]`, value: s, detail: m })
    })
    if (typeof ep.hostname === 'string' && ep.hostname) for (const m of isDNS1123Label(ep.hostname)) errs.push({ type: 'Invalid', field: `endpoints[${i}].hostname`, value: ep.hostname, detail: m })
  })
  const names = new Set<string>()
  arr(es.ports).forEach((port, i) => {
    const p = `ports[${i}]`
    const name = typeof port.name === 'string' ? port.name : ''
    if (name) for (const m of isDNS1123Label(name)) errs.push({ type: 'Invalid', field: p + '.name', value: name, detail: m })
    if (names.has(name)) errs.push({ type: 'Duplicate', field: p + '.name', value: name })
    names.add(name)
    if (!port.protocol) errs.push({ type: 'Required', field: p + '.protocol' })
    else if (!PROTOCOLS.includes(port.protocol)) errs.push({ type: 'NotSupported', field: p + '.protocol', value: port.protocol, supported: PROTOCOLS })
    if (typeof port.appProtocol === 'string') for (const m of isQualifiedName(port.appProtocol)) errs.push({ type: 'Invalid', field: p + '.appProtocol', value: port.appProtocol, detail: m })
  })
  return errs
}

export function validateEndpointSliceUpdate(es: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = es.addressType !== old.addressType ? [{ type: 'Invalid', field: 'addressType', value: es.addressType ?? '', detail: 'field is immutable' }] : []
  return [...validateEndpointSlice(es), ...errs]
}

export function validateEndpoints(ep: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ep, isDNS1123Subdomain)
  arr(ep.subsets).forEach((ss, i) => {
    const p = `subsets[${i}]`
    for (const [key, list] of [['addresses', arr(ss.addresses)], ['notReadyAddresses', arr(ss.notReadyAddresses)]] as const) {
      list.forEach((a, j) => {
        if (!isValidIP(String(a.ip ?? ''))) errs.push({ type: 'Invalid', field: `${p}.${key}[${j}].ip`, value: String(a.ip ?? ''), detail: IP_MSG })
      })
    }
    arr(ss.ports).forEach((port, j) => {
      const pp = `${p}.ports[${j}]`
      if (arr(ss.ports).length > 1 && !port.name) errs.push({ type: 'Required', field: pp + '.name' })
      for (const m of isValidPortNum(Number(port.port ?? 0))) errs.push({ type: 'Invalid', field: pp + '.port', value: port.port ?? 0, detail: m })
      if (!port.protocol) errs.push({ type: 'Required', field: pp + '.protocol' })
      else if (!PROTOCOLS.includes(port.protocol)) errs.push({ type: 'NotSupported', field: pp + '.protocol', value: port.protocol, supported: PROTOCOLS })
    })
  })
  return errs
}
