import { describe, expect, it } from '@jest/globals'
import {
  buildStarted,
  depotBakeArgs,
  depotBakePrintArgs,
  depotBuildArgs,
  depotBuildInfo,
  depotEnv,
  depotProvenance,
  explainPreBuildFailure,
  parseDepotVersion,
  type DepotBuildFiles,
  type DepotContext
} from '../../../src/depot/args.js'
import { InputError } from '../../../src/errors.js'
import { parseInputs, type Settings } from '../../../src/inputs/parse.js'

/** What parseInputs gives when every input is empty: action.yml's defaults. */
const DEFAULTS: Settings = parseInputs(() => '')
const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULTS, ...over })

const TOKEN = 'dpt_s3cr3t-token-value'
const RUN_URL = 'https://github.com/o/r/actions/runs/1'
const CTX: DepotContext = { project: 'p1', publicRepo: false, builderId: '' }
const FILES: DepotBuildFiles = {
  metadataFile: '/tmp/run/md.json',
  iidFile: '/tmp/run/iid.txt',
  secretFiles: new Map([['token', '/tmp/run/secret-0']])
}
const HEAD = ['build', '--project', 'p1', '--progress', 'plain']
const TAIL = ['--metadata-file', '/tmp/run/md.json', '--iidfile', '/tmp/run/iid.txt', '--']

const BUILD_CASES: Array<[string, Partial<Settings>, DepotContext, string[]]> = [
  ['minimal: provenance mode=min', {}, CTX, [...HEAD, '--provenance', 'mode=min', ...TAIL, '.']],
  [
    'public repository with a run URL: mode=max and builder id',
    {},
    { ...CTX, publicRepo: true, builderId: RUN_URL },
    [...HEAD, '--provenance', `mode=max,builder-id=${RUN_URL}`, ...TAIL, '.']
  ],
  ['explicit provenance false', { provenance: 'false' }, CTX, [...HEAD, '--provenance', 'false', ...TAIL, '.']],
  ['load: no default provenance (the docker store)', { load: true }, CTX, [...HEAD, '--load', ...TAIL, '.']],
  [
    'outputs type=docker: no default provenance',
    { outputs: ['type=docker,dest=/tmp/i.tar'] },
    CTX,
    [...HEAD, '--output', 'type=docker,dest=/tmp/i.tar', ...TAIL, '.']
  ],
  [
    "Depot's own: build platform and save",
    { depotBuildPlatform: 'linux/arm64', depotSave: true, provenance: 'false' },
    CTX,
    ['build', '--project', 'p1', '--build-platform', 'linux/arm64', '--save', '--progress', 'plain', '--provenance', 'false', ...TAIL, '.']
  ],
  [
    "Depot's own: save tags, lint and its severity, sbom-dir",
    {
      depotSave: true,
      depotSaveTags: ['v1', 'latest'],
      depotLint: true,
      depotLintFailOn: 'warn',
      depotSbomDir: 'sboms',
      provenance: 'false'
    },
    CTX,
    [
      'build',
      '--project',
      'p1',
      '--save',
      '--save-tag',
      'v1',
      '--save-tag',
      'latest',
      '--lint',
      '--lint-fail-on',
      'warn',
      '--sbom-dir',
      'sboms',
      '--progress',
      'plain',
      '--provenance',
      'false',
      ...TAIL,
      '.'
    ]
  ],
  [
    'everything buildx has, in the same order and meaning',
    {
      file: 'build/Dockerfile',
      tags: ['ghcr.io/o/app:1', 'ghcr.io/o/app:latest'],
      labels: ['a=1'],
      annotations: ['index:org.opencontainers.image.description=x'],
      buildArgs: [
        ['A', '1'],
        ['B', '']
      ],
      buildContexts: ['base=docker-image://alpine:3.20'],
      secrets: [
        { id: 'token', kind: 'value', source: 'value-not-in-argv' },
        { id: 'key', kind: 'file', source: '/run/key,pem' },
        { id: 'gh', kind: 'env', source: 'GITHUB_TOKEN' }
      ],
      platforms: ['linux/amd64', 'linux/arm64'],
      target: 'final',
      push: true,
      cacheFrom: ['type=registry,ref=ghcr.io/o/app:cache'],
      cacheTo: ['type=registry,ref=ghcr.io/o/app:cache,mode=max'],
      sbom: 'true',
      noCache: true,
      pull: true,
      network: 'host',
      shmSize: '2g',
      ulimit: ['nofile=1024:1024'],
      addHosts: ['db:10.0.0.2'],
      allow: ['network.host', 'security.insecure'],
      context: 'app'
    },
    CTX,
    [
      ...HEAD,
      '--file',
      'build/Dockerfile',
      '--tag',
      'ghcr.io/o/app:1',
      '--tag',
      'ghcr.io/o/app:latest',
      '--label',
      'a=1',
      '--annotation',
      'index:org.opencontainers.image.description=x',
      '--build-arg',
      'A=1',
      '--build-arg',
      'B=',
      '--build-context',
      'base=docker-image://alpine:3.20',
      '--secret',
      'id=token,src=/tmp/run/secret-0',
      '--secret',
      'id=key,"src=/run/key,pem"',
      '--secret',
      'id=gh,env=GITHUB_TOKEN',
      '--platform',
      'linux/amd64,linux/arm64',
      '--target',
      'final',
      '--push',
      '--cache-from',
      'type=registry,ref=ghcr.io/o/app:cache',
      '--cache-to',
      'type=registry,ref=ghcr.io/o/app:cache,mode=max',
      '--provenance',
      'mode=min',
      '--sbom',
      'true',
      '--no-cache',
      '--pull',
      '--network',
      'host',
      '--shm-size',
      '2g',
      '--ulimit',
      'nofile=1024:1024',
      '--add-host',
      'db:10.0.0.2',
      '--allow',
      'network.host,security.insecure',
      ...TAIL,
      'app'
    ]
  ],
  [
    'push by digest: an untagged image output to the repository',
    { tags: ['ghcr.io/o/app:ignored'], push: true, pushByDigest: true, provenance: 'false' },
    CTX,
    [
      ...HEAD,
      '--output',
      'type=image,name=ghcr.io/o/app,push-by-digest=true,name-canonical=true,push=true',
      '--provenance',
      'false',
      ...TAIL,
      '.'
    ]
  ],
  [
    'a context that looks like a flag stays a path',
    { context: '-weird', provenance: 'false' },
    CTX,
    [...HEAD, '--provenance', 'false', ...TAIL, '-weird']
  ]
]

