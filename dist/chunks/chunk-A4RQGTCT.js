import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  CommandError,
  InputError
} from "./chunk-BD33GHV7.js";
import {
  require_semver
} from "./chunk-6I7YH7XL.js";
import {
  __toESM
} from "./chunk-Q4S23IGS.js";

// src/process/exec.ts
import { spawn } from "node:child_process";
function lastOutputLine(r) {
  return (r.stderr || r.stdout).trim().split("\n").pop() ?? "";
}
function succeeded(r, what, fail) {
  if (r.code === 0) return r;
  throw fail ? fail(lastOutputLine(r), r) : new CommandError(what, r);
}
async function runChecked(runner, cmd, args, opts = {}, fail) {
  return succeeded(await runner.run(cmd, args, opts), `${cmd} ${args.slice(0, 3).join(" ")}`, fail);
}
function childEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (!/^(INPUT|STATE)_/i.test(k)) out[k] = v;
  return out;
}
var ID_TOKEN_REQUEST = /^ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)$/i;
function withoutIdTokenRequest(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !ID_TOKEN_REQUEST.test(k)));
}
function buildToolRunner(runner) {
  return { run: (cmd, args, opts = {}) => runner.run(cmd, args, { ...opts, env: withoutIdTokenRequest(opts.env ?? process.env) }) };
}
var STREAMED_TAIL_BYTES = 1 << 20;
var MAX_LINE_CHARS = 64 * 1024;
var OutputBuffer = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  chunks = [];
  size = 0;
  push(chunk) {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit) this.size -= this.chunks.shift()?.length ?? 0;
  }
  text() {
    const all = Buffer.concat(this.chunks);
    return (all.length > this.limit ? all.subarray(all.length - this.limit) : all).toString("utf8");
  }
};
var running = /* @__PURE__ */ new Set();
function terminateAll(signal = "SIGTERM") {
  let n = 0;
  for (const child of running) {
    if (child.pid !== void 0 && child.exitCode === null) {
      try {
        process.kill(-child.pid, signal);
        n++;
      } catch {
        try {
          child.kill(signal);
          n++;
        } catch {
        }
      }
    }
  }
  return n;
}
function waitForChildren(timeoutMs) {
  const pending = [...running].filter((c) => c.exitCode === null && c.signalCode === null);
  if (pending.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      terminateAll("SIGKILL");
      resolve();
    }, timeoutMs);
    let left = pending.length;
    for (const c of pending) {
      c.once("close", () => {
        if (--left === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}
var processRunner = {
  run(cmd, args, opts = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, args, {
        env: childEnv(opts.env ?? process.env),
        cwd: opts.cwd,
        stdio: ["pipe", "pipe", "pipe"],
        // its own process group, so cancellation can stop the whole tree
        detached: true
      });
      running.add(child);
      const out = new OutputBuffer(opts.onLine ? STREAMED_TAIL_BYTES : Infinity);
      const err = new OutputBuffer(opts.onLine ? STREAMED_TAIL_BYTES : Infinity);
      const partial = { stdout: "", stderr: "" };
      const feed = (stream, chunk) => {
        ;
        (stream === "stdout" ? out : err).push(chunk);
        if (!opts.onLine) return;
        const text = partial[stream] + chunk.toString("utf8");
        const lines = text.split("\n");
        partial[stream] = lines.pop() ?? "";
        while (partial[stream].length > MAX_LINE_CHARS) {
          opts.onLine(partial[stream].slice(0, MAX_LINE_CHARS), stream);
          partial[stream] = partial[stream].slice(MAX_LINE_CHARS);
        }
        for (const l of lines) opts.onLine(l, stream);
      };
      child.stdout.on("data", (c) => feed("stdout", c));
      child.stderr.on("data", (c) => feed("stderr", c));
      child.on("error", (e) => {
        running.delete(child);
        reject(new Error(`cannot run ${cmd}: ${e.message}`));
      });
      child.on("close", (code, signal) => {
        running.delete(child);
        if (opts.onLine) {
          if (partial.stdout) opts.onLine(partial.stdout, "stdout");
          if (partial.stderr) opts.onLine(partial.stderr, "stderr");
        }
        resolve({
          code: code ?? (signal ? 128 : 1),
          stdout: out.text(),
          stderr: err.text()
        });
      });
      child.stdin.on("error", () => void 0);
      child.stdin.end(opts.input ?? "");
    });
  }
};

