// The few protobuf messages and the gRPC framing needed to read build records and content from
// BuildKit's API (moby.buildkit.v1.Control/ListenBuildHistory, containerd.services.content.v1.Content/Read)
// without a protobuf dependency. Field numbers are those of BuildKit's control.proto and
// containerd's content.proto. Pure.

/** One decoded field: varints as bigint, length-delimited fields as bytes. */
export interface ProtoField {
  no: number
  value: bigint | Uint8Array
}

function varint(n: bigint): number[] {
  // Negative int32/int64 values are sent as their 64-bit two's complement.
  let v = BigInt.asUintN(64, n)
  const out: number[] = []
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return out
}

/** Writes fields in the order given; zero values are left out, as proto3 does. */
export class ProtoWriter {
  private readonly bytes: number[] = []

  private key(no: number, wire: number): void {
    this.bytes.push(...varint(BigInt((no << 3) | wire)))
  }

  int(no: number, n: number | bigint): this {
    if (BigInt(n) === 0n) return this
    this.key(no, 0)
    this.bytes.push(...varint(BigInt(n)))
    return this
  }

  bool(no: number, b: boolean): this {
    return this.int(no, b ? 1 : 0)
  }

  bytesField(no: number, b: Uint8Array): this {
    if (b.length === 0) return this
    this.key(no, 2)
    this.bytes.push(...varint(BigInt(b.length)), ...b)
    return this
  }

  string(no: number, s: string): this {
    return this.bytesField(no, Buffer.from(s, 'utf8'))
  }

  finish(): Buffer {
    return Buffer.from(this.bytes)
  }
}

/** Reads every field of one message (unknown fields included; fixed-width ones as bytes). */
export function readFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = []
  let i = 0
  const next = (): bigint => {
    let r = 0n
    for (let shift = 0n; ; shift += 7n) {
      if (i >= buf.length || shift > 63n) throw new Error('truncated or overlong protobuf varint')
      const b = buf[i++] as number
      r |= BigInt(b & 0x7f) << shift
      if (b < 0x80) return r
    }
  }
  const take = (n: number): Uint8Array => {
    if (i + n > buf.length) throw new Error('truncated protobuf field')
    const v = buf.subarray(i, i + n)
    i += n
    return v
  }
  while (i < buf.length) {
    const key = Number(next())
    const no = key >>> 3
    const wire = key & 7
    if (wire === 0) out.push({ no, value: next() })
    else if (wire === 2) out.push({ no, value: take(Number(next())) })
    else if (wire === 1) out.push({ no, value: take(8) })
    else if (wire === 5) out.push({ no, value: take(4) })
    else throw new Error(`unsupported protobuf wire type ${wire}`)
  }
  return out
}

const first = (fields: ProtoField[], no: number): ProtoField['value'] | undefined => fields.find(f => f.no === no)?.value
const asInt = (v: ProtoField['value'] | undefined): bigint => (typeof v === 'bigint' ? v : 0n)
const asBytes = (v: ProtoField['value'] | undefined): Uint8Array | undefined => (v instanceof Uint8Array ? v : undefined)
const asString = (v: ProtoField['value'] | undefined): string => {
  const b = asBytes(v)
  return b ? Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8') : ''
}

/** google.protobuf.Timestamp as nanoseconds since the epoch. */
function timestampNs(b: Uint8Array | undefined): bigint | undefined {
  if (!b) return undefined
  const f = readFields(b)
  return BigInt.asIntN(64, asInt(first(f, 1))) * 1_000_000_000n + BigInt.asIntN(32, asInt(first(f, 2)))
}

/** moby.buildkit.v1.BuildHistoryRequest: the records of one ref, then the end of the stream. */
export function encodeBuildHistoryRequest(ref: string): Buffer {
  // ActiveOnly = 1, Ref = 2, EarlyExit = 3
  return new ProtoWriter().string(2, ref).bool(3, true).finish()
}

/** What the report takes from a build record (BuildHistoryRecord). */
export interface HistoryRecord {
  ref: string
  createdAtNs?: bigint
  completedAtNs?: bigint
  numCachedSteps: number
  numTotalSteps: number
}

