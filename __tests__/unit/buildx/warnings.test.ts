import { afterEach, describe, expect, it, jest } from '@jest/globals'
import {
  checkFailureMessage,
  checkWarningsOutput,
  uniqueWarnings,
  warningAnnotation,
  warningsFromCheck,
  warningsFromMetadata,
  type CheckWarning,
  type DockerfileSource
} from '../../../src/buildx/warnings.js'
import { renderWarningsSummary } from '../../../src/report/checks-summary.js'
import * as core from '../../../src/runner/commands.js'

const b64 = (s: string) => Buffer.from(s).toString('base64')

const BAD = 'FROM base as b\nENV A=$X\nCMD echo hi\n'
const CLEAN = 'FROM base AS b\n'

/** A metadata warning as buildx 0.29 writes it (fields base64 encoded). */
const metadataWarning = (short: string, line: number, text = BAD, url = 'https://docs.docker.com/go/dockerfile/rule/x/') => ({
  vertex: 'sha256:00',
  level: 1,
  short: b64(short),
  detail: [b64('the detail')],
  url,
  sourceInfo: { filename: 'Dockerfile', data: b64(text), language: 'Dockerfile' },
  range: [{ start: { line }, end: { line } }]
})

const SOURCES: DockerfileSource[] = [
  { target: 'bad', file: 'app/Dockerfile', text: BAD },
  { target: 'good', file: 'clean/Dockerfile', text: CLEAN }
]

describe('warningsFromMetadata', () => {
  it('decodes rule, message and line, and gives each warning to the target with that Dockerfile text', () => {
    const raw = [
      metadataWarning("FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)", 1),
      metadataWarning("UndefinedVar: Usage of undefined variable '$X' (line 2)", 2)
    ]
    expect(warningsFromMetadata(raw, SOURCES, 'default')).toEqual([
      {
        target: 'bad',
        warnings: [
          {
            rule: 'FromAsCasing',
            message: "'as' and 'FROM' keywords' casing do not match",
            url: 'https://docs.docker.com/go/dockerfile/rule/x/',
            file: 'app/Dockerfile',
            line: 1
          },
          {
            rule: 'UndefinedVar',
            message: "Usage of undefined variable '$X'",
            url: 'https://docs.docker.com/go/dockerfile/rule/x/',
            file: 'app/Dockerfile',
            line: 2
          }
        ]
      }
    ])
  })

  it.each<[string, DockerfileSource[], Array<[string, string]>]>([
    [
      'two targets with the same Dockerfile text: both',
      [SOURCES[0]!, { target: 'bad2', file: 'app/Dockerfile', text: BAD }],
      [
        ['bad', 'app/Dockerfile'],
        ['bad2', 'app/Dockerfile']
      ]
    ],
    [
      'unreadable Dockerfile (remote context) of the same name',
      [{ target: 'remote', file: 'x/Dockerfile' }, SOURCES[1]!],
      [['remote', 'x/Dockerfile']]
    ],
    ['one target whose text differs: still that one', [{ target: 'only', file: 'Dockerfile', text: 'other' }], [['only', 'Dockerfile']]],
    [
      'no owner among several: the fallback target, no file',
      [
        { target: 'a', file: 'a/D', text: 'x' },
        { target: 'b', file: 'b/D', text: 'y' }
      ],
      [['default', '']]
    ]
  ])('%s', (_what, sources, want) => {
    const got = warningsFromMetadata([metadataWarning('JSONArgsRecommended: JSON arguments recommended (line 3)', 3)], sources, 'default')
    expect(got.map(t => [t.target, t.warnings[0]?.file])).toEqual(want)
  })

  it('the same warning twice (platforms of one build) is one; anything not a list is none', () => {
    const w = metadataWarning('FromAsCasing: m (line 1)', 1)
    expect(warningsFromMetadata([w, w], SOURCES, 'default')[0]?.warnings).toHaveLength(1)
    expect(warningsFromMetadata(undefined, SOURCES, 'default')).toEqual([])
    expect(warningsFromMetadata({}, SOURCES, 'default')).toEqual([])
  })

  it('without a rule prefix: the rule from the URL', () => {
    const got = warningsFromMetadata(
      [metadataWarning('odd text', 0, BAD, 'https://docs.docker.com/go/dockerfile/rule/undefined-var/')],
      SOURCES,
      'd'
    )
    expect(got[0]?.warnings[0]).toMatchObject({ rule: 'undefined-var', message: 'odd text', line: 0 })
  })
})

