// docker/bake-action's own CI jobs (.github/workflows/ci.yml), ported: the job's `with:` inputs and
// checks, run through this action's bundle on the testbed, with the adaptations listed below. The
// bake files and Dockerfiles are written here in the shape of the peer's test/ folder (base images
// from the testbed registry, localhost:5000 replaced by the testbed registry). The default Git
// source is served by the local git server (git-server.ts); results are read from the registry's
// HTTP API, the engine's CLI and the system's tar, never from the action's own computation.
//
// Jobs left out, and why:
// - sbom, and attest-override's t3: SBOM attestations run the docker/buildkit-syft-scanner image,
//   which cannot be pulled here (no internet).
// - proxy-docker-config, proxy-buildkitd: need a squid proxy and https://www.google.com.
// - summary-not-supported: installs buildx v0.12.1 from GitHub.
// - push: the workflow's trigger, not a job.
// Adapted (every difference in inputs or setup):
// - every job: a setup-buildx-action step is the action's own docker-container builder
//   (driver-opts image=<the testbed's BuildKit stand-in>, network=host) where the peer sets one up;
//   the peer's BUILDX_VERSION/BUILDKIT_IMAGE matrices are the testbed's two stacks.
// - remote bakes a remote Git definition from the local git server instead of github.com/docker/buildx.
// - provenance drops its `*.cache-from/to=type=gha` sets (GitHub's cache service) and writes each
//   leg's output to a file of its own.
// - git-context runs without a checkout (the point of the default source); so does git-context-query
//   (with a checkout this action bakes the local definition, where the peer bakes the Git context).
//   The peer pins buildx v0.33.0: on trixie's buildx 0.13 (whose BuildKit reads no query form) it
//   is a capability skip ([needs git-query-context]), where the action sends the fragment form.
// - bake and release build linux/amd64 and linux/arm64 (the testbed's base image has no 386).
// - error-msg runs on the testbed's classic-store engine, as GitHub's runners have it.
// - record-upload-disable, record-retention-days: GITHUB_SERVER_URL is github.com's and the
//   artifact service a STAND-IN (GitHub's cannot be reached).
// - attest-override bakes t1 and t2 only (t3 is the SBOM, above), each to an OCI tarball.
// - standalone: "uninstall docker cli" is a PATH without any docker CLI and a docker config without
//   cli-plugins; setup-buildx's standalone install is the testbed's buildx binary as `buildx` on that
//   PATH, which creates the builder.
// - checks, annotations-disabled, call-check*: where buildx lacks build checks (trixie's 0.13) the
//   tests are capability skips ([needs ...]); load-and-push there is refused by name ([without ...]).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ArtifactServiceStandIn } from './artifact-service.js'
import { makeGitRepo, startGitServer, type GitRepo, type GitServer } from './git-server.js'
import {
  contextsGiven,
  expectSuccess,
  getManifest,
  hasCapability,
  itWhen,
  itWithout,
  runAction,
  sh,
  testbed,
  uniqueRepo,
  type ActionRun,
  standaloneBuildxBuilder,
  type Testbed
} from './harness.js'

jest.setTimeout(300_000)

let tb: Testbed
let git: GitServer
let gitRoot: string
let repo: GitRepo
/** the peer's repository layout: test/, test/go, test/group, test/attest */
let checkout: string
/** where the go-like bake writes by default (the peer's /tmp/bake-build) */
let destDefault: string
const app = () => `${tb.registry}/${appRepo}`
let appRepo: string

