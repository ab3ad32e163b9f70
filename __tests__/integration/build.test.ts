// The foundation, for real: dist/main.js + dist/post.js against the testbed's engine, buildx and
// registry; results checked over the registry's HTTP API and the engine's own CLI.
import { describe, expect, it, beforeAll } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  eachInputCheck,
  expectNothingPushed,
  expectSuccess,
  getBlob,
  getManifest,
  registryRequests,
  runAction,
  secretMatches,
  sh,
  shownLog,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

let tb: Testbed
let ctx: string
let failing: string

beforeAll(() => {
  tb = testbed()
  ctx = writeContext({
    Dockerfile: `FROM ${tb.baseImage}\nARG GREETING=hello\nRUN echo "$GREETING from $(uname -m)" > /greeting\nLABEL built-by=test\n`
  })
  failing = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN exit 3\n` })
})

/** A fresh ed25519 private key (PKCS#8 PEM, which buildx's ssh provider reads) in a file of its own. */
function writeSshKey(): string {
  const key = path.join(writeContext({}), 'deploy_key')
  writeFileSync(key, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 })
  return key
}

describe('one build, run as the runner runs the action', () => {
  it('pushes a 2-platform image (RUN on amd64 and emulated arm64) and reports it', async () => {
    const repo = uniqueRepo('multi')
    const tag = `${tb.registry}/${repo}:v1`
    const run = await runAction({
      context: ctx,
      tags: tag,
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      'build-args': 'GREETING=hi'
    })
    expect(run.main.log).toContain('::group::Build')
    expectSuccess(run)
    expect(run.post.code).toBe(0)

    const index = await getManifest(repo, 'v1')
    expect(index.status).toBe(200)
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    const real = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown')
    expect(real.map((m: any) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])

    // outputs as docker/build-push-action shapes them, available to later steps (set by main)
    expect(run.mainOutputs['digest']).toBe(index.digest)
    const metadata = JSON.parse(run.mainOutputs['metadata'] ?? '{}')
    expect(metadata['containerimage.digest']).toBe(index.digest)
    expect(metadata['image.name']).toBe(tag)
    // imageid is the iidfile: on the containerd image store the stored index, which is what the
    // registry serves and what the engine itself names the image by
    expect(run.mainOutputs['imageid']).toBe(index.digest)
    const engineId = await sh('docker', ['image', 'inspect', tag, '--format', '{{.Id}}'])
    expect(engineId.code).toBe(0)
    expect(run.mainOutputs['imageid']).toBe(engineId.stdout.trim())
    expect(run.mainOutputs['builder-driver']).toBe('docker')

    // per-platform manifests: the outputs name exactly what the registry serves
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}')
    const reported = manifests['default']
    expect(reported.digest).toBe(index.digest)
    expect(reported.source).toBe('registry')
    for (const m of real) {
      const p = reported.platforms.find((x: any) => x.digest === m.digest)
      expect(p).toBeDefined()
      const manifest = await getManifest(repo, m.digest)
      expect(p.configDigest).toBe(manifest.json.config.digest)
    }
    expect(reported.platforms.map((p: any) => p.platform).sort()).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it('pushes once through the docker driver: the registry sees the tag put one time, by BuildKit', async () => {
    // buildx before 0.22 has the engine push again after BuildKit pushed (docker/buildx#3023);
    // Docker 26 then puts each platform's manifest to the tag in parallel, and the tag can end
    // up answered with a 500 or, for a moment, pointing at one platform.
    const repo = uniqueRepo('once')
    const run = await runAction({ context: ctx, tags: `${tb.registry}/${repo}:v1`, platforms: 'linux/amd64,linux/arm64', push: 'true' })
    expectSuccess(run)
    const puts = registryRequests(repo).filter(r => r.method === 'PUT' && r.path === `/v2/${repo}/manifests/v1`)
    expect(puts.map(r => r.status)).toEqual([201])
    expect(registryRequests(repo).filter(r => r.status >= 500)).toEqual([])
    const index = await getManifest(repo, 'v1')
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(run.mainOutputs['digest']).toBe(index.digest)
  })

  it('bakes and pushes once through the docker driver, each target tag put one time', async () => {
    const repo = uniqueRepo('bake-once')
    const bakeCtx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nARG V=0\nRUN echo "$V" > /v\n`,
      'docker-bake.hcl': [
        'target "one" {',
        `  tags = ["${tb.registry}/${repo}:one"]`,
        '  platforms = ["linux/amd64", "linux/arm64"]',
        '}',
        'target "two" {',
        '  inherits = ["one"]',
        `  tags = ["${tb.registry}/${repo}:two"]`,
        '  args = { V = "2" }',
        '}'
      ].join('\n')
    })
    const run = await runAction({ files: path.join(bakeCtx, 'docker-bake.hcl'), targets: 'one,two', push: 'true' }, { cwd: bakeCtx })
    expectSuccess(run)
    const requests = registryRequests(repo)
    for (const tag of ['one', 'two']) {
      expect(requests.filter(r => r.method === 'PUT' && r.path === `/v2/${repo}/manifests/${tag}`).map(r => r.status)).toEqual([201])
      const index = await getManifest(repo, tag)
      expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
      expect(JSON.parse(run.mainOutputs['metadata'] ?? '{}')[tag]['containerimage.digest']).toBe(index.digest)
    }
    expect(requests.filter(r => r.status >= 500)).toEqual([])
  })

  it('hands the secrets inputs to every bake target and every matrix target, by file and by env', async () => {
    // The RUN step fails unless both secrets arrive with the right content; the Dockerfile only
    // holds their hashes, so the values themselves are in no file and no argv.
    const value = `bake-secret-${Math.random().toString(36).slice(2)}`
    const fromEnv = `env-secret-${Math.random().toString(36).slice(2)}`
    const secretCtx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nARG V=0\nRUN --mount=type=secret,id=tok,required=true --mount=type=secret,id=envtok,required=true ${secretMatches('tok', value)} && ${secretMatches('envtok', fromEnv)} && echo "$V" > /v\n`,
      'docker-bake.hcl': ['target "one" {', '}', 'target "two" {', '  args = { V = "2" }', '}'].join('\n')
    })
    const secretInputs = { secrets: `tok=${value}`, 'secret-envs': 'envtok=BIA_TEST_SECRET' }
    const env = { BIA_TEST_SECRET: fromEnv }
    const baked = await runAction(
      { files: path.join(secretCtx, 'docker-bake.hcl'), targets: 'one,two', 'no-cache': 'true', ...secretInputs },
      { cwd: secretCtx, env }
    )
    expectSuccess(baked)
    expect(Object.keys(JSON.parse(baked.mainOutputs['metadata'] ?? '{}')).sort()).toEqual(['one', 'two'])
    const matrix = await runAction({ context: secretCtx, matrix: 'V: [a, b]', 'no-cache': 'true', ...secretInputs }, { env })
    expectSuccess(matrix)
    expect(Object.keys(JSON.parse(matrix.mainOutputs['metadata'] ?? '{}'))).toHaveLength(2)
    for (const run of [baked, matrix]) {
      expect(shownLog(run.main.log)).not.toContain(value)
      expect(shownLog(run.main.log)).not.toContain(fromEnv)
    }
    // without the secrets the same bake fails: the check above is not vacuous
    const without = await runAction(
      { files: path.join(secretCtx, 'docker-bake.hcl'), targets: 'one', 'no-cache': 'true' },
      { cwd: secretCtx }
    )
    expect(without.main.code).not.toBe(0)
  })

  it('refuses a single-build input with bake files before building, naming where it goes', async () => {
    const repo = uniqueRepo('bake-refused')
    const bakeCtx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\n`,
      'docker-bake.hcl': `target "default" {\n  tags = ["${tb.registry}/${repo}:x"]\n}\n`
    })
    const run = await runAction(
      { files: path.join(bakeCtx, 'docker-bake.hcl'), tags: `${tb.registry}/${repo}:y`, push: 'true' },
      { cwd: bakeCtx }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/::error::tags: is for a single build or a matrix; .* set: \*\.tags=/)
    expect(run.main.log).not.toContain('buildx bake')
    await expectNothingPushed(repo)
  })

  it('ssh keys, a cgroup parent, attests and no-cache filters reach the build', async () => {
    const key = writeSshKey()
    const cgroup = `bia-cg-${Math.random().toString(36).slice(2, 8)}`
    const runCtx = writeContext({
      Dockerfile: [
        `FROM ${tb.baseImage} AS one`,
        'ARG SALT',
        'RUN echo "one $SALT" > /one',
        'FROM one AS two',
        'RUN --mount=type=ssh,id=deploy,required=true test -S "$SSH_AUTH_SOCK" && echo ssh-agent-ok',
        'RUN cat /proc/self/cgroup',
        ''
      ].join('\n')
    })
    const repo = uniqueRepo('run-opts')
    const inputs = {
      context: runCtx,
      tags: `${tb.registry}/${repo}:v1`,
      platforms: 'linux/amd64',
      push: 'true',
      'build-args': `SALT=${cgroup}`,
      ssh: `deploy=${key}`,
      'cgroup-parent': cgroup,
      attests: 'type=provenance,mode=max'
    }
    const first = await runAction(inputs)
    expectSuccess(first)
    expect(first.main.log).toMatch(/^#\d+ [\d.]+ ssh-agent-ok$/m)
    // the RUN step's own cgroup lies under the parent it was given
    expect(first.main.log).toMatch(new RegExp(`^#\\d+ [\\d.]+ 0::/.*${cgroup}/`, 'm'))
    // mode=max provenance (the default would be mode=min): it records the build's steps
    const index = await getManifest(repo, 'v1')
    const att = index.json.manifests.find((m: any) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
    const attManifest = await getManifest(repo, att.digest)
    const statement = JSON.parse((await getBlob(repo, attManifest.json.layers[0].digest)).toString('utf8'))
    expect(statement.predicate.buildConfig?.llbDefinition?.length).toBeGreaterThan(0)
    const call = first.main.log.split('\n').find(l => l.startsWith('buildx build ')) ?? ''
    expect(call).not.toContain('--provenance')

    // again, with stage two uncached: stage one comes from the cache, stage two runs again
    const second = await runAction({ ...inputs, 'no-cache-filters': 'two' })
    expectSuccess(second)
    const stepOf = (log: string, text: string) => log.match(new RegExp(`^#(\\d+) \\[[^\\]]+\\] ${text}`, 'm'))?.[1] ?? 'none'
    const oneStep = stepOf(second.main.log, 'RUN echo "one')
    const twoStep = stepOf(second.main.log, 'RUN --mount=type=ssh')
    expect(second.main.log).toMatch(new RegExp(`^#${oneStep} CACHED$`, 'm'))
    expect(second.main.log).not.toMatch(new RegExp(`^#${twoStep} CACHED$`, 'm'))
    expect(second.main.log).toMatch(/^#\d+ [\d.]+ ssh-agent-ok$/m)
  })

  it('a matrix carries ssh and attests into every target (and takes no-cache filters)', async () => {
    const key = writeSshKey()
    const salt = Math.random().toString(36).slice(2)
    const matrixCtx = writeContext({
      Dockerfile: [
        `FROM ${tb.baseImage} AS one`,
        'ARG V',
        `RUN echo "${salt} $V" > /v`,
        'RUN --mount=type=ssh,id=deploy,required=true test -S "$SSH_AUTH_SOCK" && echo "ssh-agent-ok $V"',
        ''
      ].join('\n')
    })
    const repo = uniqueRepo('matrix-opts')
    const run = await runAction({
      context: matrixCtx,
      matrix: 'V: [a, b]',
      tags: `${tb.registry}/${repo}:{{V}}`,
      platforms: 'linux/amd64',
      push: 'true',
      ssh: `deploy=${key}`,
      attests: 'type=provenance,mode=max',
      'no-cache-filters': 'one'
    })
    expectSuccess(run)
    for (const v of ['a', 'b']) {
      expect(run.main.log).toMatch(new RegExp(`^#\\d+ [\\d.]+ ssh-agent-ok ${v}$`, 'm'))
      const index = await getManifest(repo, v)
      const att = index.json.manifests.find((m: any) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
      const statement = JSON.parse((await getBlob(repo, (await getManifest(repo, att.digest)).json.layers[0].digest)).toString('utf8'))
      expect(statement.predicate.buildConfig?.llbDefinition?.length).toBeGreaterThan(0)
    }
  })

  it('loads a single-platform image into the engine', async () => {
    const tag = `local/${uniqueRepo('load')}:dev`
    const run = await runAction({ context: ctx, tags: tag, platforms: 'linux/amd64', load: 'true' })
    expectSuccess(run)
    const inspect = await sh('docker', ['image', 'inspect', tag, '--format', '{{.Id}} {{.Architecture}}'])
    expect(inspect.code).toBe(0)
    const [engineId, arch] = inspect.stdout.trim().split(' ')
    expect(arch).toBe('amd64')
    // the engine's own id for the image it loaded, not just any digest
    expect(engineId).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(run.outputs['imageid']).toBe(engineId)
  })

  it('exports an OCI layout tarball and reads its manifests from the tarball', async () => {
    const dest = path.join(writeContext({}), 'image.tar')
    const run = await runAction({ context: ctx, platforms: 'linux/amd64,linux/arm64', outputs: `type=oci,dest=${dest}` })
    expectSuccess(run)
    expect(existsSync(dest)).toBe(true)
    const listing = await sh('tar', ['-tf', dest])
    expect(listing.stdout).toContain('index.json')
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}')
    expect(manifests['default'].source).toBe('oci-layout')
    expect(manifests['default'].platforms.map((p: any) => p.platform).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    const extracted = await sh('tar', ['-xOf', dest, 'index.json'])
    const top = JSON.parse(extracted.stdout).manifests[0].digest
    expect(manifests['default'].digest).toBe(top)
  })

  it('fails a broken build with an annotation at the Dockerfile line, pushes nothing, and post still cleans up', async () => {
    const repo = uniqueRepo('fail')
    const run = await runAction({ context: failing, tags: `${tb.registry}/${repo}:v1`, push: 'true' })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/::error [^:]*file=[^,]*Dockerfile,line=2/)
    expect(run.post.code).toBe(0)
    expect(run.summary).toContain('CAUTION')
    await expectNothingPushed(repo)
  })
})

describe('builders', () => {
  it('creates a remote-driver builder on the BuildKit endpoint, builds on it, and post removes it', async () => {
    const repo = uniqueRepo('remote')
    const run = await runAction({
      context: ctx,
      driver: 'remote',
      endpoint: tb.buildkitAddr,
      tags: `${tb.registry}/${repo}:r`,
      platforms: 'linux/amd64',
      push: 'true'
    })
    expectSuccess(run)
    const name = run.mainOutputs['builder-name'] ?? ''
    expect(name).toMatch(/^build-image-/)
    expect(run.mainOutputs['builder-driver']).toBe('remote')
    expect((await getManifest(repo, 'r')).status).toBe(200)
    expect(run.post.code).toBe(0)
    const ls = await sh('docker', ['buildx', 'ls'])
    expect(ls.stdout).not.toContain(name)
  })

  it('keeps the builder with keep-builder', async () => {
    const run = await runAction({
      context: ctx,
      driver: 'remote',
      endpoint: tb.buildkitAddr,
      platforms: 'linux/amd64',
      'keep-builder': 'true'
    })
    expectSuccess(run)
    const name = run.mainOutputs['builder-name'] ?? ''
    expect((await sh('docker', ['buildx', 'ls'])).stdout).toContain(name)
    await sh('docker', ['buildx', 'rm', name])
  })

  // The error line itself (not the "Set up the builder" heading every run prints) names the
  // builder and what stopped it: the BuildKit image it could not pull, the missing cluster.
  it.each([
    [
      'docker-container',
      { driver: 'docker-container', 'driver-opts': 'image=127.0.0.1:1/none/buildkit:x' },
      /^::error::.*builder build-image-[0-9a-f]+\b.*127\.0\.0\.1:1\/none\/buildkit:x/m
    ],
    ['kubernetes', { driver: 'kubernetes', 'driver-opts': 'namespace=ci' }, /^::error::.*builder build-image-[0-9a-f]+\b.*kubernetes/im]
  ])('reports a %s builder that cannot start here with an error naming the builder', async (_name, inputs, pattern) => {
    const run = await runAction({ context: ctx, platforms: 'linux/amd64', ...inputs })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(pattern)
    expect(run.main.log).not.toContain('::group::Build')
    expect(run.post.code).toBe(0)
  })
})

describe('bad input fails before anything is built or pushed', () => {
  eachInputCheck([
    ['driver', { driver: 'podman' }],
    ['platforms', { platforms: 'linux' }],
    ['platforms', { platforms: 'linux/amd64,,"linux/arm64' }],
    ['context', { context: '/nonexistent/dir' }],
    ['tags', { tags: 'localhost:5000/my image:1' }],
    ['tags', { tags: 'localhost:5000/UPPER:1' }],
    ['push', { push: 'maybe' }],
    ['file', { file: '/nonexistent/Dockerfile' }]
  ])('%s: %j', async (input, inputs) => {
    const repo = uniqueRepo('bad')
    const run = await runAction({ context: ctx, push: 'true', tags: `${tb.registry}/${repo}:x`, ...inputs })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(new RegExp(`::error::${input}: `))
    expect(run.main.log).not.toContain('::group::Build')
    await expectNothingPushed(repo)
    expect(run.post.code).toBe(0)
  })

  it('loads two platforms at once on the containerd image store (the classic-store refusal is unit-tested)', async () => {
    // This engine has the containerd store, so the check is exercised through the capability it probes.
    const run = await runAction({ context: ctx, platforms: 'linux/amd64,linux/arm64', load: 'true', tags: 'local/two:1' })
    expectSuccess(run)
  })
})

describe('the summary and state', () => {
  it('writes a job summary and keeps build secrets out of every file the runner gets', async () => {
    const secret = `s3cr3t-${Date.now()}`
    // The build fails unless the secret arrives with its value (the Dockerfile holds its hash only).
    const sctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nRUN --mount=type=secret,id=token,required=true ${secretMatches('token', secret)} && echo secret-arrived\n`
    })
    const run = await runAction({ context: sctx, platforms: 'linux/amd64', 'no-cache': 'true', secrets: `token=${secret}` })
    expectSuccess(run)
    expect(run.main.log).toMatch(/^#\d+ [\d.]+ secret-arrived$/m)
    expect(run.summary).toContain('## Build image')
    for (const f of Object.values(run.files)) expect(readFileSync(f, 'utf8')).not.toContain(secret)
    // The runner consumes ::add-mask:: (that is how the value gets masked) and shows it nowhere.
    expect(run.main.log).toContain(`::add-mask::${secret}`)
    expect(shownLog(run.main.log)).not.toContain(secret)
    expect(shownLog(run.post.log)).not.toContain(secret)
  })
})