describe('warningsFromCheck', () => {
  it('reads `--call check,format=json` as buildx 0.29 prints it', () => {
    const result = {
      warnings: [
        {
          ruleName: 'UndefinedVar',
          description: 'Variables should be defined before their use',
          url: 'https://docs.docker.com/go/dockerfile/rule/undefined-var/',
          detail: "Usage of undefined variable '$X'",
          location: { ranges: [{ start: { line: 2 }, end: { line: 2 } }] }
        }
      ],
      sources: [{ filename: 'Dockerfile', data: b64(BAD) }]
    }
    expect(warningsFromCheck(result, SOURCES)).toEqual([
      {
        rule: 'UndefinedVar',
        message: "Usage of undefined variable '$X'",
        url: 'https://docs.docker.com/go/dockerfile/rule/undefined-var/',
        file: 'app/Dockerfile',
        line: 2
      }
    ])
    expect(warningsFromCheck({ warnings: null, sources: [] }, SOURCES)).toEqual([])
  })
})

describe('annotations', () => {
  const written: string[] = []
  afterEach(() => {
    written.length = 0
    jest.restoreAllMocks()
  })
  const capture = () =>
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => {
      written.push(String(chunk))
      return true
    }) as typeof process.stdout.write)

  it.each<[string, CheckWarning, string]>([
    [
      'on its file and line, titled with the rule',
      {
        rule: 'FromAsCasing',
        message: "'as' and 'FROM' do not match",
        url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
        file: 'app/Dockerfile',
        line: 1
      },
      "::warning title=FromAsCasing,file=app/Dockerfile,line=1::'as' and 'FROM' do not match (https://docs.docker.com/go/dockerfile/rule/from-as-casing/)"
    ],
    [
      'commas, colons, percent signs and line breaks escaped',
      { rule: 'R', message: '50% a\nb', url: '', file: 'dir,with:odd%/Dockerfile', line: 12 },
      '::warning title=R,file=dir%2Cwith%3Aodd%25/Dockerfile,line=12::50%25 a%0Ab'
    ],
    ['no file: no line either', { rule: 'R', message: 'm', url: '', file: '', line: 3 }, '::warning title=R::m']
  ])('%s', (_what, w, line) => {
    capture()
    const a = warningAnnotation(w)
    core.warning(a.message, a.properties)
    expect(written.join('').trimEnd()).toBe(line)
  })

  it('each annotation once when targets share a Dockerfile; the output keeps every target', () => {
    const w: CheckWarning = { rule: 'R', message: 'm', url: '', file: 'f', line: 1 }
    const all = [
      { target: 'a', warnings: [w] },
      { target: 'b', warnings: [{ ...w }] }
    ]
    expect(uniqueWarnings(all)).toHaveLength(1)
    expect(JSON.parse(checkWarningsOutput(all))).toEqual({ a: [w], b: [w] })
  })
})

describe('summary and failure text', () => {
  it('a table per target; nothing when there are no warnings', () => {
    const w: CheckWarning = { rule: 'UndefinedVar', message: 'a | b <c>', url: 'https://u/', file: 'app/Dockerfile', line: 2 }
    const md = renderWarningsSummary([
      { target: 'bad', warnings: [w] },
      { target: 'good', warnings: [] }
    ])
    expect(md).toContain('**bad**')
    expect(md).not.toContain('**good**')
    expect(md).toContain('| [UndefinedVar](https://u/) | `app/Dockerfile:2` | a \\| b &lt;c&gt; |')
    expect(renderWarningsSummary([{ target: 'x', warnings: [] }])).toBe('')
  })

  it('says what buildx says', () => {
    expect(checkFailureMessage(3)).toBe('Check complete, 3 warnings have been found!')
    expect(checkFailureMessage(1)).toBe('Check complete, 1 warning has been found!')
  })
})
