import { describe, expect, it } from '@jest/globals'
import {
  DEFAULT_BUILDKIT_IMAGE,
  dockerContainerMismatch,
  driverOptsMap,
  parseBuilderInspect,
  scopedBuilderMismatch,
  shellWords,
  tomlEntries,
  type BuilderInfo,
  type NodeContainer,
  type StoredNode
} from '../../../src/buildx/builder.js'

const DOCKER_CONTAINER = `Name:          builder-3f2a
Driver:        docker-container
Last Activity: 2025-10-01 12:00:00 +0000 UTC

Nodes:
Name:                  builder-3f2a0
Endpoint:              unix:///var/run/docker.sock
Driver Options:        image="moby/buildkit:buildx-stable-1" network="host"
Status:                running
BuildKit daemon flags: --allow-insecure-entitlement=network.host
BuildKit version:      v0.25.1
Platforms:             linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386
Labels:
 org.mobyproject.buildkit.worker.executor:         oci
 org.mobyproject.buildkit.worker.hostname:         4d9e6b7f5c2a
 org.mobyproject.buildkit.worker.network:          host
 org.mobyproject.buildkit.worker.oci.process-mode: sandbox
 org.mobyproject.buildkit.worker.selinux.enabled:  false
 org.mobyproject.buildkit.worker.snapshotter:      overlayfs
Devices:
 Name:                  cdi.example.com/gpu=all
 Automatically allowed: false
GC Policy rule#0:
 All:            false
 Filters:        type==source.local,type==exec.cachemount,type==source.git.checkout
 Keep Duration:  48h0m0s
 Max Used Space: 488.3MiB
GC Policy rule#1:
 All:            false
 Keep Duration:  1440h0m0s
 Reserved Space: 9.313GiB
 Max Used Space: 93.13GiB
 Min Free Space: 188.1GiB
`

const DOCKER_DEFAULT = `Name:   default
Driver: docker
Last Activity: 2025-10-01 11:58:12 +0000 UTC

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.25.1
Platforms:        linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386, linux/arm64, linux/riscv64, linux/ppc64le, linux/s390x, linux/mips64le, linux/mips64, linux/loong64, linux/arm/v7, linux/arm/v6
Labels:
 org.mobyproject.buildkit.worker.moby.host-gateway-ip: 172.17.0.1
GC Policy rule#0:
 All:            false
 Filters:        type==source.local,type==exec.cachemount,type==source.git.checkout
 Keep Duration:  48h0m0s
`

const REMOTE_TWO_NODES = `Name:          multi
Driver:        remote
Last Activity: 2025-10-01 12:00:00 +0000 UTC

Nodes:
Name:             multi0
Endpoint:         tcp://amd64-builder:1234
Status:           running
BuildKit version: v0.25.1
Platforms:        linux/amd64*, linux/amd64/v2, linux/386

Name:             multi1
Endpoint:         tcp://arm64-builder:1234
Error:            Get "http://arm64-builder:1234": dial tcp: lookup arm64-builder: no such host
Status:           inactive
Platforms:        linux/arm64*, linux/arm/v7*
`

describe('parseBuilderInspect', () => {
  it.each<[string, string, BuilderInfo]>([
    [
      'docker-container builder with labels, devices and GC policies',
      DOCKER_CONTAINER,
      {
        name: 'builder-3f2a',
        driver: 'docker-container',
        nodes: [
          {
            name: 'builder-3f2a0',
            endpoint: 'unix:///var/run/docker.sock',
            status: 'running',
            platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/386']
          }
        ]
      }
    ],
    [
      'docker driver default builder (node named like the builder)',
      DOCKER_DEFAULT,
      {
        name: 'default',
        driver: 'docker',
        nodes: [
          {
            name: 'default',
            endpoint: 'default',
            status: 'running',
            platforms: [
              'linux/amd64',
              'linux/amd64/v2',
              'linux/amd64/v3',
              'linux/386',
              'linux/arm64',
              'linux/riscv64',
              'linux/ppc64le',
              'linux/s390x',
              'linux/mips64le',
              'linux/mips64',
              'linux/loong64',
              'linux/arm/v7',
              'linux/arm/v6'
            ]
          }
        ]
      }
    ],
    [
      'remote builder with two nodes and user-set platforms marked *',
      REMOTE_TWO_NODES,
      {
        name: 'multi',
        driver: 'remote',
        nodes: [
          {
            name: 'multi0',
            endpoint: 'tcp://amd64-builder:1234',
            status: 'running',
            platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/386']
          },
          { name: 'multi1', endpoint: 'tcp://arm64-builder:1234', status: 'inactive', platforms: ['linux/arm64', 'linux/arm/v7'] }
        ]
      }
    ],
    [
      'CRLF line endings',
      'Name: b\r\nDriver: remote\r\n\r\nNodes:\r\nName: b0\r\nEndpoint: tcp://x:1234\r\nStatus: running\r\nPlatforms: linux/amd64\r\n',
      { name: 'b', driver: 'remote', nodes: [{ name: 'b0', endpoint: 'tcp://x:1234', status: 'running', platforms: ['linux/amd64'] }] }
    ],
    [
      'node without platforms yet (not bootstrapped)',
      'Name:   fresh\nDriver: docker-container\n\nNodes:\nName:     fresh0\nEndpoint: unix:///var/run/docker.sock\nStatus:   inactive\nPlatforms:\n',
      {
        name: 'fresh',
        driver: 'docker-container',
        nodes: [{ name: 'fresh0', endpoint: 'unix:///var/run/docker.sock', status: 'inactive', platforms: [] }]
      }
    ],
    ['empty output', '', { name: '', driver: '', nodes: [] }]
  ])('%s', (_what, out, want) => {
    expect(parseBuilderInspect(out)).toEqual(want)
  })
})

