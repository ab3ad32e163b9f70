// Build records against the testbed's real BuildKit: each build's record exported with
// `buildx history export` (buildx 0.23+; on trixie's 0.13 one clear line in the summary and no
// error), the file opened and read as what it is (a gzip tar of an OCI layout holding the record),
// and the upload in post against a local STAND-IN of GitHub's artifact service (GitHub's own
// cannot be reached here): the bytes, the name, the retention, the switches, a failing service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { ArtifactServiceStandIn, JOB_BACKEND_ID, RUN_BACKEND_ID } from './artifact-service.js'
import { FaultProxy } from './fault-proxy.js'
import { expectSuccess, hasCapability, runAction, sh, testbed, uniqueRepo, writeContext, type Testbed } from './harness.js'

let tb: Testbed
let history: boolean
let work: string
const services: ArtifactServiceStandIn[] = []
const proxies: FaultProxy[] = []

const GITHUB = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo/records', GITHUB_RUN_ID: '4242' }

beforeAll(() => {
  tb = testbed()
  history = hasCapability('build-history', tb)
  work = mkdtempSync(path.join(os.tmpdir(), 'bia-records-'))
})

afterAll(async () => {
  for (const s of services) await s.close()
  for (const p of proxies) await p.close()
})

async function standIn(): Promise<ArtifactServiceStandIn> {
  const s = await ArtifactServiceStandIn.start()
  services.push(s)
  return s
}

/** The exported records as a later step of the job sees them (post removes them): target -> bytes. */
function keepRecords(into: Map<string, Buffer>): (main: { outputs: Record<string, string> }) => void {
  return ({ outputs }) => {
    const records = JSON.parse(outputs['build-records'] || '{}') as Record<string, string>
    for (const [target, file] of Object.entries(records)) into.set(target, readFileSync(file))
  }
}

/** What a `.dockerbuild` file holds, read with the system's gzip and tar, not the action's code. */
interface RecordFile {
  /** file name -> bytes, every member of the tar */
  members: Map<string, Buffer>
  layout: unknown
  manifests: Array<{
    config: { mediaType: string; digest: string }
    layers: Array<{ mediaType: string; digest: string; annotations?: Record<string, string> }>
  }>
  /** each record's config (Ref, ...) */
  records: Array<Record<string, unknown>>
}

function openRecord(bytes: Buffer): RecordFile {
  expect(bytes.subarray(0, 2).toString('hex')).toBe('1f8b') // gzip, not zip ("PK")
  const dir = mkdtempSync(path.join(work, 'open-'))
  const file = path.join(dir, 'r.dockerbuild')
  writeFileSync(file, bytes)
  const x = path.join(dir, 'x')
  mkdirSync(x)
  const tar = spawnSync('tar', ['-xzf', file, '-C', x], { encoding: 'utf8' })
  expect(tar.stderr).toBe('')
  expect(tar.status).toBe(0)
  const members = new Map<string, Buffer>()
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n)
      if (statSync(p).isDirectory()) walk(p)
      else members.set(path.relative(x, p), readFileSync(p))
    }
  }
  walk(x)
  const blob = (digest: string) => members.get(`blobs/sha256/${digest.replace(/^sha256:/, '')}`) ?? Buffer.alloc(0)
  const index = JSON.parse(members.get('index.json')?.toString() ?? '{}') as { manifests?: Array<{ digest: string }> }
  // one record: index.json names its manifest; several: index.json names an index of them
  const manifestsOf = (list: Array<{ digest: string; mediaType?: string }>): RecordFile['manifests'] =>
    list.flatMap(m => {
      const doc = JSON.parse(blob(m.digest).toString()) as { mediaType?: string; manifests?: Array<{ digest: string }> }
      return doc.mediaType === 'application/vnd.oci.image.index.v1+json'
        ? manifestsOf(doc.manifests ?? [])
        : [doc as RecordFile['manifests'][number]]
    })
  const manifests = manifestsOf(index.manifests ?? [])
  // every blob is what its digest says
  for (const [name, data] of members) {
    if (name.startsWith('blobs/sha256/')) expect(createHash('sha256').update(data).digest('hex')).toBe(path.basename(name))
  }
  return {
    members,
    layout: JSON.parse(members.get('oci-layout')?.toString() ?? 'null'),
    manifests,
    records: manifests.map(m => JSON.parse(blob(m.config.digest).toString()) as Record<string, unknown>)
  }
}

