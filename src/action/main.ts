// main: the only orchestration of the build step. Everything it decides is done by pure modules;
// everything it touches goes through engines/, exec.ts and reports.ts.
import * as core from '../runner/commands.js'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { baseAnnotationArgs } from '../oci/annotations.js'
import { createBuilderArgs, inspectBuilderArgs, sshEntitlements, type BuildContext } from '../buildx/args.js'
import { versionAtLeast } from '../buildx/version.js'
import { dockerfileBase, resolveBase } from '../report/base-image.js'
import { bake, mergeDigests, singleBuild, splitBuild, type BuildEnv } from '../buildx/build.js'
import type { BuildResult } from '../buildx/results.js'
import { githubContext, githubEvent } from '../runner/context.js'
import { writeSecretFiles } from './secret-files.js'
import { buildWithDepot, depotReports, engineFacts } from '../depot/build.js'
import { chooseEngine } from '../inputs/engine-choice.js'
import { runBuildx, runBuildxChecked } from '../buildx/buildx.js'
import { defaultBuilderName, inspectBuilder } from '../buildx/builder.js'
import { setupBuildx } from '../buildx/install.js'
import { engineUsesContainerdStore } from '../docker/engine.js'
import { dockerLogin, registryName } from '../docker/login.js'
import { processRunner, terminateAll, waitForChildren } from '../process/exec.js'
import { InputError } from '../errors.js'
import { checkAgainstCapabilities, parseInputs, type Capabilities, type Settings } from '../inputs/parse.js'
import { cacheToForRun, forkOf, scopeEnvFrom, scopedBuilderName } from '../runner/isolation.js'
import { expandMatrix, matrixToBake, parseMatrix } from '../inputs/matrix.js'
import { parseReference } from '../registry/reference.js'
import { collectReports, setReportOutputs } from '../report/collect.js'
import { emptyState, saveState, type State } from './state.js'

function readInput(name: string): string {
  return core.getInput(name)
}

/** Checks against the file system that parseInputs cannot do; still before anything is built. */
function checkFiles(s: Settings): void {
  const remote = /^[a-z]+:\/\/|^git@|^github\.com\//.test(s.context)
  if (!remote && s.mode === 'build' && s.files.length === 0 && !s.matrix.trim() && s.targets.length === 0) {
    if (!existsSync(s.context) || !statSync(s.context).isDirectory()) {
      throw new InputError('context', `${s.context} is not a directory (resolved from ${process.cwd()})`)
    }
    const file = s.file || path.join(s.context, 'Dockerfile')
    if (!existsSync(file)) throw new InputError('file', `${file} does not exist`)
  }
  for (const f of s.files) if (!existsSync(f)) throw new InputError('files', `${f} does not exist`)
  for (const sec of s.secrets) {
    if (sec.kind === 'file' && !existsSync(sec.source))
      throw new InputError('secret-files', `secret ${sec.id}: ${sec.source} does not exist`)
    if (sec.kind === 'env' && process.env[sec.source] === undefined)
      throw new InputError('secret-envs', `secret ${sec.id}: environment variable ${sec.source} is not set`)
  }
  for (const f of s.digestsFrom) if (!existsSync(f)) throw new InputError('digests-from', `${f} does not exist`)
  // A malformed matrix fails here, before buildx is set up.
  if (s.matrix.trim()) expandMatrix(parseMatrix(s.matrix))
}

/** builder-scope and the fork rule: a scoped builder's name, and cache-to without shared caches for forks. */
function isolate(s: Settings): string | undefined {
  const fork = forkOf(process.env['GITHUB_EVENT_NAME'] ?? '', githubEvent())
  const cache = cacheToForRun(s.cacheTo, fork, s.allowForkCacheWrite)
  if (cache.warning) core.warning(cache.warning)
  s.cacheTo = cache.cacheTo
  return scopedBuilderName(s.builderScope, scopeEnvFrom(process.env), s.allowForkCacheWrite ? '' : fork)
}

function randomSuffix(): string {
  return Math.random().toString(16).slice(2, 10)
}

