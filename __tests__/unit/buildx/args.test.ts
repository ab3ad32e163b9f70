import { DEFAULT_SETTINGS } from '../default-settings.js'
import { describe, it, expect } from '@jest/globals'
import {
  attestationsSupported,
  bakeArgs,
  bakePrintArgs,
  buildArgs,
  bakeSecretSets,
  createBuilderArgs,
  daemonPushesTwice,
  historyAttachmentArgs,
  historyInspectArgs,
  imagetoolsCreateArgs,
  imagetoolsInspectArgs,
  inspectBuilderArgs,
  removeBuilderArgs,
  provenanceArg,
  versionArgs,
  type BakeOptions,
  type BuildContext,
  type BuildFiles,
  type BuildOverrides
} from '../../../src/buildx/args.js'
import { versionAtLeast } from '../../../src/buildx/version.js'
import type { Capabilities, Driver, Settings } from '../../../src/inputs/parse.js'

/** What parseInputs gives for action.yml's defaults. */
const DEFAULTS: Settings = DEFAULT_SETTINGS

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULTS, ...over })

const RUN_URL = 'https://github.com/o/r/actions/runs/1'

interface Machine {
  buildx: string
  driver: Driver
  containerd: boolean
  publicRepo?: boolean
  builderId?: string
}

const caps = (m: Machine): Capabilities => ({
  buildxVersion: m.buildx,
  containerdStore: m.containerd,
  historyAttachments: versionAtLeast(m.buildx, '0.23.0'),
  driver: m.driver
})

const context = (m: Machine): BuildContext => ({
  builder: 'builder-1',
  caps: caps(m),
  publicRepo: m.publicRepo ?? false,
  builderId: m.builderId ?? ''
})

const FILES: BuildFiles = {
  metadataFile: '/tmp/run/metadata.json',
  iidFile: '/tmp/run/iid.txt',
  secretFiles: new Map([['token', '/tmp/run/secret-token']])
}

const HEAD = ['build', '--builder', 'builder-1', '--progress', 'plain']
const TAIL = ['--metadata-file', '/tmp/run/metadata.json', '--iidfile', '/tmp/run/iid.txt', '--']

// docker driver on the containerd store, docker driver on the classic store, a docker-container builder
const CONTAINERD: Machine = { buildx: '0.29.1', driver: 'docker', containerd: true }
const CLASSIC: Machine = { buildx: '0.29.1', driver: 'docker', containerd: false }
const CONTAINER: Machine = { buildx: '0.29.1', driver: 'docker-container', containerd: false }

interface BuildCase {
  machine: Machine
  s: Partial<Settings>
  over?: BuildOverrides
  want: string[]
}

