// Flags many kubectl verbs share (cmdutil.AddDryRunFlag, PrintFlags, AddFilenameOptionFlags ...), with
// their upstream help texts, for the verbs' flag lists and `--help`.

import type { FlagSpec } from './flags.ts'

export const dryRunFlag: FlagSpec = {
  name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
}

/** PrintFlags: -o, --template, --allow-missing-template-keys, --show-managed-fields. */
export const printFlags: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
]

export function filenameFlags(what: string): FlagSpec[] {
  return [
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: `Filename, directory, or URL to files ${what}` },
    { name: 'kustomize', short: 'k', type: 'string', default: '', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  ]
}

export function fieldManagerFlag(name: string): FlagSpec {
  return { name: 'field-manager', type: 'string', default: name, usage: 'Name of the manager used to track field ownership.' }
}

export const selectorFlag: FlagSpec = {
  name: 'selector', short: 'l', type: 'string', default: '',
  usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
}

/** Deprecated flags pflag hides from help but still parses. */
export const recordFlag: FlagSpec = { name: 'record', type: 'bool', default: false, usage: '' }

export const saveConfigFlag: FlagSpec = {
  name: 'save-config', type: 'bool', default: false,
  usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
}

/** `--dry-run` value as kubectl reads it: none | client | server (unchanged = client, with a warning upstream). */
export function dryRunMode(v: string): 'none' | 'client' | 'server' {
  if (v === 'client' || v === 'unchanged' || v === 'true') return 'client'
  if (v === 'server') return 'server'
  if (v === 'none' || v === '' || v === 'false') return 'none'
  throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`)
}