describe('depotBuildArgs', () => {
  it.each(BUILD_CASES.map(([name, s, ctx, want], i) => [i + 1, name, s, ctx, want] as const))('%i. %s', (_i, _name, s, ctx, want) => {
    expect(depotBuildArgs(settings(s), ctx, FILES, 'ghcr.io/o/app')).toEqual(want)
  })
})

const BAKE_HEAD = ['bake', '--project', 'p1', '--progress', 'plain']
const BAKE_CASES: Array<[string, Partial<Settings>, { files: string[]; targets: string[]; set: string[] }, string[]]> = [
  [
    'default group',
    {},
    { files: [], targets: [], set: [] },
    [...BAKE_HEAD, '--provenance', 'mode=min', '--metadata-file', '/tmp/run/md.json', '--']
  ],
  [
    'files, targets, sets, push, sbom, no-cache, pull, save',
    { push: true, sbom: 'true', noCache: true, pull: true, depotSave: true, depotBuildPlatform: 'dynamic' },
    { files: ['docker-bake.hcl', 'extra.json'], targets: ['app', 'worker'], set: ['*.platform=linux/amd64'] },
    [
      'bake',
      '--project',
      'p1',
      '--build-platform',
      'dynamic',
      '--save',
      '--progress',
      'plain',
      '--file',
      'docker-bake.hcl',
      '--file',
      'extra.json',
      '--set',
      '*.platform=linux/amd64',
      '--push',
      '--provenance',
      'mode=min',
      '--sbom',
      'true',
      '--no-cache',
      '--pull',
      '--metadata-file',
      '/tmp/run/md.json',
      '--',
      'app',
      'worker'
    ]
  ],
  [
    'load: no default provenance',
    { load: true },
    { files: ['b.hcl'], targets: ['t'], set: [] },
    [...BAKE_HEAD, '--file', 'b.hcl', '--load', '--metadata-file', '/tmp/run/md.json', '--', 't']
  ]
]

