// ConfigMap and Secret validation (k/k pkg/apis/core/validation ValidateConfigMap, ValidateSecret and their
// updates): config keys, total size, per-type required keys, immutability.
/* eslint-disable @typescript-eslint/no-explicit-any */

import type { FieldError } from '../errors.ts'
import type { KubeObject } from '../../api/types.ts'
import { base64DecodedLength } from '../../api/defaults.ts'
import { validateObjectMeta } from './meta.ts'
import { isConfigMapKey, isDNS1123Subdomain } from './names.ts'

type Obj = Record<string, any>
const MAX_SIZE = 1024 * 1024
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const mapOf = (v: unknown): Obj => (isObj(v) ? v : {})
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm, isDNS1123Subdomain)
  const data = mapOf(cm.data), bin = mapOf(cm.binaryData)
  let size = 0
  for (const k of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(k)) errs.push({ type: 'Invalid', field: `data[${k}]`, value: k, detail: msg })
    if (k in bin) errs.push({ type: 'Invalid', field: `data[${k}]`, value: k, detail: 'duplicate of key present in binaryData' })
    size += String(data[k] ?? '').length
  }
  for (const k of Object.keys(bin).sort()) {
    for (const msg of isConfigMapKey(k)) errs.push({ type: 'Invalid', field: `binaryData[${k}]`, value: k, detail: msg })
    size += base64DecodedLength(String(bin[k] ?? '')) ?? 0
  }
  if (size > MAX_SIZE) errs.push({ type: 'TooLong', field: '', detail: `may not be longer than ${MAX_SIZE} bytes` })
  return errs
}

export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = []
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push({ type: 'Forbidden', field: 'immutable', detail: 'field is immutable when `immutable` is set' })
    if (!same(cm.data, old.data)) errs.push({ type: 'Forbidden', field: 'data', detail: 'field is immutable when `immutable` is set' })
    if (!same(cm.binaryData, old.binaryData)) errs.push({ type: 'Forbidden', field: 'binaryData', detail: 'field is immutable when `immutable` is set' })
  }
  return [...errs, ...validateConfigMap(cm)]
}

export function validateSecret(s: KubeObject): FieldError[] {
  const errs = validateObjectMeta(s, isDNS1123Subdomain)
  const data = mapOf(s.data)
  let size = 0
  for (const k of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(k)) errs.push({ type: 'Invalid', field: `data[${k}]`, value: k, detail: msg })
    size += base64DecodedLength(String(data[k] ?? '')) ?? 0
  }
  if (size > MAX_SIZE) errs.push({ type: 'TooLong', field: 'data', detail: `may not be longer than ${MAX_SIZE} bytes` })
  const need = (k: string) => { if (!(k in data)) errs.push({ type: 'Required', field: `data[${k}]` }) }
  switch (s.type) {
    case 'kubernetes.io/tls':
      need('tls.crt')
      need('tls.key')
      break
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) { need('username'); need('password') }
      break
    case 'kubernetes.io/ssh-auth':
      need('ssh-privatekey')
      break
    case 'kubernetes.io/dockerconfigjson':
      need('.dockerconfigjson')
      break
    case 'kubernetes.io/dockercfg':
      need('.dockercfg')
      break
    case 'kubernetes.io/service-account-token':
      if (!s.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push({ type: 'Required', field: 'metadata.annotations[kubernetes.io/service-account.name]' })
      }
      break
  }
  return errs
}

export function validateSecretUpdate(s: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = []
  if ((s.type ?? '') !== (old.type ?? '')) errs.push({ type: 'Invalid', field: 'type', value: s.type ?? '', detail: 'field is immutable' })
  if (old.immutable === true) {
    if (s.immutable !== true) errs.push({ type: 'Forbidden', field: 'immutable', detail: 'field is immutable when `immutable` is set' })
    if (!same(s.data, old.data)) errs.push({ type: 'Forbidden', field: 'data', detail: 'field is immutable when `immutable` is set' })
  }
  return [...errs, ...validateSecret(s)]
}
