// The capability table the harness skips tests by (CAPABILITIES, itWhen) is checked here against
// the stack's real buildx, so a capability-named skip can only happen where buildx truly lacks it.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { hasCapability, sh, testbed, writeContext, type Testbed } from './harness.js'

let tb: Testbed

beforeAll(() => {
  tb = testbed()
})

describe(`what the stack's buildx can do`, () => {
  it('build-history: `buildx history ls` lists build records exactly where the harness says it exists', async () => {
    const r = await sh('docker', ['buildx', 'history', 'ls'])
    // buildx without the command prints its own usage (exit 0), not a table of builds
    const listsRecords = r.code === 0 && /^BUILD ID\s+NAME\s+STATUS/m.test(r.stdout)
    expect({ buildx: tb.buildxVersion, listsRecords }).toEqual({
      buildx: tb.buildxVersion,
      listsRecords: hasCapability('build-history', tb)
    })
  })

  it('provenance-in-metadata: the metadata file holds buildx.build.provenance exactly where the harness says it does', async () => {
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo ${Math.random().toString(36).slice(2)} > /salt\n` })
    const metadataFile = path.join(ctx, 'metadata.json')
    const r = await sh('docker', [
      'buildx',
      'build',
      '--progress',
      'plain',
      '--platform',
      'linux/amd64',
      '--provenance',
      'mode=min',
      '--metadata-file',
      metadataFile,
      ctx
    ])
    expect(r.code).toBe(0)
    const hasProvenance = 'buildx.build.provenance' in JSON.parse(readFileSync(metadataFile, 'utf8'))
    expect({ buildx: tb.buildxVersion, hasProvenance }).toEqual({
      buildx: tb.buildxVersion,
      hasProvenance: hasCapability('provenance-in-metadata', tb)
    })
  })
})
