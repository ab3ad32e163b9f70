// Every error class of the action, in one place: callers tell failures apart by class (an
// InputError names the input to fix and is exit code 2 for the CLI), never by message text.

/** The message of anything thrown: an Error's message, else the thrown value as text. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** A bad input: the message starts with the input's name. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(`${input}: ${message}`)
    this.name = 'InputError'
  }
}

/** A bad matrix, matrix-name or matrix tag template: an InputError naming that input. */
export class MatrixError extends InputError {
  constructor(input: string, message: string) {
    super(input, message)
    this.name = 'MatrixError'
  }
}

/** Bad CLI flags or config file: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** What a finished command left behind (the shape of process/exec's RunResult). */
export interface CommandOutput {
  code: number
  stdout: string
  stderr: string
}

/** A command exited non-zero; the message carries the last lines it wrote. */
export class CommandError extends Error {
  constructor(
    readonly cmd: string,
    readonly result: CommandOutput
  ) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n')
    super(`${cmd} exited with code ${result.code}${tail ? `: ${tail}` : ''}`)
    this.name = 'CommandError'
  }
}

/** The registry's HTTP API cannot be used from here (credential helper, odd auth): use buildx instead. */
export class RegistryUnreachable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RegistryUnreachable'
  }
}

/**
 * The registry answered with content that cannot be what was asked for: other bytes than the digest
 * names, or more than a manifest can be. Not a reason to ask again another way: an error.
 */
export class RegistryContentRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RegistryContentRefused'
  }
}

/** Depot could not be used; nothing was built. */
export class DepotUnavailable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DepotUnavailable'
  }
}
