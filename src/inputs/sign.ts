// The signing inputs (sign, sign-key, sign-key-password, cosign-* (cosign-sha256 included), sign-fulcio-url,
// sign-rekor-url, sign-tlog) to SignSettings, decided before anything is built. Pure.
import { InputError } from '../errors.js'
import { checkHttpUrl, checkPinnedSha256, checkToolVersion, isLoopbackUrl, parseBool } from './lists.js'

export type SignMode = 'auto' | 'true' | 'false'

/** How a key is given: PEM text (written nowhere but the child's environment), or a KMS URI. */
export type SignKey = { kind: 'none' } | { kind: 'pem'; pem: string } | { kind: 'kms'; uri: string }

export interface SignSettings {
  /** the sign input as given */
  readonly mode: SignMode
  /** sign what is pushed: the decision of sign (auto resolved against push and the job's OIDC) */
  readonly enabled: boolean
  /** why auto decided as it did, for the log */
  readonly reason: string
  /** said as a warning when signing is set up ('' for none) */
  readonly warning: string
  /** never logged, stored or put in argv: it reaches cosign only through its environment */
  readonly key: SignKey
  /** never logged, stored or put in argv: COSIGN_PASSWORD in cosign's environment only */
  readonly keyPassword: string
  readonly cosignVersion: string
  readonly cosignDownloadUrl: string
  /** sha256 pinned for the downloaded cosign binary ('' when the release's checksums file decides) */
  readonly cosignSha256: string
  /** a private Sigstore's Fulcio and Rekor ('' : Sigstore's public instance, as cosign's defaults) */
  readonly fulcioUrl: string
  readonly rekorUrl: string
  /** false: no transparency log entry (a private key or Fulcio without Rekor) */
  readonly tlog: boolean
}

/** KMS and secret-store schemes cosign accepts as --key. */
export const KMS_SCHEMES = ['awskms://', 'gcpkms://', 'azurekms://', 'hashivault://', 'k8s://', 'pkcs11:', 'gitlab://']

const PEM_PRIVATE_KEY = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END \1PRIVATE KEY-----$/

export interface SignContext {
  readonly push: boolean
  readonly pushByDigest: boolean
  readonly mode: string
  /** the job can ask GitHub for an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN are set) */
  readonly oidc: boolean
  /** the fork a pull request came from, by the fork rule (runner/isolation.ts forkOf); '' for a trusted run */
  readonly fork?: string
}

type Reader = (name: string) => string

export function parseSignInputs(read: Reader, ctx: SignContext): SignSettings {
  const raw = read('sign').trim().toLowerCase()
  if (raw !== '' && raw !== 'auto' && raw !== 'true' && raw !== 'false')
    throw new InputError('sign', `expected auto, true or false, got ${JSON.stringify(raw.slice(0, 40))}`)
  const mode: SignMode = raw === 'true' || raw === 'false' ? raw : 'auto'
  const key = parseKey(read('sign-key'))
  const keyPassword = read('sign-key-password')
  if (keyPassword && key.kind !== 'pem') throw new InputError('sign-key-password', 'decrypts a PEM sign-key; it is given without one')

  const version = checkToolVersion(read('cosign-version').trim(), 'cosign-version', '3.1.1')
  const cosignDownloadUrl = checkHttpUrl(read('cosign-download-url').trim(), 'cosign-download-url')
  const cosignSha256 = checkPinnedSha256(read('cosign-sha256'), 'cosign-sha256', version, 'cosign-version', "the binary's")
  const fulcioUrl = serviceUrl(read('sign-fulcio-url').trim(), 'sign-fulcio-url')
  const rekorUrl = serviceUrl(read('sign-rekor-url').trim(), 'sign-rekor-url')
  const tlog = parseBool(read('sign-tlog'), 'sign-tlog', true)
  if (!tlog && rekorUrl) throw new InputError('sign-rekor-url', 'names a transparency log while sign-tlog is false; give one of them')
  if (!tlog && key.kind === 'none' && !fulcioUrl && mode !== 'false')
    throw new InputError(
      'sign-tlog',
      "keyless signing with Sigstore's public Fulcio needs its transparency log (its certificates live minutes); leave sign-tlog true, or give a sign-key or a private sign-fulcio-url"
    )
  if (key.kind !== 'none' && fulcioUrl)
    throw new InputError('sign-fulcio-url', 'issues certificates for keyless signing; with a sign-key there is no certificate to ask for')

  const pushes = ctx.push || ctx.mode === 'merge'
  let enabled: boolean
  let reason: string
  let warning = ''
  const fork = ctx.fork ?? ''
  if (mode === 'false') {
    enabled = false
    reason = 'sign: false'
  } else if (mode === 'true') {
    if (!pushes) throw new InputError('sign', 'signs what is pushed, by digest; set push: true (nothing is pushed otherwise)')
    if (ctx.pushByDigest)
      throw new InputError(
        'sign',
        'push-by-digest pushes one platform for a later merge; sign in the merge job (mode: merge), which pushes the index'
      )
    if (key.kind === 'none' && !ctx.oidc)
      throw new InputError(
        'sign',
        "keyless signing needs the job's OIDC token (`permissions: id-token: write`); give the job that permission, or a sign-key"
      )
    enabled = true
    reason = 'sign: true'
    if (fork)
      warning = `sign: true signs what this run built, though the run was started by a pull request from ${fork}, which the fork rule treats as untrusted: its code gets this repository's signature`
  } else if (!pushes || ctx.pushByDigest) {
    enabled = false
    reason = ctx.pushByDigest ? 'sign: auto, and push-by-digest pushes for a later merge' : 'sign: auto, and nothing is pushed'
  } else if (fork) {
    enabled = false
    reason = `sign: auto, and the run was started by a pull request from ${fork}, which the fork rule treats as untrusted (sign: true signs anyway)`
  } else if (key.kind !== 'none') {
    enabled = true
    reason = 'sign: auto, pushing, with a sign-key'
  } else {
    enabled = ctx.oidc
    reason = ctx.oidc
      ? 'sign: auto, pushing, and the job can get an OIDC token'
      : 'sign: auto, and the job cannot get an OIDC token (no `permissions: id-token: write`) and has no sign-key'
  }
  // Inputs that only matter when signing are refused when signing is off by request.
  if (mode === 'false') {
    for (const name of ['sign-key', 'sign-key-password', 'sign-fulcio-url', 'sign-rekor-url'])
      if (read(name).trim()) throw new InputError(name, 'is given while sign is false')
  }
  return {
    mode,
    enabled,
    reason,
    warning,
    key,
    keyPassword,
    cosignVersion: version,
    cosignDownloadUrl,
    cosignSha256,
    fulcioUrl,
    rekorUrl,
    tlog
  }
}

