// What the action accepts from a registry when it reads back what it pushed: a STAND-IN in front of
// the testbed registry passes the push through untouched, then answers the action's own manifest
// reads (its User-Agent) with other bytes than the digest names, or with a manifest far larger than
// any manifest is. Either fails the step, naming the problem; neither is retried through buildx
// imagetools (which would read the genuine manifest and hide it), and an oversized answer is cut off
// at the limit instead of read into memory.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { runAction, testbed, uniqueRepo, writeContext, type Testbed } from './harness.js'

type Mode = 'pass' | 'mismatch' | 'oversized'

/** A registry stand-in: the testbed registry behind it, the action's manifest reads by digest tampered with. */
class TamperingRegistry {
  mode: Mode = 'pass'
  /** bytes sent in oversized answers before the client hung up */
  oversizedBytesSent = 0
  tampered = 0
  private constructor(
    private readonly server: http.Server,
    private readonly upstream: { host: string; port: number }
  ) {}

  static async start(upstream: string): Promise<TamperingRegistry> {
    const [host, port] = upstream.split(':')
    const server = http.createServer()
    const self = new TamperingRegistry(server, { host: host === 'localhost' ? '127.0.0.1' : (host ?? ''), port: Number(port) })
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => self.handle(req, res))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return self
  }

  get registry(): string {
    return `localhost:${(this.server.address() as AddressInfo).port}`
  }

  close(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise(resolve => this.server.close(() => resolve()))
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const ours = /build-image-action/.test(req.headers['user-agent'] ?? '')
    const byDigest = req.method === 'GET' && /^\/v2\/.+\/manifests\/sha256:[a-f0-9]{64}$/.test(req.url ?? '')
    if (this.mode !== 'pass' && ours && byDigest) {
      this.tampered++
      if (this.mode === 'mismatch') {
        // a well-formed manifest, but not the one the digest names
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' })
        res.end(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: {}, layers: [] }))
        return
      }
      // 64 MiB without a length, as a slow trickle would come: the client must stop reading
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' })
      const chunk = Buffer.alloc(1 << 20, 0x20)
      let sent = 0
      const more = () => {
        while (sent < 64 && !res.destroyed) {
          sent++
          this.oversizedBytesSent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', more)
        }
        res.end()
      }
      res.on('close', () => (sent = 64))
      more()
      return
    }
    const up = http.request({ ...this.upstream, method: req.method, path: req.url, headers: req.headers }, r => {
      res.writeHead(r.statusCode ?? 502, r.headers)
      r.pipe(res)
    })
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(up)
  }
}

let tb: Testbed
let registry: TamperingRegistry

beforeAll(async () => {
  tb = testbed()
  registry = await TamperingRegistry.start(tb.registry)
})

afterAll(async () => {
  await registry.close()
})

async function pushThrough(mode: Mode, name: string) {
  registry.mode = mode
  registry.tampered = 0
  const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nLABEL limits=${name}-${Date.now()}\n` })
  return runAction({ context: ctx, tags: `${registry.registry}/${uniqueRepo(`limits-${name}`)}:1`, push: 'true', platforms: 'linux/amd64' })
}

describe('registry reads: digest and size', () => {
  it('the registry stand-in unchanged: the step succeeds and reads over HTTP (the control case)', async () => {
    const run = await pushThrough('pass', 'pass')
    expect(run.main.log).not.toMatch(/^::error::/m)
    expect(run.main.code).toBe(0)
    expect(run.main.log).not.toContain('through buildx imagetools')
  }, 240_000)

  it('a manifest whose bytes are not what its digest names: the step fails saying so, with no retry through buildx imagetools', async () => {
    const run = await pushThrough('mismatch', 'mismatch')
    expect(registry.tampered).toBeGreaterThan(0)
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/^::error::.*served content with digest sha256:[a-f0-9]{64}: not what was asked for/m)
    expect(run.main.log).not.toContain('through buildx imagetools')
  }, 240_000)

  it('a 64 MiB manifest: the read stops at 4 MiB and the step fails saying so, with no retry through buildx imagetools', async () => {
    registry.oversizedBytesSent = 0
    const run = await pushThrough('oversized', 'oversized')
    expect(registry.tampered).toBeGreaterThan(0)
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/^::error::.*larger than 4194304 bytes, too large for a manifest/m)
    expect(run.main.log).not.toContain('through buildx imagetools')
    // the client hung up near the limit (socket buffers hold a few MiB more), not after 64 MiB
    expect(registry.oversizedBytesSent).toBeLessThan(32 << 20)
  }, 240_000)
})
