import { describe, it, expect } from 'vitest'
import { lab } from '../testkit-write.ts'
import { EDIT_HEADER } from './edit.ts'

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n'

describe('kubectl edit', () => {
  it('writes the object to a workspace file, opens it in the editor, and the edited file applies', () => {
    const { k, fs, effects, cluster } = lab({ '/root/s.yaml': SVC })
    k('apply -f s.yaml')
    const r = k('edit svc web')
    expect(r.exitCode).toBe(0)
    expect(r.stdout.startsWith(EDIT_HEADER)).toBe(true)
    expect(r.stderr).toContain('kubectl apply -f /tmp/kubectl-edit-service-web.yaml')
    const content = fs.read('/tmp/kubectl-edit-service-web.yaml')!
    expect(effects).toEqual([{ kind: 'edit', path: '/tmp/kubectl-edit-service-web.yaml', content }])
    expect(content).toBe(r.stdout)
    fs.write('/tmp/kubectl-edit-service-web.yaml', content.replace(/"port": 80|port: 80/, (m) => m.replace('80', '8080')))
    expect(k('apply -f /tmp/kubectl-edit-service-web.yaml')).toMatchObject({ stdout: 'service/web configured\n', exitCode: 0 })
    expect((cluster.store.get('Service', 'default', 'web')!.spec as { ports: { port: number }[] }).ports[0].port).toBe(8080)
  })
  it('errors as kubectl prints them', () => {
    const { k } = lab()
    expect(k('edit svc nope').stderr).toBe('Error from server (NotFound): services "nope" not found\n')
    expect(k('edit').stderr).toContain('error: You must provide one or more resources by argument or filename.')
  })
})
