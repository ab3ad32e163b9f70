import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { InputError, MatrixError } from '../../../src/errors.js'
import { dockerfilePath, parseInputs, type Settings } from '../../../src/inputs/parse.js'
import { buildsOneImage, planRun, withBaseAnnotations, type BuildPlan, type RunFacts } from '../../../src/inputs/plan.js'

const ACTION_DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries(
    (parseYaml(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, { default?: string }> })
      .inputs
  ).map(([k, v]) => [k, v.default ?? ''])
)

function settings(inputs: Record<string, string>): Settings {
  return parseInputs(name => inputs[name] ?? ACTION_DEFAULTS[name] ?? '')
}

const FACTS: RunFacts = {
  cwd: '/work/repo',
  fork: '',
  scopeEnv: { repository: '', refName: '', actor: '', runId: '', job: '' },
  digestFiles: []
}

function plan(inputs: Record<string, string>, facts: Partial<RunFacts> = {}): BuildPlan {
  return planRun(settings(inputs), { ...FACTS, ...facts })
}

/** Runs fn and returns the InputError it throws. */
function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error('expected an InputError')
}

const D1 = `sha256:${'a'.repeat(64)}`
const D2 = `sha256:${'0123456789abcdef'.repeat(4)}`

describe('planRun: the kind of run and what it carries', () => {
  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    ['defaults: a single build', {}, { kind: 'single', dockerfile: 'Dockerfile', tags: [], reports: { dockerfileBase: true } }],
    [
      'a single build from a context',
      { context: 'app', tags: 'r/app:1' },
      { kind: 'single', dockerfile: 'app/Dockerfile', tags: ['r/app:1'] }
    ],
    ['a single build with a file', { context: 'app', file: 'x/Containerfile' }, { kind: 'single', dockerfile: 'x/Containerfile' }],
    [
      'push-by-digest: the repository of the first tag, once',
      { 'push-by-digest': 'true', push: 'true', tags: 'ghcr.io/o/app:1\nghcr.io/o/other:2' },
      { kind: 'single', repository: 'ghcr.io/o/app', dockerfile: 'Dockerfile' }
    ],
    ['no tag: no repository', {}, { kind: 'single', repository: '' }],
    [
      'platform-split',
      { 'platform-split': 'true', push: 'true', platforms: 'linux/amd64,linux/arm64', tags: 'ghcr.io/o/app:1' },
      { kind: 'split', platforms: ['linux/amd64', 'linux/arm64'], repository: 'ghcr.io/o/app', reports: { dockerfileBase: true } }
    ],
    [
      'bake files and targets',
      { files: 'a.hcl\nb.hcl', targets: 'web,api', set: '*.platform=linux/amd64', allow: 'network.host' },
      {
        kind: 'bake',
        files: ['a.hcl', 'b.hcl'],
        targets: ['web', 'api'],
        set: ['*.platform=linux/amd64'],
        allow: ['network.host'],
        reports: { dockerfileBase: false }
      }
    ],
    ['bake targets of the default file', { targets: 'web' }, { kind: 'bake', files: [], targets: ['web'] }],
    [
      'a matrix',
      { matrix: 'v: [a, b]', tags: 'r/app:{{v}}', context: 'ctx', set: '*.pull=true' },
      {
        kind: 'matrix',
        combinations: [{ v: 'a' }, { v: 'b' }],
        targets: ['a', 'b'],
        set: ['*.pull=true'],
        allow: ['fs.read=/work/repo/ctx'],
        // a failed matrix build is located in the Dockerfile of the context input
        dockerfile: 'ctx/Dockerfile',
        reports: { dockerfileBase: false }
      }
    ],
    [
      'merge: bare digests take the tags repository',
      { mode: 'merge', tags: 'ghcr.io/o/app:1', digests: `${D1},other/repo@${D2}` },
      {
        kind: 'merge',
        repository: 'ghcr.io/o/app',
        sources: [`ghcr.io/o/app@${D1}`, `other/repo@${D2}`],
        reports: { dockerfileBase: false }
      }
    ]
  ])('%s', (_name, inputs, expected) => {
    expect(plan(inputs)).toMatchObject(expected)
  })

  it('parses the matrix once into the bake definition, tags rendered per combination', () => {
    const p = plan({ matrix: 'v: [a, b]', tags: 'r/app:{{v}}', file: 'df/Dockerfile', 'build-args': 'X=1', ssh: 'key=k/id' })
    if (p.kind !== 'matrix') throw new Error(p.kind)
    expect(p.definition.group).toEqual({ default: { targets: ['a', 'b'] } })
    expect(p.definition.target['a']).toMatchObject({
      context: '/work/repo',
      dockerfile: '/work/repo/df/Dockerfile',
      tags: ['r/app:a'],
      args: { X: '1', v: 'a' },
      ssh: ['key=k/id']
    })
    expect(p.allow).toEqual(['fs.read=/work/repo', 'fs.read=/work/repo/k/id'])
  })

  it('keeps a Git context and the Dockerfile path inside it as given in a matrix (nothing to read locally)', () => {
    const git = 'https://github.com/o/r.git#0123456789abcdef0123456789abcdef01234567'
    const p = plan({ matrix: 'v: [a]', tags: 'r/app:{{v}}', context: git, file: 'df/Dockerfile' })
    if (p.kind !== 'matrix') throw new Error(p.kind)
    expect(p.definition.target['a']).toMatchObject({ context: git, dockerfile: 'df/Dockerfile' })
    expect(p.allow).toEqual([])
  })

  it.each<[string, RunFacts['digestFiles'], string[]]>([
    [
      'bare and repository@digest lines, blank lines skipped',
      [{ file: 'd.txt', text: `\n  ${D2} \n\napp@${D1}\r\n` }],
      [`r/app@${D2}`, `app@${D1}`]
    ],
    ['a registry with a port', [{ file: 'd.txt', text: `localhost:5000/app@${D2}\n` }], [`localhost:5000/app@${D2}`]],
    [
      'files in order, after digests',
      [
        { file: 'a', text: D2 },
        { file: 'b', text: `x/y@${D2}` }
      ],
      [`r/app@${D1}`, `r/app@${D2}`, `x/y@${D2}`]
    ]
  ])('merge reads digests-from lines: %s', (_name, digestFiles, sources) => {
    const inputs = { mode: 'merge', tags: 'r/app:1', 'digests-from': digestFiles.map(f => f.file).join('\n') }
    const withDigest = sources.length === 3 ? { ...inputs, digests: D1 } : inputs
    expect(plan(withDigest, { digestFiles })).toMatchObject({ kind: 'merge', sources })
  })

  it('says when a run has one image for the outputs', () => {
    expect(buildsOneImage(plan({}))).toBe(true)
    expect(buildsOneImage(plan({ mode: 'merge', tags: 'r/a:1', digests: D1 }))).toBe(true)
    expect(buildsOneImage(plan({ targets: 'web' }))).toBe(false)
    expect(buildsOneImage(plan({ matrix: 'v: [a]', tags: 'r/a:{{v}}' }))).toBe(false)
  })
})

