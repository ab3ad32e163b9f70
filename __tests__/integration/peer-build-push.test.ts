// docker/build-push-action's own CI jobs (its .github/workflows/ci.yml), ported: each job's `with:`
// block given to this action, with the adaptations listed below, on the testbed, with the job's
// own assertions (digest set or empty, image ID set or empty, `imagetools inspect`, `docker image
// inspect`, the files an output wrote), each checked independently of the action: the registry
// over its HTTP API, the engine's CLI, the file system. The Dockerfiles are our own, of the same
// shape as the ones under its test/ (base images from the testbed registry instead of Docker Hub).
// A setup-buildx-action step is stood in for by `docker buildx create --use` with the same driver
// options (the testbed's BuildKit image, network=host), in a docker config of its own: made once,
// by the first job, and used by every job that has the step (the peer's jobs each make their own).
//
// Jobs left out, and why:
// - attests-compat, its other legs: they pin old buildx (v0.9.1) and BuildKit images (v0.10.6,
//   buildx-stable-1) from Docker Hub, which cannot be had offline.
// - github-cache: cache-from/cache-to type=gha needs GitHub's cache service.
// - sbom: the SBOM generator is an image (docker/buildkit-syft-scanner) BuildKit pulls from
//   Docker Hub, and the job caches to GitHub's cache service (type=gha).
// - multi (multi-sudo leg): installs shadow and sudo with apk from Alpine's mirrors.
// - named-context-pin: builds from alpine:edge on Docker Hub.
// - proxy-docker-config, proxy-buildkitd: a squid proxy service reaching google.com.
// - summary-not-supported: downloads buildx v0.12.1 from GitHub.
// - Running the peer's bundled dist/index.cjs beside ours: the test may read nothing from the
//   mirrored repository at run time, and its bundle is not part of this project.
// Adapted (every difference in inputs or setup):
// - the jobs' registry service (localhost:5000) is the testbed registry, with a repository name of
//   each test's own; the peer's BUILDX_VERSION/BUILDKIT_IMAGE matrices are the testbed's two stacks.
// - example and annotations use docker/metadata-action for their tags and labels: ported with the
//   values that action gives for a push of a branch (a step of its own, not this action's inputs).
// - error-buildx builds the two platforms the testbed's base image has (the peer: seven, with QEMU)
//   and pushes to a localhost port where nothing listens (the peer's job runs no registry).
// - checks, annotations-disabled, call-check: where buildx lacks build checks (trixie's 0.13), the
//   checks job asserts no warnings and the other two are capability skips ([needs build-checks]).
// - record-upload-disable, record-retention-days: the checkout's ./test instead of the Git context
//   (the local git server is not github.com, and @actions/artifact refuses any other host as GitHub
//   Enterprise Server) and a STAND-IN of the artifact service.
// - git-context-query: no checkout, as in the peer; the peer pins buildx v0.29.0, the first that
//   sends the query form: on trixie's buildx 0.13 (whose BuildKit reads no query form) it is a
//   capability skip ([needs git-query-context]), where the action sends the fragment form.
// - standalone: "uninstall docker cli" is a PATH without any docker CLI and a docker config without
//   cli-plugins; setup-buildx's standalone install is the testbed's buildx binary as `buildx` on that
//   PATH, which creates the builder (docker-container, the stand-in image, network=host).
// - no-cache-filters: without its cache-from/cache-to type=gha (GitHub's cache service); the
//   Dockerfile drops its `# syntax=docker/dockerfile:1` line (an image from Docker Hub) and builds
//   from the testbed's base image; a warm-up build of the same Dockerfile on the same builder comes
//   first, so that the filter is seen at work (the base stage cached, the build stage not).
// - attests-compat (first leg, buildx edge and moby/buildkit:latest): the testbed's buildx and the
//   stand-in BuildKit image.
// - secret-files and secret-envs: this action refuses `INVALID_SECRET=` by name (the peer warns and
//   skips it); the job is run both ways (see the test).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { ArtifactServiceStandIn } from './artifact-service.js'
import { makeGitRepo, startGitServer, type GitServer } from './git-server.js'
import {
  builderRefs,
  contextsGiven,
  expectSuccess,
  getManifest,
  hasCapability,
  itWhen,
  privateDockerConfig,
  runAction,
  secretMatches,
  sh,
  shownLog,
  testbed,
  uniqueRepo,
  writeContext,
  type ActionRun,
  standaloneBuildxBuilder,
  type Testbed
} from './harness.js'

let tb: Testbed

/** A loopback port nothing listens on (taken, then given back). */
function closedPort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}
let server: GitServer
let gitRoot: string
/** the checkout of the job (actions/checkout): a work tree holding test/ */
let checkout: string
/** where the action ran without a checkout */
let emptyDir: string
/** the test/ tree, as the repository holds it */
let testFiles: Record<string, string>
const builders: Array<{ name: string; config: string }> = []