const BUILD_CASES: Array<[string, BuildCase]> = [
  [
    'minimal build, buildx 0.29 on the containerd store: provenance mode=min',
    { machine: CONTAINERD, s: {}, want: [...HEAD, '--provenance', 'mode=min', ...TAIL, '.'] }
  ],
  ['minimal build, docker driver on the classic store: no --provenance', { machine: CLASSIC, s: {}, want: [...HEAD, ...TAIL, '.'] }],
  [
    'public repository: mode=max and the run URL as builder id',
    {
      machine: { ...CONTAINER, publicRepo: true, builderId: RUN_URL },
      s: {},
      want: [...HEAD, '--provenance', `mode=max,builder-id=${RUN_URL}`, ...TAIL, '.']
    }
  ],
  [
    'private repository with a builder id: mode=min',
    {
      machine: { ...CONTAINER, builderId: RUN_URL },
      s: {},
      want: [...HEAD, '--provenance', `mode=min,builder-id=${RUN_URL}`, ...TAIL, '.']
    }
  ],
  [
    'public repository without a builder id',
    { machine: { ...CONTAINERD, publicRepo: true }, s: {}, want: [...HEAD, '--provenance', 'mode=max', ...TAIL, '.'] }
  ],
  [
    'buildx 0.9: no attestations',
    { machine: { ...CONTAINER, buildx: '0.9.1', publicRepo: true, builderId: RUN_URL }, s: {}, want: [...HEAD, ...TAIL, '.'] }
  ],
  [
    'buildx 0.10.0 is the first with attestations',
    { machine: { ...CONTAINER, buildx: '0.10.0' }, s: {}, want: [...HEAD, '--provenance', 'mode=min', ...TAIL, '.'] }
  ],
  [
    'Debian buildx version',
    { machine: { ...CONTAINER, buildx: '0.13.1+ds1' }, s: {}, want: [...HEAD, '--provenance', 'mode=min', ...TAIL, '.'] }
  ],
  ['unknown buildx version: no provenance', { machine: { ...CONTAINER, buildx: '' }, s: {}, want: [...HEAD, ...TAIL, '.'] }],
  [
    'explicit provenance false',
    {
      machine: { ...CONTAINERD, publicRepo: true, builderId: RUN_URL },
      s: { provenance: 'false' },
      want: [...HEAD, '--provenance', 'false', ...TAIL, '.']
    }
  ],
  [
    'explicit provenance is passed even on the classic store',
    { machine: CLASSIC, s: { provenance: 'mode=max' }, want: [...HEAD, '--provenance', 'mode=max', ...TAIL, '.'] }
  ],
  [
    'tags, labels, annotations, build args, contexts, secrets, platforms, file and target',
    {
      machine: CLASSIC,
      s: {
        file: 'build/Dockerfile',
        tags: ['ghcr.io/o/app:1', 'ghcr.io/o/app:latest'],
        labels: ['a=1', 'org.opencontainers.image.title=app'],
        annotations: ['index:org.opencontainers.image.description=x'],
        buildArgs: [
          ['A', '1'],
          ['B', '']
        ],
        buildContexts: ['base=docker-image://alpine:3.20'],
        secrets: [
          { id: 'token', kind: 'value', source: 's3cr3t-value' },
          { id: 'key', kind: 'file', source: '/run/key.pem' },
          { id: 'gh', kind: 'env', source: 'GITHUB_TOKEN' }
        ],
        platforms: ['linux/amd64', 'linux/arm64'],
        target: 'release'
      },
      want: [
        ...HEAD,
        '--file',
        'build/Dockerfile',
        '--tag',
        'ghcr.io/o/app:1',
        '--tag',
        'ghcr.io/o/app:latest',
        '--label',
        'a=1',
        '--label',
        'org.opencontainers.image.title=app',
        '--annotation',
        'index:org.opencontainers.image.description=x',
        '--build-arg',
        'A=1',
        '--build-arg',
        'B=',
        '--build-context',
        'base=docker-image://alpine:3.20',
        '--secret',
        'id=token,src=/tmp/run/secret-token',
        '--secret',
        'id=key,src=/run/key.pem',
        '--secret',
        'id=gh,env=GITHUB_TOKEN',
        '--platform',
        'linux/amd64,linux/arm64',
        '--target',
        'release',
        ...TAIL,
        '.'
      ]
    }
  ],
  [
    'push and load',
    {
      machine: CONTAINER,
      s: { tags: ['app:1'], push: true, load: true },
      want: [...HEAD, '--tag', 'app:1', '--push', '--load', '--provenance', 'mode=min', ...TAIL, '.']
    }
  ],
  [
    'push through the docker driver on the containerd store, buildx 0.13: one image output that only BuildKit pushes',
    {
      machine: { ...CONTAINERD, buildx: '0.13.1' },
      s: { tags: ['app:1'], push: true, load: true },
      want: [...HEAD, '--tag', 'app:1', '--output', 'type=image,push=', '--provenance', 'mode=min', ...TAIL, '.']
    }
  ],
  [
    'push through the docker driver on the containerd store, buildx 0.22 (pushes once itself): --push',
    {
      machine: { ...CONTAINERD, buildx: '0.22.0' },
      s: { tags: ['app:1'], push: true },
      want: [...HEAD, '--tag', 'app:1', '--push', '--provenance', 'mode=min', ...TAIL, '.']
    }
  ],
  [
    'push through the docker driver on the classic store, buildx 0.13 (BuildKit cannot push there): --push',
    {
      machine: { ...CLASSIC, buildx: '0.13.1' },
      s: { tags: ['app:1'], push: true },
      want: [...HEAD, '--tag', 'app:1', '--push', ...TAIL, '.']
    }
  ],
  [
    'load without push through the docker driver, buildx 0.13: --load',
    {
      machine: { ...CONTAINERD, buildx: '0.13.1' },
      s: { tags: ['app:1'], load: true },
      want: [...HEAD, '--tag', 'app:1', '--load', '--provenance', 'mode=min', ...TAIL, '.']
    }
  ],
  [
    'push on a docker-container builder, buildx 0.13: --push',
    {
      machine: { ...CONTAINER, buildx: '0.13.1' },
      s: { tags: ['app:1'], push: true },
      want: [...HEAD, '--tag', 'app:1', '--push', '--provenance', 'mode=min', ...TAIL, '.']
    }
  ],
  [
    'attests replace the provenance default; no-cache filters, ssh and a cgroup parent',
    {
      machine: CONTAINERD,
      s: {
        attests: ['type=provenance,mode=max', 'type=sbom'],
        noCacheFilters: ['build', 'test'],
        ssh: ['default', 'deploy=/k'],
        cgroupParent: '/ci'
      },
      want: [
        ...HEAD,
        '--attest',
        'type=provenance,mode=max',
        '--attest',
        'type=sbom',
        '--no-cache-filter',
        'build',
        '--no-cache-filter',
        'test',
        '--ssh',
        'default',
        '--ssh',
        'deploy=/k',
        '--cgroup-parent',
        '/ci',
        ...TAIL,
        '.'
      ]
    }
  ],
  [
    'an sbom attest keeps the provenance default',
    {
      machine: CONTAINERD,
      s: { attests: ['type=sbom'] },
      want: [...HEAD, '--provenance', 'mode=min', '--attest', 'type=sbom', ...TAIL, '.']
    }
  ],
  [
    'outputs, cache, sbom and run options',
    {
      machine: CONTAINER,
      s: {
        outputs: ['type=oci,dest=/tmp/image.tar', 'type=local,dest=out'],
        cacheFrom: ['type=gha', 'ghcr.io/o/cache:main'],
        cacheTo: ['type=gha,mode=max'],
        sbom: 'true',
        noCache: true,
        pull: true,
        network: 'host',
        shmSize: '2g',
        ulimit: ['nofile=1024:1024', 'nproc=512'],
        addHosts: ['db:10.0.0.2'],
        allow: ['network.host', 'security.insecure']
      },
      want: [
        ...HEAD,
        '--output',
        'type=oci,dest=/tmp/image.tar',
        '--output',
        'type=local,dest=out',
        '--cache-from',
        'type=gha',
        '--cache-from',
        'ghcr.io/o/cache:main',
        '--cache-to',
        'type=gha,mode=max',
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
        '--ulimit',
        'nproc=512',
        '--add-host',
        'db:10.0.0.2',
        '--allow',
        'network.host,security.insecure',
        // a local (or tar) output: no --iidfile, which buildx refuses there with attestations
        '--metadata-file',
        '/tmp/run/metadata.json',
        '--',
        '.'
      ]
    }
  ],
  ['sbom false is passed', { machine: CLASSIC, s: { sbom: 'false' }, want: [...HEAD, '--sbom', 'false', ...TAIL, '.'] }],
  [
    'platform-split: one platform, pushed by digest, no tags, no --push/--load',
    {
      machine: { ...CONTAINER, publicRepo: true, builderId: RUN_URL },
      s: { tags: ['ghcr.io/o/app:1'], platforms: ['linux/amd64', 'linux/arm64'], push: true, load: true, platformSplit: true },
      over: { platforms: ['linux/arm64'], tags: [], pushByDigest: { name: 'ghcr.io/o/app' } },
      want: [
        ...HEAD,
        '--platform',
        'linux/arm64',
        '--output',
        'type=image,name=ghcr.io/o/app,push-by-digest=true,name-canonical=true,push=true',
        '--provenance',
        `mode=max,builder-id=${RUN_URL}`,
        ...TAIL,
        '.'
      ]
    }
  ],
  [
    'overrides replace platforms and tags',
    {
      machine: CLASSIC,
      s: { tags: ['a:1'], platforms: ['linux/amd64'] },
      over: { platforms: ['linux/s390x'], tags: ['a:s390x'] },
      want: [...HEAD, '--tag', 'a:s390x', '--platform', 'linux/s390x', ...TAIL, '.']
    }
  ],
  ['a context starting with - comes after --', { machine: CLASSIC, s: { context: '-weird' }, want: [...HEAD, ...TAIL, '-weird'] }],
  [
    'a git context',
    {
      machine: CLASSIC,
      s: { context: 'https://github.com/o/r.git#main:sub' },
      want: [...HEAD, ...TAIL, 'https://github.com/o/r.git#main:sub']
    }
  ]
]