function files(): Record<string, string> {
  const base = tb.baseImage
  return {
    'docker-bake.hcl': `target "update-docs" {\n  context = "./test"\n  output = ["type=cacheonly"]\n}\n`,
    'test/config.hcl': [
      'group "default" {\n  targets = ["db", "app"]\n}',
      'group "release" {\n  targets = ["db", "app-plus"]\n}',
      `target "docker-metadata-action" {\n  tags = ["${app()}:latest", "${app()}:1.0.0"]\n}`,
      `target "db" {\n  context = "./test"\n  tags = ["${tb.registry}/${appRepo}-db"]\n}`,
      'target "app" {\n  inherits = ["docker-metadata-action"]\n  context = "./test"\n  dockerfile = "Dockerfile"\n  args = {\n    name = "foo"\n  }\n}',
      'target "cross" {\n  platforms = ["linux/amd64", "linux/arm64"]\n}',
      'target "app-plus" {\n  inherits = ["app", "cross"]\n  args = {\n    IAMPLUS = "true"\n  }\n}',
      'target "app-entitlements" {\n  inherits = ["app"]\n  entitlements = ["network.host"]\n}'
    ].join('\n\n'),
    'test/Dockerfile': `FROM ${base}\nARG name=world\nRUN echo "Hello \${name}!"\n`,
    'test/go/docker-bake.hcl': [
      `variable "DESTDIR" {\n  default = "${destDefault}"\n}`,
      'group "default" {\n  targets = ["binary"]\n}',
      'target "binary" {\n  target = "binary"\n  output = [DESTDIR]\n}',
      `target "image" {\n  target = "image"\n  tags = ["${app()}:latest"]\n}`
    ].join('\n\n'),
    // the peer's test/attest: three stages, t2's target asking for its own provenance, t3 for an SBOM
    'test/attest/docker-bake.hcl': [
      'group "default" {\n  targets = ["t1", "t2", "t3"]\n}',
      'target "t1" {\n  target = "t1"\n}',
      'target "t2" {\n  target = "t2"\n  attest = ["type=provenance,mode=min"]\n}',
      'target "t3" {\n  target = "t3"\n  attest = ["type=sbom"]\n}'
    ].join('\n\n'),
    'test/attest/Dockerfile': [
      `FROM ${base} AS t1`,
      'RUN echo one > /t1',
      `FROM ${base} AS t2`,
      'RUN echo two > /t2',
      `FROM ${base} AS t3`,
      'RUN echo three > /t3',
      ''
    ].join('\n'),
    'test/go/Dockerfile': [
      `FROM ${base} AS base`,
      'WORKDIR /src',
      'FROM base AS build',
      'COPY main.sh .',
      'RUN mkdir -p /usr/bin && cp main.sh /usr/bin/app && chmod +x /usr/bin/app',
      'FROM scratch AS binary',
      'COPY --from=build /usr/bin/app /bin/app',
      `FROM ${base} AS image`,
      'COPY --from=build /usr/bin/app /bin/app',
      'ENTRYPOINT ["/bin/app"]',
      ''
    ].join('\n'),
    'test/go/main.sh': '#!/bin/sh\necho app\n',
    'test/group/docker-bake.hcl':
      'group "default" {\n  targets = ["t1", "t2"]\n}\n\ntarget "t1" {\n  target = "t1"\n}\n\ntarget "t2" {\n  target = "t2"\n}\n',
    'test/group/Dockerfile': `FROM ${base} AS t1\nRUN echo "Hello t1"\n\nFROM ${base} AS t2\nRUN echo "Hello t2"\n`,
    'test/lint.hcl': [
      'group "default" {\n  targets = ["lint", "lint-other", "lint-inline"]\n}',
      'target "lint" {\n  dockerfile = "lint.Dockerfile"\n}',
      'target "lint-other" {\n  dockerfile = "lint-other.Dockerfile"\n}',
      `target "lint-inline" {\n  dockerfile-inline = "FRoM ${base}\\nENTRYPOINT [\\"echo\\", \\"hello\\"]"\n}`
    ].join('\n\n'),
    'test/lint.Dockerfile': `frOM ${base} as base\ncOpy lint.Dockerfile .\n\nfrom scratch\nMAINTAINER someone@example.invalid\nCOPy --from=base \\\n  /lint.Dockerfile \\\n  /\n\nCMD [ "echo", "one" ]\nCMD [ "echo", "two" ]\nENTRYPOINT my-program start\n`,
    'test/lint-other.Dockerfile': `frOM ${base} as base\ncOpy lint-other.Dockerfile .\n\nfroM ${base} aS notused\nCOPY lint-other.Dockerfile .\n\nfrom scratch\nCOPy --from=base \\\n  /lint-other.Dockerfile \\\n  /\n`
  }
}