describe('scopedBuilderMismatch', () => {
  const node = (endpoint: string) => ({ name: 'n0', endpoint, status: 'running', platforms: [] })
  it.each<[string, BuilderInfo, { driver: string; endpoint: string }, RegExp | '']>([
    [
      'same driver',
      { name: 'b', driver: 'docker-container', nodes: [node('docker-container://x')] },
      { driver: 'docker-container', endpoint: '' },
      ''
    ],
    [
      'another driver',
      { name: 'b', driver: 'remote', nodes: [node('tcp://evil:1')] },
      { driver: 'docker-container', endpoint: '' },
      /driver is remote, not docker-container/
    ],
    ['same remote endpoint', { name: 'b', driver: 'remote', nodes: [node('tcp://b:1')] }, { driver: 'remote', endpoint: 'tcp://b:1' }, ''],
    [
      'a remote builder pointing elsewhere',
      { name: 'b', driver: 'remote', nodes: [node('tcp://evil:1')] },
      { driver: 'remote', endpoint: 'tcp://b:1' },
      /endpoint is tcp:\/\/evil:1, not tcp:\/\/b:1/
    ],
    [
      'an appended node elsewhere',
      { name: 'b', driver: 'remote', nodes: [node('tcp://b:1'), node('tcp://evil:1')] },
      { driver: 'remote', endpoint: 'tcp://b:1' },
      /tcp:\/\/evil:1/
    ],
    ['a remote builder without nodes', { name: 'b', driver: 'remote', nodes: [] }, { driver: 'remote', endpoint: 'tcp://b:1' }, /unknown/]
  ])('%s', (_what, info, want, problem) => {
    const got = scopedBuilderMismatch(info, want)
    if (problem === '') expect(got).toBe('')
    else expect(got).toMatch(problem)
  })
})

