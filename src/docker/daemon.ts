// Facts about the Docker daemon that the build needs: whether it keeps images in containerd.
import { existsSync } from 'node:fs'
import http from 'node:http'
import type { Runner } from '../process/exec.js'
import { currentContextName, readDockerConfig } from './config.js'
import { dockerCli } from './cli.js'

/** The daemon's unix socket when the docker CLI would talk to it directly (no other context). */
export function daemonSocket(env: NodeJS.ProcessEnv, configJson: string | undefined): string | undefined {
  const host = env['DOCKER_HOST']
  if (host) return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined
  return currentContextName(env, configJson) === 'default' ? '/var/run/docker.sock' : undefined
}

/** `docker info --format '{{json .DriverStatus}}'`: the containerd snapshotter reports its driver-type. */
export function usesContainerdStore(driverStatusJson: string): boolean {
  try {
    const status = JSON.parse(driverStatusJson) as unknown
    return (
      Array.isArray(status) &&
      status.some(row => Array.isArray(row) && row[0] === 'driver-type' && String(row[1]).includes('containerd.snapshotter'))
    )
  } catch {
    return false
  }
}

/** GET `apiPath` from the daemon's API socket: the status and the body's text. */
export function getOverSocket(socketPath: string, apiPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: apiPath, timeout: 10_000 }, res => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', reject)
  })
}

/** GET /info from the daemon's API socket: the DriverStatus rows, as JSON text. */
async function infoOverSocket(socketPath: string): Promise<string> {
  const { status, body } = await getOverSocket(socketPath, '/info')
  return status === 200 ? JSON.stringify((JSON.parse(body) as { DriverStatus?: unknown }).DriverStatus ?? null) : ''
}

export async function daemonUsesContainerdStore(runner: Runner): Promise<boolean> {
  // Asking the daemon's socket takes milliseconds; `docker info` also lists every CLI plugin.
  const socket = daemonSocket(process.env, readDockerConfig())
  if (socket && existsSync(socket)) {
    try {
      return usesContainerdStore(await infoOverSocket(socket))
    } catch {
      // fall back to the CLI, which knows every way to the daemon
    }
  }
  // A failing `docker info` is an answer here: no containerd store known.
  const docker = dockerCli()
  if (!docker) return false
  const r = await runner.run(docker, ['info', '--format', '{{json .DriverStatus}}'])
  return r.code === 0 && usesContainerdStore(r.stdout.trim())
}