export const HISTORY_EVENT_DELETED = 2

/** moby.buildkit.v1.BuildHistoryEvent: its type and, unless deleted, the record. */
export function decodeBuildHistoryEvent(buf: Uint8Array): { type: number; record?: HistoryRecord } {
  const f = readFields(buf)
  const type = Number(asInt(first(f, 1)))
  const rec = asBytes(first(f, 2))
  if (!rec) return { type }
  const r = readFields(rec)
  return {
    type,
    record: {
      ref: asString(first(r, 1)),
      createdAtNs: timestampNs(asBytes(first(r, 6))),
      completedAtNs: timestampNs(asBytes(first(r, 7))),
      numCachedSteps: Number(BigInt.asIntN(32, asInt(first(r, 15)))),
      numTotalSteps: Number(BigInt.asIntN(32, asInt(first(r, 16))))
    }
  }
}

/** moby.buildkit.v1.BuildHistoryEvent: its type and the record's bytes, undecoded. */
export function decodeBuildHistoryEventRaw(buf: Uint8Array): { type: number; record?: Uint8Array } {
  const f = readFields(buf)
  return { type: Number(asInt(first(f, 1))), record: asBytes(first(f, 2)) }
}

/** moby.buildkit.v1.UpdateBuildHistoryRequest that finalizes one record (Ref = 1, Finalize = 4). */
export function encodeFinalizeRequest(ref: string): Buffer {
  return new ProtoWriter().string(1, ref).bool(4, true).finish()
}

/** containerd.services.content.v1.ReadContentRequest for a whole blob. */
export function encodeReadContentRequest(digest: string): Buffer {
  return new ProtoWriter().string(1, digest).finish()
}

/** containerd.services.content.v1.ReadContentResponse: a chunk of the blob at its offset. */
export function decodeReadContentResponse(buf: Uint8Array): { offset: number; data: Uint8Array } {
  const f = readFields(buf)
  return { offset: Number(asInt(first(f, 1))), data: asBytes(first(f, 2)) ?? new Uint8Array() }
}

/** One gRPC message on the wire: uncompressed flag, 4-byte big-endian length, the message. */
export function grpcFrame(message: Uint8Array): Buffer {
  const head = Buffer.alloc(5)
  head.writeUInt32BE(message.length, 1)
  return Buffer.concat([head, message])
}

/** Splits a gRPC response body, fed in chunks as they arrive, into messages. */
export class GrpcDeframer {
  // chunks kept apart until a whole message is there: joining each chunk to the ones before made a
  // blob of a megabyte (a bake's trace) cost tens of megabytes of copying
  private chunks: Buffer[] = []
  private size = 0

  push(chunk: Uint8Array): Buffer[] {
    this.chunks.push(Buffer.from(chunk))
    this.size += chunk.length
    const out: Buffer[] = []
    while (this.size >= 5) {
      let head = this.chunks[0] as Buffer
      if (head.length < 5) head = this.joined()
      if (head[0] !== 0) throw new Error('compressed gRPC messages are not supported')
      const len = head.readUInt32BE(1)
      if (this.size < 5 + len) break
      const whole = this.joined()
      out.push(whole.subarray(5, 5 + len))
      const rest = whole.subarray(5 + len)
      this.chunks = rest.length ? [rest] : []
      this.size = rest.length
    }
    return out
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.size)]
    return this.chunks[0] as Buffer
  }

  /** bytes left over that do not make a whole message */
  get leftover(): number {
    return this.size
  }
}

/**
 * The record's duration and cache use, as `buildx history inspect --format json` reports them
 * (Duration = CompletedAt - CreatedAt in ns; NumTotalSteps is always present there).
 */
export function recordFigures(rec: HistoryRecord): { durationMs?: number; steps: { total: number; cached: number } } {
  return {
    ...(rec.createdAtNs !== undefined && rec.completedAtNs !== undefined
      ? { durationMs: Math.round(Number(rec.completedAtNs - rec.createdAtNs) / 1e6) }
      : {}),
    steps: { total: rec.numTotalSteps, cached: rec.numCachedSteps }
  }
}
