// API errors as the real API server builds them (apimachinery pkg/api/errors, pkg/util/validation/field),
// and their rendering: field error text, and the message kubectl prints.

export type StatusReason =
  | 'NotFound' | 'AlreadyExists' | 'Invalid' | 'Conflict' | 'BadRequest' | 'Forbidden'
  | 'InternalError' | 'MethodNotAllowed' | 'NotAcceptable'

export type FieldErrorType =
  | 'Required' | 'Forbidden' | 'TooLong' | 'TooShort' | 'Internal'
  | 'Invalid' | 'NotSupported' | 'Duplicate' | 'NotFound' | 'TooMany'

export interface FieldError {
  type: FieldErrorType
  /** the field path: spec.ports[0].nodePort */
  field: string
  /** the bad value (for types that show one) */
  value?: unknown
  /** for NotSupported: the supported values */
  supported?: string[]
  /** for NotSupported: print `supported` in the given order (upstream passes a fixed list, not a sorted set) */
  keepOrder?: boolean
  detail?: string
  /** if set, rendered as is instead of computing it from the value (for Go-syntax values of composite types) */
  valueText?: string
}

export interface StatusCause { reason?: string; message: string; field?: string }

export interface StatusDetails {
  name?: string
  group?: string
  kind?: string
  causes?: StatusCause[]
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404, AlreadyExists: 409, Invalid: 422, Conflict: 409, BadRequest: 400, Forbidden: 403,
  InternalError: 500, MethodNotAllowed: 405, NotAcceptable: 406,
}

/** An error the API server returns (metav1.Status with status Failure). */
export class StatusError extends Error {
  readonly reason: StatusReason
  readonly code: number
  readonly details?: StatusDetails
  constructor(reason: StatusReason, message: string, details?: StatusDetails) {
    super(message)
    this.reason = reason
    this.code = CODES[reason]
    this.details = details
  }
}

/** Go-flavoured rendering of a bad value (strings quoted, numbers and booleans plain, others as given). */
export function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`
  }
  return JSON.stringify(v)
}

const BODY: Record<FieldErrorType, string> = {
  Required: 'Required value', Forbidden: 'Forbidden', TooLong: 'Too long', TooShort: 'Too short',
  Internal: 'Internal error', Invalid: 'Invalid value', NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value', NotFound: 'Not found', TooMany: 'Too many',
}

/** The body of one field error without the path: `Invalid value: 39998: provided port is ...` */
export function fieldErrorBody(e: FieldError): string {
  const withValue = e.type === 'Invalid' || e.type === 'NotSupported' || e.type === 'Duplicate' || e.type === 'NotFound'
  let s = BODY[e.type]
  if (withValue) s += `: ${e.valueText ?? renderValue(e.value)}`
  if (e.type === 'NotSupported' && e.supported) {
    s += `: supported values: ${(e.keepOrder ? [...e.supported] : [...e.supported].sort()).map((x) => JSON.stringify(x)).join(', ')}`
  } else if (e.detail) {
    s += `: ${e.detail}`
  }
  return s
}

/** `spec.ports[0].nodePort: Invalid value: 39998: provided port is not in the valid range...` */
export function renderFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`
}

/**
 * The 422 Invalid error: message `Service "x" is invalid: <err>` or `... is invalid: [e1, e2]`.
 * `kindGroup` is `Service` or `Ingress.networking.k8s.io`.
 */
export function newInvalid(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const qualified = group ? `${kind}.${group}` : kind
  const texts = errs.map(renderFieldError)
  const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`
  return new StatusError('Invalid', `${qualified} "${name}" is invalid: ${joined}`, {
    name, group, kind,
    causes: errs.map((e) => ({ reason: `Field${e.type === 'Invalid' ? 'ValueInvalid' : 'Value' + e.type}`, message: fieldErrorBody(e), field: e.field })),
  })
}

export function newNotFound(resource: string, name: string): StatusError {
  return new StatusError('NotFound', `${resource} "${name}" not found`, { name })
}

export function newAlreadyExists(resource: string, name: string): StatusError {
  return new StatusError('AlreadyExists', `${resource} "${name}" already exists`, { name })
}

export function newConflict(resource: string, name: string, why: string): StatusError {
  return new StatusError('Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${why}`, { name })
}

export function newForbidden(resource: string, name: string, why: string): StatusError {
  return new StatusError('Forbidden', `${resource} "${name}" is forbidden: ${why}`, { name })
}

export function newBadRequest(message: string): StatusError {
  return new StatusError('BadRequest', message)
}

export function newInternalError(message: string): StatusError {
  return new StatusError('InternalError', `Internal error occurred: ${message}`)
}

/**
 * What kubectl prints for an API error (kubectl cmdutil.CheckErr): for Invalid with causes,
 * `The Service "x" is invalid: <cause>` or the multi-line `* <cause>` list; otherwise
 * `Error from server (Reason): message`.
 */
export function kubectlErrorText(err: StatusError): string {
  if (err.reason === 'Invalid' && err.details?.causes?.length) {
    const d = err.details
    const causes = d.causes!.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message))
    const head = `The ${d.kind} "${d.name}" is invalid: `
    return causes.length === 1 ? head + causes[0] : head + '\n' + causes.map((c) => `* ${c}`).join('\n')
  }
  return `Error from server (${err.reason}): ${err.message}`
}