beforeAll(async () => {
  tb = testbed()
  const base = tb.baseImage
  const salt = `salt-${Date.now().toString(36)}`
  testFiles = {
    'test/Dockerfile': `FROM ${base}\nRUN echo "Hello from the test image"\n`,
    'test/secret.Dockerfile': `FROM ${base}\nRUN --mount=type=secret,id=MYSECRET test -s /run/secrets/MYSECRET && echo "MYSECRET is set"\n`,
    'test/secret.txt': 'from-a-file\n',
    'test/multi.Dockerfile': [
      `FROM --platform=$BUILDPLATFORM ${base} AS build`,
      'ARG TARGETPLATFORM',
      'ARG BUILDPLATFORM',
      'RUN echo "built on $BUILDPLATFORM for $TARGETPLATFORM" > /log',
      `FROM ${base}`,
      'COPY --from=build /log /log',
      ''
    ].join('\n'),
    // what these print is checked in the build's log: the salt makes each run's RUN a cache miss
    'test/shmsize.Dockerfile': `FROM ${base}\nRUN echo ${salt} && mount | grep /dev/shm\n`,
    // builtins only: nproc=3 leaves the shell no process to fork
    'test/ulimit.Dockerfile': `FROM ${base}\nRUN echo ${salt}; ulimit -a\n`,
    'test/cgroup.Dockerfile': `FROM ${base}\nRUN echo ${salt} && cat /proc/self/cgroup\n`,
    'test/addhost.Dockerfile': `FROM ${base}\nRUN echo ${salt} && cat /etc/hosts\n`,
    // the shape of the peer's lint.Dockerfile: mixed-case instructions, MAINTAINER, two CMDs, a
    // shell-form ENTRYPOINT (build-check warnings, and the build still succeeds)
    'test/lint.Dockerfile': [
      `fROM ${base} as base`,
      'coPY lint.Dockerfile .',
      '',
      'from scratch',
      'MAINTAINER someone@example.com',
      'COpy --from=base /lint.Dockerfile /',
      'CMD [ "echo", "one" ]',
      'CMD [ "echo", "two" ]',
      'ENTRYPOINT app start',
      ''
    ].join('\n'),
    'test/named-context-base.Dockerfile': `FROM ${base}\nRUN echo "the base" > /base-marker\n`,
    'test/named-context.Dockerfile': `FROM base\nRUN cat /base-marker\n`,
    'test/named-context-alpine.Dockerfile': `FROM alpine\nRUN cat /base-marker\n`,
    // the Go program's shape: a binary stage (scratch) and an image stage
    'test/go/Dockerfile': [
      `FROM ${base} AS build`,
      'COPY main.sh /src/main.sh',
      'RUN mkdir -p /usr/bin && cp /src/main.sh /usr/bin/app && chmod +x /usr/bin/app',
      'FROM scratch AS binary',
      'COPY --from=build /usr/bin/app /bin/app',
      `FROM ${base} AS image`,
      'COPY --from=build /usr/bin/app /bin/app',
      'ENTRYPOINT ["/bin/app"]',
      ''
    ].join('\n'),
    'test/go/main.sh': '#!/bin/sh\necho app\n'
  }
  checkout = writeContext(testFiles)
  emptyDir = mkdtempSync(path.join(os.tmpdir(), 'bia-peer-no-checkout-'))
  gitRoot = mkdtempSync(path.join(os.tmpdir(), 'bia-peer-git-'))
  server = await startGitServer(gitRoot)
})

afterAll(async () => {
  await server.close()
  for (const b of builders) await sh('docker', ['buildx', 'rm', b.name], { DOCKER_CONFIG: b.config })
})

/**
 * What docker/setup-buildx-action leaves behind: a docker-container builder, made current
 * (`docker buildx use`), in the job's docker config. Returns that config and the builder's name.
 */
// One setup-buildx builder for the whole file, made by the first job that asks: every such builder
// runs the same stand-in image on the same BuildKit (one cache), so a builder per job only added a
// container start and removal each (27 of them, on both stacks).
let setupBuilder: Promise<{ config: string; name: string }> | undefined
function setupBuildx(): Promise<{ config: string; name: string }> {
  setupBuilder ??= createSetupBuilder()
  return setupBuilder
}

async function createSetupBuilder(): Promise<{ config: string; name: string }> {
  const config = privateDockerConfig()
  const name = `peer-${uniqueRepo('b')}`
  const r = await sh(
    'docker',
    ['buildx', 'create', '--use', '--name', name, '--driver', 'docker-container', '--driver-opt', `image=${tb.buildkitImage},network=host`],
    { DOCKER_CONFIG: config }
  )
  expect(r.stderr).toBe('')
  builders.push({ name, config })
  return { config, name }
}

/** The run's Git context on the local git server: a repository holding test/, at one commit. */
function gitRun(): NodeJS.ProcessEnv {
  const repository = `docker/${uniqueRepo('build-push-action')}`
  const git = makeGitRepo(gitRoot, repository, testFiles)
  return { GITHUB_SERVER_URL: server.url, GITHUB_REPOSITORY: repository, GITHUB_SHA: git.sha, GITHUB_REF: 'refs/heads/master' }
}

