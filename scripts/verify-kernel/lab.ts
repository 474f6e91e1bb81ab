// The lab side of a scenario: a cluster set up by terminal lines through the shell, traced requests, and the
// nodes' nat counters.

import { createCluster } from '../../src/core/cluster/create.ts'
import type { Cluster } from '../../src/core/cluster/types.ts'
import { createShell } from '../../src/shell/shell.ts'
import { createWorkspaceFs } from '../../src/shell/fs.ts'
import type { LabShell } from '../../src/shell/shell.ts'
import { runScript, scriptLines } from '../../src/cli/transcript.ts'
import { trace } from '../../src/trace/index.ts'
import type { HostRef, Trace } from '../../src/trace/types.ts'
import type { Pod, Service } from '../../src/core/api/types.ts'
import { parseCounters } from '../../src/cli/export/verify-stats.ts'

export class Lab {
  readonly cluster: Cluster
  readonly shell: LabShell

  constructor(setup: string, opts: { proxyMode?: 'iptables' | 'ipvs'; seed?: number } = {}) {
    this.cluster = createCluster({ seed: opts.seed ?? 1, proxyMode: opts.proxyMode ?? 'iptables' })
    this.shell = createShell({ cluster: this.cluster, fs: createWorkspaceFs() })
    const failures: string[] = []
    runScript(this.shell, scriptLines(setup), () => {}, (r) => { if (r.exitCode !== 0) failures.push(`${r.command.split('\n')[0]}: ${r.stderr.trim()}`) })
    if (failures.length) throw new Error(`lab setup failed: ${failures.join('; ')}`)
    this.cluster.advance(30_000)
  }

  /** run a line in the lab terminal */
  run(line: string): { stdout: string; stderr: string; exitCode: number } {
    const r = this.shell.run(line)
    return r.done ? r : { stdout: '', stderr: '', exitCode: -1 }
  }

  request(from: HostRef, ip: string, port: number): Trace {
    return trace(this.cluster, {
      from, to: ip, port, protocol: 'TCP',
      http: { method: 'GET', path: '/', host: `${ip}:${port}`, headers: [['User-Agent', 'curl/7.88.1'], ['Accept', '*/*']] },
    })
  }

  service(name: string, namespace = 'default'): Service {
    const s = this.cluster.store.get('Service', namespace, name) as Service | undefined
    if (!s) throw new Error(`no Service ${namespace}/${name} in the lab`)
    return s
  }

  pods(prefix: string): Pod[] {
    return (this.cluster.store.list('Pod') as Pod[]).filter((p) => p.metadata.namespace === 'default' && p.metadata.name.startsWith(prefix))
  }

  nodes(): { name: string; ip: string }[] {
    return this.cluster.profile.nodes.map((n) => ({ name: n.name, ip: n.ip }))
  }

  natSave(node: string, counters = false): string {
    const ns = this.cluster.network.netns(node)
    if (!ns) throw new Error(`no node ${node}`)
    return ns.netfilter.save({ table: 'nat', counters })
  }

  natCounters(node: string): Map<string, number> {
    return parseCounters(this.natSave(node, true))
  }
}

/** a client pod pinned to a node (nodeName skips the scheduler, as on a real cluster) */
export function clientPod(node: string): string {
  return [
    'kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: Pod', 'metadata:', `  name: client-${node}`, 'spec:', `  nodeName: ${node}`,
    '  containers:', '  - name: c', '    image: curlimages/curl', '    command: ["sleep", "infinity"]', 'EOF',
  ].join('\n')
}
