import { describe, it, expect } from 'vitest'
import { kubectl, VERBS } from './index.ts'
import { createCluster } from '../../core/cluster/create.ts'
import { wordWrap, longDesc, examples, flagUsage } from './help-format.ts'
import { suggestionsFor } from './help.ts'

const cluster = createCluster({ seed: 1 })
const k = (line: string) => kubectl({ args: line ? line.split(' ') : [], stdin: '', cluster, fs: undefined as never, host: { kind: 'node', node: 'controlplane' }, env: {}, effect: () => {} })

describe('kubectl help', () => {
  it('prints the root overview with real groups, padding and footer', () => {
    const r = k('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout.startsWith('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service\n')).toBe(true)
    expect(r.stdout).toContain('\nOther Commands:\n  api-resources   Print the supported API resources on the server\n  version         Print the client and server version information\n\nUsage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n')
    expect(r.stdout).not.toContain('autoscale')
    expect(k('--help').stdout).toBe(r.stdout)
  })

  it('prints a verb help in kubectl layout', () => {
    const r = k('scale --help')
    expect(r.stdout).toBe(`Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is
guaranteed that the precondition holds true when the scale is sent to the server.

Examples:
  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo
  
  # Scale a resource identified by type and name specified in "foo.yaml" to 3
  kubectl scale --replicas=3 -f foo.yaml
  
  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql
  
  # Scale multiple replication controllers
  kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3
  
  # Scale stateful set named 'web' to 3
  kubectl scale --replicas=3 statefulset/web

Options:
    --all=false:
	Select all resources in the namespace of the specified resource types

    --allow-missing-template-keys=true:
	If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to
	golang and jsonpath output formats.

    --current-replicas=-1:
	Precondition for current size. Requires that the current size of the resource match this value in order to
	scale. -1 (default) for no condition.

    --dry-run='none':
	Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without
	sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
	Filename, directory, or URL to files identifying the resource to set a new size

    -k, --kustomize='':
	Process the kustomization directory. This flag can't be used together with -f or -R.

    -o, --output='':
	Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath,
	jsonpath-as-json, jsonpath-file).

    -R, --recursive=false:
	Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests
	organized within the same directory.

    --replicas=0:
	The new desired number of replicas. Required.

    --resource-version='':
	Precondition for resource version. Requires that the current resource version match this value in order to
	scale.

    -l, --selector='':
	Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l
	key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label
	constraints.

    --show-managed-fields=false:
	If true, keep the managedFields when printing objects in JSON or YAML format.

    --template='':
	Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format
	is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --timeout=0s:
	The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values
	should contain a corresponding time unit (e.g. 1s, 2m, 3h).

Usage:
  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)
[options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`)
  })

  it('lists sub-commands for rollout and answers `kubectl help VERB`', () => {
    const r = k('rollout --help').stdout
    expect(r).toContain('Available Commands:\n  history       View rollout history\n  restart       Restart a resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n')
    expect(r).toContain('Usage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse "kubectl rollout <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n')
    expect(k('help exec').stdout).toBe(k('exec -h').stdout)
    expect(k('rollout status --help').stdout).toContain('Usage:\n  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]\n')
  })

  it('suggests commands for typos, as cobra does', () => {
    expect(k('gte pods')).toEqual({ stdout: '', stderr: `error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\nRun 'kubectl --help' for usage.\n`, exitCode: 1 })
    expect(k('frobnicate').stderr).toBe(`error: unknown command "frobnicate" for "kubectl"\nRun 'kubectl --help' for usage.\n`)
    expect(suggestionsFor('lable', VERBS.map((v) => v.name))).toEqual(['label'])
    expect(suggestionsFor('ex', VERBS.map((v) => v.name))).toEqual(['exec', 'explain', 'expose', 'get'])
  })

  it('wraps like go-wordwrap and normalises LongDesc/Examples', () => {
    expect(wordWrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc')
    expect(wordWrap('averyveryverylongword x', 5)).toBe('averyveryverylongword\nx')
    expect(longDesc('\n    First line.\n\n    Second\n    para.')).toBe('First line.\n\n Second para.')
    expect(examples('\n    # c\n    kubectl x\n\n    kubectl y')).toBe('  # c\n  kubectl x\n  \n  kubectl y')
    expect(flagUsage({ name: 'port', type: 'string', usage: 'The port.' })).toBe("    --port='':\n\tThe port.\n\n")
  })
})
