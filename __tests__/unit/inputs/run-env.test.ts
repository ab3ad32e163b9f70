import { describe, it, expect } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import { parseInputs } from '../../../src/inputs/parse.js'
import {
  defaultGitContext,
  envBool,
  envSwitches,
  expandDefaultContext,
  isRemoteContext,
  recordRetentionDays,
  type RunEnv
} from '../../../src/inputs/run-env.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const HEAD_SHA = 'fedcba9876543210fedcba9876543210fedcba98'
const RUN: RunEnv = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main'
}

describe('defaultGitContext (docker/build-push-action: actions-toolkit Build.gitContext, fragment form)', () => {
  it.each<[string, RunEnv, unknown, string]>([
    ['the commit of a push', RUN, undefined, `https://github.com/octo/app.git#${SHA}`],
    [
      'GitHub Enterprise Server',
      { ...RUN, GITHUB_SERVER_URL: 'https://ghe.example.com/' },
      undefined,
      `https://ghe.example.com/octo/app.git#${SHA}`
    ],
    ['no GITHUB_SERVER_URL: github.com', { ...RUN, GITHUB_SERVER_URL: undefined }, undefined, `https://github.com/octo/app.git#${SHA}`],
    ['no sha: the ref', { ...RUN, GITHUB_SHA: undefined }, undefined, 'https://github.com/octo/app.git#refs/heads/main'],
    ['a short ref is a branch', { ...RUN, GITHUB_SHA: '', GITHUB_REF: 'dev' }, undefined, 'https://github.com/octo/app.git#refs/heads/dev'],
    [
      'a pull request: the merge commit (GITHUB_SHA)',
      { ...RUN, GITHUB_REF: 'refs/pull/7/merge' },
      { pull_request: { head: { sha: HEAD_SHA } } },
      `https://github.com/octo/app.git#${SHA}`
    ],
    [
      'a pull request with DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: the head commit',
      { ...RUN, GITHUB_REF: 'refs/pull/7/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: 'true' },
      { pull_request: { head: { sha: HEAD_SHA } } },
      `https://github.com/octo/app.git#${HEAD_SHA}`
    ],
    [
      'the head ref when the event has no head sha',
      { ...RUN, GITHUB_REF: 'refs/pull/7/merge', DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF: '1' },
      {},
      'https://github.com/octo/app.git#refs/pull/7/head'
    ],
    ['not a workflow run', {}, undefined, ''],
    ['no commit and no ref', { GITHUB_REPOSITORY: 'octo/app' }, undefined, ''],
    ['a malformed repository', { ...RUN, GITHUB_REPOSITORY: 'octo' }, undefined, '']
  ])('%s', (_what, env, event, want) => {
    expect(defaultGitContext({ env, event })).toBe(want)
  })
})

describe('expandDefaultContext', () => {
  const dc = `https://github.com/octo/app.git#${SHA}`
  it.each<[string, string]>([
    ['{{defaultContext}}', dc],
    ['{{ defaultContext }}:sub/dir', `${dc}:sub/dir`],
    ['./local', './local'],
    ['{{other}}', '{{other}}']
  ])('%j', (value, want) => {
    expect(expandDefaultContext(value, dc, 'context')).toBe(want)
  })

  it('refuses {{defaultContext}} outside a workflow run, naming the input', () => {
    expect(() => expandDefaultContext('{{defaultContext}}', '', 'build-contexts')).toThrow(
      /^build-contexts: \{\{defaultContext\}\} is the Git context/
    )
  })
})

describe('isRemoteContext', () => {
  it.each<[string, boolean]>([
    ['.', false],
    ['./app', false],
    ['/abs/dir', false],
    ['https://github.com/o/r.git#main', true],
    ['http://127.0.0.1:8080/o/r.git#abc:sub', true],
    ['git@github.com:o/r.git', true],
    ['github.com/o/r', true]
  ])('%j -> %s', (context, want) => {
    expect(isRemoteContext(context)).toBe(want)
  })
})

describe("docker's environment switches", () => {
  it.each<[RunEnv, { buildSummary: boolean; noDefaultAttestations: boolean }]>([
    [{}, { buildSummary: true, noDefaultAttestations: false }],
    [{ DOCKER_BUILD_SUMMARY: 'false' }, { buildSummary: false, noDefaultAttestations: false }],
    [{ DOCKER_BUILD_SUMMARY: '0' }, { buildSummary: false, noDefaultAttestations: false }],
    [
      { DOCKER_BUILD_SUMMARY: 'true', BUILDX_NO_DEFAULT_ATTESTATIONS: '1' },
      { buildSummary: true, noDefaultAttestations: true }
    ],
    [{ BUILDX_NO_DEFAULT_ATTESTATIONS: 'True' }, { buildSummary: true, noDefaultAttestations: true }],
    [{ BUILDX_NO_DEFAULT_ATTESTATIONS: '' }, { buildSummary: true, noDefaultAttestations: false }]
  ])('%j', (env, want) => {
    expect(envSwitches(env)).toEqual({ buildRecordUpload: true, ...want })
  })

  it.each<[RunEnv, boolean]>([
    [{}, true],
    [{ DOCKER_BUILD_RECORD_UPLOAD: 'false' }, false],
    [{ DOCKER_BUILD_RECORD_UPLOAD: '0' }, false],
    [{ DOCKER_BUILD_RECORD_UPLOAD: 'true' }, true]
  ])('build record upload: %j -> %s', (env, want) => {
    expect(envSwitches(env).buildRecordUpload).toBe(want)
  })

  it.each<[RunEnv, number]>([
    [{}, 0],
    [{ DOCKER_BUILD_RECORD_RETENTION_DAYS: '' }, 0],
    [{ DOCKER_BUILD_RECORD_RETENTION_DAYS: '0' }, 0],
    [{ DOCKER_BUILD_RECORD_RETENTION_DAYS: '7' }, 7],
    [{ DOCKER_BUILD_RECORD_RETENTION_DAYS: ' 90 ' }, 90]
  ])('retention days: %j -> %d', (env, want) => {
    expect(recordRetentionDays(env)).toBe(want)
  })

  it.each(['91', '-1', '1.5', 'week'])('refuses retention days %j, naming the variable', v => {
    expect(() => recordRetentionDays({ DOCKER_BUILD_RECORD_RETENTION_DAYS: v })).toThrow(
      expect.objectContaining({ input: 'DOCKER_BUILD_RECORD_RETENTION_DAYS' })
    )
  })

  it('refuses a value Go would not parse, naming the variable', () => {
    expect(() => envSwitches({ DOCKER_BUILD_SUMMARY: 'no' })).toThrow(InputError)
    expect(() => envSwitches({ DOCKER_BUILD_SUMMARY: 'no' })).toThrow(/^DOCKER_BUILD_SUMMARY: environment variable: expected true or false/)
  })

  it('a lenient switch keeps its default on a bad value', () => {
    expect(envBool({ X: 'maybe' }, 'X', false, true)).toBe(false)
  })
})

describe('parseInputs with the run', () => {
  const TOKEN = 'ghs_0123456789abcdefghijklmnopqrstuvwxyz'
  const read =
    (over: Record<string, string> = {}) =>
    (name: string) =>
      over[name] ?? ''
  const dc = `https://github.com/octo/app.git#${SHA}`

  it('defaults the context to the Git context of the run, . outside one', () => {
    expect(parseInputs(read(), { env: RUN }).context).toBe(dc)
    expect(parseInputs(read(), { env: RUN }).defaultContext).toBe(dc)
    expect(parseInputs(read(), {}).context).toBe('.')
    expect(parseInputs(read({ context: './app' }), { env: RUN }).context).toBe('./app')
  })

  it('expands {{defaultContext}} in context and build-contexts', () => {
    const s = parseInputs(read({ context: '{{defaultContext}}:test', 'build-contexts': 'base={{defaultContext}}:base\nother=./o' }), {
      env: RUN
    })
    expect(s.context).toBe(`${dc}:test`)
    expect(s.buildContexts).toEqual([`base=${dc}:base`, 'other=./o'])
  })

  it('passes github-token as the secret GIT_AUTH_TOKEN.<host> for the Git context only', () => {
    const env = { ...RUN, GITHUB_SERVER_URL: 'http://127.0.0.1:8080' }
    const gitCtx = `http://127.0.0.1:8080/octo/app.git#${SHA}`
    expect(parseInputs(read({ 'github-token': TOKEN }), { env }).secrets).toEqual([
      { id: 'GIT_AUTH_TOKEN.127.0.0.1:8080', kind: 'value', source: TOKEN }
    ])
    expect(parseInputs(read({ 'github-token': TOKEN, context: '{{defaultContext}}:sub' }), { env }).secrets).toHaveLength(1)
    expect(
      parseInputs(read({ 'github-token': TOKEN, context: '.', 'build-contexts': 'b={{defaultContext}}' }), { env }).secrets
    ).toHaveLength(1)
    // a local context, no token given, or the user's own GIT_AUTH_TOKEN secret: none added
    expect(parseInputs(read({ 'github-token': TOKEN, context: '.' }), { env }).secrets).toEqual([])
    expect(parseInputs(read(), { env }).secrets).toEqual([])
    expect(parseInputs(read({ 'github-token': TOKEN, secrets: 'GIT_AUTH_TOKEN=mine' }), { env }).secrets).toEqual([
      { id: 'GIT_AUTH_TOKEN', kind: 'value', source: 'mine' }
    ])
    expect(parseInputs(read({ 'github-token': TOKEN, 'secret-envs': 'GIT_AUTH_TOKEN.127.0.0.1:8080=MY_TOKEN' }), { env }).secrets).toEqual([
      { id: 'GIT_AUTH_TOKEN.127.0.0.1:8080', kind: 'env', source: 'MY_TOKEN' }
    ])
    // bake files bring their own contexts; merge builds nothing
    expect(parseInputs(read({ 'github-token': TOKEN, files: 'docker-bake.hcl' }), { env }).secrets).toEqual([])
    expect(parseInputs(read({ context: gitCtx }), { env }).githubToken).toBe('')
  })

  it("honours docker's switches", () => {
    expect(parseInputs(read(), { env: { DOCKER_BUILD_SUMMARY: 'false' } }).summary).toBe(false)
    expect(parseInputs(read({ summary: 'true' }), { env: { DOCKER_BUILD_SUMMARY: 'false' } }).summary).toBe(false)
    expect(parseInputs(read({ summary: 'false' }), { env: {} }).summary).toBe(false)
    expect(parseInputs(read(), { env: { BUILDX_NO_DEFAULT_ATTESTATIONS: '1' } }).noDefaultAttestations).toBe(true)
    expect(parseInputs(read(), { env: { DOCKER_BUILD_RECORD_UPLOAD: 'false' } }).buildRecordUpload).toBe(false)
    expect(parseInputs(read({ 'build-record-upload': 'false' }), { env: {} }).buildRecordUpload).toBe(false)
    expect(parseInputs(read({ 'build-record-upload': 'true' }), { env: { DOCKER_BUILD_RECORD_UPLOAD: 'false' } }).buildRecordUpload).toBe(
      false
    )
    expect(parseInputs(read(), { env: { DOCKER_BUILD_RECORD_RETENTION_DAYS: '3' } }).buildRecordRetentionDays).toBe(3)
    // a bad retention matters only when there is an upload to keep
    expect(() => parseInputs(read(), { env: { DOCKER_BUILD_RECORD_RETENTION_DAYS: 'x' } })).toThrow('DOCKER_BUILD_RECORD_RETENTION_DAYS')
    expect(
      parseInputs(read({ 'build-record-upload': 'false' }), { env: { DOCKER_BUILD_RECORD_RETENTION_DAYS: 'x' } }).buildRecordRetentionDays
    ).toBe(0)
  })

  it('reads a multi-line quoted secret as one value (docker CSV)', () => {
    const s = parseInputs(read({ secrets: '"MYSECRET=aaa\nbbb"\nOTHER=c' }))
    expect(s.secrets).toEqual([
      { id: 'MYSECRET', kind: 'value', source: 'aaa\nbbb' },
      { id: 'OTHER', kind: 'value', source: 'c' }
    ])
  })

  it('splits secret-envs and ssh on commas as docker does, keeping several key files of one ssh id', () => {
    const s = parseInputs(read({ 'secret-envs': 'A=X,B=Y', ssh: 'default,deploy=/k/a,/k/b' }))
    expect(s.secrets.map(x => x.id)).toEqual(['A', 'B'])
    expect(s.ssh).toEqual(['default', 'deploy=/k/a,/k/b'])
  })

  it('refuses push: yes with a clear message', () => {
    expect(() => parseInputs(read({ push: 'yes' }))).toThrow(
      'push: expected true or false (true, True, TRUE, false, False or FALSE), got "yes"'
    )
  })
})