describe('buildArgs', () => {
  it.each(BUILD_CASES.map(([name, c], i) => [i + 1, name, c] as const))('#%d %s', (_n, _name, c) => {
    expect(buildArgs(settings(c.s), context(c.machine), FILES, c.over)).toEqual(c.want)
  })

  it('BUILDX_NO_DEFAULT_ATTESTATIONS: no default provenance, but the provenance input still counts', () => {
    const off = buildArgs(settings({ noDefaultAttestations: true }), context(CONTAINERD), FILES)
    expect(off).not.toContain('--provenance')
    expect(buildArgs(settings({}), context(CONTAINERD), FILES)).toContain('--provenance')
    const asked = buildArgs(settings({ noDefaultAttestations: true, provenance: 'mode=max' }), context(CONTAINERD), FILES)
    expect(asked[asked.indexOf('--provenance') + 1]).toBe('mode=max')
  })

  it('--iidfile only for image outputs', () => {
    for (const outputs of [['type=local,dest=out'], ['type=tar,dest=out.tar'], ['out-dir'], ['type=oci,dest=o.tar', 'type=local,dest=x']])
      expect(buildArgs(settings({ outputs }), context(CONTAINERD), FILES)).not.toContain('--iidfile')
    for (const outputs of [[], ['type=oci,dest=o.tar'], ['type=docker'], ['type=image,push=true']])
      expect(buildArgs(settings({ outputs }), context(CONTAINERD), FILES)).toContain('--iidfile')
  })

  it('never puts a secret value in argv', () => {
    const argv = buildArgs(settings({ secrets: [{ id: 'token', kind: 'value', source: 's3cr3t-value' }] }), context(CLASSIC), FILES)
    expect(argv.some(a => a.includes('s3cr3t-value'))).toBe(false)
    expect(argv).toContain('id=token,src=/tmp/run/secret-token')
  })

  it('fails when no file was written for a secret value', () => {
    const s = settings({ secrets: [{ id: 'other', kind: 'value', source: 'x' }] })
    expect(() => buildArgs(s, context(CLASSIC), FILES)).toThrow('internal: no file written for secret other')
  })

  it('passes values with shell metacharacters as single literal arguments', () => {
    const nasty = [
      '$(touch /tmp/x)',
      '`touch /tmp/y`',
      'a; rm -rf /',
      'a | tee /tmp/z',
      'line1\nline2',
      `"double" 'single'`,
      '&& echo $HOME > /tmp/h',
      '--push'
    ]
    const s = settings({
      tags: ['app:1'],
      labels: nasty.map((v, i) => `l${i}=${v}`),
      buildArgs: nasty.map((v, i) => [`A${i}`, v]),
      target: '$(id)',
      network: 'host;id',
      context: '$(touch /tmp/ctx) ; `id`'
    })
    const argv = buildArgs(s, context(CLASSIC), FILES)
    expect(argv).toEqual([
      ...HEAD,
      '--tag',
      'app:1',
      ...nasty.flatMap((v, i) => ['--label', `l${i}=${v}`]),
      ...nasty.flatMap((v, i) => ['--build-arg', `A${i}=${v}`]),
      '--target',
      '$(id)',
      '--network',
      'host;id',
      ...TAIL,
      '$(touch /tmp/ctx) ; `id`'
    ])
    // each value is exactly one element, right after its flag
    for (const [i, v] of nasty.entries()) {
      const at = argv.indexOf(`A${i}=${v}`)
      expect(at).toBeGreaterThan(0)
      expect(argv[at - 1]).toBe('--build-arg')
      expect(argv.filter(a => a === `A${i}=${v}`)).toHaveLength(1)
    }
    // a value that looks like a flag is only ever a flag's value, never a flag of its own
    expect(argv.filter(a => a === '--push')).toHaveLength(0)
  })
})

