import { describe, expect, it } from '@jest/globals'
import {
  bakeEnv,
  bakeFiles,
  bakeVarArgs,
  bakeVarEnv,
  chooseBakeSource,
  defaultGitContext,
  expandSource,
  isRemoteRef,
  localFilePath,
  remoteBakeSource,
  type BakeSource,
  type SourceFacts
} from '../../../src/inputs/bake-source.js'

const GIT = 'https://github.com/o/r.git#0123abc'
const FACTS: SourceFacts = { source: '', matrix: false, defaultContext: GIT, definitionHere: false, engine: 'buildx' }

describe('chooseBakeSource', () => {
  it.each<[string, Partial<SourceFacts>, Partial<BakeSource>]>([
    ['no source, no checkout: the Git context of the run', {}, { kind: 'remote', ref: GIT }],
    ['no source, the definition is here (a checkout)', { definitionHere: true }, { kind: 'local', dir: '.' }],
    ['no source outside a GitHub run', { defaultContext: undefined }, { kind: 'local', dir: '.' }],
    ['no source with Depot (depot bake reads local files)', { engine: 'depot' }, { kind: 'local', dir: '.' }],
    ['a folder', { source: './test/go' }, { kind: 'local', dir: './test/go' }],
    [
      'a Git URL',
      { source: 'https://github.com/docker/buildx.git#v0.8.2' },
      { kind: 'remote', ref: 'https://github.com/docker/buildx.git#v0.8.2' }
    ],
    ['git@', { source: 'git@github.com:o/r.git' }, { kind: 'remote' }],
    ['{{defaultContext}} with a subdir', { source: '{{defaultContext}}:sub' }, { kind: 'remote', ref: `${GIT}:sub` }],
    ['a matrix is always local', { matrix: true, source: '' }, { kind: 'local', dir: '.' }]
  ])('%s', (_name, over, want) => {
    expect(chooseBakeSource({ ...FACTS, ...over })).toMatchObject(want)
  })
})

describe('the Git context and remote refs', () => {
  it.each([
    [{ GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc' }, 'https://ghe.example/o/r.git#abc'],
    [{ GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc' }, 'https://github.com/o/r.git#abc'],
    [{ GITHUB_SERVER_URL: 'http://127.0.0.1:1/', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc' }, 'http://127.0.0.1:1/o/r.git#abc'],
    [{ GITHUB_REPOSITORY: 'o/r' }, undefined],
    [{}, undefined]
  ])('%j -> %s', (env, want) => {
    expect(defaultGitContext(env)).toBe(want)
  })

  it.each([
    ['https://x/y.git', true],
    ['http://127.0.0.1:1/o/r.git#abc', true],
    ['git://x/y', true],
    ['github.com/o/r', true],
    ['git@github.com:o/r.git', true],
    ['./test', false],
    ['/abs/dir', false],
    ['cwd://x', false]
  ])('isRemoteRef(%s) is %s', (v, want) => {
    expect(isRemoteRef(v)).toBe(want)
  })

  it('expands {{defaultContext}} only when there is one', () => {
    expect(expandSource('{{ defaultContext }}', GIT)).toBe(GIT)
    expect(expandSource('{{defaultContext}}', undefined)).toBe('{{defaultContext}}')
    expect(expandSource('.', GIT)).toBe('.')
  })

  it('says when a bake needs buildx for its remote definition', () => {
    expect(remoteBakeSource({ source: 'https://x/y.git' })).toMatch(/remote/)
    expect(remoteBakeSource({ source: '.' })).toBeUndefined()
    expect(remoteBakeSource({ source: '' }, { GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'a' })).toBeUndefined()
  })
})

describe('files for the source', () => {
  const remote: BakeSource = { kind: 'remote', ref: GIT, why: '' }
  const local: BakeSource = { kind: 'local', dir: 'sub', why: '' }
  it.each<[BakeSource, string[], string[]]>([
    [
      remote,
      ['./test/config.hcl', 'cwd:///tmp/meta.json', '/tmp/abs.hcl'],
      ['./test/config.hcl', 'cwd:///tmp/meta.json', 'cwd:///tmp/abs.hcl']
    ],
    [local, ['a.hcl', '/tmp/abs.hcl', 'cwd://b.hcl'], ['a.hcl', '/tmp/abs.hcl', 'cwd://b.hcl']]
  ])('%j: %j -> %j', (source, files, want) => {
    expect(bakeFiles(files, source)).toEqual(want)
  })

  it('reads cwd:// files locally, and a remote source’s other files not at all', () => {
    expect(localFilePath('cwd:///tmp/m.json', remote)).toBe('/tmp/m.json')
    expect(localFilePath('./test/config.hcl', remote)).toBe('')
    expect(localFilePath('a.hcl', local)).toBe('a.hcl')
  })
})

describe('vars', () => {
  const vars: Array<[string, string]> = [
    ['DESTDIR', '/tmp/x'],
    ['TAG', 'a,b']
  ]
  it.each([
    ['0.31.0', ['--var', 'DESTDIR=/tmp/x', '--var', 'TAG=a,b'], {}],
    ['0.32.1', ['--var', 'DESTDIR=/tmp/x', '--var', 'TAG=a,b'], {}],
    ['0.29.1', [], { DESTDIR: '/tmp/x', TAG: 'a,b' }],
    ['0.13.1', [], { DESTDIR: '/tmp/x', TAG: 'a,b' }]
  ])('buildx %s: flags %j, environment %j', (version, args, env) => {
    expect(bakeVarArgs(vars, version)).toEqual(args)
    expect(bakeVarEnv(vars, version)).toEqual(env)
  })

  it('gives the token to buildx for a remote definition only', () => {
    const remote: BakeSource = { kind: 'remote', ref: GIT, why: '' }
    const local: BakeSource = { kind: 'local', dir: '.', why: '' }
    expect(bakeEnv([], '0.29.1', remote, 'ghs_x')).toEqual({ BUILDX_BAKE_GIT_AUTH_TOKEN: 'ghs_x' })
    expect(bakeEnv([], '0.29.1', local, 'ghs_x')).toEqual({})
    expect(bakeEnv([], '0.29.1', remote, '')).toEqual({})
  })
})