describe('docker-container builders under a scoped name', () => {
  const want = { driverOpts: { image: 'reg/bk:1', network: 'host' }, flags: ['--allow-insecure-entitlement', 'network.host'], config: '' }
  const node = (over: Partial<StoredNode> = {}): StoredNode => ({
    name: 'b0',
    driverOpts: { network: 'host', image: 'reg/bk:1' },
    flags: ['--allow-insecure-entitlement', 'network.host'],
    files: {},
    ...over
  })
  const container = (over: Partial<NodeContainer> = {}): Map<string, NodeContainer | undefined> =>
    new Map([['b0', { image: 'reg/bk:1', cmd: ['--allow-insecure-entitlement', 'network.host'], networkMode: 'host', ...over }]])

  it.each<[string, StoredNode[] | undefined, Map<string, NodeContainer | undefined> | undefined, RegExp | '']>([
    ['the same, in any option order', [node()], container(), ''],
    ['the same; the engine not reachable over a socket', [node()], undefined, ''],
    [
      'a config flag buildx adds in front',
      [node()],
      container({ cmd: ['--config', '/etc/buildkit/buildkitd.toml', '--allow-insecure-entitlement', 'network.host'] }),
      ''
    ],
    ['no record', undefined, container(), /keeps no configuration/],
    [
      'other driver options',
      [node({ driverOpts: { image: 'evil/bk' } })],
      container(),
      /driver options image=evil\/bk, not image=reg\/bk:1,network=host/
    ],
    [
      'other flags',
      [node({ flags: ['--debug'] })],
      container(),
      /BuildKit daemon flags "--debug", not "--allow-insecure-entitlement network.host"/
    ],
    [
      'a config though none asked for',
      [node({ files: { 'buildkitd.toml': '[registry."docker.io"]\nmirrors = ["evil"]\n' } })],
      container(),
      /has a buildkitd config though none/
    ],
    ['no container on this engine', [node()], new Map([['b0', undefined]]), /no container buildx_buildkit_b0 on this engine/],
    ['a container of another image', [node()], container({ image: 'evil/bk' }), /runs the image evil\/bk, not reg\/bk:1/],
    ['a container with other flags', [node()], container({ cmd: ['--oci-worker-no-process-sandbox'] }), /runs BuildKit with/],
    ['a container on another network', [node()], container({ networkMode: 'bridge' }), /network bridge, not host/]
  ])('%s', (_what, stored, containers, expected) => {
    const m = dockerContainerMismatch(stored, containers, want)
    if (expected === '') expect(m).toBe('')
    else expect(m).toMatch(expected)
  })

  // buildx (>= 0.13) appends --allow-insecure-entitlement=network.host to some flags it records
  const appended = ['--allow-insecure-entitlement=network.host']
  it.each<[string, string[], Record<string, string>, string[], RegExp | '']>([
    ['network=host, flags without network.host: buildx adds it', ['--debug'], { network: 'host' }, ['--debug', ...appended], ''],
    [
      'network=host, another entitlement only: buildx adds network.host',
      ['--allow-insecure-entitlement', 'security.insecure'],
      { network: 'host' },
      ['--allow-insecure-entitlement', 'security.insecure', ...appended],
      ''
    ],
    ['no entitlement flag on its own network: buildx adds network.host', ['--debug'], {}, ['--debug', ...appended], ''],
    ['... or not (the config lists network.host, newer buildx)', ['--debug'], {}, ['--debug'], ''],
    [
      'an entitlement given, on its own network: buildx adds nothing, so an added one is planted',
      ['--allow-insecure-entitlement=security.insecure'],
      {},
      ['--allow-insecure-entitlement=security.insecure', ...appended],
      /BuildKit daemon flags/
    ],
    [
      'network.host given: buildx adds nothing',
      ['--allow-insecure-entitlement', 'network.host'],
      { network: 'host' },
      ['--allow-insecure-entitlement', 'network.host', ...appended],
      /BuildKit daemon flags/
    ],
    [
      'anything else stays a mismatch',
      ['--debug'],
      { network: 'host' },
      ['--debug', '--allow-insecure-entitlement=security.insecure'],
      /BuildKit daemon flags/
    ]
  ])('%s', (_what, flags, opts, recorded, expected) => {
    const driverOpts = { image: 'reg/bk:1', ...opts }
    const m = dockerContainerMismatch(
      [node({ driverOpts, flags: recorded })],
      container({ cmd: recorded, networkMode: opts['network'] ?? 'default' }),
      { ...want, driverOpts, flags }
    )
    if (expected === '') expect(m).toBe('')
    else expect(m).toMatch(expected)
  })

  it("the image defaults to buildx's own", () => {
    const noImage = { ...want, driverOpts: {} }
    expect(dockerContainerMismatch([node({ driverOpts: {} })], container({ image: DEFAULT_BUILDKIT_IMAGE }), noImage)).toBe('')
  })

  it('compares a buildkitd config by its tables and keys, as buildx re-encodes it', () => {
    const given = "# tuned\n[worker.oci]\n  max-parallelism = 2\n[registry.'docker.io']\n  mirrors = [ 'mirror.example.com' ]\n"
    const kept =
      '\n[registry]\n\n  [registry."docker.io"]\n    mirrors = ["mirror.example.com"]\n\n[worker]\n\n  [worker.oci]\n    max-parallelism = 2'
    expect(tomlEntries(given)).toEqual(tomlEntries(kept))
    expect(tomlEntries(given)).toEqual(['registry."docker.io".mirrors=["mirror.example.com"]', 'worker.oci.max-parallelism=2'])
    const m = (config: string) => dockerContainerMismatch([node({ files: { 'buildkitd.toml': kept } })], undefined, { ...want, config })
    expect(m(given)).toBe('')
    expect(m(given.replace('mirror.example.com', 'evil.example.com'))).toMatch(/other than the one asked for/)
    // what this reading cannot follow is compared by its presence only
    expect(tomlEntries('[a]\nb = { c = 1 }\n')).toBeUndefined()
  })

  it.each([
    ['--allow-insecure-entitlement security.insecure  --debug', ['--allow-insecure-entitlement', 'security.insecure', '--debug']],
    ['--oci-worker-gc-keepstorage="10 GB" \'--x=a b\' c\\ d', ['--oci-worker-gc-keepstorage=10 GB', '--x=a b', 'c d']],
    ['', []]
  ])('shellWords(%j)', (text, words) => {
    expect(shellWords(text)).toEqual(words)
  })

  it('reads driver-opts lines as buildx reads --driver-opt', () => {
    expect(driverOptsMap(['image=reg/bk:1,network=host', 'env.X=1'])).toEqual({ image: 'reg/bk:1', network: 'host', 'env.X': '1' })
  })
})
