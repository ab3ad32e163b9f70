// What to sign and how: the subjects (each pushed index or manifest and its attestation manifests,
// by digest), cosign's argv, the verify commands and the OIDC token's identity. Pure.
import type { SignSettings } from '../inputs/sign.js'
import type { ImageReport } from '../oci/types.js'
import { parseReference } from '../registry/reference.js'
import { commandLine } from '../process/argv.js'

export interface SignSubject {
  /** repository@sha256:..., never a tag */
  ref: string
  repository: string
  digest: string
  kind: 'index' | 'manifest' | 'attestation'
  /** the bake target (or default) it was built for */
  target: string
  /** attestation: the digest of the image manifest it attests */
  attests?: string
}

/** Who signs: the key (as the verify command names it) or the keyless certificate's identity. */
export type Signer = { kind: 'key'; verifyKey: string } | { kind: 'keyless'; identity: string; issuer: string }

export interface Signature extends SignSubject {
  verifyCommand: string
}

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']

/**
 * Every pushed report's root (the index, or the manifest when there is no index) and its attestation
 * manifests, in each repository its tags name. Reports read from the registry only: they are what
 * the registry holds by that digest.
 */
export function signSubjects(reports: ImageReport[]): SignSubject[] {
  const out: SignSubject[] = []
  const seen = new Set<string>()
  const add = (s: SignSubject) => {
    if (seen.has(s.ref)) return
    seen.add(s.ref)
    out.push(s)
  }
  for (const r of reports) {
    if (r.source !== 'registry' || !/^sha256:[a-f0-9]{64}$/.test(r.digest)) continue
    const repos = [...new Set(r.tags.map(t => parseReference(t)?.name).filter((n): n is string => Boolean(n)))]
    for (const repository of repos) {
      const kind = INDEX_TYPES.includes(r.mediaType) ? 'index' : 'manifest'
      add({ ref: `${repository}@${r.digest}`, repository, digest: r.digest, kind, target: r.target })
      for (const a of r.attestations)
        add({ ref: `${repository}@${a.digest}`, repository, digest: a.digest, kind: 'attestation', target: r.target, attests: a.attests })
    }
  }
  return out
}

/** The targets of which nothing can be signed: not pushed, or not read back from the registry by digest. */
export function unsignedTargets(reports: ImageReport[], subjects: SignSubject[]): string[] {
  const signed = new Set(subjects.map(sub => sub.target))
  return [...new Set(reports.map(r => r.target).filter(t => !signed.has(t)))]
}

/** The host of a repository name is this machine: cosign may reach it without TLS. */
export function loopbackRegistry(repository: string): boolean {
  const host = repository.split('/')[0] ?? ''
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host)
}

/** The signing config a private Sigstore (or none at all) needs; undefined: cosign's defaults. */
export function signingConfigArgs(s: SignSettings, out: string): string[] | undefined {
  if (!s.fulcioUrl && !s.rekorUrl && s.tlog) return undefined
  const since = 'start-time=2020-01-01T00:00:00Z,operator=build-image-action'
  const args = ['signing-config', 'create', '--no-default-oidc', '--no-default-tsa', '--no-default-fulcio', '--no-default-rekor']
  if (s.fulcioUrl) args.push(`--fulcio=url=${s.fulcioUrl},api-version=1,${since}`)
  if (s.rekorUrl) args.push(`--rekor=url=${s.rekorUrl},api-version=1,${since}`, '--rekor-config=ANY')
  args.push('--out', out)
  return args
}

/**
 * `cosign sign` for the subjects of one repository. The key is never on argv: a PEM key is
 * `env://COSIGN_KEY` (cosign reads the variable), its password COSIGN_PASSWORD; the keyless token is
 * SIGSTORE_ID_TOKEN.
 */
export function cosignSignArgs(s: SignSettings, refs: string[], signingConfig: string | undefined): string[] {
  const args = ['sign', '--yes']
  if (s.key.kind === 'pem') args.push('--key', 'env://COSIGN_KEY')
  else if (s.key.kind === 'kms') args.push('--key', s.key.uri)
  if (signingConfig) args.push('--signing-config', signingConfig)
  if (refs.some(loopbackRegistry)) args.push('--allow-insecure-registry')
  args.push('--', ...refs)
  return args
}

