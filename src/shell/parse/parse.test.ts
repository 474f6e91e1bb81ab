// Lexer and parser: words, quotes, operators, fds, heredoc detection, incompleteness and bash's syntax errors.
import { describe, it, expect } from 'vitest'
import { lex, literalText, type WordToken } from './lexer.ts'
import { parse } from './parser.ts'

const words = (s: string) => lex(s).tokens.map((t) => (t.kind === 'word' ? literalText(t) : t.kind === 'op' ? `<${t.fd ?? ''}${t.op}>` : '<nl>'))

describe('lexer', () => {
  it('splits words and operators like bash', () => {
    expect(words('kubectl get svc -n kube-system')).toEqual(['kubectl', 'get', 'svc', '-n', 'kube-system'])
    expect(words('a|b&&c||d;e')).toEqual(['a', '<|>', 'b', '<&&>', 'c', '<||>', 'd', '<;>', 'e'])
    expect(words('cmd 2>&1 >>out 2>/dev/null <in')).toEqual(['cmd', '<2>&>', '1', '<>>>', 'out', '<2>>', '/dev/null', '<<>', 'in'])
    expect(words('cat <<-EOF')).toEqual(['cat', '<<<->', 'EOF'])
    expect(words('a2>x')).toEqual(['a2', '<>>', 'x'])
    expect(words('echo a#b # comment')).toEqual(['echo', 'a#b'])
  })

  it('removes quotes and escapes, keeps quoted text together', () => {
    expect(words(`echo 'a b' "c d" e\\ f '' ""`)).toEqual(['echo', 'a b', 'c d', 'e f', '', ''])
    expect(words(`echo "say \\"hi\\" \\$x \\n"`)).toEqual(['echo', 'say "hi" $x \\n'])
    expect(words("echo $'a\\tb'")).toEqual(['echo', 'a\tb'])
  })

  it('recognises expansions', () => {
    const w = lex('echo "$A-${B}" $? $(kubectl get pods) `date`').tokens.slice(1) as WordToken[]
    expect(w[0].parts).toEqual([{ t: 'var', name: 'A', quoted: true }, { t: 'lit', text: '-', quoted: true }, { t: 'var', name: 'B', quoted: true }])
    expect(w[1].parts).toEqual([{ t: 'var', name: '?', quoted: false }])
    expect(w[2].parts).toEqual([{ t: 'sub', source: 'kubectl get pods', quoted: false }])
    expect(w[3].parts).toEqual([{ t: 'sub', source: 'date', quoted: false }])
  })

  it('reports incomplete input', () => {
    expect(lex("echo 'abc").incomplete).toBe('quote')
    expect(lex('echo "abc').incomplete).toBe('quote')
    expect(lex('echo abc\\').incomplete).toBe('backslash')
    expect(lex('echo $(ls').incomplete).toBe('subst')
    expect(lex('echo a\\\nb').incomplete).toBeUndefined()
  })
})

describe('parser', () => {
  const p = (s: string, bodies: string[] = []) => parse(lex(s).tokens, bodies)

  it('builds lists, and-or chains and pipelines', () => {
    const r = p('a | b && c; d')
    expect(r.kind).toBe('ok')
    if (r.kind !== 'ok') return
    expect(r.script.items).toHaveLength(2)
    expect(r.script.items[0].first.commands).toHaveLength(2)
    expect(r.script.items[0].rest.map((x) => x.op)).toEqual(['&&'])
  })

  it('separates assignments from words', () => {
    const r = p('A=1 B=x cmd C=2')
    if (r.kind !== 'ok') throw new Error(r.kind)
    const c = r.script.items[0].first.commands[0]
    if (c.type !== 'simple') throw new Error('not simple')
    expect(c.assigns.map((a) => a.name)).toEqual(['A', 'B'])
    expect(c.words.map((w) => w.raw)).toEqual(['cmd', 'C=2'])
  })

  it('finds heredocs and their quoting, and takes bodies in order', () => {
    const r = p("cat <<EOF; cat <<'X' ; cat <<-\"Y\"", ['one\n', 'two\n'])
    expect(r.heredocs.map((h) => [h.delimiter, h.expand, h.stripTabs, h.body])).toEqual([
      ['EOF', true, false, 'one\n'], ['X', false, false, 'two\n'], ['Y', false, true, undefined],
    ])
  })

  it('asks for more after a trailing operator or an open for loop', () => {
    expect(p('a |').kind).toBe('incomplete')
    expect(p('a &&').kind).toBe('incomplete')
    expect(p('a ||\n').kind).toBe('incomplete')
    expect(p('for i in 1 2; do echo $i').kind).toBe('incomplete')
    expect(p('for i in 1 2; do echo $i; done').kind).toBe('ok')
  })

  it('reports the unexpected token as bash does', () => {
    const tok = (s: string) => {
      const r = p(s)
      return r.kind === 'error' ? r.token : r.kind
    }
    expect(tok('| x')).toBe('|')
    expect(tok('; ls')).toBe(';')
    expect(tok('&& ls')).toBe('&&')
    expect(tok('echo >')).toBe('newline')
    expect(tok('echo hi |;')).toBe(';')
    expect(tok('echo a ;;')).toBe(';;')
    expect(tok('echo > | x')).toBe('|')
    expect(tok('')).toBe('ok')
    expect(tok('   # just a comment')).toBe('ok')
  })
})