beforeAll(async () => {
  tb = testbed()
  appRepo = uniqueRepo('peer-bake/app')
  destDefault = mkdtempSync(path.join(os.tmpdir(), 'bia-bake-build-'))
  gitRoot = mkdtempSync(path.join(os.tmpdir(), 'bia-git-root-'))
  repo = makeGitRepo(gitRoot, 'peer/bake-action', files())
  checkout = repo.dir
  git = await startGitServer(gitRoot)
})

afterAll(async () => {
  await git?.close()
})

/** The run's GitHub context: the default Git source is this repository at this commit. */
function runEnv(extra: NodeJS.ProcessEnv = {}, r: GitRepo = repo): NodeJS.ProcessEnv {
  return { GITHUB_SERVER_URL: git.url, GITHUB_REPOSITORY: r.repository, GITHUB_SHA: r.sha, ...extra }
}

/** The same files at a commit of their own, so BuildKit has never fetched it (it caches by commit). */
function freshRepo(): GitRepo {
  return makeGitRepo(gitRoot, uniqueRepo('peer/bake-action'), { ...files(), 'fresh.txt': `${Date.now()}${Math.random()}\n` })
}

function fetchedFrom(r: GitRepo, since: number): boolean {
  return git.requests.slice(since).some(q => q.path === `/${r.repository}.git/git-upload-pack` && q.status === 200)
}

/** setup-buildx-action with `driver-opts: image=...,network=host`: a docker-container builder. */
function containerBuilder(): Record<string, string> {
  return { driver: 'docker-container', 'driver-opts': `image=${tb.buildkitImage}\nnetwork=host` }
}

function emptyDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'bia-no-checkout-'))
}

