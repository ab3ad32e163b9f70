// A Git context the user writes in the query form (`https://host/repo.git?ref=main&subdir=app`,
// buildx 0.29 and later) goes through everything the action does with a context unchanged: the
// build, the annotation of a build error (the Dockerfile as a path in the repository, not the URL),
// and the record of a failed build (found in buildx's local state by its context). The context is
// served by the local git server; GitHub's artifact service is a STAND-IN.
import { afterAll, beforeAll, describe, expect } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ArtifactServiceStandIn } from './artifact-service.js'
import { makeGitRepo, startGitServer, type GitServer } from './git-server.js'
import { itWhen, runAction, testbed, uniqueRepo, type Testbed } from './harness.js'

let tb: Testbed
let server: GitServer
let service: ArtifactServiceStandIn

beforeAll(async () => {
  tb = testbed()
  const root = mkdtempSync(path.join(os.tmpdir(), 'bia-query-git-'))
  server = await startGitServer(root)
  service = await ArtifactServiceStandIn.start()
  makeGitRepo(root, 'octo/query', {
    // a root Dockerfile that would build: only the subdir's fails
    Dockerfile: `FROM ${tb.baseImage}\n`,
    'app/Dockerfile': `FROM ${tb.baseImage}\nRUN echo query-${Date.now().toString(36)} && exit 3\n`
  })
})

afterAll(async () => {
  await server?.close()
  await service?.close()
})

describe('a Git context in the query form, as the user writes it', () => {
  itWhen(
    'git-query-context',
    'a failed build from ?ref=main&subdir=app: annotated at app/Dockerfile line 2, and its record exported (artifact service STAND-IN)',
    async () => {
      const context = `${server.url}/octo/query.git?ref=main&subdir=app`
      const run = await runAction(
        { context, tags: `${tb.registry}/${uniqueRepo('query-context')}:1` },
        { env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo/query', GITHUB_RUN_ID: '77', ...service.env() } }
      )
      expect(run.main.code).not.toBe(0)
      // buildx ran the subdir's Dockerfile: the context reached it as written
      expect(run.main.log).toMatch(/exit code: 3/)
      expect(run.main.log).toMatch(/^::error title=Build failed,file=app\/Dockerfile,line=2::/m)
      const records = JSON.parse(run.mainOutputs['build-records'] ?? '{}') as Record<string, string>
      expect(Object.keys(records)).toEqual(['default'])
      expect(service.artifacts()).toHaveLength(1)
    }
  )
})
