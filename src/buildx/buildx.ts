// The one place buildx is started: argv from args.ts, and the `buildx` word in front of it only
// when buildx runs as the docker CLI plugin.
import { succeeded, type Failure, type RunOptions, type RunResult, type Runner } from '../process/exec.js'

/** A buildx to run: the docker CLI plugin (`docker buildx ...`) or a standalone binary. */
export interface Buildx {
  cmd: string
  /** argv prefix: ['buildx'] for the docker plugin, [] for the standalone binary */
  prefix: string[]
  version: string
  runner: Runner
}

/** Runs buildx with argv that starts at the subcommand (as args.ts builds it). */
export function runBuildx(bx: Buildx, args: string[], opts?: RunOptions): Promise<RunResult> {
  return bx.runner.run(bx.cmd, [...bx.prefix, ...args], opts)
}

/**
 * Runs buildx where only success will do: a non-zero exit throws `fail`'s error (given buildx's
 * last output line), else a CommandError naming the subcommand.
 */
export async function runBuildxChecked(bx: Buildx, args: string[], opts: RunOptions = {}, fail?: Failure): Promise<RunResult> {
  return succeeded(await runBuildx(bx, args, opts), `buildx ${args.slice(0, 2).join(' ')}`, fail)
}
