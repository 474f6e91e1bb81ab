import { describe, it, expect } from 'vitest'
import { kubectl, VERBS } from './index.ts'
import { createCluster } from '../../core/cluster/create.ts'
import { wordWrap, longDesc, examples, flagUsage } from './help-format.ts'
import { suggestionsFor, ALL_COMMANDS } from './help.ts'
import { helpText, HELP_PATHS } from './help-texts.ts'
import type { Verb } from './verb.ts'

const cluster = createCluster({ seed: 1 })
const k = (line: string) => kubectl({ args: line ? line.split(' ') : [], stdin: '', cluster, fs: undefined as never, host: { kind: 'node', node: 'controlplane' }, env: {}, effect: () => {} })

describe('kubectl help', () => {
  it('prints the root overview with real groups, padding and footer', () => {
    const r = k('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout.startsWith('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service\n')).toBe(true)
    expect(r.stdout).toContain('\nSubcommands provided by plugins:\n\nOther Commands:\n  api-resources   Print the supported API resources on the server\n  api-versions    Print the supported API versions on the server, in the form of "group/version"\n  config          Modify kubeconfig files\n  plugin          Provides utilities for interacting with plugins\n  version         Print the client and server version information\n\nUsage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n')
    expect(r.stdout).toContain('\n  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller\n')
    expect(k('--help').stdout).toBe(r.stdout)
  })

  it('prints the help text captured from real kubectl for every served command path', () => {
    expect(k('scale --help').stdout).toBe(helpText('kubectl scale'))
    expect(k('scale --help').stdout.startsWith('Set a new size for a deployment, replica set, replication controller, or stateful set.\n')).toBe(true)
    const paths: string[] = []
    const walk = (v: Verb, path: string) => {
      paths.push(path)
      for (const s of v.subcommands ?? []) walk(s, `${path} ${s.name}`)
    }
    for (const v of VERBS) walk(v, `kubectl ${v.name}`)
    expect(paths.filter((p) => !HELP_PATHS.includes(p))).toEqual([])
  })

  it('lists sub-commands for rollout and answers `kubectl help VERB`', () => {
    const r = k('rollout --help').stdout
    expect(r).toContain('Available Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n')
    expect(r).toContain('Usage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse "kubectl rollout <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n')
    expect(k('help exec').stdout).toBe(k('exec -h').stdout)
    expect(k('rollout status --help').stdout).toContain('Usage:\n  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]\n')
  })

  it('suggests commands for typos, as cobra does', () => {
    expect(k('gte pods')).toEqual({ stdout: '', stderr: `Error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\n`, exitCode: 1 })
    expect(k('frobnicate').stderr).toBe(`Error: unknown command "frobnicate" for "kubectl"\n`)
    expect(suggestionsFor('gett', ALL_COMMANDS)).toEqual(['set', 'get'])
    expect(suggestionsFor('lable', ALL_COMMANDS)).toEqual(['label'])
    expect(suggestionsFor('ex', ALL_COMMANDS)).toEqual(['expose', 'set', 'explain', 'get', 'exec', 'cp'])
  })

  it('never suggests the word typed; a real command the lab lacks gets an honest lab line', () => {
    const r = k('attach web')
    expect(r.stderr).toBe(`Error: unknown command "attach" for "kubectl"\nkubelab: "kubectl attach" is a real kubectl command that this lab does not implement yet\n`)
    expect(r.stderr).not.toContain('Did you mean')
    expect(k('attch web').stderr).toBe(`Error: unknown command "attch" for "kubectl"\n\nDid you mean this?\n\tattach\n\tauth\n\tpatch\n\n`)
  })

  it('wraps like go-wordwrap and normalises LongDesc/Examples', () => {
    expect(wordWrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc')
    expect(wordWrap('averyveryverylongword x', 5)).toBe('averyveryverylongword\nx')
    expect(longDesc('\n    First line.\n\n    Second\n    para.')).toBe('First line.\n\n Second para.')
    expect(examples('\n    # c\n    kubectl x\n\n    kubectl y')).toBe('  # c\n  kubectl x\n  \n  kubectl y')
    expect(flagUsage({ name: 'port', type: 'string', usage: 'The port.' })).toBe("    --port='':\n\tThe port.\n\n")
  })
})
