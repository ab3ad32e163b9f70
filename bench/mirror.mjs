#!/usr/bin/env node
// A static file server on 127.0.0.1 for the install benchmark: serves a directory laid out like
// GitHub's buildx releases. Prints the port on stdout once listening; stops on SIGTERM.
//   node bench/mirror.mjs ROOT
import { createReadStream, statSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'

const root = path.resolve(process.argv[2] ?? '.')
let requests = 0
const server = http.createServer((req, res) => {
  requests++
  const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  const file = path.join(root, path.normalize(rel))
  let st
  try {
    st = file.startsWith(root + path.sep) ? statSync(file) : undefined
  } catch {
    st = undefined
  }
  if (!st?.isFile() || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404).end('not found\n')
    return
  }
  res.writeHead(200, { 'Content-Length': st.size, 'Content-Type': 'application/octet-stream' })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
process.on('SIGTERM', () => {
  process.stderr.write(`mirror: ${requests} request(s)\n`)
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 1000).unref()
})
