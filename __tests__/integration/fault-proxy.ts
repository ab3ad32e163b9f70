// A fault-injecting HTTP proxy on 127.0.0.1 in front of the testbed registry. Builds push to
// localhost:<port>/repo:tag (plain HTTP is allowed for localhost), and the proxy answers chosen
// requests with an error status, closes the connection in the middle of them, or refuses every
// connection (the registry is down); everything else passes through untouched. It records each
// request, so a test can tell which faults were actually hit.
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault =
  /** answer with this status instead of forwarding (429 with a Retry-After header, if given) */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** destroy the connection once the request's headers (and, if it has one, a first body chunk) arrived */
  | { kind: 'close' }
  /** answer 200 with this manifest instead of the registry's (HEAD: its headers only), as a lying registry would */
  | { kind: 'serve'; body: Buffer; contentType: string }

export interface FaultRule {
  /** HTTP method to match; any when absent */
  method?: string
  /** matched against the request path (with query) */
  path: RegExp
  /** matched against User-Agent, to tell buildx's own requests from BuildKit's */
  userAgent?: RegExp
  /** how many matching requests get the fault; later ones pass through */
  times: number
  /** the rule fires only once a request matching this passed through with a 2xx answer */
  after?: { method?: string; path: RegExp }
  fault: Fault
}

export interface ProxiedRequest {
  method: string
  path: string
  userAgent: string
  /** the status the client saw, or 'closed' when the proxy cut the connection */
  outcome: number | 'closed' | 'upstream-error'
  faulted: boolean
}

/**
 * The error code and message a distribution registry answers a status with, so the client reads
 * the same text it would from a real registry (BuildKit prints `<code in lower case>: <message>`).
 */
export function errorCode(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: 'MANIFEST_INVALID', message: 'manifest invalid' }
    case 401:
      return { code: 'UNAUTHORIZED', message: 'authentication required' }
    case 403:
      return { code: 'DENIED', message: 'requested access to the resource is denied' }
    case 404:
      return { code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }
    case 429:
      return { code: 'TOOMANYREQUESTS', message: 'too many requests' }
    case 503:
      return { code: 'UNAVAILABLE', message: 'service unavailable' }
    default:
      return { code: 'UNKNOWN', message: 'unknown error' }
  }
}

interface ArmedRule extends FaultRule {
  hits: number
}

/** A path of a manifest by tag (not by digest): what a push or imagetools create puts last. */
export const MANIFEST_BY_TAG = /^\/v2\/.+\/manifests\/(?!sha256:)[^/?]+$/
export const ANY_MANIFEST = /^\/v2\/.+\/manifests\/[^/?]+$/
export const BLOB_UPLOAD = /^\/v2\/.+\/blobs\/uploads\//

export class FaultProxy {
  readonly requests: ProxiedRequest[] = []
  private rules: ArmedRule[] = []
  private server: http.Server
  private listening = false
  /** the Authorization header every request must carry, when the proxy asks for a password */
  private authorization: string | undefined

  private constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
    public port: number
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res))
    this.server.keepAliveTimeout = 2000
  }

  /** Starts a proxy for `upstream` (host:port of the registry) on a free loopback port. */
  static async start(upstream: string): Promise<FaultProxy> {
    const [host = '', port = ''] = upstream.replace(/^localhost/, '127.0.0.1').split(':')
    const proxy = new FaultProxy(host, Number(port), 0)
    await proxy.up()
    return proxy
  }

  /** The registry host clients push to: localhost (insecure-OK for dockerd and buildx) and our port. */
  get registry(): string {
    return `localhost:${this.port}`
  }

  /** Adds a rule; returns a function that tells how often it fired. */
  inject(rule: FaultRule): () => number {
    const armed: ArmedRule = { ...rule, hits: 0 }
    this.rules.push(armed)
    return () => armed.hits
  }

  /**
   * Asks for a password, as a private registry does: a request without these Basic credentials
   * gets 401 with a Basic challenge (recorded with outcome 401) and never reaches the registry.
   */
  requireBasicAuth(username: string, password: string): void {
    this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  }

  clearFaults(): void {
    this.rules = []
  }

  faultsInjected(): number {
    return this.requests.filter(r => r.faulted).length
  }

  /** Stops listening: every new connection is refused, as when the registry is down. */
  async down(): Promise<void> {
    if (!this.listening) return
    this.listening = false
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  /** Listens again (on the same port once it has one). */
  async up(): Promise<void> {
    if (this.listening) return
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    this.port = (this.server.address() as AddressInfo).port
    this.listening = true
  }

  async close(): Promise<void> {
    await this.down()
  }

  private match(req: http.IncomingMessage): ArmedRule | undefined {
    const p = req.url ?? ''
    const ua = req.headers['user-agent'] ?? ''
    return this.rules.find(
      r =>
        r.hits < r.times &&
        (!r.method || r.method === req.method) &&
        r.path.test(p.split('?')[0] ?? '') &&
        (!r.userAgent || r.userAgent.test(ua)) &&
        (!r.after || this.passed(r.after))
    )
  }

  private passed(after: { method?: string; path: RegExp }): boolean {
    return this.requests.some(
      q =>
        !q.faulted &&
        (!after.method || after.method === q.method) &&
        after.path.test(q.path.split('?')[0] ?? '') &&
        typeof q.outcome === 'number' &&
        q.outcome >= 200 &&
        q.outcome < 300
    )
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const record: ProxiedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      userAgent: req.headers['user-agent'] ?? '',
      outcome: 0,
      faulted: false
    }
    this.requests.push(record)
    if (this.authorization !== undefined && req.headers.authorization !== this.authorization) {
      record.outcome = 401
      req.resume()
      req.on('end', () => {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="bia-test-registry"' })
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }] }))
      })
      return
    }
    const rule = this.match(req)
    if (rule) {
      rule.hits++
      record.faulted = true
      const fault = rule.fault
      if (fault.kind === 'status') {
        record.outcome = fault.status
        const headers: Record<string, string> = { 'content-type': 'application/json' }
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds)
        // Drain the body first, so the client sees the answer rather than a reset.
        req.resume()
        req.on('end', () => {
          res.writeHead(fault.status, headers)
          res.end(JSON.stringify({ errors: [{ ...errorCode(fault.status), detail: 'injected fault' }] }))
        })
        return
      }
      if (fault.kind === 'serve') {
        record.outcome = 200
        req.resume()
        req.on('end', () => {
          res.writeHead(200, {
            'content-type': fault.contentType,
            'content-length': String(fault.body.length),
            'docker-content-digest': `sha256:${createHash('sha256').update(fault.body).digest('hex')}`
          })
          res.end(req.method === 'HEAD' ? undefined : fault.body)
        })
        return
      }
      record.outcome = 'closed'
      const hasBody = Number(req.headers['content-length'] ?? '0') > 0 || req.headers['transfer-encoding'] !== undefined
      if (!hasBody) {
        req.socket.destroy()
        return
      }
      // Mid-request: let the first part of the body arrive, then cut the connection.
      req.once('data', () => req.socket.destroy())
      req.once('end', () => req.socket.destroy())
      return
    }
    const upstream = http.request(
      { host: this.upstreamHost, port: this.upstreamPort, method: req.method, path: req.url, headers: req.headers },
      up => {
        record.outcome = up.statusCode ?? 0
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      }
    )
    upstream.on('error', () => {
      record.outcome = 'upstream-error'
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  }
}