/** The exact command that verifies one signature, as a line a user can paste. */
export function verifyCommand(s: SignSettings, signer: Signer, ref: string): string {
  const args = ['cosign', 'verify']
  if (signer.kind === 'key') args.push('--key', signer.verifyKey)
  else args.push('--certificate-identity', signer.identity, '--certificate-oidc-issuer', signer.issuer)
  if (!s.tlog) args.push('--insecure-ignore-tlog=true')
  if (loopbackRegistry(ref)) args.push('--allow-insecure-registry')
  args.push(ref)
  return commandLine(args)
}

/**
 * What the verify command names as the key: the public half's file, for a KMS key too (`cosign
 * public-key --key <sign-key>` writes it): a key URI may hold a PIN, and outputs never name it.
 */
export function verifyKeyName(): string {
  return 'cosign.pub'
}

/**
 * The identity Fulcio certifies for a GitHub Actions token: the workflow that ran the job
 * (https://github.com/ + job_workflow_ref), and the token's issuer. From the token's claims only;
 * the signature on it is Fulcio's to check.
 */
export function tokenIdentity(token: string): { identity: string; issuer: string } | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof claims !== 'object' || claims === null) return undefined
  const c = claims as Record<string, unknown>
  const ref = c['job_workflow_ref']
  const iss = c['iss']
  if (typeof ref !== 'string' || typeof iss !== 'string' || !ref || !iss) return undefined
  return { identity: `https://github.com/${ref}`, issuer: iss }
}

/** The signatures output: what was signed, by digest, with its verify command. */
export function signaturesJson(signatures: Signature[]): string {
  return JSON.stringify(
    signatures.map(s => ({
      target: s.target,
      kind: s.kind,
      ref: s.ref,
      digest: s.digest,
      ...(s.attests ? { attests: s.attests } : {})
    }))
  )
}

/** `cosign version --json`'s gitVersion: v3.1.1 -> 3.1.1; a build without one says devel. */
export function parseCosignVersion(json: string): string {
  try {
    const v = (JSON.parse(json) as { gitVersion?: unknown }).gitVersion
    return typeof v === 'string' ? v.replace(/^v/, '') : ''
  } catch {
    return ''
  }
}

/** What cosign may see of the step's environment, by name: never the runner's tokens. */
const COSIGN_ENV_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'TMPDIR',
  'TUF_ROOT',
  'DOCKER_CONFIG',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME'
])
const COSIGN_ENV_PREFIXES = ['COSIGN_', 'SIGSTORE_']

/** The credentials each KMS provider reads from the environment: passed only with a key of that scheme. */
const KMS_ENV: Record<string, { names?: string[]; prefixes?: string[] }> = {
  'awskms://': { prefixes: ['AWS_'] },
  'gcpkms://': { names: ['GOOGLE_APPLICATION_CREDENTIALS'], prefixes: ['GOOGLE_', 'CLOUDSDK_'] },
  'azurekms://': { prefixes: ['AZURE_'] },
  'hashivault://': { prefixes: ['VAULT_'] },
  'k8s://': { names: ['KUBECONFIG'] },
  'gitlab://': { prefixes: ['GITLAB_'] }
}

/**
 * cosign's environment: an allow-list of the step's (PATH, HOME, the TUF and Sigstore folders and
 * settings, proxies, DOCKER_CONFIG, SSL_CERT_*, COSIGN_* and SIGSTORE_*, and the credentials of the
 * sign-key's KMS provider), never ACTIONS_RUNTIME_TOKEN or ACTIONS_ID_TOKEN_REQUEST_*: the action
 * mints the OIDC token itself and hands cosign SIGSTORE_ID_TOKEN. `add` (the key, its password,
 * the token) is set on top.
 */
export function cosignEnv(
  env: Readonly<Record<string, string | undefined>>,
  s: Pick<SignSettings, 'key'>,
  add: Record<string, string> = {}
): Record<string, string> {
  const kms =
    s.key.kind === 'kms' ? Object.entries(KMS_ENV).find(([scheme]) => s.key.kind === 'kms' && s.key.uri.startsWith(scheme))?.[1] : undefined
  const names = new Set([...COSIGN_ENV_NAMES, ...(kms?.names ?? [])])
  const prefixes = [...COSIGN_ENV_PREFIXES, ...(kms?.prefixes ?? [])]
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue
    if (names.has(k) || prefixes.some(p => k.startsWith(p))) out[k] = v
  }
  return { ...out, ...add }
}
