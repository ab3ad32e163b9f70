import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { InputError } from '../../../src/errors.js'
import {
  bakeCacheToOverrides,
  cacheToForRun,
  setWithoutCacheTo,
  withoutBakeCacheExports,
  forkOf,
  scopeEnvFrom,
  scopeKey,
  scopedBuilderName,
  type BuilderScope,
  type ScopeEnv
} from '../../../src/runner/isolation.js'

const ENV: ScopeEnv = { repository: 'octo/app', refName: 'main', actor: 'alice', runId: '1001', job: 'build' }
const name = (scope: BuilderScope, over: Partial<ScopeEnv> = {}, fork = '') => scopedBuilderName(scope, { ...ENV, ...over }, fork)

describe('scopedBuilderName', () => {
  it('is undefined for scope none (a throwaway builder)', () => {
    expect(name('none')).toBeUndefined()
  })

  it.each<[BuilderScope]>([['job'], ['branch'], ['repo'], ['actor']])(
    'names a %s builder build-image-<scope>-<12 hex of sha256 of the key>',
    scope => {
      const n = name(scope) ?? ''
      const hash = createHash('sha256')
        .update(scopeKey(scope as Exclude<BuilderScope, 'none'>, ENV))
        .digest('hex')
        .slice(0, 12)
      expect(n).toBe(`build-image-${scope}-${hash}`)
      expect(n).toMatch(/^build-image-[a-z]+-[0-9a-f]{12}$/)
    }
  )

  it('is stable: the same scope and environment give the same name', () => {
    expect(name('branch')).toBe(name('branch'))
  })

  it.each<[string, BuilderScope, Partial<ScopeEnv>, Partial<ScopeEnv>]>([
    ['repos differ (repo scope)', 'repo', {}, { repository: 'octo/other' }],
    ['repos differ (branch scope, same branch)', 'branch', {}, { repository: 'octo/other' }],
    ['branches differ', 'branch', {}, { refName: 'feature' }],
    ['actors differ', 'actor', {}, { actor: 'mallory' }],
    ['repos differ (actor scope, same actor)', 'actor', {}, { repository: 'evil/app' }],
    ['runs differ', 'job', {}, { runId: '1002' }],
    ['jobs differ', 'job', {}, { job: 'test' }],
    ['branch case matters', 'branch', { refName: 'Main' }, { refName: 'main' }]
  ])('never shares a builder when %s', (_what, scope, a, b) => {
    expect(name(scope, a)).not.toBe(name(scope, b))
  })

  it('ignores what the scope does not include', () => {
    expect(name('repo', { refName: 'a', actor: 'x', runId: '1', job: 'j' })).toBe(
      name('repo', { refName: 'b', actor: 'y', runId: '2', job: 'k' })
    )
    expect(name('branch', { actor: 'x' })).toBe(name('branch', { actor: 'y' }))
    expect(name('actor', { refName: 'a' })).toBe(name('actor', { refName: 'b' }))
  })

  it('gives different scopes of the same repository different builders', () => {
    const names = (['job', 'branch', 'repo', 'actor'] as const).map(s => name(s))
    expect(new Set(names).size).toBe(4)
  })

  it('treats repository and actor names case-insensitively, as GitHub does', () => {
    expect(name('repo', { repository: 'Octo/App' })).toBe(name('repo'))
    expect(name('actor', { actor: 'Alice' })).toBe(name('actor'))
  })

  it('cannot be confused by a value that contains the separator of another part', () => {
    // "a/b" + branch "c" vs "a" + branch "b/c"-like splits: the JSON key keeps the parts apart
    expect(name('branch', { repository: 'o/a', refName: 'b","c' })).not.toBe(name('branch', { repository: 'o/a","b', refName: 'c' }))
  })

  it('gives a fork its own builder', () => {
    expect(name('repo', {}, 'mallory/app')).not.toBe(name('repo'))
    expect(name('repo', {}, 'mallory/app')).not.toBe(name('repo', {}, 'eve/app'))
  })

  it.each<[BuilderScope, Partial<ScopeEnv>, string]>([
    ['repo', { repository: '' }, 'GITHUB_REPOSITORY'],
    ['branch', { refName: '' }, 'GITHUB_REF_NAME'],
    ['actor', { actor: '' }, 'GITHUB_ACTOR'],
    ['job', { runId: '' }, 'GITHUB_RUN_ID'],
    ['job', { job: '' }, 'GITHUB_JOB']
  ])('refuses a %s scope without %j, naming the variable', (scope, over, variable) => {
    expect(() => name(scope, over)).toThrow(InputError)
    expect(() => name(scope, over)).toThrow(new RegExp(`^builder-scope: .*${variable}`))
  })

  it('reads the environment', () => {
    expect(
      scopeEnvFrom({ GITHUB_REPOSITORY: 'o/r', GITHUB_REF_NAME: 'b', GITHUB_ACTOR: 'a', GITHUB_RUN_ID: '9', GITHUB_JOB: 'j' })
    ).toEqual({
      repository: 'o/r',
      refName: 'b',
      actor: 'a',
      runId: '9',
      job: 'j'
    })
    expect(scopeEnvFrom({})).toEqual({ repository: '', refName: '', actor: '', runId: '', job: '' })
  })
})

