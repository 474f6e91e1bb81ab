// Reads manifests as kubectl's resource builder does (cli-runtime pkg/resource): -f FILE|DIR|-, multi-document
// YAML split on `---` lines, JSON, `kind: List` flattened, schema check (apiVersion/kind), REST mapping, namespaces.

import { retiredIngressHint } from './old-ingress.ts'
import { parseDocument, type ParseOptions, type DocumentOptions, type SchemaOptions, type ToJSOptions } from 'yaml'
import type { KubeObject } from '../../core/api/types.ts'
import { RESOURCE_TYPES, typeForKind, apiVersionOf, type ResourceType } from '../../core/api/kinds.ts'
import type { CommandContext } from '../types.ts'
import { CliError, CliErrors } from './aggregate.ts'
import { decodeJsonStream, looksLikeJson } from './json-stream.ts'
import { INTERNET_FILES, fetchInternetFile } from '../../core/internet/files.ts'

export interface ManifestItem {
  obj: KubeObject
  type: ResourceType
  /** the source as kubectl names it in messages: the path as typed (`svc.yaml`, `k8s/svc.yaml`) or `STDIN` */
  source: string
  /** the namespace the object goes to ('' for cluster-scoped kinds) */
  namespace: string
}

export interface ManifestRead {
  items: ManifestItem[]
  /** per-document and per-file errors, in kubectl's order; processing went on past them */
  errors: unknown[]
}

export interface ManifestOptions {
  filenames: string[]
  recursive: boolean
  namespace: string
  /** -n given: objects must match it (kubectl's RequireNamespace) */
  enforceNamespace: boolean
}

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false'

const FILE_EXTENSIONS = '[.json .yaml .yml]'

/** a -f value resolved: a file, stdin (`-`), or a URL's body (`content`) */
export interface ManifestSource { path: string; source: string; content?: string }

/**
 * The files behind the -f values, in kubectl's order (a directory: its .json/.yaml/.yml files, sorted; with -R
 * also below). Builder errors (a missing path; no manifest file yet after a -f value, cli-runtime's Builder.Path)
 * collect and stop everything before any request: thrown as one CliError or as CliErrors.
 */
export function expandPaths(ctx: CommandContext, filenames: string[], recursive: boolean): ManifestSource[] {
  const out: ManifestSource[] = []
  const errs: CliError[] = []
  for (const f of filenames) {
    if (f === '-') {
      out.push({ path: '-', source: 'STDIN' })
      continue
    }
    if (/^https?:\/\//.test(f)) {
      // kubectl GETs the URL; the lab's simulated internet serves the manifests tutorials install
      const got = fetchInternetFile(f)
      if (got.status === 200) out.push({ path: f, source: f, content: got.content })
      else {
        errs.push(new CliError(`unable to read URL "${f}", server reported 404 Not Found, status code=404`,
          `kubelab: the lab's simulated internet serves only these files:\n${INTERNET_FILES.map((x) => `kubelab:   ${x.url}  (${x.what})`).join('\n')}`))
      }
      continue
    }
    if (!ctx.fs.exists(f)) errs.push(new CliError(`the path "${f}" does not exist`))
    else if (ctx.fs.isDir(f)) walk(ctx, f, recursive, out)
    else out.push({ path: f, source: f })
    if (out.length === 0 && errs.length === 0) errs.push(new CliError(`error reading [${f}]: recognized file extensions are ${FILE_EXTENSIONS}`))
  }
  if (errs.length === 1) throw errs[0]
  if (errs.length > 1) throw new CliErrors(errs)
  return out
}

function walk(ctx: CommandContext, dir: string, recursive: boolean, out: ManifestSource[]): void {
  for (const name of ctx.fs.list(dir) ?? []) {
    const p = dir.endsWith('/') ? dir + name : `${dir}/${name}`
    if (ctx.fs.isDir(p)) {
      if (recursive) walk(ctx, p, recursive, out)
      continue
    }
    if (/\.(json|ya?ml)$/.test(name)) out.push({ path: p, source: p })
  }
}

