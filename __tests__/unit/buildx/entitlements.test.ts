import { describe, expect, it } from '@jest/globals'
import { bakeAllow, bakeFsNeeds, targetEntitlements, type DefinitionTarget } from '../../../src/buildx/entitlements.js'

const CWD = '/work/repo'
/** every path exists as itself (the edge resolves symlinks and missing folders) */
const same = (p: string) => p

/** What a run from a fork that allows nothing is refused: every need beyond the bake's folder. */
function allow(targets: Record<string, DefinitionTarget>, real: (p: string) => string = same): string[] {
  const { needs, ssh } = bakeFsNeeds(targets, CWD)
  return bakeAllow({ needs, ssh, cwd: CWD, allow: [], own: [], fork: 'mallory/app', real }).refused.map(r => r.replace(/ \(.*\)$/, ''))
}

function trust(targets: Record<string, DefinitionTarget>, given: string[], fork: string, own: string[] = []) {
  const { needs, ssh } = bakeFsNeeds(targets, CWD)
  return bakeAllow({ needs, ssh, asked: targetEntitlements(targets), cwd: CWD, allow: given, own, fork, real: same })
}

describe('what the printed definition needs beyond the bake folder', () => {
  it.each<[string, Record<string, DefinitionTarget>, string[]]>([
    [
      'everything inside the working directory: nothing',
      { a: { context: '.', dockerfile: 'Dockerfile', output: ['type=local,dest=out'] } },
      []
    ],
    ['no context at all means the working directory', { a: {} }, []],
    ['a context outside', { a: { context: '/src/app' } }, ['fs.read=/src/app']],
    ['a relative context above', { a: { context: '../other' } }, ['fs.read=/work/other']],
    ['a Dockerfile outside the context and the folder', { a: { context: '.', dockerfile: '/df/Dockerfile' } }, ['fs.read=/df/Dockerfile']],
    ['an inline Dockerfile reads no file', { a: { context: '.', dockerfile: '/df/Dockerfile', 'dockerfile-inline': 'FROM x' } }, []],
    [
      'remote and image contexts are not local',
      { a: { context: 'https://x/y.git#main', contexts: { b: 'docker-image://alpine', c: 'target:t' } } },
      []
    ],
    ['a named context outside', { a: { contexts: { deps: '/deps' } } }, ['fs.read=/deps']],
    ['a cwd:// context', { a: { context: 'cwd:///ctx' } }, ['fs.read=/ctx']],
    ['a bare local output path (older print)', { a: { output: ['/tmp/bake-build'] } }, ['fs.write=/tmp/bake-build']],
    ['a local output (object form)', { a: { output: [{ type: 'local', dest: '/tmp/out' }] } }, ['fs.write=/tmp/out']],
    ['a tar file: its folder', { a: { output: ['type=tar,dest=/tmp/x/build.tar'] } }, ['fs.write=/tmp/x']],
    ['an OCI tarball: its folder', { a: { output: ['type=oci,dest=/tmp/y/oci.tar'] } }, ['fs.write=/tmp/y']],
    ['an OCI layout folder (tar=false)', { a: { output: ['type=oci,tar=false,dest=/tmp/layout'] } }, ['fs.write=/tmp/layout']],
    ['registry and docker outputs write nothing local', { a: { output: ['type=registry', 'type=docker,name=a'] } }, []],
    [
      'a local cache both ways',
      { a: { 'cache-from': ['type=local,src=/c'], 'cache-to': [{ type: 'local', dest: '/c2' }] } },
      ['fs.read=/c', 'fs.write=/c2']
    ],
    [
      'a secret file, not an env secret',
      { a: { secret: ['id=a,src=/run/s/a', 'id=b,env=B', { id: 'c', src: '/run/s/c' }] } },
      ['fs.read=/run/s/a', 'fs.read=/run/s/c']
    ],
    ['ssh: the default agent and a key', { a: { ssh: ['default', 'deploy=/keys/k'] } }, ['fs.read=/keys/k', 'ssh']],
    ['ssh in object form', { a: { ssh: [{ id: 'default' }] } }, ['ssh']]
  ])('%s', (_name, targets, want) => {
    expect(allow(targets)).toEqual(want)
  })

  it('names what buildx checks: the resolved path (a symlink, the nearest existing folder)', () => {
    const real = (p: string) => (p === '/tmp/new/deep' ? '/tmp' : p === CWD ? '/real/repo' : p)
    expect(allow({ a: { output: ['/tmp/new/deep'] } }, real)).toEqual(['fs.write=/tmp'])
    // the working directory itself resolved: a path under the symlink's target needs nothing
    expect(allow({ a: { context: '/real/repo/sub' } }, real)).toEqual([])
  })

  it('says why each need is refused', () => {
    expect(trust({ app: { context: '/src', output: ['type=tar,dest=/o/b.tar'] } }, [], 'mallory/app').refused).toEqual([
      'fs.read=/src (context of target app)',
      'fs.write=/o (output file b.tar of target app)'
    ])
  })
})

