// BuildKit's own API on the daemon's /grpc endpoint: build records and content-store blobs over one
// HTTP/2 connection, the way buildx's docker driver dials it (POST /grpc upgraded to h2c on the
// Docker API socket). One connection serves every target's reads, where `buildx history inspect
// attachment` starts a process (and a connection) per manifest.
import { createHash } from 'node:crypto'
import http2 from 'node:http2'
import { existsSync } from 'node:fs'
import net from 'node:net'
import { currentContextName, readDockerConfig } from '../docker/config.js'
import { daemonSocket } from '../docker/daemon.js'
import {
  decodeBuildHistoryEvent,
  decodeBuildHistoryEventRaw,
  encodeFinalizeRequest,
  decodeReadContentResponse,
  encodeBuildHistoryRequest,
  encodeReadContentRequest,
  grpcFrame,
  GrpcDeframer,
  HISTORY_EVENT_DELETED,
  type HistoryRecord
} from './protobuf.js'

const UPGRADE = 'POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n'

export interface BuildKitApi {
  /** the build record of one ref, or undefined when the builder has none by that ref */
  record(ref: string): Promise<HistoryRecord | undefined>
  /** the build record of one ref as BuildKit sends it (protobuf), or undefined when there is none */
  rawRecord(ref: string): Promise<Uint8Array | undefined>
  /** asks BuildKit to write the record's trace now (what `buildx history export --finalize` does) */
  finalize(ref: string): Promise<void>
  /** one blob of the content store, checked against its digest */
  read(digest: string): Promise<Buffer>
  close(): void
}

/** Opens the Docker API socket and upgrades it to BuildKit's HTTP/2 (h2c) endpoint. */
function upgradedSocket(socketPath: string, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection(socketPath)
    const timer = setTimeout(() => s.destroy(new Error(`no answer from ${socketPath} within ${timeoutMs} ms`)), timeoutMs)
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) {
        if (head.length > 64 * 1024) s.destroy(new Error('upgrade answer too large'))
        return
      }
      s.off('data', onData)
      s.off('error', reject)
      clearTimeout(timer)
      const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1')
      if (!/^HTTP\/1\.[01] 101\b/.test(status)) {
        s.destroy()
        reject(new Error(`the engine refused BuildKit's endpoint: ${status}`))
        return
      }
      s.pause()
      // Bytes after the headers already belong to HTTP/2.
      if (head.length > end + 4) s.unshift(head.subarray(end + 4))
      resolve(s)
    }
    s.once('connect', () => s.write(UPGRADE))
    s.on('data', onData)
    s.on('error', e => {
      clearTimeout(timer)
      reject(e)
    })
  })
}

/** Dials the daemon's BuildKit (docker driver) through its API socket. */
export async function dialDaemonBuildKit(socketPath: string, timeoutMs = 15_000): Promise<BuildKitApi> {
  const socket = await upgradedSocket(socketPath, timeoutMs)
  const session = http2.connect('http://docker', { createConnection: () => socket })
  // Errors reach the callers through their streams; the caller closes the session when done.
  session.on('error', () => undefined)

  const call = (method: string, message: Buffer): Promise<Buffer[]> =>
    new Promise((resolve, reject) => {
      const req = session.request({ ':method': 'POST', ':path': method, 'content-type': 'application/grpc', te: 'trailers' })
      req.setTimeout(timeoutMs, () => req.close(http2.constants.NGHTTP2_CANCEL))
      const frames = new GrpcDeframer()
      const messages: Buffer[] = []
      let status: string | undefined
      let detail = ''
      const take = (h: http2.IncomingHttpHeaders) => {
        if (typeof h['grpc-status'] === 'string') {
          status = h['grpc-status']
          detail = decodeURIComponent(String(h['grpc-message'] ?? ''))
        }
      }
      req.on('response', take)
      req.on('trailers', take)
      req.on('data', (c: Buffer) => {
        try {
          messages.push(...frames.push(c))
        } catch (e) {
          req.close(http2.constants.NGHTTP2_CANCEL)
          reject(e as Error)
        }
      })
      req.on('end', () => {
        if (status !== '0') reject(new Error(`${method}: gRPC status ${status ?? 'missing'}${detail ? `: ${detail}` : ''}`))
        else resolve(messages)
      })
      req.on('close', () => {
        if (req.rstCode && req.rstCode !== http2.constants.NGHTTP2_NO_ERROR) reject(new Error(`${method}: stream reset (${req.rstCode})`))
      })
      req.on('error', reject)
      req.end(grpcFrame(message))
    })

  return {
    async record(ref) {
      const events = await call('/moby.buildkit.v1.Control/ListenBuildHistory', encodeBuildHistoryRequest(ref))
      for (const e of events) {
        const ev = decodeBuildHistoryEvent(e)
        if (ev.type !== HISTORY_EVENT_DELETED && ev.record?.ref === ref) return ev.record
      }
      return undefined
    },
    async rawRecord(ref) {
      const events = await call('/moby.buildkit.v1.Control/ListenBuildHistory', encodeBuildHistoryRequest(ref))
      for (const e of events) {
        const ev = decodeBuildHistoryEventRaw(e)
        if (ev.type !== HISTORY_EVENT_DELETED && ev.record && decodeBuildHistoryEvent(e).record?.ref === ref) return ev.record
      }
      return undefined
    },
    async finalize(ref) {
      await call('/moby.buildkit.v1.Control/UpdateBuildHistory', encodeFinalizeRequest(ref))
    },
    async read(digest) {
      const chunks = (await call('/containerd.services.content.v1.Content/Read', encodeReadContentRequest(digest))).map(
        decodeReadContentResponse
      )
      chunks.sort((a, b) => a.offset - b.offset)
      const blob = Buffer.concat(chunks.map(c => c.data))
      const actual = `sha256:${createHash('sha256').update(blob).digest('hex')}`
      if (digest.startsWith('sha256:') && actual !== digest) throw new Error(`the content store served ${actual} for ${digest}`)
      return blob
    },
    close() {
      session.close()
    }
  }
}

/**
 * BuildKit's API for this builder when it is the current context's daemon (docker driver): its API
 * socket carries BuildKit. undefined for other builders; a failed dial throws.
 */
export async function dialBuilderBuildKit(driver: string, builder: string): Promise<BuildKitApi | undefined> {
  const config = readDockerConfig()
  const socket = driver === 'docker' && builder === currentContextName(process.env, config) ? daemonSocket(process.env, config) : undefined
  if (!socket || !existsSync(socket)) return undefined
  return dialDaemonBuildKit(socket)
}
