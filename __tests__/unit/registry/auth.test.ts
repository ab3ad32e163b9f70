import { describe, expect, it } from '@jest/globals'
import { authFor, parseChallenge, registryBaseUrl, tokenUrl } from '../../../src/registry/auth.js'

describe('registryBaseUrl', () => {
  it.each([
    ['localhost:5000', 'http://localhost:5000'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['localhost', 'http://localhost'],
    ['ghcr.io', 'https://ghcr.io'],
    ['docker.io', 'https://registry-1.docker.io'],
    ['registry.example.com:8443', 'https://registry.example.com:8443'],
    ['localhost.example.com', 'https://localhost.example.com']
  ])('%s -> %s', (host, url) => expect(registryBaseUrl(host)).toBe(url))
})

describe('authFor', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64')
  it.each([
    ['no config', undefined, 'ghcr.io', {}],
    ['not JSON', '{', 'ghcr.io', {}],
    [
      'auth field',
      JSON.stringify({ auths: { 'ghcr.io': { auth: b64('me:p:w') } } }),
      'ghcr.io',
      { credentials: { username: 'me', password: 'p:w' } }
    ],
    [
      'username/password',
      JSON.stringify({ auths: { 'ghcr.io': { username: 'u', password: 'p' } } }),
      'ghcr.io',
      { credentials: { username: 'u', password: 'p' } }
    ],
    [
      'https key',
      JSON.stringify({ auths: { 'https://ghcr.io': { auth: b64('a:b') } } }),
      'ghcr.io',
      { credentials: { username: 'a', password: 'b' } }
    ],
    [
      'docker hub legacy key',
      JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: b64('a:b') } } }),
      'docker.io',
      { credentials: { username: 'a', password: 'b' } }
    ],
    ['other host only', JSON.stringify({ auths: { 'quay.io': { auth: b64('a:b') } } }), 'ghcr.io', {}],
    ['credsStore', JSON.stringify({ credsStore: 'desktop' }), 'ghcr.io', { helper: 'desktop' }],
    ['credHelpers for the host', JSON.stringify({ credHelpers: { 'ghcr.io': 'gh' }, credsStore: 'x' }), 'ghcr.io', { helper: 'gh' }],
    ['auth without colon', JSON.stringify({ auths: { 'ghcr.io': { auth: b64('nocolon') } } }), 'ghcr.io', {}]
  ])('%s', (_name, config, host, want) => expect(authFor(config, host)).toEqual(want))
})

describe('parseChallenge and tokenUrl', () => {
  it.each([
    [
      'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"',
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' } }
    ],
    ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    ['Bearer realm=https://x/t,service=s', { scheme: 'bearer', params: { realm: 'https://x/t', service: 's' } }],
    ['', undefined]
  ])('%s', (header, want) => expect(parseChallenge(header)).toEqual(want))

  it('builds the token URL with service and scope', () => {
    const ch = parseChallenge('Bearer realm="https://auth.example/token",service="reg"')
    expect(ch && tokenUrl(ch, 'org/app')).toBe('https://auth.example/token?service=reg&scope=repository%3Aorg%2Fapp%3Apull')
  })
  it('refuses a realm that is not http(s)', () => {
    const ch = parseChallenge('Bearer realm="file:///etc/passwd"')
    expect(ch && tokenUrl(ch, 'a')).toBeUndefined()
  })
})
