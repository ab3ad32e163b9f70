import { describe, expect, it } from '@jest/globals'
import {
  DEFAULT_BUILDKITD_FLAGS,
  buildkitdFlagsFor,
  chooseBuilder,
  dockerDriverCannot,
  newBuilderName,
  type BuildRequest,
  type BuilderChoice,
  type BuilderFacts
} from '../../../src/buildx/builder-choice.js'

const ONE: BuildRequest = { platforms: [], cacheTo: [], pushByDigest: false, platformSplit: false, load: false }
const TWO = ['linux/amd64', 'linux/arm64']

describe('dockerDriverCannot', () => {
  it.each<[number, string, Partial<BuildRequest>, boolean, RegExp | undefined]>([
    [1, 'one platform, classic store', {}, false, undefined],
    [2, 'one platform, containerd store', {}, true, undefined],
    [3, 'two platforms, classic store', { platforms: TWO }, false, /cannot build 2 platforms on the engine's classic image store/],
    [4, 'two platforms, containerd store', { platforms: TWO }, true, undefined],
    [
      5,
      'two platforms loaded, classic store: no builder can, the capability check refuses it',
      { platforms: TWO, load: true },
      false,
      undefined
    ],
    [6, 'inline cache, classic store', { cacheTo: ['type=inline'] }, false, undefined],
    [7, 'local cache, classic store', { cacheTo: ['type=local,dest=/tmp/c'] }, false, /only inline cache .*\(cache-to type=local\)/],
    [8, 'a bare cache-to is a registry cache', { cacheTo: ['ghcr.io/o/cache'] }, false, /cache-to type=registry/],
    [9, 'inline then gha cache, classic store', { cacheTo: ['type=inline', 'type=gha,mode=max'] }, false, /type=gha/],
    [10, 'local cache, containerd store', { cacheTo: ['type=local,dest=/tmp/c'] }, true, undefined],
    [11, 'push by digest, containerd store', { pushByDigest: true }, true, /cannot push by digest/],
    [12, 'push by digest, classic store', { pushByDigest: true }, false, /cannot push by digest/],
    [13, 'platform split (pushes by digest)', { platformSplit: true, platforms: TWO }, true, /cannot push by digest/]
  ])('#%d %s', (_n, _name, req, containerdStore, want) => {
    const got = dockerDriverCannot({ ...ONE, ...req }, containerdStore)
    if (want === undefined) expect(got).toBeUndefined()
    else expect(got).toMatch(want)
  })
})

describe('chooseBuilder', () => {
  const none: BuilderFacts = { builderGiven: false, driverGiven: false, current: undefined, daemonBuilderCannot: undefined }
  const container = { name: 'builder-1', driver: 'docker-container' }
  const otherDocker = { name: 'other-context', driver: 'docker' }
  it.each<[number, string, Partial<BuilderFacts>, BuilderChoice]>([
    [1, 'nothing chosen, nothing the daemon cannot do: the daemon builder', {}, { use: 'daemon' }],
    [2, 'a builder input: the inputs decide', { builderGiven: true, current: container }, { use: 'inputs' }],
    [
      3,
      'a driver input: the inputs decide, even when the daemon cannot',
      { driverGiven: true, daemonBuilderCannot: 'x' },
      { use: 'inputs' }
    ],
    [4, 'a current docker-container builder (setup-buildx-action)', { current: container }, { use: 'current', name: 'builder-1' }],
    [
      5,
      'a current builder of its own BuildKit is kept whatever the request',
      { current: container, daemonBuilderCannot: 'x' },
      { use: 'current', name: 'builder-1' }
    ],
    [
      6,
      'the engine cannot: a builder of our own, with the reason',
      { daemonBuilderCannot: 'the docker driver cannot push by digest' },
      { use: 'automatic', reason: 'the docker driver cannot push by digest' }
    ],
    [7, "another context's docker builder is current", { current: otherDocker }, { use: 'current', name: 'other-context' }],
    [
      8,
      "another context's docker builder that cannot: a builder of our own",
      { current: otherDocker, daemonBuilderCannot: 'r' },
      { use: 'automatic', reason: 'r' }
    ]
  ])('#%d %s', (_n, _name, facts, want) => {
    expect(chooseBuilder({ ...none, ...facts })).toEqual(want)
  })
})

describe('buildkitdFlagsFor', () => {
  it.each<[string, string, string]>([
    ['docker-container', '', DEFAULT_BUILDKITD_FLAGS],
    ['kubernetes', '', DEFAULT_BUILDKITD_FLAGS],
    ['remote', '', ''],
    ['docker', '', ''],
    ['docker-container', '--debug', '--debug']
  ])('%s with %j', (driver, given, want) => {
    expect(buildkitdFlagsFor(driver, given)).toBe(want)
  })
  it("is setup-buildx-action's default: both insecure entitlements allowed", () => {
    expect(DEFAULT_BUILDKITD_FLAGS).toBe('--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host')
  })
})

describe('newBuilderName', () => {
  it.each<[number, string]>([
    [0.5, 'build-image-8'],
    [0.123456789, 'build-image-1f9add37']
  ])('%d -> %s', (random, want) => {
    expect(newBuilderName(() => random)).toBe(want)
  })
  it('names a builder build-image-<hex> (both ways the action makes one)', () => {
    expect(newBuilderName()).toMatch(/^build-image-[0-9a-f]{1,8}$/)
  })
})
