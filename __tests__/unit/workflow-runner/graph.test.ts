// The workflow runner's job graph (__tests__/integration/workflow-runner/graph.ts) and permission
// ceiling (permissions.ts): pure, table-driven.
import { describe, expect, it } from '@jest/globals'
import { combine, expandMatrix, jobOrder, jobStatus, stepStatus } from '../../integration/workflow-runner/graph.js'
import { ceilingProblems, jobGrant, parsePermissions, RESTRICTED_DEFAULT } from '../../integration/workflow-runner/permissions.js'

const RELEASE_NEEDS = { plan: [], build: ['plan'], merge: ['plan', 'build'], result: ['merge'] }

describe('jobOrder', () => {
  it('puts each job after the jobs it needs', () => {
    expect(jobOrder({ result: ['merge'], merge: ['plan', 'build'], build: ['plan'], plan: [] })).toEqual([
      'plan',
      'build',
      'merge',
      'result'
    ])
  })
  it('refuses an unknown need and a cycle', () => {
    expect(() => jobOrder({ a: ['b'] })).toThrow('job a needs b, which is not a job of this workflow')
    expect(() => jobOrder({ a: ['b'], b: ['a'] })).toThrow(/need each other/)
  })
})

describe('jobStatus: what success() and failure() answer in a job if:', () => {
  it.each<[string, Record<string, 'success' | 'failure' | 'skipped'>, boolean, boolean]>([
    ['all succeeded', { plan: 'success', build: 'success', merge: 'success' }, true, false],
    [
      'a build failed: merge skipped, result sees the failure through merge',
      { plan: 'success', build: 'failure', merge: 'skipped' },
      false,
      true
    ],
    ['merge skipped (push false)', { plan: 'success', build: 'success', merge: 'skipped' }, false, false]
  ])('result job, %s', (_name, results, success, failure) => {
    expect(jobStatus('result', RELEASE_NEEDS, results)).toEqual({ success, failure, cancelled: false })
  })

  it('steps: success() until a step fails', () => {
    expect(stepStatus(['success', 'skipped'])).toEqual({ success: true, failure: false, cancelled: false })
    expect(stepStatus(['success', 'failure', 'skipped'])).toEqual({ success: false, failure: true, cancelled: false })
  })
})

describe('expandMatrix', () => {
  it.each<[string, unknown, unknown[]]>([
    ['include only (fromJSON of a plan)', { include: [{ platform: 'a' }, { platform: 'b' }] }, [{ platform: 'a' }, { platform: 'b' }]],
    [
      'axes',
      { os: ['x', 'y'], v: [1, 2] },
      [
        { os: 'x', v: 1 },
        { os: 'x', v: 2 },
        { os: 'y', v: 1 },
        { os: 'y', v: 2 }
      ]
    ],
    [
      'exclude',
      { os: ['x', 'y'], v: [1, 2], exclude: [{ os: 'y', v: 1 }] },
      [
        { os: 'x', v: 1 },
        { os: 'x', v: 2 },
        { os: 'y', v: 2 }
      ]
    ],
    [
      'include extends the legs it matches, else adds one',
      { os: ['x', 'y'], include: [{ os: 'x', extra: true }, { os: 'z' }] },
      [{ os: 'x', extra: true }, { os: 'y' }, { os: 'z' }]
    ],
    ['no matrix', null, [{}]]
  ])('%s', (_name, matrix, legs) => {
    expect(expandMatrix(matrix as never)).toEqual(legs)
  })
  it('refuses a matrix with no leg', () => {
    expect(() => expandMatrix({ include: [] })).toThrow('strategy.matrix has no leg')
  })
})

describe('combine: a matrix job from its legs', () => {
  it.each<[string[], string]>([
    [['success', 'success'], 'success'],
    [['failure', 'cancelled'], 'failure'],
    [['success', 'cancelled'], 'cancelled'],
    [['skipped'], 'skipped']
  ])('%j -> %s', (legs, result) => {
    expect(combine(legs as never)).toBe(result)
  })
})

describe('the permission ceiling', () => {
  const grant = jobGrant({ contents: 'read' }, { contents: 'read', packages: 'write' }, 'caller')
  it('a caller job grants its own permissions, else the workflow-level ones, else the restricted default', () => {
    expect([grant['contents'], grant['packages'], grant['id-token']]).toEqual(['read', 'write', 'none'])
    expect(jobGrant({ 'id-token': 'write' }, undefined, 'c')['id-token']).toBe('write')
    expect(jobGrant(undefined, undefined, 'c')).toEqual(RESTRICTED_DEFAULT)
    expect(parsePermissions('write-all', 'c')?.['id-token']).toBe('write')
    expect(parsePermissions({}, 'c')?.['contents']).toBe('none')
  })

  it("refuses a nested job's own id-token: write before anything runs, as GitHub does", () => {
    const called = {
      permissions: {},
      jobs: {
        build: { permissions: { contents: 'read', packages: 'write' } },
        'merge-signed': { permissions: { contents: 'read', packages: 'write', 'id-token': 'write' } }
      }
    }
    expect(ceilingProblems(grant, called, 'release.yml')).toEqual([
      "The nested job 'merge-signed' is requesting 'id-token: write', but is only allowed 'id-token: none'"
    ])
  })

  it("a job without permissions gets the caller's grant; the called workflow's top-level ones apply to it otherwise", () => {
    expect(ceilingProblems(grant, { jobs: { merge: {} } }, 'r.yml')).toEqual([])
    expect(ceilingProblems(grant, { permissions: { 'id-token': 'write' }, jobs: { merge: {} } }, 'r.yml')).toEqual([
      "The nested job 'merge' is requesting 'id-token: write', but is only allowed 'id-token: none'"
    ])
  })

  it('refuses a scope or level that does not exist', () => {
    expect(() => parsePermissions({ packges: 'write' }, 'r.yml: job b')).toThrow('r.yml: job b: unknown permission scope packges')
    expect(() => parsePermissions({ packages: 'admin' }, 'r')).toThrow(/admin is not none, read or write/)
  })
})
