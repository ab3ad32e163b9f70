import { describe, expect, it } from '@jest/globals'
import { bakeFsNeeds, fsGrants, type DefinitionTarget } from '../../../src/buildx/entitlements.js'

const CWD = '/work/repo'
/** every path exists as itself (the edge resolves symlinks and missing folders) */
const same = (p: string) => p

function allow(targets: Record<string, DefinitionTarget>, real: (p: string) => string = same): string[] {
  const { needs, ssh } = bakeFsNeeds(targets, CWD)
  return fsGrants(needs, ssh, CWD, real).map(g => g.entitlement)
}

describe('file-system entitlements from the printed definition', () => {
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
    ['ssh in object form', { a: { ssh: [{ id: 'default' }] } }, ['ssh']],
    [
      'a folder covers what lies inside it, across targets',
      { a: { context: '/src' }, b: { context: '/src/sub' }, c: { output: ['/out'] }, d: { output: ['type=tar,dest=/out/x.tar'] } },
      ['fs.read=/src', 'fs.write=/out']
    ]
  ])('%s', (_name, targets, want) => {
    expect(allow(targets)).toEqual(want)
  })

  it('names what buildx checks: the resolved path (a symlink, the nearest existing folder)', () => {
    const real = (p: string) => (p === '/tmp/new/deep' ? '/tmp' : p === CWD ? '/real/repo' : p)
    expect(allow({ a: { output: ['/tmp/new/deep'] } }, real)).toEqual(['fs.write=/tmp'])
    // the working directory itself resolved: a path under the symlink's target needs nothing
    expect(allow({ a: { context: '/real/repo/sub' } }, real)).toEqual([])
  })

  it('says why each entitlement is granted', () => {
    const { needs, ssh } = bakeFsNeeds({ app: { context: '/src', output: ['type=tar,dest=/o/b.tar'] } }, CWD)
    expect(fsGrants(needs, ssh, CWD, same)).toEqual([
      { entitlement: 'fs.read=/src', why: ['context of target app'] },
      { entitlement: 'fs.write=/o', why: ['output file b.tar of target app'] }
    ])
  })
})
