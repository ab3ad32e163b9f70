import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import { parseRegistryAuth, passwordsAsGiven, registryKey } from '../../../src/inputs/registry-auth.js'

const SECRET = 's3cr3t-Value'

describe('parseRegistryAuth', () => {
  it.each<[string, string, ReturnType<typeof parseRegistryAuth>]>([
    ['nothing', '  \n', []],
    [
      "docker/login-action's README example",
      `- username: hub-user\n  password: ${SECRET}\n- registry: ghcr.io\n  username: octo\n  password: gh-token\n`,
      [
        { registry: '', username: 'hub-user', password: SECRET },
        { registry: 'ghcr.io', username: 'octo', password: 'gh-token' }
      ]
    ],
    [
      'values stay strings (failsafe schema)',
      '- registry: localhost:5000\n  username: 007\n  password: 0123\n',
      [{ registry: 'localhost:5000', username: '007', password: '0123' }]
    ],
    [
      'quotes, spaces and # in a quoted password',
      `- registry: r.io\n  username: u\n  password: "a b # 'c'"\n`,
      [{ registry: 'r.io', username: 'u', password: "a b # 'c'" }]
    ],
    [
      'a block scalar (its trailing line break dropped)',
      '- registry: r.io\n  username: u\n  password: |\n    pw-from-file\n',
      [{ registry: 'r.io', username: 'u', password: 'pw-from-file' }]
    ],
    [
      'flow style',
      '[{registry: a.io, username: u, password: p1}, {registry: b.io, username: v, password: p2}]',
      [
        { registry: 'a.io', username: 'u', password: 'p1' },
        { registry: 'b.io', username: 'v', password: 'p2' }
      ]
    ],
    [
      'ecr false and an empty scope are taken',
      '- registry: r.io\n  username: u\n  password: p\n  ecr: false\n  scope: ""\n',
      [{ registry: 'r.io', username: 'u', password: 'p' }]
    ],
    [
      'ECR with username AWS (a token as password)',
      '- registry: 123456789012.dkr.ecr.eu-west-1.amazonaws.com\n  username: AWS\n  password: tok\n',
      [{ registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: 'AWS', password: 'tok' }]
    ]
  ])('%s', (_what, text, expected) => {
    expect(parseRegistryAuth(text)).toEqual(expected)
  })

  it.each<[string, string, RegExp]>([
    ['invalid YAML', `- registry: r.io\n  password: "${SECRET}\n`, /^registry-auth: is not valid YAML \(line \d+\)/],
    ['a mapping, not a list', `registry: r.io\nusername: u\npassword: ${SECRET}\n`, /^registry-auth: expected a YAML list/],
    ['a plain string', SECRET, /^registry-auth: expected a YAML list/],
    ['an entry that is a string', `- r.io\n- ${SECRET}\n`, /^registry-auth: entry 1 is not a mapping/],
    [
      'an unknown key',
      `- registry: r.io\n  username: u\n  password: ${SECRET}\n  passwd: ${SECRET}\n`,
      /^registry-auth: entry 1: unknown key "passwd"/
    ],
    [
      'logout in an entry',
      `- registry: r.io\n  username: u\n  password: ${SECRET}\n  logout: false\n`,
      /^registry-auth: entry 1: unknown key "logout" .*logout input/
    ],
    [
      'a password that is a list',
      `- registry: r.io\n  username: u\n  password: [${SECRET}]\n`,
      /^registry-auth: entry 1: password is not a single value/
    ],
    ['a duplicate key', `- registry: r.io\n  password: a\n  password: ${SECRET}\n`, /^registry-auth: is not valid YAML/],
    [
      'a registry with a scheme',
      `- registry: https://r.io\n  username: u\n  password: ${SECRET}\n`,
      /^registry-auth: entry 1: registry "https:\/\/r.io" is not a registry host/
    ],
    [
      'the second entry without a password',
      `- registry: a.io\n  username: u\n  password: ${SECRET}\n- registry: b.io\n  username: v\n`,
      /^registry-auth: entry 2 \(b.io\): password is empty for username "v"/
    ],
    [
      'a password without a username',
      `- registry: a.io\n  password: ${SECRET}\n`,
      /^registry-auth: entry 1 \(a.io\): has a password but no username/
    ],
    ['neither', '- registry: a.io\n', /^registry-auth: entry 1 \(a.io\): needs username and password/],
    [
      'a line break in a password',
      `- registry: a.io\n  username: u\n  password: "${SECRET}\\nx"\n`,
      /^registry-auth: entry 1 \(a.io\): password contains a line break \(value not shown\)/
    ],
    [
      'the same registry twice',
      `- registry: a.io\n  username: u\n  password: ${SECRET}\n- registry: A.io\n  username: v\n  password: x\n`,
      /^registry-auth: entries 1 and 2 both log in to A.io/
    ],
    [
      'Docker Hub twice (docker.io and no registry)',
      `- username: u\n  password: ${SECRET}\n- registry: docker.io\n  username: v\n  password: x\n`,
      /^registry-auth: entries 1 and 2 both log in to docker.io/
    ],
    [
      'scope',
      `- registry: a.io\n  username: u\n  password: ${SECRET}\n  scope: org/app@push\n`,
      /^registry-auth: entry 1 \(a.io\): scope is not supported/
    ],
    [
      'ecr: true',
      `- registry: a.io\n  username: u\n  password: ${SECRET}\n  ecr: true\n`,
      /^registry-auth: entry 1 \(a.io\): logging in to ECR with AWS access keys is not built in/
    ],
    [
      'ECR with access keys (ecr auto)',
      `- registry: public.ecr.aws\n  username: AKIAEXAMPLE\n  password: ${SECRET}\n`,
      /^registry-auth: entry 1 \(public.ecr.aws\): logging in to ECR/
    ],
    [
      'ecr that is not a boolean',
      `- registry: a.io\n  username: u\n  password: ${SECRET}\n  ecr: maybe\n`,
      /^registry-auth: entry 1 \(a.io\): ecr is not auto, true or false/
    ]
  ])('refuses %s, naming the input and the entry, never the password', (_what, text, message) => {
    let err: unknown
    try {
      parseRegistryAuth(text)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).input).toBe('registry-auth')
    expect((err as Error).message).toMatch(message)
    expect((err as Error).message).not.toContain(SECRET)
  })

  it('registryKey: Docker Hub by any of its names, hosts case-insensitively', () => {
    expect(['', 'docker.io', 'index.docker.io', 'registry-1.docker.io'].map(registryKey)).toEqual(Array(4).fill('docker.io'))
    expect(registryKey('GHCR.io')).toBe('ghcr.io')
  })
})

