// cut, tee, printf, xargs and the small awk, against GNU coreutils / findutils / bash outputs.
import { describe, it, expect } from 'vitest'
import { out, run, testShell } from '../test-helpers.ts'

describe('cut', () => {
  it('cuts fields, ranges and characters', () => {
    const sh = testShell()
    expect(out(sh, 'echo pod/web-1 | cut -d/ -f2')).toBe('web-1\n')
    expect(out(sh, 'echo a:b:c:d | cut -d: -f1,3-')).toBe('a:c:d\n')
    expect(out(sh, 'echo abcdef | cut -c2-4')).toBe('bcd\n')
    expect(out(sh, "printf 'a b\\nnodelim\\n' | cut -d' ' -f2")).toBe('b\nnodelim\n')
    expect(out(sh, "printf 'a b\\nnodelim\\n' | cut -s -d' ' -f2")).toBe('b\n')
  })
  it('fails like GNU cut', () => {
    const sh = testShell()
    expect(run(sh, 'echo x | cut').stderr).toBe("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n")
    expect(run(sh, 'echo x | cut -d ab -f1').stderr).toBe("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n")
    expect(run(sh, 'echo x | cut -f0').stderr).toBe("cut: fields and positions are numbered from 1\nTry 'cut --help' for more information.\n")
  })
})

describe('tee, printf, xargs', () => {
  it('tee copies stdin to files and stdout', () => {
    const sh = testShell()
    expect(out(sh, 'echo hi | tee a.txt')).toBe('hi\n')
    expect(out(sh, 'echo more | tee -a a.txt >/dev/null; cat a.txt')).toBe('hi\nmore\n')
  })
  it('printf reuses its format for extra arguments', () => {
    const sh = testShell()
    expect(out(sh, 'printf "%s=%d\\n" a 1 b 2')).toBe('a=1\nb=2\n')
    expect(out(sh, 'printf "%-5s|%03d\\n" ab 7')).toBe('ab   |007\n')
    expect(out(sh, 'printf "100%%\\n"')).toBe('100%\n')
  })
  it('xargs appends stdin words to the command', () => {
    const sh = testShell()
    expect(out(sh, "printf 'a\\nb c\\n' | xargs echo got")).toBe('got a b c\n')
    expect(out(sh, "printf 'a\\nb\\n' | xargs -n 1 echo x")).toBe('x a\nx b\n')
    expect(out(sh, "printf 'a\\nb\\n' | xargs -I {} echo [{}]")).toBe('[a]\n[b]\n')
  })
})

describe('awk', () => {
  it('prints fields with patterns, NR/NF and END', () => {
    const sh = testShell()
    sh.fs.write('/root/t', 'NAME READY STATUS\nweb-1 1/1 Running\nweb-2 0/1 Pending\n')
    expect(out(sh, "awk '{print $1}' t")).toBe('NAME\nweb-1\nweb-2\n')
    expect(out(sh, "awk 'NR>1 {print $1, $NF}' t")).toBe('web-1 Running\nweb-2 Pending\n')
    expect(out(sh, "awk '/Running/' t")).toBe('web-1 1/1 Running\n')
    expect(out(sh, "awk '$3 == \"Pending\" {print $1}' t")).toBe('web-2\n')
    expect(out(sh, "awk 'END {print NR}' t")).toBe('3\n')
    expect(out(sh, "echo a:b:c | awk -F: '{print $2 \"-\" $(NF-0)}'")).toBe('b-c\n')
  })
  it('says clearly when a program is beyond the lab awk', () => {
    const sh = testShell()
    const r = run(sh, "echo x | awk '{ x = 1; print x }'")
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain("kubelab: this lab's awk runs print rules only")
  })
})
