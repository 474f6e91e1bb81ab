import { describe, it, expect } from 'vitest'
import { labCluster, runner } from './verbs/test-util.ts'

describe('kubectl logs reads the simulated containers (core podLogs)', () => {
  it("prints nginx's real start-up log for deploy/web, with timestamps at the container's start", () => {
    const c = labCluster()
    const k = runner(c)
    const r = k('logs deploy/web')
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration')
    expect(lines[8]).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up')
    expect(lines[9]).toBe('2026/01/01 00:00:00 [notice] 1#1: using the "epoll" event method')
    expect(lines[10]).toBe('2026/01/01 00:00:00 [notice] 1#1: nginx/1.27.3')
    expect(r.stdout.endsWith('[notice] 1#1: start worker process 32\n')).toBe(true)
    expect(k('logs deploy/web --tail=1 --timestamps').stdout).toBe('2026-01-01T00:00:00.000000000Z 2026/01/01 00:00:00 [notice] 1#1: start worker process 32\n')
    expect(k('logs two -c sidecar')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })
})