describe('forkOf', () => {
  const pr = (head: unknown, base = 'octo/app') => ({
    pull_request: { head: { repo: head === undefined ? undefined : head } },
    repository: { full_name: base }
  })

  it.each<[string, string, unknown, string]>([
    ['a push', 'push', { repository: { full_name: 'octo/app' } }, ''],
    ['a pull request from a branch of the same repository', 'pull_request', pr({ full_name: 'octo/app' }), ''],
    ['same repository, other case', 'pull_request', pr({ full_name: 'Octo/App' }), ''],
    ['a pull request from a fork', 'pull_request', pr({ full_name: 'mallory/app' }), 'mallory/app'],
    ['pull_request_target from a fork', 'pull_request_target', pr({ full_name: 'mallory/app' }), 'mallory/app'],
    ['a review on a fork pull request', 'pull_request_review', pr({ full_name: 'mallory/app' }), 'mallory/app'],
    ['a deleted fork (head repo null)', 'pull_request', pr(null), 'unknown fork'],
    ['an unreadable event file', 'pull_request', undefined, 'unknown fork'],
    ['an event that is not an object', 'pull_request', 'garbage', 'unknown fork'],
    [
      'a fork with no base repository in the event',
      'pull_request',
      { pull_request: { head: { repo: { full_name: 'mallory/app' } } } },
      'mallory/app'
    ],
    ['a workflow_dispatch even with a PR-like payload', 'workflow_dispatch', pr({ full_name: 'mallory/app' }), ''],
    ['no event name', '', pr({ full_name: 'mallory/app' }), ''],
    // events that build pull-request code without being pull_request events
    [
      'workflow_run started by a fork pull request',
      'workflow_run',
      { workflow_run: { event: 'pull_request', head_repository: { full_name: 'mallory/app' } }, repository: { full_name: 'octo/app' } },
      'mallory/app'
    ],
    [
      'workflow_run started by a same-repository pull request',
      'workflow_run',
      { workflow_run: { event: 'pull_request', head_repository: { full_name: 'octo/app' } }, repository: { full_name: 'octo/app' } },
      ''
    ],
    [
      'workflow_run started by a push',
      'workflow_run',
      { workflow_run: { event: 'push', head_repository: { full_name: 'mallory/app' } }, repository: { full_name: 'octo/app' } },
      ''
    ],
    ['workflow_run from a pull request, head unknown', 'workflow_run', { workflow_run: { event: 'pull_request_target' } }, 'unknown fork'],
    ['a comment on a pull request', 'issue_comment', { issue: { pull_request: { url: 'u' } } }, 'a pull request (issue_comment)'],
    ['a comment on an issue', 'issue_comment', { issue: {} }, '']
  ])('%s', (_what, eventName, event, want) => {
    expect(forkOf(eventName, event)).toBe(want)
  })
})

describe('cacheToForRun', () => {
  const all = [
    'type=gha,mode=max',
    'type=registry,ref=ghcr.io/o/cache:main',
    'ghcr.io/o/cache:bare',
    'type=local,dest=/cache',
    'type=inline',
    '"type=s3,region=x"'
  ]

  it('keeps everything for a run that is not from a fork', () => {
    expect(cacheToForRun(all, '', false)).toEqual({ cacheTo: all })
  })

  it('drops every shared cache export for a fork, keeps inline, and says why', () => {
    const r = cacheToForRun(all, 'mallory/app', false)
    expect(r.cacheTo).toEqual(['type=inline'])
    expect(r.warning).toMatch(/^cache-to: 5 cache export\(s\) dropped: .*fork mallory\/app.*allow-fork-cache-write: true/)
  })

  it('keeps everything for a fork when the user opted in', () => {
    expect(cacheToForRun(all, 'mallory/app', true)).toEqual({ cacheTo: all })
  })

  it('says nothing when there is nothing to drop', () => {
    expect(cacheToForRun([], 'mallory/app', false)).toEqual({ cacheTo: [] })
    expect(cacheToForRun(['type=inline'], 'mallory/app', false)).toEqual({ cacheTo: ['type=inline'] })
  })
})

