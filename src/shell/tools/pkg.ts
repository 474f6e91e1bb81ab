// `apt-get update|install` (Debian 12 images) and `apk add` (Alpine images), condensed but in the real tools'
// wording; an installed tool exists in that container until it restarts (images.ts keeps the package state).

import type { Command, CommandContext, CommandResult } from '../types.ts'
import { familyOf, packageState, PACKAGE_TOOLS } from './images.ts'
import { imageOf } from './access.ts'

interface Deb { version: string; kb: number; deps?: string[]; installedKb: number }

const DEB: Record<string, Deb> = {
  'iputils-ping': { version: '3:20221126-1+deb12u1', kb: 47.1, deps: ['libcap2-bin', 'libpam-cap'], installedKb: 116 },
  'libcap2-bin': { version: '1:2.66-4', kb: 34.7, installedKb: 136 },
  'libpam-cap': { version: '1:2.66-4', kb: 14.6, installedKb: 59 },
  curl: { version: '7.88.1-10+deb12u8', kb: 315, deps: ['libcurl4', 'libnghttp2-14', 'libpsl5', 'librtmp1', 'libssh2-1'], installedKb: 500 },
  libcurl4: { version: '7.88.1-10+deb12u8', kb: 391, installedKb: 977 },
  'libnghttp2-14': { version: '1.52.0-1+deb12u2', kb: 72.3, installedKb: 206 },
  libpsl5: { version: '0.21.2-1', kb: 58.7, installedKb: 94 },
  librtmp1: { version: '2.4+20151223.gitfa8646d.1-2+b2', kb: 60.8, installedKb: 144 },
  'libssh2-1': { version: '1.10.0-3+b1', kb: 179, installedKb: 374 },
  dnsutils: { version: '1:9.18.33-1~deb12u2', kb: 7.4, deps: ['bind9-dnsutils', 'bind9-host', 'bind9-libs', 'libuv1'], installedKb: 17 },
  'bind9-dnsutils': { version: '1:9.18.33-1~deb12u2', kb: 154, installedKb: 631 },
  'bind9-host': { version: '1:9.18.33-1~deb12u2', kb: 54.2, installedKb: 150 },
  'bind9-libs': { version: '1:9.18.33-1~deb12u2', kb: 1181, installedKb: 3650 },
  libuv1: { version: '1.44.2-1+deb12u1', kb: 137, installedKb: 358 },
  'net-tools': { version: '2.10-0.1', kb: 243, installedKb: 1010 },
  iproute2: { version: '6.1.0-3', kb: 1046, deps: ['libbpf1', 'libelf1', 'libmnl0', 'libxtables12'], installedKb: 3692 },
  libbpf1: { version: '1:1.1.0-1', kb: 145, installedKb: 373 },
  libelf1: { version: '0.188-2.1', kb: 174, installedKb: 382 },
  libmnl0: { version: '1.0.4-3', kb: 12.5, installedKb: 44 },
  libxtables12: { version: '1.8.9-2', kb: 30.8, installedKb: 98 },
  procps: { version: '2:4.0.2-3', kb: 709, deps: ['libproc2-0', 'libgpm2', 'libncursesw6', 'psmisc'], installedKb: 2245 },
  'libproc2-0': { version: '2:4.0.2-3', kb: 62.8, installedKb: 186 },
  libgpm2: { version: '1.20.7-10+b1', kb: 14.2, installedKb: 48 },
  libncursesw6: { version: '6.4-4', kb: 134, installedKb: 412 },
  psmisc: { version: '23.6-1', kb: 259, installedKb: 813 },
  'netcat-openbsd': { version: '1.219-1', kb: 41.1, installedKb: 110 },
}

const APT_HEAD = 'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n'
const fmtKb = (kb: number) => (kb >= 1000 ? `${(kb / 1000).toFixed(kb >= 10000 ? 0 : 1)} MB` : `${kb >= 100 ? Math.round(kb) : kb.toFixed(1)} kB`)
const wrap = (names: string[]) => '  ' + names.join(' ') + '\n'
const debFile = (name: string, d: Deb) => `${name}_${d.version.replace(/:/g, '%3a')}_amd64.deb`