describe('planRun: the run-specific values, never written into the settings', () => {
  const cache = { 'cache-to': 'type=registry,ref=r/cache\ntype=inline' }

  it('drops shared cache exports for a fork, with a warning; the parsed settings keep theirs', () => {
    const parsed = settings(cache)
    const p = planRun(parsed, { ...FACTS, fork: 'someone/repo' })
    expect(p.settings.cacheTo).toEqual(['type=inline'])
    expect(p.warnings).toEqual([expect.stringMatching(/^cache-to: 1 cache export\(s\) dropped: .*someone\/repo/)])
    expect(parsed.cacheTo).toEqual(['type=registry,ref=r/cache', 'type=inline'])
  })

  it.each<[string, Record<string, string>, string]>([
    ['not a fork', {}, ''],
    ['allowed to write', { 'allow-fork-cache-write': 'true' }, 'someone/repo']
  ])('keeps cache-to: %s', (_name, inputs, fork) => {
    const p = plan({ ...cache, ...inputs }, { fork })
    expect(p.settings.cacheTo).toEqual(['type=registry,ref=r/cache', 'type=inline'])
    expect(p.warnings).toEqual([])
  })

  it('carries the cache-to of the run into the matrix definition', () => {
    const p = plan({ ...cache, matrix: 'v: [a]', tags: 'r/a:{{v}}' }, { fork: 'someone/repo' })
    if (p.kind !== 'matrix') throw new Error(p.kind)
    expect(p.definition.target['a']?.['cache-to']).toEqual(['type=inline'])
  })

  it('names the scoped builder from the scope and the fork', () => {
    const scopeEnv = { repository: 'o/r', refName: 'main', actor: 'me', runId: '1', job: 'build' }
    const inputs = { 'builder-scope': 'repo', driver: 'docker-container' }
    const own = plan(inputs, { scopeEnv })
    const fork = plan(inputs, { scopeEnv, fork: 'someone/repo' })
    expect(own.scopedBuilder).toMatch(/^build-image-/)
    expect(fork.scopedBuilder).not.toBe(own.scopedBuilder)
    expect(plan({}).scopedBuilder).toBeUndefined()
  })

  it.each<[string, Record<string, string>, boolean]>([
    ['single', { 'base-annotations': 'true' }, true],
    [
      'split',
      { 'base-annotations': 'true', 'platform-split': 'true', push: 'true', platforms: 'linux/amd64,linux/arm64', tags: 'r/a:1' },
      true
    ],
    ['bake', { 'base-annotations': 'true', targets: 'web' }, false],
    ['single without base-annotations', {}, false]
  ])('resolves the base image for base-annotations: %s', (_name, inputs, resolve) => {
    expect(plan(inputs).resolveBase).toBe(resolve)
  })

  it('adds base annotations to a copy of the plan', () => {
    const p = plan({ 'base-annotations': 'true', annotations: 'index:a=b', platforms: 'linux/amd64' })
    const annotated = withBaseAnnotations(p, { name: 'docker.io/library/alpine', digest: D1, platformDigests: { 'linux/amd64': D2 } })
    expect(annotated.settings.annotations[0]).toBe('index:a=b')
    expect(annotated.settings.annotations.length).toBeGreaterThan(1)
    expect(p.settings.annotations).toEqual(['index:a=b'])
  })
})

