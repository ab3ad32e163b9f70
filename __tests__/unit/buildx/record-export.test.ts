import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { BuildKitApi } from '../../../src/buildx/buildkit-api.js'
import { ProtoWriter } from '../../../src/buildx/protobuf.js'
import { exportRecordBundles } from '../../../src/buildx/record-export.js'

// BuildKit's API stood in by a plain object (the interface the export takes): what is checked is
// the order of the calls, which decides how long the step waits for its records.
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`
const descriptor = (mediaType: string, data: Buffer) =>
  new ProtoWriter().string(1, mediaType).string(2, sha(data)).int(3, data.length).finish()
const LOGS = Buffer.from('the build log')
const TRACE = Buffer.from(`${JSON.stringify({ Name: 'exec', Attributes: null }, null, 2)}\n`)

function record(ref: string, withTrace: boolean): Buffer {
  const w = new ProtoWriter().string(1, ref).bytesField(8, descriptor('text/plain', LOGS))
  if (withTrace) w.bytesField(13, descriptor('application/vnd.buildkit.otlp.json.v0', TRACE))
  return w.finish()
}

describe('exportRecordBundles', () => {
  it("asks BuildKit for the trace first, reads the record's other blobs while BuildKit writes it, and the trace once it is written", async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>(r => (release = r))
    let finalized = false
    const calls: string[] = []
    const api: BuildKitApi = {
      record: () => Promise.resolve(undefined),
      rawRecord: ref => {
        calls.push(`record ${ref}`)
        return Promise.resolve(record(ref, finalized))
      },
      finalize: async ref => {
        calls.push(`finalize ${ref}`)
        await gate
        finalized = true
      },
      read: d => {
        calls.push(`read ${d === sha(LOGS) ? 'logs' : d === sha(TRACE) ? 'trace' : d}`)
        return Promise.resolve(d === sha(LOGS) ? LOGS : TRACE)
      },
      close: () => undefined
    }
    const exporting = exportRecordBundles(api, [{ target: 'default', builder: 'default', node: 'default', ref: 'r1' }], {
      configDir: '/nonexistent',
      defaultPlatform: 'linux/amd64'
    })
    await new Promise(r => setTimeout(r, 20))
    // BuildKit is asked to write the trace before anything else is asked; while it does, the
    // record is read and its log with it
    expect(calls).toEqual(['finalize r1', 'record r1', 'read logs'])
    release()
    const out = await exporting
    expect(calls.slice(3)).toEqual(['record r1', 'read trace'])
    expect(out.finalized.count).toBe(1)
    expect(out.each.get('r1')?.length).toBeGreaterThan(0)
  })
})