describe('bakeSecretSets', () => {
  it('overrides every target with one spec per secret, values by their file only', () => {
    const s = settings({
      secrets: [
        { id: 'token', kind: 'value', source: 's3cr3t' },
        { id: 'key', kind: 'file', source: '/run/my,key.pem' },
        { id: 'gh', kind: 'env', source: 'GITHUB_TOKEN' }
      ]
    })
    const sets = bakeSecretSets(s, FILES)
    expect(sets).toEqual([
      '*.secrets=id=token,src=/tmp/run/secret-token',
      '*.secrets=id=key,"src=/run/my,key.pem"',
      '*.secrets=id=gh,env=GITHUB_TOKEN'
    ])
    expect(sets.join(' ')).not.toContain('s3cr3t')
  })

  it('is empty without secrets', () => {
    expect(bakeSecretSets(settings(), FILES)).toEqual([])
  })
})

describe('daemonPushesTwice', () => {
  it.each<[string, Machine, boolean]>([
    ['docker driver, containerd store, buildx 0.13', { ...CONTAINERD, buildx: '0.13.1' }, true],
    ['docker driver, containerd store, buildx 0.21.3', { ...CONTAINERD, buildx: '0.21.3' }, true],
    ['docker driver, containerd store, buildx 0.22.0 (docker/buildx#3023)', { ...CONTAINERD, buildx: '0.22.0' }, false],
    ['docker driver, classic store, buildx 0.13', { ...CLASSIC, buildx: '0.13.1' }, false],
    ['docker-container builder, buildx 0.13', { ...CONTAINER, buildx: '0.13.1' }, false]
  ])('%s: %s', (_name, m, want) => {
    expect(daemonPushesTwice(caps(m))).toBe(want)
  })
})