/** Splits a stream as apimachinery's YAMLReader does: a line starting with `---` ends a document. */
export function splitDocuments(text: string): { body: string; startLine: number }[] {
  const lines = text.split('\n')
  const docs: { body: string; startLine: number }[] = []
  let cur: string[] = []
  let start = 1
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim()
      if (rest.length > 0 && !rest.startsWith('#')) {
        // kubectl: invalid Yaml document separator; treat the line as content (the YAML parser reports it)
      } else {
        if (cur.length) docs.push({ body: cur.join('\n'), startLine: start })
        cur = []
        start = i + 2
        continue
      }
    }
    cur.push(line)
  }
  if (cur.some((l) => l.length)) docs.push({ body: cur.join('\n'), startLine: start })
  return docs
}

const YAML_OPTS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1', // sigs.k8s.io/yaml uses go-yaml v2 (YAML 1.1: yes/no/on/off are booleans, 0755 is octal)
  uniqueKeys: false, // go-yaml keeps the last value of a repeated key
  prettyErrors: false,
  customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
}
const TOJS: ToJSOptions = { maxAliasCount: 100 }

interface YamlProblem { message: string; line: number; atLine: number; col: number; lab: string }

/** Maps a parse error of the `yaml` package to go-yaml's wording and line rule (parser errors report the line before). */
function goYamlError(body: string, code: string, message: string, pos: number): YamlProblem {
  const lineAt = (p: number) => body.slice(0, p).split('\n').length
  const colAt = (p: number) => p - body.lastIndexOf('\n', p - 1)
  const line = lineAt(pos), col = colAt(pos)
  const lines = body.split('\n').length
  let msg: string, goLine: number
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    // scanner error at the ':' that starts the unexpected mapping value
    const m = /:(\s|$)/.exec(body.slice(pos))
    msg = 'mapping values are not allowed in this context'
    goLine = m ? lineAt(pos + m.index) : line
  } else if (code === 'TAB_AS_INDENT') {
    msg = 'found character that cannot start any token'
    goLine = line
  } else if (/closing.*quote/i.test(message) || code === 'MISSING_CHAR' && /quote/i.test(message)) {
    msg = 'found unexpected end of stream'
    goLine = lines
  } else if (/Implicit map keys need to be followed/.test(message)) {
    msg = "could not find expected ':'"
    goLine = Math.min(line + 1, lines)
  } else if (/Flow sequence/.test(message)) {
    msg = "did not find expected ',' or ']'"
    goLine = line - 1
  } else if (/Flow map/.test(message)) {
    msg = "did not find expected ',' or '}'"
    goLine = line - 1
  } else if (/sequence item/i.test(message)) {
    msg = "did not find expected '-' indicator"
    goLine = line - 1
  } else {
    msg = 'did not find expected key'
    goLine = line - 1
  }
  return { message: msg, line: Math.max(1, goLine), atLine: line, col, lab: message }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A document's value, or a parse error in kubectl's words. */
function parseChunk(body: string): { value: unknown } | { problem: YamlProblem } {
  const doc = parseDocument(body, YAML_OPTS)
  if (doc.errors.length) {
    const e = doc.errors[0]
    return { problem: goYamlError(body, e.code, e.message, e.pos[0]) }
  }
  try {
    return { value: doc.toJS(TOJS) }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    return { problem: { message: msg.includes('alias') ? 'document contains excessive aliasing' : msg, line: 1, atLine: 1, col: 1, lab: msg } }
  }
}

/** sigs.k8s.io/yaml YAMLToJSON's reading of one YAML text: its first document's value, or go-yaml's `yaml: line N: ...`. */
export function parseYamlValue(body: string): { value: unknown } | { error: string } {
  const r = parseChunk(body)
  if ('problem' in r) return { error: `yaml: line ${r.problem.line}: ${r.problem.message}` }
  return { value: r.value ?? null }
}

/** Finds the served type; for unserved kinds kubectl's NoKindMatch text (the hook for a v1 rewrite hint). */
export function mapKind(apiVersion: string, kind: string): ResourceType | undefined {
  const t = typeForKind(kind)
  if (t && apiVersionOf(t) === apiVersion) return t
  return RESOURCE_TYPES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind)
}

/** Hint shown under the mapping error for known retired versions (another issue fills this in). */
export let unservedHint: (apiVersion: string, kind: string, obj: Record<string, unknown>) => string | undefined = () => undefined
export function setUnservedHint(fn: typeof unservedHint): void {
  unservedHint = fn
}

/**
 * Reads and decodes every -f source. Throws CliError for builder errors that stop kubectl before any request
 * (missing path). Parse and validation errors stop the rest of that file; mapping and namespace errors skip one object.
 */
