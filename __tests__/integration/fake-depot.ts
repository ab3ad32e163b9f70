// A fake of Depot's control plane (the API the depot CLI talks to), for contract tests: Depot's
// hosted API cannot be reached from these machines. It speaks the Connect protocol over
// cleartext HTTP/2 on 127.0.0.1 (the CLI switches to h2c for an http:// DEPOT_API_URL), decodes
// the protobuf requests it needs with a small hand-written codec, records every call, and can
// hand the CLI a real BuildKit endpoint (the testbed engine's) so builds really run.
// HTTP/1.1 requests on the same port serve the GitHub OIDC token endpoint and Depot's OIDC
// exchange, which the action calls with ordinary HTTP clients.
//
// Messages follow depot.cli.v1 (proto/depot/cli/v1/build.proto in depot/cli); field numbers:
//   CreateBuildRequest   1 project_id, 2 options (BuildOptions)
//   BuildOptions         1 command, 2 tags, 3 outputs (BuildOutput), 4 push, 5 load, 6 target_name, 8 save
//   BuildOutput          1 kind, 2 attributes (map<string,string>)
//   CreateBuildResponse  1 build_id, 2 build_token, 5 build_url, 6 project_id
//   GetBuildKitConnectionResponse  1 pending {1 wait_ms}, 2 active {1 endpoint}
//   FinishBuildRequest   1 build_id, 2 success, 3 error {1 error}, 4 canceled
import http from 'node:http'
import http2 from 'node:http2'
import net from 'node:net'
import { Duplex } from 'node:stream'

// --- protobuf wire format, just enough for these messages ----------------------------------------

type Field = { no: number; value: number | Buffer }

function readVarint(buf: Buffer, off: number): [number, number] {
  let result = 0
  let mul = 1
  for (;;) {
    const b = buf[off++]
    if (b === undefined) throw new Error('truncated varint')
    result += (b & 0x7f) * mul
    if ((b & 0x80) === 0) return [result, off]
    mul *= 128
  }
}

export function decodeFields(buf: Buffer): Field[] {
  const fields: Field[] = []
  let off = 0
  while (off < buf.length) {
    const [key, next] = readVarint(buf, off)
    off = next
    const no = Math.floor(key / 8)
    const wire = key & 7
    if (wire === 0) {
      const [v, n] = readVarint(buf, off)
      fields.push({ no, value: v })
      off = n
    } else if (wire === 2) {
      const [len, n] = readVarint(buf, off)
      fields.push({ no, value: buf.subarray(n, n + len) })
      off = n + len
    } else if (wire === 1) {
      off += 8
    } else if (wire === 5) {
      off += 4
    } else {
      throw new Error(`unsupported wire type ${wire}`)
    }
  }
  return fields
}