/** `docker buildx imagetools inspect REF --format '{{json .}}'` succeeds (the job's Inspect step). */
async function imagetoolsInspect(ref: string): Promise<any> {
  const r = await sh('docker', ['buildx', 'imagetools', 'inspect', ref, '--format', '{{json .}}'])
  expect([ref, r.code, r.stderr]).toEqual([ref, 0, ''])
  return JSON.parse(r.stdout)
}

/** The job's "Check digest" step, and the registry's own word for it. */
async function expectPushed(run: ActionRun, repo: string, tags: string[]): Promise<void> {
  expectSuccess(run)
  const digest = run.outputs['digest'] ?? ''
  expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
  for (const tag of tags) expect((await getManifest(repo, tag)).digest).toBe(digest)
}

describe("docker/build-push-action CI jobs, ported (adaptations in the file header; setup-buildx's builder on the stand-in BuildKit image: the main engine's BuildKit, one cache for all such builders)", () => {
  it('minimal: no checkout, file relative to the Git context', async () => {
    const bx = await setupBuildx()
    const before = server.requests.length
    const run = await runAction({ file: './test/Dockerfile' }, { cwd: emptyDir, env: { ...gitRun(), DOCKER_CONFIG: bx.config } })
    expectSuccess(run)
    expect(server.requests.slice(before).some(r => r.path.endsWith('/git-upload-pack') && r.status === 200)).toBe(true)
  })

  it('git-context: 2 platforms pushed from the Git context on the setup-buildx builder', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-git-context')
    const run = await runAction(
      {
        file: './test/Dockerfile',
        builder: bx.name,
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: `${tb.registry}/${repo}:latest\n${tb.registry}/${repo}:1.0.0\n`
      },
      { cwd: emptyDir, env: { ...gitRun(), DOCKER_CONFIG: bx.config } }
    )
    await expectPushed(run, repo, ['latest', '1.0.0'])
    const inspected = await imagetoolsInspect(`${tb.registry}/${repo}:1.0.0`)
    expect(JSON.stringify(inspected)).toContain('arm64')
  })

  it('git-context-secret: the GIT_AUTH_TOKEN secret and multi-line quoted secrets (docker CSV)', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-git-secret')
    const token = `ghs_${Date.now().toString(36)}`
    const env = gitRun()
    // The job's Dockerfile ignores the secrets; ours checks each arrived as the job wrote it.
    const files = {
      ...testFiles,
      'test/Dockerfile': [
        `FROM ${tb.baseImage}`,
        `RUN --mount=type=secret,id=MYSECRET --mount=type=secret,id=FOO --mount=type=secret,id=EMPTYLINE --mount=type=secret,id=GIT_AUTH_TOKEN ${secretMatches('MYSECRET', 'aaaaaaaa\nbbbbbbb\nccccccccc')} && ${secretMatches('FOO', 'bar')} && ${secretMatches('EMPTYLINE', 'aaaa\n\nbbbb\nccc')} && ${secretMatches('GIT_AUTH_TOKEN', token)}`,
        ''
      ].join('\n')
    }
    const git = makeGitRepo(gitRoot, `${env['GITHUB_REPOSITORY']}-s`, files)
    const run = await runAction(
      {
        file: './test/Dockerfile',
        builder: bx.name,
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: `${tb.registry}/${repo}:latest\n${tb.registry}/${repo}:1.0.0\n`,
        secrets: `GIT_AUTH_TOKEN=${token}\n"MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc"\nFOO=bar\n"EMPTYLINE=aaaa\n\nbbbb\nccc"\n`
      },
      { cwd: emptyDir, env: { ...env, GITHUB_REPOSITORY: git.repository, GITHUB_SHA: git.sha, DOCKER_CONFIG: bx.config } }
    )
    await expectPushed(run, repo, ['latest', '1.0.0'])
    await imagetoolsInspect(`${tb.registry}/${repo}:1.0.0`)
    expect(shownLog(run.main.log)).not.toContain(token)
  })

  it('path-context: context ./test from the checkout', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-path-context')
    const run = await runAction(
      {
        context: './test',
        file: './test/Dockerfile',
        builder: bx.name,
        push: 'true',
        tags: `${tb.registry}/${repo}:latest\n${tb.registry}/${repo}:1.0.0\n`
      },
      { cwd: checkout, env: { ...gitRun(), DOCKER_CONFIG: bx.config } }
    )
    await expectPushed(run, repo, ['latest', '1.0.0'])
    await imagetoolsInspect(`${tb.registry}/${repo}:1.0.0`)
  })

  it('example: load, then push, with the tags and labels docker/metadata-action gives', async () => {
    const bx = await setupBuildx()
    const image = `${tb.registry}/${uniqueRepo('peer-example')}`
    // docker/metadata-action's outputs for a push to master: a branch tag and a sha tag, OCI labels
    const sha = 'a'.repeat(40)
    const tags = `${image}:master\n${image}:sha-${sha.slice(0, 7)}`
    const labels = `org.opencontainers.image.title=build-push-action\norg.opencontainers.image.revision=${sha}\norg.opencontainers.image.version=master`
    const env = { ...gitRun(), DOCKER_CONFIG: bx.config }
    const load = await runAction({ context: './test', file: './test/Dockerfile', load: 'true', tags, labels }, { cwd: checkout, env })
    expectSuccess(load)
    const push = await runAction({ context: './test', file: './test/Dockerfile', push: 'true', tags, labels }, { cwd: checkout, env })
    expectSuccess(push)
    const local = await sh('docker', ['image', 'inspect', `${image}:master`])
    expect(local.code).toBe(0)
    expect(JSON.parse(local.stdout)[0].Config.Labels['org.opencontainers.image.revision']).toBe(sha)
    await imagetoolsInspect(`${image}:master`)
  })

  it('error: the Docker engine is down, so the step fails (and post does not)', async () => {
    const run = await runAction(
      { context: './test', file: './test/Dockerfile' },
      { cwd: checkout, env: { DOCKER_HOST: `unix://${path.join(emptyDir, 'no-docker.sock')}` } }
    )
    expect(run.main.code).not.toBe(0)
    expect(shownLog(run.main.log)).toMatch(/^::error::.*Cannot connect to the Docker daemon at unix:\/\/.*no-docker\.sock/m)
    expect(run.post.code).toBe(0)
  })

  // The peer's job builds alpine for seven platforms (with QEMU) and fails on the push: its job runs
  // no registry at localhost:5000. Adapted: the two platforms the testbed's base image has, and a
  // localhost port where nothing listens; the error is the same refused push.
  it('error-buildx: the push to a registry that is not there fails the step', async () => {
    const bx = await setupBuildx()
    const port = await closedPort()
    const run = await runAction(
      {
        context: './test',
        file: './test/Dockerfile',
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: `localhost:${port}/name/app:latest`
      },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expect(run.main.code).not.toBe(0)
    expect(shownLog(run.main.log)).toMatch(new RegExp(`^::error::.*localhost:${port}.*connect: connection refused`, 'm'))
    expect(run.post.code).toBe(0)
  })

  it("docker-driver: push on the engine's own builder", async () => {
    const repo = uniqueRepo('peer-docker-driver')
    const run = await runAction(
      { context: './test', file: './test/Dockerfile', push: 'true', tags: `${tb.registry}/${repo}:latest` },
      { cwd: checkout }
    )
    await expectPushed(run, repo, ['latest'])
  })

  it('export-docker: load, then docker image inspect', async () => {
    const tag = `${uniqueRepo('peer-myimage')}:latest`
    const run = await runAction({ context: './test', file: './test/Dockerfile', load: 'true', tags: tag }, { cwd: checkout })
    expectSuccess(run)
    expect((await sh('docker', ['image', 'inspect', tag])).code).toBe(0)
  })

  it('secret: MYSECRET=foo and an empty INVALID_SECRET=', async () => {
    const bx = await setupBuildx()
    const run = await runAction(
      { context: '.', file: './test/secret.Dockerfile', secrets: 'MYSECRET=foo\nINVALID_SECRET=\n' },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expectSuccess(run)
  })

  // A documented difference: docker's action skips `INVALID_SECRET=` (a file or variable it cannot
  // name) with a warning and builds; this action refuses it, naming the input, before building.
  it.each([
    ['secret-files', 'MYSECRET=./test/secret.txt', {}],
    ['secret-envs', 'MYSECRET=ENV_SECRET', { ENV_SECRET: 'foo' }]
  ])('%s: refuses INVALID_SECRET= (it names nothing); builds without it', async (input, good, extraEnv) => {
    const bx = await setupBuildx()
    const env = { DOCKER_CONFIG: bx.config, ...extraEnv }
    const refused = await runAction(
      { context: '.', file: './test/secret.Dockerfile', [input]: `${good}\nINVALID_SECRET=\n` },
      { cwd: checkout, env }
    )
    expect(refused.main.code).not.toBe(0)
    expect(shownLog(refused.main.log)).toContain(`::error::${input}: secret INVALID_SECRET names no`)
    const run = await runAction({ context: '.', file: './test/secret.Dockerfile', [input]: `${good}\n` }, { cwd: checkout, env })
    expectSuccess(run)
  })

  // Each job's RUN prints what its input set inside the build; BuildKit's log (`#5 0.27 <line>`) shows it.
  it.each<[string, Record<string, string>, RegExp[]]>([
    ['network', { context: './test', network: 'host' }, []],
    [
      'shm-size',
      { context: './test', file: './test/shmsize.Dockerfile', 'shm-size': '2g' },
      [/^#\d+ [\d.]+ tmpfs on \/dev\/shm type tmpfs \(.*size=2097152k/m]
    ],
    [
      'ulimit',
      { context: './test', file: './test/ulimit.Dockerfile', ulimit: 'nofile=1024:1024\nnproc=3\n' },
      [/^#\d+ [\d.]+ open files +\(-n\) 1024$/m, /^#\d+ [\d.]+ max user processes +\(-u\) 3$/m]
    ],
    ['cgroup-parent', { context: './test', file: './test/cgroup.Dockerfile', 'cgroup-parent': 'foo' }, [/^#\d+ [\d.]+ 0::\/foo\//m]],
    [
      'add-hosts',
      { context: './test', file: './test/addhost.Dockerfile', 'add-hosts': 'docker:10.180.0.1\nfoo:10.0.0.1\n' },
      [/^#\d+ [\d.]+ 10\.180\.0\.1\s+docker$/m, /^#\d+ [\d.]+ 10\.0\.0\.1\s+foo$/m]
    ]
  ])('%s: builds on the setup-buildx builder', async (_job, inputs, inBuild) => {
    const bx = await setupBuildx()
    const run = await runAction({ ...inputs, tags: 'name/app:latest' }, { cwd: checkout, env: { DOCKER_CONFIG: bx.config } })
    expectSuccess(run)
    for (const line of inBuild) expect(run.main.log).toMatch(line)
  })

  describe('provenance (matrix: target image|binary x attr mode=max|default)', () => {
    it.each([
      ['image', 'mode=max'],
      ['image', ''],
      ['binary', 'mode=max'],
      ['binary', '']
    ])('target %s, provenance %j', async (target, attr) => {
      const bx = await setupBuildx()
      const repo = uniqueRepo('peer-provenance')
      const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-peer-')), 'buildx-build')
      const output = target === 'image' ? `type=image,name=${tb.registry}/${repo}:latest,push=true` : folder
      const run = await runAction(
        { context: './test/go', file: './test/go/Dockerfile', target, outputs: output, provenance: attr },
        { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
      )
      expectSuccess(run)
      if (target === 'image') {
        const r = await sh('docker', [
          'buildx',
          'imagetools',
          'inspect',
          `${tb.registry}/${repo}:latest`,
          '--format',
          '{{json .Provenance}}'
        ])
        expect(r.code).toBe(0)
        expect(r.stdout).toContain('SLSA')
      } else {
        expect(existsSync(path.join(folder, 'bin', 'app'))).toBe(true)
        const provenance = JSON.parse(readFileSync(path.join(folder, 'provenance.json'), 'utf8'))
        expect(JSON.stringify(provenance)).toMatch(/buildDefinition|buildType|invocation/)
        expect(run.outputs['imageid']).toBe('')
        expect(run.outputs['digest']).toBe('')
      }
    })
  })

  it('multi: a 2-platform build whose first stage runs on the build platform', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-multi')
    const run = await runAction(
      {
        context: './test',
        file: './test/multi.Dockerfile',
        builder: bx.name,
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: `${tb.registry}/${repo}:latest\n${tb.registry}/${repo}:1.0.0\n`
      },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    await expectPushed(run, repo, ['latest', '1.0.0'])
    await imagetoolsInspect(`${tb.registry}/${repo}:1.0.0`)
  })

  describe('digest (matrix: driver docker|docker-container x load x push, without load+push)', () => {
    const digestJob = async (driver: string, load: boolean, push: boolean): Promise<void> => {
      // setup-buildx-action with `driver: docker` makes the engine's builder current; with
      // docker-container, a builder of its own (network=host)
      const config = driver === 'docker' ? privateDockerConfig() : (await setupBuildx()).config
      const image = `${tb.registry}/${uniqueRepo('peer-digest')}`
      const run = await runAction(
        { context: './test', load: String(load), push: String(push), tags: `${image}:latest`, platforms: '' },
        { cwd: checkout, env: { DOCKER_CONFIG: config } }
      )
      expectSuccess(run)
      const digest = run.outputs['digest'] ?? ''
      const imageid = run.outputs['imageid'] ?? ''
      if (driver === 'docker-container' && !load && !push) {
        expect(digest).toBe('')
        expect(imageid).toBe('')
      } else {
        if (push) expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
        expect(imageid).toMatch(/^sha256:[a-f0-9]{64}$/)
      }
      if (push) await imagetoolsInspect(`${image}@${digest}`)
      if (load) expect((await sh('docker', ['image', 'inspect', imageid])).code).toBe(0)
    }
    it.each([
      ['docker', true, false],
      ['docker', false, true],
      ['docker', false, false],
      ['docker-container', true, false],
      ['docker-container', false, true],
      // with no builder input, the builder setup-buildx made current: it keeps the result in its
      // own cache, so a build that neither pushes nor loads has no digest and no image ID
      ['docker-container', false, false]
    ])('driver %s, load %s, push %s', digestJob)
  })

  it('registry-cache: cache-from the registry, cache-to inline, 2 platforms', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-registry-cache')
    const run = await runAction(
      {
        context: './test',
        file: './test/multi.Dockerfile',
        builder: bx.name,
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: `${tb.registry}/${repo}:latest\n${tb.registry}/${repo}:1.0.0\n`,
        'cache-from': `type=registry,ref=${tb.registry}/${repo}`,
        'cache-to': 'type=inline'
      },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    await expectPushed(run, repo, ['latest', '1.0.0'])
    await imagetoolsInspect(`${tb.registry}/${repo}:latest`)
  })

  it('local-cache: cache-from and cache-to a local folder', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-local-cache')
    const cache = mkdtempSync(path.join(os.tmpdir(), 'bia-peer-cache-'))
    mkdirSync(path.join(cache, 'old'))
    const run = await runAction(
      {
        context: './test',
        file: './test/multi.Dockerfile',
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: `${tb.registry}/${repo}:latest\n${tb.registry}/${repo}:1.0.0\n`,
        'cache-from': `type=local,src=${path.join(cache, 'old')}`,
        'cache-to': `type=local,dest=${path.join(cache, 'new')}`
      },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expectSuccess(run)
    await imagetoolsInspect(`${tb.registry}/${repo}:1.0.0`)
    expect(existsSync(path.join(cache, 'new', 'index.json'))).toBe(true)
  })

  it('named-context-docker: a loaded base image as a named context', async () => {
    const base = `${uniqueRepo('peer-my-base-image')}:local`
    const first = await runAction(
      { context: './test', file: './test/named-context-base.Dockerfile', load: 'true', tags: base },
      { cwd: checkout }
    )
    expectSuccess(first)
    const run = await runAction(
      { context: './test', file: './test/named-context.Dockerfile', 'build-contexts': `base=docker-image://${base}\n` },
      { cwd: checkout }
    )
    expectSuccess(run)
  })

  it('named-context-container: a pushed base image as a named context on the setup-buildx builder', async () => {
    const bx = await setupBuildx()
    const base = `${tb.registry}/${uniqueRepo('peer-my-base-image')}:latest`
    const env = { DOCKER_CONFIG: bx.config }
    const first = await runAction(
      { context: './test', file: './test/named-context-base.Dockerfile', tags: base, push: 'true' },
      { cwd: checkout, env }
    )
    expectSuccess(first)
    const run = await runAction(
      { context: './test', file: './test/named-context-alpine.Dockerfile', 'build-contexts': `alpine=docker-image://${base}\n` },
      { cwd: checkout, env }
    )
    expectSuccess(run)
  })

  it('docker-config-malformed: a config.json that is not JSON', async () => {
    const config = privateDockerConfig()
    writeFileSync(path.join(config, 'config.json'), 'foo_bar\n')
    const run = await runAction({ context: './test' }, { cwd: checkout, env: { DOCKER_CONFIG: config } })
    expectSuccess(run)
  })

  it('annotations: index and manifest annotations on the pushed image', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-annotations')
    const run = await runAction(
      {
        context: './test',
        file: './test/Dockerfile',
        push: 'true',
        tags: `${tb.registry}/${repo}:master`,
        annotations: 'index:com.example.key=value\nindex:com.example.key2=value2\nmanifest:com.example.key3=value3\n'
      },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expectSuccess(run)
    await imagetoolsInspect(`${tb.registry}/${repo}:master`)
    const index = await getManifest(repo, 'master')
    expect(index.json.annotations).toMatchObject({ 'com.example.key': 'value', 'com.example.key2': 'value2' })
    const image = index.json.manifests.find((m: any) => m.platform?.os !== 'unknown')
    expect((await getManifest(repo, image.digest)).json.annotations).toMatchObject({ 'com.example.key3': 'value3' })
  })

  it('multi-output: push, docker and oci outputs in one build', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-multi-output')
    const local = `${uniqueRepo('peer-app')}:local`
    const oci = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-peer-oci-')), 'oci.tar')
    const run = await runAction(
      {
        context: './test',
        file: './test/Dockerfile',
        outputs: `type=image,name=${tb.registry}/${repo}:latest,push=true\ntype=docker,name=${local}\ntype=oci,dest=${oci}\n`
      },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expectSuccess(run)
    await imagetoolsInspect(`${tb.registry}/${repo}:latest`)
    expect((await sh('docker', ['image', 'inspect', local])).code).toBe(0)
    expect((await sh('tar', ['-tf', oci])).stdout).toContain('index.json')
  })

  it('load-and-push: one build, loaded and pushed', async () => {
    const bx = await setupBuildx()
    const repo = uniqueRepo('peer-load-and-push')
    const tag = `${tb.registry}/${repo}:latest`
    const run = await runAction(
      { context: './test', file: './test/Dockerfile', load: 'true', push: 'true', tags: tag },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expectSuccess(run)
    await imagetoolsInspect(tag)
    expect((await sh('docker', ['image', 'inspect', tag])).code).toBe(0)
  })

  it('summary-disable: DOCKER_BUILD_SUMMARY=false writes no job summary', async () => {
    const bx = await setupBuildx()
    const run = await runAction(
      { file: './test/Dockerfile' },
      { cwd: emptyDir, env: { ...gitRun(), DOCKER_CONFIG: bx.config, DOCKER_BUILD_SUMMARY: 'false' } }
    )
    expectSuccess(run)
    expect(run.summary).toBe('')
  })

  /** the check-warning annotations (`::warning title=<rule>,file=...,line=N::`) on lint.Dockerfile */
  const lintAnnotations = (run: ActionRun) =>
    run.main.log.split('\n').filter(l => /^::warning [^:]*file=[^,:]*lint\.Dockerfile[,:]/.test(l))

  it('checks: context ./test, file ./test/lint.Dockerfile builds; the warnings annotated where buildx has checks', async () => {
    const bx = await setupBuildx()
    const run = await runAction({ context: './test', file: './test/lint.Dockerfile' }, { cwd: checkout, env: { DOCKER_CONFIG: bx.config } })
    expectSuccess(run)
    const warnings = (JSON.parse(run.outputs['check-warnings'] ?? '{}') as Record<string, unknown[]>)['default'] ?? []
    expect([warnings.length > 0, lintAnnotations(run).length > 0]).toEqual([hasCapability('build-checks'), hasCapability('build-checks')])
  })

  itWhen(
    'build-checks',
    'annotations-disabled: DOCKER_BUILD_CHECKS_ANNOTATIONS=false, the warnings reported without annotations',
    async () => {
      const bx = await setupBuildx()
      const run = await runAction(
        { context: './test', file: './test/lint.Dockerfile' },
        { cwd: checkout, env: { DOCKER_CONFIG: bx.config, DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false' } }
      )
      expectSuccess(run)
      expect(lintAnnotations(run)).toEqual([])
      expect(((JSON.parse(run.outputs['check-warnings'] ?? '{}') as Record<string, unknown[]>)['default'] ?? []).length).toBeGreaterThan(0)
    }
  )

  itWhen('build-checks', 'call-check: call check on ./test/lint.Dockerfile fails the step with the warnings', async () => {
    const bx = await setupBuildx()
    const run = await runAction(
      { context: './test', file: './test/lint.Dockerfile', call: 'check' },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expect(run.main.code).toBe(1)
    expect(run.main.log).toMatch(/^::error::Check complete, \d+ warnings have been found!$/m)
    expect(lintAnnotations(run).length).toBeGreaterThan(0)
  })

  // The peer's record jobs build its Git context on github.com, whose artifact service the job has.
  // Adapted: the checkout's ./test (the local git server is not github.com, and @actions/artifact
  // refuses any other host as GitHub Enterprise Server) and a STAND-IN of the artifact service.
  const GITHUB_COM = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'docker/build-push-action', GITHUB_RUN_ID: '1' }

  itWhen(
    'build-history',
    'record-upload-disable: DOCKER_BUILD_RECORD_UPLOAD=false, nothing sent to the artifact service (STAND-IN)',
    async () => {
      const bx = await setupBuildx()
      const service = await ArtifactServiceStandIn.start()
      try {
        const run = await runAction(
          { context: './test', file: './test/Dockerfile' },
          { cwd: checkout, env: { ...GITHUB_COM, ...service.env(), DOCKER_CONFIG: bx.config, DOCKER_BUILD_RECORD_UPLOAD: 'false' } }
        )
        expectSuccess(run)
        expect(run.post.log).toContain('build records: upload is off')
        expect(Object.keys(JSON.parse(run.mainOutputs['build-records'] ?? '{}') as object)).toEqual(['default'])
        expect(service.calls).toEqual([])
      } finally {
        await service.close()
      }
    }
  )

  itWhen(
    'build-history',
    'record-retention-days (2, 0): the artifact (STAND-IN service) expires in 2 days, or by the repository default',
    async () => {
      const bx = await setupBuildx()
      for (const days of [2, 0]) {
        const service = await ArtifactServiceStandIn.start()
        try {
          const run = await runAction(
            { context: './test', file: './test/Dockerfile' },
            {
              cwd: checkout,
              env: { ...GITHUB_COM, ...service.env(), DOCKER_CONFIG: bx.config, DOCKER_BUILD_RECORD_RETENTION_DAYS: String(days) }
            }
          )
          expectSuccess(run)
          const create = service.calls.find(c => c.method === 'CreateArtifact')?.body ?? {}
          expect(create['name']).toMatch(/\.dockerbuild$/)
          const expires = create['expires_at']
          if (days === 0) expect(expires).toBeUndefined()
          else expect(Math.round((Date.parse(String(expires)) - Date.now()) / 86_400_000)).toBe(days)
        } finally {
          await service.close()
        }
      }
    }
  )

  it('no-default-attestations: BUILDX_NO_DEFAULT_ATTESTATIONS=1 asks for no provenance', async () => {
    const bx = await setupBuildx()
    const run = await runAction(
      { file: './test/Dockerfile' },
      { cwd: emptyDir, env: { ...gitRun(), DOCKER_CONFIG: bx.config, BUILDX_NO_DEFAULT_ATTESTATIONS: '1' } }
    )
    expectSuccess(run)
    // the build's argv as the action prints it: there must be one, or the check below proves nothing
    const buildLine = run.main.log.split('\n').find(l => l.startsWith('buildx build '))
    expect(buildLine).toMatch(/^buildx build .* --metadata-file /)
    expect(buildLine).not.toMatch(/--provenance|--attest/)
  })
})

describe('git-context-query (BUILDX_SEND_GIT_QUERY_AS_INPUT: the Git context in the query form)', () => {
  itWhen(
    'git-query-context',
    'git-context-query: no checkout, 2 platforms pushed from the Git context, which buildx is given as <repo>.git?ref=<commit>',
    async () => {
      const bx = await setupBuildx()
      const repo = uniqueRepo('peer-git-context-query')
      const env = gitRun()
      const before = server.requests.length
      // the builder is shared by the file's jobs: only this build's entry of buildx's state counts
      const refs = builderRefs(bx.config, bx.name)
      const run = await runAction(
        {
          file: './test/Dockerfile',
          builder: bx.name,
          platforms: 'linux/amd64,linux/arm64',
          push: 'true',
          tags: `${tb.registry}/${repo}:latest\n${tb.registry}/${repo}:1.0.0\n`
        },
        { cwd: emptyDir, env: { ...env, DOCKER_CONFIG: bx.config, BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true' } }
      )
      await expectPushed(run, repo, ['latest', '1.0.0'])
      expect(JSON.stringify(await imagetoolsInspect(`${tb.registry}/${repo}:1.0.0`))).toContain('arm64')
      // buildx's own record of what it was given, and the git server's of what was fetched
      expect(contextsGiven(bx.config, bx.name, refs)).toEqual([`${server.url}/${env['GITHUB_REPOSITORY']}.git?ref=${env['GITHUB_SHA']}`])
      expect(
        server.requests.slice(before).some(r => r.path === `/${env['GITHUB_REPOSITORY']}.git/git-upload-pack` && r.status === 200)
      ).toBe(true)
    }
  )
})

describe('standalone (no docker CLI: buildx as a standalone binary)', () => {
  it('standalone: context ./test, file ./test/Dockerfile, with no docker CLI on PATH and the builder setup-buildx made with the standalone buildx', async () => {
    const { env, config, name, remove } = await standaloneBuildxBuilder('standalone')
    try {
      const run = await runAction({ context: './test', file: './test/Dockerfile' }, { cwd: checkout, env })
      expectSuccess(run)
      // buildx's own state in this docker config: the build ran on the standalone buildx's builder
      expect(contextsGiven(config, name)).toEqual([path.join(checkout, 'test')])
    } finally {
      await remove()
    }
  })
})

/** The BuildKit progress of a step (`#N [stage i/n] INSTRUCTION`): whether it was taken from the cache. */
function stepCached(log: string, step: RegExp): boolean {
  const lines = log.split('\n').map(l => l.replace(/^\s+/, ''))
  const vertex = lines.map(l => /^#(\d+) (\[[^\]]+\] .*)$/.exec(l)).find(m => m?.[2] !== undefined && step.test(m[2]))?.[1]
  if (vertex === undefined) throw new Error(`no progress line for ${String(step)}`)
  return lines.includes(`#${vertex} CACHED`)
}

describe('no-cache-filters and attests-compat', () => {
  it('no-cache-filters: context ./test, file ./test/nocachefilter.Dockerfile, no-cache-filters build: the build stage runs again, the base stage is cached', async () => {
    const bx = await setupBuildx()
    const work = writeContext({
      'test/nocachefilter.Dockerfile': [
        `FROM ${tb.baseImage} AS base`,
        'RUN echo "Hello world!" > /hello',
        '',
        `FROM ${tb.baseImage} AS build`,
        'COPY --from=base /hello /hello',
        'RUN uname -a',
        '',
        'FROM build',
        ''
      ].join('\n')
    })
    const warm = await sh(
      'docker',
      [
        'buildx',
        'build',
        '--builder',
        bx.name,
        '--progress',
        'plain',
        '-f',
        path.join(work, 'test/nocachefilter.Dockerfile'),
        path.join(work, 'test')
      ],
      { DOCKER_CONFIG: bx.config }
    )
    expect(warm.code).toBe(0)
    const run = await runAction(
      { context: './test', file: './test/nocachefilter.Dockerfile', 'no-cache-filters': 'build', tags: 'name/app:latest' },
      { cwd: work, env: { DOCKER_CONFIG: bx.config } }
    )
    expectSuccess(run)
    expect({
      base: stepCached(run.main.log, /^\[base \d+\/\d+\] RUN echo/),
      build: stepCached(run.main.log, /^\[build \d+\/\d+\] RUN uname -a/)
    }).toEqual({ base: true, build: false })
  })

  it('attests-compat (first leg: the current buildx and BuildKit): context ./test/go, file ./test/go/Dockerfile, outputs type=cacheonly', async () => {
    const bx = await setupBuildx()
    // the builder is shared by the file's jobs: only this build's entry of buildx's state counts
    const refs = builderRefs(bx.config, bx.name)
    const run = await runAction(
      { context: './test/go', file: './test/go/Dockerfile', outputs: 'type=cacheonly' },
      { cwd: checkout, env: { DOCKER_CONFIG: bx.config } }
    )
    expectSuccess(run)
    // buildx's own state: the build ran on the setup-buildx builder, from ./test/go
    expect(contextsGiven(bx.config, bx.name, refs)).toEqual([path.join(checkout, 'test/go')])
  })
})
