import { describe, it, expect } from '@jest/globals'
import {
  parseBuildError,
  parseBuilderInspect,
  parseBuildxVersion,
  usesContainerdStore,
  type BuilderInfo
} from '../../../src/buildx/probe.js'

describe('parseBuildxVersion', () => {
  it.each<[string, string, string]>([
    ['release binary', 'github.com/docker/buildx v0.29.1 a9a5b7e6c0b4fb2b7b4d0c4cd02cba5d8c5b0f95\n', '0.29.1'],
    ['without v', 'github.com/docker/buildx 0.29.1 a9a5b7e6c0b4', '0.29.1'],
    ['Debian package', 'github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3\n', '0.13.1'],
    ['Docker Desktop', 'github.com/docker/buildx v0.29.1-desktop.1 8e5f2c3a', '0.29.1'],
    ['release candidate', 'github.com/docker/buildx v0.30.0-rc1 0123abcd', '0.30.0'],
    ['old version', 'github.com/docker/buildx v0.9.1 ed00243', '0.9.1'],
    ['two-digit parts', 'github.com/docker/buildx v10.21.300 x', '10.21.300'],
    ['other wording falls back to the first version', 'buildx version: 1.2.3', '1.2.3'],
    ['first version wins', 'github.com/docker/buildx v0.29.1 v0.28.0', '0.29.1'],
    ['empty', '', ''],
    ['plugin missing', "docker: 'buildx' is not a docker command.\nSee 'docker --help'", ''],
    ['no full version', 'github.com/docker/buildx v0.29 dev', '']
  ])('%s', (_what, out, want) => {
    expect(parseBuildxVersion(out)).toBe(want)
  })
})

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

describe('usesContainerdStore', () => {
  it.each<[string, string, boolean]>([
    ['containerd snapshotter', '[["driver-type","io.containerd.snapshotter.v1"]]', true],
    ['containerd snapshotter with trailing newline', '[["driver-type","io.containerd.snapshotter.v1"]]\n', true],
    [
      'classic overlay2',
      '[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]',
      false
    ],
    ['classic vfs', '[]', false],
    ['other driver-type', '[["driver-type","overlayfs"]]', false],
    ['driver-type as the value, not the key', '[["x","driver-type"],["io.containerd.snapshotter.v1","y"]]', false],
    ['null (docker info without DriverStatus)', 'null', false],
    ['an object, not rows', '{"driver-type":"io.containerd.snapshotter.v1"}', false],
    ['empty', '', false],
    ['not JSON (docker error)', 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.', false],
    ['rows of the wrong shape', '["driver-type","io.containerd.snapshotter.v1"]', false]
  ])('%s -> %s', (_what, json, want) => {
    expect(usesContainerdStore(json)).toBe(want)
  })
})

const RUN_FAILURE = `#5 [1/2] FROM docker.io/library/busybox:latest@sha256:e3652a00a2fabd16ce889f0aa32c38eec347b997e73bd09e69c962ec7f8732ee
#5 CACHED

#6 [2/2] RUN exit 3
#6 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
------
 > [2/2] RUN exit 3:
------
Dockerfile:2
--------------------
   1 |     FROM busybox
   2 | >>> RUN exit 3
   3 |
--------------------
ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3`

const PARSE_FAILURE = `#1 [internal] load build definition from Containerfile
#1 transferring dockerfile: 66B done
#1 DONE 0.0s
Containerfile:3
--------------------
   1 |     FROM busybox
   2 |     RUN true
   3 | >>> RUNN exit 3
   4 |
--------------------
ERROR: failed to build: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)
`

const MULTI_STAGE = `#9 [build 4/5] RUN make
#9 0.412 Dockerfile:7 is mentioned in program output
#9 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2
------
 > [build 4/5] RUN make:
0.401 make: *** No targets specified and no makefile found.  Stop.
------
Dockerfile.release:12
--------------------
  10 |     WORKDIR /src
  11 |     COPY . .
  12 | >>> RUN make
  13 |
--------------------
ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2
`

const PUSH_FAILURE = `#12 exporting to image
#12 pushing layers 0.2s done
#12 ERROR: failed to push localhost:5000/app:1: unexpected status from HEAD request: 401 Unauthorized
------
 > exporting to image:
------
ERROR: failed to build: failed to solve: failed to push localhost:5000/app:1: unexpected status from HEAD request: 401 Unauthorized
`

describe('parseBuildError', () => {
  it.each<[string, string, string, ReturnType<typeof parseBuildError>]>([
    [
      'RUN failure, default Dockerfile',
      RUN_FAILURE,
      'Dockerfile',
      {
        file: 'Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'the configured path is reported, not the base name buildx prints',
      RUN_FAILURE,
      'app/Dockerfile',
      {
        file: 'app/Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'no configured path: the printed name',
      RUN_FAILURE,
      '',
      {
        file: 'Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'CRLF log',
      RUN_FAILURE.replaceAll('\n', '\r\n'),
      'Dockerfile',
      {
        file: 'Dockerfile',
        line: 2,
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3'
      }
    ],
    [
      'parse error in a Containerfile',
      PARSE_FAILURE,
      'build/Containerfile',
      {
        file: 'build/Containerfile',
        line: 3,
        message: 'failed to build: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)'
      }
    ],
    [
      'older buildx message, suffixed file name, program output mentioning a Dockerfile is ignored',
      MULTI_STAGE,
      'Dockerfile.release',
      {
        file: 'Dockerfile.release',
        line: 12,
        message: 'failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2'
      }
    ],
    [
      'position without an ERROR line',
      'Dockerfile:4\n--------------------\n   4 | >>> RUN x\n',
      'Dockerfile',
      { file: 'Dockerfile', line: 4, message: 'build failed' }
    ],
    ['push failure has no position', PUSH_FAILURE, 'Dockerfile', undefined],
    ['empty log', '', 'Dockerfile', undefined],
    ['a position of an unrelated file is ignored', 'main.go:12\nERROR: failed to solve: x\n', 'Dockerfile', undefined]
  ])('%s', (_what, log, dockerfile, want) => {
    expect(parseBuildError(log, dockerfile)).toEqual(want)
  })
})
