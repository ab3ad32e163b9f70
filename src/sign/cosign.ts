// cosign at the edge: the installed one when it can sign with a signing config, else a release
// downloaded and verified against the release's checksums (install/install.ts, cached); then
// signing what was pushed. The key, its password and the OIDC token reach cosign only through its
// environment (COSIGN_KEY read as env://, COSIGN_PASSWORD, SIGSTORE_ID_TOKEN): never argv, log or state.
import * as core from '../runner/commands.js'
import path from 'node:path'
import { InputError, messageOf } from '../errors.js'
import { COSIGN_RELEASE } from '../install/releases.js'
import { setupTool } from '../install/setup.js'
import { keyScheme, keyUriSecrets, type SignSettings } from '../inputs/sign.js'
import type { ImageReport } from '../oci/types.js'
import type { Runner } from '../process/exec.js'
import { findOnPath } from '../process/which.js'
import {
  cosignEnv,
  cosignSignArgs,
  parseCosignVersion,
  signSubjects,
  signingConfigArgs,
  tokenIdentity,
  unsignedTargets,
  verifyCommand,
  verifyKeyName,
  type Signature,
  type Signer
} from './plan.js'

export interface Cosign {
  /** the absolute path of the private copy that runs, never a name looked up on PATH */
  cmd: string
  /** sha256 of that copy when it was verified: checked again before every run */
  sha256: string
  version: string
  runner: Runner
}

/** The audience Sigstore's Fulcio expects in a GitHub token. */
export const SIGSTORE_AUDIENCE = 'sigstore'

/** A cosign (a private copy) that answers and knows signing configs (cosign 2.6 and later); undefined otherwise. */
async function usable(runner: Runner, copy: { path: string; sha256: string }): Promise<Cosign | undefined> {
  const cmd = copy.path
  const env = cosignEnv(process.env, { key: { kind: 'none' } })
  try {
    const v = await runner.run(cmd, ['version', '--json'], { env })
    if (v.code !== 0) return undefined
    const sc = await runner.run(cmd, ['signing-config', 'create', '--help'], { env })
    if (sc.code !== 0) return undefined
    return { cmd, sha256: copy.sha256, version: parseCosignVersion(v.stdout) || 'unknown', runner }
  } catch {
    return undefined
  }
}

/** The installed cosign (a private copy of the one on PATH) when it can sign; else why not. */
async function installedCosign(runner: Runner): Promise<Cosign | string> {
  // Resolved once, before anything is built, and copied where no build writes: a cosign a build
  // puts on PATH later (a bake's local output, say) is never the one that runs.
  const onPath = findOnPath('cosign')
  const { privateCopy } = await import('../install/install.js')
  const found = onPath
    ? await privateCopy(onPath, 'cosign', 'cosign').then(
        copy => usable(runner, copy),
        () => undefined
      )
    : undefined
  if (!found || !onPath) return 'no usable cosign is installed'
  core.info(`cosign ${found.version} (installed: ${onPath}, run from a private copy ${found.cmd}, sha256 ${found.sha256})`)
  return found
}

/**
 * cosign-version '' (the default) takes the installed cosign when it can sign, else downloads the
 * latest release; `installed` only the installed one; `latest` or a version that release (the one
 * installer flow, install/setup.ts).
 */
export function setupCosign(s: SignSettings, runner: Runner): Promise<Cosign> {
  return setupTool<Cosign>({
    release: COSIGN_RELEASE,
    version: s.cosignVersion,
    downloadUrl: s.cosignDownloadUrl,
    sha256: s.cosignSha256,
    installed: () => installedCosign(runner),
    noneInstalled: () =>
      new Error(
        'cosign-version: installed was asked for, but no cosign on PATH answers `cosign version` and knows signing configs (cosign 2.6 or later)'
      ),
    probe: async (path, v) => {
      const { sha256File } = await import('../install/install.js')
      const found = await usable(runner, { path, sha256: await sha256File(path) })
      if (!found)
        throw new InputError(
          'cosign-version',
          `the cosign ${v} release does not run here or knows no signing configs (cosign 2.6 or later)`
        )
      return found
    }
  })
}

export interface SignOutcome {
  signatures: Signature[]
  /** who signed, in words, for the summary */
  signer: string
}

