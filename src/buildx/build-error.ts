// Where a failed build went wrong, read from buildx's log. Pure.

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
