import { describe, expect, it } from '@jest/globals'
import { daemonSocket, usesContainerdStore } from '../../../src/docker/daemon.js'

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

describe('daemonSocket', () => {
  it.each([
    [{ DOCKER_HOST: 'unix:///run/x.sock' }, undefined, '/run/x.sock'],
    [{ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, undefined, undefined],
    [{ DOCKER_HOST: 'ssh://me@host' }, undefined, undefined],
    [{}, undefined, '/var/run/docker.sock'],
    [{}, '{"currentContext":"remote"}', undefined],
    [{ DOCKER_CONTEXT: 'x' }, undefined, undefined]
  ])('%j with config %s -> %s', (env, config, want) => expect(daemonSocket(env, config)).toBe(want))
})
