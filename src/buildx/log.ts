// Build output and command lines in the step's log, where the runner reads `::` lines as commands.
import * as core from '../runner/commands.js'
import type { RunResult } from '../process/exec.js'
import { commandLine } from '../process/argv.js'

/**
 * Relays build output to the log. Buildx echoes input values and Dockerfile text in it, raw line
 * breaks included, and the runner reads any line that starts with `::` as a workflow command: an
 * unprefixed stream runs between ::stop-commands:: and its resume token, and a carriage return
 * (a line break to the runner) never starts a line of its own.
 */
export async function relayOutput(
  prefix: string,
  start: (onLine: (line: string) => void) => Promise<RunResult>,
  watch?: (line: string) => void
): Promise<{ code: number; log: string }> {
  const lines: string[] = []
  const relay = async (write: (line: string) => void) => {
    const r = await start(line => {
      lines.push(line)
      if (lines.length > 400) lines.shift()
      watch?.(line)
      for (const part of line.split('\r')) write(prefix ? `[${prefix}] ${part}` : part)
    })
    return { code: r.code, log: lines.join('\n') }
  }
  // Prefixed lines (parallel platform builds) start with '[': they cannot read as commands.
  return prefix ? relay(core.info) : core.withCommandsStopped(relay)
}

/** A buildx command line for the log (argv from the subcommand on, as args.ts builds it). */
export function buildxCommandLine(args: string[]): string {
  return `buildx ${commandLine(args)}`
}
