import { DEFAULT_SETTINGS } from '../default-settings.js'
import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { InputError } from '../../../src/errors.js'
import { checkAgainstCapabilities, parseInputs, type Capabilities, type Settings } from '../../../src/inputs/parse.js'

/** The defaults of action.yml, copied by hand (a test below keeps them in step with the file). */
const DEFAULTS: Readonly<Record<string, string>> = {
  mode: 'build',
  engine: 'auto',
  'buildx-version': '',
  'buildx-download-url': '',
  'buildx-sha256': '',
  builder: '',
  driver: '',
  'driver-opts': '',
  'buildkitd-config': '',
  'buildkitd-config-inline': '',
  'buildkitd-flags': '',
  endpoint: '',
  'builder-platforms': '',
  'keep-builder': 'false',
  'builder-scope': 'none',
  'allow-fork-cache-write': 'false',
  registry: '',
  username: '',
  password: '',
  logout: 'true',
  sign: 'auto',
  'sign-key': '',
  'sign-key-password': '',
  'sign-fulcio-url': '',
  'sign-rekor-url': '',
  'sign-tlog': 'true',
  'cosign-version': '',
  'cosign-download-url': '',
  'cosign-sha256': '',
  'registry-auth': '',
  context: '',
  file: '',
  tags: '',
  labels: '',
  annotations: '',
  'build-args': '',
  'build-contexts': '',
  secrets: '',
  'secret-files': '',
  'secret-envs': '',
  platforms: '',
  target: '',
  push: 'false',
  'push-by-digest': 'false',
  'push-retries': '2',
  load: 'false',
  outputs: '',
  'cache-from': '',
  'cache-to': '',
  call: '',
  provenance: '',
  sbom: '',
  attests: '',
  'no-cache': 'false',
  'no-cache-filters': '',
  pull: 'false',
  ssh: '',
  'cgroup-parent': '',
  network: '',
  'shm-size': '',
  ulimit: '',
  'add-hosts': '',
  allow: '',
  files: '',
  targets: '',
  set: '',
  matrix: '',
  'matrix-name': '',
  'platform-split': 'false',
  'max-parallel': '4',
  digests: '',
  'digests-from': '',
  'base-annotations': 'false',
  summary: 'true',
  'build-record-upload': 'true',
  'depot-project': '',
  'depot-token': '',
  'depot-version': 'latest',
  'depot-download-url': '',
  'depot-sha256': '',
  'depot-fallback': 'false',
  'depot-build-platform': '',
  'depot-save': 'false',
  source: '',
  vars: '',
  'github-token': '${{ github.token }}',
  project: '',
  token: '',
  'buildx-fallback': '',
  'build-platform': '',
  save: '',
  'save-tag': '',
  'save-tags': '',
  lint: 'false',
  'lint-fail-on': '',
  'sbom-dir': '',
  workdir: '',
  image: '',
  runners: '',
  'default-runner': '',
  'compare-with': '',
  'max-size-increase': ''
}

