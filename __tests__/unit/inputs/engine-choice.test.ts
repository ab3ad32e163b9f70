import { describe, expect, it } from '@jest/globals'
import { chooseEngine, projectFromDepotJson, type EngineChoice, type EngineFacts } from '../../../src/inputs/engine-choice.js'
import { InputError } from '../../../src/errors.js'

/** Nothing configured, outside CI. */
const NONE: EngineFacts = { engine: 'auto', project: '', envProject: '', hasToken: false, oidcAvailable: false, ci: false, fallback: false }
const facts = (over: Partial<EngineFacts>): EngineFacts => ({ ...NONE, ...over })

// In CI with a project and a token: the configuration auto picks Depot for.
const READY: Partial<EngineFacts> = { ci: true, project: 'p1', hasToken: true }

type Want = { engine: 'buildx' | 'depot'; reason: RegExp; project?: string; warning?: RegExp }

const CHOICES: Array<[string, Partial<EngineFacts>, Want]> = [
  // explicit buildx, whatever else is set
  ['engine: buildx', { engine: 'buildx', ...READY }, { engine: 'buildx', reason: /^set by the engine input$/ }],
  ['engine: buildx with nothing set', { engine: 'buildx' }, { engine: 'buildx', reason: /^set by the engine input$/ }],
  [
    'engine: buildx beats a merge mode note',
    { engine: 'buildx', needsBuildx: 'mode: merge ...' },
    { engine: 'buildx', reason: /^set by the engine input$/ }
  ],
  // auto
  ['auto, nothing set, outside CI', {}, { engine: 'buildx', reason: /not running in GitHub Actions/ }],
  ['auto, project and token but outside CI', { project: 'p1', hasToken: true }, { engine: 'buildx', reason: /only in CI/ }],
  ['auto in CI without a project', { ci: true, hasToken: true }, { engine: 'buildx', reason: /^no Depot project$/ }],
  ['auto in CI with a project but no credentials', { ci: true, project: 'p1' }, { engine: 'buildx', reason: /no Depot credentials/ }],
  [
    'auto in CI, project input and token',
    READY,
    { engine: 'depot', reason: /project p1 from depot-project input and credentials from a token/, project: 'p1' }
  ],
  [
    'auto in CI, DEPOT_PROJECT_ID and OIDC',
    { ci: true, envProject: 'envp', oidcAvailable: true },
    { engine: 'depot', reason: /envp from DEPOT_PROJECT_ID .*GitHub OIDC/, project: 'envp' }
  ],
  [
    'auto in CI, depot.json and a token',
    { ci: true, depotJson: '{"id": "jsonp"}', hasToken: true },
    { engine: 'depot', reason: /jsonp from depot.json/, project: 'jsonp' }
  ],
  [
    'the input beats DEPOT_PROJECT_ID and depot.json',
    { ...READY, envProject: 'envp', depotJson: '{"id":"jsonp"}' },
    { engine: 'depot', reason: /p1 from depot-project/, project: 'p1' }
  ],
  [
    'DEPOT_PROJECT_ID beats depot.json',
    { ci: true, hasToken: true, envProject: 'envp', depotJson: '{"id":"jsonp"}' },
    { engine: 'depot', reason: /envp/, project: 'envp' }
  ],
  ['a token beats OIDC in the reason', { ...READY, oidcAvailable: true }, { engine: 'depot', reason: /credentials from a token/ }],
  [
    'auto with a broken depot.json says why',
    { ci: true, hasToken: true, depotJson: '{id: x' },
    { engine: 'buildx', reason: /no Depot project \(depot.json is not valid JSON/ }
  ],
  [
    'auto with a depot.json without id',
    { ci: true, hasToken: true, depotJson: '{"name":"x"}' },
    { engine: 'buildx', reason: /depot.json has no "id"/ }
  ],
  [
    'auto with a malformed DEPOT_PROJECT_ID',
    { ci: true, hasToken: true, envProject: '--token=x' },
    { engine: 'buildx', reason: /DEPOT_PROJECT_ID "--token=x" is not a Depot project ID/ }
  ],
  [
    'auto in CI, depot.json and only OIDC: the content never picks where the job identity goes',
    { ci: true, depotJson: '{"id": "attacker"}', oidcAvailable: true },
    {
      engine: 'buildx',
      reason: /attacker is named only by depot.json .*GitHub OIDC is never used.*depot-project input or DEPOT_PROJECT_ID/
    }
  ],
  [
    'auto in CI, depot.json, OIDC and a token: the token, scoped to its own organisation',
    { ci: true, depotJson: '{"id": "jsonp"}', oidcAvailable: true, hasToken: true },
    { engine: 'depot', reason: /jsonp from depot.json in the context and credentials from a token/, project: 'jsonp' }
  ],
  [
    'auto in CI, DEPOT_PROJECT_ID beats depot.json and OIDC is used for it',
    { ci: true, depotJson: '{"id": "attacker"}', envProject: 'mine', oidcAvailable: true },
    { engine: 'depot', reason: /mine from DEPOT_PROJECT_ID and credentials from GitHub OIDC/, project: 'mine' }
  ],
  [
    'engine: depot + fallback, depot.json and only OIDC: buildx with a warning',
    { engine: 'depot', depotJson: '{"id": "attacker"}', oidcAvailable: true, fallback: true },
    { engine: 'buildx', reason: /named only by depot.json/, warning: /GitHub OIDC is never used/ }
  ],
  [
    'auto with merge mode stays on buildx',
    { ...READY, needsBuildx: 'mode: merge combines digests with buildx imagetools' },
    { engine: 'buildx', reason: /mode: merge .* buildx only/ }
  ],
  // explicit depot
  [
    'engine: depot outside CI is allowed',
    { engine: 'depot', project: 'p1', hasToken: true },
    { engine: 'depot', reason: /^set by the engine input; project p1 from depot-project input, credentials from a token$/, project: 'p1' }
  ],
  [
    'engine: depot with OIDC',
    { engine: 'depot', envProject: 'e', oidcAvailable: true },
    { engine: 'depot', reason: /GitHub OIDC/, project: 'e' }
  ],
  [
    'engine: depot + depot-fallback without credentials: buildx with a warning',
    { engine: 'depot', project: 'p1', fallback: true },
    { engine: 'buildx', reason: /no Depot credentials; depot-fallback: true/, warning: /depot-token.*DEPOT_TOKEN.*id-token: write/ }
  ],
  [
    'engine: depot + depot-fallback in merge mode: buildx with a warning',
    { engine: 'depot', project: 'p1', hasToken: true, fallback: true, needsBuildx: 'mode: merge combines digests' },
    { engine: 'buildx', reason: /buildx only/, warning: /engine: depot, but mode: merge/ }
  ]
]

describe('chooseEngine', () => {
  it.each(CHOICES.map(([name, f, want], i) => [i + 1, name, f, want] as const))('%i. %s', (_i, _name, f, want) => {
    const c = chooseEngine(facts(f))
    expect(c.engine).toBe(want.engine)
    expect(c.reason).toMatch(want.reason)
    if (want.project !== undefined) expect(c.project).toBe(want.project)
    if (want.warning) expect(c.warning).toMatch(want.warning)
    else expect(c.warning).toBeUndefined()
  })

  const ERRORS: Array<[string, Partial<EngineFacts>, string, RegExp]> = [
    [
      'no project',
      { engine: 'depot', hasToken: true },
      'depot-project',
      /no Depot project: set the depot-project input, the DEPOT_PROJECT_ID environment variable, or commit a depot.json/
    ],
    [
      'no credentials',
      { engine: 'depot', project: 'p1' },
      'depot-token',
      /no Depot credentials: set the depot-token input .* DEPOT_TOKEN .* id-token: write/
    ],
    ['neither', { engine: 'depot' }, 'engine', /no Depot project: .*; no Depot credentials: /],
    ['a depot.json without id', { engine: 'depot', hasToken: true, depotJson: '[]' }, 'depot-project', /depot.json has no "id"/],
    [
      'a depot.json project and only OIDC',
      { engine: 'depot', oidcAvailable: true, depotJson: '{"id":"attacker"}' },
      'depot-project',
      /attacker is named only by depot.json in the build context, and GitHub OIDC is never used .*: for GitHub OIDC, name the project in the depot-project input/
    ],
    [
      'merge mode without fallback',
      { engine: 'depot', project: 'p', hasToken: true, needsBuildx: 'mode: merge combines digests' },
      'engine',
      /mode: merge .* use engine: buildx or auto/
    ]
  ]
  it.each<[string, Partial<EngineFacts>, string, RegExp]>([
    [
      'project in auto without credentials',
      { ci: true, project: 'abc', depotInputs: ['project'] },
      'project',
      /Depot input, so Depot is to build: .*no Depot credentials/
    ],
    ['lint in auto without a project', { ci: true, hasToken: true, depotInputs: ['lint'] }, 'lint', /no Depot project/],
    [
      'project in auto with merge mode',
      { ...READY, depotInputs: ['project'], needsBuildx: 'mode: merge combines digests' },
      'project',
      /runs on buildx only/
    ]
  ])('a Depot input never silently builds with buildx: %s', (_name, f, input, message) => {
    let err: unknown
    try {
      chooseEngine(facts(f))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).input).toBe(input)
    expect((err as InputError).message).toMatch(message)
  })

  it.each<[string, Partial<EngineFacts>, Partial<EngineChoice>]>([
    ['auto with project: in CI, with a token', { ...READY, depotInputs: ['project'] }, { engine: 'depot', project: 'p1' }],
    [
      'auto with project outside CI: buildx, as documented (auto uses Depot only in CI)',
      { project: 'p1', hasToken: true, depotInputs: ['project'] },
      { engine: 'buildx' }
    ],
    [
      'auto with project, no credentials, buildx-fallback',
      { ci: true, project: 'p1', fallback: true, depotInputs: ['project'] },
      { engine: 'buildx' }
    ]
  ])('Depot inputs and the engine: %s', (_name, f, want) => {
    const choice = chooseEngine(facts(f))
    expect(choice).toMatchObject(want)
    if (want.engine === 'depot') expect(choice.reason).toMatch(/project p1 from depot-project input/)
    else if (f.ci) expect(choice.warning).toMatch(/depot-fallback/)
    else expect(choice.reason).toMatch(/only in CI/)
  })

  it.each(ERRORS)('engine: depot with %s fails before anything runs, naming the input', (_name, f, input, message) => {
    let err: unknown
    try {
      chooseEngine(facts(f))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).input).toBe(input)
    expect((err as InputError).message).toMatch(message)
  })
})

describe('projectFromDepotJson', () => {
  it.each([
    ['{"id":"abc123"}', { id: 'abc123' }],
    ['{"id":" abc "}', { id: 'abc' }],
    ['{"id":""}', { problem: 'depot.json has no "id"' }],
    ['{"id":5}', { problem: 'depot.json has no "id"' }],
    ['null', { problem: 'depot.json has no "id"' }]
  ])('%s', (text, want) => {
    expect(projectFromDepotJson(text)).toEqual(want)
  })
  it('reports invalid JSON', () => {
    expect(projectFromDepotJson('{').problem).toMatch(/^depot.json is not valid JSON/)
  })
})

describe('engine: buildx with Depot inputs', () => {
  it.each<[string, Partial<EngineFacts>]>([
    ['project', { engine: 'buildx', depotInputs: ['project'] }],
    ['save', { engine: 'buildx', ...READY, depotInputs: ['save'] }]
  ])('%s: buildx, and a warning that it is ignored', (input, over) => {
    const choice = chooseEngine(facts(over))
    expect(choice.engine).toBe('buildx')
    expect(choice.warning).toBe(`${input} is a Depot input, and engine: buildx never uses Depot: it is ignored`)
  })
})
