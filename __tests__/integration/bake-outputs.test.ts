// A bake never destroys its own outputs: the tar and OCI-tarball files a bake writes are intact
// after main and after post, the same files (by their entries) that the bare `buildx bake` of the
// same definition writes. Read with the system's tar, not with the action's own tar reader.
import { describe, expect, it, beforeAll } from '@jest/globals'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expectSuccess, runAction, sh, testbed, writeContext, type Testbed } from './harness.js'

let tb: Testbed

beforeAll(() => {
  tb = testbed()
})

function size(file: string): number {
  return existsSync(file) ? statSync(file).size : -1
}

async function tarEntries(file: string): Promise<string[]> {
  const r = await sh('tar', ['-tf', file])
  if (r.code !== 0) throw new Error(`tar -tf ${file}: ${r.stderr}`)
  return r.stdout
    .split('\n')
    .map(l => l.replace(/^\.\//, '').replace(/\/$/, ''))
    .filter(l => l && l !== '.')
    .sort()
}

async function tarFile(file: string, entry: string): Promise<string> {
  const r = await sh('tar', ['-xOf', file, entry])
  if (r.code !== 0) throw new Error(`tar -xOf ${file} ${entry}: ${r.stderr}`)
  return r.stdout
}

/** A context whose bake definition writes an OCI tarball and a tar (with provenance) into `out`. */
function bakeContext(out: string): string {
  const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo baked > /x\n` })
  writeFileSync(
    path.join(ctx, 'docker-bake.hcl'),
    [
      'target "oci" {',
      `  context = "${ctx}"`,
      `  output = ["type=oci,dest=${path.join(out, 'oci.tar')}"]`,
      '}',
      'target "tarball" {',
      `  context = "${ctx}"`,
      `  output = ["type=tar,dest=${path.join(out, 'build.tar')}"]`,
      '  attest = ["type=provenance,mode=min"]',
      '}'
    ].join('\n')
  )
  return ctx
}

describe('bake outputs survive the step', () => {
  it('keeps every tar and OCI-tarball output intact after main and after post, as the bare bake writes them', async () => {
    // The reference: the bare CLI on the same definition.
    const bareOut = writeContext({})
    const bareCtx = bakeContext(bareOut)
    const bare = await sh('docker', ['buildx', 'bake', '--file', path.join(bareCtx, 'docker-bake.hcl'), 'oci', 'tarball'], {
      BUILDX_BAKE_ENTITLEMENTS_FS: '0'
    })
    if (bare.code !== 0) throw new Error(`bare bake failed: ${bare.stderr.slice(-2000)}`)
    const bareOci = await tarEntries(path.join(bareOut, 'oci.tar'))
    const bareTar = await tarEntries(path.join(bareOut, 'build.tar'))
    expect(bareOci).toContain('index.json')
    expect(bareTar).toContain('x')

    const out = writeContext({})
    const ctx = bakeContext(out)
    const sizes: Record<string, number> = {}
    const run = await runAction(
      { files: path.join(ctx, 'docker-bake.hcl'), targets: 'oci,tarball', allow: `fs.write=${out}` },
      {
        cwd: ctx,
        betweenSteps: () => {
          for (const f of ['oci.tar', 'build.tar']) sizes[f] = size(path.join(out, f))
        }
      }
    )
    expectSuccess(run)

    // after main: nothing emptied
    expect(sizes['oci.tar']).toBeGreaterThan(10_000)
    expect(sizes['build.tar']).toBeGreaterThan(10_000)
    // after post: the same bytes count as after main
    expect(size(path.join(out, 'oci.tar'))).toBe(sizes['oci.tar'])
    expect(size(path.join(out, 'build.tar'))).toBe(sizes['build.tar'])

    // the same entries as the bare bake's files, and readable content
    const notBlobs = (entries: string[]) => entries.filter(e => !e.startsWith('blobs/sha256/'))
    expect(notBlobs(await tarEntries(path.join(out, 'oci.tar')))).toEqual(notBlobs(bareOci))
    expect(await tarEntries(path.join(out, 'build.tar'))).toEqual(bareTar)
    expect(await tarFile(path.join(out, 'build.tar'), 'x')).toBe('baked\n')
    // the definition asks for provenance: both tars hold it, and the action's is BuildKit's statement
    expect(bareTar).toContain('provenance.json')
    const provenance = JSON.parse(await tarFile(path.join(out, 'build.tar'), 'provenance.json')) as Record<string, any>
    expect(provenance['_type']).toBe('https://in-toto.io/Statement/v0.1')
    expect(provenance['predicateType']).toBe('https://slsa.dev/provenance/v0.2')
    expect(provenance['predicate']?.buildType).toBe('https://mobyproject.org/buildkit@v1')

    // the OCI layout's image is what the action reports for that target
    const index = JSON.parse(await tarFile(path.join(out, 'oci.tar'), 'index.json')) as {
      manifests: Array<{ digest: string; size: number }>
    }
    expect(index.manifests.length).toBeGreaterThan(0)
    for (const m of index.manifests) {
      const blob = await tarFile(path.join(out, 'oci.tar'), `blobs/sha256/${m.digest.replace('sha256:', '')}`)
      expect(Buffer.byteLength(blob)).toBe(m.size)
    }
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}') as Record<string, { source: string; digest: string }>
    expect(['oci-layout', 'build-record']).toContain(manifests['oci']?.source)
    expect(index.manifests.map(m => m.digest)).toContain(manifests['oci']?.digest)
  })

  it('keeps a matrix target tar output intact after main and after post', async () => {
    const out = writeContext({})
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG variant\nRUN echo "$variant" > /x\n` })
    const dest = path.join(out, 'matrix.tar')
    let afterMain = -1
    const run = await runAction(
      { context: ctx, matrix: 'variant: [slim]', outputs: `type=tar,dest=${dest}`, allow: `fs.write=${out}` },
      { cwd: ctx, betweenSteps: () => void (afterMain = size(dest)) }
    )
    expectSuccess(run)
    expect(afterMain).toBeGreaterThan(10_000)
    expect(size(dest)).toBe(afterMain)
    expect(await tarFile(dest, 'x')).toBe('slim\n')
  })
})