describe('bakeArgs', () => {
  const BAKE_HEAD = ['bake', '--builder', 'builder-1', '--progress', 'plain']
  const opts = (over: Partial<BakeOptions> = {}): BakeOptions =>
    ({ files: [], targets: [], set: [], metadataFile: '/tmp/run/bake.json', allow: [], ...over }) as BakeOptions

  it.each<[number, string, Machine, Partial<Settings>, Partial<BakeOptions>, string[]]>([
    [1, 'default group', CONTAINER, {}, {}, [...BAKE_HEAD, '--provenance', 'mode=min', '--metadata-file', '/tmp/run/bake.json', '--']],
    [
      2,
      'files, overrides, targets, push and flags on the classic store',
      CLASSIC,
      { push: true, noCache: true, pull: true, sbom: 'true' },
      { files: ['docker-bake.hcl', 'compose.yaml'], set: ['app.args.X=1', '*.platform=linux/amd64'], targets: ['app', 'worker'] },
      [
        ...BAKE_HEAD,
        '--file',
        'docker-bake.hcl',
        '--file',
        'compose.yaml',
        '--set',
        'app.args.X=1',
        '--set',
        '*.platform=linux/amd64',
        '--push',
        '--sbom',
        'true',
        '--no-cache',
        '--pull',
        '--metadata-file',
        '/tmp/run/bake.json',
        '--',
        'app',
        'worker'
      ]
    ],
    [
      3,
      'load, explicit provenance false',
      CONTAINERD,
      { load: true, provenance: 'false' },
      { targets: ['-odd-target'] },
      [...BAKE_HEAD, '--load', '--provenance', 'false', '--metadata-file', '/tmp/run/bake.json', '--', '-odd-target']
    ],
    [
      4,
      'public repository',
      { ...CONTAINER, publicRepo: true, builderId: RUN_URL },
      {},
      { targets: ['default'] },
      [...BAKE_HEAD, '--provenance', `mode=max,builder-id=${RUN_URL}`, '--metadata-file', '/tmp/run/bake.json', '--', 'default']
    ],
    [
      5,
      'entitlements on buildx 0.29 (bake checks file-system access since 0.19)',
      CONTAINERD,
      {},
      { allow: ['fs.read=/src/ctx', 'network.host'] },
      [
        ...BAKE_HEAD,
        '--allow',
        'fs.read=/src/ctx',
        '--allow',
        'network.host',
        '--provenance',
        'mode=min',
        '--metadata-file',
        '/tmp/run/bake.json',
        '--'
      ]
    ],
    [
      6,
      'entitlements dropped on buildx 0.13, which has no bake --allow',
      { ...CONTAINERD, buildx: '0.13.1' },
      {},
      { allow: ['fs.read=/src/ctx'] },
      [...BAKE_HEAD, '--provenance', 'mode=min', '--metadata-file', '/tmp/run/bake.json', '--']
    ],
    [
      7,
      'push-once targets replace --push and --load',
      { ...CONTAINERD, buildx: '0.13.1' },
      { push: true, load: true },
      { targets: ['app'], pushOnceTargets: ['app-amd64', 'app-arm64'] },
      [
        ...BAKE_HEAD,
        '--set',
        'app-amd64.output=type=image,push=',
        '--set',
        'app-arm64.output=type=image,push=',
        '--provenance',
        'mode=min',
        '--metadata-file',
        '/tmp/run/bake.json',
        '--',
        'app'
      ]
    ],
    [
      8,
      'push-once targets are ignored without push',
      { ...CONTAINERD, buildx: '0.13.1' },
      { load: true },
      { pushOnceTargets: ['app'] },
      [...BAKE_HEAD, '--load', '--provenance', 'mode=min', '--metadata-file', '/tmp/run/bake.json', '--']
    ]
  ])('#%d %s', (_n, _name, m, s, o, want) => {
    expect(bakeArgs(settings(s), context(m), opts(o))).toEqual(want)
  })
})

