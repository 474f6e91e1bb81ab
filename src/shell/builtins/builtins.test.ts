// Exact outputs of each builtin, checked against GNU coreutils 9 / bash 5.2 in a UTF-8 locale.
import { describe, it, expect, vi } from 'vitest'

vi.mock('../kubectl/index.ts', () => ({ kubectl: () => ({ stdout: '', stderr: '', exitCode: 0 }) }))

import { out, run, testShell } from '../test-helpers.ts'
import type { LabShell } from '../shell.ts'

function withFiles(): LabShell {
  const sh = testShell()
  sh.fs.write('/root/t', 'a\nb\nfoo\nb\nc\nd\nfoo\ne\n')
  sh.fs.write('/root/f', 'a b\nc\n')
  return sh
}

describe('echo', () => {
  it('handles -n, -e, -E and plain text', () => {
    const sh = testShell()
    expect(out(sh, 'echo hello   world')).toBe('hello world\n')
    expect(out(sh, 'echo -n hi')).toBe('hi')
    expect(out(sh, 'echo -e "a\\tb\\x41"')).toBe('a\tbA\n')
    expect(out(sh, 'echo "a\\tb"')).toBe('a\\tb\n')
    expect(out(sh, 'echo -ne "x\\n"')).toBe('x\n')
    expect(out(sh, 'echo -e "stop\\cnot"')).toBe('stop')
    expect(out(sh, 'echo -x')).toBe('-x\n')
    expect(out(sh, 'echo')).toBe('\n')
  })
})

