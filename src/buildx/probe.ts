// Parsing of what the tools say about themselves. Pure.

/** `buildx version` -> "0.29.1" ('' when it cannot be read). Debian's builds add +ds suffixes. */
export function parseBuildxVersion(out: string): string {
  const m = /buildx\s+v?(\d+\.\d+\.\d+)/.exec(out) ?? /\bv?(\d+\.\d+\.\d+)/.exec(out)
  return m?.[1] ?? ''
}

export interface BuilderNode {
  name: string
  endpoint: string
  status: string
  platforms: string[]
}

export interface BuilderInfo {
  name: string
  driver: string
  nodes: BuilderNode[]
}

/** `buildx inspect NAME` text -> builder info. */
export function parseBuilderInspect(out: string): BuilderInfo {
  const info: BuilderInfo = { name: '', driver: '', nodes: [] }
  let node: BuilderNode | undefined
  for (const line of out.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line)
    if (!m) continue
    const key = m[1] ?? ''
    const value = (m[2] ?? '').trim()
    if (key === 'Name') {
      if (!info.name) info.name = value
      else {
        node = { name: value, endpoint: '', status: '', platforms: [] }
        info.nodes.push(node)
      }
    } else if (key === 'Driver' && !node) info.driver = value
    else if (node && key === 'Endpoint') node.endpoint = value
    else if (node && key === 'Status') node.status = value
    else if (node && key === 'Platforms') {
      node.platforms = value
        .split(',')
        .map(p => p.trim().replace(/\*$/, ''))
        .filter(Boolean)
    }
  }
  return info
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

/** Buildx error lines carry Dockerfile positions like "Dockerfile:3" followed by the failing line. */
export interface BuildErrorLocation {
  file: string
  line: number
  message: string
}

export function parseBuildError(log: string, dockerfile: string): BuildErrorLocation | undefined {
  const lines = log.split('\n')
  // buildx names the file by its base name: also Containerfile, app.dockerfile, ...
  const base = dockerfile.split(/[\\/]/).pop() ?? ''
  let message = ''
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = (lines[i] ?? '').replace(/\r$/, '')
    if (!message && /^ERROR: /.test(l)) message = l.replace(/^ERROR: /, '')
    const m = /^(\S+):(\d+)$/.exec(l.trim())
    if (m?.[1] && m[2] && (m[1] === base || /Dockerfile/.test(m[1])))
      return { file: dockerfile || m[1] || 'Dockerfile', line: Number(m[2]), message: message || 'build failed' }
  }
  return undefined
}
