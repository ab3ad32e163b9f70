// Attacks from the second security review (issue 16), each run through dist/ against the testbed
// and checked where the attack would land: the registry's manifests and configs, the runner's view
// of the log, the tool cache, the main process's memory.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { FaultProxy } from './fault-proxy.js'
import {
  expectSuccess,
  getBlob,
  getManifest,
  privateDockerConfig,
  runAction,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

let tb: Testbed

beforeAll(() => {
  tb = testbed()
})

/** The image config of the linux/amd64 image a tag names, read from the registry. */
async function configOf(repo: string, tag: string): Promise<any> {
  const top = await getManifest(repo, tag)
  const manifest = top.json.manifests
    ? await getManifest(repo, top.json.manifests.find((m: any) => m.platform?.architecture === 'amd64').digest)
    : top
  return JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
}

describe('6. secret inputs never reach the processes the action starts', () => {
  let proxy: FaultProxy
  const USER = 'ci-user'
  const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`
  const INLINE = `inline-${Math.random().toString(36).slice(2)}`

  beforeAll(async () => {
    proxy = await FaultProxy.start(tb.registry)
    proxy.requireBasicAuth(USER, PASSWORD)
  })
  afterAll(async () => {
    await proxy.close()
  })

  it('a bake file reading INPUT_PASSWORD and INPUT_SECRETS gets nothing: the pushed image holds neither', async () => {
    const repo = uniqueRepo('sec-env')
    const ctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nARG PW\nRUN echo "pw=$PW" > /leak\n`,
      'docker-bake.hcl': [
        'variable "INPUT_PASSWORD" { default = "unset" }',
        'variable "INPUT_SECRETS" { default = "unset" }',
        'target "default" {',
        '  context = "."',
        `  tags = ["${proxy.registry}/${repo}:v1"]`,
        '  platforms = ["linux/amd64"]',
        '  args = { PW = "${INPUT_PASSWORD}" }',
        '  labels = { "leak.password" = "${INPUT_PASSWORD}", "leak.secrets" = "${INPUT_SECRETS}" }',
        '}'
      ].join('\n')
    })
    const run = await runAction(
      {
        files: path.join(ctx, 'docker-bake.hcl'),
        push: 'true',
        registry: proxy.registry,
        username: USER,
        password: PASSWORD,
        secrets: `tok=${INLINE}`
      },
      { cwd: ctx, env: { DOCKER_CONFIG: privateDockerConfig() } }
    )
    expectSuccess(run)
    const config = await configOf(repo, 'v1')
    expect(config.config.Labels).toMatchObject({ 'leak.password': 'unset', 'leak.secrets': 'unset' })
    const everything = JSON.stringify(config)
    expect(everything).not.toContain(PASSWORD)
    expect(everything).not.toContain(INLINE)
  })
})
