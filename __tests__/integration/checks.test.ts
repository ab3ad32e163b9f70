// Build checks against the testbed's real BuildKit: the warnings of every build as annotations on
// the right Dockerfile lines (single build, bake, matrix), and the call input (check, targets),
// which builds and pushes nothing. Where buildx lacks build checks (0.13 on trixie) the tests
// named [without build-checks] / [without bake-call] run instead: no warnings, call refused by name.
import { beforeAll, describe, expect } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expectSuccess, itWhen, itWithout, listTags, runAction, testbed, uniqueRepo, type ActionRun, type Testbed } from './harness.js'

let tb: Testbed
/** the workspace: app/ has a Dockerfile with three check warnings, clean/ one with none */
let ws: string

beforeAll(() => {
  tb = testbed()
  ws = mkdtempSync(path.join(os.tmpdir(), 'bia-checks-'))
  mkdirSync(path.join(ws, 'app'))
  mkdirSync(path.join(ws, 'clean'))
  // line 1: FromAsCasing, line 2: UndefinedVar, line 3: JSONArgsRecommended
  writeFileSync(path.join(ws, 'app/Dockerfile'), [`FROM ${tb.baseImage} as base`, 'ENV A=$UNDEFINED_THING', 'CMD echo hi', ''].join('\n'))
  writeFileSync(path.join(ws, 'clean/Dockerfile'), [`FROM ${tb.baseImage} AS base`, 'CMD ["echo", "hi"]', ''].join('\n'))
  mkdirSync(path.join(ws, 'outline'))
  writeFileSync(
    path.join(ws, 'outline/Dockerfile'),
    [
      `FROM ${tb.baseImage} AS base`,
      '# GREETING what the image says',
      'ARG GREETING=hi',
      'RUN --mount=type=secret,id=token,required=true true',
      ''
    ].join('\n')
  )
  writeFileSync(
    path.join(ws, 'docker-bake.hcl'),
    [
      'target "bad" {',
      '  context = "app"',
      '}',
      'target "good" {',
      '  context = "clean"',
      '}',
      'target "outlined" {',
      '  context = "outline"',
      '}',
      ''
    ].join('\n')
  )
})

interface Annotation {
  file: string
  line: number
  title: string
  message: string
}

/** The ::warning commands main wrote, read the way the runner reads them. */
function warningAnnotations(run: ActionRun): Annotation[] {
  const unescape = (s: string) =>
    s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
  return run.main.log.split('\n').flatMap(l => {
    const m = /^::warning (.*?)::(.*)$/.exec(l)
    if (!m?.[1]) return []
    const props = Object.fromEntries(m[1].split(',').map(p => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]))
    if (!props['title']) return []
    return [{ file: props['file'] ?? '', line: Number(props['line'] ?? 0), title: props['title'], message: unescape(m[2] ?? '') }]
  })
}

const EXPECTED = [
  { file: 'app/Dockerfile', line: 1, title: 'FromAsCasing' },
  { file: 'app/Dockerfile', line: 2, title: 'UndefinedVar' },
  { file: 'app/Dockerfile', line: 3, title: 'JSONArgsRecommended' }
]

const placed = (run: ActionRun) =>
  warningAnnotations(run)
    .map(a => ({ file: a.file, line: a.line, title: a.title }))
    .sort((a, b) => a.line - b.line)