describe('createBuilderArgs', () => {
  it.each<[number, string, Partial<Settings>, string, string, string[]]>([
    [
      1,
      'remote with endpoint',
      { driver: 'remote', endpoint: 'tcp://buildkitd:1234' },
      'bia-1',
      '',
      ['create', '--name', 'bia-1', '--driver', 'remote', 'tcp://buildkitd:1234']
    ],
    [
      2,
      'docker-container with driver opts, buildkitd config and flags, platforms',
      {
        driver: 'docker-container',
        driverOpts: ['image=moby/buildkit:v0.25.1', 'network=host'],
        buildkitdFlags: '--allow-insecure-entitlement network.host --debug',
        builderPlatforms: ['linux/amd64', 'linux/arm64']
      },
      'bia-2',
      '/tmp/run/buildkitd.toml',
      [
        'create',
        '--name',
        'bia-2',
        '--driver',
        'docker-container',
        '--driver-opt',
        'image=moby/buildkit:v0.25.1',
        '--driver-opt',
        'network=host',
        '--buildkitd-flags',
        '--allow-insecure-entitlement network.host --debug',
        '--buildkitd-config',
        '/tmp/run/buildkitd.toml',
        '--platform',
        'linux/amd64,linux/arm64'
      ]
    ],
    [
      3,
      "kubernetes, nothing else: setup-buildx-action's default buildkitd flags",
      { driver: 'kubernetes' },
      'k8s',
      '',
      [
        'create',
        '--name',
        'k8s',
        '--driver',
        'kubernetes',
        '--buildkitd-flags',
        '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'
      ]
    ],
    [
      4,
      "docker-container on a docker context: setup-buildx-action's default buildkitd flags",
      { driver: 'docker-container', endpoint: 'my-context' },
      'ctx',
      '',
      [
        'create',
        '--name',
        'ctx',
        '--driver',
        'docker-container',
        '--buildkitd-flags',
        '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host',
        'my-context'
      ]
    ],
    [
      5,
      'remote with a config file from the inline input',
      { driver: 'remote', endpoint: 'unix:///run/buildkit/buildkitd.sock', buildkitdConfigInline: 'debug = true' },
      'r',
      '/tmp/run/inline.toml',
      ['create', '--name', 'r', '--driver', 'remote', '--buildkitd-config', '/tmp/run/inline.toml', 'unix:///run/buildkit/buildkitd.sock']
    ]
  ])('#%d %s', (_n, _name, s, name, configFile, want) => {
    expect(createBuilderArgs(settings(s), { name, configFile })).toEqual(want)
  })
})

