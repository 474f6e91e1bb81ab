// The shell end to end: line feeding, heredocs, pipes, redirections, exit codes, host contexts, prompts, crash safety.
import { describe, it, expect, vi, beforeEach } from 'vitest'
import type { CommandContext, CommandResult } from './types.ts'

const kube = vi.hoisted(() => ({
  calls: [] as { args: string[]; stdin: string }[],
  impl: undefined as undefined | ((ctx: CommandContext) => CommandResult),
}))
vi.mock('./kubectl/index.ts', () => ({
  kubectl: (ctx: CommandContext) => {
    kube.calls.push({ args: ctx.args, stdin: ctx.stdin })
    return kube.impl ? kube.impl(ctx) : { stdout: `kubectl ${ctx.args.join(' ')}\n`, stderr: '', exitCode: 0 }
  },
}))

import { enterPodShell } from './shell.ts'
import { out, run, testShell } from './test-helpers.ts'

beforeEach(() => {
  kube.calls.length = 0
  kube.impl = undefined
})

describe('line feeding and heredocs', () => {
  it('writes a file with cat > file <<EOF, expanding variables', () => {
    const sh = testShell()
    expect(sh.run('cat > web.yaml <<EOF')).toEqual({ done: false })
    expect(sh.prompt()).toBe('> ')
    expect(sh.run('home: $HOME')).toEqual({ done: false })
    const r = run(sh, 'EOF')
    expect(r.command).toBe('cat > web.yaml <<EOF\nhome: $HOME\nEOF')
    expect(r.stdout).toBe('')
    expect(r.exitCode).toBe(0)
    expect(sh.fs.read('/root/web.yaml')).toBe('home: /root\n')
    expect(sh.prompt()).toBe('root@controlplane:~# ')
  })

  it("keeps the body literal with <<'EOF' and strips tabs with <<-EOF", () => {
    const sh = testShell()
    expect(out(sh, "cat <<'EOF'", 'a $HOME `x` \\n', 'EOF')).toBe('a $HOME `x` \\n\n')
    expect(out(sh, 'cat <<-END', '\t\tindented', '\tEND')).toBe('indented\n')
    expect(out(sh, 'cat <<"EOF"', '$HOME', 'EOF')).toBe('$HOME\n')
    expect(out(sh, 'cat <<EOF', 'cost: \\$5 at $HOME', 'EOF')).toBe('cost: $5 at /root\n')
  })

  it('feeds a heredoc to kubectl apply -f - as stdin', () => {
    const sh = testShell()
    const r = run(sh, 'kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: Service', 'EOF')
    expect(kube.calls).toEqual([{ args: ['apply', '-f', '-'], stdin: 'apiVersion: v1\nkind: Service\n' }])
    expect(r.stdout).toBe('kubectl apply -f -\n')
  })

  it('pipes a heredoc: cat <<EOF | kubectl apply -f -', () => {
    const sh = testShell()
    run(sh, 'cat <<EOF | kubectl apply -f -', 'kind: Pod', 'EOF')
    expect(kube.calls[0].stdin).toBe('kind: Pod\n')
  })

  it('continues after a trailing backslash, an open quote, | and &&', () => {
    const sh = testShell()
    expect(sh.run('echo one \\')).toEqual({ done: false })
    expect(run(sh, 'two').stdout).toBe('one two\n')
    expect(out(sh, "echo 'a", "b'")).toBe('a\nb\n')
    expect(out(sh, 'echo x |', 'wc -l')).toBe('1\n')
    expect(out(sh, 'true &&', 'echo yes')).toBe('yes\n')
  })

  it('cancel() drops a half-entered heredoc', () => {
    const sh = testShell()
    sh.run('cat <<EOF')
    sh.cancel()
    expect(sh.prompt()).toBe('root@controlplane:~# ')
    expect(out(sh, 'echo ok')).toBe('ok\n')
  })

  it('eof() runs an unclosed heredoc with bash warning', () => {
    const sh = testShell()
    sh.run('cat <<EOF')
    sh.run('body')
    const r = sh.eof()
    expect(r).toMatchObject({ done: true, stdout: 'body\n', stderr: "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n" })
  })
})