describe('depotBakeArgs', () => {
  it.each(BAKE_CASES.map(([name, s, o, want], i) => [i + 1, name, s, o, want] as const))('%i. %s', (_i, _name, s, o, want) => {
    expect(depotBakeArgs(settings(s), CTX, { ...o, metadataFile: '/tmp/run/md.json' })).toEqual(want)
  })
  it('print resolves the definition without building', () => {
    expect(depotBakePrintArgs({ files: ['b.hcl'], targets: ['a', 'b'], set: ['a.tags=x'] })).toEqual([
      'bake',
      '--file',
      'b.hcl',
      '--set',
      'a.tags=x',
      '--print',
      '--',
      'a',
      'b'
    ])
  })
})

describe('the Depot token', () => {
  // Every setting that could carry a string, set, plus the token in the input and in the project's place.
  const everything = settings({
    depotToken: TOKEN,
    tags: ['r/app:1'],
    push: true,
    secrets: [{ id: 'token', kind: 'value', source: 'v' }],
    files: ['b.hcl'],
    targets: ['t'],
    depotSave: true,
    depotBuildPlatform: 'linux/amd64'
  })
  const CASES: Array<[string, string[]]> = [
    ['build', depotBuildArgs(everything, CTX, FILES, '')],
    ['build, public repo', depotBuildArgs(everything, { ...CTX, publicRepo: true, builderId: RUN_URL }, FILES, '')],
    ['build, load', depotBuildArgs({ ...everything, push: false, load: true }, CTX, FILES, '')],
    ['bake', depotBakeArgs(everything, CTX, { files: everything.files, targets: everything.targets, set: [], metadataFile: '/m' })],
    ['bake --print', depotBakePrintArgs({ files: everything.files, targets: everything.targets, set: [] })]
  ]
  it.each(CASES)('is never in the argv of %s', (_name, argv) => {
    expect(argv.join('\n')).not.toContain(TOKEN)
    expect(argv).not.toContain('--token')
    expect(argv.some(a => a.startsWith('--token='))).toBe(false)
  })

  it('reaches the CLI only through its environment', () => {
    const env = depotEnv({ PATH: '/bin', DEPOT_TOKEN: 'stale' }, { token: TOKEN, project: 'p1' })
    expect(env).toEqual({ PATH: '/bin', DEPOT_TOKEN: TOKEN, DEPOT_PROJECT_ID: 'p1', DEPOT_NO_UPDATE_NOTIFIER: '1' })
  })

  it('is never echoed by input validation', () => {
    let err: unknown
    try {
      parseInputs(name => (name === 'depot-token' ? `${TOKEN} trailing` : ''))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toBe('depot-token: the token contains whitespace (value not shown)')
  })
})

describe('depotProvenance', () => {
  it.each([
    [{}, CTX, 'mode=min'],
    [{ provenance: 'mode=max' }, CTX, 'mode=max'],
    [{ load: true, provenance: 'true' }, CTX, 'true'],
    [{ load: true }, CTX, undefined],
    [{}, { ...CTX, builderId: RUN_URL }, `mode=min,builder-id=${RUN_URL}`]
  ] as Array<[Partial<Settings>, DepotContext, string | undefined]>)('%j %j -> %s', (s, ctx, want) => {
    expect(depotProvenance(settings(s), ctx)).toBe(want)
  })
})

describe('Depot inputs', () => {
  const read = (over: Record<string, string>) => (name: string) => over[name] ?? ''
  it('defaults', () => {
    const s = parseInputs(read({}))
    expect([
      s.depotProject,
      s.depotToken,
      s.depotVersion,
      s.depotDownloadUrl,
      s.depotSha256,
      s.depotFallback,
      s.depotBuildPlatform,
      s.depotSave
    ]).toEqual(['', '', 'latest', '', '', false, '', false])
  })
  it('accepts a full configuration', () => {
    const sha = 'A'.repeat(64)
    const s = parseInputs(
      read({
        'depot-project': 'abc_12-x',
        'depot-version': 'v2.102.12',
        'depot-download-url': 'http://127.0.0.1:8080/depot',
        'depot-sha256': `sha256:${sha}`,
        'depot-fallback': 'true',
        'depot-build-platform': 'linux/arm64',
        'depot-save': 'true'
      })
    )
    expect([s.depotProject, s.depotVersion, s.depotDownloadUrl, s.depotSha256, s.depotFallback, s.depotBuildPlatform, s.depotSave]).toEqual(
      ['abc_12-x', 'v2.102.12', 'http://127.0.0.1:8080/depot', 'a'.repeat(64), true, 'linux/arm64', true]
    )
  })
  it.each([
    ['depot-project', { 'depot-project': 'has space' }, /not a Depot project ID/],
    ['depot-project', { 'depot-project': '--token=x' }, /not a Depot project ID/],
    ['depot-version', { 'depot-version': '2.x' }, /expected latest, installed or a version/],
    ['depot-download-url', { 'depot-download-url': 'ftp://mirror' }, /expected an http\(s\) URL/],
    ['depot-sha256', { 'depot-version': '2.102.12', 'depot-sha256': 'abc' }, /64 hex digits/],
    ['depot-sha256', { 'depot-version': 'installed', 'depot-sha256': 'a'.repeat(64) }, /downloads nothing/],
    ['depot-sha256', { 'depot-sha256': 'a'.repeat(64) }, /give the exact depot-version/],
    ['depot-build-platform', { 'depot-build-platform': 'linux/riscv64' }, /expected one of dynamic, linux\/amd64, linux\/arm64/],
    ['depot-fallback', { 'depot-fallback': 'sometimes' }, /expected true or false/],
    ['depot-save', { 'depot-save': 'y' }, /expected true or false/]
  ] as Array<[string, Record<string, string>, RegExp]>)('%s: %j', (input, over, message) => {
    let err: unknown
    try {
      parseInputs(read(over))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).input).toBe(input)
    expect((err as Error).message).toMatch(message)
  })
})

