import { describe, it, expect } from 'vitest'
import type { Completion, RunOutcome, Shell, ShellEffect } from '../../shell/types.ts'
import { TerminalController } from './controller.ts'
import { TestScreen } from './testScreen.ts'

/** A scripted shell: `echo X` prints X, `cat <<EOF` opens a heredoc, `clear`, `edit`, and a fixed completion table. */
function fakeShell(completions: Record<string, Completion> = {}) {
  const ran: string[] = []
  let heredoc: string[] | null = null
  let cancelled = 0
  const shell = {
    cluster: undefined as never,
    fs: undefined as never,
    history: [],
    prompt: () => (heredoc ? '> ' : 'root@cp:~# '),
    complete: (line: string) => completions[line] ?? { candidates: [], replacement: '', start: line.length },
    cancel: () => {
      heredoc = null
      cancelled++
    },
    run(line: string): RunOutcome {
      ran.push(line)
      const done = (stdout: string, stderr = '', effects: ShellEffect[] = []) =>
        ({ done: true, command: line, stdout, stderr, exitCode: stderr ? 1 : 0, effects }) as const
      if (heredoc) {
        if (line === 'EOF') {
          const body = heredoc.join('\n') + '\n'
          heredoc = null
          return done(body)
        }
        heredoc.push(line)
        return { done: false }
      }
      if (line === 'cat <<EOF') {
        heredoc = []
        return { done: false }
      }
      if (line.startsWith('echo ')) return done(line.slice(5) + '\n')
      if (line === 'clear') return done('', '', [{ kind: 'clear' }])
      if (line === 'edit') return done('', '', [{ kind: 'edit', path: '/tmp/x.yaml', content: 'a: 1\n' }])
      if (line === 'boom') throw new Error('boom')
      if (line === '') return done('')
      return done('', `bash: ${line.split(' ')[0]}: command not found\n`)
    },
  }
  return { shell: shell as unknown as Shell, ran, cancelled: () => cancelled }
}

function setup(completions?: Record<string, Completion>, cols = 80) {
  const f = fakeShell(completions)
  const effects: ShellEffect[] = []
  const c = new TerminalController(f.shell, { onEffect: (e) => effects.push(e) })
  const screen = new TestScreen(cols)
  c.attach({ write: (d) => screen.write(d), cols: () => cols })
  return { ...f, c, screen, effects }
}