function apt(ctx: CommandContext, prog: 'apt-get' | 'apt'): CommandResult {
  const state = packageState(ctx.cluster, ctx.host)
  if (!state) return { stdout: '', stderr: `${prog}: not available here\n`, exitCode: 127 }
  const warn = prog === 'apt' && !ctx.tty ? '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n' : ''
  const args = ctx.args.filter((a) => !a.startsWith('-'))
  const yes = ctx.args.some((a) => /^-[a-z]*y/.test(a) || a === '--yes' || a === '--assume-yes')
  const verb = args[0]
  if (verb === 'update') {
    state.add('apt:updated')
    return {
      stdout: 'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\nGet:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]\n' +
        'Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]\nGet:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8792 kB]\n' +
        'Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [13.5 kB]\nGet:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [246 kB]\n' +
        'Fetched 9306 kB in 1s (6988 kB/s)\nReading package lists... Done\n' + (prog === 'apt' ? 'Building dependency tree... Done\nReading state information... Done\nAll packages are up to date.\n' : ''),
      stderr: warn, exitCode: 0,
    }
  }
  if (verb !== 'install') {
    if (verb === undefined) return { stdout: '', stderr: 'E: No command given\n', exitCode: 100 }
    return { stdout: '', stderr: `E: Invalid operation ${verb}\n`, exitCode: 100 }
  }
  const wanted = args.slice(1)
  if (!wanted.length) return { stdout: APT_HEAD + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', stderr: warn, exitCode: 0 }
  const missing = wanted.filter((p) => !state.has('apt:updated') || !DEB[p])
  if (missing.length) return { stdout: APT_HEAD, stderr: warn + `E: Unable to locate package ${missing[0]}\n`, exitCode: 100 }
  let out = APT_HEAD
  const fresh = wanted.filter((p) => !state.has(p) && !(p === 'curl' && preinstalledCurl(ctx)))
  for (const p of wanted.filter((x) => !fresh.includes(x))) out += `${p} is already the newest version (${DEB[p].version}).\n`
  const extra = [...new Set(fresh.flatMap((p) => DEB[p].deps ?? []))].filter((d) => !state.has(d) && !fresh.includes(d)).sort()
  const all = [...fresh, ...extra].sort()
  if (!all.length) return { stdout: out + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', stderr: warn, exitCode: 0 }
  if (extra.length) out += 'The following additional packages will be installed:\n' + wrap(extra)
  out += 'The following NEW packages will be installed:\n' + wrap(all)
  out += `0 upgraded, ${all.length} newly installed, 0 to remove and 0 not upgraded.\n`
  const kb = all.reduce((s, p) => s + DEB[p].kb, 0)
  const installedKb = all.reduce((s, p) => s + DEB[p].installedKb, 0)
  out += `Need to get ${fmtKb(kb)} of archives.\nAfter this operation, ${fmtKb(installedKb)} of additional disk space will be used.\n`
  if (extra.length && !yes) return { stdout: out + 'Do you want to continue? [Y/n] Abort.\n', stderr: warn, exitCode: 1 }
  all.forEach((p, i) => (out += `Get:${i + 1} http://deb.debian.org/debian bookworm/main amd64 ${p} amd64 ${DEB[p].version} [${fmtKb(DEB[p].kb)}]\n`))
  const err = 'debconf: delaying package configuration, since apt-utils is not installed\n'
  out += `Fetched ${fmtKb(kb)} in 0s (${Math.round(kb * 12)} kB/s)\n`
  all.forEach((p, i) => {
    out += `Selecting previously unselected package ${p}.\n`
    if (i === 0) out += '(Reading database ... 7582 files and directories currently installed.)\n'
    out += `Preparing to unpack .../${i === 0 ? '' : `${String(i).padStart(2, '0')}-`}${debFile(p, DEB[p])} ...\nUnpacking ${p} (${DEB[p].version}) ...\n`
  })
  for (const p of [...extra, ...fresh]) out += `Setting up ${p} (${DEB[p].version}) ...\n`
  for (const p of all) state.add(p)
  return { stdout: out, stderr: warn + err, exitCode: 0 }
}

/** nginx images ship curl already */
function preinstalledCurl(ctx: CommandContext): boolean {
  return familyOf(imageOf(ctx.cluster, ctx.host)) === 'nginx'
}

export const aptGet: Command = (ctx) => apt(ctx, 'apt-get')
export const aptCmd: Command = (ctx) => apt(ctx, 'apt')

interface Apk { version: string; deps?: string[] }
const APK: Record<string, Apk> = {
  curl: { version: '8.12.1-r1', deps: ['brotli-libs', 'c-ares', 'libunistring', 'libidn2', 'nghttp2-libs', 'libpsl', 'zstd-libs', 'libcurl'] },
  'brotli-libs': { version: '1.1.0-r2' }, 'c-ares': { version: '1.34.5-r0' }, libunistring: { version: '1.2-r0' }, libidn2: { version: '2.3.7-r0' },
  'nghttp2-libs': { version: '1.64.0-r0' }, libpsl: { version: '0.21.5-r3' }, 'zstd-libs': { version: '1.5.6-r2' }, libcurl: { version: '8.12.1-r1' },
  iputils: { version: '20240905-r0', deps: ['libcap2'] }, libcap2: { version: '2.71-r0' },
  'bind-tools': { version: '9.18.35-r0', deps: ['fstrm', 'json-c', 'libuv', 'libxml2', 'bind-libs'] },
  fstrm: { version: '0.6.1-r4' }, 'json-c': { version: '0.18-r0' }, libuv: { version: '1.49.2-r0' }, libxml2: { version: '2.13.4-r5' }, 'bind-libs': { version: '9.18.35-r0' },
  iproute2: { version: '6.11.0-r0', deps: ['libelf', 'libmnl', 'iproute2-minimal', 'iproute2-tc', 'iproute2-ss'] },
  libelf: { version: '0.191-r0' }, libmnl: { version: '1.0.5-r2' }, 'iproute2-minimal': { version: '6.11.0-r0' }, 'iproute2-tc': { version: '6.11.0-r0' }, 'iproute2-ss': { version: '6.11.0-r0' },
  'netcat-openbsd': { version: '1.226.1.1-r0', deps: ['libbsd', 'libmd'] }, libbsd: { version: '0.12.2-r0' }, libmd: { version: '1.1.0-r0' },
}

export const apk: Command = (ctx) => {
  const state = packageState(ctx.cluster, ctx.host)
  if (!state) return { stdout: '', stderr: 'apk: not available here\n', exitCode: 127 }
  const [verb, ...rest] = ctx.args.filter((a) => !a.startsWith('-'))
  const fetch = 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz\n'
  if (verb === 'update') return { stdout: fetch + 'v3.21.3-137-g5a9ba8e25cf [https://dl-cdn.alpinelinux.org/alpine/v3.21/main]\nv3.21.3-136-g1e1e1c6a2f7 [https://dl-cdn.alpinelinux.org/alpine/v3.21/community]\nOK: 25396 distinct packages available\n', stderr: '', exitCode: 0 }
  if (verb !== 'add') return { stdout: '', stderr: `apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n`, exitCode: 1 }
  const unknown = rest.filter((p) => !APK[p])
  if (unknown.length) {
    return { stdout: fetch, stderr: 'ERROR: unable to select packages:\n' + unknown.map((p) => `  ${p} (no such package):\n    required by: world[${p}]\n`).join(''), exitCode: 1 }
  }
  const fresh = rest.filter((p) => !state.has(p))
  const all = [...new Set(fresh.flatMap((p) => [...(APK[p].deps ?? []), p]))].filter((p) => !state.has(p))
  let out = fetch
  all.forEach((p, i) => (out += `(${i + 1}/${all.length}) Installing ${p} (${APK[p].version})\n`))
  if (all.length) out += 'Executing busybox-1.37.0-r12.trigger\n'
  for (const p of all) state.add(p)
  out += `OK: ${12 + all.length} MiB in ${15 + state.size} packages\n`
  return { stdout: out, stderr: '', exitCode: 0 }
}

/** Package names that make a tool appear (for the README and tests). */
export const INSTALLABLE = Object.keys(PACKAGE_TOOLS)
