// The one place processes are started. No shell: argv goes to the program as given.
import { spawn } from 'node:child_process'
import { CommandError } from '../errors.js'

export interface RunOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** write output lines to this sink as they arrive (build logs) */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  input?: string
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** The last line a command wrote (stderr, else stdout), for an error message. */
export function lastOutputLine(r: RunResult): string {
  return (r.stderr || r.stdout).trim().split('\n').pop() ?? ''
}

export interface Runner {
  run(cmd: string, args: string[], opts?: RunOptions): Promise<RunResult>
}

/** Makes the error for a command that exited non-zero, from the last line it wrote. */
export type Failure = (lastLine: string, r: RunResult) => Error

/**
 * The result of a command that had to succeed. A non-zero exit throws `fail`'s error, else a
 * CommandError naming `what`. Callers to whom a non-zero exit is an answer test `code` instead.
 */
export function succeeded(r: RunResult, what: string, fail?: Failure): RunResult {
  if (r.code === 0) return r
  throw fail ? fail(lastOutputLine(r), r) : new CommandError(what, r)
}

/** Runs a command that has to succeed (see succeeded). */
export async function runChecked(runner: Runner, cmd: string, args: string[], opts: RunOptions = {}, fail?: Failure): Promise<RunResult> {
  return succeeded(await runner.run(cmd, args, opts), `${cmd} ${args.slice(0, 3).join(' ')}`, fail)
}

/**
 * The environment a child gets: the caller's, without the action's own inputs (INPUT_*) and the
 * state main hands to post (STATE_*). Inputs hold the registry password, inline secrets and the
 * Depot token; a bake file can read any variable of its environment (`variable "INPUT_PASSWORD"
 * {}`, a secret's `env=`), and no tool this action runs reads an input. What a child needs is
 * passed on purpose: the secrets the user names in secret-envs, DEPOT_TOKEN, the runner's own
 * ACTIONS_* variables for the GitHub cache.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(env)) if (!/^(INPUT|STATE)_/i.test(k)) out[k] = v
  return out
}

/**
 * The runner's OIDC request variables: with them a process can mint an OIDC token for any
 * audience. Only what mints a token gets them (the action itself, cosign); a build definition
 * can read any variable of its tool's environment (a secret's `env=`).
 */
const ID_TOKEN_REQUEST = /^ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)$/i

export function withoutIdTokenRequest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !ID_TOKEN_REQUEST.test(k)))
}

/** A runner for the build tools (buildx, bake, depot): the environment it is given, without the OIDC request variables. */
export function buildToolRunner(runner: Runner): Runner {
  return { run: (cmd, args, opts = {}) => runner.run(cmd, args, { ...opts, env: withoutIdTokenRequest(opts.env ?? process.env) }) }
}

/** What a streamed command's result keeps of each stream: its last bytes. */
export const STREAMED_TAIL_BYTES = 1 << 20
const MAX_LINE_CHARS = 64 * 1024

/** A stream's output, all of it or only its last `limit` bytes. */
class OutputBuffer {
  private chunks: Buffer[] = []
  private size = 0
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.size += chunk.length
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit) this.size -= this.chunks.shift()?.length ?? 0
  }
  text(): string {
    const all = Buffer.concat(this.chunks)
    return (all.length > this.limit ? all.subarray(all.length - this.limit) : all).toString('utf8')
  }
}

const running = new Set<ReturnType<typeof spawn>>()

/** Stops every process we started (cancellation): SIGTERM to each process group. */
export function terminateAll(signal: NodeJS.Signals = 'SIGTERM'): number {
  let n = 0
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, signal)
        n++
      } catch {
        try {
          child.kill(signal)
          n++
        } catch {
          // already gone
        }
      }
    }
  }
  return n
}

export function waitForChildren(timeoutMs: number): Promise<void> {
  const pending = [...running].filter(c => c.exitCode === null && c.signalCode === null)
  if (pending.length === 0) return Promise.resolve()
  return new Promise(resolve => {
    const timer = setTimeout(() => {
      terminateAll('SIGKILL')
      resolve()
    }, timeoutMs)
    let left = pending.length
    for (const c of pending) {
      c.once('close', () => {
        if (--left === 0) {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })
}

export const processRunner: Runner = {
  run(cmd, args, opts = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, args, {
        env: childEnv(opts.env ?? process.env),
        cwd: opts.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        // its own process group, so cancellation can stop the whole tree
        detached: true
      })
      running.add(child)
      // A streamed command (a build) may print without end: only the tail of its output is kept,
      // and a line without end is passed on in pieces.
      const out = new OutputBuffer(opts.onLine ? STREAMED_TAIL_BYTES : Infinity)
      const err = new OutputBuffer(opts.onLine ? STREAMED_TAIL_BYTES : Infinity)
      const partial = { stdout: '', stderr: '' }
      const feed = (stream: 'stdout' | 'stderr', chunk: Buffer) => {
        ;(stream === 'stdout' ? out : err).push(chunk)
        if (!opts.onLine) return
        const text = partial[stream] + chunk.toString('utf8')
        const lines = text.split('\n')
        partial[stream] = lines.pop() ?? ''
        while (partial[stream].length > MAX_LINE_CHARS) {
          opts.onLine(partial[stream].slice(0, MAX_LINE_CHARS), stream)
          partial[stream] = partial[stream].slice(MAX_LINE_CHARS)
        }
        for (const l of lines) opts.onLine(l, stream)
      }
      child.stdout.on('data', (c: Buffer) => feed('stdout', c))
      child.stderr.on('data', (c: Buffer) => feed('stderr', c))
      child.on('error', e => {
        running.delete(child)
        reject(new Error(`cannot run ${cmd}: ${e.message}`))
      })
      child.on('close', (code, signal) => {
        running.delete(child)
        if (opts.onLine) {
          if (partial.stdout) opts.onLine(partial.stdout, 'stdout')
          if (partial.stderr) opts.onLine(partial.stderr, 'stderr')
        }
        resolve({
          code: code ?? (signal ? 128 : 1),
          stdout: out.text(),
          stderr: err.text()
        })
      })
      child.stdin.on('error', () => undefined)
      child.stdin.end(opts.input ?? '')
    })
  }
}
