import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import { parseInputs } from '../../../src/inputs/parse.js'
import { keyScheme, keyUriSecrets, parseSignInputs, type SignContext } from '../../../src/inputs/sign.js'

const PEM = '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nZXlKcmRHWWlPbnNp\nYWJjZA==\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----'
const PUSH: SignContext = { push: true, pushByDigest: false, mode: 'build', oidc: false }
const parse = (inputs: Record<string, string>, ctx: SignContext = PUSH) => parseSignInputs(name => inputs[name] ?? '', ctx)

describe('sign inputs', () => {
  it.each([
    ['auto, no push', {}, { ...PUSH, push: false, oidc: true }, false, /nothing is pushed/],
    ['auto, push, no OIDC, no key', {}, PUSH, false, /cannot get an OIDC token/],
    ['auto, push, OIDC', {}, { ...PUSH, oidc: true }, true, /OIDC token/],
    ['auto, push, a key', { 'sign-key': PEM }, PUSH, true, /sign-key/],
    ['auto, merge pushes', { 'sign-key': PEM }, { ...PUSH, push: false, mode: 'merge' }, true, /sign-key/],
    ['auto, push-by-digest', { 'sign-key': PEM }, { ...PUSH, pushByDigest: true }, false, /push-by-digest/],
    ['true with a KMS key', { sign: 'true', 'sign-key': 'awskms:///alias/release' }, PUSH, true, /sign: true/],
    ['false', { sign: 'false' }, { ...PUSH, oidc: true }, false, /sign: false/]
  ])('%s', (_name, inputs, ctx, enabled, reason) => {
    const s = parse(inputs, ctx)
    expect(s.enabled).toBe(enabled)
    expect(s.reason).toMatch(reason)
  })

  it('keeps a PEM key whole (one trailing newline) and a KMS URI as given', () => {
    expect(parse({ 'sign-key': `  ${PEM}\r\n` }).key).toEqual({ kind: 'pem', pem: `${PEM}\n` })
    expect(parse({ 'sign-key': 'hashivault://release' }).key).toEqual({ kind: 'kms', uri: 'hashivault://release' })
    expect(parse({}).tlog).toBe(true)
    expect(parse({ 'sign-key': PEM, 'sign-tlog': 'false' }).tlog).toBe(false)
  })

  it.each([
    ['sign', { sign: 'yes' }, PUSH, /expected auto, true or false/],
    ['sign', { sign: 'true', 'sign-key': PEM }, { ...PUSH, push: false }, /set push: true/],
    ['sign', { sign: 'true', 'sign-key': PEM }, { ...PUSH, pushByDigest: true }, /sign in the merge job/],
    ['sign', { sign: 'true' }, PUSH, /id-token: write/],
    ['sign-key', { 'sign-key': 'hunter2-not-a-key' }, PUSH, /neither a PEM private key .* nor a KMS URI/],
    ['sign-key', { 'sign-key': '-----BEGIN PRIVATE KEY-----\nabc' }, PUSH, /not a whole PEM private key/],
    ['sign-key', { 'sign-key': 'awskms:///a b' }, PUSH, /no spaces/],
    ['sign-key-password', { 'sign-key-password': 'pw' }, PUSH, /without one/],
    ['cosign-version', { 'cosign-version': '3.x' }, PUSH, /expected latest, installed or a version/],
    ['cosign-download-url', { 'cosign-download-url': 'http://mirror.example' }, PUSH, /plain http/],
    ['sign-fulcio-url', { 'sign-fulcio-url': 'http://fulcio.example' }, PUSH, /not https/],
    ['sign-fulcio-url', { 'sign-fulcio-url': 'https://u:p@fulcio.example' }, PUSH, /credentials/],
    ['sign-fulcio-url', { 'sign-fulcio-url': 'https://fulcio.example', 'sign-key': PEM }, PUSH, /no certificate/],
    ['sign-rekor-url', { 'sign-rekor-url': 'https://rekor.example', 'sign-tlog': 'false', 'sign-key': PEM }, PUSH, /sign-tlog is false/],
    ['sign-tlog', { 'sign-tlog': 'no' }, PUSH, /expected true or false/],
    ['sign-tlog', { 'sign-tlog': 'false' }, { ...PUSH, oidc: true }, /public Fulcio needs its transparency log/],
    ['sign-key', { sign: 'false', 'sign-key': PEM }, PUSH, /while sign is false/]
  ])('%s: %j is refused', (input, inputs, ctx, message) => {
    let err: unknown
    try {
      parse(inputs, ctx)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).input).toBe(input)
    expect((err as Error).message).toMatch(message)
    // a secret is never quoted back
    expect((err as Error).message).not.toContain('hunter2')
  })

  it("parseInputs decides from push and the run's OIDC variables", () => {
    const reader = (over: Record<string, string>) => (name: string) => over[name] ?? ''
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }
    expect(parseInputs(reader({ push: 'true', tags: 'localhost:5000/a:1' }), { env }).sign.enabled).toBe(true)
    expect(parseInputs(reader({ push: 'true', tags: 'localhost:5000/a:1' }), { env: {} }).sign.enabled).toBe(false)
    expect(parseInputs(reader({ tags: 'localhost:5000/a:1' }), { env }).sign.enabled).toBe(false)
  })

  it.each([
    [
      'auto, a key, from a fork',
      { 'sign-key': PEM },
      { ...PUSH, fork: 'someone/app' },
      false,
      /pull request from someone\/app, which the fork rule treats as untrusted/,
      ''
    ],
    ['auto, OIDC, from a fork', {}, { ...PUSH, oidc: true, fork: 'someone/app' }, false, /untrusted \(sign: true signs anyway\)/, ''],
    [
      'true from a fork: signs, with a warning',
      { sign: 'true', 'sign-key': PEM },
      { ...PUSH, fork: 'someone/app' },
      true,
      /sign: true/,
      'untrusted'
    ],
    ['auto, a key, trusted', { 'sign-key': PEM }, { ...PUSH, fork: '' }, true, /sign-key/, '']
  ])('the fork rule: %s', (_name, inputs, ctx, enabled, reason, warning) => {
    const s = parse(inputs, ctx)
    expect(s.enabled).toBe(enabled)
    expect(s.reason).toMatch(reason)
    if (warning) expect(s.warning).toContain(warning)
    else expect(s.warning).toBe('')
  })

  it('parseInputs applies the fork rule of the event (a pull_request_target from a fork)', () => {
    const reader = (name: string) => ({ push: 'true', tags: 'localhost:5000/a:1', 'sign-key': PEM })[name] ?? ''
    const event = { pull_request: { head: { repo: { full_name: 'someone/app' } } }, repository: { full_name: 'org/app' } }
    expect(parseInputs(reader, { env: { GITHUB_EVENT_NAME: 'pull_request_target' }, event }).sign.enabled).toBe(false)
    expect(parseInputs(reader, { env: { GITHUB_EVENT_NAME: 'push' }, event }).sign.enabled).toBe(true)
  })

  it.each<[string, string, string[]]>([
    ['a pkcs11 PIN in the query', 'pkcs11:token=t;object=k?module-path=/lib/p.so&pin-value=1234', ['/lib/p.so', '1234']],
    ['a pkcs11 PIN among the path attributes', 'pkcs11:token=t;object=k;pin-value=s%3Dcret', ['s%3Dcret', 's=cret']],
    ['any query part of another scheme', 'hashivault://release?token=hvs.x', ['hvs.x']],
    ['no secret part', 'awskms:///alias/release', []]
  ])('keyUriSecrets: %s', (_name, uri, secrets) => {
    expect(keyUriSecrets(uri).sort()).toEqual(secrets.sort())
  })

  it('keyScheme names the scheme only', () => {
    expect(keyScheme('pkcs11:token=t?pin-value=1')).toBe('pkcs11:')
    expect(keyScheme('gcpkms://projects/p')).toBe('gcpkms://')
  })

  it('cosign-sha256 pins the binary of an exact cosign-version, as buildx-sha256 does', () => {
    const sha = 'ab'.repeat(32)
    expect(parse({ 'cosign-version': '3.1.1', 'cosign-sha256': `sha256:${sha.toUpperCase()}` }).cosignSha256).toBe(sha)
    expect(parse({}).cosignSha256).toBe('')
    for (const [inputs, message] of [
      [{ 'cosign-version': '3.1.1', 'cosign-sha256': 'abc' }, /expected the binary's sha256 as 64 hex digits/],
      [{ 'cosign-sha256': sha }, /give the exact cosign-version it belongs to/],
      [{ 'cosign-version': 'installed', 'cosign-sha256': sha }, /cosign-version: installed downloads nothing/],
      [{ 'cosign-version': 'latest', 'cosign-sha256': sha }, /pins one release/]
    ] as const) {
      expect(() => parse(inputs)).toThrow(message)
      expect(() => parse(inputs)).toThrow(/^cosign-sha256: /)
    }
  })
})
