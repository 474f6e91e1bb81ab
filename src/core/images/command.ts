// A tiny interpreter for the shell commands tutorials give busybox/alpine containers
// (`sleep 3600`, `sh -c 'echo hi; exit 1'`, `while true; do echo x; sleep 5; done`, `cat /etc/cfg/x`, `env`):
// how long the container runs, its exit code and what it prints. Not a shell: anything else is `not found`.

export interface RunPlan {
  /** runs until killed */
  forever: boolean
  /** seconds until it exits on its own (when not forever) */
  seconds: number
  exitCode: number
  /** output printed once at start (before any loop) */
  output: string[]
  /** a `while true` body: lines printed each iteration, and the iteration's sleep */
  loop?: { lines: (n: number) => string[]; period: number }
  /** PID 1 is a shell or sleep without a SIGTERM handler: killed only after the grace period */
  ignoresSigterm: boolean
}

export interface RunEnv {
  env: Record<string, string>
  readFile(path: string): string | undefined
  hostname: string
  /** wall-clock text for `date` at a given offset in seconds from start */
  date(offsetSeconds: number): string
}

export function tokenize(s: string): string[] {
  const out: string[] = []
  let cur = '', quote = '', has = false
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quote) {
      if (ch === quote) quote = ''
      else cur += ch
    } else if (ch === "'" || ch === '"') { quote = ch; has = true }
    else if (ch === ' ' || ch === '\t') { if (cur || has) out.push(cur); cur = ''; has = false }
    else cur += ch
  }
  if (cur || has) out.push(cur)
  return out
}

/** Split a script into statements on newlines, `;`, `&&` and `||` outside quotes. */
export function statements(script: string): string[] {
  const out: string[] = []
  let cur = '', quote = ''
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]
    if (quote) { cur += ch; if (ch === quote) quote = ''; continue }
    if (ch === "'" || ch === '"') { quote = ch; cur += ch; continue }
    if (ch === '\n' || ch === ';') { out.push(cur); cur = ''; continue }
    if ((ch === '&' || ch === '|') && script[i + 1] === ch) { out.push(cur); cur = ''; i++; continue }
    cur += ch
  }
  out.push(cur)
  return out.map((x) => x.trim()).filter((x) => x.length > 0)
}

function expand(word: string, env: Record<string, string>): string {
  return word.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => env[a ?? b] ?? '')
}

function seconds(arg: string | undefined): number {
  if (!arg) return 0
  if (arg === 'infinity') return Infinity
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg)
  if (!m) return 0
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]]
}

interface StepResult { lines: string[]; sleep: number; exit?: number; forever?: boolean; failed?: boolean }

function step(stmt: string, e: RunEnv, at: number): StepResult {
  const argv = tokenize(stmt).map((w) => expand(w, e.env))
  const [cmd, ...args] = argv
  const name = cmd?.split('/').pop() ?? ''
  switch (name) {
    case '': case 'true': case ':': case 'set': case 'export': case 'trap': return { lines: [], sleep: 0 }
    case 'false': return { lines: [], sleep: 0, failed: true }
    case 'echo': {
      const words = args[0] === '-n' || args[0] === '-e' ? args.slice(1) : args
      return { lines: [words.join(' ')], sleep: 0 }
    }
    case 'printf': return { lines: [(args[0] ?? '').replace(/\\n$/, '').replace(/%s/g, () => args[1] ?? '')], sleep: 0 }
    case 'sleep': {
      const s = seconds(args[0])
      return s === Infinity ? { lines: [], sleep: 0, forever: true } : { lines: [], sleep: s }
    }
    case 'exit': return { lines: [], sleep: 0, exit: Number(args[0] ?? 0) || 0 }
    case 'date': return { lines: [e.date(at)], sleep: 0 }
    case 'hostname': return { lines: [e.hostname], sleep: 0 }
    case 'env': case 'printenv':
      if (args.length) return { lines: args.map((k) => e.env[k]).filter((v): v is string => v !== undefined), sleep: 0 }
      return { lines: Object.entries(e.env).map(([k, v]) => `${k}=${v}`), sleep: 0 }
    case 'cat': {
      const lines: string[] = []
      for (const f of args) {
        const text = e.readFile(f)
        if (text === undefined) return { lines: [...lines, `cat: can't open '${f}': No such file or directory`], sleep: 0, failed: true }
        lines.push(...text.replace(/\n$/, '').split('\n'))
      }
      return { lines, sleep: 0 }
    }
    case 'tail': return args.includes('-f') ? { lines: [], sleep: 0, forever: true } : { lines: [], sleep: 0 }
    case 'httpd': case 'nc': case 'top': case 'watch': case 'socat': case 'python3': case 'python':
      return { lines: [], sleep: 0, forever: true }
    case 'ls': case 'mkdir': case 'touch': case 'cp': case 'mv': case 'rm': case 'ln': case 'chmod': case 'cd':
    case 'curl': case 'wget': case 'nslookup': case 'ping': case 'dig':
      return { lines: [], sleep: 0 }
    default: return { lines: [`sh: ${cmd}: not found`], sleep: 0, exit: 127 }
  }
}

/** The plan for a shell-image container given its effective argv (entrypoint/command + args). */
export function planCommand(argv: string[], e: RunEnv): RunPlan {
  let script: string
  const base = argv[0]?.split('/').pop() ?? ''
  let shellPid1 = false
  if ((base === 'sh' || base === 'bash' || base === 'ash') && argv[1] === '-c') { script = argv[2] ?? ''; shellPid1 = true }
  else if (base === 'sh' || base === 'bash' || base === 'ash') script = ''
  else script = argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')
  const plan: RunPlan = { forever: false, seconds: 0, exitCode: 0, output: [], ignoresSigterm: true }
  const stmts = statements(script)
  let t = 0
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]
    const loop = /^while\s+(true|:|\[\s*1\s*\])\s*$/.exec(s) ?? /^while\s+(true|:)\s*(do\s+.*)?$/.exec(s)
    if (loop || /^while\s+sleep\b/.test(s)) {
      // collect the body up to `done`
      const body: string[] = []
      let j = i + 1
      const rest = /\bdo\s+(.*)$/.exec(s)?.[1]
      if (rest) body.push(rest)
      for (; j < stmts.length && stmts[j] !== 'done'; j++) body.push(stmts[j].replace(/^do\s+/, ''))
      const period = body.reduce((acc, b) => acc + (/^sleep\b/.test(b) ? seconds(tokenize(b)[1]) : 0), 0) || 1
      const start = t
      plan.loop = {
        period,
        lines: (n) => {
          const out: string[] = []
          for (const b of body) if (!/^sleep\b/.test(b)) out.push(...step(b, e, start + n * period).lines)
          return out
        },
      }
      plan.forever = true
      plan.seconds = t
      return plan
    }
    const r = step(s, e, t)
    plan.output.push(...r.lines)
    t += r.sleep
    if (r.forever) { plan.forever = true; plan.seconds = t; return plan }
    if (r.exit !== undefined) { plan.exitCode = r.exit; plan.seconds = t; return plan }
    if (r.failed) plan.exitCode = 1
    else plan.exitCode = 0
  }
  plan.seconds = t
  plan.ignoresSigterm = shellPid1 || base === 'sleep' || base === 'tail'
  return plan
}
