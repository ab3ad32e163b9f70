import { describe, expect, it } from '@jest/globals'
import type { SignSettings } from '../../../src/inputs/sign.js'
import type { ImageReport } from '../../../src/oci/types.js'
import { COSIGN_RELEASE, assetUrls } from '../../../src/install/releases.js'
import { renderSigningSummary } from '../../../src/sign/summary.js'
import {
  cosignEnv,
  cosignSignArgs,
  parseCosignVersion,
  signSubjects,
  signaturesJson,
  signingConfigArgs,
  tokenIdentity,
  unsignedTargets,
  verifyCommand
} from '../../../src/sign/plan.js'

const d = (c: string) => `sha256:${c.repeat(64)}`
const KEYLESS: SignSettings = {
  mode: 'auto',
  enabled: true,
  reason: '',
  warning: '',
  key: { kind: 'none' },
  keyPassword: '',
  cosignVersion: '',
  cosignDownloadUrl: '',
  cosignSha256: '',
  fulcioUrl: '',
  rekorUrl: '',
  tlog: true
}
const PEM: SignSettings = { ...KEYLESS, key: { kind: 'pem', pem: 'secret-pem' }, keyPassword: 'secret-pw', tlog: false }

function report(over: Partial<ImageReport>): ImageReport {
  return {
    target: 'default',
    tags: [],
    digest: d('a'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [],
    attestations: [],
    baseImages: [],
    source: 'registry',
    bytesRead: 0,
    notes: [],
    ...over
  }
}

describe('signSubjects', () => {
  it('the index and its attestations by digest, once per repository its tags name; nothing read elsewhere', () => {
    const r = report({
      tags: ['ghcr.io/o/app:1', 'ghcr.io/o/app:latest', 'docker.io/o/app:1'],
      attestations: [{ digest: d('b'), attests: d('c'), platform: 'linux/amd64', predicateTypes: [], size: 1 }]
    })
    const subjects = signSubjects([r, report({ target: 'local', source: 'build-record', tags: ['x/y:1'] })])
    expect(subjects.map(s => [s.ref, s.kind])).toEqual([
      [`ghcr.io/o/app@${d('a')}`, 'index'],
      [`ghcr.io/o/app@${d('b')}`, 'attestation'],
      [`docker.io/o/app@${d('a')}`, 'index'],
      [`docker.io/o/app@${d('b')}`, 'attestation']
    ])
    expect(subjects[1]?.attests).toBe(d('c'))
  })

  it('a single manifest is signed as a manifest', () => {
    const r = report({ tags: ['r/a:1'], mediaType: 'application/vnd.oci.image.manifest.v1+json' })
    expect(signSubjects([r]).map(s => s.kind)).toEqual(['manifest'])
  })

  it('unsignedTargets: the targets no subject came from (not pushed, or read elsewhere)', () => {
    const reports = [
      report({ target: 'pushed', tags: ['r/a:1'] }),
      report({ target: 'local', source: 'build-record', tags: ['r/b:1'] }),
      report({ target: 'untagged', tags: [] })
    ]
    expect(unsignedTargets(reports, signSubjects(reports))).toEqual(['local', 'untagged'])
    expect(unsignedTargets([reports[0]!], signSubjects([reports[0]!]))).toEqual([])
  })
})

describe('cosign argv', () => {
  it('never carries the key, the password or a tag', () => {
    const args = cosignSignArgs(PEM, [`localhost:5000/a@${d('a')}`], '/tmp/sc.json')
    expect(args).toEqual([
      'sign',
      '--yes',
      '--key',
      'env://COSIGN_KEY',
      '--signing-config',
      '/tmp/sc.json',
      '--allow-insecure-registry',
      '--',
      `localhost:5000/a@${d('a')}`
    ])
    expect(args.join(' ')).not.toMatch(/secret/)
    expect(cosignSignArgs({ ...KEYLESS, key: { kind: 'kms', uri: 'awskms:///alias/x' } }, [`ghcr.io/o/a@${d('a')}`], undefined)).toEqual([
      'sign',
      '--yes',
      '--key',
      'awskms:///alias/x',
      '--',
      `ghcr.io/o/a@${d('a')}`
    ])
  })

  it('a signing config only for a private Sigstore or no transparency log', () => {
    expect(signingConfigArgs(KEYLESS, '/o')).toBeUndefined()
    expect(signingConfigArgs(PEM, '/o')).toEqual([
      'signing-config',
      'create',
      '--no-default-oidc',
      '--no-default-tsa',
      '--no-default-fulcio',
      '--no-default-rekor',
      '--out',
      '/o'
    ])
    const priv = signingConfigArgs({ ...KEYLESS, fulcioUrl: 'https://f.example', rekorUrl: 'https://r.example' }, '/o') ?? []
    expect(priv).toContain('--fulcio=url=https://f.example,api-version=1,start-time=2020-01-01T00:00:00Z,operator=build-image-action')
    expect(priv).toContain('--rekor=url=https://r.example,api-version=1,start-time=2020-01-01T00:00:00Z,operator=build-image-action')
    expect(priv).toContain('--rekor-config=ANY')
  })

  it('verify commands: key or certificate identity, quoted where a shell needs it', () => {
    expect(verifyCommand(PEM, { kind: 'key', verifyKey: 'cosign.pub' }, `localhost:5000/a@${d('a')}`)).toBe(
      `cosign verify --key cosign.pub --insecure-ignore-tlog=true --allow-insecure-registry localhost:5000/a@${d('a')}`
    )
    expect(
      verifyCommand(
        KEYLESS,
        {
          kind: 'keyless',
          identity: 'https://github.com/o/r/.github/workflows/x.yml@refs/heads/main',
          issuer: 'https://token.actions.githubusercontent.com'
        },
        `ghcr.io/o/a@${d('a')}`
      )
    ).toBe(
      `cosign verify --certificate-identity https://github.com/o/r/.github/workflows/x.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com ghcr.io/o/a@${d('a')}`
    )
    expect(verifyCommand(KEYLESS, { kind: 'keyless', identity: "a b'c", issuer: 'i' }, 'r@x')).toBe(
      `cosign verify --certificate-identity 'a b'\\''c' --certificate-oidc-issuer i r@x`
    )
  })
})

describe('the OIDC token identity', () => {
  const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`
  it('is https://github.com/ + job_workflow_ref, with the issuer', () => {
    expect(
      tokenIdentity(
        jwt({ iss: 'https://token.actions.githubusercontent.com', job_workflow_ref: 'o/r/.github/workflows/x.yml@refs/heads/main' })
      )
    ).toEqual({
      identity: 'https://github.com/o/r/.github/workflows/x.yml@refs/heads/main',
      issuer: 'https://token.actions.githubusercontent.com'
    })
    expect(tokenIdentity(jwt({ iss: 'x' }))).toBeUndefined()
    expect(tokenIdentity('garbage')).toBeUndefined()
  })
})

describe('outputs and summary', () => {
  it('signatures JSON and the summary section', () => {
    const sigs = [
      {
        ref: `r/a@${d('a')}`,
        repository: 'r/a',
        digest: d('a'),
        kind: 'index' as const,
        target: 'default',
        verifyCommand: 'cosign verify x'
      },
      {
        ref: `r/a@${d('b')}`,
        repository: 'r/a',
        digest: d('b'),
        kind: 'attestation' as const,
        target: 'default',
        attests: d('c'),
        verifyCommand: 'cosign verify y'
      }
    ]
    expect(JSON.parse(signaturesJson(sigs))).toEqual([
      { target: 'default', kind: 'index', ref: `r/a@${d('a')}`, digest: d('a') },
      { target: 'default', kind: 'attestation', ref: `r/a@${d('b')}`, digest: d('b'), attests: d('c') }
    ])
    const md = renderSigningSummary(sigs, 'a key')
    expect(md).toContain('### Signatures')
    expect(md).toContain('cosign verify x\ncosign verify y')
    expect(md).toContain(`| default | index | \`r/a@${d('a')}\` |`)
    expect(renderSigningSummary([], 'x')).toBe('')
    // what the action did not write (a KMS URI, a target name) is escaped as in the rest of the summary
    const hostile = renderSigningSummary(
      sigs.slice(0, 1).map(x => ({ ...x, target: 'a|b' })),
      'the key awskms://<img src=x>'
    )
    expect(hostile).toContain('Signed with the key awskms://&lt;img src=x&gt;, by digest:')
    expect(hostile).toContain('| a\\|b | index |')
  })

  it('release layout and version', () => {
    expect(assetUrls(COSIGN_RELEASE, 'https://m.example/cosign/', '3.1.1', 'linux', 'amd64')).toEqual({
      fileName: 'cosign-linux-amd64',
      url: 'https://m.example/cosign/download/v3.1.1/cosign-linux-amd64',
      checksumsUrl: 'https://m.example/cosign/download/v3.1.1/cosign_checksums.txt'
    })
    expect(parseCosignVersion('{"gitVersion":"v3.1.1"}')).toBe('3.1.1')
    expect(parseCosignVersion('{"gitVersion":"devel"}')).toBe('devel')
    expect(parseCosignVersion('nope')).toBe('')
  })
})