/** A reader like core.getInput: action.yml defaults, overridden; '' for names action.yml lacks. */
function read(overrides: Record<string, string> = {}): (name: string) => string {
  // an expression default (`${{ github.token }}`) is the runner's to evaluate: empty here
  return name => overrides[name] ?? (/\$\{\{/.test(DEFAULTS[name] ?? '') ? '' : (DEFAULTS[name] ?? ''))
}

const D1 = `sha256:${'1'.repeat(64)}`
const D2 = `sha256:${'abcdef0123456789'.repeat(4)}`

describe('the test reader', () => {
  it('has exactly the inputs and defaults of action.yml', () => {
    const action = parseYaml(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    const fromFile = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']))
    expect(DEFAULTS).toEqual(fromFile)
  })

  it('parseInputs reads every input of action.yml and no other', () => {
    const names = new Set<string>()
    parseInputs(name => {
      names.add(name)
      return read()(name)
    })
    expect([...names].sort()).toEqual(Object.keys(DEFAULTS).sort())
  })
})

describe('parseInputs: defaults', () => {
  it('gives the documented defaults', () => {
    expect(parseInputs(read())).toEqual(DEFAULT_SETTINGS)
  })

  it('treats every input missing (reader returns only empty strings) like the defaults', () => {
    expect(parseInputs(() => '')).toEqual(DEFAULT_SETTINGS)
  })
})

describe('parseInputs: valid inputs', () => {
  it.each<[string, Record<string, string>, Partial<Settings>]>([
    [
      'platforms by comma and line',
      { platforms: 'linux/amd64, linux/arm64\nlinux/arm/v7\n' },
      { platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] }
    ],
    [
      'tags by comma and line, registry with port',
      { tags: 'ghcr.io/o/app:1,ghcr.io/o/app:latest\nlocalhost:5000/app\n# a comment' },
      { tags: ['ghcr.io/o/app:1', 'ghcr.io/o/app:latest', 'localhost:5000/app'] }
    ],
    ['quoted tag followed by spaces', { tags: '"ghcr.io/o/a:1" , ghcr.io/o/b:2' }, { tags: ['ghcr.io/o/a:1', 'ghcr.io/o/b:2'] }],
    [
      'labels and build args',
      { labels: 'org.opencontainers.image.title=app\nA=b=c', 'build-args': 'A=1\nB=\n# skipped\nC= x' },
      {
        labels: ['org.opencontainers.image.title=app', 'A=b=c'],
        buildArgs: [
          ['A', '1'],
          ['B', ''],
          ['C', ' x']
        ]
      }
    ],
    [
      'annotations and build contexts',
      { annotations: 'index:org.opencontainers.image.description=An app', 'build-contexts': 'base=docker-image://alpine:3.20\nsrc=../src' },
      {
        annotations: ['index:org.opencontainers.image.description=An app'],
        buildContexts: ['base=docker-image://alpine:3.20', 'src=../src']
      }
    ],
    [
      'secrets of the three kinds, in input order',
      { secrets: 'token=abc\nnpmrc=a=b', 'secret-files': 'key=/run/key.pem', 'secret-envs': 'gh.token=GITHUB_TOKEN' },
      {
        secrets: [
          { id: 'token', kind: 'value', source: 'abc' },
          { id: 'npmrc', kind: 'value', source: 'a=b' },
          { id: 'key', kind: 'file', source: '/run/key.pem' },
          { id: 'gh.token', kind: 'env', source: 'GITHUB_TOKEN' }
        ]
      }
    ],
    ['push and load together', { push: 'true', load: 'TRUE' }, { push: true, load: true }],
    [
      'outputs with a bare path',
      { outputs: 'type=oci,dest=image.tar\nout-dir' },
      { outputs: ['type=oci,dest=image.tar', 'out-dir'], push: false }
    ],
    [
      'cache with a bare ref',
      { 'cache-from': 'type=gha\nghcr.io/o/cache:main', 'cache-to': 'type=gha,mode=max' },
      { cacheFrom: ['type=gha', 'ghcr.io/o/cache:main'], cacheTo: ['type=gha,mode=max'] }
    ],
    ['attestations true/false are lowercased', { provenance: 'TRUE', sbom: 'False' }, { provenance: 'true', sbom: 'false' }],
    [
      'attestation options kept',
      { provenance: 'mode=max,builder-id=https://ci/run/1', sbom: 'generator=docker/buildkit-syft-scanner' },
      { provenance: 'mode=max,builder-id=https://ci/run/1', sbom: 'generator=docker/buildkit-syft-scanner' }
    ],
    [
      'docker-container builder setup',
      {
        driver: 'docker-container',
        'driver-opts': 'image=moby/buildkit:v0.25.1\nnetwork=host',
        'buildkitd-flags': ' --allow-insecure-entitlement network.host ',
        'buildkitd-config-inline': '[worker.oci]\n  max-parallelism = 4\n',
        'builder-platforms': 'linux/amd64,linux/arm64',
        'keep-builder': 'True'
      },
      {
        driver: 'docker-container',
        driverOpts: ['image=moby/buildkit:v0.25.1', 'network=host'],
        buildkitdFlags: '--allow-insecure-entitlement network.host',
        buildkitdConfigInline: '[worker.oci]\n  max-parallelism = 4\n',
        builderPlatforms: ['linux/amd64', 'linux/arm64'],
        keepBuilder: true
      }
    ],
    [
      'buildkitd config file',
      { driver: 'kubernetes', 'buildkitd-config': ' .github/buildkitd.toml ' },
      { driver: 'kubernetes', buildkitdConfig: '.github/buildkitd.toml' }
    ],
    [
      'remote driver with an endpoint',
      { driver: 'remote', endpoint: 'tcp://buildkitd:1234' },
      { driver: 'remote', endpoint: 'tcp://buildkitd:1234' }
    ],
    [
      'remote driver naming an existing builder',
      { driver: 'remote', builder: 'shared' },
      { driver: 'remote', builder: 'shared', endpoint: '' }
    ],
    ['docker context as endpoint', { driver: 'docker-container', endpoint: 'my-context' }, { endpoint: 'my-context' }],
    [
      'docker driver with its own existing builder may take flags',
      { builder: 'mine', 'buildkitd-flags': '--debug' },
      { builder: 'mine', buildkitdFlags: '--debug' }
    ],
    ['buildx version with v', { 'buildx-version': 'v0.29.1' }, { buildxVersion: 'v0.29.1' }],
    ['buildx pre-release', { 'buildx-version': '0.30.0-rc1' }, { buildxVersion: '0.30.0-rc1' }],
    ['installed buildx', { 'buildx-version': ' installed ' }, { buildxVersion: 'installed' }],
    [
      'add-hosts with = and IPv6',
      { 'add-hosts': 'db=10.0.0.2, v6:::1, gw:host-gateway' },
      { addHosts: ['db=10.0.0.2', 'v6:::1', 'gw:host-gateway'] }
    ],
    ['ulimit unlimited', { ulimit: 'memlock=-1:-1' }, { ulimit: ['memlock=-1:-1'] }],
    [
      'annotation with a platform and an empty value',
      { annotations: 'manifest[linux/amd64]:org.example.a=' },
      { annotations: ['manifest[linux/amd64]:org.example.a='] }
    ],
    [
      'builder scope with a builder of its own',
      { driver: 'remote', endpoint: 'tcp://b:1234', 'builder-scope': ' branch ' },
      { builderScope: 'branch' }
    ],
    ['fork cache write allowed', { 'allow-fork-cache-write': 'true' }, { allowForkCacheWrite: true }],
    ['empty buildx version: the installed one when usable, else latest', { 'buildx-version': '' }, { buildxVersion: '' }],
    ['no driver: the docker driver, unless a current builder is chosen', { driver: '' }, { driver: 'docker', driverGiven: false }],
    ['driver docker given', { driver: 'docker' }, { driver: 'docker', driverGiven: true }],
    [
      'download mirror',
      { 'buildx-download-url': 'https://mirror.example.com/buildx' },
      { buildxDownloadUrl: 'https://mirror.example.com/buildx' }
    ],
    ...['http://127.0.0.1:8080/buildx', 'http://localhost/buildx', 'http://[::1]:9/buildx', 'http://127.9.9.9/b'].map(
      (url): [string, Record<string, string>, Partial<Settings>] => [
        `plain http on this machine: ${url}`,
        { 'buildx-download-url': url },
        { buildxDownloadUrl: url }
      ]
    ),
    [
      'a pinned buildx sha256, prefixed and in capitals',
      { 'buildx-version': '0.29.1', 'buildx-sha256': ` sha256:${'AB'.repeat(32)} ` },
      { buildxVersion: '0.29.1', buildxSha256: 'ab'.repeat(32) }
    ],
    ['engine and mode trimmed', { engine: ' depot ', mode: ' build' }, { engine: 'depot', mode: 'build' }],
    [
      'merge mode with digests',
      { mode: 'merge', digests: `${D1}, ghcr.io/o/app@${D2}`, tags: 'ghcr.io/o/app:1' },
      { mode: 'merge', digests: [D1, `ghcr.io/o/app@${D2}`], tags: ['ghcr.io/o/app:1'] }
    ],
    [
      'merge mode with digest files',
      { mode: 'merge', 'digests-from': 'amd64.txt\narm64.txt', tags: 'app:1' },
      { digestsFrom: ['amd64.txt', 'arm64.txt'], digests: [] }
    ],
    [
      'platform split',
      { 'platform-split': 'true', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: 'ghcr.io/o/app:1', 'max-parallel': '2' },
      { platformSplit: true, maxParallel: 2, push: true }
    ],
    ['max-parallel bounds', { 'max-parallel': '64' }, { maxParallel: 64 }],
    ['max-parallel 1', { 'max-parallel': ' 1 ' }, { maxParallel: 1 }],
    ['empty max-parallel is 4', { 'max-parallel': '' }, { maxParallel: 4 }],
    [
      'bake files, targets and overrides',
      { files: 'docker-bake.hcl\ncompose.yaml', targets: 'app, worker-1\nsome_target', set: 'app.args.X=1\n*.platform=linux/amd64' },
      {
        files: ['docker-bake.hcl', 'compose.yaml'],
        targets: ['app', 'worker-1', 'some_target'],
        set: ['app.args.X=1', '*.platform=linux/amd64']
      }
    ],
    [
      'a matrix takes the run options of a single build',
      {
        matrix: 'v: [a, b]',
        tags: 'app:{{v}}',
        network: 'host',
        'shm-size': '1g',
        ulimit: 'nofile=1024',
        'build-contexts': 'base=docker-image://alpine',
        secrets: 'tok=x'
      },
      {
        network: 'host',
        shmSize: '1g',
        ulimit: ['nofile=1024'],
        buildContexts: ['base=docker-image://alpine'],
        secrets: [{ id: 'tok', kind: 'value', source: 'x' }]
      }
    ],
    [
      'bake files take secrets, push and no-cache',
      { files: 'docker-bake.hcl', 'secret-envs': 'tok=TOKEN', push: 'true', 'no-cache': 'true' },
      { secrets: [{ id: 'tok', kind: 'env', source: 'TOKEN' }], push: true, noCache: true }
    ],
    [
      'merge mode takes tags, digests, index annotations, push and a target name',
      {
        mode: 'merge',
        digests: D1,
        tags: 'app:1',
        annotations: 'index:org.example=x\norg.example.b=y',
        push: 'true',
        target: 'app',
        'no-cache': 'false'
      },
      { mode: 'merge', digests: [D1], tags: ['app:1'], annotations: ['index:org.example=x', 'org.example.b=y'], push: true, target: 'app' }
    ],
    [
      'a registry login',
      { registry: 'localhost:5000', username: 'ci', password: 'pw\n', logout: 'false' },
      { login: { registry: 'localhost:5000', username: 'ci', password: 'pw' }, logout: false }
    ],
    ['a Docker Hub login (no registry)', { username: 'ci', password: 'pw' }, { login: { registry: '', username: 'ci', password: 'pw' } }],
    [
      'registry-auth beside the login input',
      {
        registry: 'localhost:5000',
        username: 'ci',
        password: 'pw',
        'registry-auth': '- registry: ghcr.io\n  username: u1\n  password: "0123"\n- username: hub\n  password: p2\n  ecr: false\n'
      },
      {
        login: { registry: 'localhost:5000', username: 'ci', password: 'pw' },
        registryAuth: [
          { registry: 'ghcr.io', username: 'u1', password: '0123' },
          { registry: '', username: 'hub', password: 'p2' }
        ]
      }
    ],
    ['push-retries 0 (off)', { 'push-retries': '0' }, { pushRetries: 0 }],
    ['push-retries 10', { 'push-retries': ' 10 ' }, { pushRetries: 10 }],
    [
      'attests, no-cache filters, ssh and a cgroup parent',
      {
        attests: 'type=provenance,mode=max\ntype=sbom',
        'no-cache-filters': 'build, test',
        ssh: 'default\ndeploy=/home/r/.ssh/id_ed25519',
        'cgroup-parent': '/ci/builds'
      },
      {
        attests: ['type=provenance,mode=max', 'type=sbom'],
        noCacheFilters: ['build', 'test'],
        ssh: ['default', 'deploy=/home/r/.ssh/id_ed25519'],
        cgroupParent: '/ci/builds'
      }
    ],
    [
      'matrix kept as written',
      { matrix: 'variant: [slim, full]\n', 'matrix-name': ' {{variant}} ' },
      { matrix: 'variant: [slim, full]\n', matrixName: '{{variant}}' }
    ],
    ['sizes', { 'shm-size': '512M' }, { shmSize: '512M' }],
    ['fractional size', { 'shm-size': '1.5g' }, { shmSize: '1.5g' }],
    ['plain byte count', { 'shm-size': '1048576' }, { shmSize: '1048576' }],
    [
      'run options',
      {
        ulimit: 'nofile=1024:1024\nnproc=512',
        'add-hosts': 'db:10.0.0.2, cache:10.0.0.3',
        allow: 'network.host,security.insecure',
        network: 'host'
      },
      {
        ulimit: ['nofile=1024:1024', 'nproc=512'],
        addHosts: ['db:10.0.0.2', 'cache:10.0.0.3'],
        allow: ['network.host', 'security.insecure'],
        network: 'host'
      }
    ],
    [
      'flags',
      { 'no-cache': 'TRUE', pull: 'True', 'base-annotations': 'true', summary: 'False' },
      { noCache: true, pull: true, baseAnnotations: true, summary: false }
    ],
    [
      'context and file',
      { context: ' ./app ', file: 'build/Containerfile', target: ' release ' },
      { context: './app', file: 'build/Containerfile', target: 'release' }
    ],
    ['empty context is .', { context: '   ' }, { context: '.' }],
    ['a context starting with - is kept (args puts it after --)', { context: '-weird' }, { context: '-weird' }],
    ['value of exactly 64 KiB', { 'build-args': `A=${'x'.repeat(64 * 1024 - 2)}` }, { buildArgs: [['A', 'x'.repeat(64 * 1024 - 2)]] }]
  ])('%s', (_what, overrides, want) => {
    expect(parseInputs(read(overrides))).toMatchObject(want)
  })
})

describe('parseInputs: invalid inputs', () => {
  const merge = { mode: 'merge', tags: 'ghcr.io/o/app:1' }
  const split = { 'platform-split': 'true', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: 'ghcr.io/o/app:1' }

  it.each<[string, Record<string, string>, string]>([
    ['platform without arch', { platforms: 'linux' }, 'platforms'],
    ['platform with too many parts', { platforms: 'linux/amd64/v2/x' }, 'platforms'],
    ['uppercase platform', { platforms: 'Linux/AMD64' }, 'platforms'],
    ['platform listed twice', { platforms: 'linux/amd64\nlinux/amd64' }, 'platforms'],
    ['unterminated quote in platforms', { platforms: '"linux/amd64,linux/arm64' }, 'platforms'],
    ['unterminated quote in tags', { tags: 'ghcr.io/o/a:1,"ghcr.io/o/b:1' }, 'tags'],
    ['bad builder platform', { driver: 'docker-container', 'builder-platforms': 'amd64' }, 'builder-platforms'],
    ['unknown mode', { mode: 'deploy' }, 'mode'],
    ['unknown engine', { engine: 'kaniko' }, 'engine'],
    ['unknown driver', { driver: 'podman' }, 'driver'],
    ['push with outputs', { push: 'true', outputs: 'type=oci,dest=x.tar' }, 'outputs'],
    ['load with outputs', { load: 'true', outputs: 'type=docker' }, 'outputs'],
    ['unknown output type', { outputs: 'type=ftp,dest=x' }, 'outputs'],
    ['output without type', { outputs: 'dest=x,compression=zstd' }, 'outputs'],
    ['unknown cache type', { 'cache-from': 'type=redis,ref=x' }, 'cache-from'],
    ['unterminated quote in cache-to', { 'cache-to': 'type=gha,"scope=a' }, 'cache-to'],
    ['tag with a space', { tags: 'my app:1' }, 'tags'],
    ['uppercase repository', { tags: 'ghcr.io/Owner/App:1' }, 'tags'],
    ['digest in a tag', { tags: `ghcr.io/o/app@${D1}` }, 'tags'],
    ['empty tag after the colon', { tags: 'app:' }, 'tags'],
    ['short digest in merge mode', { ...merge, digests: 'sha256:abc' }, 'digests'],
    ['uppercase hex digest in merge mode', { ...merge, digests: `ghcr.io/o/app@sha256:${'A'.repeat(64)}` }, 'digests'],
    ['digest with a bad repository', { ...merge, digests: `Bad/Repo@${D1}` }, 'digests'],
    ['digest of another algorithm', { ...merge, digests: `md5:${'a'.repeat(32)}` }, 'digests'],
    ['merge without tags', { mode: 'merge', digests: D1 }, 'tags'],
    ['merge without digests', { ...merge }, 'digests'],
    ['digests outside merge mode', { digests: D1 }, 'digests'],
    ['digests-from outside merge mode', { 'digests-from': 'd.txt' }, 'digests'],
    ['platform-split with one platform', { ...split, platforms: 'linux/amd64' }, 'platform-split'],
    ['platform-split without push', { ...split, push: 'false' }, 'platform-split'],
    ['platform-split without tags', { ...split, tags: '' }, 'tags'],
    ['max-parallel 0', { 'max-parallel': '0' }, 'max-parallel'],
    ['max-parallel 65', { 'max-parallel': '65' }, 'max-parallel'],
    ['max-parallel x', { 'max-parallel': 'x' }, 'max-parallel'],
    ['max-parallel fraction', { 'max-parallel': '2.5' }, 'max-parallel'],
    ['max-parallel negative', { 'max-parallel': '-1' }, 'max-parallel'],
    ['buildx version without patch', { 'buildx-version': 'v0.29' }, 'buildx-version'],
    ['buildx version word', { 'buildx-version': 'nightly' }, 'buildx-version'],
    ['buildx version with shell text', { 'buildx-version': '0.29.1; rm -rf /' }, 'buildx-version'],
    ['ftp download URL', { 'buildx-download-url': 'ftp://mirror.example.com/buildx' }, 'buildx-download-url'],
    ['buildx sha256 not hex', { 'buildx-version': '0.29.1', 'buildx-sha256': 'z'.repeat(64) }, 'buildx-sha256'],
    ['buildx sha256 with buildx-version latest', { 'buildx-version': 'latest', 'buildx-sha256': 'a'.repeat(64) }, 'buildx-sha256'],
    ['buildx sha256 with buildx-version installed', { 'buildx-version': 'installed', 'buildx-sha256': 'a'.repeat(64) }, 'buildx-sha256'],
    ['buildx sha256 with no buildx-version', { 'buildx-sha256': 'a'.repeat(64) }, 'buildx-sha256'],
    ['file download URL', { 'buildx-download-url': 'file:///tmp/buildx' }, 'buildx-download-url'],
    ['download URL with a space', { 'buildx-download-url': 'https://mirror.example.com/a b' }, 'buildx-download-url'],
    ['plain http download URL', { 'buildx-download-url': 'http://mirror.example.com/buildx' }, 'buildx-download-url'],
    ['plain http to a private address', { 'buildx-download-url': 'http://10.1.2.3/buildx' }, 'buildx-download-url'],
    ['plain http to a host named like loopback', { 'buildx-download-url': 'http://127.0.0.1.example.com/buildx' }, 'buildx-download-url'],
    ['plain http Depot mirror', { 'depot-download-url': 'http://mirror.example.com/depot' }, 'depot-download-url'],
    ['remote driver without endpoint', { driver: 'remote' }, 'endpoint'],
    ['endpoint with an unknown scheme', { driver: 'remote', endpoint: 'http://buildkitd:1234' }, 'endpoint'],
    ['builder name starting with -', { builder: '-bad' }, 'builder'],
    [
      'buildkitd-config with buildkitd-config-inline',
      { driver: 'docker-container', 'buildkitd-config': 'b.toml', 'buildkitd-config-inline': 'debug = true' },
      'buildkitd-config-inline'
    ],
    ['buildkitd flags for the docker driver', { 'buildkitd-flags': '--debug' }, 'driver'],
    ['build arg without =', { 'build-args': 'NOEQUALS' }, 'build-args'],
    ['build arg without key', { 'build-args': '=value' }, 'build-args'],
    ['label key with a space', { labels: 'my label=x' }, 'labels'],
    ['build context without =', { 'build-contexts': 'base' }, 'build-contexts'],
    ['secret id with a space', { secrets: 'my id=x' }, 'secrets'],
    ['secret id with a slash', { secrets: 'a/b=x' }, 'secrets'],
    ['secret id with a comma', { 'secret-envs': 'a,b=VAR' }, 'secret-envs'],
    ['secret line without =', { secrets: 'just-a-token' }, 'secrets'],
    ['duplicate secret id in one input', { secrets: 'a=1\na=2' }, 'secrets'],
    ['duplicate secret id across inputs', { secrets: 'a=1', 'secret-files': 'a=/run/a' }, 'secret-files'],
    ['empty secret file path', { 'secret-files': 'key=' }, 'secret-files'],
    ['empty secret env name', { 'secret-envs': 'tok=' }, 'secret-envs'],
    ['shm-size with an unknown unit', { 'shm-size': '2q' }, 'shm-size'],
    ['shm-size word', { 'shm-size': 'big' }, 'shm-size'],
    ['provenance mode unknown', { provenance: 'mode=full' }, 'provenance'],
    ['provenance option without value', { provenance: 'mode' }, 'provenance'],
    ['sbom mode unknown', { sbom: 'mode=all' }, 'sbom'],
    ['bad boolean', { push: 'maybe' }, 'push'],
    ['bad keep-builder', { 'keep-builder': 'nah' }, 'keep-builder'],
    ['bad summary', { summary: '2' }, 'summary'],
    ['value over 64 KiB', { tags: `app:${'1'.repeat(64 * 1024)}` }, 'tags'],
    ['matrix over 64 KiB', { matrix: `a: [${'x'.repeat(64 * 1024)}]` }, 'matrix'],
    ['NUL character', { labels: 'A=b\0c' }, 'labels'],
    ['NUL character in a flag', { 'no-cache': 'true\0' }, 'no-cache'],
    ['matrix with bake files', { matrix: 'variant: [a, b]', files: 'docker-bake.hcl' }, 'matrix'],
    ['bake target with a dot', { targets: 'app.v1' }, 'targets'],
    ['bake target with a space', { targets: 'app, my target' }, 'targets'],
    ['bake target with a slash', { targets: '../x' }, 'targets'],
    ['unknown builder scope', { driver: 'remote', endpoint: 'tcp://b:1', 'builder-scope': 'org' }, 'builder-scope'],
    ['builder scope with the docker driver', { 'builder-scope': 'repo' }, 'builder-scope'],
    ['builder scope with a named builder', { driver: 'remote', builder: 'shared', 'builder-scope': 'repo' }, 'builder-scope'],
    ['bad allow-fork-cache-write', { 'allow-fork-cache-write': 'sometimes' }, 'allow-fork-cache-write'],
    ['annotation without =', { annotations: 'org.example.a' }, 'annotations'],
    ['annotation key with a space', { annotations: 'my key=v' }, 'annotations'],
    ['ulimit without a number', { ulimit: 'nofile=lots' }, 'ulimit'],
    ['ulimit with shell text', { ulimit: 'nofile=1024; rm -rf /' }, 'ulimit'],
    ['add-host without an address', { 'add-hosts': 'db' }, 'add-hosts'],
    ['add-host with a space', { 'add-hosts': 'db: 10.0.0.2' }, 'add-hosts'],
    // an input the mode would ignore is refused, never dropped
    ['tags with bake files', { files: 'docker-bake.hcl', tags: 'app:1' }, 'tags'],
    ['platforms with bake targets', { targets: 'app', platforms: 'linux/amd64' }, 'platforms'],
    ['build-args with bake files', { files: 'docker-bake.hcl', 'build-args': 'X=1' }, 'build-args'],
    ['context with bake files', { files: 'docker-bake.hcl', context: 'src' }, 'context'],
    ['file with bake files', { files: 'docker-bake.hcl', file: 'Dockerfile.prod' }, 'file'],
    ['outputs with bake files', { files: 'docker-bake.hcl', outputs: 'type=local,dest=out' }, 'outputs'],
    ['build-contexts with bake files', { files: 'docker-bake.hcl', 'build-contexts': 'base=docker-image://alpine' }, 'build-contexts'],
    ['cache-to with bake files', { files: 'docker-bake.hcl', 'cache-to': 'type=gha' }, 'cache-to'],
    ['network with bake files', { files: 'docker-bake.hcl', network: 'host' }, 'network'],
    ['add-hosts with a matrix', { matrix: 'v: [a, b]', tags: 'app:{{v}}', 'add-hosts': 'db:10.0.0.2' }, 'add-hosts'],
    ['targets with a matrix', { matrix: 'v: [a, b]', tags: 'app:{{v}}', targets: 'app' }, 'targets'],
    ['push-by-digest with bake files', { files: 'docker-bake.hcl', 'push-by-digest': 'true' }, 'push-by-digest'],
    ['push-by-digest with a matrix', { matrix: 'v: [a]', 'push-by-digest': 'true', tags: 'ghcr.io/o/app' }, 'push-by-digest'],
    ['set on a single build', { set: '*.platform=linux/amd64' }, 'set'],
    ['attest without type', { attests: 'sbom' }, 'attests'],
    ['attest of an unknown type', { attests: 'type=vex' }, 'attests'],
    ['provenance both in attests and its input', { attests: 'type=provenance,mode=max', provenance: 'mode=min' }, 'attests'],
    ['sbom twice in attests', { attests: 'type=sbom\ntype=sbom,generator=x' }, 'attests'],
    ['no-cache-filter that is not a stage name', { 'no-cache-filters': 'build stage' }, 'no-cache-filters'],
    ['ssh entry with a space in its id', { ssh: 'my key=/k' }, 'ssh'],
    ['cgroup-parent with a space', { 'cgroup-parent': 'a b' }, 'cgroup-parent'],
    ['cgroup-parent with bake files', { files: 'docker-bake.hcl', 'cgroup-parent': 'ci' }, 'cgroup-parent'],
    ['cgroup-parent with a matrix', { matrix: 'v: [a]', 'cgroup-parent': 'ci' }, 'cgroup-parent'],
    ['ssh with bake files', { files: 'docker-bake.hcl', ssh: 'default' }, 'ssh'],
    ['attests in merge mode', { ...merge, digests: D1, attests: 'type=sbom' }, 'attests'],
    ['registry with a scheme', { registry: 'https://ghcr.io', username: 'u', password: 'p' }, 'registry'],
    ['registry with a path', { registry: 'ghcr.io/org', username: 'u', password: 'p' }, 'registry'],
    ['registry without credentials', { registry: 'ghcr.io' }, 'username'],
    ['password without a username', { registry: 'ghcr.io', password: 'p' }, 'username'],
    ['username without a password (an unset secret)', { registry: 'ghcr.io', username: 'u' }, 'password'],
    ['password with a line break inside', { username: 'u', password: 'a\nb' }, 'password'],
    ['logout that is not a boolean', { logout: 'never' }, 'logout'],
    [
      'registry-auth for the registry the login input logs in to',
      { registry: 'ghcr.io', username: 'u', password: 'p', 'registry-auth': '- registry: ghcr.io\n  username: v\n  password: q' },
      'registry-auth'
    ],
    [
      'registry-auth for Docker Hub beside a Docker Hub login',
      { username: 'u', password: 'p', 'registry-auth': '- registry: docker.io\n  username: v\n  password: q' },
      'registry-auth'
    ],
    ['push-retries that is not a number', { 'push-retries': 'three' }, 'push-retries'],
    ['push-retries over 10', { 'push-retries': '11' }, 'push-retries'],
    ['push-retries below 0', { 'push-retries': '-1' }, 'push-retries'],
    ['platforms in merge mode', { ...merge, digests: D1, platforms: 'linux/amd64' }, 'platforms'],
    ['build-args in merge mode', { ...merge, digests: D1, 'build-args': 'X=1' }, 'build-args'],
    ['load in merge mode', { ...merge, digests: D1, load: 'true' }, 'load'],
    ['secrets in merge mode', { ...merge, digests: D1, secrets: 'a=1' }, 'secrets'],
    ['context in merge mode', { ...merge, digests: D1, context: 'src' }, 'context'],
    ['a manifest annotation in merge mode', { ...merge, digests: D1, annotations: 'manifest:org.example=x' }, 'annotations']
  ])('%s', (_what, overrides, input) => {
    let err: unknown
    try {
      parseInputs(read(overrides))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).input).toBe(input)
    expect((err as InputError).message.startsWith(`${input}: `)).toBe(true)
  })

  it('keeps a huge bad value out of the message', () => {
    expect(() => parseInputs(read({ tags: `bad tag ${'x'.repeat(10000)}` }))).toThrow(
      /^tags: "bad tag x{72}…" is not a valid image reference/
    )
  })

  it('skips a secrets entry with an empty value with a warning naming it by its number, never quoting it (a value pasted without its id)', () => {
    const pasted = 'ghp_0123456789abcdef'
    const s = parseInputs(read({ secrets: `a=1\n${pasted}=` }))
    expect(s.secrets.map(x => x.id)).toEqual(['a'])
    expect(s.secretWarnings).toEqual([
      'secrets: entry 2 has an empty value (value not shown) and is skipped: an entry is id=value; a value pasted alone reads as an id'
    ])
    expect(JSON.stringify(s)).not.toContain(pasted)
  })

  it('names the oversize length and the limit', () => {
    expect(() => parseInputs(read({ labels: 'x'.repeat(65537) }))).toThrow('labels: value is 65537 characters; the limit is 65536')
  })
})

describe('checkAgainstCapabilities', () => {
  const caps = (over: Partial<Capabilities> = {}): Capabilities => ({
    buildxVersion: '0.29.1',
    containerdStore: false,
    historyAttachments: true,
    driver: 'docker',
    ...over
  })
  const settings = (over: Record<string, string>) => parseInputs(read(over))

  it.each<[string, Record<string, string>, Partial<Capabilities>, string | undefined]>([
    ['load of two platforms on a classic store', { load: 'true', platforms: 'linux/amd64,linux/arm64' }, {}, 'load'],
    [
      'load of two platforms with docker-container on a classic store',
      { load: 'true', platforms: 'linux/amd64,linux/arm64', driver: 'docker-container' },
      { driver: 'docker-container' },
      'load'
    ],
    [
      'load of two platforms on the containerd store',
      { load: 'true', platforms: 'linux/amd64,linux/arm64' },
      { containerdStore: true },
      undefined
    ],
    ['load of one platform on a classic store', { load: 'true', platforms: 'linux/arm64' }, {}, undefined],
    ['push of two platforms on a classic store', { push: 'true', platforms: 'linux/amd64,linux/arm64' }, {}, undefined],
    ['gha cache export with the docker driver on a classic store', { 'cache-to': 'type=gha,mode=max' }, {}, 'cache-to'],
    ['inline cache export with the docker driver on a classic store', { 'cache-to': 'type=inline' }, {}, undefined],
    ['gha cache export with the docker driver on the containerd store', { 'cache-to': 'type=gha' }, { containerdStore: true }, undefined],
    [
      'gha cache export with docker-container',
      { driver: 'docker-container', 'cache-to': 'type=gha' },
      { driver: 'docker-container' },
      undefined
    ]
  ])('%s', (_what, over, capsOver, input) => {
    const s = settings(over)
    if (input === undefined) {
      expect(() => checkAgainstCapabilities(s, caps(capsOver))).not.toThrow()
      return
    }
    let err: unknown
    try {
      checkAgainstCapabilities(s, caps(capsOver))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).input).toBe(input)
    expect((err as InputError).message.startsWith(`${input}: `)).toBe(true)
  })

  it('says how many platforms and what to do', () => {
    expect(() => checkAgainstCapabilities(settings({ load: 'true', platforms: 'linux/amd64,linux/arm64,linux/arm/v7' }), caps())).toThrow(
      /^load: loading 3 platforms needs an engine with the containerd image store/
    )
  })
})