// src/inputs/lists.ts
function readCsv(text, records) {
  const out = [];
  let fields = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let quotedEnd = 0;
  let line = 1;
  let quoteLine = 1;
  const finishField = () => {
    fields.push(
      wasQuoted ? { value: field.slice(0, quotedEnd) + field.slice(quotedEnd).trimEnd(), quoted: true } : { value: field, quoted: false }
    );
    field = "";
    wasQuoted = false;
  };
  const finishRecord = () => {
    finishField();
    if (!records || fields.length > 1 || fields[0]?.quoted || fields[0]?.value.trim() !== "") out.push(fields);
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "\n") line++;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        quotedEnd = field.length;
      }
    } else if (records && (c === "\n" || c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") {
        i++;
        line++;
      }
      finishRecord();
    } else if (c === '"' && !wasQuoted && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      field = "";
    } else if (records && c === "#" && fields.length === 0 && !wasQuoted && field.trim() === "") {
      while (i + 1 < text.length && text[i + 1] !== "\n" && !(text[i + 1] === "\r" && text[i + 2] === "\n")) i++;
    } else if (c === ",") {
      finishField();
    } else {
      field += c;
    }
  }
  if (quoted) return { records: out, unterminated: quoteLine };
  finishRecord();
  return { records: out, unterminated: 0 };
}
function splitCsv(line, input) {
  const read = readCsv(line, false);
  if (read.unterminated) throw new InputError(input, `unterminated quote in ${JSON.stringify(clip(line))}`);
  return (read.records[0] ?? []).map((f) => f.quoted ? f.value : f.value.trim());
}
function csvRecords(value, input) {
  const read = readCsv(value, true);
  if (read.unterminated) throw new InputError(input, `unterminated quote: the entry starting on line ${read.unterminated} has no closing "`);
  return read.records;
}
function parseList(value, input, opts = {}) {
  const split = opts.split ?? (opts.comma ? "comma" : "record");
  if (split === "lines") {
    return value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  }
  const records = csvRecords(value, input);
  if (split === "comma") return records.flatMap((r) => r.map((f) => f.quoted ? f.value : f.value.trim())).filter((v) => v !== "");
  return records.map(
    (r) => r.map((f) => f.value).join(",").trim()
  ).filter((v) => v !== "");
}
function parseKeyValues(items, input) {
  return items.map((item) => {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new InputError(input, `expected KEY=VALUE, got ${JSON.stringify(clip(item))}`);
    const key = item.slice(0, eq);
    if (/\s/.test(key)) throw new InputError(input, `key ${JSON.stringify(key)} contains whitespace`);
    return [key, item.slice(eq + 1)];
  });
}
function parseCsvFields(value, input) {
  const out = {};
  for (const field of splitCsv(value, input)) {
    const eq = field.indexOf("=");
    if (eq <= 0) throw new InputError(input, `expected key=value in ${JSON.stringify(clip(value))}, got ${JSON.stringify(clip(field))}`);
    out[field.slice(0, eq).trim().toLowerCase()] = field.slice(eq + 1);
  }
  return out;
}
function parseBool(value, input, dflt) {
  const v = value.trim();
  if (v === "") return dflt;
  if (["true", "True", "TRUE"].includes(v)) return true;
  if (["false", "False", "FALSE"].includes(v)) return false;
  throw new InputError(input, `expected true or false (true, True, TRUE, false, False or FALSE), got ${JSON.stringify(clip(value))}`);
}
function clip(s, max = 80) {
  return s.length > max ? `${s.slice(0, max)}\u2026` : s;
}
function checkToolVersion(v, input, example) {
  if (v !== "" && !/^(latest|installed|v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/.test(v)) {
    throw new InputError(input, `expected latest, installed or a version like ${example}, got ${JSON.stringify(clip(v))}`);
  }
  return v;
}
function isLoopbackUrl(v) {
  let host;
  try {
    host = new URL(v).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function checkHttpUrl(v, input) {
  if (v && !/^https?:\/\/[^\s]+$/.test(v)) throw new InputError(input, `expected an http(s) URL, got ${JSON.stringify(clip(v))}`);
  if (v.startsWith("http://") && !isLoopbackUrl(v))
    throw new InputError(
      input,
      `${JSON.stringify(clip(v))} is plain http: the binary and the checksums it is checked against would both come over a connection anyone on the way can change; use https (plain http is accepted only for a mirror on this machine: localhost, 127.0.0.1, [::1])`
    );
  return v;
}
function checkPinnedSha256(raw, input, version, versionInput, what) {
  const sha = raw.trim().toLowerCase().replace(/^sha256:/, "");
  if (!sha) return "";
  if (!/^[a-f0-9]{64}$/.test(sha)) throw new InputError(input, `expected ${what} sha256 as 64 hex digits, got ${JSON.stringify(clip(sha))}`);
  if (version === "installed")
    throw new InputError(
      input,
      `verifies a download; ${versionInput}: installed downloads nothing (give the exact ${versionInput} it belongs to)`
    );
  if (version === "")
    throw new InputError(input, `verifies a download; give the exact ${versionInput} it belongs to (empty may download nothing)`);
  if (version === "latest") throw new InputError(input, `pins one release; give the exact ${versionInput} it belongs to`);
  return sha;
}

// src/inputs/version.ts
var import_semver = __toESM(require_semver(), 1);
function versionAtLeast(version, min) {
  const v = import_semver.default.coerce(version);
  return v !== null && import_semver.default.gte(v, min);
}

// src/buildx/buildx.ts
function runBuildx(bx, args, opts) {
  return bx.runner.run(bx.cmd, [...bx.prefix, ...args], opts);
}
async function runBuildxChecked(bx, args, opts = {}, fail) {
  return succeeded(await runBuildx(bx, args, opts), `buildx ${args.slice(0, 2).join(" ")}`, fail);
}

// src/docker/config.ts
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
function dockerConfigDir(env = process.env, home = os.homedir()) {
  return env["DOCKER_CONFIG"] || path.join(home, ".docker");
}
function readDockerConfig() {
  const file = path.join(dockerConfigDir(), "config.json");
  return existsSync(file) ? readFileSync(file, "utf8") : void 0;
}
function currentContextName(env, configJson) {
  if (env["DOCKER_HOST"]) return "default";
  if (env["DOCKER_CONTEXT"]) return env["DOCKER_CONTEXT"];
  try {
    const current = JSON.parse(configJson ?? "{}").currentContext;
    return typeof current === "string" && current ? current : "default";
  } catch {
    return "default";
  }
}

// src/buildx/version.ts
function parseBuildxVersion(out) {
  const m = /buildx\s+v?(\d+\.\d+\.\d+)/.exec(out) ?? /\bv?(\d+\.\d+\.\d+)/.exec(out);
  return m?.[1] ?? "";
}
var MIN_INSTALLED_BUILDX = "0.13.0";

// src/buildx/builder-choice.ts
function newBuilderName(random = Math.random) {
  return `build-image-${random().toString(16).slice(2, 10)}`;
}
var DEFAULT_BUILDKITD_FLAGS = "--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host";
function takesBuildkitdFlags(driver) {
  return driver === "docker-container" || driver === "kubernetes";
}
function buildkitdFlagsFor(driver, given) {
  return given || (takesBuildkitdFlags(driver) ? DEFAULT_BUILDKITD_FLAGS : "");
}
function dockerDriverCannot(s, containerdStore) {
  if (s.pushByDigest || s.platformSplit) return "the docker driver cannot push by digest";
  if (containerdStore) return void 0;
  if (s.platforms.length > 1 && s.load) return void 0;
  if (s.platforms.length > 1) return `the docker driver cannot build ${s.platforms.length} platforms on the engine's classic image store`;
  const other = s.cacheTo.map((c) => c.includes("=") ? parseCsvFields(c, "cache-to")["type"] ?? "" : "registry").find((t) => t !== "inline");
  return other === void 0 ? void 0 : `the docker driver exports only inline cache on the engine's classic image store (cache-to type=${other})`;
}
function chooseBuilder(f) {
  if (f.builderGiven || f.driverGiven) return { use: "inputs" };
  if (f.current && f.current.driver !== "docker") return { use: "current", name: f.current.name };
  if (f.daemonBuilderCannot) return { use: "automatic", reason: f.daemonBuilderCannot };
  return f.current ? { use: "current", name: f.current.name } : { use: "daemon" };
}

// src/buildx/args.ts
function attestationsSupported(caps) {
  if (!versionAtLeast(caps.buildxVersion, "0.10.0")) return false;
  return caps.driver !== "docker" || caps.containerdStore;
}
function attestsType(s, type) {
  return s.attests.some((a) => parseCsvFields(a, "attests")["type"] === type);
}
function provenanceArg(s, ctx) {
  if (s.provenance !== "") return s.provenance;
  if (attestsType(s, "provenance")) return void 0;
  if (s.noDefaultAttestations) return void 0;
  if (!attestationsSupported(ctx.caps)) return void 0;
  const mode = ctx.publicRepo ? "max" : "min";
  return ctx.builderId ? `mode=${mode},builder-id=${ctx.builderId}` : `mode=${mode}`;
}
function hasLocalOrTarOutput(outputs) {
  return outputs.some((o) => !o.includes("=") || ["local", "tar"].includes(parseCsvFields(o, "outputs")["type"] ?? ""));
}
function csvField(key, value) {
  return /[,"]/.test(value) ? `"${key}=${value.replaceAll('"', '""')}"` : `${key}=${value}`;
}
function secretSpecs(s, files) {
  return s.secrets.map((sec) => {
    if (sec.kind === "value") {
      const path2 = files.secretFiles.get(sec.id);
      if (!path2) throw new Error(`internal: no file written for secret ${sec.id}`);
      return `id=${sec.id},${csvField("src", path2)}`;
    }
    return sec.kind === "file" ? `id=${sec.id},${csvField("src", sec.source)}` : `id=${sec.id},env=${sec.source}`;
  });
}
function bakeSecretSets(s, files) {
  return secretSpecs(s, files).map((spec) => `*.secrets=${spec}`);
}
function secretArgs(s, files) {
  return repeat("--secret", secretSpecs(s, files));
}
function repeat(flag, values) {
  return values.flatMap((v) => [flag, v]);
}
function daemonPushesTwice(caps) {
  return caps.driver === "docker" && caps.containerdStore && !versionAtLeast(caps.buildxVersion, "0.22.0");
}
var PUSH_ONCE_OUTPUT = "type=image,push=";
function buildArgs(s, ctx, files, over = {}) {
  const flags = buildFlags(s, files, { pushOnce: daemonPushesTwice(ctx.caps), ...over, provenance: provenanceArg(s, ctx) });
  return ["build", "--builder", ctx.builder, "--progress", "plain", ...flags];
}
function buildFlags(s, files, over) {
  const args = [];
  if (s.file) args.push("--file", s.file);
  const tags = over.tags ?? s.tags;
  args.push(...repeat("--tag", tags));
  args.push(...repeat("--label", s.labels));
  args.push(...repeat("--annotation", s.annotations));
  args.push(
    ...repeat(
      "--build-arg",
      s.buildArgs.map(([k, v]) => `${k}=${v}`)
    )
  );
  args.push(...repeat("--build-context", s.buildContexts));
  args.push(...secretArgs(s, files));
  const platforms = over.platforms ?? s.platforms;
  if (platforms.length > 0) args.push("--platform", platforms.join(","));
  if (s.target) args.push("--target", s.target);
  if (over.call) {
    args.push("--call", over.call);
  } else if (over.pushByDigest) {
    args.push("--output", `type=image,name=${over.pushByDigest.name},push-by-digest=true,name-canonical=true,push=true`);
  } else if (s.push && over.pushOnce) {
    args.push("--output", PUSH_ONCE_OUTPUT, ...repeat("--output", s.outputs));
  } else {
    if (s.push) args.push("--push");
    if (s.load) args.push("--load");
    args.push(...repeat("--output", s.outputs));
  }
  args.push(...repeat("--cache-from", s.cacheFrom));
  if (!over.call) args.push(...repeat("--cache-to", s.cacheTo));
  if (over.provenance !== void 0) args.push("--provenance", over.provenance);
  if (s.sbom) args.push("--sbom", s.sbom);
  args.push(...repeat("--attest", s.attests));
  if (s.noCache) args.push("--no-cache");
  args.push(...repeat("--no-cache-filter", s.noCacheFilters));
  args.push(...repeat("--ssh", s.ssh));
  if (s.cgroupParent) args.push("--cgroup-parent", s.cgroupParent);
  if (s.pull) args.push("--pull");
  if (s.network) args.push("--network", s.network);
  if (s.shmSize) args.push("--shm-size", s.shmSize);
  args.push(...repeat("--ulimit", s.ulimit));
  args.push(...repeat("--add-host", s.addHosts));
  if (s.allow.length > 0) args.push("--allow", s.allow.join(","));
  args.push("--metadata-file", files.metadataFile);
  if (over.call || !hasLocalOrTarOutput(s.outputs)) args.push("--iidfile", files.iidFile);
  args.push("--", s.context);
  return args;
}
function bakeArgs(s, ctx, opts) {
  const args = ["bake", "--builder", ctx.builder, "--progress", "plain"];
  args.push(...repeat("--file", opts.files));
  args.push(...repeat("--set", opts.set));
  args.push(...opts.varArgs ?? []);
  if (opts.allow.length > 0 && versionAtLeast(ctx.caps.buildxVersion, "0.19.0")) args.push(...repeat("--allow", opts.allow));
  const once = s.push && opts.pushOnceTargets !== void 0 && opts.pushOnceTargets.length > 0 ? opts.pushOnceTargets : void 0;
  if (once)
    args.push(
      ...repeat(
        "--set",
        once.map((t) => `${t}.output=${PUSH_ONCE_OUTPUT}`)
      )
    );
  if (opts.call) args.push("--call", opts.call);
  const quiet = once || opts.call ? { ...s, push: false, load: false } : s;
  args.push(...bakeOutputFlags(quiet, provenanceArg(s, ctx), opts.metadataFile, opts.targets));
  return args;
}
function bakeOutputFlags(s, provenance, metadataFile, targets) {
  const args = [];
  if (s.push) args.push("--push");
  if (s.load) args.push("--load");
  if (provenance !== void 0) args.push("--provenance", provenance);
  if (s.sbom) args.push("--sbom", s.sbom);
  if (s.noCache) args.push("--no-cache");
  if (s.pull) args.push("--pull");
  args.push("--metadata-file", metadataFile);
  args.push("--", ...targets);
  return args;
}
function createBuilderArgs(s, c) {
  const args = ["create", "--name", c.name, "--driver", s.driver];
  args.push(...repeat("--driver-opt", s.driverOpts));
  const flags = buildkitdFlagsFor(s.driver, s.buildkitdFlags);
  if (flags) args.push("--buildkitd-flags", flags);
  if (c.configFile) args.push("--buildkitd-config", c.configFile);
  if (s.builderPlatforms.length > 0) args.push("--platform", s.builderPlatforms.join(","));
  if (s.endpoint) args.push(s.endpoint);
  return args;
}
function imagetoolsCreateArgs(tags, sources, annotations, opts = {}) {
  const dryRun = opts.dryRun ? ["--dry-run"] : [];
  return ["imagetools", "create", ...dryRun, ...repeat("--tag", tags), ...repeat("--annotation", annotations), "--", ...sources];
}
function bakePrintArgs(files, set, targets, varArgs = []) {
  return ["bake", ...repeat("--file", files), ...repeat("--set", set), ...varArgs, "--print", "--", ...targets];
}
function versionArgs() {
  return ["version"];
}
function inspectBuilderArgs(name, opts = {}) {
  return ["inspect", ...opts.bootstrap ? ["--bootstrap"] : [], name];
}
function inspectCurrentBuilderArgs() {
  return ["inspect"];
}
function removeBuilderArgs(name) {
  return ["rm", name];
}
function imagetoolsInspectArgs(ref, view) {
  return "raw" in view ? ["imagetools", "inspect", "--raw", ref] : ["imagetools", "inspect", ref, "--format", view.format];
}
function historyInspectArgs(builder, ref) {
  return ["history", "inspect", "--builder", builder, ref, "--format", "json"];
}
function historyAttachmentArgs(builder, ref, select) {
  const args = ["history", "inspect", "--builder", builder, "attachment", ref];
  if ("index" in select) args.push("--type", "index");
  else if ("platform" in select) args.push("--platform", select.platform);
  else args.push(select.digest);
  return args;
}
function historyExportArgs(builder, refs, output, finalize) {
  return ["history", "export", "--builder", builder, ...finalize ? ["--finalize"] : [], "--output", output, ...refs];
}

export {
  parseList,
  parseKeyValues,
  parseCsvFields,
  parseBool,
  clip,
  checkToolVersion,
  isLoopbackUrl,
  checkHttpUrl,
  checkPinnedSha256,
  versionAtLeast,
  lastOutputLine,
  succeeded,
  runChecked,
  buildToolRunner,
  terminateAll,
  waitForChildren,
  processRunner,
  runBuildx,
  runBuildxChecked,
  dockerConfigDir,
  readDockerConfig,
  currentContextName,
  parseBuildxVersion,
  MIN_INSTALLED_BUILDX,
  newBuilderName,
  buildkitdFlagsFor,
  dockerDriverCannot,
  chooseBuilder,
  attestsType,
  hasLocalOrTarOutput,
  bakeSecretSets,
  repeat,
  daemonPushesTwice,
  buildArgs,
  buildFlags,
  bakeArgs,
  bakeOutputFlags,
  createBuilderArgs,
  imagetoolsCreateArgs,
  bakePrintArgs,
  versionArgs,
  inspectBuilderArgs,
  inspectCurrentBuilderArgs,
  removeBuilderArgs,
  imagetoolsInspectArgs,
  historyInspectArgs,
  historyAttachmentArgs,
  historyExportArgs
};