/** buildx 0.13: the call input refused by name, before anything is built. */
function expectRefused(run: ActionRun, kind: 'build' | 'bake'): void {
  expect(run.main.code).toBe(1)
  expect(run.main.log).toMatch(
    new RegExp(`::error::call: \\w+ needs buildx ${kind === 'build' ? '0\\.15' : '0\\.16'}\\.0 or later for ${kind} --call`)
  )
  expect(run.main.log).not.toMatch(/#\d+ \[/)
}

const env = (extra: NodeJS.ProcessEnv = {}) => ({ GITHUB_WORKSPACE: ws, ...extra })

describe('check warnings of every build', () => {
  itWhen(
    'build-checks',
    'a single build: each warning an annotation on its Dockerfile line, the check-warnings output and the summary',
    async () => {
      const run = await runAction({ context: 'app', load: 'true' }, { cwd: ws, env: env() })
      expectSuccess(run)
      const output = JSON.parse(run.outputs['check-warnings'] ?? 'null') as Record<
        string,
        Array<{ rule: string; line: number; file: string }>
      >
      expect(placed(run)).toEqual(EXPECTED)
      expect(warningAnnotations(run).find(a => a.title === 'UndefinedVar')?.message).toContain('UNDEFINED_THING')
      // BuildKit reports the warnings in no fixed order
      expect(output['default']?.map(w => [w.rule, w.file, w.line]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual(
        EXPECTED.map(e => [e.title, e.file, e.line])
      )
      expect(run.summary).toContain('Build checks')
      expect(run.summary).toContain('`app/Dockerfile:2`')
    },
    240_000
  )

  itWhen(
    'build-checks',
    'DOCKER_BUILD_CHECKS_ANNOTATIONS=false: no annotations, the output and summary stay',
    async () => {
      const run = await runAction({ context: 'app', load: 'true' }, { cwd: ws, env: env({ DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false' }) })
      expectSuccess(run)
      expect(placed(run)).toEqual([])
      const output = JSON.parse(run.outputs['check-warnings'] ?? 'null') as Record<string, unknown[]>
      expect(output['default'] ?? []).toHaveLength(3)
    },
    240_000
  )

  itWhen(
    'build-checks',
    'a bake: the warnings go to the target whose Dockerfile has them',
    async () => {
      const run = await runAction({ files: 'docker-bake.hcl', targets: 'bad,good', load: 'true' }, { cwd: ws, env: env() })
      expectSuccess(run)
      const output = JSON.parse(run.outputs['check-warnings'] ?? 'null') as Record<string, Array<{ rule: string; line: number }>>
      expect(placed(run)).toEqual(EXPECTED)
      expect(Object.keys(output)).toEqual(['bad'])
      expect(output['bad']?.map(w => w.line).sort()).toEqual([1, 2, 3])
    },
    240_000
  )

  itWhen(
    'build-checks',
    'a matrix: every combination has the warnings, each annotation once',
    async () => {
      const run = await runAction(
        { context: 'app', file: 'app/Dockerfile', matrix: 'variant: [one, two]', load: 'true' },
        { cwd: ws, env: env() }
      )
      expectSuccess(run)
      const output = JSON.parse(run.outputs['check-warnings'] ?? 'null') as Record<string, unknown[]>
      expect(placed(run)).toEqual(EXPECTED)
      expect(Object.keys(output)).toHaveLength(2)
      for (const list of Object.values(output)) expect(list).toHaveLength(3)
    },
    240_000
  )

  itWithout(
    'build-checks',
    "a build, a bake and a matrix: no warnings to show, as the engine's frontend has no checks",
    async () => {
      const cases: Array<Record<string, string>> = [
        { context: 'app', load: 'true' },
        { files: 'docker-bake.hcl', targets: 'bad,good', load: 'true' },
        { context: 'app', file: 'app/Dockerfile', matrix: 'variant: [one, two]', load: 'true' }
      ]
      for (const inputs of cases) {
        const run = await runAction(inputs, { cwd: ws, env: env() })
        expectSuccess(run)
        expect(placed(run)).toEqual([])
        expect(JSON.parse(run.outputs['check-warnings'] ?? 'null')).toEqual({})
      }
    },
    240_000
  )
})

describe('call', () => {
  itWithout(
    'build-checks',
    'call on a build (check, targets) is refused by name, before anything is built or pushed',
    async () => {
      const repo = uniqueRepo('checks')
      const run = await runAction(
        { context: 'app', call: 'check', push: 'true', tags: `${tb.registry}/${repo}:v1` },
        { cwd: ws, env: env() }
      )
      expectRefused(run, 'build')
      expect(run.main.log).toContain(`this buildx is ${tb.buildxVersion}`)
      expect(await listTags(repo)).toEqual([])
      for (const call of ['check,ignorestatus=true', 'targets'])
        expectRefused(await runAction({ context: 'app', call }, { cwd: ws, env: env() }), 'build')
    },
    240_000
  )

  itWithout(
    'bake-call',
    'call on a bake or a matrix (check, outline) is refused by name',
    async () => {
      expectRefused(await runAction({ files: 'docker-bake.hcl', targets: 'bad,good', call: 'check' }, { cwd: ws, env: env() }), 'bake')
      expectRefused(await runAction({ context: 'app', call: 'check', matrix: 'variant: [one, two]' }, { cwd: ws, env: env() }), 'bake')
      expectRefused(await runAction({ files: 'docker-bake.hcl', targets: 'outlined', call: 'outline' }, { cwd: ws, env: env() }), 'bake')
    },
    240_000
  )

  itWhen(
    'build-checks',
    'check on a Dockerfile with warnings fails the step, annotates each one, and pushes nothing',
    async () => {
      const repo = uniqueRepo('checks')
      const run = await runAction(
        { context: 'app', call: 'check', push: 'true', tags: `${tb.registry}/${repo}:v1` },
        { cwd: ws, env: env() }
      )
      expect(run.main.code).toBe(1)
      expect(await listTags(repo)).toEqual([])
      expect(run.main.log).toContain('Check complete, 3 warnings have been found!')
      expect(placed(run)).toEqual(EXPECTED)
      expect(run.summary).toContain('Check (call: check)')
      expect(run.summary).toContain('UndefinedVar')
    },
    240_000
  )

  itWhen(
    'build-checks',
    'check on a clean Dockerfile passes and pushes nothing',
    async () => {
      const repo = uniqueRepo('checks')
      const run = await runAction(
        { context: 'clean', call: 'check', push: 'true', tags: `${tb.registry}/${repo}:v1` },
        { cwd: ws, env: env() }
      )
      expectSuccess(run)
      expect(placed(run)).toEqual([])
      expect(await listTags(repo)).toEqual([])
      expect(run.summary).toContain('no warnings found')
    },
    240_000
  )

  itWhen(
    'build-checks',
    'check,ignorestatus=true reports the warnings without failing',
    async () => {
      const run = await runAction({ context: 'app', call: 'check,ignorestatus=true' }, { cwd: ws, env: env() })
      expectSuccess(run)
      expect(placed(run)).toEqual(EXPECTED)
    },
    240_000
  )

  itWhen(
    'bake-call',
    'check on a bake fails for the target with warnings, annotated on its Dockerfile',
    async () => {
      const run = await runAction({ files: 'docker-bake.hcl', targets: 'bad,good', call: 'check' }, { cwd: ws, env: env() })
      expect(run.main.code).toBe(1)
      expect(run.main.log).toContain('Check complete, 3 warnings have been found!')
      expect(placed(run)).toEqual(EXPECTED)
      const output = JSON.parse(run.outputs['check-warnings'] ?? 'null') as Record<string, unknown[]>
      expect(output['bad']).toHaveLength(3)
      expect(output['good']).toEqual([])
    },
    240_000
  )

  itWhen(
    'bake-call',
    'check on a matrix fails, and passes on a clean Dockerfile',
    async () => {
      const bad = await runAction({ context: 'app', call: 'check', matrix: 'variant: [one, two]' }, { cwd: ws, env: env() })
      expect(bad.main.code).toBe(1)
      expect(placed(bad)).toEqual(EXPECTED)
      expect(bad.main.log).toContain('Check complete, 6 warnings have been found!')
      const good = await runAction({ context: 'clean', call: 'check', matrix: 'variant: [one, two]' }, { cwd: ws, env: env() })
      expectSuccess(good)
    },
    240_000
  )

  itWhen(
    'build-checks',
    'targets: the stages as buildx answers, in the call-result output and the summary',
    async () => {
      const run = await runAction({ context: 'app', call: 'targets' }, { cwd: ws, env: env() })
      expectSuccess(run)
      const result = JSON.parse(run.outputs['call-result'] ?? 'null') as { targets: Array<{ name: string; base: string }> }
      expect(result.targets.map(t => [t.name, t.base])).toEqual([['base', tb.baseImage]])
      expect(run.summary).toContain('Targets (call: targets)')
      expect(run.summary).toContain(`| base (default) | ${tb.baseImage} |`)
    },
    240_000
  )

  itWhen(
    'bake-call',
    'outline of a bake target: its build args and secrets, in call-result and the summary',
    async () => {
      const run = await runAction({ files: 'docker-bake.hcl', targets: 'outlined', call: 'outline' }, { cwd: ws, env: env() })
      expectSuccess(run)
      const result = JSON.parse(run.outputs['call-result'] ?? 'null') as {
        target: Record<string, { outline: { args: Array<{ name: string; value: string }>; secrets: Array<{ name: string }> } }>
      }
      expect(result.target['outlined']?.outline.args.map(a => [a.name, a.value])).toEqual([['GREETING', 'hi']])
      expect(result.target['outlined']?.outline.secrets.map(x => x.name)).toEqual(['token'])
      expect(run.summary).toContain('Outline (call: outline)')
      expect(run.summary).toContain('| GREETING | hi |')
      expect(run.summary).toContain('secret `token` (required)')
    },
    240_000
  )
})
