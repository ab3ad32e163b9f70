// Setting up what the plan runs on: the engine (buildx or Depot), the registry login, buildx and
// its builder. State is saved as soon as each resource exists, so post can clean up after a
// partial failure.
import * as core from '../runner/commands.js'
import { createBuilderArgs, inspectBuilderArgs } from '../buildx/args.js'
import {
  defaultBuilderName,
  dockerContainerMismatch,
  driverOptsMap,
  inspectBuilder,
  nodeContainers,
  readStoredNodes,
  scopedBuilderMismatch,
  shellWords,
  useImplicitBuilder,
  wantedConfigText,
  type BuilderInfo
} from '../buildx/builder.js'
import { buildkitdFlagsFor, newBuilderName } from '../buildx/builder-choice.js'
import { runBuildx, runBuildxChecked, type Buildx } from '../buildx/buildx.js'
import { setupBuildx } from '../buildx/install.js'
import { versionAtLeast } from '../buildx/version.js'
import { daemonUsesContainerdStore } from '../docker/daemon.js'
import { dockerLogin, registryName } from '../docker/login.js'
import { chooseEngine, type EngineChoice } from '../inputs/engine-choice.js'
import type { Capabilities, Settings } from '../inputs/parse.js'
import type { BuildPlan } from '../inputs/plan.js'
import { processRunner } from '../process/exec.js'
import { InputError } from '../errors.js'
import { setBuilderPlatforms } from './outputs.js'
import { saveState, type State } from './state.js'
import { buildkitdConfigFile } from './workspace.js'
import { engineFacts } from './depot.js'

export interface Builder {
  name: string
  driver: string
  platforms: string[]
}

/** buildx set up, its builder, and what they can do. */
export interface BuildxSetup {
  bx: Buildx
  builder: Builder
  caps: Capabilities
  /** the daemon's own builder is inspected while the build runs; this settles it */
  settleInspect: () => Promise<void>
}

/** Chooses buildx or Depot and logs in to the registry. */
export async function chooseEngineAndLogIn(plan: BuildPlan, state: State): Promise<EngineChoice> {
  const s = plan.settings
  const choice = chooseEngine(engineFacts(plan))
  state.engine = choice.engine
  state.engineReason = choice.reason
  saveState(state)
  if (choice.warning) core.warning(choice.warning)
  core.info(`engine: ${choice.engine} (${choice.reason})`)
  const logins = [...(s.login ? [s.login] : []), ...s.registryAuth]
  state.logout = s.logout
  for (const login of logins) {
    // recorded before the login runs: a failed or cancelled main still gets its logout in post
    state.loginRegistries.push(login.registry)
    saveState(state)
    await core.group(`Log in to ${registryName(login.registry)}`, async () => {
      await dockerLogin(login, processRunner)
      core.info(`logged in to ${registryName(login.registry)} as ${login.username}${s.logout ? '; post logs out' : ''}`)
    })
  }
  return choice
}

