// Checks of the inputs against what the machine can do (buildx version, driver, image store), once
// it is probed, and where a frontend request other than build cannot go. Pure.
import { InputError } from '../errors.js'
import { CALL_MIN_BUILDX, type CallRequest } from './call.js'
import { parseCsvFields } from './lists.js'
import type { Capabilities, Settings } from './settings.js'
import { versionAtLeast } from './version.js'

/** Where a request other than build cannot go: a merge, a platform split, Depot's CLI (no --call). */
export function checkCall(call: CallRequest, where: { merge: boolean; platformSplit: boolean; depotOnly: boolean }): void {
  if (call.name === 'build') return
  if (where.merge) throw new InputError('call', `${call.name} asks the Dockerfile frontend; mode: merge builds nothing from a Dockerfile`)
  if (where.platformSplit) throw new InputError('call', `${call.name} builds nothing to split; drop platform-split`)
  if (where.depotOnly)
    throw new InputError(
      'call',
      `${call.name} needs buildx's --call, which the depot CLI does not have; use engine: buildx or auto, or depot-fallback: true`
    )
}

export function checkAgainstCapabilities(s: Settings, caps: Capabilities, kind: 'build' | 'bake' = 'build'): void {
  const callMin = CALL_MIN_BUILDX[kind]
  if (s.call.name !== 'build' && !versionAtLeast(caps.buildxVersion, callMin)) {
    throw new InputError(
      'call',
      `${s.call.name} needs buildx ${callMin} or later for ${kind} --call; this buildx is ${caps.buildxVersion || 'of unknown version'}`
    )
  }
  if (caps.driver === 'docker' && (s.platformSplit || s.pushByDigest)) {
    throw new InputError(
      s.platformSplit ? 'platform-split' : 'push-by-digest',
      'pushing by digest needs a builder with its own BuildKit (driver docker-container, remote or kubernetes); the docker driver cannot push by digest'
    )
  }
  if (!versionAtLeast(caps.buildxVersion, '0.10.0') && (s.provenance || s.sbom)) {
    throw new InputError(
      s.provenance ? 'provenance' : 'sbom',
      `needs buildx 0.10 or later; this buildx is ${caps.buildxVersion || 'of unknown version'}`
    )
  }
  if (s.load && s.push && (s.files.length > 0 || s.targets.length > 0) && !versionAtLeast(caps.buildxVersion, '0.14.0')) {
    // Seen with buildx 0.13.1: the bake loads the image and silently does not push it.
    throw new InputError(
      'load',
      `buildx ${caps.buildxVersion} bakes keep only one of push and load (the image is loaded and not pushed); use a newer buildx (buildx-version), or give each target its outputs in the definition`
    )
  }
  if (s.load && s.platforms.length > 1 && !caps.containerdStore) {
    throw new InputError(
      'load',
      `loading ${s.platforms.length} platforms needs an engine with the containerd image store; this engine's classic store holds one platform. Build one platform to load, or push`
    )
  }
  if (caps.driver === 'docker' && s.cacheTo.some(c => !c.includes('=') || parseCsvFields(c, 'cache-to')['type'] !== 'inline')) {
    if (!caps.containerdStore) {
      throw new InputError(
        'cache-to',
        'the docker driver without the containerd image store only supports inline cache export; use driver docker-container or remote'
      )
    }
  }
}
