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

/** A push that failed after the build succeeded, and whether another push may cure it. */
export interface PushFailure {
  transient: boolean
  /** buildx's reason, without the request URLs (upload URLs carry long state tokens) */
  reason: string
}

// Final: the registry refused the credentials, the access, the name or the manifest; another
// push would be refused the same way. Codes as the distribution spec names them, and the texts
// BuildKit writes for the statuses.
const FINAL_PUSH_ERROR =
  /\b(?:40[0-4]|405|409|41[0-5]|422)\b(?: [A-Z][a-z]+)*|\bunauthorized\b|authentication required|\bdenied\b|forbidden|\bnot found\b|name unknown|name invalid|manifest (?:invalid|unknown|blob unknown|unverified)|blob unknown|digest invalid|size invalid|tag invalid|unsupported|insufficient_scope|x509|certificate/i
// Transient: the registry or the way to it failed this time (5xx, 429, a dropped or timed-out
// connection). BuildKit writes a registry's error code in lower case (`unavailable: ...`,
// `toomanyrequests: ...`) and a status without a body as `500 Internal Server Error`.
const TRANSIENT_PUSH_ERROR =
  /\b5\d\d\b|\b429\b|too many requests|toomanyrequests|\bunavailable\b|internal server error|bad gateway|service unavailable|gateway time-?out|\bEOF\b|connection reset|broken pipe|connection refused|i\/o timeout|timeout awaiting|TLS handshake timeout|deadline exceeded|server closed|http2: .*(?:GOAWAY|stream error)|unknown: unknown error/i

// `ERROR: ` and the contexts buildx and BuildKit wrap the exporter's error in (`failed to build`,
// `failed to solve`, a bake's `target <name>`), in any order, then the push.
const BUILDX_PUSH_FAILURE = /^ERROR: (?:(?:failed to build|failed to solve|target [^\s:]+): )*failed to push /

/**
 * The failed push in a failed build's log, from buildx's last ERROR line: BuildKit reports a
 * failed export to a registry as `failed to push <ref>: <reason>` once every build step is done.
 * undefined when the build failed for another reason (a step, the frontend, the context). A reason
 * that names no known cause counts as final: pushing again blind is not safer than failing.
 */
export function classifyPushFailure(log: string): PushFailure | undefined {
  const last = log
    .split('\n')
    .map(l => l.replace(/\r$/, ''))
    .reverse()
    .find(l => /^ERROR: /.test(l))
  if (!last) return undefined
  // buildx's own message only: its prefixes, then BuildKit's `failed to push <ref>: `. The text
  // anywhere else in the line is not a push: a failed RUN step quotes its command there.
  const own = BUILDX_PUSH_FAILURE.exec(last)
  if (!own) return undefined
  const reason = last
    .slice(own[0].length - 'failed to push '.length)
    .replace(/"https?:\/\/[^"]*"/g, '"<url>"')
    .replace(/https?:\/\/\S+?(?=:? |$)/g, '<url>')
    .replace(/"[a-z]+-sha256:[0-9a-f]{64}"/g, '"<ref>"')
  // the reason after the reference: a reference's port or tag must not read as a status
  const cause = reason.replace(/^failed to push \S+?: /, '')
  if (FINAL_PUSH_ERROR.test(cause)) return { transient: false, reason }
  return { transient: TRANSIENT_PUSH_ERROR.test(cause), reason }
}