export function readManifests(ctx: CommandContext, opts: ManifestOptions): ManifestRead {
  const files = expandPaths(ctx, opts.filenames, opts.recursive)
  const items: ManifestItem[] = []
  const errors: unknown[] = []
  for (const f of files) {
    const text = f.content ?? (f.path === '-' ? ctx.stdin : ctx.fs.read(f.path) ?? '')
    readStream(ctx, text, f.source, opts, items, errors)
  }
  return { items, errors }
}

function readStream(ctx: CommandContext, text: string, source: string, opts: ManifestOptions, items: ManifestItem[], errors: unknown[]): void {
  if (looksLikeJson(text)) {
    // apimachinery's YAMLOrJSONDecoder: a stream starting with `{` is read by encoding/json, value after value
    const r = decodeJsonStream(text)
    for (const value of r.values) if (!addValue(ctx, value, source, opts, items, errors)) return
    if (r.error) errors.push(new CliError(`error parsing ${source}: ${r.error}`))
    return
  }
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(chunk.body)
    if ('problem' in parsed) {
      const p = parsed.problem
      const where = source === 'STDIN' ? 'the input' : source
      errors.push(new CliError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${p.line}: ${p.message}`,
        `kubelab: the problem is at ${where} line ${chunk.startLine + p.atLine - 1}, column ${p.col}: ${p.lab}`))
      return
    }
    if (!addValue(ctx, parsed.value, source, opts, items, errors)) return
  }
}

/** One decoded document: validated (apiVersion/kind), Lists flattened. False when the rest of the file is skipped. */
function addValue(ctx: CommandContext, value: unknown, source: string, opts: ManifestOptions, items: ManifestItem[], errors: unknown[]): boolean {
  if (value === null || value === undefined) return true
  if (!isMap(value)) {
    errors.push(new CliError(`error validating "${source}": error validating data: invalid object to validate; ${STOP_VALIDATE}`))
    return false
  }
  const missing: string[] = []
  if (value.apiVersion === undefined || value.apiVersion === null) missing.push('apiVersion not set')
  else if (typeof value.apiVersion !== 'string') missing.push("apiVersion isn't string type")
  if (value.kind === undefined || value.kind === null) missing.push('kind not set')
  else if (typeof value.kind !== 'string') missing.push("kind isn't string type")
  if (missing.length) {
    const m = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`
    errors.push(new CliError(`error validating "${source}": error validating data: ${m}; ${STOP_VALIDATE}`))
    return false
  }
  const list = value.kind === 'List' || (String(value.kind).endsWith('List') && Array.isArray(value.items)) ? (value.items as unknown[] ?? []) : [value]
  for (const raw of list) {
    if (!isMap(raw)) continue
    addObject(ctx, raw, source, opts, items, errors)
  }
  return true
}

function addObject(ctx: CommandContext, raw: Record<string, unknown>, source: string, opts: ManifestOptions, items: ManifestItem[], errors: unknown[]): void {
  const apiVersion = String(raw.apiVersion ?? ''), kind = String(raw.kind ?? '')
  const md = isMap(raw.metadata) ? raw.metadata : {}
  const name = typeof md.name === 'string' ? md.name : ''
  const ns = typeof md.namespace === 'string' ? md.namespace : ''
  const type = mapKind(apiVersion, kind)
  if (!type) {
    // a retired Ingress version: the v1 rewrite is saved next to the source and the hint names it
    const retired = retiredIngressHint(apiVersion, kind, raw, source, ctx.cluster.profile.version)
    if (retired) ctx.fs.write(ctx.fs.resolve(retired.path), retired.content)
    const hint = retired?.hint ?? unservedHint(apiVersion, kind, raw)
    errors.push(new CliError(
      `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
      hint,
    ))
    return
  }
  const obj = raw as unknown as KubeObject
  if (!isMap(raw.metadata)) obj.metadata = { name: '' }
  let namespace = ''
  if (type.namespaced) {
    if (!ns) {
      namespace = opts.namespace
      obj.metadata.namespace = namespace
    } else if (opts.enforceNamespace && ns !== opts.namespace) {
      errors.push(new CliError(
        `the namespace from the provided object "${ns}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
      ))
      return
    } else namespace = ns
  } else if (obj.metadata.namespace !== undefined) {
    delete obj.metadata.namespace
  }
  items.push({ obj, type, source, namespace })
}