describe('passwordsAsGiven', () => {
  it.each<[string, string, string[]]>([
    ['block style', `- registry: r.io\n  username: u\n  password: ${SECRET}\n`, [SECRET]],
    ['quoted', `- registry: r.io\n  password: "${SECRET}"\n`, [`"${SECRET}"`, SECRET]],
    ['a key that is quoted', `- "password": '${SECRET}'`, [`'${SECRET}'`, SECRET]],
    ['flow style', `[{registry: r.io, password: ${SECRET}, username: u}]`, [SECRET]],
    ['a block scalar', `- registry: r.io\n  password: |\n    ${SECRET}\n  username: u\n`, [SECRET]],
    ['an invalid document still yields its passwords', `- registry: r.io\n  password: "${SECRET}\n  [`, [SECRET]]
  ])('%s', (_what, text, expected) => {
    const found = passwordsAsGiven(text)
    for (const e of expected) expect(found).toContain(e)
    // the other values are not masked: the log keeps registry and user names readable
    expect(found).not.toContain('r.io')
    expect(found).not.toContain('u')
  })

  it('every password the parser reads is among the values masked before parsing', () => {
    const texts = [
      `- registry: a.io\n  username: u\n  password: ${SECRET}\n- registry: b.io\n  username: v\n  password: 'x y'\n`,
      `[{registry: a.io, username: u, password: "${SECRET}"}]`,
      `- registry: a.io\n  username: u\n  password: >-\n    ${SECRET}\n`
    ]
    for (const text of texts) {
      const masked = passwordsAsGiven(text)
      for (const e of parseRegistryAuth(text)) expect(masked).toContain(e.password)
    }
  })
})

describe('passwordsAsGiven: keys that are not known', () => {
  it('masks the value of a misspelt key, not those of registry, username, ecr and scope', () => {
    const found = passwordsAsGiven(`- registry: r.io\n  username: someone\n  passwrd: ${SECRET}\n  ecr: false\n  scope: x/y\n`)
    expect(found).toContain(SECRET)
    for (const v of ['r.io', 'someone', 'false', 'x/y']) expect(found).not.toContain(v)
  })

  it('leaves a boolean after another key (logout: false) unmasked, not one after password', () => {
    expect(passwordsAsGiven('- registry: r.io\n  logout: false\n')).toEqual([])
    expect(passwordsAsGiven('- registry: r.io\n  password: true\n')).toEqual(['true'])
  })
})