describe('cosignEnv: an allow-list, never the runner tokens', () => {
  const step = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    DOCKER_CONFIG: '/cfg',
    SSL_CERT_FILE: '/ca.pem',
    HTTPS_PROXY: 'http://proxy:3128',
    no_proxy: 'localhost',
    TUF_ROOT: '/tuf',
    COSIGN_EXPERIMENTAL: '1',
    SIGSTORE_REKOR_PUBLIC_KEY: '/rekor.pub',
    ACTIONS_RUNTIME_TOKEN: 'runtime',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'http://oidc',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request',
    ACTIONS_CACHE_URL: 'http://cache',
    GITHUB_TOKEN: 'ghs',
    AWS_ACCESS_KEY_ID: 'AKIA',
    VAULT_TOKEN: 'vault',
    MY_SECRET: 'x'
  }
  it.each<[string, Parameters<typeof cosignEnv>[1], string[]]>([
    [
      'keyless or a PEM key',
      { key: { kind: 'none' } },
      [
        'COSIGN_EXPERIMENTAL',
        'DOCKER_CONFIG',
        'HOME',
        'HTTPS_PROXY',
        'PATH',
        'SIGSTORE_REKOR_PUBLIC_KEY',
        'SSL_CERT_FILE',
        'TUF_ROOT',
        'no_proxy'
      ]
    ],
    [
      "an AWS KMS key: its provider's credentials too",
      { key: { kind: 'kms', uri: 'awskms:///alias/x' } },
      [
        'AWS_ACCESS_KEY_ID',
        'COSIGN_EXPERIMENTAL',
        'DOCKER_CONFIG',
        'HOME',
        'HTTPS_PROXY',
        'PATH',
        'SIGSTORE_REKOR_PUBLIC_KEY',
        'SSL_CERT_FILE',
        'TUF_ROOT',
        'no_proxy'
      ]
    ],
    [
      'a Vault key',
      { key: { kind: 'kms', uri: 'hashivault://release' } },
      [
        'COSIGN_EXPERIMENTAL',
        'DOCKER_CONFIG',
        'HOME',
        'HTTPS_PROXY',
        'PATH',
        'SIGSTORE_REKOR_PUBLIC_KEY',
        'SSL_CERT_FILE',
        'TUF_ROOT',
        'VAULT_TOKEN',
        'no_proxy'
      ]
    ]
  ])('%s', (_name, s, names) => {
    expect(Object.keys(cosignEnv(step, s)).sort()).toEqual(names)
  })
  it('sets what the action adds on top (the key, the minted token)', () => {
    const env = cosignEnv(step, { key: { kind: 'none' } }, { SIGSTORE_ID_TOKEN: 'minted' })
    expect(env['SIGSTORE_ID_TOKEN']).toBe('minted')
    expect(env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']).toBeUndefined()
  })
})
