// Local STAND-INS for what keyless signing talks to and cannot exist here: GitHub's OIDC token
// endpoint (ACTIONS_ID_TOKEN_REQUEST_URL: a signed JWT naming the job's workflow) and Sigstore's
// Fulcio (POST /api/v2/signingCert: a certificate for the token's identity, made with openssl from
// a CA of its own). No Rekor: the signatures are made and verified with the transparency log left
// out. Both listen on 127.0.0.1 only.
import { execFileSync } from 'node:child_process'
import { createPublicKey, createVerify, generateKeyPairSync, sign as signData, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface StandIns {
  /** ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN for the action's environment */
  tokenEnv: Record<string, string>
  /** the token's iss: what --certificate-oidc-issuer names */
  issuer: string
  fulcioUrl: string
  /** the stand-in Fulcio's CA certificate (PEM file), for a trusted root */
  caFile: string
  /** tokens handed out, and certificate requests answered */
  tokensIssued: () => number
  certificatesIssued: () => string[]
  close: () => Promise<void>
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url')

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function body(req: http.IncomingMessage): Promise<string> {
  return new Promise(resolve => {
    let text = ''
    req.on('data', (c: Buffer) => (text += c.toString()))
    req.on('end', () => resolve(text))
  })
}

/** job_workflow_ref: OWNER/REPO/.github/workflows/x.yml@refs/heads/main */
export async function startStandIns(jobWorkflowRef: string): Promise<StandIns> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-sigstore-standins-'))
  const requestToken = `req-${Math.random().toString(36).slice(2)}`
  const jwtKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  let tokens = 0
  const certs: string[] = []

  // the stand-in Fulcio's CA (openssl: node cannot write X.509)
  const caKey = path.join(dir, 'ca.key')
  const caFile = path.join(dir, 'ca.pem')
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', caKey])
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    '[req]\ndistinguished_name=dn\n[dn]\n[ca]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n'
  )
  execFileSync('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    caKey,
    '-out',
    caFile,
    '-days',
    '2',
    '-subj',
    '/O=stand-in/CN=stand-in fulcio',
    '-config',
    path.join(dir, 'ca.cnf'),
    '-extensions',
    'ca'
  ])
  // a CSR only to carry a subject into `openssl x509 -req`; the certified key is the requester's (-force_pubkey)
  const csrKey = path.join(dir, 'csr.key')
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', csrKey])
  execFileSync('openssl', [
    'req',
    '-new',
    '-key',
    csrKey,
    '-subj',
    '/',
    '-out',
    path.join(dir, 'any.csr'),
    '-config',
    path.join(dir, 'ca.cnf')
  ])

  let issuer = ''
  const oidc = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (req.headers.authorization !== `Bearer ${requestToken}`) {
      res.writeHead(401).end()
      return
    }
    const now = Math.floor(Date.now() / 1000)
    const [owner = '', repo = ''] = jobWorkflowRef.split('/')
    const claims = {
      iss: issuer,
      aud: url.searchParams.get('audience') ?? '',
      sub: `repo:${owner}/${repo}:ref:refs/heads/main`,
      iat: now,
      nbf: now - 5,
      exp: now + 600,
      repository: `${owner}/${repo}`,
      job_workflow_ref: jobWorkflowRef,
      workflow_ref: jobWorkflowRef,
      ref: 'refs/heads/main'
    }
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'stand-in' }))
    const payload = b64url(JSON.stringify(claims))
    const sig = signData('sha256', Buffer.from(`${head}.${payload}`), jwtKeys.privateKey)
    tokens++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ value: `${head}.${payload}.${b64url(sig)}` }))
  })
  const oidcUrl = await listen(oidc)
  issuer = oidcUrl

  const fulcio = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'POST' || req.url !== '/api/v2/signingCert') {
        res.writeHead(404).end()
        return
      }
      const request = JSON.parse(await body(req)) as any
      // the token comes as a bearer header or in the body (camelCase or proto names)
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
      const token = String(request.credentials?.oidcIdentityToken ?? request.credentials?.oidc_identity_token ?? bearer)
      const claims = verifyJwt(token, jwtKeys.publicKey)
      if (!claims || claims['aud'] !== 'sigstore' || claims['iss'] !== issuer) {
        const why = claims ? `aud ${String(claims['aud'])}, iss ${String(claims['iss'])}` : 'signature or shape'
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: `stand-in: bad token (${why}); keys ${Object.keys(request).join(',')}` }))
        return
      }
      const keyRequest = request.publicKeyRequest ?? request.public_key_request
      const pem = String(keyRequest?.publicKey?.content ?? keyRequest?.public_key?.content ?? '')
      const pub = createPublicKey(pem)
      const id = certificateFor(dir, pub, `https://github.com/${String(claims['job_workflow_ref'])}`, issuer, caFile, caKey)
      certs.push(id)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ signedCertificateEmbeddedSct: { chain: { certificates: [id, readFileSync(caFile, 'utf8')] } } }))
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `stand-in: ${(e as Error).message}` }))
    }
  })
  const fulcioUrl = await listen(fulcio)

  return {
    tokenEnv: { ACTIONS_ID_TOKEN_REQUEST_URL: `${oidcUrl}/token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    issuer,
    fulcioUrl,
    caFile,
    tokensIssued: () => tokens,
    certificatesIssued: () => certs,
    close: async () => {
      for (const s of [oidc, fulcio]) {
        s.closeAllConnections()
        await new Promise<void>(resolve => s.close(() => resolve()))
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

function verifyJwt(token: string, key: KeyObject): Record<string, unknown> | undefined {
  const [head, payload, sig] = token.split('.')
  if (!head || !payload || !sig) return undefined
  const v = createVerify('sha256')
  v.update(`${head}.${payload}`)
  if (!v.verify(key, Buffer.from(sig, 'base64url'))) return undefined
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** A Fulcio-shaped certificate: the identity as URI SAN, the issuer in Sigstore's extensions, code signing. */
function certificateFor(dir: string, pub: KeyObject, identity: string, issuer: string, caFile: string, caKey: string): string {
  const n = Math.random().toString(36).slice(2)
  const pubFile = path.join(dir, `${n}.pub`)
  writeFileSync(pubFile, pub.export({ type: 'spki', format: 'pem' }))
  const hex = Buffer.from(issuer).toString('hex')
  const utf8 = Buffer.concat([Buffer.from([0x0c, Buffer.byteLength(issuer)]), Buffer.from(issuer)]).toString('hex')
  const ext = path.join(dir, `${n}.ext`)
  writeFileSync(
    ext,
    [
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=codeSigning',
      `subjectAltName=critical,URI:${identity}`,
      `1.3.6.1.4.1.57264.1.1=DER:${hex}`,
      `1.3.6.1.4.1.57264.1.8=DER:${utf8}`,
      ''
    ].join('\n')
  )
  const out = path.join(dir, `${n}.pem`)
  execFileSync('openssl', [
    'x509',
    '-req',
    '-in',
    path.join(dir, 'any.csr'),
    '-force_pubkey',
    pubFile,
    '-CA',
    caFile,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    ext,
    '-out',
    out
  ])
  return readFileSync(out, 'utf8')
}