/** Every form of the file a reader could see: raw, the decompressed tar, each member, each gzip member decompressed. */
function everyLayer(bytes: Buffer): Buffer[] {
  const out = [bytes, gunzipSync(bytes)]
  for (const data of openRecord(bytes).members.values()) {
    out.push(data)
    if (data.subarray(0, 2).toString('hex') === '1f8b') out.push(gunzipSync(data))
  }
  return out
}

function ref(metadata: unknown): string {
  return (
    String((metadata as Record<string, unknown>)['buildx.build.ref'] ?? '')
      .split('/')
      .pop() ?? ''
  )
}

/**
 * What buildx itself writes for these refs (`buildx history export --finalize`, on the engine's own
 * builder), opened the same way: the action's file must hold exactly these members.
 */
async function buildxExport(refs: string[], env: NodeJS.ProcessEnv = {}): Promise<Map<string, Buffer>> {
  const file = path.join(mkdtempSync(path.join(work, 'buildx-')), 'r.dockerbuild')
  const r = await sh(tb.buildxBin, ['history', 'export', '--finalize', '--output', file, ...refs], env)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return openRecord(readFileSync(file)).members
}

function sameMembers(mine: Map<string, Buffer>, theirs: Map<string, Buffer>): void {
  expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort())
  for (const [name, data] of theirs) expect(`${name}: ${mine.get(name)?.equals(data) ? 'same' : 'differs'}`).toBe(`${name}: same`)
}

/** A bake of two targets, app and worker, each from its own folder; `mark` makes their images this test's own. */
function twoTargetBake(mark: string): string {
  return writeContext({
    'a/Dockerfile': `FROM ${tb.baseImage}\nRUN echo a${mark} > /a\n`,
    'b/Dockerfile': `FROM ${tb.baseImage}\nRUN echo b${mark} > /b\n`,
    'docker-bake.hcl': [
      'group "default" {',
      '  targets = ["app", "worker"]',
      '}',
      'target "app" {',
      '  context = "a"',
      '}',
      'target "worker" {',
      '  context = "b"',
      '}',
      ''
    ].join('\n')
  })
}

