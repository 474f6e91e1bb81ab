import { describe, it, expect } from 'vitest'
import { lab } from '../testkit-write.ts'

const SVC = (name: string, ns = 'default', app = 'web') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${app}\nspec:\n  ports:\n  - port: 80\n`

function seeded() {
  const l = lab({ '/root/s.yaml': SVC('web') + '---\n' + SVC('api', 'default', 'api') })
  l.k('create namespace dev')
  l.k('apply -f s.yaml')
  l.k('apply -f -', SVC('db', 'dev', 'db'))
  return l
}

describe('kubectl delete', () => {
  it('by type and names, type/name; NotFound goes on', () => {
    const { k, cluster } = seeded()
    expect(k('delete svc web nope')).toEqual({ stdout: 'service "web" deleted\n', stderr: 'Error from server (NotFound): services "nope" not found\n', exitCode: 1 })
    expect(k('delete service/api')).toEqual({ stdout: 'service "api" deleted\n', stderr: '', exitCode: 0 })
    expect(cluster.store.list('Service', 'default').map((o) => o.metadata.name)).toEqual(['kubernetes'])
    expect(k('delete svc web --ignore-not-found')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })
  it('-f and -f -, with the source on errors', () => {
    const { k } = seeded()
    expect(k('delete -f s.yaml').stdout).toBe('service "web" deleted\nservice "api" deleted\n')
    expect(k('delete -f s.yaml').stderr).toBe('Error from server (NotFound): error when deleting "s.yaml": services "web" not found\nError from server (NotFound): error when deleting "s.yaml": services "api" not found\n')
    expect(k('delete -f -', SVC('db', 'dev')).stdout).toBe('service "db" deleted\n')
  })
  it('-l, --all, -A, No resources found', () => {
    const { k } = seeded()
    expect(k('delete svc -l app=nothing')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 })
    expect(k('delete svc -l app=web').stdout).toBe('service "web" deleted\n')
    expect(k('delete svc --all -n dev').stdout).toBe('service "db" deleted\n')
    expect(k('delete svc --all -A -l app!=x').stderr).toBe('error: cannot set --all and --selector at the same time\n')
    expect(k('delete svc -A -l app=api').stdout).toBe('service "api" deleted\n')
    expect(k('delete ing --all -n dev').stdout).toBe('No resources found\n')
  })
  it('dry runs, -o name, --force', () => {
    const { k, cluster } = seeded()
    expect(k('delete svc web --dry-run=client').stdout).toBe('service "web" deleted (dry run)\n')
    expect(k('delete svc web --dry-run=server').stdout).toBe('service "web" deleted (server dry run)\n')
    expect(cluster.store.get('Service', 'default', 'web')).toBeDefined()
    expect(k('delete svc web -o name').stdout).toBe('service/web\n')
    expect(k('delete svc api --grace-period=0 --force')).toEqual({
      stdout: 'service "api" force deleted\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      exitCode: 0,
    })
    expect(k('delete svc x --force --grace-period=5').stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n')
    expect(k('delete svc x -o yaml').stderr).toBe("error: unexpected -o output mode: yaml. We only support '-o name'\n")
    expect(k('delete deploy x --cascade=orphan').stderr).toBe('Error from server (NotFound): deployments.apps "x" not found\n')
    expect(k('delete deploy x --cascade=maybe').stderr).toBe('error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan".\n')
  })
  it('argument errors', () => {
    const { k } = seeded()
    expect(k('delete').stderr).toBe(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`)
    expect(k('delete svc').stderr).toBe('error: resource(s) were provided, but no name was specified\n')
    expect(k('delete web').stderr).toBe('error: the server doesn\'t have a resource type "web"\n')
    expect(k('delete svc web -A').stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n')
  })
  it('a namespace takes its objects with it; the default namespace may not be deleted', () => {
    const { k, cluster } = seeded()
    expect(k('delete ns dev').stdout).toBe('namespace "dev" deleted\n')
    expect(cluster.store.list('Service', 'dev')).toEqual([])
    expect(k('delete namespace default').stderr).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n')
  })
})