describe('what the CLI reports', () => {
  it('version', () => {
    expect(parseDepotVersion('depot version 2.102.12 (2026-09-22)\nhttps://github.com/depot/cli/releases/tag/v2.102.12\n')).toBe('2.102.12')
    expect(parseDepotVersion('depot version v2.0.0-rc.1')).toBe('2.0.0-rc.1')
    expect(parseDepotVersion('Usage: depot')).toBe('')
  })

  it('depot.build from the metadata file', () => {
    expect(depotBuildInfo({ 'containerimage.digest': 'sha256:x', 'depot.build': { buildID: 'b1', projectID: 'p1' } })).toEqual({
      buildId: 'b1',
      projectId: 'p1'
    })
    expect(depotBuildInfo({ 'depot.build': { buildID: 'b2', projectID: 'p2', targets: ['a', 'b'] } })).toEqual({
      buildId: 'b2',
      projectId: 'p2'
    })
    expect(depotBuildInfo({})).toEqual({ buildId: '', projectId: '' })
    expect(depotBuildInfo({ 'depot.build': 'x' })).toEqual({ buildId: '', projectId: '' })
  })

  const WAITING = '#1 [depot] build: https://depot.dev/b/1\n#1 DONE 0.0s\n\n#2 [depot] launching amd64 machine\n#2 CANCELED\n'
  it.each([
    ['nothing', '', false],
    ["Depot's own steps only (waiting for a builder)", WAITING, false],
    ['the first BuildKit step', `${WAITING}#3 [internal] load build definition from Dockerfile\n`, true],
    ['a later line of a depot step is not a new step', '#1 [depot] build: x\n#1 DONE 0.0s\n#2 [depot] connecting\n#2 ERROR: boom\n', false],
    ['a build step', '#5 [2/2] RUN exit 3\n#5 ERROR: process did not complete successfully\n', true]
  ])('build started: %s', (_name, log, want) => {
    expect(buildStarted(log)).toBe(want)
  })

  it.each([
    [
      'unauthenticated: invalid token\n',
      'auth',
      /refused the credentials \(unauthenticated: invalid token\): check depot-token or DEPOT_TOKEN/
    ],
    ['permission_denied: not allowed\n', 'auth', /refused the credentials/],
    [
      'unavailable: dial tcp 127.0.0.1:1: connect: connection refused\n',
      'unreachable',
      /cannot reach Depot's API at http:\/\/api \(unavailable: dial tcp/
    ],
    ['not_found: project p9 not found\n', 'project', /did not accept the project/],
    ['something else\n', 'other', /before the build started: something else/],
    ['', 'other', /^depot failed before the build started$/]
  ])('pre-build failure %j', (log, problem, message) => {
    const r = explainPreBuildFailure(log, 'http://api')
    expect(r.problem).toBe(problem)
    expect(r.message).toMatch(message)
  })
})