describe('imagetoolsCreateArgs', () => {
  const A = `ghcr.io/o/app@sha256:${'a'.repeat(64)}`
  const B = `ghcr.io/o/app@sha256:${'b'.repeat(64)}`
  it.each<[number, string[], string[], string[], string[]]>([
    [
      1,
      ['ghcr.io/o/app:1', 'ghcr.io/o/app:latest'],
      [A, B],
      [],
      ['imagetools', 'create', '--tag', 'ghcr.io/o/app:1', '--tag', 'ghcr.io/o/app:latest', '--', A, B]
    ],
    [
      2,
      ['ghcr.io/o/app:1'],
      [A, B],
      ['index:org.opencontainers.image.description=An app', 'index:org.opencontainers.image.source=https://github.com/o/r'],
      [
        'imagetools',
        'create',
        '--tag',
        'ghcr.io/o/app:1',
        '--annotation',
        'index:org.opencontainers.image.description=An app',
        '--annotation',
        'index:org.opencontainers.image.source=https://github.com/o/r',
        '--',
        A,
        B
      ]
    ],
    [3, [], [A], [], ['imagetools', 'create', '--', A]],
    // whatever a source looks like, it comes after --
    [4, ['t'], ['--dry-run', '-f=x'], [], ['imagetools', 'create', '--tag', 't', '--', '--dry-run', '-f=x']]
  ])('#%d', (_n, tags, sources, annotations, want) => {
    expect(imagetoolsCreateArgs(tags, sources, annotations)).toEqual(want)
  })
})

describe('versionAtLeast', () => {
  it.each<[string, string, boolean]>([
    ['0.29.1', '0.10.0', true],
    ['0.10.0', '0.10.0', true],
    ['0.9.1', '0.10.0', false],
    ['v0.23.0', '0.23.0', true],
    ['0.22.9', '0.23.0', false],
    ['0.13.1+ds1', '0.13.0', true],
    ['0.29.1-desktop.1', '0.29.1', true],
    ['1.0.0', '0.23.0', true],
    ['', '0.10.0', false],
    ['unknown', '0.1.0', false]
  ])('%j >= %s -> %s', (v, min, want) => {
    expect(versionAtLeast(v, min)).toBe(want)
  })
})

describe('attestationsSupported', () => {
  it.each<[string, Driver, boolean, boolean]>([
    ['0.29.1', 'docker', false, false],
    ['0.29.1', 'docker', true, true],
    ['0.29.1', 'docker-container', false, true],
    ['0.29.1', 'remote', false, true],
    ['0.29.1', 'kubernetes', false, true],
    ['0.10.0', 'docker-container', false, true],
    ['0.9.1', 'docker-container', false, false],
    ['0.9.1', 'docker', true, false],
    ['', 'docker-container', true, false]
  ])('buildx %j, %s driver, containerd %s -> %s', (buildx, driver, containerd, want) => {
    expect(attestationsSupported(caps({ buildx, driver, containerd }))).toBe(want)
  })
})

describe('provenanceArg', () => {
  it.each<[string, Machine, string, string | undefined]>([
    ['default, private', CONTAINER, '', 'mode=min'],
    ['default, public with run URL', { ...CONTAINER, publicRepo: true, builderId: RUN_URL }, '', `mode=max,builder-id=${RUN_URL}`],
    ['default, classic docker store', { ...CLASSIC, publicRepo: true, builderId: RUN_URL }, '', undefined],
    ['default, old buildx', { ...CONTAINER, buildx: '0.9.1' }, '', undefined],
    ['explicit false', CONTAINER, 'false', 'false'],
    ['explicit true', CONTAINER, 'true', 'true'],
    ['explicit options', CONTAINER, 'mode=max', 'mode=max']
  ])('%s', (_what, m, provenance, want) => {
    expect(provenanceArg(settings({ provenance }), context(m))).toBe(want)
  })
})

