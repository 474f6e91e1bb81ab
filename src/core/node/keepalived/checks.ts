// What a vrrp_script's check returns on a node, for the checks HA tutorials write: `pidof nginx`, `killall -0
// nginx`, `pgrep nginx`, `ps ... | grep nginx`, `systemctl is-active nginx`, `curl -s http://localhost:80/healthz`,
// `nc -z 127.0.0.1 6443`, wrapped in `bash -c '...'` or in a script file. The answer comes from the node's real
// state: the processes its containers and daemons run (the host sees every container's processes) and the
// ports bound in its root namespace. A script the lab cannot read a check from exits 0 and is reported so.

export interface NodeProbe {
  /** process names running on the node (comm: `nginx`, `kubelet`, `haproxy` ...) */
  processes(node: string): Set<string>
  /** is something listening on TCP `port` in the node's root namespace (daemons, hostNetwork pods) */
  listens(node: string, port: number): boolean
}

export interface CheckResult {
  /** exit status */
  code: number
  /** the lab recognised no check in the script (it then behaves as a script that exits 0) */
  unknown?: boolean
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1)

/** the last word that is not an option: the process name of pidof/killall/pgrep/systemctl */
function target(words: string[]): string | undefined {
  const rest = words.slice(1).filter((w) => !w.startsWith('-') && w !== '0')
  return rest[rest.length - 1]
}

function portOfUrl(url: string): number | undefined {
  const m = /^(?:(https?):\/\/)?(?:\[[^\]]*\]|[^/:]+)(?::(\d+))?/.exec(url)
  if (!m) return undefined
  return m[2] ? Number(m[2]) : m[1] === 'https' ? 443 : 80
}

/** one simple command (no pipes): its exit status, or undefined when it is no check the lab knows */
function command(words: string[], node: string, probe: NodeProbe): number | undefined {
  const cmd = base(words[0] ?? '')
  const has = (name: string | undefined) => !!name && probe.processes(node).has(name)
  switch (cmd) {
    case 'pidof': case 'pgrep': return has(target(words)) ? 0 : 1
    case 'killall': return words.includes('-0') ? (has(target(words)) ? 0 : 1) : undefined
    case 'systemctl': return words.includes('is-active') ? (has(target(words)) ? 0 : 3) : undefined
    case 'curl': case 'wget': {
      const url = words.slice(1).find((w) => /^(https?:\/\/|localhost|127\.|\d+\.\d+\.\d+\.\d+)/.test(w))
      const port = url ? portOfUrl(url) : undefined
      return port === undefined ? undefined : probe.listens(node, port) ? 0 : cmd === 'curl' ? 7 : 4
    }
    case 'nc': {
      const nums = words.slice(1).filter((w) => /^\d+$/.test(w))
      const port = nums.length ? Number(nums[nums.length - 1]) : undefined
      return port === undefined ? undefined : probe.listens(node, port) ? 0 : 1
    }
  }
  return undefined
}

/** `ps -ef | grep nginx` (grep -v grep and wc -l around it): is the named process there */
function pipeline(line: string, node: string, probe: NodeProbe): number | undefined {
  const stages = line.split('|').map((s) => s.trim().split(/\s+/).filter(Boolean))
  if (stages.length > 1 && /^(ps|pgrep)$/.test(base(stages[0][0] ?? ''))) {
    const grep = stages.slice(1).find((w) => /grep$/.test(w[0] ?? '') && !w.includes('-v'))
    const name = grep?.slice(1).filter((w) => !w.startsWith('-')).map((w) => w.replace(/^["']|["']$/g, ''))[0]
    if (name) return [...probe.processes(node)].some((p) => name.includes(p) || p.includes(name.split(/[ :]/)[0])) ? 0 : 1
  }
  return stages.length === 1 ? command(stages[0], node, probe) : undefined
}

/**
 * Run a vrrp_script's command line on `node`. `readFile` reads the node's files (a script path). Every check the
 * lab finds must pass (exit 0); the first failing one gives the status.
 */
export function runCheck(script: string, node: string, probe: NodeProbe, readFile: (path: string) => string | undefined): CheckResult {
  let text = script.trim()
  const inner = /^(?:\S*\/)?(?:bash|sh)\s+-c\s+(['"])([\s\S]*)\1$/.exec(text)
  if (inner) text = inner[2]
  else if (text.startsWith('/') && !/\s/.test(text) && !/\/(pidof|killall|pgrep|curl|nc)$/.test(text)) {
    const body = readFile(text)
    if (body === undefined) return { code: 127 }
    text = body
  }
  let found = false
  for (const raw of text.split(/\n|;|&&|\bthen\b|\belse\b/)) {
    const line = raw.replace(/\$\((.*)\)/, '$1').replace(/["'\]]/g, '').replace(/^\s*((if|fi|while|test|\[\[?|!)\s+)+/, '').trim()
    if (!line || line.startsWith('#') || /^exit\b/.test(line)) continue
    const r = pipeline(line, node, probe)
    if (r === undefined) continue
    found = true
    if (r !== 0) return { code: r }
  }
  return found ? { code: 0 } : { code: 0, unknown: true }
}