/** Signs every pushed index (or manifest) and its attestation manifests, by digest. */
export async function signReports(s: SignSettings, reports: ImageReport[], tempDir: string, cosign: Cosign): Promise<SignOutcome> {
  const subjects = signSubjects(reports)
  const unsigned = unsignedTargets(reports, subjects)
  // sign: true promises signatures: a target left unsigned fails the step, before anything is signed
  if (s.mode === 'true' && unsigned.length > 0)
    throw new InputError(
      'sign',
      subjects.length === 0
        ? 'is true, but nothing was pushed and read back from the registry by digest: nothing can be signed'
        : `is true, but target(s) ${unsigned.join(', ')} were not pushed, or not read back from the registry by digest: they cannot be signed, so nothing was signed`
    )
  if (subjects.length === 0) {
    core.warning('sign: nothing was pushed that could be read back from the registry by digest; nothing signed')
    return { signatures: [], signer: '' }
  }
  if (unsigned.length > 0)
    core.warning(`sign: target(s) ${unsigned.join(', ')} not signed: not pushed, or not read back from the registry by digest`)
  // The secrets go into cosign's environment only, on top of an allow-list of the step's.
  const add: Record<string, string> = {}
  let signer: Signer
  let signerText: string
  if (s.key.kind === 'none') {
    let token: string
    try {
      token = await core.getIDToken(SIGSTORE_AUDIENCE)
    } catch (e) {
      throw new Error(`sign: cannot get the job's OIDC token for keyless signing: ${messageOf(e).replace(/\s+/g, ' ').trim()}`)
    }
    core.setSecret(token)
    const id = tokenIdentity(token)
    if (!id) throw new Error("sign: the job's OIDC token names no job_workflow_ref and issuer; cannot sign keyless")
    add['SIGSTORE_ID_TOKEN'] = token
    signer = { kind: 'keyless', ...id }
    signerText = `a certificate for ${id.identity} (issuer ${id.issuer})`
  } else {
    if (s.key.kind === 'pem') {
      add['COSIGN_KEY'] = s.key.pem
      // always set (cosign would otherwise ask on a terminal); a COSIGN_PASSWORD of the
      // environment (the CLI's way to keep it off argv) stands when the input is empty
      add['COSIGN_PASSWORD'] = s.keyPassword || (process.env['COSIGN_PASSWORD'] ?? '')
    }
    signer = { kind: 'key', verifyKey: verifyKeyName() }
    signerText =
      s.key.kind === 'kms'
        ? `the ${keyScheme(s.key.uri)} sign-key (verify with its public half, cosign.pub, from cosign public-key --key <sign-key>)`
        : 'the sign-key (verify with its public half, cosign.pub)'
  }

  let signingConfig: string | undefined
  const scArgs = signingConfigArgs(s, path.join(tempDir, 'signing-config.json'))
  if (scArgs) {
    signingConfig = path.join(tempDir, 'signing-config.json')
    await run(cosign, scArgs, cosignEnv(process.env, s), 'cosign signing-config create')
  }
  const env = cosignEnv(process.env, s, add)
  const hidden = s.key.kind === 'kms' ? [s.key.uri, ...keyUriSecrets(s.key.uri)].sort((a, b) => b.length - a.length) : []
  const byRepo = new Map<string, string[]>()
  for (const sub of subjects) byRepo.set(sub.repository, [...(byRepo.get(sub.repository) ?? []), sub.ref])
  for (const [repo, refs] of byRepo) {
    await core.group(`Sign ${refs.length} digest(s) in ${repo}`, async () => {
      for (const ref of refs) core.info(ref)
      await run(cosign, cosignSignArgs(s, refs, signingConfig), env, 'cosign sign', hidden)
    })
  }
  const signatures = subjects.map(sub => ({ ...sub, verifyCommand: verifyCommand(s, signer, sub.ref) }))
  await core.group('Verify commands', async () => {
    for (const sig of signatures) core.info(sig.verifyCommand)
  })
  return { signatures, signer: signerText }
}

async function run(cosign: Cosign, args: string[], env: NodeJS.ProcessEnv, what: string, hidden: string[] = []): Promise<void> {
  const { sha256File } = await import('../install/install.js')
  const now = await sha256File(cosign.cmd).catch(() => 'missing')
  if (now !== cosign.sha256)
    throw new Error(`${what}: ${cosign.cmd} changed since it was verified (sha256 ${cosign.sha256}, now ${now}); not run`)
  const redact = (text: string) => hidden.reduce((t, secret) => t.split(secret).join('***'), text)
  const r = await cosign.runner.run(cosign.cmd, args, { env, onLine: line => core.info(redact(line)) })
  if (r.code !== 0) {
    // the message goes to the state too, which masking does not reach: a key URI and its secrets are cut out
    const last = redact((r.stderr || r.stdout).trim().split('\n').slice(-3).join(' '))
    throw new Error(`${what} failed (exit ${r.code}): ${last}`)
  }
}
