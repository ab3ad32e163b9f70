import { describe, expect, it } from '@jest/globals'
import {
  decodeBuildHistoryEvent,
  decodeReadContentResponse,
  encodeBuildHistoryRequest,
  encodeReadContentRequest,
  grpcFrame,
  GrpcDeframer,
  ProtoWriter,
  readFields,
  recordFigures
} from '../../../src/buildx/protobuf.js'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('ProtoWriter', () => {
  it.each([
    // the protobuf encoding guide's examples: 150 in field 1, "testing" in field 2
    ['varint 150', new ProtoWriter().int(1, 150), '089601'],
    ['string', new ProtoWriter().string(2, 'testing'), '120774657374696e67'],
    ['bool true', new ProtoWriter().bool(3, true), '1801'],
    ['zero values are left out', new ProtoWriter().int(1, 0).bool(3, false).string(2, ''), ''],
    ['negative int32 as 10 bytes', new ProtoWriter().int(1, -1), '08ffffffffffffffffff01'],
    ['field numbers above 15 take two key bytes', new ProtoWriter().int(16, 1), '800101']
  ])('%s', (_name, w, expected) => {
    expect(hex(w.finish())).toBe(expected)
  })
})

describe('readFields', () => {
  it('reads varint, length-delimited and fixed-width fields, and rejects truncation', () => {
    const buf = Buffer.from('0896011206746573746e67' + '1d01020304' + '210102030405060708', 'hex')
    const f = readFields(buf)
    expect(f.map(x => x.no)).toEqual([1, 2, 3, 4])
    expect(f[0]?.value).toBe(150n)
    expect(Buffer.from(f[1]?.value as Uint8Array).toString()).toBe('testng')
    expect(hex(f[2]?.value as Uint8Array)).toBe('01020304')
    expect(hex(f[3]?.value as Uint8Array)).toBe('0102030405060708')
    expect(() => readFields(Buffer.from('0896', 'hex'))).toThrow(/truncated/)
    expect(() => readFields(Buffer.from('1205ab', 'hex'))).toThrow(/truncated/)
    expect(() => readFields(Buffer.from('0b', 'hex'))).toThrow(/wire type 3/)
  })
})

describe('BuildKit and containerd messages', () => {
  it('BuildHistoryRequest: Ref (2) and EarlyExit (3)', () => {
    expect(hex(encodeBuildHistoryRequest('abc'))).toBe('1203616263' + '1801')
  })

  it('ReadContentRequest: digest (1)', () => {
    expect(hex(encodeReadContentRequest('sha256:ab'))).toBe('0a09' + Buffer.from('sha256:ab').toString('hex'))
  })

  it('BuildHistoryEvent: type, ref, timestamps, step counts; unknown fields skipped', () => {
    const ts = (s: number, n: number) => new ProtoWriter().int(1, s).int(2, n).finish()
    const record = new ProtoWriter()
      .string(1, 'ref1')
      .string(2, 'dockerfile.v0')
      .bytesField(6, ts(1700000000, 100_000_000))
      .bytesField(7, ts(1700000001, 600_400_000))
      .bytesField(9, new ProtoWriter().string(1, 'k').string(2, 'v').finish())
      .int(15, 3)
      .int(16, 9)
      .finish()
    const ev = decodeBuildHistoryEvent(new ProtoWriter().int(1, 1).bytesField(2, record).finish())
    expect(ev).toEqual({
      type: 1,
      record: {
        ref: 'ref1',
        createdAtNs: 1700000000_100_000_000n,
        completedAtNs: 1700000001_600_400_000n,
        numCachedSteps: 3,
        numTotalSteps: 9
      }
    })
    // Duration as buildx reports it: ns, rounded to ms
    expect(recordFigures(ev.record!)).toEqual({ durationMs: 1500, steps: { total: 9, cached: 3 } })
    // STARTED (0) is the zero value: absent on the wire
    expect(decodeBuildHistoryEvent(new ProtoWriter().bytesField(2, new ProtoWriter().string(1, 'r').finish()).finish())).toEqual({
      type: 0,
      record: { ref: 'r', createdAtNs: undefined, completedAtNs: undefined, numCachedSteps: 0, numTotalSteps: 0 }
    })
    expect(decodeBuildHistoryEvent(new ProtoWriter().int(1, 2).finish())).toEqual({ type: 2 })
  })

  it('a record without completion time has no duration, and always has step counts', () => {
    expect(recordFigures({ ref: 'r', createdAtNs: 1n, numCachedSteps: 0, numTotalSteps: 0 })).toEqual({ steps: { total: 0, cached: 0 } })
  })

  it('ReadContentResponse: offset and data', () => {
    const r = decodeReadContentResponse(new ProtoWriter().int(1, 4096).bytesField(2, Buffer.from('{}')).finish())
    expect(r.offset).toBe(4096)
    expect(Buffer.from(r.data).toString()).toBe('{}')
    expect(decodeReadContentResponse(Buffer.alloc(0))).toEqual({ offset: 0, data: new Uint8Array() })
  })
})

describe('gRPC framing', () => {
  it('frames a message and splits a body back into messages, whatever the chunking', () => {
    const a = Buffer.from('hello')
    const b = Buffer.alloc(70_000, 7)
    const body = Buffer.concat([grpcFrame(a), grpcFrame(b), grpcFrame(Buffer.alloc(0))])
    expect(hex(grpcFrame(a))).toBe('0000000005' + hex(a))
    for (const size of [1, 3, 5, 4096, body.length]) {
      const d = new GrpcDeframer()
      const out: Buffer[] = []
      for (let i = 0; i < body.length; i += size) out.push(...d.push(body.subarray(i, i + size)))
      expect(out.map(m => m.length)).toEqual([5, 70_000, 0])
      expect(out[0]?.toString()).toBe('hello')
      expect(d.leftover).toBe(0)
    }
  })

  it('refuses compressed messages', () => {
    expect(() => new GrpcDeframer().push(Buffer.from('0100000000', 'hex'))).toThrow(/compressed/)
  })
})