describe('lists, pipes and redirections', () => {
  it('runs ; && || with exit codes and $?', () => {
    const sh = testShell()
    expect(out(sh, 'false; echo $?')).toBe('1\n')
    expect(out(sh, 'false && echo no || echo yes')).toBe('yes\n')
    expect(run(sh, 'nosuch; echo $?')).toMatchObject({ stdout: '127\n', stderr: 'bash: nosuch: command not found\n' })
    expect(run(sh, 'nosuch').exitCode).toBe(127)
    expect(run(sh, '! true').exitCode).toBe(1)
  })

  it('pipes stdout only; stderr goes to the terminal', () => {
    const sh = testShell()
    const r = run(sh, 'cat nope | wc -l')
    expect(r.stdout).toBe('0\n')
    expect(r.stderr).toBe('cat: nope: No such file or directory\n')
    expect(r.exitCode).toBe(0)
    expect(run(sh, 'cat nope 2>&1 | wc -l').stdout).toBe('1\n')
    expect(run(sh, 'cat nope 2>/dev/null')).toMatchObject({ stdout: '', stderr: '', exitCode: 1 })
  })

  it('redirects > >> < and orders 2>&1 like bash', () => {
    const sh = testShell()
    run(sh, 'echo one > f; echo two >> f')
    expect(sh.fs.read('f')).toBe('one\ntwo\n')
    expect(out(sh, 'wc -l < f')).toBe('2\n')
    run(sh, 'cat f nope > all 2>&1')
    expect(sh.fs.read('all')).toBe('one\ntwo\ncat: nope: No such file or directory\n')
    const r = run(sh, 'cat nope 2>&1 > only-out')
    expect(r.stdout).toBe('cat: nope: No such file or directory\n')
    expect(sh.fs.read('only-out')).toBe('')
    expect(run(sh, 'echo x &> both').stdout).toBe('')
    expect(sh.fs.read('both')).toBe('x\n')
  })

  it('reports redirection errors in bash wording', () => {
    const sh = testShell()
    expect(run(sh, 'cat < nope')).toMatchObject({ stderr: 'bash: nope: No such file or directory\n', exitCode: 1 })
    expect(run(sh, 'echo hi > /tmp')).toMatchObject({ stderr: 'bash: /tmp: Is a directory\n', exitCode: 1 })
    expect(run(sh, 'echo hi > /nope/x')).toMatchObject({ stderr: 'bash: /nope/x: No such file or directory\n', exitCode: 1 })
  })

  it('prints syntax errors with exit code 2', () => {
    const sh = testShell()
    expect(run(sh, '| x')).toMatchObject({ stderr: "bash: syntax error near unexpected token `|'\n", exitCode: 2 })
    expect(run(sh, 'echo >').stderr).toBe("bash: syntax error near unexpected token `newline'\n")
    expect(run(sh, 'echo a ;;').stderr).toBe("bash: syntax error near unexpected token `;;'\n")
    expect(run(sh, 'echo $?').stdout).toBe('2\n')
  })

  it('expands variables, quotes, $(...), braces, ~ and globs', () => {
    const sh = testShell()
    run(sh, 'NAME=web; export PORT=8080')
    expect(out(sh, 'echo "$NAME:${PORT}" \'$NAME\' \\$NAME')).toBe('web:8080 $NAME $NAME\n')
    expect(out(sh, 'echo $(echo a b) "$(echo c)"')).toBe('a b c\n')
    expect(out(sh, 'echo {1..3} x{a,b}')).toBe('1 2 3 xa xb\n')
    expect(out(sh, 'echo ~ ~/x "~"')).toBe('/root /root/x ~\n')
    run(sh, 'touch b.yaml a.yaml c.txt')
    expect(out(sh, 'echo *.yaml "*.yaml" *.none')).toBe('a.yaml b.yaml *.yaml *.none\n')
    expect(out(sh, 'env | grep PORT')).toBe('PORT=8080\n')
    expect(out(sh, 'env | grep ^NAME=')).toBe('')
    expect(out(sh, 'for i in 1 2; do echo n$i; done')).toBe('n1\nn2\n')
    expect(out(sh, 'echo a # comment')).toBe('a\n')
    expect(out(sh, 'X=1 printenv X')).toBe('1\n')
  })

  it('expands aliases (alias k=kubectl)', () => {
    const sh = testShell()
    run(sh, 'alias k=kubectl')
    expect(out(sh, 'k get svc')).toBe('kubectl get svc\n')
    expect(out(sh, 'alias')).toBe("alias k='kubectl'\n")
  })
})

