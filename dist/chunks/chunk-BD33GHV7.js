import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);

// src/errors.ts
function messageOf(e) {
  return e instanceof Error ? e.message : String(e);
}
var InputError = class extends Error {
  constructor(input, message) {
    super(`${input}: ${message}`);
    this.input = input;
    this.name = "InputError";
  }
  input;
};
var MatrixError = class extends InputError {
  constructor(input, message) {
    super(input, message);
    this.name = "MatrixError";
  }
};
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};
var CommandError = class extends Error {
  constructor(cmd, result) {
    const tail = (result.stderr || result.stdout).trim().split("\n").slice(-5).join("\n");
    super(`${cmd} exited with code ${result.code}${tail ? `: ${tail}` : ""}`);
    this.cmd = cmd;
    this.result = result;
    this.name = "CommandError";
  }
  cmd;
  result;
};
var RegistryUnreachable = class extends Error {
  constructor(message) {
    super(message);
    this.name = "RegistryUnreachable";
  }
};
var RegistryContentRefused = class extends Error {
  constructor(message) {
    super(message);
    this.name = "RegistryContentRefused";
  }
};
var DepotUnavailable = class extends Error {
  constructor(message) {
    super(message);
    this.name = "DepotUnavailable";
  }
};

export {
  messageOf,
  InputError,
  MatrixError,
  UsageError,
  CommandError,
  RegistryUnreachable,
  RegistryContentRefused,
  DepotUnavailable
};