async function setUpBuilder(
  s: Settings,
  state: State,
  bxState: BuildEnv['bx'],
  scopedName?: string
): Promise<{ name: string; driver: string; platforms: string[] }> {
  let name = s.builder
  const exists = async (n: string) => (await runBuildx(bxState, inspectBuilderArgs(n))).code === 0
  if (!name && s.driver === 'docker') {
    name = defaultBuilderName()
  } else if (!name && scopedName && (await exists(scopedName))) {
    name = scopedName
    core.info(`reusing builder ${name} (builder-scope: ${s.builderScope})`)
  } else if (!name) {
    name = scopedName ?? `build-image-${randomSuffix()}`
    let configFile = s.buildkitdConfig
    if (s.buildkitdConfigInline.trim()) {
      configFile = path.join(state.tempDir, 'buildkitd.toml')
      writeFileSync(configFile, s.buildkitdConfigInline)
    }
    if (configFile && !existsSync(configFile)) throw new InputError('buildkitd-config', `${configFile} does not exist`)
    try {
      await runBuildxChecked(bxState, createBuilderArgs(s, { name, configFile }))
    } catch (e) {
      // Another job of the same scope may have created it first.
      if (!scopedName || !(await exists(scopedName))) throw e
    }
    state.builder = name
    // A scoped builder outlives the job: post keeps it.
    state.builderCreated = !scopedName
    saveState(state)
    if (scopedName) core.info(`created builder ${name} (builder-scope: ${s.builderScope}); it is kept for later runs of the same scope`)
  }
  const info = await inspectBuilder(bxState, name)
  const platforms = [...new Set(info.nodes.flatMap(n => n.platforms))]
  core.info(`builder ${name}: driver ${info.driver}, ${info.nodes.length} node(s), platforms ${platforms.join(', ')}`)
  return { name, driver: info.driver || s.driver, platforms }
}