describe('build records', () => {
  it('a single build: its record exported, opened and checked, with no secret or registry password in it, and uploaded as itself to the artifact service stand-in (buildx < 0.23: one line in the summary)', async () => {
    const secret = `rec-secret-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
    const password = `rec-password-${Math.random().toString(36).slice(2)}`
    const proxy = await FaultProxy.start(tb.registry)
    proxies.push(proxy)
    proxy.requireBasicAuth('rec-user', password)
    const service = await standIn()
    const ctx = writeContext({
      Dockerfile: [`FROM ${tb.baseImage}`, 'RUN --mount=type=secret,id=tok test -s /run/secrets/tok && echo has-secret > /proof', ''].join(
        '\n'
      )
    })
    const repo = uniqueRepo('records-single')
    const kept = new Map<string, Buffer>()
    const run = await runAction(
      {
        context: ctx,
        tags: `${proxy.registry}/${repo}:1`,
        push: 'true',
        platforms: 'linux/amd64',
        registry: proxy.registry,
        username: 'rec-user',
        password,
        secrets: `tok=${secret}`
      },
      {
        env: { ...GITHUB, ...service.env(), DOCKER_BUILD_RECORD_RETENTION_DAYS: '5' },
        betweenSteps: keepRecords(kept)
      }
    )
    expectSuccess(run)
    expect(run.main.log + run.post.log).not.toMatch(/^::(warning|error)/m)
    if (!history) {
      // buildx 0.13: nothing exported, nothing uploaded, one clear line
      expect(run.outputs['build-records']).toBeUndefined()
      expect(service.calls).toEqual([])
      expect(run.summary).toContain('Build record export needs buildx 0.23 or later (this buildx is 0.13')
      return
    }
    const records = JSON.parse(run.mainOutputs['build-records'] ?? '{}') as Record<string, string>
    expect(Object.keys(records)).toEqual(['default'])
    const buildRef = ref(JSON.parse(run.mainOutputs['metadata'] ?? '{}'))
    expect(buildRef).toMatch(/^[a-z0-9]{20,}$/)
    expect(path.basename(records['default'] ?? '')).toBe(`octo~records~${buildRef.slice(0, 6).toUpperCase()}.dockerbuild`)
    expect((records['default'] ?? '').startsWith(path.join(run.dir, 'runner-temp'))).toBe(true)
    // post removed the run's folder, the records with it
    expect(existsSync(records['default'] ?? '')).toBe(false)
    const bytes = kept.get('default') ?? Buffer.alloc(0)
    expect(bytes.length).toBeGreaterThan(1000)

    // what the file is: a gzip tar of an OCI layout whose one manifest is this build's record
    const rec = openRecord(bytes)
    expect(rec.layout).toEqual({ imageLayoutVersion: '1.0.0' })
    expect(rec.manifests).toHaveLength(1)
    expect(rec.manifests[0]?.config.mediaType).toBe('application/vnd.buildkit.historyrecord.v0')
    expect(rec.records[0]?.['Ref']).toBe(buildRef)
    const types = rec.manifests[0]?.layers.map(l => l.mediaType) ?? []
    expect(types).toEqual(
      expect.arrayContaining([
        'application/vnd.buildkit.otlp.json.v0',
        'application/vnd.buildkit.status.v0',
        'application/vnd.in-toto+json'
      ])
    )
    // the image the record describes is the one the registry holds
    const described = rec.manifests[0]?.layers.find(l => l.annotations?.['vnd.export-build.descriptor.mediatype'])
    expect(run.mainOutputs['digest']).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(described?.digest).toBe(run.mainOutputs['digest'])
    // the same members, byte for byte, as buildx's own export of the record
    sameMembers(rec.members, await buildxExport([buildRef]))

    // neither the build secret nor the registry password, in any layer of the file
    expect(run.main.log).toContain('has-secret')
    const leaks = everyLayer(bytes).flatMap((b, i) =>
      [secret, password, Buffer.from(secret).toString('base64'), Buffer.from(password).toString('base64')]
        .filter(v => b.includes(v))
        .map(v => `${v} in layer ${i}`)
    )
    expect(leaks).toEqual([])

    // the upload: one artifact, named as docker's actions name it, the file's exact bytes, 5 days
    const creates = service.calls.filter(c => c.method === 'CreateArtifact')
    expect(creates).toHaveLength(1)
    const create = creates[0]?.body ?? {}
    expect(create['name']).toBe(path.basename(records['default'] ?? ''))
    expect(create['workflow_run_backend_id']).toBe(RUN_BACKEND_ID)
    expect(create['workflow_job_run_backend_id']).toBe(JOB_BACKEND_ID)
    const days = (Date.parse(String(create['expires_at'])) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(4.9)
    expect(days).toBeLessThan(5.1)
    const [artifact, ...more] = service.artifacts()
    expect(more).toEqual([])
    expect(artifact?.bytes.equals(bytes)).toBe(true)
    const finalize = service.calls.find(c => c.method === 'FinalizeArtifact')?.body ?? {}
    expect(finalize['size']).toBe(String(bytes.length))
    expect(finalize['hash']).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`)
    // the bytes went to the signed URL as blocks, then one block list committed them
    expect(service.blobRequests.map(r => r.query['comp'])).toEqual([...service.blobRequests.slice(0, -1).map(() => 'block'), 'blocklist'])
    expect(run.summary).toContain(`(https://github.com/octo/records/actions/runs/4242/artifacts/${artifact?.id})`)
  }, 240_000)

  it('bake targets: one record per target in build-records, and one artifact holding them all uploaded to the stand-in', async () => {
    const service = await standIn()
    const ctx = twoTargetBake('')
    const kept = new Map<string, Buffer>()
    const run = await runAction(
      { files: 'docker-bake.hcl', push: 'false' },
      { cwd: ctx, env: { ...GITHUB, ...service.env() }, betweenSteps: keepRecords(kept) }
    )
    expectSuccess(run)
    expect(run.main.log + run.post.log).not.toMatch(/^::(warning|error)/m)
    if (!history) {
      expect(run.outputs['build-records']).toBeUndefined()
      expect(service.calls).toEqual([])
      expect(run.summary).toContain('Build record export needs buildx 0.23 or later')
      return
    }
    const metadata = JSON.parse(run.mainOutputs['metadata'] ?? '{}') as Record<string, unknown>
    const refs = { app: ref(metadata['app']), worker: ref(metadata['worker']) }
    const records = JSON.parse(run.mainOutputs['build-records'] ?? '{}') as Record<string, string>
    expect(Object.keys(records).sort()).toEqual(['app', 'worker'])
    for (const target of ['app', 'worker'] as const) {
      const rec = openRecord(kept.get(target) ?? Buffer.alloc(0))
      expect(rec.records.map(r => r['Ref'])).toEqual([refs[target]])
      expect(path.basename(records[target] ?? '')).toBe(`octo~records~${refs[target].slice(0, 6).toUpperCase()}.dockerbuild`)
    }
    // one artifact per step: a single file holding both records, named as docker/bake-action names its file
    const [artifact, ...more] = service.artifacts()
    expect(more).toEqual([])
    expect(artifact?.name).toMatch(/^octo~records~[A-Z0-9]{6}\+1\.dockerbuild$/)
    const all = openRecord(artifact?.bytes ?? Buffer.alloc(0))
    expect(all.manifests.map(m => m.config.mediaType)).toEqual([
      'application/vnd.buildkit.historyrecord.v0',
      'application/vnd.buildkit.historyrecord.v0'
    ])
    expect(all.records.map(r => r['Ref']).sort()).toEqual([refs.app, refs.worker].sort())
    expect(run.summary).toContain(`/actions/runs/4242/artifacts/${artifact?.id})`)
    // read through BuildKit's API (one bake: one trace, finalized once when BuildKit had not written it yet)
    expect(run.main.log).toMatch(/^exported 2 build record\(s\) through BuildKit's API( \(1 finalized, \d+ ms\))? in \d+ ms/m)
    // each file, and the one of them all, as buildx's own export of the same records
    sameMembers(openRecord(kept.get('app') ?? Buffer.alloc(0)).members, await buildxExport([refs.app]))
    const order = all.records.map(r => String(r['Ref']))
    sameMembers(all.members, await buildxExport(order))
  }, 240_000)

  it("a step without an id (GITHUB_ACTION=__org_build-image-action, whose outputs the runner drops): main leaves the records to post, which exports them, as buildx's own export has them, and uploads them to the stand-in", async () => {
    const service = await standIn()
    const ctx = twoTargetBake('-noid')
    const run = await runAction(
      { files: 'docker-bake.hcl', push: 'false' },
      { cwd: ctx, env: { ...GITHUB, ...service.env(), GITHUB_ACTION: '__org_build-image-action' } }
    )
    expectSuccess(run)
    expect(run.main.log + run.post.log).not.toMatch(/^::(warning|error)/m)
    expect(run.mainOutputs['build-records']).toBeUndefined()
    if (!history) {
      expect(service.calls).toEqual([])
      expect(run.summary).toContain('Build record export needs buildx 0.23 or later')
      return
    }
    // main did not wait for BuildKit: post exported the records
    expect(run.main.log).toContain('build records: exported by the post step')
    expect(run.main.log).not.toMatch(/^exported \d+ build record/m)
    expect(run.post.log).toMatch(/^exported 2 build record\(s\) through BuildKit's API( \(1 finalized, \d+ ms\))? in \d+ ms/m)
    const metadata = JSON.parse(run.mainOutputs['metadata'] ?? '{}') as Record<string, unknown>
    const refs = [ref(metadata['app']), ref(metadata['worker'])]
    const [artifact, ...more] = service.artifacts()
    expect(more).toEqual([])
    expect(artifact?.name).toMatch(/^octo~records~[A-Z0-9]{6}\+1\.dockerbuild$/)
    const all = openRecord(artifact?.bytes ?? Buffer.alloc(0))
    const order = all.records.map(r => String(r['Ref']))
    expect([...order].sort()).toEqual([...refs].sort())
    sameMembers(all.members, await buildxExport(order))
    expect(run.summary).toContain(`/actions/runs/4242/artifacts/${artifact?.id})`)
  }, 240_000)

  it('upload off (DOCKER_BUILD_RECORD_UPLOAD=false, or build-record-upload: false): records exported, nothing sent to the artifact service stand-in', async () => {
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo off > /off\n` })
    const byEnv = await standIn()
    const byInput = await standIn()
    const runs = await Promise.all([
      runAction({ context: ctx, push: 'false' }, { env: { ...GITHUB, ...byEnv.env(), DOCKER_BUILD_RECORD_UPLOAD: 'false' } }),
      runAction({ context: ctx, push: 'false', 'build-record-upload': 'false' }, { env: { ...GITHUB, ...byInput.env() } })
    ])
    for (const run of runs) {
      expectSuccess(run)
      expect(run.main.log + run.post.log).not.toMatch(/^::(warning|error)/m)
      if (history) {
        expect(Object.keys(JSON.parse(run.mainOutputs['build-records'] ?? '{}') as object)).toEqual(['default'])
        expect(run.summary).toContain('Not uploaded: upload is off')
      } else {
        expect(run.summary).toContain('Build record export needs buildx 0.23 or later')
      }
    }
    expect(byEnv.calls).toEqual([])
    expect(byEnv.blobRequests).toEqual([])
    expect(byInput.calls).toEqual([])
    expect(byInput.blobRequests).toEqual([])
  }, 240_000)

  it('an artifact service stand-in that answers 500, then 400: a warning, and the step succeeds', async () => {
    const service = await standIn()
    service.failures = [500, 400]
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo fail > /fail\n` })
    const run = await runAction({ context: ctx, push: 'false' }, { env: { ...GITHUB, ...service.env() } })
    expectSuccess(run)
    if (!history) {
      expect(service.calls).toEqual([])
      expect(run.summary).toContain('Build record export needs buildx 0.23 or later')
      return
    }
    // @actions/artifact retries the 500 and gives up on the 400 (a 400 is not retried)
    expect(service.calls.map(c => c.method)).toEqual(['CreateArtifact', 'CreateArtifact'])
    expect(service.blobRequests).toEqual([])
    const warnings = run.post.log.split('\n').filter(l => l.startsWith('::warning'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/could not upload the build records: .*\(400\)/)
    expect(run.summary).toContain('Not uploaded: the upload failed')
  }, 240_000)

  it('a matrix and a platform split: each target, and each platform of the split, has its own record (uploaded to the artifact service stand-in)', async () => {
    const matrixService = await standIn()
    const splitService = await standIn()
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG variant=none\nLABEL variant=$variant\n` })
    const [matrix, split] = await Promise.all([
      runAction(
        { context: ctx, matrix: 'variant: [red, blue]\n', 'build-args': 'variant={{variant}}', push: 'false' },
        { env: { ...GITHUB, ...matrixService.env() } }
      ),
      runAction(
        {
          context: ctx,
          driver: 'remote',
          endpoint: tb.buildkitAddr,
          'platform-split': 'true',
          platforms: 'linux/amd64,linux/arm64',
          tags: `${tb.registry}/${uniqueRepo('records-split')}:1`,
          push: 'true'
        },
        { env: { ...GITHUB, ...splitService.env() } }
      )
    ])
    for (const run of [matrix, split]) {
      expectSuccess(run)
      expect(run.main.log + run.post.log).not.toMatch(/^::(warning|error)/m)
    }
    if (!history) {
      for (const run of [matrix, split]) {
        expect(run.outputs['build-records']).toBeUndefined()
        expect(run.summary).toContain('Build record export needs buildx 0.23 or later')
      }
      return
    }
    // the matrix: one record per target, named as digests names the targets
    const matrixRecords = JSON.parse(matrix.mainOutputs['build-records'] ?? '{}') as Record<string, string>
    const targets = Object.keys(JSON.parse(matrix.mainOutputs['digests'] ?? '{}') as object).sort()
    expect(targets).toHaveLength(2)
    expect(Object.keys(matrixRecords).sort()).toEqual(targets)
    const metadata = JSON.parse(matrix.mainOutputs['metadata'] ?? '{}') as Record<string, unknown>
    const [matrixArtifact] = matrixService.artifacts()
    expect(
      openRecord(matrixArtifact?.bytes ?? Buffer.alloc(0))
        .records.map(r => r['Ref'])
        .sort()
    ).toEqual(targets.map(t => ref(metadata[t])).sort())

    // the split: one record per platform's build, each built for its platform
    const splitRecords = JSON.parse(split.mainOutputs['build-records'] ?? '{}') as Record<string, string>
    expect(Object.keys(splitRecords).sort()).toEqual(['default@linux/amd64', 'default@linux/arm64'])
    const [splitArtifact, ...more] = splitService.artifacts()
    expect(more).toEqual([])
    expect(splitArtifact?.name).toMatch(/\+1\.dockerbuild$/)
    const all = openRecord(splitArtifact?.bytes ?? Buffer.alloc(0))
    const platforms = all.records.map(r => (r['FrontendAttrs'] as Record<string, string>)['platform']).sort()
    expect(platforms).toEqual(['linux/amd64', 'linux/arm64'])
    for (const [target, file] of Object.entries(splitRecords)) {
      const rec = all.records.find(r => (r['FrontendAttrs'] as Record<string, string>)['platform'] === target.split('@')[1])
      expect(path.basename(file)).toBe(`octo~records~${String(rec?.['Ref']).slice(0, 6).toUpperCase()}.dockerbuild`)
    }
  }, 300_000)

  it("a failed build: its record exported all the same (from buildx's local state, as a failed build writes no metadata), holding the error, and uploaded to the artifact service stand-in", async () => {
    const service = await standIn()
    const marker = `rec-fails-${Math.random().toString(36).slice(2)}`
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo ${marker} && exit 3\n` })
    const kept = new Map<string, Buffer>()
    const run = await runAction(
      { context: ctx, tags: `${tb.registry}/${uniqueRepo('records-failed')}:1`, push: 'true', platforms: 'linux/amd64' },
      // its own working folder: builds started meanwhile from this repository's folder (a benchmark) are not this step's
      { cwd: ctx, env: { ...GITHUB, ...service.env() }, betweenSteps: keepRecords(kept) }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.post.code).toBe(0)
    expect(run.main.log).toMatch(/^::error::.*exit code: 3/m)
    if (!history) {
      expect(run.outputs['build-records']).toBeUndefined()
      expect(service.calls).toEqual([])
      expect(run.summary).toContain('Build record export needs buildx 0.23 or later (this buildx is 0.13')
      return
    }
    const records = JSON.parse(run.mainOutputs['build-records'] ?? '{}') as Record<string, string>
    expect(Object.keys(records)).toEqual(['default'])
    const bytes = kept.get('default') ?? Buffer.alloc(0)
    const rec = openRecord(bytes)
    expect(rec.records).toHaveLength(1)
    const record = rec.records[0] ?? {}
    // this build's record (its file is named after its ref), and BuildKit's error is in it
    expect(path.basename(records['default'] ?? '')).toBe(`octo~records~${String(record['Ref']).slice(0, 6).toUpperCase()}.dockerbuild`)
    const error = (record['error'] ?? {}) as { message?: string }
    expect(error.message).toContain(marker)
    expect(error.message).toMatch(/exit code: 3$/)
    const [artifact, ...more] = service.artifacts()
    expect(more).toEqual([])
    expect(artifact?.bytes.equals(bytes)).toBe(true)
    expect(run.summary).toContain(`(https://github.com/octo/records/actions/runs/4242/artifacts/${artifact?.id})`)
  }, 240_000)

  it("a failed build on a builder another job uses at the same time (a shared self-hosted machine): only this step's build is exported, not the other job's build", async () => {
    const service = await standIn()
    // buildx's local state in a folder of this test's own, so no other test's builds are in it
    const buildxConfig = mkdtempSync(path.join(work, 'buildx-config-'))
    const env = { BUILDX_CONFIG: buildxConfig }
    // another job's build (another repository's workspace), on the same builder
    const other = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo other-job-${Math.random().toString(36).slice(2)} > /o\n` })
    const otherMetadata = path.join(other, 'metadata.json')
    const built = await sh(tb.buildxBin, ['build', '--progress', 'quiet', '--metadata-file', otherMetadata, other], env)
    expect(built.code).toBe(0)
    const otherRef = ref(JSON.parse(readFileSync(otherMetadata, 'utf8')))
    expect(otherRef).toMatch(/^[a-z0-9]{20,}$/)
    const otherState = path.join(buildxConfig, 'refs', 'default', 'default', otherRef)
    writeFileSync(
      otherState,
      JSON.stringify({
        Target: '',
        LocalPath: '/home/runner2/_work/other/other',
        DockerfilePath: '/home/runner2/_work/other/other/Dockerfile'
      })
    )
    // written while this step runs, as far as its clock can tell
    const later = new Date(Date.now() + 10 * 60_000)
    utimesSync(otherState, later, later)

    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo mine && exit 4\n` })
    const kept = new Map<string, Buffer>()
    const run = await runAction(
      { context: ctx, push: 'false' },
      { cwd: ctx, env: { ...GITHUB, ...service.env(), ...env }, betweenSteps: keepRecords(kept) }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/^::error::.*exit code: 4/m)
    if (!history) {
      expect(run.outputs['build-records']).toBeUndefined()
      return
    }
    const records = JSON.parse(run.mainOutputs['build-records'] ?? '{}') as Record<string, string>
    expect(Object.keys(records)).toEqual(['default'])
    const rec = openRecord(kept.get('default') ?? Buffer.alloc(0))
    expect(rec.records.map(r => r['Ref'])).not.toContain(otherRef)
    expect(rec.records).toHaveLength(1)
    expect(((rec.records[0]?.['error'] ?? {}) as { message?: string }).message).toMatch(/exit code: 4$/)
    const [artifact, ...more] = service.artifacts()
    expect(more).toEqual([])
    expect(openRecord(artifact?.bytes ?? Buffer.alloc(0)).records.map(r => r['Ref'])).toEqual([rec.records[0]?.['Ref']])
  }, 240_000)

  it("DOCKER_BUILD_SUMMARY=false: no record exported and nothing sent to the artifact service stand-in, as docker's actions do", async () => {
    const service = await standIn()
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo nosummary > /n\n` })
    const run = await runAction({ context: ctx, push: 'false' }, { env: { ...GITHUB, ...service.env(), DOCKER_BUILD_SUMMARY: 'false' } })
    expectSuccess(run)
    expect(run.main.log + run.post.log).not.toMatch(/^::(warning|error)/m)
    expect(run.outputs['build-records']).toBeUndefined()
    expect(service.calls).toEqual([])
    expect(run.summary).toBe('')
    if (history) expect(run.main.log).toContain('build records are not exported: the summary is off')
  }, 240_000)

  it('a merge builds nothing: no record, no line about records, nothing sent to the artifact service stand-in', async () => {
    const service = await standIn()
    const repo = `${tb.registry}/${uniqueRepo('records-merge')}`
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nLABEL merge=yes\n` })
    const built = await runAction({ context: ctx, tags: `${repo}:built`, push: 'true', platforms: 'linux/amd64' }, { env: GITHUB })
    expectSuccess(built)
    const run = await runAction(
      { mode: 'merge', digests: built.outputs['digest'] ?? '', tags: `${repo}:merged` },
      { env: { ...GITHUB, ...service.env() } }
    )
    expectSuccess(run)
    expect(run.outputs['build-records']).toBeUndefined()
    expect(run.summary).not.toContain('Build record')
    expect(service.calls).toEqual([])
  }, 240_000)
})