function varint(n: number): Buffer {
  const out: number[] = []
  let v = n
  while (v >= 0x80) {
    out.push((v % 128) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return Buffer.from(out)
}

function bytesField(no: number, value: Buffer | string): Buffer {
  const b = typeof value === 'string' ? Buffer.from(value) : value
  return Buffer.concat([varint(no * 8 + 2), varint(b.length), b])
}

function varintField(no: number, value: number): Buffer {
  return Buffer.concat([varint(no * 8), varint(value)])
}

const str = (f: Field[], no: number) =>
  f.filter(x => x.no === no && Buffer.isBuffer(x.value)).map(x => (x.value as Buffer).toString('utf8'))
const msgs = (f: Field[], no: number) => f.filter(x => x.no === no && Buffer.isBuffer(x.value)).map(x => decodeFields(x.value as Buffer))
const num = (f: Field[], no: number) => {
  const x = f.find(y => y.no === no && typeof y.value === 'number')
  return x ? (x.value as number) : 0
}

export interface BuildOptions {
  command: number
  tags: string[]
  outputs: Array<{ kind: string; attributes: Record<string, string> }>
  push: boolean
  load: boolean
  targetName: string
  save: boolean
}

export interface CreateBuildRequest {
  projectId: string
  options: BuildOptions[]
}

export function decodeCreateBuild(buf: Buffer): CreateBuildRequest {
  const f = decodeFields(buf)
  return {
    projectId: str(f, 1)[0] ?? '',
    options: msgs(f, 2).map(o => ({
      command: num(o, 1),
      tags: str(o, 2),
      outputs: msgs(o, 3).map(out => ({
        kind: str(out, 1)[0] ?? '',
        attributes: Object.fromEntries(msgs(out, 2).map(e => [str(e, 1)[0] ?? '', str(e, 2)[0] ?? '']))
      })),
      push: num(o, 4) === 1,
      load: num(o, 5) === 1,
      targetName: str(o, 6)[0] ?? '',
      save: num(o, 8) === 1
    }))
  }
}

export type FinishResult = { buildId: string; result: 'success' | 'error' | 'canceled' | 'unknown'; error: string }

export function decodeFinishBuild(buf: Buffer): FinishResult {
  const f = decodeFields(buf)
  const error = msgs(f, 3)[0]
  const result = f.some(x => x.no === 2) ? 'success' : error ? 'error' : f.some(x => x.no === 4) ? 'canceled' : 'unknown'
  return { buildId: str(f, 1)[0] ?? '', result, error: error ? (str(error, 1)[0] ?? '') : '' }
}

// --- the fake ----------------------------------------------------------------------------------

export interface FakeCall {
  /** e.g. depot.cli.v1.BuildService/CreateBuild, or an HTTP/1.1 path */
  method: string
  protocol: 'h2c' | 'http/1.1'
  contentType: string
  authorization: string
  headers: Record<string, string>
  body: Buffer
  at: number
}

export interface FakeDepotOptions {
  /** bearer tokens CreateBuild accepts; anything else is answered with Connect's unauthenticated */
  tokens: string[]
  /** returned by GetBuildKitConnection; without it the builder stays pending (the CLI keeps waiting) */
  buildkitAddr?: string
  /** per builder platform (the request's BuilderPlatform), like Depot's native amd64 and arm64 machines */
  buildkitAddrs?: { amd64?: string; arm64?: string }
  /** GitHub OIDC: the request token the runner gives the step, the ID token it returns, and what Depot's exchange returns */
  oidc?: { requestToken: string; idToken: string; exchangedToken: string }
}

const SERVICE = '/depot.cli.v1.BuildService/'

export class FakeDepot {
  readonly calls: FakeCall[] = []
  readonly builds: Array<{ id: string; token: string; request: CreateBuildRequest }> = []
  readonly finished: FinishResult[] = []
  /** builder platform of each GetBuildKitConnection */
  readonly connections: Array<'amd64' | 'arm64'> = []
  url = ''
  private tcp: net.Server
  private h2: http2.Http2Server
  private h1: http.Server
  private sockets = new Set<net.Socket>()
  private waiters: Array<() => void> = []

  constructor(readonly opts: FakeDepotOptions) {
    this.h2 = http2.createServer()
    this.h2.on('stream', (stream, headers) => this.onStream(stream, headers))
    this.h1 = http.createServer((req, res) => this.onHttp1(req, res))
    // One port for both: HTTP/2 with prior knowledge starts with the connection preface.
    this.tcp = net.createServer(socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
      socket.once('data', first => {
        // The HTTP/2 session reads its socket natively, so the bytes already read are replayed
        // through a JS stream that stands in for the socket.
        const relay = new Duplex({
          read() {},
          write(chunk: Buffer, _enc, cb) {
            socket.write(chunk, cb)
          },
          final(cb) {
            socket.end()
            cb()
          },
          destroy(err, cb) {
            socket.destroy()
            cb(err)
          }
        })
        relay.push(first)
        socket.on('data', d => relay.push(d))
        socket.on('end', () => relay.push(null))
        socket.on('close', () => relay.destroy())
        socket.on('error', () => relay.destroy())
        const target = first.subarray(0, 3).toString() === 'PRI' ? this.h2 : this.h1
        target.emit('connection', relay)
      })
    })
  }

  async start(): Promise<this> {
    await new Promise<void>(resolve => this.tcp.listen(0, '127.0.0.1', resolve))
    const addr = this.tcp.address() as net.AddressInfo
    this.url = `http://127.0.0.1:${addr.port}`
    return this
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>(resolve => this.tcp.close(() => resolve()))
  }

  /** Method names in call order (BuildService calls by their short name). */
  methods(): string[] {
    return this.calls.map(c => (c.method.startsWith(SERVICE.slice(1)) ? c.method.slice(SERVICE.length - 1) : c.method))
  }

  /** Resolves when a call to `method` has been recorded (or rejects after `timeoutMs`). */
  waitFor(method: string, timeoutMs: number): Promise<FakeCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const c = this.calls.find(x => x.method.endsWith(`/${method}`) || x.method === method)
        if (c) {
          clearTimeout(timer)
          this.waiters = this.waiters.filter(w => w !== check)
          resolve(c)
          return true
        }
        return false
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter(w => w !== check)
        reject(new Error(`the fake control plane saw no ${method} within ${timeoutMs} ms; calls: ${this.methods().join(', ')}`))
      }, timeoutMs)
      if (!check()) this.waiters.push(check)
    })
  }

  private record(call: FakeCall): void {
    this.calls.push(call)
    for (const w of [...this.waiters]) w()
  }

  private onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('error', () => undefined)
    stream.on('end', () => {
      const path = String(headers[':path'] ?? '')
      const contentType = String(headers['content-type'] ?? '')
      const flat: Record<string, string> = {}
      for (const [k, v] of Object.entries(headers)) if (!k.startsWith(':')) flat[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '')
      const body = Buffer.concat(chunks)
      this.record({
        method: path.slice(1),
        protocol: 'h2c',
        contentType,
        authorization: flat['authorization'] ?? '',
        headers: flat,
        body,
        at: Date.now()
      })
      try {
        this.answer(stream, path, contentType, flat['authorization'] ?? '', body)
      } catch (e) {
        this.unaryError(stream, 'internal', (e as Error).message)
      }
    })
  }

  private bearer(auth: string): string {
    return /^Bearer (.+)$/i.exec(auth)?.[1] ?? ''
  }

  private answer(stream: http2.ServerHttp2Stream, path: string, contentType: string, auth: string, body: Buffer): void {
    const token = this.bearer(auth)
    const known = this.opts.tokens.includes(token) || this.builds.some(b => b.token === token)
    const streaming = contentType.startsWith('application/connect+')
    if (contentType.includes('json')) return this.unaryError(stream, 'unimplemented', 'the fake speaks protobuf only')
    if (!known) {
      if (streaming) return this.streamEnd(stream, { error: { code: 'unauthenticated', message: 'invalid token' } })
      return this.unaryError(stream, 'unauthenticated', 'invalid token')
    }
    const method = path.startsWith(SERVICE) ? path.slice(SERVICE.length) : ''
    switch (method) {
      case 'CreateBuild': {
        const request = decodeCreateBuild(body)
        const n = this.builds.length + 1
        const build = { id: `fake-build-${n}`, token: `fake-build-token-${n}`, request }
        this.builds.push(build)
        return this.unary(
          stream,
          Buffer.concat([
            bytesField(1, build.id),
            bytesField(2, build.token),
            bytesField(5, `${this.url}/builds/${build.id}`),
            bytesField(6, request.projectId)
          ])
        )
      }
      case 'GetBuildKitConnection': {
        // BuilderPlatform: 1 amd64, 2 arm64
        const platform = num(decodeFields(body), 2) === 2 ? 'arm64' : 'amd64'
        this.connections.push(platform)
        const addr = this.opts.buildkitAddrs?.[platform] ?? this.opts.buildkitAddr
        if (addr) return this.unary(stream, bytesField(2, bytesField(1, addr)))
        return this.unary(stream, bytesField(1, varintField(1, 500)))
      }
      case 'FinishBuild':
        this.finished.push(decodeFinishBuild(body))
        return this.unary(stream, Buffer.alloc(0))
      case 'ReportStatusStream':
        return this.streamEnd(stream, {}, true)
      case 'ReportBuildHealth':
      case 'ReportTimings':
      case 'ReportStatus':
      case 'ReportBuildContext':
        return this.unary(stream, Buffer.alloc(0))
      default:
        return this.unaryError(stream, 'unimplemented', `${path} is not part of the fake`)
    }
  }

  private unary(stream: http2.ServerHttp2Stream, message: Buffer): void {
    if (stream.destroyed) return
    stream.respond({ ':status': 200, 'content-type': 'application/proto' })
    stream.end(message)
  }

  private static readonly HTTP_STATUS: Record<string, number> = {
    unauthenticated: 401,
    permission_denied: 403,
    unimplemented: 501,
    internal: 500,
    unavailable: 503
  }

  private unaryError(stream: http2.ServerHttp2Stream, code: string, message: string): void {
    if (stream.destroyed) return
    stream.respond({ ':status': FakeDepot.HTTP_STATUS[code] ?? 500, 'content-type': 'application/json' })
    stream.end(JSON.stringify({ code, message }))
  }

  /** Connect streaming response: optionally one empty message, then the end-of-stream frame. */
  private streamEnd(stream: http2.ServerHttp2Stream, end: object, withMessage = false): void {
    const frame = (flags: number, payload: Buffer) => {
      const head = Buffer.alloc(5)
      head[0] = flags
      head.writeUInt32BE(payload.length, 1)
      return Buffer.concat([head, payload])
    }
    if (stream.destroyed) return
    stream.respond({ ':status': 200, 'content-type': 'application/connect+proto' })
    stream.end(Buffer.concat([...(withMessage ? [frame(0, Buffer.alloc(0))] : []), frame(2, Buffer.from(JSON.stringify(end)))]))
  }

  private onHttp1(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const flat: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '')
      const url = new URL(req.url ?? '/', this.url)
      this.record({
        method: url.pathname,
        protocol: 'http/1.1',
        contentType: flat['content-type'] ?? '',
        authorization: flat['authorization'] ?? '',
        headers: flat,
        body,
        at: Date.now()
      })
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      const oidc = this.opts.oidc
      if (oidc && url.pathname === '/_github/idtoken' && req.method === 'GET') {
        if (this.bearer(flat['authorization'] ?? '') !== oidc.requestToken) return json(401, { message: 'bad request token' })
        if (url.searchParams.get('audience') !== 'https://depot.dev')
          return json(400, { message: `unexpected audience ${url.searchParams.get('audience')}` })
        return json(200, { value: oidc.idToken })
      }
      if (oidc && url.pathname === '/auth/oidc/github-actions' && req.method === 'POST') {
        let sent = ''
        try {
          sent = String((JSON.parse(body.toString('utf8')) as { token?: unknown }).token ?? '')
        } catch {
          // answered below
        }
        if (sent !== oidc.idToken) return json(401, { ok: false, error: 'invalid OIDC token' })
        return json(200, { ok: true, token: oidc.exchangedToken })
      }
      json(404, { message: `${url.pathname} is not part of the fake` })
    })
  }
}

export async function startFakeDepot(opts: FakeDepotOptions): Promise<FakeDepot> {
  return new FakeDepot(opts).start()
}