describe('TerminalController', () => {
  it('shows the prompt, runs a typed line and prints stdout and stderr', () => {
    const { c, screen, ran } = setup()
    expect(screen.text()).toBe('root@cp:~#')
    c.input('echo hello\r')
    c.input('nope\r')
    expect(ran).toEqual(['echo hello', 'nope'])
    expect(screen.text()).toBe('root@cp:~# echo hello\nhello\nroot@cp:~# nope\nbash: nope: command not found\nroot@cp:~#')
  })

  it('edits in the middle of the line before running it', () => {
    const { c, ran, screen } = setup()
    c.input('echo wrld')
    c.input('\x1b[D\x1b[D\x1b[D') // left x3
    c.input('o')
    c.input('\x01X\x05Y') // home, insert X, end, insert Y
    c.input('\x1b[H\x1b[3~') // home, delete the X
    c.input('\r')
    expect(ran).toEqual(['echo worldY'])
    expect(screen.text().split('\n')[1]).toBe('worldY')
  })

  it('recalls history with the arrows', () => {
    const { c, ran } = setup()
    c.input('echo one\r')
    c.input('echo two\r')
    c.input('\x1b[A\x1b[A\r')
    expect(ran).toEqual(['echo one', 'echo two', 'echo one'])
  })

  it('runs pasted lines one by one, heredoc included', () => {
    const { c, ran, screen } = setup()
    c.input('\x1b[200~cat <<EOF\na:\tb\nEOF\necho done\n\x1b[201~')
    expect(ran).toEqual(['cat <<EOF', 'a:\tb', 'EOF', 'echo done'])
    expect(screen.text()).toContain('root@cp:~# cat <<EOF\n> a:')
    expect(screen.text()).toContain('done\nroot@cp:~#')
  })

  it('Ctrl-C prints ^C, drops the line and cancels an open heredoc', () => {
    const { c, ran, screen, cancelled } = setup()
    c.input('cat <<EOF\r')
    c.input('half')
    c.input('\x03')
    expect(cancelled()).toBe(1)
    expect(screen.text()).toBe('root@cp:~# cat <<EOF\n> half^C\nroot@cp:~#')
    c.input('echo ok\r')
    expect(ran).toEqual(['cat <<EOF', 'echo ok'])
  })

  it('the clear effect wipes the screen; Ctrl-L keeps the typed line', () => {
    const { c, screen } = setup()
    c.input('echo a\r')
    c.input('clear\r')
    expect(screen.text()).toBe('root@cp:~#')
    c.input('echo b')
    c.input('\x0c')
    expect(screen.text()).toBe('root@cp:~# echo b')
  })

  it('hands other effects to the page', () => {
    const { c, effects } = setup()
    c.input('edit\r')
    expect(effects).toEqual([{ kind: 'edit', path: '/tmp/x.yaml', content: 'a: 1\n' }])
  })

  it('completes a single candidate with a space, lists several on the second Tab', () => {
    const { c, ran, screen } = setup({
      'kubectl ap': { candidates: ['apply'], replacement: 'apply', start: 8 },
      'kubectl de': { candidates: ['delete', 'describe'], replacement: 'de', start: 8 },
    })
    c.input('kubectl ap\t')
    expect(c.state.buffer).toBe('kubectl apply ')
    c.input('\x15kubectl de\t')
    expect(screen.text()).toBe('root@cp:~# kubectl de')
    c.input('\t')
    expect(screen.text()).toBe('root@cp:~# kubectl de\ndelete    describe\nroot@cp:~# kubectl de')
    c.input('\r')
    expect(ran).toEqual(['kubectl de'])
  })

  it('inserts the common prefix of several candidates at once', () => {
    const { c } = setup({ 'kubectl get deploy': { candidates: ['deployment', 'deployments'], replacement: 'deployment', start: 12 } })
    c.input('kubectl get deploy\t')
    expect(c.state.buffer).toBe('kubectl get deployment')
  })

  it('redraws a wrapped line correctly while editing', () => {
    const { c, screen, ran } = setup(undefined, 20)
    c.input('echo 0123456789abcdefghij')
    expect(screen.text()).toBe('root@cp:~# echo 0123\n456789abcdefghij')
    c.input('\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C') // home, right x5
    c.input('\x7f') // delete the space: "echo0123..."
    c.input(' ')
    c.input('\x17') // kill "echo "
    c.input('echo ')
    c.input('\r')
    expect(ran).toEqual(['echo 0123456789abcdefghij'])
    expect(screen.text()).toBe('root@cp:~# echo 0123\n456789abcdefghij\n0123456789abcdefghij\nroot@cp:~#')
  })

  it('runCommand echoes the command as typed and restores a half-typed line', () => {
    const { c, screen, ran } = setup()
    c.input('echo draft')
    c.runCommand('echo applied')
    expect(ran).toEqual(['echo applied'])
    expect(screen.text()).toBe('root@cp:~# echo applied\napplied\nroot@cp:~# echo draft')
    expect(c.state.buffer).toBe('echo draft')
  })

  it('survives a command that throws', () => {
    const { c, screen } = setup()
    c.input('boom\r')
    expect(screen.text()).toBe('root@cp:~# boom\nkubelab: internal error: boom\nroot@cp:~#')
  })

  it('replays its output to a screen attached later', () => {
    const { c } = setup()
    c.input('echo again\r')
    const second = new TestScreen(80)
    c.attach({ write: (d) => second.write(d), cols: () => 80 })
    expect(second.text()).toBe('root@cp:~# echo again\nagain\nroot@cp:~#')
  })
})
