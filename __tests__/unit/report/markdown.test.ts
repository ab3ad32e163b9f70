// One escaper for every section of the job summary: a value from users or tools (a target name, a
// check's message, a build arg's description, a record's file name) reads the same in a table cell
// of every section, and can neither split the cell, start a new line, open a code span nor HTML.
import { describe, expect, it } from '@jest/globals'
import { escapeCell, escapeInline, escapeText, inlineCode } from '../../../src/report/markdown.js'
import { renderChecksSummary, renderWarningsSummary } from '../../../src/report/checks-summary.js'
import { renderRecordsSummary } from '../../../src/report/records-summary.js'
import { renderSigningSummary } from '../../../src/sign/summary.js'

const HOSTILE: ReadonlyArray<[string, string, string]> = [
  // what, value, its table cell
  ['a pipe', 'a|b', 'a\\|b'],
  ['a newline', 'one\ntwo', 'one two'],
  ['a CRLF', 'one\r\ntwo', 'one two'],
  ['backticks', 'a `b` c', 'a \\`b\\` c'],
  ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
  ['an entity', 'a &amp; b', 'a &amp;amp; b'],
  ['strikethrough and math', 'o~r~R $x$', 'o\\~r\\~R \\$x\\$'],
  ['emphasis and a link', '**b** [l](u)', '\\*\\*b\\*\\* \\[l\\](u)']
]

/** Every section's table, with `value` in one of its cells: the section's markdown. */
const SECTIONS: ReadonlyArray<[string, (value: string) => string]> = [
  [
    'build checks: the rule',
    v => renderWarningsSummary([{ target: 'default', warnings: [{ rule: v, message: 'm', url: '', file: '', line: 0 }] }])
  ],
  [
    'build checks: the message',
    v => renderWarningsSummary([{ target: 'default', warnings: [{ rule: 'R', message: v, url: '', file: '', line: 0 }] }])
  ],
  [
    'targets: a description',
    v =>
      renderChecksSummary({
        checkWarnings: [],
        call: 'targets',
        callResult: JSON.stringify({ targets: [{ name: 'n', base: 'b', description: v }] })
      })
  ],
  [
    'outline: a build arg',
    v =>
      renderChecksSummary({
        checkWarnings: [],
        call: 'outline',
        callResult: JSON.stringify({ args: [{ name: 'A', value: v, description: 'd' }] })
      })
  ],
  [
    'signatures: a target',
    v =>
      renderSigningSummary(
        [{ ref: 'r/a@sha256:1', repository: 'r/a', digest: 'sha256:1', kind: 'index', target: v, verifyCommand: 'x' }],
        'k'
      )
  ],
  [
    'build records: a target',
    v =>
      renderRecordsSummary({
        files: [{ target: v, ref: 'r1', path: '/x/f.dockerbuild' }],
        unsupported: '',
        exportError: '',
        artifact: null,
        uploadNote: ''
      })
  ]
]

describe('one escaper: a table cell reads the same in every section', () => {
  const cases = SECTIONS.flatMap(([section, render]) => HOSTILE.map(([what, value, cell]) => [section, what, value, cell, render] as const))
  it.each(cases)('%s, with %s', (_section, _what, value, cell, render) => {
    expect(escapeCell(value)).toBe(cell)
    const md = render(value)
    const row = md.split('\n').find(l => l.startsWith('|') && l.includes(cell))
    expect(row).toBeDefined()
    // the value did not add a cell or a line
    const header = md.split('\n').find(l => l.startsWith('|')) ?? ''
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length
    expect(cells(row ?? '')).toBe(cells(header))
    expect(md).not.toContain('<img')
  })
})

describe('escapeInline and escapeText', () => {
  it.each<[string, string, string]>([
    ['0.13.1', '0.13.1', '0\\.13.1'],
    ['- item', '- item', '\\- item'],
    ['# head', '\\# head', '\\# head'],
    ['  spaced   out  ', 'spaced out', 'spaced out']
  ])('%j: inline %j, at the start of a line %j', (value, inline, text) => {
    expect(escapeInline(value)).toBe(inline)
    expect(escapeText(value)).toBe(text)
  })
})

describe('names in code spans', () => {
  it.each<[string, string, string]>([
    ['a Dockerfile and line', 'app/Dockerfile:2', '`app/Dockerfile:2`'],
    ['backticks', 'a`b', '``a`b``'],
    ['a pipe in a cell', 'a|b', '<code>a\\|b</code>'],
    ['HTML', '<b>', '<code>&lt;b&gt;</code>']
  ])('%s', (_what, value, want) => {
    expect(inlineCode(value, true)).toBe(want)
    const md = renderWarningsSummary([{ target: 'default', warnings: [{ rule: 'R', message: 'm', url: '', file: value, line: 0 }] }])
    expect(md).toContain(`| R | ${want} | m |`)
  })

  it('a link only for a plain http(s) URL', () => {
    const md = (url: string) =>
      renderWarningsSummary([{ target: 'default', warnings: [{ rule: 'R', message: 'm', url, file: '', line: 0 }] }])
    expect(md('https://docs.docker.com/go/dockerfile/rule/undefined-var/')).toContain(
      '| [R](https://docs.docker.com/go/dockerfile/rule/undefined-var/) |  | m |'
    )
    expect(md('https://x/a) | b')).toContain('| R |  | m |')
    expect(md('javascript:alert(1)')).toContain('| R |  | m |')
  })
})
