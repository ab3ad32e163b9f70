// docker/bake-action's own CI jobs (.github/workflows/ci.yml), ported: the same `with:` inputs and
// the same checks, run through this action's bundle on the testbed. The bake files and Dockerfiles
// are written here in the same shape as the peer's test/ folder (base images from the testbed
// registry, localhost:5000 replaced by the testbed registry). The default Git source is served by
// the local git server (git-server.ts); results are read from the registry's HTTP API, the engine's
// CLI and the system's tar, never from the action's own computation.
//
// Jobs left out, and why:
// - standalone: uninstalls the docker CLI and runs buildx as a standalone binary; this testbed's
//   buildx runs as the docker CLI plugin only.
// - sbom, attest-override: SBOM attestations run the docker/buildkit-syft-scanner image, which
//   cannot be pulled here (no internet).
// - proxy-docker-config, proxy-buildkitd: need a squid proxy and https://www.google.com.
// - git-context-query: needs buildx >= 0.29 with BUILDX_SEND_GIT_QUERY_AS_INPUT, a query-form Git
//   context this action does not produce (it uses the fragment form, #<commit>).
// - summary-disable, summary-not-supported, record-upload-disable, record-retention-days,
//   annotations-disabled: switch the peer's own build-record upload (GitHub's artifact API), its
//   summary and its check annotations through DOCKER_BUILD_* variables; this action has its own
//   summary input and does not upload build records.
// - call-check, call-check-multi, call-check-nowarning: the `call` input belongs to the
//   build-checks issue.
// Adapted: `remote` bakes a remote Git definition from the local git server instead of
// github.com/docker/buildx; `provenance` drops its `*.cache-from/to=type=gha` sets (GitHub's cache
// service); `git-context` runs without a checkout (the point of the default source);
// `bake` and `release` build linux/amd64 and linux/arm64 (the testbed's base image has no 386).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { makeGitRepo, startGitServer, type GitRepo, type GitServer } from './git-server.js'
import { expectSuccess, getManifest, runAction, sh, testbed, uniqueRepo, type ActionRun, type Testbed } from './harness.js'

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

/** buildx >= 0.19 checks a bake's file-system access (the sid stack; trixie's 0.13 does not). */
function fsEntitlements(): boolean {
  const [major, minor] = tb.buildxVersion.split('.').map(Number)
  return (major ?? 0) > 0 || (minor ?? 0) >= 19
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

function failed(run: ActionRun): string {
  expect(run.main.code).not.toBe(0)
  return run.main.log
}

describe("docker/bake-action's CI jobs on this action", () => {
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
      // the output lies outside the bake's folder: its folder is granted (buildx >= 0.19 asks), and the log says so
      if (fsEntitlements()) expect(run.main.log).toContain(`granted fs.write=${path.dirname(out)}: output file build.tar of target binary`)
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

  it('load-and-push: source ./test/go, target image, load and push, *.tags', async () => {
    const tag = `${app()}:load-and-push`
    const run = await runAction(
      { source: './test/go', targets: 'image', load: 'true', push: 'true', set: `*.tags=${tag}`, ...containerBuilder() },
      { cwd: checkout, env: runEnv() }
    )
    if (tb.buildxVersion.startsWith('0.13')) {
      // buildx 0.13 bakes load and silently skip the push: refused before the bake, naming load
      expect(failed(run)).toMatch(/::error::load: buildx 0\.13\.1 bakes keep only one of push and load/)
      expect((await getManifest(appRepo, 'load-and-push')).status).toBe(404)
      return
    }
    expectSuccess(run)
    expect((await getManifest(appRepo, 'load-and-push')).status).toBe(200)
    expect((await sh('docker', ['image', 'inspect', tag])).code).toBe(0)
  })

  it('checks: source ./test, files ./lint.hcl: Dockerfiles with check warnings still build', async () => {
    const run = await runAction({ source: './test', files: './lint.hcl' }, { cwd: checkout, env: runEnv() })
    expectSuccess(run)
    expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}')).sort()).toEqual(['lint', 'lint-inline', 'lint-other'])
  })

  it('allow: allow network.host for a target whose definition asks for it', async () => {
    const run = await runAction(
      { files: './test/config.hcl', allow: 'network.host', targets: 'app-entitlements', ...containerBuilder() },
      { cwd: checkout, env: runEnv() }
    )
    expectSuccess(run)
    // bake takes --allow from buildx 0.19 on (before, the builder decides alone)
    if (fsEntitlements()) expect(run.main.log).toMatch(/--allow network\.host/)
  })

  it('no-default-attestations: BUILDX_NO_DEFAULT_ATTESTATIONS=1, source ., files ./test/config.hcl', async () => {
    const run = await runAction(
      { source: '.', files: './test/config.hcl' },
      { cwd: checkout, env: runEnv({ BUILDX_NO_DEFAULT_ATTESTATIONS: '1' }) }
    )
    expectSuccess(run)
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