describe('the --allow list of a trusted run and of a run from a fork', () => {
  const home = { app: { output: ['type=local,dest=/home/runner/.local/bin'] } }
  it.each<[string, Record<string, DefinitionTarget>, string[], string, { allow: string[]; refused: number; sshNotAsked?: boolean }]>([
    [
      'trusted: fs=* as docker/bake-action grants it, then allow',
      home,
      ['network.host'],
      '',
      { allow: ['fs=*', 'network.host'], refused: 0 }
    ],
    [
      'trusted: ssh is not granted unless allow names it',
      { a: { ssh: ['default'] } },
      [],
      '',
      { allow: ['fs=*'], refused: 0, sshNotAsked: true }
    ],
    ['trusted: ssh named in allow', { a: { ssh: ['default'] } }, ['ssh'], '', { allow: ['fs=*', 'ssh'], refused: 0 }],
    ['fork: an output outside the folder is refused', home, [], 'mallory/app', { allow: [], refused: 1 }],
    [
      'fork: allow naming the folder grants it',
      home,
      ['fs.write=/home/runner'],
      'mallory/app',
      { allow: ['fs.write=/home/runner'], refused: 0 }
    ],
    [
      'fork: fs.read does not grant a write',
      home,
      ['fs.read=/home/runner'],
      'mallory/app',
      { allow: ['fs.read=/home/runner'], refused: 1 }
    ],
    ['fork: fs=* grants every path', home, ['fs=*'], 'mallory/app', { allow: ['fs=*'], refused: 0 }],
    ['fork: a sibling folder is not inside', home, ['fs.write=/home/run'], 'mallory/app', { allow: ['fs.write=/home/run'], refused: 1 }],
    ['fork: within the folder needs nothing', { a: { output: ['type=local,dest=out'] } }, [], 'mallory/app', { allow: [], refused: 0 }],
    ['fork: the ssh agent only when allow names it', { a: { ssh: ['default'] } }, [], 'mallory/app', { allow: [], refused: 1 }],
    ['fork: ssh in allow', { a: { ssh: ['default'] } }, ['ssh'], 'mallory/app', { allow: ['ssh'], refused: 0 }],
    [
      'fork: an entitlement a target asks for, not in allow',
      { a: { entitlements: ['security.insecure'] } },
      [],
      'mallory/app',
      { allow: [], refused: 1 }
    ],
    [
      'fork: an entitlement named in allow',
      { a: { entitlements: ['network.host'] } },
      ['network.host'],
      'mallory/app',
      { allow: ['network.host'], refused: 0 }
    ],
    [
      "trusted: buildx decides on a target's entitlements",
      { a: { entitlements: ['network.host'] } },
      [],
      '',
      { allow: ['fs=*'], refused: 0 }
    ]
  ])('%s', (_name, targets, given, fork, want) => {
    const r = trust(targets, given, fork)
    expect({ allow: r.allow, refused: r.refused.length, ...(r.sshNotAsked ? { sshNotAsked: true } : {}) }).toEqual(want)
  })

  it("fork: the action's own secret files are read, and nothing else of its temp dir", () => {
    const targets = { a: { secret: ['id=tok,src=/tmp/bia/secret-tok'], output: ['type=local,dest=/tmp/bia/out'] } }
    const r = trust(targets, [], 'mallory/app', ['/tmp/bia/secret-tok'])
    expect(r.allow).toEqual(['fs.read=/tmp/bia/secret-tok'])
    expect(r.refused).toEqual(['fs.write=/tmp/bia/out (output of target a)'])
  })
})