async function setUpBuilder(plan: BuildPlan, state: State, bx: Buildx, implicit: string | undefined): Promise<Builder> {
  const s = plan.settings
  const scopedName = plan.scopedBuilder
  let name = implicit ?? s.builder
  const exists = async (n: string) => (await runBuildx(bx, inspectBuilderArgs(n))).code === 0
  if (!name && s.driver === 'docker') {
    name = defaultBuilderName()
  } else if (!name && scopedName && (await exists(scopedName))) {
    name = scopedName
    core.info(`reusing builder ${name} (builder-scope: ${s.builderScope})`)
  } else if (!name) {
    name = scopedName ?? newBuilderName()
    const configFile = buildkitdConfigFile(s, state.tempDir)
    try {
      await runBuildxChecked(bx, createBuilderArgs(s, { name, configFile }))
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
  const info = await inspectBuilder(bx, name)
  if (scopedName && name === scopedName) {
    const mismatch =
      scopedBuilderMismatch(info, { driver: s.driver, endpoint: s.endpoint }) ||
      (s.driver === 'docker-container' ? await dockerContainerBuilderMismatch(s, state, info) : '')
    if (mismatch)
      throw new InputError(
        'builder-scope',
        `builder ${name} exists, but ${mismatch}: it was not made from these settings, so it is not used; remove it (docker buildx rm ${name}) or choose another builder-scope`
      )
  }
  const platforms = [...new Set(info.nodes.flatMap(n => n.platforms))]
  core.info(`builder ${name}: driver ${info.driver}, ${info.nodes.length} node(s), platforms ${platforms.join(', ')}`)
  return { name, driver: info.driver || s.driver, platforms }
}

/** A scoped docker-container builder against what these settings would make of it (see dockerContainerMismatch). */
async function dockerContainerBuilderMismatch(s: Settings, state: State, info: BuilderInfo): Promise<string> {
  const want = {
    driverOpts: driverOptsMap(s.driverOpts),
    flags: shellWords(buildkitdFlagsFor(s.driver, s.buildkitdFlags)),
    config: wantedConfigText(buildkitdConfigFile(s, state.tempDir))
  }
  return dockerContainerMismatch(readStoredNodes(info.name), await nodeContainers(info.nodes.map(n => n.name)), want)
}

/** Sets buildx and the builder up and probes what they can do. */
export async function setUpBuildx(plan: BuildPlan, state: State): Promise<BuildxSetup> {
  const s = plan.settings
  // Probed while buildx and the builder are set up: only the docker driver needs the answer.
  const storeProbe = daemonUsesContainerdStore(processRunner).catch(() => false)
  const bx = await core.group('Set up buildx', async () => {
    const b = await setupBuildx(s.buildxVersion, s.buildxDownloadUrl, processRunner, s.buildxSha256)
    state.buildxCmd = b.cmd
    state.buildxPrefix = b.prefix
    state.buildxVersion = b.version
    saveState(state)
    core.info(`buildx ${b.version} (${[b.cmd, ...b.prefix].join(' ')})`)
    return b
  })

  // No builder or driver input: the job's current builder, or one made for what the daemon's cannot build.
  const found = await useImplicitBuilder(s, bx, storeProbe)
  if (found?.createdFor !== undefined) {
    state.builder = found.name
    state.builderCreated = true
    state.builderReason = found.createdFor
    saveState(state)
  }
  const implicit = found?.name
  // The daemon's own builder (driver docker) needs nothing set up and its driver is known: it is
  // inspected (for builder-platforms) while the build runs, off the step's critical path.
  const daemonsOwn = !s.builder && !implicit && s.driver === 'docker' && !plan.scopedBuilder
  const builder = daemonsOwn
    ? { name: defaultBuilderName(), driver: 'docker', platforms: [] as string[] }
    : await core.group('Set up the builder', () => setUpBuilder(plan, state, bx, implicit))
  const pendingInspect = daemonsOwn
    ? inspectBuilder(bx, builder.name).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
    : undefined
  state.builder = builder.name
  state.driver = builder.driver
  saveState(state)
  core.setOutput('builder-name', builder.name)
  core.setOutput('builder-driver', builder.driver)
  if (!pendingInspect) setBuilderPlatforms(builder.platforms)

  const caps: Capabilities = {
    buildxVersion: bx.version,
    containerdStore: builder.driver === 'docker' ? await storeProbe : true,
    historyAttachments: versionAtLeast(bx.version, '0.23.0'),
    driver: builder.driver as Capabilities['driver']
  }
  let settled: Promise<void> | undefined
  // the read-back and the record export both wait for it: it settles once
  const settleInspect = () => (settled ??= settle())
  const settle = async () => {
    if (!pendingInspect) return
    const info = await pendingInspect
    if (info instanceof Error) core.warning(`could not inspect builder ${builder.name}: ${info.message}`)
    else {
      builder.platforms = [...new Set(info.nodes.flatMap(n => n.platforms))]
      core.info(`builder ${builder.name}: driver ${info.driver}, ${info.nodes.length} node(s), platforms ${builder.platforms.join(', ')}`)
    }
    setBuilderPlatforms(builder.platforms)
  }
  return { bx, builder, caps, settleInspect }
}
