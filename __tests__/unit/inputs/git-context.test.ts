import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { withGitQueryForm } from '../../../src/inputs/git-context.js'
import { dockerfilePath, parseInputs } from '../../../src/inputs/parse.js'
import { planRun, type MatrixPlan, type RunFacts } from '../../../src/inputs/plan.js'
import { gitQueryForm, queryFormOf, remoteDockerfile, type RunEnv } from '../../../src/inputs/run-env.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const DC = `https://github.com/octo/app.git#${SHA}`
const Q = `https://github.com/octo/app.git?ref=${SHA}`
const RUN: RunEnv = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main'
}

describe('gitQueryForm (docker/actions-toolkit: BUILDX_SEND_GIT_QUERY_AS_INPUT with buildx >= 0.29.0)', () => {
  it.each<[string, RunEnv, string, boolean]>([
    ['set, buildx 0.29.1', { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true' }, '0.29.1', true],
    ['set, buildx 0.29.0', { BUILDX_SEND_GIT_QUERY_AS_INPUT: '1' }, '0.29.0', true],
    ['set, buildx 0.33.0', { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'TRUE' }, 'v0.33.0', true],
    ['set, buildx 0.28.1: the fragment form', { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true' }, '0.28.1', false],
    ['set, buildx 0.13.1: the fragment form', { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true' }, '0.13.1', false],
    ['set, version unknown: the fragment form', { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true' }, '', false],
    ['unset', {}, '0.29.1', false],
    ['false', { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'false' }, '0.29.1', false],
    ['a bad value is ignored, as the toolkit ignores it', { BUILDX_SEND_GIT_QUERY_AS_INPUT: 'yes' }, '0.29.1', false]
  ])('%s', (_, env, version, want) => {
    expect(gitQueryForm(env, version)).toBe(want)
  })
})

describe('queryFormOf: the run Git context in the query form', () => {
  it.each<[string, string, string]>([
    ['the context itself', DC, Q],
    ['{{defaultContext}}:subdir', `${DC}:test`, `${Q}&subdir=test`],
    ['a nested subdir', `${DC}:a/b`, `${Q}&subdir=a/b`],
    ['the root folder is left out, as the toolkit does', `${DC}:.`, Q],
    ['an empty subdir', `${DC}:`, Q],
    ["a subdir's & and # stay in the value", `${DC}:a&b#c`, `${Q}&subdir=a%26b%23c`],
    ['a local path', './app', './app'],
    ['a Git context the user wrote (query form)', 'https://host/repo.git?ref=main&subdir=app', 'https://host/repo.git?ref=main&subdir=app'],
    [
      'a Git context the user wrote (fragment form)',
      'https://github.com/octo/app.git#main:app',
      'https://github.com/octo/app.git#main:app'
    ],
    [
      'another commit of the same repository',
      `https://github.com/octo/app.git#${SHA.slice(0, 7)}`,
      `https://github.com/octo/app.git#${SHA.slice(0, 7)}`
    ],
    ['a longer value that only starts alike', `${DC}0`, `${DC}0`]
  ])('%s', (_, value, want) => {
    expect(queryFormOf(value, DC)).toBe(want)
  })

  it('a pull request ref pinned as the ref', () => {
    expect(queryFormOf('https://github.com/octo/app.git#refs/pull/7/head', 'https://github.com/octo/app.git#refs/pull/7/head')).toBe(
      'https://github.com/octo/app.git?ref=refs/pull/7/head'
    )
  })

  it('no run context: the value as it is', () => {
    expect(queryFormOf('./app', '')).toBe('./app')
  })
})

describe('remoteDockerfile: the Dockerfile of a remote context as a path in its repository', () => {
  it.each<[string, string, string]>([
    [DC, '', 'Dockerfile'],
    [`${DC}:test`, '', 'test/Dockerfile'],
    [`${DC}:test`, 'app.Dockerfile', 'test/app.Dockerfile'],
    [`${DC}:.`, './Dockerfile', 'Dockerfile'],
    [Q, '', 'Dockerfile'],
    [`${Q}&subdir=test`, '', 'test/Dockerfile'],
    ['https://host/repo.git?ref=main&subdir=app', 'build/Containerfile', 'app/build/Containerfile'],
    ['https://host/repo.git?ref=main&subdir=a%26b', '', 'a&b/Dockerfile'],
    ['git@github.com:octo/app.git#main:app', '', 'app/Dockerfile'],
    ['https://example.com/context.tar.gz', '', 'Dockerfile']
  ])('%s with file %j: %s', (context, file, want) => {
    expect(remoteDockerfile(context, file)).toBe(want)
  })

  it("dockerfilePath of a query-form context is not the URL's mangled path", () => {
    expect(dockerfilePath({ context: 'https://host/repo.git?ref=main&subdir=app', file: '' })).toBe('app/Dockerfile')
    expect(dockerfilePath({ context: './app', file: '' })).toBe('app/Dockerfile')
  })
})

describe('withGitQueryForm: the plan once buildx is known', () => {
  const defaults = Object.fromEntries(
    Object.entries(
      (parseYaml(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, { default?: string }> })
        .inputs
    ).map(([k, v]) => [k, v.default ?? ''])
  )
  const facts: RunFacts = { cwd: '/w', fork: '', scopeEnv: { repository: '', refName: '', actor: '', runId: '', job: '' }, digestFiles: [] }
  const plan = (inputs: Record<string, string>) =>
    planRun(
      parseInputs(name => inputs[name] ?? defaults[name] ?? '', { env: RUN }),
      facts
    )

  it('the default context and {{defaultContext}} build contexts; the rest as given', () => {
    const p = withGitQueryForm(plan({ 'build-contexts': 'base={{defaultContext}}:base\nmine=https://host/r.git?ref=main\nlocal=./o' }))
    expect(p.settings.context).toBe(Q)
    expect(p.settings.buildContexts).toEqual([`base=${Q}&subdir=base`, 'mine=https://host/r.git?ref=main', 'local=./o'])
  })

  it('{{defaultContext}}:subdir as the context', () => {
    expect(withGitQueryForm(plan({ context: '{{defaultContext}}:test' })).settings.context).toBe(`${Q}&subdir=test`)
  })

  it("a user's query-form context is kept", () => {
    const ctx = 'https://host/repo.git?ref=main&subdir=app'
    const p = withGitQueryForm(plan({ context: ctx }))
    expect(p.settings.context).toBe(ctx)
    expect(p.kind === 'single' && p.dockerfile).toBe('app/Dockerfile')
  })

  it("a matrix's generated targets", () => {
    const p = withGitQueryForm(plan({ matrix: 'v: [1, 2]', tags: 'r/app:{{ v }}', context: '{{defaultContext}}:app' })) as MatrixPlan
    expect(p.kind).toBe('matrix')
    const contexts = Object.values(p.definition.target).map(t => t.context)
    expect(contexts).toEqual([`${Q}&subdir=app`, `${Q}&subdir=app`])
  })

  it('the parsed settings are not changed', () => {
    const p = plan({})
    withGitQueryForm(p)
    expect(p.settings.context).toBe(DC)
  })
})
