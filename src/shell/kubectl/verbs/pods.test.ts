import { describe, it, expect } from 'vitest'
import { labCluster, runner } from './test-util.ts'
import { setPodLogsSource } from '../logs-source.ts'
import type { HostContext } from '../../types.ts'
import { EXEC_DEPRECATED } from './exec.ts'

describe('kubectl logs', () => {
  it('defaults the container, tails and reports bad containers', () => {
    setPodLogsSource((_c, pod, container) => [1, 2, 3].map((i) => ({ at: i * 1000, text: `${pod.metadata.name}/${container} line ${i}` })))
    const k = runner(labCluster())
    expect(k('logs two')).toEqual({ stdout: 'two/app line 1\ntwo/app line 2\ntwo/app line 3\n', stderr: 'Defaulted container "app" out of: app, sidecar\n', exitCode: 0 })
    expect(k('logs two -c sidecar --tail=1')).toEqual({ stdout: 'two/sidecar line 3\n', stderr: '', exitCode: 0 })
    expect(k('logs two --prefix -c app --tail=1').stdout).toBe('[pod/two/app] two/app line 3\n')
    expect(k('logs two -c nope').stderr).toBe('Error from server (BadRequest): container nope is not valid for pod two\n')
    expect(k('logs two -c app -p').stderr).toBe('Error from server (BadRequest): previous terminated container "app" in pod "two" not found\n')
    expect(k('logs nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect(k('logs').stderr).toBe("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n")
    const d = k('logs deploy/web')
    expect(d.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/)
    expect(d.stdout).toMatch(/^web-\S+\/nginx line 1\n/)
    setPodLogsSource(() => [])
  })
})

describe('kubectl exec', () => {
  it('runs the command in the pod context and reports exit codes', () => {
    const calls: [HostContext, string[] | string][] = []
    const k = runner(labCluster(), {
      runIn: (host, command) => {
        calls.push([host, command])
        return command[0] === 'false' ? { stdout: '', stderr: '', exitCode: 1 } : { stdout: 'two\n', stderr: '', exitCode: 0 }
      },
    })
    expect(k('exec two -c app -- hostname')).toEqual({ stdout: 'two\n', stderr: '', exitCode: 0 })
    expect(calls[0]).toEqual([{ kind: 'pod', namespace: 'default', pod: 'two', container: 'app' }, ['hostname']])
    expect(k('exec two -c app -- false')).toEqual({ stdout: '', stderr: 'command terminated with exit code 1\n', exitCode: 1 })
    expect(k('exec two hostname').stderr).toBe(EXEC_DEPRECATED + 'Defaulted container "app" out of: app, sidecar\n')
  })
  it('fails as kubectl does', () => {
    const k = runner(labCluster())
    expect(k('exec two -c nope -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("nope")\n')
    expect(k('exec nope -- ls').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect(k('exec two').stderr).toBe('error: you must specify at least one command for the container\n')
    expect(k('exec -- ls').stderr).toBe('error: pod, type/name or --filename must be specified\n')
  })
  it('enters the pod shell with -it', () => {
    const entered: HostContext[] = []
    const k = runner(labCluster(), { enter: (h) => entered.push(h) })
    expect(k('exec -it two -c app -- sh').exitCode).toBe(0)
    expect(entered).toEqual([{ kind: 'pod', namespace: 'default', pod: 'two', container: 'app', command: 'sh' }])
  })
})