function parseKey(value: string): SignKey {
  const v = value.trim()
  if (!v) return { kind: 'none' }
  if (KMS_SCHEMES.some(s => v.startsWith(s))) {
    if (/\s/.test(v)) throw new InputError('sign-key', 'a KMS URI has no spaces or line breaks')
    return { kind: 'kms', uri: v }
  }
  // The message never quotes the value: it is a secret.
  if (!v.startsWith('-----BEGIN '))
    throw new InputError(
      'sign-key',
      `is neither a PEM private key (-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----, as cosign generate-key-pair writes it) nor a KMS URI (${KMS_SCHEMES.join(', ')})`
    )
  if (!PEM_PRIVATE_KEY.test(v.replace(/\r\n/g, '\n')))
    throw new InputError(
      'sign-key',
      'is not a whole PEM private key: a -----BEGIN ... PRIVATE KEY----- line, the key, and its -----END ... PRIVATE KEY----- line'
    )
  return { kind: 'pem', pem: `${v.replace(/\r\n/g, '\n')}\n` }
}

/** A Sigstore service: https (plain http only on this machine, for stand-ins and tests). */
function serviceUrl(v: string, input: string): string {
  if (!v) return ''
  let url: URL
  try {
    url = new URL(v)
  } catch {
    throw new InputError(input, `expected an https URL, got ${JSON.stringify(v.slice(0, 80))}`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(v)))
    throw new InputError(input, `${JSON.stringify(v.slice(0, 80))} is not https (plain http only for a service on this machine)`)
  if (url.username || url.password) throw new InputError(input, 'has credentials in the URL')
  return v.replace(/\/+$/, '')
}

/**
 * The parts of a KMS or pkcs11: key URI that are secrets: every query value (pkcs11's pin-value,
 * a token some provider reads) and a pin-value written among the path attributes, as given and
 * percent-decoded. They are masked; the URI itself is never put in outputs, state or the summary.
 */
export function keyUriSecrets(uri: string): string[] {
  const q = uri.indexOf('?')
  const query = q < 0 ? '' : uri.slice(q + 1)
  const pathPart = q < 0 ? uri : uri.slice(0, q)
  const values = [
    ...query.split('&').map(p => p.slice(p.indexOf('=') + 1)),
    ...pathPart
      .split(';')
      .filter(p => /^pin-value=/i.test(p))
      .map(p => p.slice('pin-value='.length))
  ].filter(v => v.length > 0)
  const decoded = values.map(v => {
    try {
      return decodeURIComponent(v)
    } catch {
      return v
    }
  })
  return [...new Set([...values, ...decoded])]
}

/** A key URI as it may be named in the log: its scheme only. */
export function keyScheme(uri: string): string {
  return KMS_SCHEMES.find(s => uri.startsWith(s)) ?? 'kms'
}