describe('cat, ls, mkdir, rm, touch, cp, mv', () => {
  it('cat: files, stdin, -n and errors', () => {
    const sh = withFiles()
    expect(out(sh, 'cat f')).toBe('a b\nc\n')
    expect(out(sh, 'echo hi | cat - f')).toBe('hi\na b\nc\n')
    expect(out(sh, 'cat -n f')).toBe('     1\ta b\n     2\tc\n')
    expect(run(sh, 'cat f nope')).toMatchObject({ stdout: 'a b\nc\n', stderr: 'cat: nope: No such file or directory\n', exitCode: 1 })
    expect(run(sh, 'cat /tmp').stderr).toBe('cat: /tmp: Is a directory\n')
  })

  it('ls: columns on the terminal, one per line in a pipe, -l, -a, errors', () => {
    const sh = testShell()
    run(sh, 'mkdir sub && touch sub/x b.yaml a.yaml .hidden')
    expect(out(sh, 'ls')).toBe('a.yaml  b.yaml  sub\n')
    expect(out(sh, 'ls | cat')).toBe('a.yaml\nb.yaml\nsub\n')
    expect(out(sh, 'ls -1')).toBe('a.yaml\nb.yaml\nsub\n')
    expect(out(sh, 'ls -a')).toBe('.  ..  .hidden  a.yaml  b.yaml  sub\n')
    expect(out(sh, 'ls -A')).toBe('.hidden  a.yaml  b.yaml  sub\n')
    sh.fs.write('a.yaml', 'x'.repeat(5000))
    expect(out(sh, 'ls -l')).toBe(
      'total 12\n' +
        '-rw-r--r-- 1 root root 5000 Jan  1 00:00 a.yaml\n' +
        '-rw-r--r-- 1 root root    0 Jan  1 00:00 b.yaml\n' +
        'drwxr-xr-x 2 root root 4096 Jan  1 00:00 sub\n',
    )
    expect(out(sh, 'ls b.yaml sub')).toBe('b.yaml\n\nsub:\nx\n')
    expect(run(sh, 'ls nope')).toMatchObject({ stdout: '', stderr: "ls: cannot access 'nope': No such file or directory\n", exitCode: 2 })
  })

  it('ls fills columns top to bottom within 80 characters', () => {
    const sh = testShell()
    for (let i = 0; i < 12; i++) run(sh, `touch deployment-number-${String(i).padStart(2, '0')}.yaml`)
    expect(out(sh, 'ls')).toBe(
      'deployment-number-00.yaml  deployment-number-04.yaml  deployment-number-08.yaml\n' +
        'deployment-number-01.yaml  deployment-number-05.yaml  deployment-number-09.yaml\n' +
        'deployment-number-02.yaml  deployment-number-06.yaml  deployment-number-10.yaml\n' +
        'deployment-number-03.yaml  deployment-number-07.yaml  deployment-number-11.yaml\n',
    )
  })

  it('mkdir with and without -p', () => {
    const sh = testShell()
    expect(run(sh, 'mkdir a/b').stderr).toBe('mkdir: cannot create directory ‘a/b’: No such file or directory\n')
    expect(run(sh, 'mkdir -p a/b/c').exitCode).toBe(0)
    expect(sh.fs.isDir('/root/a/b/c')).toBe(true)
    expect(run(sh, 'mkdir a')).toMatchObject({ stderr: 'mkdir: cannot create directory ‘a’: File exists\n', exitCode: 1 })
    expect(run(sh, 'mkdir -p a').exitCode).toBe(0)
    expect(run(sh, 'mkdir')).toMatchObject({ stderr: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", exitCode: 1 })
    run(sh, 'touch f')
    expect(run(sh, 'mkdir -p f/x').stderr).toBe('mkdir: cannot create directory ‘f’: Not a directory\n')
  })

  it('rm with -f and -r', () => {
    const sh = testShell()
    run(sh, 'mkdir d; touch d/x f')
    expect(run(sh, 'rm nope')).toMatchObject({ stderr: "rm: cannot remove 'nope': No such file or directory\n", exitCode: 1 })
    expect(run(sh, 'rm -f nope')).toMatchObject({ stderr: '', exitCode: 0 })
    expect(run(sh, 'rm d').stderr).toBe("rm: cannot remove 'd': Is a directory\n")
    expect(run(sh, 'rm -rf d f').exitCode).toBe(0)
    expect(sh.fs.exists('d') || sh.fs.exists('f')).toBe(false)
    expect(run(sh, 'rm').stderr).toBe("rm: missing operand\nTry 'rm --help' for more information.\n")
  })

  it('touch, cp and mv', () => {
    const sh = testShell()
    expect(run(sh, 'touch /nope/x').stderr).toBe("touch: cannot touch '/nope/x': No such file or directory\n")
    run(sh, 'echo data > a; mkdir d')
    run(sh, 'cp a b; cp a d/; mv b c')
    expect([sh.fs.read('b'), sh.fs.read('c'), sh.fs.read('d/a')]).toEqual([undefined, 'data\n', 'data\n'])
    expect(run(sh, 'cp nope x').stderr).toBe("cp: cannot stat 'nope': No such file or directory\n")
    expect(run(sh, 'cp d e').stderr).toBe("cp: -r not specified; omitting directory 'd'\n")
    expect(run(sh, 'cp -r d e').exitCode).toBe(0)
    expect(sh.fs.read('e/a')).toBe('data\n')
    expect(run(sh, 'mv a').stderr).toBe("mv: missing destination file operand after 'a'\nTry 'mv --help' for more information.\n")
    expect(run(sh, 'cp a c h').stderr).toBe("cp: target 'h': No such file or directory\n")
  })

  it('pwd and cd', () => {
    const sh = testShell()
    expect(out(sh, 'pwd')).toBe('/root\n')
    expect(run(sh, 'cd nope')).toMatchObject({ stderr: 'bash: cd: nope: No such file or directory\n', exitCode: 1 })
    expect(run(sh, 'cd a b').stderr).toBe('bash: cd: too many arguments\n')
    expect(out(sh, 'cd /tmp; pwd; cd -; cd ..; pwd')).toBe('/tmp\n/root\n/\n')
  })
})

describe('text filters', () => {
  it('grep options', () => {
    const sh = withFiles()
    expect(out(sh, 'grep foo t')).toBe('foo\nfoo\n')
    expect(out(sh, 'grep -c foo t')).toBe('2\n')
    expect(out(sh, 'grep -n foo t')).toBe('3:foo\n7:foo\n')
    expect(out(sh, 'grep -v -c foo t')).toBe('6\n')
    expect(out(sh, 'grep -i FOO t | head -1')).toBe('foo\n')
    expect(out(sh, 'grep -o "o*" t')).toBe('oo\noo\n')
    expect(out(sh, 'grep -E "^(a|e)$" t')).toBe('a\ne\n')
    expect(out(sh, 'grep "^\\(a\\|e\\)$" t')).toBe('a\ne\n')
    expect(out(sh, 'echo "my-app app" | grep -ow app')).toBe('app\napp\n')
    expect(out(sh, 'grep -A1 foo t')).toBe('foo\nb\n--\nfoo\ne\n')
    expect(out(sh, 'grep -B1 -n foo t')).toBe('2-b\n3:foo\n--\n6-d\n7:foo\n')
    expect(out(sh, 'grep -c foo t f')).toBe('t:2\nf:0\n')
    expect(run(sh, 'grep zzz t').exitCode).toBe(1)
    expect(run(sh, 'grep x nope')).toMatchObject({ stderr: 'grep: nope: No such file or directory\n', exitCode: 2 })
    expect(run(sh, 'grep')).toMatchObject({ stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 })
    expect(run(sh, 'grep -E "(" t')).toMatchObject({ stderr: 'grep: Unmatched ( or \\(\n', exitCode: 2 })
    expect(run(sh, 'grep -q foo t')).toMatchObject({ stdout: '', exitCode: 0 })
  })

  it('head and tail', () => {
    const sh = withFiles()
    expect(out(sh, 'head -n 2 t')).toBe('a\nb\n')
    expect(out(sh, 'head -3 t')).toBe('a\nb\nfoo\n')
    expect(out(sh, 'tail -2 t')).toBe('foo\ne\n')
    expect(out(sh, 'tail -n +7 t')).toBe('foo\ne\n')
    expect(out(sh, 'head -1 t f')).toBe('==> t <==\na\n\n==> f <==\na b\n')
    expect(run(sh, 'head nope').stderr).toBe("head: cannot open 'nope' for reading: No such file or directory\n")
    expect(run(sh, 'head -n x t').stderr).toBe('head: invalid number of lines: ‘x’\n')
  })

  it('wc widths as coreutils computes them', () => {
    const sh = withFiles()
    expect(out(sh, 'wc f')).toBe('2 3 6 f\n')
    expect(out(sh, 'wc -l f')).toBe('2 f\n')
    expect(out(sh, 'cat f | wc')).toBe('      2       3       6\n')
    expect(out(sh, 'cat f | wc -l')).toBe('2\n')
    expect(out(sh, 'wc f f')).toBe(' 2  3  6 f\n 2  3  6 f\n 4  6 12 total\n')
    expect(out(sh, 'echo -n é | wc -c')).toBe('2\n')
    expect(run(sh, 'wc nope').stderr).toBe('wc: nope: No such file or directory\n')
  })

  it('sort, uniq, tr', () => {
    const sh = testShell()
    expect(out(sh, 'echo -e "b\\na\\nb\\nC" | sort')).toBe('C\na\nb\nb\n')
    expect(out(sh, 'echo -e "b\\na\\nb" | sort -u')).toBe('a\nb\n')
    expect(out(sh, 'echo -e "10\\n9\\n100" | sort -n')).toBe('9\n10\n100\n')
    expect(out(sh, 'echo -e "10\\n9\\n100" | sort -rn')).toBe('100\n10\n9\n')
    expect(out(sh, 'echo -e "b 2\\na 10" | sort -k2 -n')).toBe('b 2\na 10\n')
    expect(out(sh, 'echo -e "a\\nb\\nb\\nc" | uniq -c')).toBe('      1 a\n      2 b\n      1 c\n')
    expect(out(sh, 'echo -e "a\\nb\\nb\\nc" | uniq -d')).toBe('b\n')
    expect(out(sh, 'echo hello | tr a-z A-Z')).toBe('HELLO\n')
    expect(out(sh, 'echo hello | tr "[:lower:]" "[:upper:]"')).toBe('HELLO\n')
    expect(out(sh, 'echo "a   b" | tr -s " "')).toBe('a b\n')
    expect(out(sh, 'echo hello | tr -d l')).toBe('heo\n')
    expect(run(sh, 'tr').stderr).toBe("tr: missing operand\nTry 'tr --help' for more information.\n")
  })

  it('sed s///, -i, -n p, d, addresses', () => {
    const sh = withFiles()
    expect(out(sh, 'echo aaa | sed s/a/b/')).toBe('baa\n')
    expect(out(sh, 'echo aaa | sed "s/a/b/g"')).toBe('bbb\n')
    expect(out(sh, 'echo "port: 80" | sed -E "s/([0-9]+)/<\\1>/"')).toBe('port: <80>\n')
    expect(out(sh, 'echo "a/b" | sed "s|/|-|"')).toBe('a-b\n')
    expect(out(sh, 'echo abc | sed "s/b/[&]/"')).toBe('a[b]c\n')
    expect(out(sh, 'sed -n "3p" t')).toBe('foo\n')
    expect(out(sh, 'sed "/foo/d" t | wc -l')).toBe('6\n')
    expect(out(sh, 'sed -n "2,3p" t')).toBe('b\nfoo\n')
    expect(out(sh, 'sed "1d;\\$d" f')).toBe('')
    sh.fs.write('/root/kube-proxy.conf', 'KUBE_PROXY_OPTS="--proxy-mode=iptables \\\n  --v=2"\n')
    expect(run(sh, "sed -i 's/--proxy-mode=iptables/--proxy-mode=ipvs/' kube-proxy.conf")).toMatchObject({ stdout: '', exitCode: 0 })
    expect(sh.fs.read('/root/kube-proxy.conf')).toBe('KUBE_PROXY_OPTS="--proxy-mode=ipvs \\\n  --v=2"\n')
    expect(run(sh, "sed 's/a/b' f")).toMatchObject({ stderr: "sed: -e expression #1, char 5: unterminated `s' command\n", exitCode: 1 })
    expect(run(sh, 'sed s/a/b/ nope')).toMatchObject({ stderr: "sed: can't read nope: No such file or directory\n", exitCode: 2 })
  })

  it('base64 over UTF-8', () => {
    const sh = testShell()
    expect(out(sh, 'echo -n admin | base64')).toBe('YWRtaW4=\n')
    expect(out(sh, 'echo héllo | base64')).toBe('aMOpbGxvCg==\n')
    expect(out(sh, 'echo YWRtaW4= | base64 -d')).toBe('admin')
    expect(out(sh, 'echo -n 密码 | base64 | base64 -d')).toBe('密码')
    expect(out(sh, `echo -n ${'a'.repeat(60)} | base64`)).toBe('YWFh'.repeat(19) + '\nYWFh'.repeat(1) + '\n')
    expect(out(sh, `echo -n ${'a'.repeat(60)} | base64 -w0`)).toBe('YWFh'.repeat(20))
    expect(run(sh, 'echo !!! | base64 -d')).toMatchObject({ stdout: '', stderr: 'base64: invalid input\n', exitCode: 1 })
  })
})

describe('system commands', () => {
  it('whoami, hostname, true/false, date, sleep', () => {
    const sh = testShell()
    expect(out(sh, 'whoami')).toBe('root\n')
    expect(out(sh, 'hostname')).toBe('controlplane\n')
    expect(run(sh, 'true').exitCode).toBe(0)
    expect(run(sh, 'false').exitCode).toBe(1)
    // each command line first advances the clock by the typing time (shell.ts TYPING_MS = 5 s): 5 lines so far
    expect(out(sh, 'date')).toBe('Thu Jan  1 00:00:25 UTC 2026\n')
    run(sh, 'sleep 90') // 30 s + 90 s
    expect(out(sh, 'date +%H:%M:%S')).toBe('00:02:05\n')
    run(sh, 'sleep 1m 0.5') // 130 s + 60.5 s
    expect(out(sh, 'date +%s')).toBe(String(Date.UTC(2026, 0, 1) / 1000 + 195) + '\n')
    expect(run(sh, 'sleep x').stderr).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n")
    expect(run(sh, 'sleep').stderr).toBe("sleep: missing operand\nTry 'sleep --help' for more information.\n")
  })

  it('export, env, printenv, unset', () => {
    const sh = testShell()
    run(sh, 'export NS=demo')
    expect(out(sh, 'printenv NS')).toBe('demo\n')
    expect(out(sh, 'export | grep NS')).toBe('declare -x NS="demo"\n')
    expect(run(sh, 'printenv NOPE')).toMatchObject({ stdout: '', exitCode: 1 })
    expect(run(sh, 'export 1a=b')).toMatchObject({ stderr: "bash: export: `1a=b': not a valid identifier\n", exitCode: 1 })
    run(sh, 'unset NS')
    expect(out(sh, 'echo "[$NS]"')).toBe('[]\n')
    expect(out(sh, 'env | grep ^HOME=')).toBe('HOME=/root\n')
  })

  it('help lists the commands', () => {
    const sh = testShell()
    const h = out(sh, 'help')
    expect(h).toContain('kubelab shell (node controlplane)')
    expect(h).toContain('kubectl')
    expect(h).toContain('ssh')
  })
})