describe("bake source, vars and Depot's input names", () => {
  const parse = (over: Record<string, string>) => parseInputs(read(over))
  const inputOf = (over: Record<string, string>): string => {
    try {
      parse(over)
    } catch (e) {
      if (e instanceof InputError) return e.input
      throw e
    }
    return ''
  }

  it.each([
    ['source alone bakes the default group', { source: './test/go' }, { source: './test/go', sourceInput: 'source', targets: ['default'] }],
    ['workdir is a local source', { workdir: 'sub' }, { source: 'sub', sourceInput: 'workdir', targets: ['default'] }],
    ['source with targets', { source: '.', targets: 'a,b' }, { targets: ['a', 'b'] }],
    ['source with files keeps the default group implicit', { source: '.', files: 'x.hcl' }, { files: ['x.hcl'], targets: [] }],
    [
      'vars alone bake',
      { vars: 'DESTDIR=/tmp/x\nB=a,b' },
      {
        vars: [
          ['DESTDIR', '/tmp/x'],
          ['B', 'a,b']
        ],
        targets: ['default']
      }
    ],
    ['nothing: a single build', {}, { source: '', targets: [], vars: [] }]
  ] as Array<[string, Record<string, string>, Partial<Settings>]>)('%s', (_name, over, want) => {
    expect(parse(over)).toMatchObject(want)
  })

  it.each([
    ['source and workdir differ', { source: 'a', workdir: 'b' }, 'workdir'],
    ['a bad variable name', { vars: '1X=2' }, 'vars'],
    ['source with a matrix', { source: '.', matrix: 'a: [1]' }, 'source'],
    ['source with context (bake owns it)', { source: '.', context: 'sub' }, 'context'],
    ['source in merge mode', { mode: 'merge', source: '.', digests: D1, tags: 'r/a:1' }, 'source'],
    ['project and depot-project differ', { project: 'a', 'depot-project': 'b' }, 'project'],
    ['a bad project under its Depot name', { project: 'a b' }, 'project'],
    ['a bad build-platform', { 'build-platform': 'linux/s390x' }, 'build-platform'],
    ['save-tag without save', { 'save-tag': 'v1' }, 'save-tag'],
    ['lint-fail-on without lint', { 'lint-fail-on': 'warn' }, 'lint-fail-on'],
    ['an unknown lint severity', { lint: 'true', 'lint-fail-on': 'fatal' }, 'lint-fail-on']
  ])('refuses %s, naming the input', (_name, over, input) => {
    expect(inputOf(over)).toBe(input)
  })

  it.each([
    ['project', { project: 'p1' }, { depotProject: 'p1', depotInputs: ['project'] }],
    ['both names, same value', { project: 'p1', 'depot-project': 'p1' }, { depotProject: 'p1', depotInputs: ['depot-project'] }],
    ['token', { token: 'dpt_x' }, { depotToken: 'dpt_x', depotInputs: ['token'] }],
    ['buildx-fallback', { 'buildx-fallback': 'true' }, { depotFallback: true, depotInputs: [] }],
    ['build-platform', { 'build-platform': 'linux/arm64' }, { depotBuildPlatform: 'linux/arm64', depotInputs: ['build-platform'] }],
    [
      'save with save-tag and save-tags',
      { save: 'true', 'save-tag': 'a', 'save-tags': 'b\nc' },
      { depotSave: true, depotSaveTags: ['a', 'b', 'c'], depotInputs: ['save', 'save-tag', 'save-tags'] }
    ],
    ['lint', { lint: 'true', 'lint-fail-on': 'warn' }, { depotLint: true, depotLintFailOn: 'warn', depotInputs: ['lint'] }],
    ['sbom-dir', { 'sbom-dir': 'sboms' }, { depotSbomDir: 'sboms', depotInputs: ['sbom-dir'] }],
    ['none', {}, { depotInputs: [] }]
  ] as Array<[string, Record<string, string>, Partial<Settings>]>)("takes Depot's name: %s", (_name, over, want) => {
    expect(parse(over)).toMatchObject(want)
  })
})