describe('planRun: bad input, named, before anything is set up', () => {
  it.each<[string, Record<string, string>, string, RegExp]>([
    [
      'a typo in a tag template',
      { matrix: 'variant: [a, b]', tags: 'app:{{varient}}' },
      'tags',
      /uses "varient", which is not a matrix axis/
    ],
    ['a tag template without a placeholder', { matrix: 'v: [a, b]', tags: 'app:latest' }, 'tags', /has no matrix placeholder/],
    ['two targets rendering one tag', { matrix: 'v: [a, b]\nw: [c]', tags: 'app:{{w}}' }, 'tags', /both render the tag/],
    ['a typo in matrix-name', { matrix: 'v: [a]', tags: 'app:1', 'matrix-name': 'x-{{vv}}' }, 'matrix-name', /uses "vv"/],
    ['an unclosed placeholder in a build arg', { matrix: 'v: [a]', 'build-args': 'A={{v' }, 'build-args', /unclosed "\{\{"/],
    ['malformed matrix YAML', { matrix: 'v: [a' }, 'matrix', /invalid YAML/],
    ['an empty axis', { matrix: 'v: []' }, 'matrix', /axis "v" has no values/]
  ])('%s', (_name, inputs, input, message) => {
    const err = inputError(() => plan(inputs))
    expect(err).toBeInstanceOf(MatrixError)
    expect(err.input).toBe(input)
    expect(err.message.startsWith(`${input}: `)).toBe(true)
    expect(err.message).toMatch(message)
  })

  it.each<[string, string, RegExp]>([
    ['a tag instead of a digest', 'app:latest', /^digests-from: d\.txt line 1: "app:latest" is not sha256:<64 hex>/],
    ['a short digest', `sha256:${'a'.repeat(63)}`, /line 1: .* is not sha256:<64 hex>/],
    ['uppercase hex', `sha256:${'A'.repeat(64)}`, /line 1: .* is not sha256:<64 hex>/],
    ['another algorithm', `app@sha512:${'a'.repeat(128)}`, /line 1: .* is not sha256:<64 hex>/],
    [
      'an uppercase repository, on line 3',
      `${D1}\n\nOwner/App@${D1}`,
      /^digests-from: d\.txt line 3: "Owner\/App@sha256:a+…" is not sha256/
    ]
  ])('digests-from lines are checked like digests: %s', (_name, text, message) => {
    const err = inputError(() =>
      plan({ mode: 'merge', tags: 'r/app:1', 'digests-from': 'd.txt' }, { digestFiles: [{ file: 'd.txt', text }] })
    )
    expect(err.input).toBe('digests-from')
    expect(err.message).toMatch(message)
  })
})

describe('dockerfilePath', () => {
  it.each<[string, string, string]>([
    ['.', '', 'Dockerfile'],
    ['app', '', 'app/Dockerfile'],
    ['app', 'other/Containerfile', 'other/Containerfile']
  ])('context %s, file %s: %s', (context, file, expected) => {
    expect(dockerfilePath({ context, file })).toBe(expected)
  })
})
