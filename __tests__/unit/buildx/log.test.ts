import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { quoteForLog } from '../../../src/process/argv.js'

describe('quoteForLog', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['--tag', '--tag'],
    ['localhost:5000/app:1', 'localhost:5000/app:1'],
    ['a b', "'a b'"],
    ['$(touch x)', "'$(touch x)'"],
    ["it's", "'it'\\''s'"],
    ['a\nb', "$'a\\nb'"],
    ['x\n::warning::injected', "$'x\\n::warning::injected'"],
    ["a'\r\n\\", "$'a\\'\\r\\n\\\\'"],
    ['\u0007\u2028', "$'\\u0007\\u2028'"]
  ])('%j -> %s', (value, shown) => {
    expect(quoteForLog(value)).toBe(shown)
  })

  it('never puts a line break into the log', () => {
    for (const v of ['a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', '\n::add-mask::x']) expect(quoteForLog(v)).not.toMatch(/[\n\r\u2028\u2029]/)
  })

  it('reads back as the same value in bash', () => {
    const values = ['a b', "it's", 'a\nb\tc', 'q\'"\\$(x)`y`;|&', 'x\r\n::warning::y']
    for (const v of values) {
      const r = spawnSync('bash', ['-c', `printf '%s' ${quoteForLog(v)}`], { encoding: 'utf8' })
      expect(r.stdout).toBe(v)
    }
  })
})
