import { describe, it, expect } from 'vitest'
import { createCluster } from '../../core/cluster/create.ts'
import type { Service } from '../../core/api/types.ts'
import { createShell } from '../../shell/shell.ts'
import { createWorkspaceFs } from '../../shell/fs.ts'
import { exportNetns } from '../../cli/export/netns.ts'
import { SEED } from '../session/session.ts'
import { NETNS_FILENAME, netnsScript } from './netnsScript.ts'

const SETUP = ['kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80 --type=NodePort',
  'kubectl run client --image=busybox -- sleep 3600']

/** a cluster as the page makes it (seed 1, as `kubelab export netns` defaults to), set up through the shell */
function labCluster(proxyMode?: 'ipvs') {
  const cluster = createCluster({ profile: 'kubeadm', seed: SEED, ...(proxyMode ? { proxyMode } : {}) })
  const shell = createShell({ cluster, fs: createWorkspaceFs() })
  for (const line of SETUP) expect(shell.run(line)).toMatchObject({ exitCode: 0 })
  return cluster
}

describe('netnsScript', () => {
  it('is byte for byte what exportNetns writes for the same cluster', () => {
    const page = labCluster()
    const cli = labCluster()
    const got = netnsScript(page)
    expect(got.filename).toBe(NETNS_FILENAME)
    expect(got.text).toBe(exportNetns(cli))
    expect(got.text).toBe(exportNetns(page))
  })

  it('carries the Service the learner applied: its ClusterIP rule in the node rules', () => {
    const cluster = labCluster()
    const { text } = netnsScript(cluster)
    const ip = (cluster.store.get('Service', 'default', 'web') as Service).spec.clusterIP!
    expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true)
    expect(text).toMatch(new RegExp(`^-A KUBE-SERVICES -d ${ip.replace(/\./g, '\\.')}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-[A-Z0-9]{16}$`, 'm'))
  })

  it('summarises the script from its plan', () => {
    const { summary, text } = netnsScript(labCluster())
    // the header counts nodes and pods the same way
    expect(text.split('\n')[2]).toMatch(new RegExp(`^# ${summary.nodes} nodes, ${summary.pods + summary.systemPods} pods\\) rebuilt`))
    // web x2 and client; CoreDNS x2 in kube-system (the control plane's static pods share the node's namespace)
    expect(summary).toEqual({ profile: 'kubeadm', proxyMode: 'iptables', nodes: 3, pods: 3, systemPods: 2, services: 1 })
    expect(netnsScript(labCluster('ipvs')).summary.proxyMode).toBe('ipvs')
  })
})