describe('never crashes', () => {
  it('turns a throwing command into a marked internal error', () => {
    kube.impl = () => {
      throw new Error('boom')
    }
    const sh = testShell()
    const r = run(sh, 'kubectl get pods; echo after')
    expect(r.stderr).toBe('kubelab: internal error in "kubectl": boom (a bug in the lab, not in your command)\n')
    expect(r.stdout).toBe('after\n')
  })
})

describe('history, clear, effects', () => {
  it('numbers history like bash and includes heredoc bodies', () => {
    const sh = testShell()
    run(sh, 'echo a')
    run(sh, 'cat <<EOF', 'x', 'EOF')
    expect(out(sh, 'history')).toBe('    1  echo a\n    2  cat <<EOF\nx\nEOF\n    3  history\n')
    expect(sh.history).toHaveLength(3)
    expect(out(sh, 'history 1')).toBe('    4  history 1\n')
  })

  it('clear emits the clear effect', () => {
    const sh = testShell()
    expect(run(sh, 'clear').effects).toEqual([{ kind: 'clear' }])
  })
})

describe('prompts and host contexts', () => {
  it('uses the Debian prompt for kubeadm and CentOS prompt for binary', () => {
    const k = testShell('kubeadm')
    expect(k.prompt()).toBe('root@controlplane:~# ')
    run(k, 'mkdir -p /etc/kubernetes && cd /etc/kubernetes')
    expect(k.prompt()).toBe('root@controlplane:/etc/kubernetes# ')
    const b = testShell('binary')
    expect(b.prompt()).toBe('[root@k8s-master01 ~]# ')
    run(b, 'mkdir -p /opt/kubernetes/cfg && cd /opt/kubernetes/cfg')
    expect(b.prompt()).toBe('[root@k8s-master01 cfg]# ')
    run(b, 'cd /')
    expect(b.prompt()).toBe('[root@k8s-master01 /]# ')
  })

  it('ssh to a node by name or IP, exit back', () => {
    const sh = testShell()
    expect(run(sh, 'ssh node01')).toMatchObject({ stdout: '', exitCode: 0 })
    expect(sh.prompt()).toBe('root@node01:~# ')
    expect(out(sh, 'hostname')).toBe('node01\n')
    expect(run(sh, 'kubectl get pods').stderr).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n')
    expect(run(sh, 'exit')).toMatchObject({ stdout: 'logout\n', stderr: 'Connection to node01 closed.\n', exitCode: 1 })
    expect(sh.prompt()).toBe('root@controlplane:~# ')
    run(sh, 'ssh root@172.18.0.4')
    expect(sh.prompt()).toBe('root@node02:~# ')
    run(sh, 'exit 0')
    expect(run(sh, 'ssh nope')).toMatchObject({ stderr: 'ssh: Could not resolve hostname nope: Name or service not known\n', exitCode: 255 })
    expect(out(sh, 'ssh node02 hostname')).toBe('node02\n')
    expect(sh.prompt()).toBe('root@controlplane:~# ')
  })

  it('keeps files per node: the workspace is the control plane', () => {
    const sh = testShell()
    run(sh, 'echo cp > here.txt')
    run(sh, 'ssh node01')
    expect(run(sh, 'cat here.txt').stderr).toBe('cat: here.txt: No such file or directory\n')
    run(sh, 'exit')
    expect(out(sh, 'cat here.txt')).toBe('cp\n')
  })

  it('exit at top level explains there is nowhere to go', () => {
    const sh = testShell()
    const r = run(sh, 'exit')
    expect(r.stderr).toContain("kubelab: this is the lab's top-level shell")
    expect(sh.prompt()).toBe('root@controlplane:~# ')
  })

  it('enterPodShell pushes a pod context with the image-specific prompt', () => {
    const sh = testShell()
    sh.cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bb', namespace: 'default' }, spec: { containers: [{ name: 'bb', image: 'busybox:1.28' }] } } as never, { cause: 'test' })
    sh.cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } as never, { cause: 'test' })
    kube.impl = (ctx) => enterPodShell(ctx, { namespace: 'default', pod: ctx.args[2], container: '', command: ctx.args[4] })
    run(sh, 'kubectl exec -it bb -- sh')
    expect(sh.prompt()).toBe('/ # ')
    expect(run(sh, 'nosuch')).toMatchObject({ stderr: 'sh: nosuch: not found\n', exitCode: 127 })
    expect(run(sh, 'kubectl get pods').stderr).toBe('sh: kubectl: not found\n')
    expect(out(sh, 'hostname')).toBe('bb\n')
    expect(run(sh, 'exit 3')).toMatchObject({ stderr: 'command terminated with exit code 3\n', exitCode: 3 })
    expect(sh.prompt()).toBe('root@controlplane:~# ')
    // containerd's error for a program the image lacks; kubectl exits 1 and nothing ran
    const noBash = run(sh, 'kubectl exec -it bb -- bash')
    expect(noBash.exitCode).toBe(1)
    expect(noBash.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/)
    run(sh, 'kubectl exec -it web -- bash')
    expect(sh.prompt()).toBe('root@web:/# ')
    // an interactive bash that is not a login shell says `exit` as it leaves
    expect(run(sh, 'exit')).toMatchObject({ stderr: 'exit\n', exitCode: 0 })
    run(sh, 'kubectl exec -it web -- /bin/sh')
    expect(sh.prompt()).toBe('# ')
    expect(run(sh, 'nosuch').stderr).toBe('sh: 1: nosuch: not found\n')
    expect(run(sh, 'nosuch').stderr).toBe('sh: 2: nosuch: not found\n')
  })

  it('runIn runs an argv or a line in a pod without entering it; cd in a pod changes its prompt', () => {
    const sh = testShell()
    sh.cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bb', namespace: 'default' }, spec: { containers: [{ name: 'bb', image: 'busybox' }] } } as never, { cause: 'test' })
    const host = { kind: 'pod', namespace: 'default', pod: 'bb', container: 'bb' } as const
    kube.impl = (ctx) => (ctx.args[0] === 'line' ? ctx.runIn!(host, 'hostname | tr a-z A-Z') : ctx.runIn!(host, ctx.args.slice(3), ctx.stdin))
    expect(run(sh, 'kubectl exec bb -- hostname')).toMatchObject({ stdout: 'bb\n', exitCode: 0 })
    expect(run(sh, 'kubectl exec bb -- nosuch')).toMatchObject({ stderr: 'sh: nosuch: not found\n', exitCode: 127 })
    expect(run(sh, 'kubectl line').stdout).toBe('BB\n')
    expect(sh.prompt()).toBe('root@controlplane:~# ')
    kube.impl = (ctx) => enterPodShell(ctx, { namespace: 'default', pod: 'bb', container: 'bb', command: 'sh' })
    run(sh, 'kubectl exec -it bb -- sh')
    run(sh, 'cd /tmp')
    expect(sh.prompt()).toBe('/tmp # ')
  })
})
