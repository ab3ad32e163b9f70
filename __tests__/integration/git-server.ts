// A Git server on 127.0.0.1 for the default Git context (docker's actions build
// `<GITHUB_SERVER_URL>/<GITHUB_REPOSITORY>.git#<GITHUB_SHA>` when no checkout step ran): Git's own
// smart-HTTP CGI, `git http-backend`, behind node's HTTP server. With a token it answers 401 to
// requests without `Authorization: Basic base64(x-access-token:<token>)`, the form BuildKit sends
// for the GIT_AUTH_TOKEN.<host> secret. It records each request, so a test can tell that the
// context really came from here and with which credentials.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface GitRequest {
  method: string
  path: string
  /** the user of a Basic Authorization header, '' when none */
  user: string
  status: number
}

export interface GitServer {
  /** http://127.0.0.1:PORT: what GITHUB_SERVER_URL is set to */
  url: string
  /** host:port, as in the GIT_AUTH_TOKEN.<host> secret */
  host: string
  requests: GitRequest[]
  close(): Promise<void>
}

export interface GitRepo {
  /** owner/name: what GITHUB_REPOSITORY is set to */
  repository: string
  /** the commit the files are at: what GITHUB_SHA is set to */
  sha: string
  /** the work tree (a clone) the commit was made in */
  dir: string
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid'
    }
  })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  return r.stdout.trim()
}

/** Serves every bare repository below `root` (root/<owner>/<name>.git). */
export async function startGitServer(root: string, opts: { token?: string } = {}): Promise<GitServer> {
  const requests: GitRequest[] = []
  const expected = opts.token ? `Basic ${Buffer.from(`x-access-token:${opts.token}`).toString('base64')}` : ''
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const auth = req.headers.authorization ?? ''
    const user = auth.startsWith('Basic ') ? (Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] ?? '') : ''
    const record = (status: number) => requests.push({ method: req.method ?? '', path: url.pathname, user, status })
    if (expected && auth !== expected) {
      record(401)
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end()
      return
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1'
      },
      stdio: ['pipe', 'pipe', 'ignore']
    })
    req.pipe(cgi.stdin)
    let head = Buffer.alloc(0)
    let headersDone = false
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk)
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      headersDone = true
      let status = 200
      const headers: Record<string, string> = {}
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const i = line.indexOf(':')
        const [k, v] = [line.slice(0, i).trim(), line.slice(i + 1).trim()]
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0])
        else headers[k] = v
      }
      record(status)
      res.writeHead(status, headers)
      res.write(head.subarray(end + 4))
    })
    cgi.on('close', () => {
      if (!headersDone) {
        record(500)
        res.writeHead(500).end()
      } else res.end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A bare repository root/<repository>.git holding one commit of `files`. */
export function makeGitRepo(root: string, repository: string, files: Record<string, string>): GitRepo {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-git-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  git(dir, ['init', '-q', '-b', 'main'])
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'context'])
  const sha = git(dir, ['rev-parse', 'HEAD'])
  const bare = path.join(root, `${repository}.git`)
  mkdirSync(path.dirname(bare), { recursive: true })
  git(root, ['clone', '-q', '--bare', dir, bare])
  return { repository, sha, dir }
}