async function tarEntries(file: string): Promise<string[]> {
  const r = await sh('tar', ['-tf', file])
  if (r.code !== 0) throw new Error(`tar -tf ${file}: ${r.stderr}`)
  return r.stdout
    .split('\n')
    .map(l => l.replace(/^\.\//, ''))
    .filter(Boolean)
}

async function tarFile(file: string, entry: string): Promise<string> {
  const r = await sh('tar', ['-xOf', file, entry])
  if (r.code !== 0) throw new Error(`tar -xOf ${file} ${entry}: ${r.stderr}`)
  return r.stdout
}

/**
 * The SLSA provenance predicate in an OCI tarball, read with the system's tar: the attestation
 * manifest of its image index and that manifest's provenance layer; undefined when there is none.
 */
async function provenanceIn(file: string): Promise<Record<string, any> | undefined> {
  const blob = async (digest: string) => JSON.parse(await tarFile(file, `blobs/sha256/${digest.replace('sha256:', '')}`)) as any
  const descriptors: any[] = []
  const walk = async (manifests: any[]): Promise<void> => {
    for (const m of manifests) {
      descriptors.push(m)
      if (/index/.test(m.mediaType ?? '')) await walk((await blob(m.digest)).manifests ?? [])
    }
  }
  await walk((JSON.parse(await tarFile(file, 'index.json')) as { manifests: any[] }).manifests)
  const attestation = descriptors.find(d => d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
  if (!attestation) return undefined
  const layer = ((await blob(attestation.digest)).layers as any[]).find(l =>
    String(l.annotations?.['in-toto.io/predicate-type']).startsWith('https://slsa.dev/provenance/')
  )
  return layer ? ((await blob(layer.digest)).predicate as Record<string, any>) : undefined
}

function failed(run: ActionRun): string {
  expect(run.main.code).not.toBe(0)
  return run.main.log
}

describe("docker/bake-action's CI jobs on this action (docker-container builders on the stand-in BuildKit image: the main engine's BuildKit, one cache for all such builders)", () => {
  it.each(['default', 'release'])('bake (%s): source ., files ./test/config.hcl on a docker-container builder', async target => {
    const run = await runAction(
      { source: '.', files: './test/config.hcl', targets: target, push: 'false', ...containerBuilder() },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    const metadata = JSON.parse(run.outputs['metadata'] ?? '{}') as Record<string, Record<string, unknown>>
    expect(Object.keys(metadata).sort()).toEqual(target === 'default' ? ['app', 'db'] : ['app-plus', 'db'])
    expect(run.main.log).toContain(`bake definition: ${checkout} (source input)`)
  })

  // GitHub's ubuntu runners run Docker with the classic image store, whose docker driver builds one
  // platform: the peer's job fails there, before any base image is read. The testbed's classic engine
  // gives the same error (the containerd-store engine would fail later, on the base image's platforms).
  it('error-msg: three platforms on the docker driver of a classic-store engine fail the step with that error', async () => {
    const run = await runAction(
      { source: '.', files: './test/config.hcl', set: '*.platform=linux/amd64,linux/ppc64le,linux/s390x' },
      { cwd: checkout, env: runEnv({ DOCKER_HOST: tb.classicDockerHost }) }
    )
    expect(failed(run)).toMatch(/^::error::bake failed: Multi-platform build is not supported for the docker driver\./m)
  })

  it('error-check: with the engine stopped (no docker daemon), the step fails', async () => {
    const run = await runAction(
      { source: '.', files: './test/config.hcl' },
      { cwd: checkout, env: runEnv({ DOCKER_HOST: `unix://${path.join(emptyDir(), 'no-docker.sock')}` }) }
    )
    // the peer's job stops the engine; the error is the docker CLI's, naming the socket
    expect(failed(run)).toMatch(/^::error::.*Cannot connect to the Docker daemon at unix:\/\/.*no-docker\.sock/m)
  })

  it('error-source: source ./does-not-exist fails before anything runs, naming source', async () => {
    const run = await runAction({ source: './does-not-exist' }, { cwd: checkout, env: runEnv() })
    expect(failed(run)).toMatch(/::error::source: \.\/does-not-exist does not exist or is not a directory/)
    expect((JSON.parse(run.state['build-image-action'] ?? '{}') as { errorInput?: string }).errorInput).toBe('source')
    expect(run.main.log).not.toMatch(/Set up buildx/)
  })

  it('remote: a remote Git definition (source <git url>#<commit>) with target update-docs, no checkout (local git server)', async () => {
    const r = freshRepo()
    const seen = git.requests.length
    const run = await runAction(
      { source: `${git.url}/${r.repository}.git#${r.sha}`, targets: 'update-docs' },
      { cwd: emptyDir(), env: runEnv() }
    )
    expectSuccess(run)
    expect(fetchedFrom(r, seen)).toBe(true)
    expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}'))).toEqual(['update-docs'])
  })

  it.each(['', 'mode=max', 'builder-id=foo', 'false', 'true'])(
    'provenance (%j): source ./test/go, target binary, *.output=type=oci,dest=<file>',
    async attrs => {
      const out = path.join(emptyDir(), 'build.tar')
      const run = await runAction(
        { source: './test/go', targets: 'binary', provenance: attrs, set: `*.output=type=oci,dest=${out}`, ...containerBuilder() },
        { cwd: checkout, env: runEnv() }
      )
      expectSuccess(run)
      const entries = await tarEntries(out)
      expect(entries).toContain('index.json')
      expect(statSync(out).size).toBeGreaterThan(0)
      // what each attribute asks BuildKit for: none (false), min (the default) or max, a builder id
      const provenance = await provenanceIn(out)
      if (attrs === 'false') {
        expect(provenance).toBeUndefined()
      } else {
        expect(provenance?.['buildType']).toBe('https://mobyproject.org/buildkit@v1')
        // the action's default for a private repository is mode=min (no build config); mode=max has one
        if (attrs === '' || attrs === 'mode=max') expect(provenance?.['buildConfig'] !== undefined).toBe(attrs === 'mode=max')
        if (attrs === 'builder-id=foo') expect(provenance?.['builder']?.id).toBe('foo')
      }
      // the output lies outside the bake's folder: a trusted run grants fs=* as docker/bake-action does (buildx >= 0.19 asks), and the log says where it reaches
      const granted = `granted fs=* (a trusted run, as docker/bake-action grants it); outside ${path.resolve(checkout, 'test/go')}: write ${path.dirname(out)} (output file build.tar of target binary)`
      expect(run.main.log.includes(granted)).toBe(hasCapability('bake-entitlements'))
    }
  )

  it('set: source ./test/go, *.platform, an image output naming two tags with push=true, *.tags=', async () => {
    const run = await runAction(
      {
        source: './test/go',
        set: ['*.platform=linux/amd64', `*.output=type=image,"name=${app()}:v1.0.0,${app()}:set-latest",push=true`, '*.tags='].join('\n')
      },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    const v1 = await getManifest(appRepo, 'v1.0.0')
    const latest = await getManifest(appRepo, 'set-latest')
    expect(v1.status).toBe(200)
    expect(latest.digest).toBe(v1.digest)
  })

  it('group: source ./test/group, push, t1.tags and t2.tags; metadata keyed by target with the bare bake keys', async () => {
    const run = await runAction(
      { source: './test/group', push: 'true', set: `t1.tags=${app()}:t1\nt2.tags=${app()}:t2`, ...containerBuilder() },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    const metadata = JSON.parse(run.outputs['metadata'] ?? '{}') as Record<string, Record<string, unknown>>
    for (const t of ['t1', 't2']) {
      const m = await getManifest(appRepo, t)
      expect(m.status).toBe(200)
      expect(metadata[t]?.['containerimage.digest']).toBe(m.digest)
    }
    // The reference: bare `buildx bake --metadata-file` of the same definition.
    const metaFile = path.join(emptyDir(), 'meta.json')
    const group = path.join(checkout, 'test/group')
    const bare = await sh(
      'docker',
      [
        'buildx',
        'bake',
        '--file',
        path.join(group, 'docker-bake.hcl'),
        '--set',
        `*.context=${group}`,
        '--set',
        `t1.tags=${app()}:bare-t1`,
        '--set',
        `t2.tags=${app()}:bare-t2`,
        '--metadata-file',
        metaFile
      ],
      { BUILDX_BAKE_ENTITLEMENTS_FS: '0' }
    )
    if (bare.code !== 0) throw new Error(`bare bake failed: ${bare.stderr.slice(-1500)}`)
    const bareMeta = JSON.parse((await sh('cat', [metaFile])).stdout) as Record<string, Record<string, unknown>>
    const targetsOf = (m: Record<string, unknown>) => Object.keys(m).filter(k => k !== 'buildx.build.warnings')
    expect(Object.keys(metadata).sort()).toEqual(targetsOf(bareMeta).sort())
    for (const t of ['t1', 't2']) {
      const keys = (o: Record<string, unknown> | undefined) => Object.keys(o ?? {}).filter(k => !k.startsWith('buildx.build.provenance'))
      expect(keys(metadata[t]).sort()).toEqual(keys(bareMeta[t]).sort())
    }
  })

  it('docker-config-malformed: a docker config.json that is not JSON; the bake still runs', async () => {
    const config = emptyDir()
    writeFileSync(path.join(config, 'config.json'), 'foo_bar\n')
    symlinkSync(path.join(tb.dockerConfig, 'cli-plugins'), path.join(config, 'cli-plugins'))
    const run = await runAction({ source: '.', files: './test/config.hcl' }, { cwd: checkout, env: runEnv({ DOCKER_CONFIG: config }) })
    expectSuccess(run)
  })

  it('git-context: no source and no checkout: files ./test/config.hcl are read from the Git context of the run (local git server)', async () => {
    const r = freshRepo()
    const seen = git.requests.length
    const run = await runAction({ files: './test/config.hcl', ...containerBuilder() }, { cwd: emptyDir(), env: runEnv({}, r) })
    expectSuccess(run)
    expect(run.main.log).toContain(`bake definition: ${git.url}/${r.repository}.git#${r.sha}`)
    expect(fetchedFrom(r, seen)).toBe(true)
    expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}')).sort()).toEqual(['app', 'db'])
  })

  it("git-context-and-local: the Git context plus a local cwd:// bake file (docker/metadata-action's) whose tags win", async () => {
    const work = emptyDir()
    const metaFile = path.join(work, 'docker-metadata-action-bake.json')
    writeFileSync(metaFile, JSON.stringify({ target: { 'docker-metadata-action': { tags: [`${app()}:from-meta`] } } }))
    const run = await runAction(
      { files: `./test/config.hcl\ncwd://${metaFile}`, targets: 'app', push: 'true' },
      { cwd: work, env: runEnv() }
    )
    expectSuccess(run)
    expect((await getManifest(appRepo, 'from-meta')).status).toBe(200)
  })

  it('multi-output: source ./test/go with an image push, a docker load and an OCI tarball', async () => {
    const oci = path.join(emptyDir(), 'oci.tar')
    const local = `app-local-${Date.now().toString(36)}:local`
    const run = await runAction(
      {
        source: './test/go',
        set: [
          `*.output=type=image,name=${app()}:multi,push=true`,
          `*.output=type=docker,name=${local}`,
          `*.output=type=oci,dest=${oci}`
        ].join('\n'),
        ...containerBuilder()
      },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    expect((await getManifest(appRepo, 'multi')).status).toBe(200)
    expect((await sh('docker', ['image', 'inspect', local])).code).toBe(0)
    expect(await tarEntries(oci)).toContain('index.json')
  })

  itWithout(
    'bake-push-and-load',
    'load-and-push: refused before the bake, naming load (this buildx would load and silently not push)',
    async () => {
      const tag = `${app()}:load-and-push-refused`
      const run = await runAction(
        { source: './test/go', targets: 'image', load: 'true', push: 'true', set: `*.tags=${tag}`, ...containerBuilder() },
        { cwd: checkout, env: runEnv() }
      )
      expect(failed(run)).toMatch(
        new RegExp(`::error::load: buildx ${tb.buildxVersion.replaceAll('.', '\\.')} bakes keep only one of push and load`)
      )
      expect((await getManifest(appRepo, 'load-and-push-refused')).status).toBe(404)
    }
  )

  itWhen('bake-push-and-load', 'load-and-push: source ./test/go, target image, load and push, *.tags', async () => {
    const tag = `${app()}:load-and-push`
    const run = await runAction(
      { source: './test/go', targets: 'image', load: 'true', push: 'true', set: `*.tags=${tag}`, ...containerBuilder() },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    expect((await getManifest(appRepo, 'load-and-push')).status).toBe(200)
    expect((await sh('docker', ['image', 'inspect', tag])).code).toBe(0)
  })

  it('checks: source ./test, files ./lint.hcl: Dockerfiles with check warnings still build', async () => {
    const run = await runAction({ source: './test', files: './lint.hcl' }, { cwd: checkout, env: runEnv() })
    expectSuccess(run)
    expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}')).sort()).toEqual(['lint', 'lint-inline', 'lint-other'])
  })

  /** check-warning annotations on the lint Dockerfiles (`::warning title=<rule>,file=...,line=N::`) */
  const lintAnnotations = (run: ActionRun) => run.main.log.split('\n').filter(l => /^::warning [^:]*file=[^,:]*lint[^,:]*[,:]/.test(l))

  itWhen(
    'build-checks',
    'annotations-disabled: DOCKER_BUILD_CHECKS_ANNOTATIONS=false, source ./test, files ./lint.hcl: warnings without annotations',
    async () => {
      const shown = await runAction({ source: './test', files: './lint.hcl' }, { cwd: checkout, env: runEnv() })
      expectSuccess(shown)
      expect(lintAnnotations(shown).length).toBeGreaterThan(0)
      const run = await runAction(
        { source: './test', files: './lint.hcl' },
        { cwd: checkout, env: runEnv({ DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false' }) }
      )
      expectSuccess(run)
      expect(lintAnnotations(run)).toEqual([])
      expect(Object.keys(JSON.parse(run.outputs['check-warnings'] ?? '{}') as object).length).toBeGreaterThan(0)
    }
  )

  itWhen('bake-call', 'call-check: source ./test, files ./lint.hcl, target lint, call check fails the step with the warnings', async () => {
    const run = await runAction({ source: './test', files: './lint.hcl', call: 'check', targets: 'lint' }, { cwd: checkout, env: runEnv() })
    expect(failed(run)).toMatch(/^::error::Check complete, \d+ warnings have been found!$/m)
    expect(lintAnnotations(run).length).toBeGreaterThan(0)
  })

  itWhen('bake-call', 'call-check-multi: source ./test, files ./lint.hcl, every target, call check fails the step', async () => {
    const run = await runAction({ source: './test', files: './lint.hcl', call: 'check' }, { cwd: checkout, env: runEnv() })
    expect(failed(run)).toMatch(/^::error::Check complete, \d+ warnings have been found!$/m)
    const warned = JSON.parse(run.outputs['check-warnings'] ?? '{}') as Record<string, unknown[]>
    expect(Object.keys(warned).sort()).toEqual(['lint', 'lint-inline', 'lint-other'])
  })

  itWhen(
    'bake-call',
    'call-check-nowarning: source ., files ./test/config.hcl, call check passes; metadata lists the targets',
    async () => {
      const run = await runAction(
        { source: '.', files: './test/config.hcl', call: 'check', ...containerBuilder() },
        { cwd: checkout, env: runEnv() }
      )
      expectSuccess(run)
      expect(run.main.log).toContain('Check complete, no warnings found.')
      // as the peer's metadata output after call: check, one entry per target with its result
      const metadata = JSON.parse(run.outputs['metadata'] ?? '{}') as Record<string, Record<string, unknown>>
      expect(Object.keys(metadata).sort()).toEqual(['app', 'db'])
      expect(metadata['app']?.['result.statuscode']).toBe('0')
    }
  )

  it('summary-disable: DOCKER_BUILD_SUMMARY=false, files ./test/config.hcl, target app: no job summary', async () => {
    const run = await runAction(
      { files: './test/config.hcl', targets: 'app', ...containerBuilder() },
      { cwd: checkout, env: runEnv({ DOCKER_BUILD_SUMMARY: 'false' }) }
    )
    expectSuccess(run)
    expect(run.summary).toBe('')
  })

  // The peer's record jobs run on github.com, whose artifact service the job has. Adapted: the
  // server URL is github.com's (the local git server's host would count as GitHub Enterprise
  // Server, which @actions/artifact refuses) and the artifact service is a STAND-IN.
  const GITHUB_COM = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'docker/bake-action', GITHUB_RUN_ID: '1' }

  itWhen(
    'build-history',
    'record-upload-disable: DOCKER_BUILD_RECORD_UPLOAD=false, nothing sent to the artifact service (STAND-IN)',
    async () => {
      const service = await ArtifactServiceStandIn.start()
      try {
        const run = await runAction(
          { files: './test/config.hcl', targets: 'app', ...containerBuilder() },
          { cwd: checkout, env: { ...GITHUB_COM, ...service.env(), DOCKER_BUILD_RECORD_UPLOAD: 'false' } }
        )
        expectSuccess(run)
        expect(Object.keys(JSON.parse(run.mainOutputs['build-records'] ?? '{}') as object)).toEqual(['app'])
        expect(run.post.log).toContain('build records: upload is off')
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
      for (const days of [2, 0]) {
        const service = await ArtifactServiceStandIn.start()
        try {
          const run = await runAction(
            { files: './test/config.hcl', targets: 'app', ...containerBuilder() },
            { cwd: checkout, env: { ...GITHUB_COM, ...service.env(), DOCKER_BUILD_RECORD_RETENTION_DAYS: String(days) } }
          )
          expectSuccess(run)
          const create = service.calls.find(c => c.method === 'CreateArtifact')?.body ?? {}
          expect(create['name']).toMatch(/\.dockerbuild$/)
          if (days === 0) expect(create['expires_at']).toBeUndefined()
          else expect(Math.round((Date.parse(String(create['expires_at'])) - Date.now()) / 86_400_000)).toBe(days)
        } finally {
          await service.close()
        }
      }
    }
  )

  it('allow: allow network.host for a target whose definition asks for it', async () => {
    const run = await runAction(
      { files: './test/config.hcl', allow: 'network.host', targets: 'app-entitlements', ...containerBuilder() },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    // bake takes --allow from buildx 0.19 on (before, the builder decides alone)
    expect(/--allow network\.host/.test(run.main.log)).toBe(hasCapability('bake-entitlements'))
  })

  it('no-default-attestations: BUILDX_NO_DEFAULT_ATTESTATIONS=1, source ., files ./test/config.hcl', async () => {
    const run = await runAction(
      { source: '.', files: './test/config.hcl' },
      { cwd: checkout, env: runEnv({ BUILDX_NO_DEFAULT_ATTESTATIONS: '1' }) }
    )
    expectSuccess(run)
  })

  // The peer bakes the whole group; t3's SBOM runs docker/buildkit-syft-scanner, which cannot be
  // pulled here. Adapted: targets t1,t2 (the provenance legs), each written as an OCI tarball so its
  // attestations can be read: t1 gets the action's default (mode=min), t2 its own attest.
  it('attest-override (t1, t2): source ./test/attest, each with min provenance (the action default, and t2 its own attest)', async () => {
    const out = emptyDir()
    const run = await runAction(
      {
        source: './test/attest',
        targets: 't1,t2',
        set: `t1.output=type=oci,dest=${out}/t1.tar\nt2.output=type=oci,dest=${out}/t2.tar`,
        ...containerBuilder()
      },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}') as object).sort()).toEqual(['t1', 't2'])
    for (const t of ['t1', 't2']) {
      const provenance = await provenanceIn(path.join(out, `${t}.tar`))
      expect([t, provenance?.['buildType'], provenance?.['buildConfig']]).toEqual([t, 'https://mobyproject.org/buildkit@v1', undefined])
    }
  })

  it('var: source ./test/go, target binary, vars DESTDIR=<folder>: the binary lands there', async () => {
    const dest = path.join(emptyDir(), 'build')
    const run = await runAction(
      { source: './test/go', targets: 'binary', vars: `DESTDIR=${dest}`, ...containerBuilder() },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    expect(existsSync(path.join(dest, 'bin/app'))).toBe(true)
    expect(readdirSync(destDefault)).toEqual([])
  })
})

describe('git-context-query (BUILDX_SEND_GIT_QUERY_AS_INPUT: the Git source in the query form)', () => {
  itWhen(
    'git-query-context',
    'git-context-query: no source and no checkout: files ./test/config.hcl from the Git context, which BuildKit loads as <repo>.git?ref=<commit>',
    async () => {
      const r = freshRepo()
      const seen = git.requests.length
      const run = await runAction(
        { files: './test/config.hcl', ...containerBuilder() },
        { cwd: emptyDir(), env: runEnv({ BUILDX_SEND_GIT_QUERY_AS_INPUT: 'true' }, r) }
      )
      expectSuccess(run)
      expect(fetchedFrom(r, seen)).toBe(true)
      expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}')).sort()).toEqual(['app', 'db'])
      // BuildKit's own progress names the source it loaded the definition from (relayed, not the action's words)
      const loads = run.main.log.split('\n').filter(l => /^#\d+ \[internal\] load git source /.test(l))
      expect([...new Set(loads.map(l => l.replace(/^#\d+ /, '')))]).toEqual([
        `[internal] load git source ${git.url}/${r.repository}.git?ref=${r.sha}`
      ])
    }
  )
})

describe('standalone (no docker CLI: buildx as a standalone binary)', () => {
  it('standalone: source ., files ./test/config.hcl, with no docker CLI on PATH and the builder setup-buildx made with the standalone buildx', async () => {
    const { env, config, name, remove } = await standaloneBuildxBuilder('bake-standalone')
    try {
      const run = await runAction({ source: '.', files: './test/config.hcl' }, { cwd: checkout, env: runEnv(env) })
      expectSuccess(run)
      expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}')).sort()).toEqual(['app', 'db'])
      // buildx's own state in this docker config: both targets ran on the standalone buildx's builder
      expect(contextsGiven(config, name)).toEqual([path.join(checkout, 'test'), path.join(checkout, 'test')])
    } finally {
      await remove()
    }
  })
})
