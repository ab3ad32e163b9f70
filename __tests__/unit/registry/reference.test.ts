import { describe, it, expect } from '@jest/globals'
import { DIGEST_RE, parseReference, registryOf, repositoryPath } from '../../../src/registry/reference.js'

const D = `sha256:${'a'.repeat(64)}`
const D2 = `sha256:${'0123456789abcdef'.repeat(4)}`

describe('parseReference: valid references', () => {
  it.each<[string, string, string, string]>([
    ['alpine', 'alpine', '', ''],
    ['alpine:3.20', 'alpine', '3.20', ''],
    ['library/alpine:latest', 'library/alpine', 'latest', ''],
    ['docker.io/library/alpine', 'docker.io/library/alpine', '', ''],
    ['ghcr.io/owner/app:v1.2.3', 'ghcr.io/owner/app', 'v1.2.3', ''],
    ['ghcr.io/owner/team/app:main', 'ghcr.io/owner/team/app', 'main', ''],
    ['localhost:5000/app:dev', 'localhost:5000/app', 'dev', ''],
    ['localhost/app', 'localhost/app', '', ''],
    ['127.0.0.1:5000/app', '127.0.0.1:5000/app', '', ''],
    ['[::1]:5000/app:1', '[::1]:5000/app', '1', ''],
    ['[fe80::1]/app', '[fe80::1]/app', '', ''],
    ['my-registry.example.com:443/a/b/c', 'my-registry.example.com:443/a/b/c', '', ''],
    ['a-b.c/d', 'a-b.c/d', '', ''],
    ['Registry.Example.com/app', 'Registry.Example.com/app', '', ''],
    ['app_name/x__y/a.b/c-d/e---f', 'app_name/x__y/a.b/c-d/e---f', '', ''],
    ['app:Tag_With-Mixed.Case', 'app', 'Tag_With-Mixed.Case', ''],
    ['app:_underscore', 'app', '_underscore', ''],
    [`app:${'t'.repeat(128)}`, 'app', 't'.repeat(128), ''],
    [`app@${D}`, 'app', '', D],
    [`ghcr.io/o/app:1@${D2}`, 'ghcr.io/o/app', '1', D2],
    [`localhost:5000/app@${D}`, 'localhost:5000/app', '', D],
    // docker reads "host:5000" alone as repository "host" with tag "5000"
    ['host:5000', 'host', '5000', ''],
    // ... and a bare "sha256:<hex>" as repository "sha256" with a 64-character tag
    [D, 'sha256', 'a'.repeat(64), '']
  ])('%s', (ref, name, tag, digest) => {
    expect(parseReference(ref)).toEqual({ name, tag, digest })
  })
})

describe('parseReference: invalid references', () => {
  it.each<[string, string]>([
    ['empty', ''],
    ['uppercase repository', 'App'],
    ['uppercase path component', 'ghcr.io/Owner/app'],
    ['space', 'app :1'],
    ['trailing space', 'app:1 '],
    ['leading slash', '/app'],
    ['trailing slash', 'app/'],
    ['double slash', 'a//b'],
    ['tag starting with a dot', 'app:.x'],
    ['tag starting with a dash', 'app:-x'],
    ['empty tag', 'app:'],
    ['tag with a plus', 'app:1+2'],
    ['tag too long', `app:${'t'.repeat(129)}`],
    ['two tags', 'app:1:2'],
    ['separator at start of a component', 'a/-b'],
    ['separator at end of a component', 'a/b-'],
    ['three underscores', 'a___b'],
    ['dot-dot', 'a..b'],
    ['short digest', `app@sha256:${'a'.repeat(63)}`],
    ['uppercase hex digest', `app@sha256:${'A'.repeat(64)}`],
    ['other algorithm', `app@sha512:${'a'.repeat(128)}`],
    ['domain with a dash at its end', 'host-.com/app'],
    ['port without digits', 'host:/app'],
    ['template placeholder', 'app:{{variant}}'],
    ['shell metacharacters', 'app;rm'],
    ['name longer than 255', `${'a'.repeat(256)}`],
    ['reference longer than 512', `${'a/'.repeat(200)}a:${'t'.repeat(120)}`]
  ])('%s: %j', (_what, ref) => {
    expect(parseReference(ref)).toBeUndefined()
  })

  it('accepts a name of exactly 255 characters', () => {
    expect(parseReference('a'.repeat(255))?.name).toBe('a'.repeat(255))
  })
})

describe('DIGEST_RE', () => {
  it.each<[string, boolean]>([
    [D, true],
    [D2, true],
    [`sha256:${'a'.repeat(65)}`, false],
    [`sha256:${'g'.repeat(64)}`, false],
    [`SHA256:${'a'.repeat(64)}`, false],
    [`app@${D}`, false],
    ['', false]
  ])('%s -> %s', (d, want) => {
    expect(DIGEST_RE.test(d)).toBe(want)
  })
})

describe('registryOf and repositoryPath', () => {
  it.each<[string, string, string]>([
    ['alpine', 'docker.io', 'library/alpine'],
    ['library/alpine', 'docker.io', 'library/alpine'],
    ['owner/app', 'docker.io', 'owner/app'],
    ['docker.io/alpine', 'docker.io', 'library/alpine'],
    ['docker.io/owner/app', 'docker.io', 'owner/app'],
    ['index.docker.io/alpine', 'docker.io', 'library/alpine'],
    ['index.docker.io/owner/app', 'docker.io', 'owner/app'],
    ['ghcr.io/owner/app', 'ghcr.io', 'owner/app'],
    ['ghcr.io/app', 'ghcr.io', 'app'],
    ['localhost/app', 'localhost', 'app'],
    ['localhost:5000/a/b', 'localhost:5000', 'a/b'],
    ['registry:5000/app', 'registry:5000', 'app'],
    ['[::1]:5000/app', '[::1]:5000', 'app'],
    ['127.0.0.1/app', '127.0.0.1', 'app'],
    ['a/b/c', 'docker.io', 'a/b/c'],
    // docker's splitDockerDomain treats an uppercase first component as a host
    ['MyRegistry/app', 'MyRegistry', 'app']
  ])('%s -> %s, %s', (name, registry, path) => {
    expect(registryOf(name)).toBe(registry)
    expect(repositoryPath(name)).toBe(path)
  })
})