/** key=value entries (as parseInputs keeps labels and build contexts) as a bake map. */
function keyValueRecord(entries: string[]): Record<string, string> {
  return Object.fromEntries(entries.map(e => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
}

function bakeFromMatrix(s: Settings, dir: string): { file: string; targets: string[] } {
  const combos = expandMatrix(parseMatrix(s.matrix))
  const base = {
    context: path.resolve(s.context),
    ...(s.file ? { dockerfile: path.resolve(s.file) } : {}),
    ...(s.target ? { target: s.target } : {}),
    args: Object.fromEntries(s.buildArgs),
    ...(s.platforms.length > 0 ? { platforms: s.platforms } : {}),
    ...(s.labels.length > 0 ? { labels: keyValueRecord(s.labels) } : {}),
    ...(s.annotations.length > 0 ? { annotations: s.annotations } : {}),
    ...(s.cacheFrom.length > 0 ? { 'cache-from': s.cacheFrom } : {}),
    ...(s.cacheTo.length > 0 ? { 'cache-to': s.cacheTo } : {}),
    ...(s.outputs.length > 0 ? { output: s.outputs } : {}),
    ...(s.buildContexts.length > 0 ? { contexts: keyValueRecord(s.buildContexts) } : {}),
    ...(s.network ? { network: s.network } : {}),
    ...(s.shmSize ? { 'shm-size': s.shmSize } : {}),
    ...(s.ulimit.length > 0 ? { ulimits: s.ulimit } : {}),
    ...(s.ssh.length > 0 ? { ssh: s.ssh } : {}),
    ...(s.noCacheFilters.length > 0 ? { 'no-cache-filter': s.noCacheFilters } : {}),
    ...(s.attests.length > 0 ? { attest: s.attests } : {})
  }
  const def = matrixToBake(combos, base, { tagTemplates: s.tags, ...(s.matrixName ? { nameTemplate: s.matrixName } : {}) })
  const file = path.join(dir, 'matrix.bake.json')
  writeFileSync(file, JSON.stringify(def, null, 2))
  core.info(`matrix: ${combos.length} combination(s) -> targets ${Object.keys(def.target).join(', ')}`)
  return { file, targets: Object.keys(def.target) }
}

function readDigestFiles(files: string[]): string[] {
  return files.flatMap(f =>
    readFileSync(f, 'utf8')
      .split(/\r?\n/)
      .map(l => l.trim())
      .filter(Boolean)
  )
}

function setBuildOutputs(results: BuildResult[], single: boolean): void {
  const first = results[0]
  if (single && first) {
    core.setOutput('imageid', first.imageId)
    core.setOutput('digest', first.digest)
    core.setOutput('metadata', JSON.stringify(first.metadata))
  } else {
    core.setOutput('metadata', JSON.stringify(Object.fromEntries(results.map(r => [r.target, r.metadata]))))
    if (results.length === 1 && first) {
      core.setOutput('imageid', first.imageId)
      core.setOutput('digest', first.digest)
    }
  }
  core.setOutput('digests', JSON.stringify(Object.fromEntries(results.map(r => [r.target, r.digest]))))
}

/** base-annotations: resolve the final stage's base before the build and annotate index and manifests. */
async function addBaseAnnotations(s: Settings, bx: BuildEnv['bx']): Promise<void> {
  if (s.mode !== 'build' || s.files.length > 0 || s.targets.length > 0 || s.matrix.trim()) {
    core.warning('base-annotations applies to single and platform-split builds; bake files can set annotations per target')
    return
  }
  const base = await core.group('Resolve the base image', () => resolveBase(bx, s))
  if (base) s.annotations.push(...baseAnnotationArgs(base, s.platforms))
}

export async function run(): Promise<void> {
  const started = Date.now()
  const state = emptyState()
  let cancelled = false
  const onSignal = (sig: NodeJS.Signals) => {
    if (cancelled) return
    cancelled = true
    core.warning(`received ${sig}: stopping the build`)
    terminateAll('SIGTERM')
    void waitForChildren(10_000).then(() => {
      state.error = `cancelled by ${sig}`
      saveState(state)
      process.exit(1)
    })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  try {
    const s = parseInputs(readInput)
    for (const sec of s.secrets) if (sec.kind === 'value' && sec.source) core.setSecret(sec.source)
    if (s.depotToken) core.setSecret(s.depotToken)
    if (s.login) {
      core.setSecret(s.login.password)
      // the form docker keeps in config.json, should anything ever print it
      core.setSecret(Buffer.from(`${s.login.username}:${s.login.password}`).toString('base64'))
    }
    for (const sec of s.secrets) if (sec.kind === 'env' && process.env[sec.source]) core.setSecret(process.env[sec.source] ?? '')
    checkFiles(s)
    const scopedBuilder = isolate(s)
    state.summary = s.summary
    state.keepBuilder = s.keepBuilder
    state.tempDir = mkdtempSync(path.join(process.env['RUNNER_TEMP'] || os.tmpdir(), 'build-image-'))
    const choice = chooseEngine(engineFacts(s))
    state.engine = choice.engine
    state.engineReason = choice.reason
    saveState(state)
    if (choice.warning) core.warning(choice.warning)
    core.info(`engine: ${choice.engine} (${choice.reason})`)
    if (s.login) {
      const login = s.login
      await core.group(`Log in to ${registryName(login.registry)}`, async () => {
        await dockerLogin(login, processRunner)
        core.info(`logged in to ${registryName(login.registry)} as ${login.username}${s.logout ? '; post logs out' : ''}`)
      })
      state.loggedIn = true
      state.loginRegistry = login.registry
      state.logout = s.logout
      saveState(state)
    }
    if (choice.engine === 'depot') {
      const gen = s.matrix.trim() ? bakeFromMatrix(s, state.tempDir) : undefined
      // undefined: Depot was unusable before anything was built, and falling back is allowed
      const depot = await buildWithDepot(s, state, choice, gen && { files: [gen.file, ...s.files], targets: gen.targets })
      if (depot) {
        setBuildOutputs(depot.results, depot.single)
        const reports = await core.group('Read what was built', () => depotReports(s, depot.results))
        setReportOutputs(reports)
        state.reports = reports
        return
      }
    }

    // Probed while buildx and the builder are set up: only the docker driver needs the answer.
    const storeProbe = engineUsesContainerdStore(processRunner).catch(() => false)
    const bx = await core.group('Set up buildx', async () => {
      const b = await setupBuildx(s.buildxVersion, s.buildxDownloadUrl, processRunner)
      state.buildxCmd = b.cmd
      state.buildxPrefix = b.prefix
      state.buildxVersion = b.version
      saveState(state)
      core.info(`buildx ${b.version} (${[b.cmd, ...b.prefix].join(' ')})`)
      return b
    })

    // The engine's own builder (driver docker) needs nothing set up and its driver is known: it is
    // inspected (for builder-platforms) while the build runs, off the step's critical path.
    const enginesOwn = !s.builder && s.driver === 'docker' && !scopedBuilder
    const builder = enginesOwn
      ? { name: defaultBuilderName(), driver: 'docker', platforms: [] as string[] }
      : await core.group('Set up the builder', () => setUpBuilder(s, state, bx, scopedBuilder))
    const pendingInspect = enginesOwn
      ? inspectBuilder(bx, builder.name).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
      : undefined
    state.builder = builder.name
    state.driver = builder.driver
    saveState(state)
    core.setOutput('builder-name', builder.name)
    core.setOutput('builder-driver', builder.driver)
    if (!pendingInspect) core.setOutput('builder-platforms', builder.platforms.join(','))

    const caps: Capabilities = {
      buildxVersion: bx.version,
      containerdStore: builder.driver === 'docker' ? await storeProbe : true,
      historyAttachments: versionAtLeast(bx.version, '0.23.0'),
      driver: builder.driver as Capabilities['driver']
    }
    checkAgainstCapabilities(s, caps)
    const ctx: BuildContext = { builder: builder.name, caps, ...githubContext() }
    const env: BuildEnv = { bx, ctx, tempDir: state.tempDir, secretFiles: writeSecretFiles(s, state.tempDir) }
    if (s.baseAnnotations) await addBaseAnnotations(s, bx)

    let results: BuildResult[]
    let single = false
    try {
      if (s.mode === 'merge') {
        const repo = parseReference(s.tags[0] ?? '')?.name ?? ''
        const sources = [...s.digests, ...readDigestFiles(s.digestsFrom)].map(d => (d.includes('@') ? d : `${repo}@${d}`))
        const merged = await core.group(`Merge ${sources.length} digest(s) into ${s.tags.join(', ')}`, () =>
          mergeDigests(s, env, sources, s.tags)
        )
        merged.target = s.target || 'default'
        results = [merged]
        single = true
      } else if (s.matrix.trim()) {
        const gen = bakeFromMatrix(s, state.tempDir)
        // The generated definition names the context input by absolute path: grant bake read access to it.
        const allow = [...s.allow, `fs.read=${path.resolve(s.context)}`, ...sshEntitlements(s.ssh, p => path.resolve(p))]
        results = await core.group(`Bake ${gen.targets.length} matrix target(s)`, () =>
          bake(s, env, [gen.file, ...s.files], gen.targets, s.set, allow)
        )
      } else if (s.files.length > 0 || s.targets.length > 0) {
        results = await core.group(`Bake ${s.targets.join(', ') || 'default'}`, () => bake(s, env, s.files, s.targets, s.set, s.allow))
      } else if (s.platformSplit) {
        const split = await core.group(`Build ${s.platforms.length} platforms separately, then merge`, () => splitBuild(s, env))
        results = [split.merged]
        single = true
      } else {
        results = [await core.group('Build', () => singleBuild(s, env))]
        single = true
      }
    } finally {
      // Secret values never outlive the build.
      for (const f of env.secretFiles.values()) rmSync(f, { force: true })
    }
    setBuildOutputs(results, single)
    if (pendingInspect) {
      const info = await pendingInspect
      if (info instanceof Error) core.warning(`could not inspect builder ${builder.name}: ${info.message}`)
      else {
        builder.platforms = [...new Set(info.nodes.flatMap(n => n.platforms))]
        core.info(`builder ${builder.name}: driver ${info.driver}, ${info.nodes.length} node(s), platforms ${builder.platforms.join(', ')}`)
      }
      core.setOutput('builder-platforms', builder.platforms.join(','))
    }

    const reports = await core.group('Read what was built', () => collectReports(results, { bx, caps, builder: builder.name }))
    const only = reports[0]
    if (single && s.mode === 'build' && only) {
      const fromDockerfile = dockerfileBase(s, only.baseImages)
      if (fromDockerfile) only.baseImages.unshift(fromDockerfile)
    }
    setReportOutputs(reports)
    state.reports = reports
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    state.error = message
    if (e instanceof InputError) state.errorInput = e.input
    core.setFailed(message)
  } finally {
    state.durationMs = Date.now() - started
    saveState(state)
  }
}