describe('argv of the other buildx subcommands (from the subcommand on: runBuildx adds the prefix)', () => {
  const D = 'sha256:' + 'c'.repeat(64)
  it.each<[number, string, string[], string[]]>([
    [1, 'version', versionArgs(), ['version']],
    [2, 'does a builder exist', inspectBuilderArgs('b1'), ['inspect', 'b1']],
    [3, 'inspect, starting the builder', inspectBuilderArgs('b1', { bootstrap: true }), ['inspect', '--bootstrap', 'b1']],
    [4, 'remove a builder', removeBuilderArgs('b1'), ['rm', 'b1']],
    [5, 'bake --print, no files or targets', bakePrintArgs([], [], []), ['bake', '--print', '--']],
    [
      6,
      'bake --print with files, overrides and targets',
      bakePrintArgs(['a.hcl', 'b.json'], ['*.platform=linux/amd64'], ['app', '-odd']),
      ['bake', '--file', 'a.hcl', '--file', 'b.json', '--set', '*.platform=linux/amd64', '--print', '--', 'app', '-odd']
    ],
    [7, 'imagetools inspect --raw', imagetoolsInspectArgs('r/app@' + D, { raw: true }), ['imagetools', 'inspect', '--raw', 'r/app@' + D]],
    [
      8,
      'imagetools inspect with a template',
      imagetoolsInspectArgs('r/app:1', { format: '{{json .Manifest}}' }),
      ['imagetools', 'inspect', 'r/app:1', '--format', '{{json .Manifest}}']
    ],
    [9, 'a build record', historyInspectArgs('b1', 'ref1'), ['history', 'inspect', '--builder', 'b1', 'ref1', '--format', 'json']],
    [
      10,
      'the image index of a build record',
      historyAttachmentArgs('b1', 'ref1', { index: true }),
      ['history', 'inspect', '--builder', 'b1', 'attachment', 'ref1', '--type', 'index']
    ],
    [
      11,
      "one platform's manifest",
      historyAttachmentArgs('b1', 'ref1', { platform: 'linux/arm64' }),
      ['history', 'inspect', '--builder', 'b1', 'attachment', 'ref1', '--platform', 'linux/arm64']
    ],
    [
      12,
      'an attachment by digest',
      historyAttachmentArgs('b1', 'ref1', { digest: D }),
      ['history', 'inspect', '--builder', 'b1', 'attachment', 'ref1', D]
    ]
  ])('%i: %s', (_n, _what, argv, want) => {
    expect(argv).toEqual(want)
  })

  it('no argv starts with the buildx word', () => {
    const all = [
      versionArgs(),
      inspectBuilderArgs('b'),
      removeBuilderArgs('b'),
      bakePrintArgs([], [], []),
      imagetoolsInspectArgs('r', { raw: true }),
      historyInspectArgs('b', 'r'),
      historyAttachmentArgs('b', 'r', { index: true }),
      imagetoolsCreateArgs(['t'], ['s'], []),
      createBuilderArgs(settings(), { name: 'n', configFile: '' }),
      buildArgs(settings(), context(CONTAINER), FILES),
      bakeArgs(settings(), context(CONTAINER), { files: [], targets: [], set: [], metadataFile: 'm', allow: [] })
    ]
    for (const argv of all) expect(argv[0]).not.toBe('buildx')
  })
})

describe('--call (a frontend request other than build)', () => {
  it('build: --call in place of every output, and no cache export', () => {
    const s = settings({ push: true, load: true, outputs: ['type=local,dest=out'], cacheTo: ['type=gha'], tags: ['r/a:1'] })
    expect(buildArgs(s, context(CONTAINER), FILES, { call: 'check,format=json' })).toEqual([
      ...HEAD,
      '--tag',
      'r/a:1',
      '--call',
      'check,format=json',
      '--provenance',
      'mode=min',
      ...TAIL,
      '.'
    ])
  })

  it('bake: --call, and neither --push nor --load', () => {
    const s = settings({ push: true, load: true })
    expect(
      bakeArgs(s, context(CONTAINER), {
        files: ['f.hcl'],
        targets: ['a'],
        set: [],
        metadataFile: 'm',
        allow: [],
        call: 'targets,format=json'
      })
    ).toEqual([
      'bake',
      '--builder',
      'builder-1',
      '--progress',
      'plain',
      '--file',
      'f.hcl',
      '--call',
      'targets,format=json',
      '--provenance',
      'mode=min',
      '--metadata-file',
      'm',
      '--',
      'a'
    ])
  })
})
