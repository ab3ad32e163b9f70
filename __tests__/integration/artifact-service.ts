// A local STAND-IN for GitHub's artifact service (GitHub's own cannot be reached from here): the
// Twirp JSON calls @actions/artifact makes to ACTIONS_RESULTS_URL (CreateArtifact,
// FinalizeArtifact), authenticated with ACTIONS_RUNTIME_TOKEN, and the Azure blob storage the
// signed upload URL points at, taking blocks (Put Block) and the block list that commits them
// (Put Block List) as the Azure SDK sends them, or a whole blob in one Put Blob. It records every
// request, so tests assert what really arrived.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'
export const RUN_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000001'
export const JOB_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000002'

export interface TwirpCall {
  method: string
  authorization: string
  body: Record<string, unknown>
}

export interface BlobRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  size: number
}

export interface StoredArtifact {
  id: number
  name: string
  /** the committed blob's bytes: what a download gives */
  bytes: Buffer
  contentType: string
}

function b64url(s: string): string {
  return Buffer.from(s).toString('base64url')
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export class ArtifactServiceStandIn {
  readonly calls: TwirpCall[] = []
  readonly blobRequests: BlobRequest[] = []
  /** blocks staged per blob path, by block id */
  private readonly blocks = new Map<string, Map<string, Buffer>>()
  /** committed blobs by path */
  private readonly blobs = new Map<string, { bytes: Buffer; contentType: string }>()
  private readonly names = new Map<string, string>()
  private nextId = 9100
  /**
   * The HTTP statuses the next Twirp calls are answered with, one per call, before the stand-in
   * answers normally again. @actions/artifact retries 500, 502, 503, 504 and 429 (up to 5
   * attempts, 3 s and then about 1.5x longer between them: some 30 s in all) and gives up at once
   * on any other error status, so [500, 400] shows one retry and the failure without the wait.
   */
  failures: number[] = []

  private constructor(private readonly server: Server) {}

  static async start(): Promise<ArtifactServiceStandIn> {
    const holder: { standIn?: ArtifactServiceStandIn } = {}
    const server = createServer((req, res) => {
      void holder.standIn?.handle(req, res).catch(e => {
        res.statusCode = 599
        res.end(String(e))
      })
    })
    const standIn = new ArtifactServiceStandIn(server)
    holder.standIn = standIn
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return standIn
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** A runtime token shaped as the runner's: a JWT whose scp claim carries the backend ids. */
  get token(): string {
    const scp = `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}`
    return `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))}.${b64url(JSON.stringify({ scp, exp: 4102444800 }))}.c3RhbmQtaW4`
  }

  /** The environment the runner gives a JavaScript action to reach the service. */
  env(): Record<string, string> {
    return { ACTIONS_RUNTIME_TOKEN: this.token, ACTIONS_RESULTS_URL: `${this.url}/` }
  }

  /** Finalized artifacts, in order. */
  artifacts(): StoredArtifact[] {
    return this.calls
      .filter(c => c.method === 'FinalizeArtifact')
      .map(c => {
        const name = String(c.body['name'])
        const path = this.names.get(name) ?? ''
        const blob = this.blobs.get(path)
        return { id: Number(c.body['__id']), name, bytes: blob?.bytes ?? Buffer.alloc(0), contentType: blob?.contentType ?? '' }
      })
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const body = await readBody(req)
    if (req.method === 'POST' && url.pathname.startsWith(SERVICE)) return this.twirp(url.pathname.slice(SERVICE.length), req, body, res)
    if (req.method === 'PUT' && url.pathname.startsWith('/blob/')) return this.blob(url, req, body, res)
    res.statusCode = 404
    res.end()
  }

  private twirp(method: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>
    const call: TwirpCall = { method, authorization: req.headers['authorization'] ?? '', body }
    this.calls.push(call)
    const reply = (status: number, payload: unknown) => {
      res.statusCode = status
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify(payload))
    }
    const failure = this.failures.shift()
    if (failure) return reply(failure, { code: 'internal', msg: 'the stand-in was told to fail' })
    if (call.authorization !== `Bearer ${this.token}`) return reply(401, { code: 'unauthenticated', msg: 'bad token' })
    const name = String(body['name'] ?? '')
    if (method === 'CreateArtifact') {
      const path = `/blob/devstoreaccount1/actions-results/${encodeURIComponent(name)}`
      this.names.set(name, path)
      return reply(200, { ok: true, signed_upload_url: `${this.url}${path}?sv=2023-11-03&sp=cw&sig=stand-in-signature` })
    }
    if (method === 'FinalizeArtifact') {
      const id = this.nextId++
      body['__id'] = id
      return reply(200, { ok: true, artifact_id: String(id) })
    }
    return reply(404, { code: 'bad_route', msg: `no method ${method}` })
  }

  private blob(url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const query = Object.fromEntries(url.searchParams.entries())
    this.blobRequests.push({ method: req.method ?? '', path: url.pathname, query, headers: req.headers, size: body.length })
    if (query['sig'] !== 'stand-in-signature') {
      res.statusCode = 403
      return void res.end()
    }
    const done = (status: number) => {
      res.statusCode = status
      res.setHeader('x-ms-request-id', `stand-in-${this.blobRequests.length}`)
      res.setHeader('x-ms-version', String(req.headers['x-ms-version'] ?? '2023-11-03'))
      res.setHeader('ETag', `"0x${this.blobRequests.length.toString(16)}"`)
      res.setHeader('Last-Modified', new Date().toUTCString())
      res.end()
    }
    if (query['comp'] === 'block') {
      const id = query['blockid'] ?? ''
      const staged = this.blocks.get(url.pathname) ?? new Map<string, Buffer>()
      staged.set(id, body)
      this.blocks.set(url.pathname, staged)
      return done(201)
    }
    if (query['comp'] === 'blocklist') {
      const staged = this.blocks.get(url.pathname) ?? new Map<string, Buffer>()
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(m => m[1] ?? '')
      if (ids.some(id => !staged.has(id))) return done(400)
      const bytes = Buffer.concat(ids.map(id => staged.get(id) ?? Buffer.alloc(0)))
      this.blobs.set(url.pathname, { bytes, contentType: String(req.headers['x-ms-blob-content-type'] ?? '') })
      return done(201)
    }
    if (!query['comp'] && req.headers['x-ms-blob-type'] === 'BlockBlob') {
      this.blobs.set(url.pathname, { bytes: body, contentType: String(req.headers['x-ms-blob-content-type'] ?? '') })
      return done(201)
    }
    done(400)
  }
}
