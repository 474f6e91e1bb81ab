// keepalived.conf as keepalived's parser reads what tutorials write: global_defs (router_id,
// enable_script_security), vrrp_script blocks (script, interval, weight, fall, rise) and vrrp_instance blocks
// (state, interface, virtual_router_id, priority, advert_int, nopreempt, authentication, virtual_ipaddress,
// track_script). `#` and `!` start comments. Unknown keywords are kept out of the model, as keepalived warns.

export interface VrrpScript {
  name: string
  /** the command line keepalived runs (quotes removed) */
  script: string
  interval: number
  weight: number
  fall: number
  rise: number
}

export interface VirtualIp {
  /** `172.18.0.100/32` (a bare address gets /32, as keepalived adds it) */
  cidr: string
  dev?: string
  label?: string
}

export interface VrrpInstance {
  name: string
  state: 'MASTER' | 'BACKUP'
  interface: string
  virtualRouterId: number
  priority: number
  advertInt: number
  nopreempt: boolean
  authPass?: string
  vips: VirtualIp[]
  /** track_script entries: a script name, optionally with its own weight */
  trackScripts: { name: string; weight?: number }[]
}

export interface KeepalivedConfig {
  routerId?: string
  scriptSecurity: boolean
  scripts: VrrpScript[]
  instances: VrrpInstance[]
  /** what keepalived logs about the file (unknown keywords, bad values) */
  warnings: string[]
}

type Token = string

function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const raw of text.split('\n')) {
    let line = ''
    let quoted = false
    for (const ch of raw) {
      if (ch === '"') quoted = !quoted
      if (!quoted && (ch === '#' || ch === '!')) break
      line += ch
    }
    const re = /"([^"]*)"|\{|\}|[^\s{}"]+/g
    let m: RegExpExecArray | null
    while ((m = re.exec(line))) out.push(m[1] !== undefined ? `"${m[1]}` : m[0])
    out.push('\n')
  }
  return out
}

interface Block { key: string; args: string[]; children: Block[] }

/** statements (`key args...`) and nested `{ ... }` blocks */
function parseBlocks(tokens: Token[]): Block[] {
  let i = 0
  const level = (): Block[] => {
    const out: Block[] = []
    let cur: Block | undefined
    while (i < tokens.length) {
      const t = tokens[i++]
      if (t === '}') return out
      if (t === '\n') { cur = undefined; continue }
      if (t === '{') {
        const children = level()
        if (cur) cur.children = children
        else out.push({ key: '', args: [], children })
        cur = undefined
        continue
      }
      if (!cur) out.push((cur = { key: t, args: [], children: [] }))
      else cur.args.push(t)
    }
    return out
  }
  return level()
}

const unquote = (s: string) => (s.startsWith('"') ? s.slice(1) : s)
const num = (s: string | undefined, d: number) => (s !== undefined && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : d)

function vipOf(b: Block): VirtualIp {
  const addr = b.key.includes('/') ? b.key : `${b.key}/32`
  const v: VirtualIp = { cidr: addr }
  for (let i = 0; i < b.args.length; i++) {
    if (b.args[i] === 'dev') v.dev = b.args[++i]
    else if (b.args[i] === 'label') v.label = b.args[++i]
  }
  return v
}

export function parseKeepalivedConf(text: string): KeepalivedConfig {
  const cfg: KeepalivedConfig = { scriptSecurity: false, scripts: [], instances: [], warnings: [] }
  for (const b of parseBlocks(tokenize(text))) {
    if (b.key === 'global_defs') {
      for (const c of b.children) {
        if (c.key === 'router_id') cfg.routerId = c.args[0]
        else if (c.key === 'enable_script_security') cfg.scriptSecurity = true
      }
    } else if (b.key === 'vrrp_script') {
      const s: VrrpScript = { name: b.args[0] ?? '', script: '', interval: 1, weight: 0, fall: 1, rise: 1 }
      for (const c of b.children) {
        if (c.key === 'script') s.script = [c.args[0], ...c.args.slice(1)].filter((x) => x !== undefined).map(unquote).join(' ')
        else if (c.key === 'interval') s.interval = num(c.args[0], 1)
        else if (c.key === 'weight') s.weight = num(c.args[0], 0)
        else if (c.key === 'fall') s.fall = num(c.args[0], 1)
        else if (c.key === 'rise') s.rise = num(c.args[0], 1)
      }
      cfg.scripts.push(s)
    } else if (b.key === 'vrrp_instance') {
      const v: VrrpInstance = { name: b.args[0] ?? '', state: 'BACKUP', interface: '', virtualRouterId: 0, priority: 100, advertInt: 1, nopreempt: false, vips: [], trackScripts: [] }
      for (const c of b.children) {
        switch (c.key) {
          case 'state': v.state = c.args[0] === 'MASTER' ? 'MASTER' : 'BACKUP'; break
          case 'interface': v.interface = c.args[0] ?? ''; break
          case 'virtual_router_id': v.virtualRouterId = num(c.args[0], 0); break
          case 'priority': v.priority = num(c.args[0], 100); break
          case 'advert_int': v.advertInt = num(c.args[0], 1); break
          case 'nopreempt': v.nopreempt = true; break
          case 'authentication':
            for (const a of c.children) if (a.key === 'auth_pass') v.authPass = a.args[0]
            break
          case 'virtual_ipaddress':
            for (const a of c.children) v.vips.push(vipOf(a))
            break
          case 'track_script':
            for (const a of c.children) {
              const w = a.args.indexOf('weight')
              v.trackScripts.push({ name: a.key, ...(w >= 0 ? { weight: num(a.args[w + 1], 0) } : {}) })
            }
            break
        }
      }
      if (v.state === 'MASTER' && v.nopreempt) cfg.warnings.push(`(${v.name}) Warning - nopreempt will not work with initial state MASTER - clearing`)
      if (v.state === 'MASTER') v.nopreempt = false
      cfg.instances.push(v)
    }
  }
  return cfg
}
