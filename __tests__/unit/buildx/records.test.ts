import { describe, expect, it } from '@jest/globals'
import { historyExportArgs } from '../../../src/buildx/args.js'
import {
  buildRecordsOutput,
  recordExport,
  recordFileName,
  recordRefs,
  refsStartedSince,
  type LocalRef
} from '../../../src/buildx/records.js'
import type { BuildResult } from '../../../src/buildx/results.js'

function result(target: string, ref: string | undefined, extra: Partial<BuildResult> = {}): BuildResult {
  return {
    target,
    tags: [],
    platforms: [],
    metadata: ref === undefined ? {} : { 'buildx.build.ref': ref },
    imageId: '',
    digest: '',
    pushed: false,
    loaded: false,
    exports: [],
    ...extra
  }
}

describe('recordRefs', () => {
  it.each<[string, BuildResult[], Array<{ target: string; builder: string; node: string; ref: string }>]>([
    [
      'a single build',
      [result('default', 'default/default/abc123xyz')],
      [{ target: 'default', builder: 'default', node: 'default', ref: 'abc123xyz' }]
    ],
    [
      'bake targets, in order',
      [result('app', 'b1/b10/r1'), result('worker', 'b1/b10/r2')],
      [
        { target: 'app', builder: 'b1', node: 'b10', ref: 'r1' },
        { target: 'worker', builder: 'b1', node: 'b10', ref: 'r2' }
      ]
    ],
    ['no ref (a merge, Depot)', [result('merge', undefined)], []],
    ['a malformed ref', [result('default', 'just-a-ref'), result('x', '//r')], []],
    ['one ref seen twice', [result('a', 'b/n/r'), result('b', 'b/n/r')], [{ target: 'a', builder: 'b', node: 'n', ref: 'r' }]],
    [
      "a platform split: its platforms' builds",
      [
        result('default', undefined, {
          builds: [
            { target: 'default@linux/amd64', metadata: { 'buildx.build.ref': 'mn/amd/ra' } },
            { target: 'default@linux/arm64', metadata: { 'buildx.build.ref': 'mn/arm/rb' } }
          ]
        })
      ],
      [
        { target: 'default@linux/amd64', builder: 'mn', node: 'amd', ref: 'ra' },
        { target: 'default@linux/arm64', builder: 'mn', node: 'arm', ref: 'rb' }
      ]
    ]
  ])('%s', (_name, results, want) => {
    expect(recordRefs(results)).toEqual(want)
  })
})

describe('recordFileName', () => {
  it.each<[string, string[], string]>([
    ['octo/app', ['iq0yvkwvzu7bs37j7qktx74fa'], 'octo~app~IQ0YVK.dockerbuild'],
    ['octo/app', ['iq0yvkwvzu7bs37j7qktx74fa', 'r2', 'r3'], 'octo~app~IQ0YVK+2.dockerbuild'],
    ['', ['abcdefgh'], 'ABCDEF.dockerbuild'],
    ['not-a-repo', ['abcdefgh'], 'ABCDEF.dockerbuild'],
    ['o/r', ['ab/../x'], 'o~r~AB-..-.dockerbuild']
  ])('%s %j -> %s', (repository, refs, want) => {
    expect(recordFileName(repository, refs)).toBe(want)
  })
})

describe('recordExport', () => {
  it.each<[string, { supported: boolean; finalize: boolean }]>([
    ['0.13.1', { supported: false, finalize: false }],
    ['0.22.0', { supported: false, finalize: false }],
    ['0.23.0', { supported: true, finalize: false }],
    ['0.24.0', { supported: true, finalize: true }],
    ['0.29.1', { supported: true, finalize: true }],
    ['', { supported: false, finalize: false }]
  ])('buildx %s', (v, want) => {
    expect(recordExport(v)).toEqual(want)
  })
})

describe('historyExportArgs', () => {
  it.each<[string[], string, boolean, string[]]>([
    [['r1'], '/t/a.dockerbuild', true, ['history', 'export', '--builder', 'b', '--finalize', '--output', '/t/a.dockerbuild', 'r1']],
    [['r1', 'r2'], '/t/a.dockerbuild', false, ['history', 'export', '--builder', 'b', '--output', '/t/a.dockerbuild', 'r1', 'r2']]
  ])('%j', (refs, out, finalize, want) => {
    expect(historyExportArgs('b', refs, out, finalize)).toEqual(want)
  })
})

it('buildRecordsOutput: target -> path', () => {
  expect(buildRecordsOutput([{ target: 'default', path: '/t/x.dockerbuild' }])).toBe('{"default":"/t/x.dockerbuild"}')
  expect(buildRecordsOutput([])).toBe('{}')
})

describe('refsStartedSince', () => {
  const at = (ref: string, mtimeMs: number, extra: Partial<LocalRef> = {}): LocalRef => ({
    builder: 'b',
    node: 'b0',
    ref,
    mtimeMs,
    target: '',
    localPath: '/runner/_work/repo/repo',
    ...extra
  })
  it.each<[string, LocalRef[], Array<{ target: string; builder: string; node: string; ref: string }>]>([
    ['nothing started', [], []],
    [
      'a build before the step started is left out',
      [at('old', 999), at('new', 1000)],
      [{ target: 'default', builder: 'b', node: 'b0', ref: 'new' }]
    ],
    [
      "another builder's builds are left out",
      [at('mine', 2000), at('theirs', 2000, { builder: 'other' })],
      [{ target: 'default', builder: 'b', node: 'b0', ref: 'mine' }]
    ],
    [
      'oldest first, keyed by stage, made unique with the ref',
      [at('r3xxxxxx', 3000, { target: 'app' }), at('r1xxxxxx', 1000, { target: 'app' }), at('r2xxxxxx', 2000, { node: 'b1' })],
      [
        { target: 'app', builder: 'b', node: 'b0', ref: 'r1xxxxxx' },
        { target: 'default', builder: 'b', node: 'b1', ref: 'r2xxxxxx' },
        { target: 'app#r3xxxx', builder: 'b', node: 'b0', ref: 'r3xxxxxx' }
      ]
    ],
    ['an empty ref is not a build', [at('', 5000)], []],
    [
      "another job's build on the same builder (another runner's workspace) is left out",
      [
        at('mine', 2000, { localPath: '/runner/_work/repo/repo/app' }),
        at('theirs', 2000, { localPath: '/runner2/_work/other/other' }),
        at('prefix', 2000, { localPath: '/runner/_work/repo/repo-evil' })
      ],
      [{ target: 'default', builder: 'b', node: 'b0', ref: 'mine' }]
    ],
    [
      "a remote context is this step's when it is the step's context",
      [at('git', 2000, { localPath: 'https://github.com/o/r.git' }), at('other', 2000, { localPath: 'https://github.com/x/y.git' })],
      [{ target: 'default', builder: 'b', node: 'b0', ref: 'git' }]
    ],
    ['a root of / holds nothing', [at('any', 2000, { localPath: '/anything' })], []]
  ])('%s', (name, local, expected) => {
    const roots = name.includes('root of /') ? ['/'] : ['/runner/_work/repo/repo', 'https://github.com/o/r.git']
    expect(refsStartedSince(local, 'b', 1000, roots)).toEqual(expected)
  })
})