describe('bakeCacheToOverrides', () => {
  it.each([
    ['a run that may write: nothing', { a: { 'cache-to': ['type=registry,ref=r/c'] } }, '', []],
    ['strings (buildx 0.13): shared exports cleared', { a: { 'cache-to': ['type=registry,ref=r/c'] }, b: {} }, 'm/app', ['a.cache-to=']],
    [
      'objects (buildx 0.29): inline kept',
      { a: { 'cache-to': [{ type: 'inline' }, { type: 'local', dest: '/c' }] } },
      'm/app',
      ['a.cache-to=type=inline']
    ],
    ['a bare ref is a registry export', { a: { 'cache-to': ['r/c:cache'] } }, 'm/app', ['a.cache-to=']],
    ['inline only: untouched', { a: { 'cache-to': ['type=inline'] }, b: { 'cache-to': [{ type: 'inline' }] } }, 'm/app', []]
  ])('%s', (_what, targets, fork, set) => {
    expect(bakeCacheToOverrides(targets, fork).set).toEqual(set)
  })

  it('warns with what was dropped, naming the fork and the opt-in', () => {
    const r = bakeCacheToOverrides({ a: { 'cache-to': ['type=gha', 'type=local,dest=/c'] } }, 'mallory/app', 1)
    expect(r.warning).toMatch(
      /^cache-to: 2 cache export\(s\) of the bake definition and 1 cache-to override\(s\) of set dropped: .*mallory\/app.*allow-fork-cache-write/
    )
  })
})

describe('setWithoutCacheTo', () => {
  it('drops every override of cache-to, by any target pattern, and keeps the rest', () => {
    expect(
      setWithoutCacheTo([
        '*.cache-to=type=gha',
        'a.cache-to+=type=local,dest=/c',
        'cache-to=x',
        'a.cache-from=type=gha',
        'a.args.X=cache-to'
      ])
    ).toEqual({
      set: ['a.cache-from=type=gha', 'a.args.X=cache-to'],
      dropped: 3
    })
  })
})

describe('withoutBakeCacheExports', () => {
  const shared = { app: { 'cache-to': ['type=registry,ref=r/cache'] } }
  const cleared = { app: { 'cache-to': [] } }
  it('leaves a run that may write shared caches, and a definition without cache exports, as printed', async () => {
    for (const [printed, fork] of [
      [shared, ''],
      [cleared, 'octo/fork']
    ] as const) {
      const set: string[] = []
      let prints = 0
      const out = await withoutBakeCacheExports(printed, fork, 0, set, async () => (prints++, printed), 'bake')
      expect(out).toEqual({ printed })
      expect([set, prints]).toEqual([[], 0])
    }
  })
  it('adds the overrides to set and returns the definition printed again with them', async () => {
    const set = ['*.platform=linux/amd64']
    const out = await withoutBakeCacheExports(shared, 'octo/fork', 1, set, async () => cleared, 'bake')
    expect(set).toEqual(['*.platform=linux/amd64', 'app.cache-to='])
    expect(out.printed).toBe(cleared)
    expect(out.warning).toMatch(
      /^cache-to: 1 cache export\(s\) of the bake definition and 1 cache-to override\(s\) of set dropped: .*octo\/fork/
    )
  })
  it('refuses a definition that still exports cache once printed again, naming the tool', async () => {
    await expect(withoutBakeCacheExports(shared, 'octo/fork', 0, [], async () => shared, 'depot bake')).rejects.toThrow(
      /^depot bake still exports cache with cache-to cleared/
    )
  })
  it('keeps the warning for cache-to overrides of set dropped when the definition has none', async () => {
    const out = await withoutBakeCacheExports(cleared, 'octo/fork', 2, [], async () => cleared, 'bake')
    expect(out.warning).toMatch(/^cache-to: 2 cache-to override\(s\) of set dropped/)
  })
})
