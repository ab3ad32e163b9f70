#!/usr/bin/env node
// Exposes a Docker engine's embedded BuildKit as a plain BuildKit endpoint on loopback,
// so buildx's `remote` driver (and other BuildKit clients) can reach it with tcp://127.0.0.1:PORT.
//
// Each TCP connection is tunnelled the way buildx's `docker` driver dials BuildKit: one
// `POST /grpc` with `Upgrade: h2c` on the Docker API socket; after `101 Switching Protocols`
// the connection carries BuildKit's gRPC (HTTP/2) and we only copy bytes both ways.
//
//   node scripts/buildkit-proxy.mjs --docker-sock PATH --listen 127.0.0.1:PORT [--pidfile FILE]
//   node scripts/buildkit-proxy.mjs --check 127.0.0.1:PORT   # exit 0 if BuildKit answers through it
//
// Dependency-free on purpose: the testbed starts it before any `npm install`.
import fs from 'node:fs'
import net from 'node:net'
import { parseArgs } from 'node:util'

const UPGRADE_REQUEST = 'POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n'
const MAX_HEADER_BYTES = 64 * 1024
const LOOPBACK = '127.0.0.1'
const ENDED_CODES = new Set(['ECONNRESET', 'EPIPE'])

const log = msg => process.stderr.write(`[buildkit-proxy] ${new Date().toISOString()} ${msg}\n`)

function parseHostPort(value, flag) {
  const m = /^([^:]+):(\d+)$/.exec(value ?? '')
  if (!m) throw new Error(`${flag} must be HOST:PORT, got ${JSON.stringify(value)}`)
  // Only loopback: the engine's BuildKit is unauthenticated root on this machine.
  if (m[1] !== LOOPBACK) throw new Error(`${flag} must use ${LOOPBACK}, got ${m[1]}`)
  return { host: m[1], port: Number(m[2]) }
}

function serve({ dockerSock, listen, pidfile }) {
  const active = new Set()
  let nextId = 0

  const server = net.createServer({ pauseOnConnect: true }, client => {
    const id = ++nextId
    const peer = `${client.remoteAddress}:${client.remotePort}`
    const started = Date.now()
    const upstream = net.createConnection(dockerSock)
    const bytes = { in: 0, out: 0 }
    let state = 'upgrading'
    let failure = ''
    let header = Buffer.alloc(0)
    active.add(client)

    const finish = why => {
      if (why && !failure) failure = why
      client.destroy()
      upstream.destroy()
    }

    const onHeaderData = chunk => {
      header = Buffer.concat([header, chunk])
      const end = header.indexOf('\r\n\r\n')
      if (end < 0) {
        if (header.length > MAX_HEADER_BYTES) finish('upgrade response headers too large')
        return
      }
      const statusLine = header.subarray(0, header.indexOf('\r\n')).toString('latin1')
      if (!/^HTTP\/1\.[01] 101\b/.test(statusLine)) {
        finish(`docker refused the upgrade: ${statusLine}`)
        return
      }
      upstream.off('data', onHeaderData)
      state = 'piping'
      // Bytes after the headers already belong to the HTTP/2 stream.
      const rest = header.subarray(end + 4)
      if (rest.length) {
        bytes.out += rest.length
        client.write(rest)
      }
      header = Buffer.alloc(0)
      upstream.on('data', b => (bytes.out += b.length))
      client.on('data', b => (bytes.in += b.length))
      upstream.pipe(client)
      client.pipe(upstream)
      client.resume()
    }

    upstream.on('connect', () => upstream.write(UPGRADE_REQUEST))
    upstream.on('data', onHeaderData)
    // Once piping, a peer dropping the tunnel (buildx does when done) is an ordinary close.
    const onError = side => err => finish(state === 'piping' && ENDED_CODES.has(err.code) ? '' : `${side}: ${err.message}`)
    upstream.on('error', onError('docker socket'))
    client.on('error', onError('client'))
    // Once piping, an orderly end on one side is passed on by pipe(); before that it aborts.
    upstream.on('end', () => state === 'upgrading' && finish('docker closed before upgrading'))
    client.on('end', () => state === 'upgrading' && finish('client left before upgrade'))
    upstream.on('close', () => client.end())
    client.on('close', () => {
      active.delete(client)
      upstream.end()
      const ms = Date.now() - started
      log(
        `conn ${id} from ${peer}: ${failure ? `failed (${failure})` : 'closed'}` + ` after ${ms} ms, ${bytes.in} B in, ${bytes.out} B out`
      )
    })
  })

  const shutdown = signal => {
    log(`${signal}: closing (${active.size} open connection(s))`)
    server.close()
    for (const c of active) c.destroy()
    if (pidfile) fs.rmSync(pidfile, { force: true })
    // Let the close logs flush, then exit even if something still holds the loop.
    setTimeout(() => process.exit(0), 100).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  server.on('error', err => {
    log(`listen failed: ${err.message}`)
    process.exit(1)
  })
  server.listen(listen.port, listen.host, () => {
    const { address, port } = server.address()
    if (pidfile) fs.writeFileSync(pidfile, `${process.pid}\n`)
    log(`listening on ${address}:${port}, forwarding to BuildKit of ${dockerSock} (pid ${process.pid})`)
  })
}

// Health check: open an HTTP/2 connection through the proxy and wait for BuildKit's
// SETTINGS frame, which proves proxy, Docker API upgrade and BuildKit's gRPC server all work.
function check(target, timeoutMs = 5000) {
  const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1')
  const EMPTY_SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])
  const sock = net.createConnection(target.port, target.host)
  let got = Buffer.alloc(0)
  let finished = false
  const done = (ok, why) => {
    if (finished) return
    finished = true
    if (!ok) log(`check ${target.host}:${target.port} failed: ${why}`)
    // Close politely so the proxy logs an ordinary close, not a reset.
    sock.end(() => process.exit(ok ? 0 : 1))
    setTimeout(() => process.exit(ok ? 0 : 1), 500).unref()
  }
  setTimeout(() => done(false, 'timeout'), timeoutMs).unref()
  sock.on('connect', () => sock.write(Buffer.concat([PREFACE, EMPTY_SETTINGS])))
  sock.on('data', chunk => {
    got = Buffer.concat([got, chunk])
    if (got.length >= 9) done(got[3] === 4, `first frame has type ${got[3]}, expected SETTINGS (4)`)
  })
  sock.on('error', err => done(false, err.message))
  sock.on('end', () => done(false, 'connection closed'))
}

function main() {
  const { values } = parseArgs({
    options: {
      'docker-sock': { type: 'string' },
      listen: { type: 'string' },
      pidfile: { type: 'string' },
      check: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  })
  if (values.help) {
    process.stdout.write(
      'usage: buildkit-proxy.mjs --docker-sock PATH --listen 127.0.0.1:PORT [--pidfile FILE]\n' +
        '       buildkit-proxy.mjs --check 127.0.0.1:PORT\n'
    )
    return
  }
  if (values.check) {
    check(parseHostPort(values.check, '--check'))
    return
  }
  if (!values['docker-sock']) throw new Error('--docker-sock is required')
  serve({
    dockerSock: values['docker-sock'],
    listen: parseHostPort(values.listen, '--listen'),
    pidfile: values.pidfile
  })
}

try {
  main()
} catch (err) {
  log(err.message)
  process.exit(2)
}
