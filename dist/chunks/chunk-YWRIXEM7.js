import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  DEFAULT_BUILDX_RELEASES,
  InputError,
  buildxAssetUrls,
  clip,
  error,
  getState,
  info,
  latestChecksumsUrl,
  nodeArch,
  parseBool,
  parseChecksums,
  parseCsvFields,
  parseKeyValues,
  parseList,
  readTarEntries,
  saveState,
  setOutput,
  versionFromChecksums,
  warning
} from "./chunk-JKXOTSZB.js";
import {
  require_semver
} from "./chunk-6I7YH7XL.js";
import {
  __toESM
} from "./chunk-Q4S23IGS.js";

// src/buildx/args.ts
var import_semver = __toESM(require_semver(), 1);
function versionAtLeast(version, min) {
  const v = import_semver.default.coerce(version);
  return v !== null && import_semver.default.gte(v, min);
}
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
  if (!attestationsSupported(ctx.caps)) return void 0;
  const mode = ctx.publicRepo ? "max" : "min";
  return ctx.builderId ? `mode=${mode},builder-id=${ctx.builderId}` : `mode=${mode}`;
}
function csvField(key, value) {
  return /[,"]/.test(value) ? `"${key}=${value.replaceAll('"', '""')}"` : `${key}=${value}`;
}
function secretSpecs(s, files) {
  return s.secrets.map((sec) => {
    if (sec.kind === "value") {
      const path5 = files.secretFiles.get(sec.id);
      if (!path5) throw new Error(`internal: no file written for secret ${sec.id}`);
      return `id=${sec.id},${csvField("src", path5)}`;
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
function enginePushesTwice(caps) {
  return caps.driver === "docker" && caps.containerdStore && !versionAtLeast(caps.buildxVersion, "0.22.0");
}
var PUSH_ONCE_OUTPUT = "type=image,push=";
function buildArgs(s, ctx, files, over = {}) {
  const flags = buildFlags(s, files, { pushOnce: enginePushesTwice(ctx.caps), ...over, provenance: provenanceArg(s, ctx) });
  return ["buildx", "build", "--builder", ctx.builder, "--progress", "plain", ...flags];
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
  if (over.pushByDigest) {
    args.push("--output", `type=image,name=${over.pushByDigest.name},push-by-digest=true,name-canonical=true,push=true`);
  } else if (s.push && over.pushOnce) {
    args.push("--output", PUSH_ONCE_OUTPUT, ...repeat("--output", s.outputs));
  } else {
    if (s.push) args.push("--push");
    if (s.load) args.push("--load");
    args.push(...repeat("--output", s.outputs));
  }
  args.push(...repeat("--cache-from", s.cacheFrom));
  args.push(...repeat("--cache-to", s.cacheTo));
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
  args.push("--metadata-file", files.metadataFile, "--iidfile", files.iidFile);
  args.push("--", s.context);
  return args;
}
function sshEntitlements(ssh, resolve) {
  const out = ssh.flatMap((entry) => {
    const eq = entry.indexOf("=");
    if (eq < 0) return ["ssh"];
    return entry.slice(eq + 1).split(",").filter(Boolean).map((p) => `fs.read=${resolve(p)}`);
  });
  return [...new Set(out)];
}
function bakeArgs(s, ctx, opts) {
  const args = ["buildx", "bake", "--builder", ctx.builder, "--progress", "plain"];
  args.push(...repeat("--file", opts.files));
  args.push(...repeat("--set", opts.set));
  if (opts.allow.length > 0 && versionAtLeast(ctx.caps.buildxVersion, "0.19.0")) args.push(...repeat("--allow", opts.allow));
  const once = s.push && opts.pushOnceTargets !== void 0 && opts.pushOnceTargets.length > 0 ? opts.pushOnceTargets : void 0;
  if (once)
    args.push(
      ...repeat(
        "--set",
        once.map((t) => `${t}.output=${PUSH_ONCE_OUTPUT}`)
      )
    );
  args.push(...bakeOutputFlags(once ? { ...s, push: false, load: false } : s, provenanceArg(s, ctx), opts.metadataFile, opts.targets));
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
  const args = ["buildx", "create", "--name", c.name, "--driver", s.driver];
  args.push(...repeat("--driver-opt", s.driverOpts));
  if (s.buildkitdFlags) args.push("--buildkitd-flags", s.buildkitdFlags);
  if (c.configFile) args.push("--buildkitd-config", c.configFile);
  if (s.builderPlatforms.length > 0) args.push("--platform", s.builderPlatforms.join(","));
  if (s.endpoint) args.push(s.endpoint);
  return args;
}
function imagetoolsCreateArgs(tags, sources, annotations) {
  return ["buildx", "imagetools", "create", ...repeat("--tag", tags), ...repeat("--annotation", annotations), ...sources];
}

// src/registry/reference.ts
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
var PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
var NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
var TAG = "[\\w][\\w.-]{0,127}";
var DIGEST = "sha256:[a-f0-9]{64}";
var REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
var DIGEST_RE = new RegExp(`^${DIGEST}$`);
function parseReference(ref) {
  if (ref.length > 512) return void 0;
  const m = REFERENCE_RE.exec(ref);
  if (!m) return void 0;
  const name = m[1] ?? "";
  if (name.length > 255) return void 0;
  return { name, tag: m[2] ?? "", digest: m[3] ?? "" };
}
function splitDomain(name) {
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  if (!first || !(first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase())) {
    return ["docker.io", name];
  }
  return [first === "index.docker.io" ? "docker.io" : first, name.slice(slash + 1)];
}
function registryOf(name) {
  return splitDomain(name)[0];
}
function repositoryPath(name) {
  const [host, rest] = splitDomain(name);
  return host === "docker.io" && !rest.includes("/") ? `library/${rest}` : rest;
}

// src/runner/isolation.ts
import { createHash } from "node:crypto";
var BUILDER_SCOPES = ["none", "job", "branch", "repo", "actor"];
function scopeEnvFrom(env) {
  return {
    repository: env["GITHUB_REPOSITORY"] ?? "",
    refName: env["GITHUB_REF_NAME"] ?? "",
    actor: env["GITHUB_ACTOR"] ?? "",
    runId: env["GITHUB_RUN_ID"] ?? "",
    job: env["GITHUB_JOB"] ?? ""
  };
}
function scopeKey(scope, env, fork = "") {
  const need = (value, variable) => {
    if (!value) throw new InputError("builder-scope", `${scope} scope needs ${variable}, which is not set`);
    return value;
  };
  const parts = [scope, need(env.repository, "GITHUB_REPOSITORY").toLowerCase()];
  if (scope === "branch") parts.push(need(env.refName, "GITHUB_REF_NAME"));
  if (scope === "actor") parts.push(need(env.actor, "GITHUB_ACTOR").toLowerCase());
  if (scope === "job") parts.push(need(env.runId, "GITHUB_RUN_ID"), need(env.job, "GITHUB_JOB"));
  if (fork) parts.push(`fork:${fork.toLowerCase()}`);
  return JSON.stringify(parts);
}
function scopedBuilderName(scope, env, fork = "") {
  if (scope === "none") return void 0;
  const hash = createHash("sha256").update(scopeKey(scope, env, fork)).digest("hex").slice(0, 12);
  return `build-image-${scope}-${hash}`;
}
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"];
function fullName(repo) {
  if (typeof repo !== "object" || repo === null) return void 0;
  const name = repo.full_name;
  return typeof name === "string" && name ? name : void 0;
}
function forkOf(eventName, event) {
  if (!PULL_REQUEST_EVENTS.includes(eventName)) return "";
  const e = typeof event === "object" && event !== null ? event : {};
  const head = fullName(e.pull_request?.head?.repo);
  const base = fullName(e.repository);
  if (!head || !base) return head ?? "unknown fork";
  return head.toLowerCase() === base.toLowerCase() ? "" : head;
}
function cacheType(entry) {
  if (!entry.includes("=")) return "registry";
  const m = /(?:^|,)\s*"?type=([^,"]*)/.exec(entry);
  return m?.[1]?.trim() ?? "";
}
function cacheToForRun(cacheTo, fork, allowForkCacheWrite) {
  if (!fork || allowForkCacheWrite || cacheTo.length === 0) return { cacheTo };
  const kept = cacheTo.filter((c) => cacheType(c) === "inline");
  const dropped = cacheTo.length - kept.length;
  if (dropped === 0) return { cacheTo };
  return {
    cacheTo: kept,
    warning: `cache-to: ${dropped} cache export(s) dropped: this run was started by a pull request from the fork ${fork}, which must not write to a shared cache (set allow-fork-cache-write: true to allow it)`
  };
}

// src/oci/platform.ts
function platformString(p) {
  if (!p) return "";
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
var PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9.]+)?$/;
function isPlatform(p) {
  return PLATFORM_RE.test(p);
}
function normalizePlatform(p) {
  const [os3 = "", arch = "", variant] = p.toLowerCase().split("/");
  let a = arch;
  let v = variant;
  if (a === "aarch64") a = "arm64";
  if (a === "x86_64" || a === "x86-64") a = "amd64";
  if (a === "i386") a = "386";
  if (a === "armhf") [a, v] = ["arm", "v7"];
  if (a === "armel") [a, v] = ["arm", "v6"];
  if (a === "arm64" && (v === "v8" || v === "8")) v = void 0;
  if (a === "amd64" && v === "v1") v = void 0;
  if (a === "arm" && (v === void 0 || v === "" || v === "7")) v = "v7";
  if (a === "arm" && v && /^[568]$/.test(v)) v = `v${v}`;
  return v ? `${os3}/${a}/${v}` : `${os3}/${a}`;
}
function samePlatform(a, b) {
  return a === b || a !== "" && b !== "" && normalizePlatform(a) === normalizePlatform(b);
}

// src/inputs/parse.ts
var DRIVERS = ["docker", "docker-container", "remote", "kubernetes"];
var ENGINES = ["auto", "buildx", "depot"];
var MODES = ["build", "merge"];
var OUTPUT_TYPES = ["registry", "image", "docker", "oci", "tar", "local", "cacheonly"];
var CACHE_TYPES = ["registry", "local", "inline", "gha", "s3", "azblob"];
var MAX_INPUT_LENGTH = 64 * 1024;
function oneOf(value, allowed, input, dflt) {
  const v = value.trim() === "" ? dflt : value.trim();
  if (!allowed.includes(v)) {
    throw new InputError(input, `unknown value ${JSON.stringify(clip(v))}; expected one of ${allowed.join(", ")}`);
  }
  return v;
}
function checkPlatforms(items, input) {
  for (const p of items) {
    if (!isPlatform(p)) {
      throw new InputError(
        input,
        `${JSON.stringify(clip(p))} is not a platform; expected os/arch[/variant], e.g. linux/amd64 or linux/arm/v7`
      );
    }
  }
  if (new Set(items.map(normalizePlatform)).size !== items.length) throw new InputError(input, "a platform is listed twice");
  return items;
}
function checkTags(items, input, templated = false) {
  for (const t of items) {
    const ref = parseReference(templated ? t.replace(/\{\{\s*[A-Za-z_][A-Za-z0-9_-]*\s*\}\}/g, "x") : t);
    if (!ref)
      throw new InputError(input, `${JSON.stringify(clip(t))} is not a valid image reference (lowercase name, optional :tag, no spaces)`);
    if (ref.digest) throw new InputError(input, `${JSON.stringify(clip(t))} has a digest; a tag cannot be pushed to a digest`);
  }
  return items;
}
function checkTypedCsv(items, input, types) {
  for (const item of items) {
    if (!item.includes("=")) continue;
    const fields = parseCsvFields(item, input);
    const type = fields["type"];
    if (type === void 0) throw new InputError(input, `${JSON.stringify(clip(item))} has no type=`);
    if (!types.includes(type)) throw new InputError(input, `unknown type ${JSON.stringify(type)}; expected one of ${types.join(", ")}`);
  }
  return items;
}
function parseSecrets(read) {
  const secrets = [];
  const add = (input, kind) => {
    const lines = parseList(read(input), input);
    lines.forEach((line, i) => {
      if (line.indexOf("=") <= 0)
        throw new InputError(
          input,
          `line ${i + 1} is not id=${kind === "value" ? "value" : kind === "file" ? "path" : "VARIABLE"} (value not shown)`
        );
    });
    for (const [id, source] of parseKeyValues(lines, input)) {
      if (!/^[A-Za-z0-9_.-]+$/.test(id))
        throw new InputError(input, `secret id ${JSON.stringify(clip(id))} may only contain letters, digits, '_', '.', '-'`);
      if (kind !== "value" && source === "") throw new InputError(input, `secret ${id} names no ${kind === "file" ? "file" : "variable"}`);
      if (kind === "env" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(source))
        throw new InputError(input, `secret ${id}: ${JSON.stringify(clip(source))} is not an environment variable name`);
      if (kind === "file" && /[\n"]/.test(source)) throw new InputError(input, `secret ${id}: the path contains a newline or a quote`);
      if (secrets.some((s) => s.id === id)) throw new InputError(input, `secret id ${id} is given twice`);
      secrets.push({ id, kind, source });
    }
  };
  add("secrets", "value");
  add("secret-files", "file");
  add("secret-envs", "env");
  return secrets;
}
function checkAttest(value, input) {
  const v = value.trim();
  if (v === "" || /^(true|false)$/i.test(v)) return v.toLowerCase();
  const fields = parseCsvFields(v, input);
  if (fields["mode"] !== void 0 && !["min", "max"].includes(fields["mode"])) {
    throw new InputError(input, `mode must be min or max, got ${JSON.stringify(clip(fields["mode"]))}`);
  }
  return v;
}
function parseInputs(readRaw) {
  const read = (name) => {
    const v = readRaw(name);
    if (v.length > MAX_INPUT_LENGTH) throw new InputError(name, `value is ${v.length} characters; the limit is ${MAX_INPUT_LENGTH}`);
    if (v.includes("\0")) throw new InputError(name, "value contains a NUL character");
    return v;
  };
  const bool = (name, dflt) => parseBool(read(name), name, dflt);
  const list = (name, comma = false) => parseList(read(name), name, { comma });
  const mode = oneOf(read("mode"), MODES, "mode", "build");
  const engine = oneOf(read("engine"), ENGINES, "engine", "auto");
  const driver = oneOf(read("driver"), DRIVERS, "driver", "docker");
  const buildxVersion = checkToolVersion(read("buildx-version").trim() || "latest", "buildx-version", "0.29.1");
  const buildxDownloadUrl = checkHttpUrl(read("buildx-download-url").trim(), "buildx-download-url");
  const builder = read("builder").trim();
  if (builder && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(builder)) {
    throw new InputError("builder", `${JSON.stringify(clip(builder))} is not a builder name`);
  }
  const builderScope = oneOf(read("builder-scope"), BUILDER_SCOPES, "builder-scope", "none");
  if (builderScope !== "none" && builder)
    throw new InputError("builder-scope", "names the builder from the scope; give builder or builder-scope, not both");
  if (builderScope !== "none" && driver === "docker") {
    throw new InputError(
      "builder-scope",
      "a scoped builder is a builder of its own; the docker driver uses the engine's builder (use driver docker-container, remote or kubernetes)"
    );
  }
  const endpoint = read("endpoint").trim();
  if (driver === "remote" && !endpoint && !builder) {
    throw new InputError("endpoint", "the remote driver needs an endpoint, e.g. tcp://buildkitd:1234");
  }
  if (endpoint && !/^(tcp|unix|ssh|docker-container|kube-pod):\/\/[^\s]+$|^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(endpoint)) {
    throw new InputError(
      "endpoint",
      `${JSON.stringify(clip(endpoint))} is not an endpoint (tcp://host:port, unix:///path, or a docker context name)`
    );
  }
  const buildkitdConfig = read("buildkitd-config").trim();
  const buildkitdConfigInline = read("buildkitd-config-inline");
  if (buildkitdConfig && buildkitdConfigInline.trim()) {
    throw new InputError("buildkitd-config-inline", "give buildkitd-config or buildkitd-config-inline, not both");
  }
  if (driver === "docker" && (buildkitdConfig || buildkitdConfigInline.trim() || read("buildkitd-flags").trim()) && !builder) {
    throw new InputError(
      "driver",
      "buildkitd-config and buildkitd-flags need a builder with its own BuildKit (docker-container, remote or kubernetes); the docker driver uses the engine's"
    );
  }
  const platforms = checkPlatforms(list("platforms", true), "platforms");
  const pushByDigest = bool("push-by-digest", false);
  const push = bool("push", false) || pushByDigest;
  const load = bool("load", false);
  const outputs = checkTypedCsv(list("outputs"), "outputs", OUTPUT_TYPES);
  if (outputs.length > 0 && (push || load)) {
    throw new InputError("outputs", "push and load are shorthands for outputs; give one or the other");
  }
  const matrix = read("matrix");
  const tags = checkTags(list("tags", true), "tags", matrix.trim() !== "");
  const context = read("context").trim() || ".";
  const files = list("files");
  const targets = list("targets", true);
  for (const t of targets) {
    if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new InputError("targets", `${JSON.stringify(clip(t))} is not a bake target name`);
  }
  if (matrix.trim() && files.length > 0) throw new InputError("matrix", "give a matrix or bake files, not both");
  if (matrix.trim() && targets.length > 0)
    throw new InputError("targets", "the matrix names its own targets (matrix-name); drop targets or the matrix");
  checkModeInputs(
    mode === "merge" ? "merge" : matrix.trim() ? "matrix" : files.length > 0 || targets.length > 0 ? "bake" : "build",
    (name) => {
      const v = read(name).trim();
      if (name === "context") return v !== "" && v !== ".";
      return BOOLEAN_INPUTS.has(name) ? /^true$/i.test(v) : v !== "";
    }
  );
  if (pushByDigest && (load || outputs.length > 0))
    throw new InputError("push-by-digest", "pushes untagged to the registry; it cannot be combined with load or outputs");
  if (pushByDigest && tags.length === 0)
    throw new InputError("tags", "push-by-digest needs the repository to push to, e.g. ghcr.io/org/app");
  const maxParallelRaw = read("max-parallel").trim() || "4";
  if (!/^\d+$/.test(maxParallelRaw) || Number(maxParallelRaw) < 1 || Number(maxParallelRaw) > 64) {
    throw new InputError("max-parallel", `expected a whole number from 1 to 64, got ${JSON.stringify(clip(maxParallelRaw))}`);
  }
  const digests = list("digests", true);
  for (const [i, d] of digests.entries()) {
    const at = d.lastIndexOf("@");
    const digest = at >= 0 ? d.slice(at + 1) : d;
    if (!DIGEST_RE.test(digest) || at >= 0 && !parseReference(d)) {
      throw new InputError("digests", `entry ${i + 1} ${JSON.stringify(clip(d))} is not sha256:<64 hex> or repository@sha256:<64 hex>`);
    }
  }
  const digestsFrom = list("digests-from");
  if (mode === "merge") {
    if (digests.length === 0 && digestsFrom.length === 0)
      throw new InputError("digests", "merge mode needs the digests to merge (digests or digests-from)");
    if (tags.length === 0) throw new InputError("tags", "merge mode needs at least one tag to apply to the merged manifest list");
    const notIndex = list("annotations").find((a) => !INDEX_ANNOTATION.test(a));
    if (notIndex !== void 0)
      throw new InputError(
        "annotations",
        `merge mode annotates the manifest list only; ${JSON.stringify(clip(notIndex))} is not key=value or index:key=value`
      );
  } else if (digests.length > 0 || digestsFrom.length > 0) {
    throw new InputError("digests", "digests are only read in merge mode (mode: merge)");
  }
  const platformSplit = bool("platform-split", false);
  if (platformSplit && platforms.length < 2) throw new InputError("platform-split", "needs at least two platforms");
  if (platformSplit && !push) throw new InputError("platform-split", "pushes each platform by digest, so it needs push: true");
  if (platformSplit && (files.length > 0 || targets.length > 0 || matrix.trim()))
    throw new InputError(
      "platform-split",
      "works on a single build; bake files and matrix targets build all their platforms in one invocation"
    );
  if (platformSplit && load) throw new InputError("platform-split", "pushes by digest and cannot load; drop load");
  if (platformSplit && tags.length === 0) throw new InputError("tags", "platform-split needs at least one tag for the merged manifest list");
  return {
    mode,
    engine,
    buildxVersion,
    buildxDownloadUrl,
    builder,
    driver,
    driverOpts: list("driver-opts"),
    buildkitdConfig,
    buildkitdConfigInline,
    buildkitdFlags: read("buildkitd-flags").trim(),
    endpoint,
    builderPlatforms: checkPlatforms(list("builder-platforms", true), "builder-platforms"),
    keepBuilder: bool("keep-builder", false),
    builderScope,
    allowForkCacheWrite: bool("allow-fork-cache-write", false),
    context,
    file: read("file").trim(),
    tags,
    labels: parseKeyValues(list("labels"), "labels").map(([k, v]) => `${k}=${v}`),
    annotations: checkEach(
      list("annotations"),
      "annotations",
      /^[^\s=]+=/,
      "is not [type:]key=value, e.g. index:org.opencontainers.image.description=App"
    ),
    buildArgs: parseKeyValues(list("build-args"), "build-args"),
    buildContexts: parseKeyValues(list("build-contexts"), "build-contexts").map(([k, v]) => `${k}=${v}`),
    secrets: parseSecrets(read),
    platforms,
    target: read("target").trim(),
    push,
    pushByDigest,
    load,
    outputs,
    cacheFrom: checkTypedCsv(list("cache-from"), "cache-from", CACHE_TYPES),
    cacheTo: checkTypedCsv(list("cache-to"), "cache-to", CACHE_TYPES),
    provenance: checkAttest(read("provenance"), "provenance"),
    sbom: checkAttest(read("sbom"), "sbom"),
    attests: parseAttests(list("attests"), read),
    noCache: bool("no-cache", false),
    noCacheFilters: checkEach(list("no-cache-filters", true), "no-cache-filters", /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "is not a stage name"),
    ssh: checkEach(
      list("ssh"),
      "ssh",
      /^[A-Za-z0-9_.-]+(=\S.*)?$/,
      "is not default or id=path[,path], e.g. deploy=/home/runner/.ssh/id_ed25519"
    ),
    cgroupParent: checkCgroupParent(read("cgroup-parent").trim()),
    pull: bool("pull", false),
    network: read("network").trim(),
    shmSize: checkSize(read("shm-size").trim(), "shm-size"),
    ulimit: checkEach(list("ulimit"), "ulimit", /^[a-z]+=-?\d+(?::-?\d+)?$/, "is not name=soft[:hard], e.g. nofile=1024:1024"),
    addHosts: checkEach(list("add-hosts", true), "add-hosts", /^[^\s:=]+[:=]\S+$/, "is not host:ip, e.g. db:10.0.0.2"),
    allow: list("allow", true),
    files,
    targets,
    set: list("set"),
    matrix,
    matrixName: read("matrix-name").trim(),
    platformSplit,
    maxParallel: Number(maxParallelRaw),
    digests,
    digestsFrom,
    baseAnnotations: bool("base-annotations", false),
    summary: bool("summary", true),
    ...parseDepotInputs(read),
    login: parseLogin(read),
    logout: bool("logout", true)
  };
}
var REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?$/;
function parseLogin(read) {
  const registry = read("registry").trim();
  const username = read("username").trim();
  const password = read("password").replace(/\r?\n$/, "");
  if (registry && !REGISTRY_HOST.test(registry)) {
    throw new InputError(
      "registry",
      `${JSON.stringify(clip(registry))} is not a registry host (host or host:port, e.g. ghcr.io, without https:// or a path)`
    );
  }
  if (!username && !password) {
    if (registry) throw new InputError("username", `logging in to ${registry} needs username and password`);
    return null;
  }
  if (!username) throw new InputError("username", "a password is given without a username");
  if (!password)
    throw new InputError(
      "password",
      `is empty: username ${JSON.stringify(clip(username))} has no password (a secret that is not set in this repository reads as empty)`
    );
  if (/[\r\n]/.test(password)) throw new InputError("password", "contains a line break (value not shown)");
  return { registry, username, password };
}
var DEPOT_BUILD_PLATFORMS = ["dynamic", "linux/amd64", "linux/arm64"];
function parseDepotInputs(read) {
  const depotProject = read("depot-project").trim();
  if (depotProject && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(depotProject)) {
    throw new InputError("depot-project", `${JSON.stringify(clip(depotProject))} is not a Depot project ID (letters, digits, '_' and '-')`);
  }
  const depotToken = read("depot-token").trim();
  if (/\s/.test(depotToken)) throw new InputError("depot-token", "the token contains whitespace (value not shown)");
  const depotVersion = checkToolVersion(read("depot-version").trim() || "latest", "depot-version", "2.102.12");
  const depotDownloadUrl = checkHttpUrl(read("depot-download-url").trim(), "depot-download-url");
  const depotSha256 = read("depot-sha256").trim().toLowerCase().replace(/^sha256:/, "");
  if (depotSha256 && !/^[a-f0-9]{64}$/.test(depotSha256)) {
    throw new InputError("depot-sha256", `expected the archive's sha256 as 64 hex digits, got ${JSON.stringify(clip(depotSha256))}`);
  }
  if (depotSha256 && depotVersion === "installed")
    throw new InputError("depot-sha256", "verifies a download; depot-version: installed downloads nothing");
  if (depotSha256 && depotVersion === "latest")
    throw new InputError("depot-sha256", "pins one release archive; give the exact depot-version it belongs to");
  const depotBuildPlatform = read("depot-build-platform").trim();
  if (depotBuildPlatform && !DEPOT_BUILD_PLATFORMS.includes(depotBuildPlatform)) {
    throw new InputError(
      "depot-build-platform",
      `unknown value ${JSON.stringify(clip(depotBuildPlatform))}; expected one of ${DEPOT_BUILD_PLATFORMS.join(", ")}`
    );
  }
  return {
    depotProject,
    depotToken,
    depotVersion,
    depotDownloadUrl,
    depotSha256,
    depotFallback: parseBool(read("depot-fallback"), "depot-fallback", false),
    depotBuildPlatform,
    depotSave: parseBool(read("depot-save"), "depot-save", false)
  };
}
function checkEach(items, input, re, problem) {
  for (const item of items) if (!re.test(item)) throw new InputError(input, `${JSON.stringify(clip(item))} ${problem}`);
  return items;
}
function checkSize(v, input) {
  if (v && !/^\d+(\.\d+)? ?[kmgtp]?i?b?$/i.test(v))
    throw new InputError(input, `expected a size like 2g or 512m, got ${JSON.stringify(clip(v))}`);
  return v;
}
function checkCgroupParent(v) {
  if (/\s/.test(v)) throw new InputError("cgroup-parent", `${JSON.stringify(clip(v))} is not a cgroup path`);
  return v;
}
function checkToolVersion(v, input, example) {
  if (!/^(latest|installed|v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/.test(v)) {
    throw new InputError(input, `expected latest, installed or a version like ${example}, got ${JSON.stringify(clip(v))}`);
  }
  return v;
}
function checkHttpUrl(v, input) {
  if (v && !/^https?:\/\/[^\s]+$/.test(v)) throw new InputError(input, `expected an http(s) URL, got ${JSON.stringify(clip(v))}`);
  return v;
}
function parseAttests(values, read) {
  const bare = values.find((v) => !v.includes("="));
  if (bare !== void 0) throw new InputError("attests", `${JSON.stringify(clip(bare))} has no type=; e.g. type=sbom`);
  const attests = checkTypedCsv(values, "attests", ["provenance", "sbom"]);
  for (const type of ["provenance", "sbom"]) {
    const n = attests.filter((a) => parseCsvFields(a, "attests")["type"] === type).length;
    if (n > 1) throw new InputError("attests", `type=${type} is given ${n} times`);
    if (n === 1 && read(type).trim() !== "")
      throw new InputError("attests", `type=${type} is given here and in the ${type} input; use one of them`);
  }
  return attests;
}
var BAKE_OWNED = [
  ["context", "context"],
  ["file", "dockerfile"],
  ["tags", "tags"],
  ["platforms", "platform"],
  ["build-args", "args.NAME"],
  ["labels", "labels.NAME"],
  ["annotations", "annotations"],
  ["build-contexts", "contexts.NAME"],
  ["target", "target"],
  ["cache-from", "cache-from"],
  ["cache-to", "cache-to"],
  ["outputs", "output"],
  ["network", "network"],
  ["shm-size", "shm-size"],
  ["ulimit", "ulimits"],
  ["add-hosts", "extra-hosts"],
  ["ssh", "ssh"],
  ["no-cache-filters", "no-cache-filter"],
  ["attests", "attest"]
];
var INDEX_ANNOTATION = /^index:|^[^:=]+=/;
var BOOLEAN_INPUTS = /* @__PURE__ */ new Set(["load", "no-cache", "pull", "platform-split", "push-by-digest"]);
function checkModeInputs(mode, given) {
  if (mode === "bake") {
    for (const [input, key] of BAKE_OWNED) {
      if (given(input)) {
        throw new InputError(
          input,
          `is for a single build or a matrix; with bake files (files, targets) each target's ${key} comes from the bake definition: set it there, or for every target with set: *.${key}=...`
        );
      }
    }
  }
  if (mode === "matrix" && given("add-hosts")) {
    throw new InputError("add-hosts", "is not carried into matrix targets; use a single build for extra hosts");
  }
  if ((mode === "bake" || mode === "matrix") && given("cgroup-parent")) {
    throw new InputError("cgroup-parent", "is for a single build; bake targets have no cgroup parent");
  }
  if ((mode === "bake" || mode === "matrix") && given("push-by-digest")) {
    throw new InputError("push-by-digest", "works on a single build; bake and matrix targets are pushed by their tags");
  }
  if (mode === "merge") {
    const owned = BAKE_OWNED.map(([input]) => input).filter((i) => i !== "tags" && i !== "annotations" && i !== "target");
    for (const input of [
      ...owned,
      "cgroup-parent",
      "secrets",
      "secret-files",
      "secret-envs",
      "load",
      "provenance",
      "sbom",
      "no-cache",
      "pull",
      "files",
      "targets",
      "set",
      "matrix",
      "platform-split",
      "push-by-digest"
    ]) {
      if (given(input)) {
        throw new InputError(
          input,
          "is not used in merge mode, which builds nothing: it puts one manifest list together from digests (digests, digests-from) and applies tags and index annotations"
        );
      }
    }
  }
  if (mode === "build" && given("set")) {
    throw new InputError("set", "overrides bake targets; it needs files, targets or a matrix");
  }
}
function checkAgainstCapabilities(s, caps) {
  if (caps.driver === "docker" && (s.platformSplit || s.pushByDigest)) {
    throw new InputError(
      s.platformSplit ? "platform-split" : "push-by-digest",
      "pushing by digest needs a builder with its own BuildKit (driver docker-container, remote or kubernetes); the docker driver cannot push by digest"
    );
  }
  if (!versionAtLeast(caps.buildxVersion, "0.10.0") && (s.provenance || s.sbom)) {
    throw new InputError(
      s.provenance ? "provenance" : "sbom",
      `needs buildx 0.10 or later; this buildx is ${caps.buildxVersion || "of unknown version"}`
    );
  }
  if (s.load && s.platforms.length > 1 && !caps.containerdStore) {
    throw new InputError(
      "load",
      `loading ${s.platforms.length} platforms needs an engine with the containerd image store; this engine's classic store holds one platform. Build one platform to load, or push`
    );
  }
  if (caps.driver === "docker" && s.cacheTo.some((c) => !c.includes("=") || parseCsvFields(c, "cache-to")["type"] !== "inline")) {
    if (!caps.containerdStore) {
      throw new InputError(
        "cache-to",
        "the docker driver without the containerd image store only supports inline cache export; use driver docker-container or remote"
      );
    }
  }
}

// src/oci/base-images.ts
function familiarName(name) {
  let n = name;
  for (const host of ["docker.io/", "index.docker.io/", "registry-1.docker.io/"]) {
    if (n.startsWith(host)) {
      n = n.slice(host.length);
      break;
    }
  }
  const first = n.split("/")[0] ?? "";
  const hasHost = n.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (!hasHost && n.startsWith("library/") && n.split("/").length === 2) n = n.slice("library/".length);
  return n;
}
function splitDigest(ref) {
  const at = ref.indexOf("@");
  return at < 0 ? { name: ref, digest: "" } : { name: ref.slice(0, at), digest: ref.slice(at + 1) };
}
function repositoryOf(ref) {
  const noDigest = ref.split("@")[0] ?? "";
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return familiarName(colon > slash ? noDigest.slice(0, colon) : noDigest);
}
function sameBase(a, b) {
  return a.name === b.name && a.digest === b.digest && a.platform === b.platform;
}
function addBaseImage(list, b) {
  if (!list.some((x) => sameBase(x, b))) list.push(b);
}
function withPlatform(b, platform) {
  return b.platform || !platform ? b : { ...b, platform };
}
function dockerfileBaseImage(from, known) {
  const { name, digest: pinned } = splitDigest(from);
  const bare = familiarName(name);
  const match = known.find((b) => familiarName(b.name) === bare && b.digest);
  return { name: bare, digest: pinned || match?.digest || "", platform: "", source: "dockerfile" };
}

// src/oci/annotations.ts
var ANNOTATIONS = {
  referenceType: "vnd.docker.reference.type",
  referenceDigest: "vnd.docker.reference.digest",
  predicateType: "in-toto.io/predicate-type",
  baseName: "org.opencontainers.image.base.name",
  baseDigest: "org.opencontainers.image.base.digest"
};
var ATTESTATION_MANIFEST = "attestation-manifest";
var { baseName: BASE_NAME, baseDigest: BASE_DIGEST } = ANNOTATIONS;
function baseAnnotationArgs(base, platforms) {
  const out = [`index:${BASE_NAME}=${base.name}`, `index:${BASE_DIGEST}=${base.digest}`];
  if (platforms.length === 0) {
    out.push(`manifest:${BASE_NAME}=${base.name}`, `manifest:${BASE_DIGEST}=${base.digest}`);
    return out;
  }
  for (const p of platforms) {
    const digest = base.platformDigests[normalizePlatform(p)] ?? base.digest;
    out.push(`manifest[${p}]:${BASE_NAME}=${base.name}`, `manifest[${p}]:${BASE_DIGEST}=${digest}`);
  }
  return out;
}
function baseFromAnnotations(annotations, platform) {
  const raw = annotations?.[BASE_NAME]?.trim();
  if (!raw) return void 0;
  const { name, digest: pinned } = splitDigest(raw);
  const digest = annotations?.[BASE_DIGEST]?.trim() || pinned;
  return { name: familiarName(name), digest, platform, source: "annotation" };
}

// src/process/exec.ts
import { spawn } from "node:child_process";
function lastOutputLine(r) {
  return (r.stderr || r.stdout).trim().split("\n").pop() ?? "";
}
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
        env: opts.env ?? process.env,
        cwd: opts.cwd,
        stdio: ["pipe", "pipe", "pipe"],
        // its own process group, so cancellation can stop the whole tree
        detached: true
      });
      running.add(child);
      const out = [];
      const err = [];
      const partial = { stdout: "", stderr: "" };
      const feed = (stream, chunk) => {
        ;
        (stream === "stdout" ? out : err).push(chunk);
        if (!opts.onLine) return;
        const text = partial[stream] + chunk.toString("utf8");
        const lines = text.split("\n");
        partial[stream] = lines.pop() ?? "";
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
        const result = {
          code: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8")
        };
        if (opts.check && result.code !== 0) reject(new CommandError(`${cmd} ${args.slice(0, 3).join(" ")}`, result));
        else resolve(result);
      });
      child.stdin.on("error", () => void 0);
      child.stdin.end(opts.input ?? "");
    });
  }
};

// src/buildx/buildx.ts
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import http from "node:http";
import os from "node:os";

// src/buildx/probe.ts
function parseBuildxVersion(out) {
  const m = /buildx\s+v?(\d+\.\d+\.\d+)/.exec(out) ?? /\bv?(\d+\.\d+\.\d+)/.exec(out);
  return m?.[1] ?? "";
}
function parseBuilderInspect(out) {
  const info2 = { name: "", driver: "", nodes: [] };
  let node;
  for (const line of out.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1] ?? "";
    const value = (m[2] ?? "").trim();
    if (key === "Name") {
      if (!info2.name) info2.name = value;
      else {
        node = { name: value, endpoint: "", status: "", platforms: [] };
        info2.nodes.push(node);
      }
    } else if (key === "Driver" && !node) info2.driver = value;
    else if (node && key === "Endpoint") node.endpoint = value;
    else if (node && key === "Status") node.status = value;
    else if (node && key === "Platforms") {
      node.platforms = value.split(",").map((p) => p.trim().replace(/\*$/, "")).filter(Boolean);
    }
  }
  return info2;
}
function usesContainerdStore(driverStatusJson) {
  try {
    const status = JSON.parse(driverStatusJson);
    return Array.isArray(status) && status.some((row) => Array.isArray(row) && row[0] === "driver-type" && String(row[1]).includes("containerd.snapshotter"));
  } catch {
    return false;
  }
}
function parseBuildError(log, dockerfile) {
  const lines = log.split("\n");
  const base = dockerfile.split(/[\\/]/).pop() ?? "";
  let message = "";
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = (lines[i] ?? "").replace(/\r$/, "");
    if (!message && /^ERROR: /.test(l)) message = l.replace(/^ERROR: /, "");
    const m = /^(\S+):(\d+)$/.exec(l.trim());
    if (m?.[1] && m[2] && (m[1] === base || /Dockerfile/.test(m[1])))
      return { file: dockerfile || m[1] || "Dockerfile", line: Number(m[2]), message: message || "build failed" };
  }
  return void 0;
}

// src/buildx/buildx.ts
function runBuildx(bx, args, opts) {
  const rest = args[0] === "buildx" ? args.slice(1) : args;
  return bx.runner.run(bx.cmd, [...bx.prefix, ...rest], opts);
}
async function buildxOrThrow(bx, args, opts = {}) {
  const r = await runBuildx(bx, args, opts);
  if (r.code !== 0) throw new CommandError(`buildx ${args.slice(1, 3).join(" ")}`, r);
  return r;
}
async function versionOf(runner, cmd, prefix) {
  const r = await runner.run(cmd, [...prefix, "version"]);
  return r.code === 0 ? parseBuildxVersion(r.stdout) : "";
}
async function resolveLatest(base) {
  const url = latestChecksumsUrl(base);
  let path5;
  try {
    const tc = await import("./tool-cache-DESKKASA.js");
    path5 = await tc.downloadTool(url);
  } catch (e) {
    throw new InputError("buildx-version", `cannot resolve latest: ${url}: ${e.message}`);
  }
  const v = versionFromChecksums(parseChecksums(readFileSync(path5, "utf8")));
  if (!v) throw new InputError("buildx-version", `cannot resolve latest: ${url} names no buildx release`);
  return v;
}
function pluginCandidates(env, home) {
  const config = env["DOCKER_CONFIG"] || path.join(home, ".docker");
  return [
    path.join(config, "cli-plugins", "docker-buildx"),
    "/usr/local/lib/docker/cli-plugins/docker-buildx",
    "/usr/local/libexec/docker/cli-plugins/docker-buildx",
    "/usr/lib/docker/cli-plugins/docker-buildx",
    "/usr/libexec/docker/cli-plugins/docker-buildx"
  ];
}
function findPlugin() {
  for (const p of pluginCandidates(process.env, os.homedir())) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
    }
  }
  return void 0;
}
async function setupBuildx(version, downloadUrl, runner) {
  if (version === "installed") {
    const plugin = findPlugin();
    if (plugin) {
      const pv = await versionOf(runner, plugin, []);
      if (pv) return { cmd: plugin, prefix: [], version: pv, runner };
    }
    const v2 = await versionOf(runner, "docker", ["buildx"]);
    if (!v2)
      throw new Error(
        "the docker buildx plugin is not installed (`docker buildx version` does not answer): install docker-buildx, or set buildx-version to latest or a version to download"
      );
    return { cmd: "docker", prefix: ["buildx"], version: v2, runner };
  }
  const base = downloadUrl || DEFAULT_BUILDX_RELEASES;
  const v = version === "latest" ? await resolveLatest(base) : version.replace(/^v/, "");
  const asset = buildxAssetUrls(base, v, os.platform(), nodeArch(os.arch()));
  const { installVerified } = await import("./install-ZRR46DNG.js");
  const { path: path5, fromCache } = await installVerified({
    tool: "buildx",
    version: v,
    cachedName: "docker-buildx",
    input: "buildx-version",
    ...asset
  });
  info(
    `buildx ${v} ${fromCache ? "found in the tool cache (checksum re-verified)" : `downloaded from ${asset.url} and verified`}: ${path5}`
  );
  const actual = await versionOf(runner, path5, []);
  return { cmd: path5, prefix: [], version: actual || v, runner };
}
async function inspectBuilder(bx, name) {
  const r = await runBuildx(bx, ["buildx", "inspect", "--bootstrap", name]);
  if (r.code !== 0) {
    throw new InputError("builder", `cannot use builder ${name}: ${lastOutputLine(r)}`);
  }
  return parseBuilderInspect(r.stdout);
}
function engineSocket(env, configJson) {
  const host = env["DOCKER_HOST"];
  if (host) return host.startsWith("unix://") ? host.slice("unix://".length) : void 0;
  return currentContextName(env, configJson) === "default" ? "/var/run/docker.sock" : void 0;
}
function infoOverSocket(socketPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: "/info", timeout: 1e4 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => body += c);
      res.on("end", () => {
        try {
          resolve(res.statusCode === 200 ? JSON.stringify(JSON.parse(body).DriverStatus ?? null) : "");
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}
async function engineUsesContainerdStore(runner) {
  const config = path.join(process.env["DOCKER_CONFIG"] || path.join(os.homedir(), ".docker"), "config.json");
  const socket = engineSocket(process.env, existsSync(config) ? readFileSync(config, "utf8") : void 0);
  if (socket && existsSync(socket)) {
    try {
      return usesContainerdStore(await infoOverSocket(socket));
    } catch {
    }
  }
  const r = await runner.run("docker", ["info", "--format", "{{json .DriverStatus}}"]);
  return r.code === 0 && usesContainerdStore(r.stdout.trim());
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
function defaultBuilderName() {
  const config = path.join(process.env["DOCKER_CONFIG"] || path.join(os.homedir(), ".docker"), "config.json");
  return currentContextName(process.env, existsSync(config) ? readFileSync(config, "utf8") : void 0);
}
async function removeBuilder(bx, name) {
  await buildxOrThrow(bx, ["buildx", "rm", name]);
}

// src/buildx/build.ts
import { randomUUID } from "node:crypto";
import { existsSync as existsSync2, mkdirSync, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import path2 from "node:path";
function readJson(file) {
  if (!existsSync2(file)) return {};
  const text = readFileSync2(file, "utf8").trim();
  return text ? JSON.parse(text) : {};
}
function str(v) {
  return typeof v === "string" ? v : "";
}
function exportsOf(outputs) {
  return outputs.flatMap((o) => {
    if (!o.includes("=")) return [{ type: "local", dest: o }];
    const fields = Object.fromEntries(o.split(",").map((f) => [f.slice(0, f.indexOf("=")).trim(), f.slice(f.indexOf("=") + 1)]));
    return fields["dest"] ? [{ type: fields["type"] ?? "", dest: fields["dest"] }] : [];
  });
}
function loadsViaOutputs(outputs) {
  return outputs.some((o) => /(^|,)type=docker(,|$)/.test(o));
}
function pushesViaOutputs(outputs) {
  return outputs.some((o) => /(^|,)type=registry(,|$)/.test(o) || /(^|,)type=image(,|$)/.test(o) && /(^|,)push=true(,|$)/.test(o));
}
function reportFailure(e, log, s, what) {
  const loc = parseBuildError(log, s.file || path2.join(s.context, "Dockerfile"));
  const lastError = log.split("\n").reverse().find((l) => l.startsWith("ERROR: "));
  const message = lastError ? lastError.slice("ERROR: ".length) : e instanceof CommandError ? e.message : String(e);
  if (loc) error(`${what}: ${loc.message}`, { file: loc.file, startLine: loc.line, title: "Build failed" });
  throw new Error(`${what} failed${loc ? ` at ${loc.file}:${loc.line}: ${loc.message}` : `: ${message}`}`);
}
async function relayOutput(prefix, start, watch) {
  const lines = [];
  const resume = prefix ? "" : `build-output-${randomUUID()}`;
  if (resume) info(`::stop-commands::${resume}`);
  try {
    const r = await start((line) => {
      lines.push(line);
      if (lines.length > 400) lines.shift();
      watch?.(line);
      for (const part of line.split("\r")) info(prefix ? `[${prefix}] ${part}` : part);
    });
    return { code: r.code, log: lines.join("\n") };
  } finally {
    if (resume) info(`::${resume}::`);
  }
}
function streamed(env, args, prefix) {
  return relayOutput(prefix, (onLine) => runBuildx(env.bx, args, { onLine }));
}
async function singleBuild(s, env) {
  const metadataFile = path2.join(env.tempDir, "metadata.json");
  const iidFile = path2.join(env.tempDir, "iid.txt");
  const repo = s.pushByDigest ? parseReference(s.tags[0] ?? "")?.name : void 0;
  const over = repo ? { tags: [], pushByDigest: { name: repo } } : {};
  const args = buildArgs(s, env.ctx, { metadataFile, iidFile, secretFiles: env.secretFiles }, over);
  info(`buildx ${args.slice(1).map(quoteForLog).join(" ")}`);
  const { code, log } = await streamed(env, args, "");
  if (code !== 0) reportFailure(`buildx exited with code ${code}`, log, s, "build");
  return singleResult(s, metadataFile, iidFile, Boolean(repo));
}
function singleResult(s, metadataFile, iidFile, pushedByDigest) {
  const metadata = readJson(metadataFile);
  return {
    target: s.target || "default",
    tags: pushedByDigest ? [] : s.tags,
    platforms: s.platforms,
    metadata,
    imageId: existsSync2(iidFile) ? readFileSync2(iidFile, "utf8").trim() : str(metadata["containerimage.config.digest"]),
    digest: str(metadata["containerimage.digest"]),
    pushed: s.push || pushesViaOutputs(s.outputs),
    loaded: s.load || loadsViaOutputs(s.outputs),
    exports: exportsOf(s.outputs)
  };
}
async function bake(s, env, files, targets, userSet, allow) {
  const metadataFile = path2.join(env.tempDir, "bake-metadata.json");
  const set = [...bakeSecretSets(s, env), ...userSet];
  const printed = await printBake(env, files, targets, set);
  let pushOnceTargets;
  if (s.push && enginePushesTwice(env.ctx.caps)) {
    const names = Object.keys(printed);
    if (names.every((n) => (printed[n]?.output ?? []).length === 0)) pushOnceTargets = names;
    else info("bake targets name their own outputs: buildx pushes them, then has the engine push them again (buildx before 0.22)");
  }
  const args = bakeArgs(s, env.ctx, { files, targets, set, metadataFile, allow, ...pushOnceTargets ? { pushOnceTargets } : {} });
  info(`buildx ${args.slice(1).map(quoteForLog).join(" ")}`);
  const { code, log } = await streamed(env, args, "");
  if (code !== 0) reportFailure(`bake exited with code ${code}`, log, s, "bake");
  const all = readJson(metadataFile);
  return bakeResults(s, all, printed, ["buildx.build.warnings"]);
}
function bakeResults(s, all, printed, skipKeys) {
  return Object.entries(all).filter(([k]) => !skipKeys.includes(k)).map(([target, value]) => {
    const metadata = value ?? {};
    const def = printed[target] ?? {};
    const outputs = (def.output ?? []).map(String);
    return {
      target,
      tags: str(metadata["image.name"]) ? str(metadata["image.name"]).split(",") : def.tags ?? [],
      platforms: def.platforms ?? [],
      metadata,
      imageId: str(metadata["containerimage.config.digest"]),
      digest: str(metadata["containerimage.digest"]),
      pushed: s.push || pushesViaOutputs(outputs),
      loaded: s.load || loadsViaOutputs(outputs),
      exports: exportsOf(outputs)
    };
  });
}
async function printBake(env, files, targets, set) {
  const args = ["buildx", "bake", ...files.flatMap((f) => ["--file", f]), ...set.flatMap((v) => ["--set", v]), "--print", "--", ...targets];
  const r = await runBuildx(env.bx, args);
  if (r.code !== 0) {
    throw new InputError(files.length > 0 ? "files" : "targets", `bake cannot read the definition: ${lastOutputLine(r)}`);
  }
  const parsed = JSON.parse(r.stdout);
  return parsed.target ?? {};
}
async function splitBuild(s, env) {
  const repo = parseReference(s.tags[0] ?? "")?.name;
  if (!repo) throw new InputError("tags", "platform-split needs a tag to name the repository");
  const queue = [...s.platforms];
  const results = /* @__PURE__ */ new Map();
  const failures = [];
  const worker = async () => {
    for (let p = queue.shift(); p !== void 0; p = queue.shift()) {
      const platform = p;
      const dir = path2.join(env.tempDir, platform.replaceAll("/", "-"));
      mkdirSync(dir, { recursive: true });
      const metadataFile = path2.join(dir, "metadata.json");
      const iidFile = path2.join(dir, "iid.txt");
      const args = buildArgs(
        s,
        env.ctx,
        { metadataFile, iidFile, secretFiles: env.secretFiles },
        { platforms: [platform], tags: [], pushByDigest: { name: repo } }
      );
      info(`[${platform}] buildx ${args.slice(1).map(quoteForLog).join(" ")}`);
      const { code, log } = await streamed(env, args, platform);
      if (code !== 0) {
        const loc = parseBuildError(log, s.file || path2.join(s.context, "Dockerfile"));
        failures.push(`${platform}${loc ? ` (${loc.file}:${loc.line}: ${loc.message})` : ` (buildx exited with code ${code})`}`);
        continue;
      }
      const metadata = readJson(metadataFile);
      const node = str(metadata["buildx.build.ref"]).split("/")[1];
      info(`[${platform}] pushed ${repo}@${str(metadata["containerimage.digest"])}${node ? `, built on node ${node}` : ""}`);
      results.set(platform, {
        target: `${s.target || "default"}@${platform}`,
        tags: [],
        platforms: [platform],
        metadata,
        imageId: str(metadata["containerimage.config.digest"]),
        digest: str(metadata["containerimage.digest"]),
        pushed: true,
        loaded: false,
        exports: []
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(s.maxParallel, s.platforms.length) }, worker));
  if (failures.length > 0) {
    throw new Error(`platform build failed for ${failures.join("; ")}; no tag was created or moved`);
  }
  const perPlatform = s.platforms.map((p) => results.get(p)).filter((r) => r !== void 0);
  const merged = await mergeDigests(
    s,
    env,
    perPlatform.map((r) => `${repo}@${r.digest}`),
    s.tags
  );
  merged.target = s.target || "default";
  merged.platforms = s.platforms;
  return { perPlatform, merged };
}
async function mergeDigests(s, env, sources, tags) {
  const metadataFile = path2.join(env.tempDir, "merge-descriptor.json");
  const args = imagetoolsCreateArgs(
    tags,
    sources,
    s.annotations.filter((a) => INDEX_ANNOTATION.test(a))
  );
  info(`buildx ${args.slice(1).map(quoteForLog).join(" ")}`);
  const r = await withRetry(() => buildxOrThrow(env.bx, args), "imagetools create", 4, 500, isTransientRegistryError);
  info(r.stderr.trim());
  const inspectArgs = ["buildx", "imagetools", "inspect", tags[0] ?? "", "--format", "{{json .Manifest}}"];
  const inspect = await withRetry(() => buildxOrThrow(env.bx, inspectArgs), "imagetools inspect", 4, 500, isTransientRegistryError);
  const descriptor = JSON.parse(inspect.stdout);
  writeFileSync(metadataFile, JSON.stringify(descriptor));
  return {
    target: "merge",
    tags,
    platforms: [],
    metadata: { "containerimage.digest": descriptor.digest ?? "", "containerimage.descriptor": descriptor, "image.name": tags.join(",") },
    imageId: "",
    digest: descriptor.digest ?? "",
    pushed: true,
    loaded: false,
    exports: []
  };
}
async function withRetry(fn, what, attempts = 4, firstDelayMs = 500, retryable = () => true) {
  let delay = firstDelayMs;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!retryable(e)) throw e;
      if (i >= attempts) throw new Error(`${what} failed after ${attempts} attempts: ${e.message}`);
      warning(`${what} failed (attempt ${i} of ${attempts}), retrying in ${delay} ms: ${e.message}`);
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}
function isTransientRegistryError(e) {
  const message = e instanceof Error ? e.message : String(e);
  return !/\bnot found\b|manifest unknown|name unknown|blob unknown|unauthorized|denied|forbidden|invalid reference|\b40[0-4]\b/i.test(
    message
  );
}
function quoteForLog(a) {
  if (/^[\w@%+=:,./-]+$/.test(a)) return a;
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(a))
    return `$'${a.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (c) => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}'`;
  return `'${a.replaceAll("'", "'\\''")}'`;
}
var CONTROL_ESCAPES = { "\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "	": "\\t" };
var eventCache;
function githubEvent() {
  const eventPath = process.env["GITHUB_EVENT_PATH"] ?? "";
  if (eventCache?.path === eventPath) return eventCache.event;
  let event;
  try {
    event = eventPath ? JSON.parse(readFileSync2(eventPath, "utf8")) : void 0;
  } catch {
    event = void 0;
  }
  eventCache = { path: eventPath, event };
  return event;
}
function githubContext() {
  const event = githubEvent();
  const publicRepo = event?.repository?.private === false;
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = process.env;
  return { publicRepo, builderId: server && repo && runId ? `${server}/${repo}/actions/runs/${runId}` : "" };
}
function writeSecretFiles(s, dir) {
  const files = /* @__PURE__ */ new Map();
  for (const sec of s.secrets) {
    if (sec.kind !== "value") continue;
    const file = path2.join(dir, `secret-${files.size}`);
    writeFileSync(file, sec.source, { mode: 384 });
    files.set(sec.id, file);
  }
  return files;
}

// src/report/collect.ts
import { existsSync as existsSync4, readFileSync as readFileSync4, statSync } from "node:fs";
import path4 from "node:path";

// src/oci/digest.ts
import { createHash as createHash2 } from "node:crypto";
function sha256Digest(bytes) {
  return `sha256:${createHash2("sha256").update(bytes).digest("hex")}`;
}
function validateDigest(s) {
  return typeof s === "string" && /^sha256:[a-f0-9]{64}$/.test(s);
}

// src/oci/types.ts
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// src/oci/manifests.ts
var MEDIA_TYPES = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  inToto: "application/vnd.in-toto+json"
};
var ACCEPT_MANIFESTS = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest
].join(",");
var INDEX_TYPES = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList];
var MANIFEST_TYPES = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest];
function isDescriptor(v) {
  return isRecord(v) && typeof v["mediaType"] === "string" && typeof v["digest"] === "string" && typeof v["size"] === "number";
}
function isIndex(doc) {
  if (!isRecord(doc)) return false;
  const mt = doc["mediaType"];
  if (typeof mt === "string" && MANIFEST_TYPES.includes(mt)) return false;
  const manifests = doc["manifests"];
  return Array.isArray(manifests) && manifests.every(isDescriptor);
}
function isManifest(doc) {
  if (!isRecord(doc)) return false;
  const mt = doc["mediaType"];
  if (typeof mt === "string" && INDEX_TYPES.includes(mt)) return false;
  const layers = doc["layers"];
  return isDescriptor(doc["config"]) && Array.isArray(layers) && layers.every(isDescriptor);
}
function parseManifestJson(text, where) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not JSON (${e.message})`);
  }
  if (isIndex(doc)) return doc;
  if (isManifest(doc)) return doc;
  const mt = isRecord(doc) && typeof doc["mediaType"] === "string" ? ` (mediaType ${doc["mediaType"]})` : "";
  throw new Error(`${where}: neither an image index nor an image manifest${mt}`);
}
function isUnknownPlatform(p) {
  return !p || p.os === "unknown" && p.architecture === "unknown";
}
function splitIndex(index) {
  const images = [];
  const attestations = [];
  for (const d of index.manifests) {
    const attestation = d.annotations?.[ANNOTATIONS.referenceType] === ATTESTATION_MANIFEST && isUnknownPlatform(d.platform);
    (attestation ? attestations : images).push(d);
  }
  return { images, attestations };
}
function layersOf(manifest) {
  return manifest.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }));
}
function platformImage(platform, digest, manifest) {
  const layers = layersOf(manifest);
  const image = {
    platform,
    digest,
    configDigest: manifest.config.digest,
    size: layers.reduce((n, l) => n + l.size, 0),
    layers,
    lastLayerDigest: layers[layers.length - 1]?.digest ?? ""
  };
  if (manifest.annotations && Object.keys(manifest.annotations).length > 0) image.annotations = { ...manifest.annotations };
  return image;
}
function missingImage(platform, digest) {
  return { platform, digest, configDigest: "", size: 0, layers: [], lastLayerDigest: "" };
}
function buildReport(input) {
  const { root, manifests } = input;
  const notes = [];
  const platforms = [];
  const attestations = [];
  const baseImages = [];
  const addBase = (b) => {
    if (b) addBaseImage(baseImages, b);
  };
  let mediaType;
  if (isIndex(root)) {
    mediaType = root.mediaType ?? MEDIA_TYPES.ociIndex;
    addBase(baseFromAnnotations(root.annotations, ""));
    const { images, attestations: attested } = splitIndex(root);
    for (const d of images) {
      const platform = platformString(d.platform) || "unknown";
      addBase(baseFromAnnotations(d.annotations, platform));
      const m = manifests.get(d.digest);
      if (m) {
        platforms.push(platformImage(platform, d.digest, m));
        addBase(baseFromAnnotations(m.annotations, platform));
      } else {
        platforms.push(missingImage(platform, d.digest));
        notes.push(`the manifest of ${platform} (${d.digest}) could not be read: its layers are not listed`);
      }
    }
    for (const d of attested) {
      const attests = d.annotations?.[ANNOTATIONS.referenceDigest] ?? "";
      const subject = attests ? images.find((i) => i.digest === attests) : void 0;
      const m = manifests.get(d.digest);
      const predicateTypes = [];
      if (m) {
        for (const l of m.layers) {
          const t = l.annotations?.[ANNOTATIONS.predicateType];
          if (t && !predicateTypes.includes(t)) predicateTypes.push(t);
        }
      } else {
        notes.push(`the attestation manifest ${d.digest} could not be read: its predicate types are not listed`);
      }
      attestations.push({ digest: d.digest, attests, platform: platformString(subject?.platform), predicateTypes, size: d.size });
    }
  } else {
    mediaType = root.mediaType ?? MEDIA_TYPES.ociManifest;
    const platform = input.configPlatform || "unknown";
    platforms.push(platformImage(platform, input.rootDigest, root));
    addBase(baseFromAnnotations(root.annotations, platform));
  }
  const report = {
    target: input.target,
    tags: [...input.tags],
    digest: input.rootDigest,
    mediaType,
    platforms,
    attestations,
    baseImages,
    source: input.source,
    bytesRead: input.bytesRead,
    notes
  };
  if (root.annotations && Object.keys(root.annotations).length > 0) report.annotations = { ...root.annotations };
  return report;
}
function resolvedBase(reference, raw) {
  const doc = parseManifestJson(raw, reference);
  const platformDigests = {};
  if (isIndex(doc)) {
    for (const m of doc.manifests) {
      if (m.platform && m.platform.os !== "unknown") platformDigests[normalizePlatform(platformString(m.platform))] = m.digest;
    }
  }
  return { name: splitDigest(reference).name, digest: sha256Digest(raw), platformDigests };
}

// src/oci/provenance.ts
function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return void 0;
  }
}
function parseDockerPurl(uri) {
  const m = /^pkg:docker\/([^?#]+)(?:\?([^#]*))?(?:#.*)?$/i.exec(uri.trim());
  if (!m) return void 0;
  const path5 = m[1] ?? "";
  const at = path5.lastIndexOf("@");
  const rawName = at >= 0 ? path5.slice(0, at) : path5;
  const rawVersion = at >= 0 ? path5.slice(at + 1) : "";
  const name = decode(rawName);
  const version = decode(rawVersion);
  if (!name || version === void 0) return void 0;
  let platform = "";
  for (const pair of (m[2] ?? "").split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    if (pair.slice(0, eq).toLowerCase() === "platform") platform = decode(pair.slice(eq + 1)) ?? "";
  }
  const familiar = familiarName(name);
  if (!version) return { name: familiar, platform };
  const ref = /^[a-z0-9]+:[a-f0-9]{32,}$/i.test(version) ? `${familiar}@${version}` : `${familiar}:${version}`;
  return { name: ref, platform };
}
function get(v, ...path5) {
  let cur = v;
  for (const k of path5) {
    if (!isRecord(cur)) return void 0;
    cur = cur[k];
  }
  return cur;
}
function baseImagesFromProvenance(provenance) {
  let doc = provenance;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (!isRecord(doc)) return [];
  const predicate = isRecord(doc["predicate"]) ? doc["predicate"] : isRecord(doc["SLSA"]) ? doc["SLSA"] : doc;
  const v02 = get(predicate, "materials");
  const v1 = get(predicate, "buildDefinition", "resolvedDependencies");
  const materials = Array.isArray(v02) ? v02 : Array.isArray(v1) ? v1 : [];
  const frontend = get(predicate, "invocation", "parameters", "args", "source") ?? get(predicate, "buildDefinition", "externalParameters", "request", "args", "source");
  const frontendRepo = typeof frontend === "string" && frontend ? repositoryOf(frontend) : "";
  const out = [];
  for (const mat of materials) {
    const uri = get(mat, "uri");
    if (typeof uri !== "string") continue;
    const purl = parseDockerPurl(uri);
    if (!purl) continue;
    if (frontendRepo && repositoryOf(purl.name) === frontendRepo) continue;
    const sha = get(mat, "digest", "sha256");
    const { name, digest: pinned } = splitDigest(purl.name);
    const digest = typeof sha === "string" && sha ? `sha256:${sha}` : pinned;
    addBaseImage(out, { name, digest, platform: purl.platform, source: "provenance" });
  }
  return out;
}
function baseImagesFromMetadata(metadata) {
  const out = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (key !== "buildx.build.provenance" && !key.startsWith("buildx.build.provenance/")) continue;
    const keyPlatform = key.slice("buildx.build.provenance/".length);
    for (const b of baseImagesFromProvenance(value)) addBaseImage(out, withPlatform(b, keyPlatform));
  }
  return out;
}
function baseImagesFromImagetools(doc) {
  if (!isRecord(doc)) return [];
  if (isRecord(doc["SLSA"])) return baseImagesFromProvenance(doc);
  const out = [];
  for (const [platform, value] of Object.entries(doc)) {
    for (const b of baseImagesFromProvenance(value)) addBaseImage(out, withPlatform(b, platform));
  }
  return out;
}
function provenanceLayers(attestation) {
  return (attestation?.layers ?? []).filter(
    (l) => (l.annotations?.[ANNOTATIONS.predicateType] ?? "").startsWith("https://slsa.dev/provenance/")
  );
}

// src/registry/client.ts
import { createHash as createHash3 } from "node:crypto";
import { existsSync as existsSync3, readFileSync as readFileSync3 } from "node:fs";
import os2 from "node:os";
import path3 from "node:path";

// src/registry/auth.ts
function registryBaseUrl(host) {
  const bare = host.replace(/:\d+$/, "");
  const loopback = bare === "localhost" || /^127\./.test(bare) || bare === "[::1]";
  const apiHost = host === "docker.io" ? "registry-1.docker.io" : host;
  return `${loopback ? "http" : "https"}://${apiHost}`;
}
function authFor(configJson, host) {
  if (!configJson) return {};
  let cfg;
  try {
    cfg = JSON.parse(configJson);
  } catch {
    return {};
  }
  const keys = host === "docker.io" ? ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"] : [host, `https://${host}`, `http://${host}`];
  for (const k of keys) {
    const entry = cfg.auths?.[k];
    if (!entry) continue;
    if (entry.username && entry.password) return { credentials: { username: entry.username, password: entry.password } };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) } };
    }
  }
  const helper = cfg.credHelpers?.[host] ?? cfg.credsStore;
  return helper ? { helper } : {};
}
function parseChallenge(header) {
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m?.[1]) return void 0;
  const params = {};
  const re = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let p = re.exec(m[2] ?? ""); p; p = re.exec(m[2] ?? "")) {
    if (p[1]) params[p[1].toLowerCase()] = (p[2] ?? p[3] ?? "").replace(/\\(.)/g, "$1");
  }
  return { scheme: m[1].toLowerCase(), params };
}
function tokenUrl(ch, repository) {
  const realm = ch.params["realm"];
  if (!realm || !/^https?:\/\//.test(realm)) return void 0;
  const url = new URL(realm);
  if (ch.params["service"]) url.searchParams.set("service", ch.params["service"]);
  url.searchParams.set("scope", ch.params["scope"] ?? `repository:${repository}:pull`);
  return url.toString();
}

// src/registry/client.ts
var RegistryUnreachable = class extends Error {
};
var USER_AGENT = "build-image-action";
function dockerConfig() {
  const file = path3.join(process.env["DOCKER_CONFIG"] || path3.join(os2.homedir(), ".docker"), "config.json");
  return existsSync3(file) ? readFileSync3(file, "utf8") : void 0;
}
function basic(c) {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;
}
function registryReader(repo, timeoutMs = 15e3) {
  const host = registryOf(repo);
  const base = registryBaseUrl(host);
  const repository = repositoryPath(repo);
  const auth = authFor(dockerConfig(), host);
  let authorization;
  const get2 = (url, headers) => fetch(url, { headers: { "User-Agent": USER_AGENT, ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  const read = (kind) => async (digest) => {
    const url = `${base}/v2/${repository}/${kind}/${digest}`;
    const headers = () => ({ Accept: ACCEPT_MANIFESTS, ...authorization ? { Authorization: authorization } : {} });
    let r = await get2(url, headers());
    if (r.status === 401) {
      const ch = parseChallenge(r.headers.get("www-authenticate") ?? "");
      if (ch?.scheme === "basic" && auth.credentials) {
        authorization = basic(auth.credentials);
      } else if (ch?.scheme === "bearer") {
        if (auth.helper) throw new RegistryUnreachable(`credentials for ${host} are in a credential helper`);
        const tu = tokenUrl(ch, repository);
        if (!tu) throw new RegistryUnreachable(`unusable token realm from ${host}`);
        const t = await get2(tu, auth.credentials ? { Authorization: basic(auth.credentials) } : {});
        if (!t.ok) throw new RegistryUnreachable(`token request to ${new URL(tu).host} answered ${t.status}`);
        const body = await t.json();
        const token = body.token ?? body.access_token;
        if (!token) throw new RegistryUnreachable(`no token from ${new URL(tu).host}`);
        authorization = `Bearer ${token}`;
      } else {
        throw new RegistryUnreachable(`${host} asks for credentials this action cannot supply`);
      }
      r = await get2(url, headers());
    }
    if (!r.ok) {
      const err = new Error(`GET ${url} answered ${r.status}`);
      err.status = r.status;
      throw err;
    }
    const text = await r.text();
    const actual = `sha256:${createHash3("sha256").update(text).digest("hex")}`;
    if (digest.startsWith("sha256:") && actual !== digest) throw new RegistryUnreachable(`${url} served content with digest ${actual}`);
    return text;
  };
  return { manifest: read("manifests"), blob: read("blobs") };
}

// src/report/outputs.ts
function reportOutputs(reports) {
  const manifests = Object.fromEntries(
    reports.map((r) => [
      r.target,
      {
        digest: r.digest,
        mediaType: r.mediaType,
        tags: r.tags,
        source: r.source,
        platforms: r.platforms.map((p) => ({ platform: p.platform, digest: p.digest, configDigest: p.configDigest, size: p.size })),
        attestations: r.attestations,
        ...r.steps ? { build: { durationMs: r.durationMs ?? 0, steps: r.steps.total, cachedSteps: r.steps.cached } } : {}
      }
    ])
  );
  const layers = Object.fromEntries(
    reports.map((r) => [
      r.target,
      Object.fromEntries(r.platforms.map((p) => [p.platform, { layers: p.layers, lastLayerDigest: p.lastLayerDigest, size: p.size }]))
    ])
  );
  const baseImages = Object.fromEntries(reports.map((r) => [r.target, r.baseImages]));
  const only = reports.length === 1 ? reports[0] : void 0;
  const lastLayer = only && only.platforms.length === 1 ? only.platforms[0]?.lastLayerDigest ?? "" : "";
  return {
    manifests: JSON.stringify(manifests),
    layers: JSON.stringify(layers),
    "base-images": JSON.stringify(baseImages),
    "last-layer-digest": lastLayer,
    platforms: JSON.stringify(Object.fromEntries(reports.map((r) => [r.target, r.platforms.map((p) => p.platform)])))
  };
}

// src/report/shape.ts
function repositoryOfResult(r) {
  const imageName = r.metadata["image.name"];
  return parseReference(r.tags[0] ?? "")?.name ?? (typeof imageName === "string" ? parseReference(imageName.split(",")[0] ?? "")?.name : void 0);
}
function recordRef(metadata) {
  const ref = typeof metadata["buildx.build.ref"] === "string" ? metadata["buildx.build.ref"] : "";
  return ref.split("/").pop() ?? "";
}
function readSource(r, caps) {
  const repo = repositoryOfResult(r);
  const ref = recordRef(r.metadata);
  const oci = r.exports.find((e) => e.type === "oci");
  if (r.pushed && r.digest && repo) return { source: "registry", repo };
  if (oci) return { source: "oci-layout", dest: oci.dest };
  if (r.digest && ref && caps.historyAttachments) return { source: "build-record", ref };
  if (!r.digest) return { source: "none", note: "buildx reported no image digest (the exporter wrote files, not an image)" };
  return {
    source: "none",
    note: `buildx ${caps.buildxVersion} cannot read build records (needs 0.23 or later), and the image was neither pushed nor exported as OCI: only the digest is known. Push, export with outputs: type=oci, or use a newer buildx for layer metadata.`
  };
}
function unreadReport(r, note) {
  return {
    target: r.target,
    tags: r.tags,
    digest: r.digest,
    mediaType: "",
    platforms: [],
    attestations: [],
    baseImages: [],
    source: "none",
    bytesRead: 0,
    notes: [note]
  };
}
function parseBuildRecord(json) {
  try {
    const rec = JSON.parse(json);
    return {
      ...typeof rec.Duration === "number" ? { durationMs: Math.round(rec.Duration / 1e6) } : {},
      ...typeof rec.NumTotalSteps === "number" ? { steps: { total: rec.NumTotalSteps, cached: rec.NumCachedSteps ?? 0 } } : {}
    };
  } catch {
    return {};
  }
}
function ociLayoutRoot(indexJson, dest) {
  if (!indexJson) throw new Error(`${dest} has no index.json`);
  const layoutIndex = JSON.parse(indexJson);
  const top = layoutIndex.manifests[0];
  if (!top) throw new Error(`${dest}: index.json lists no image`);
  return top.digest;
}
function ociBlobPath(digest) {
  return `blobs/${digest.replace(":", "/")}`;
}

// src/report/collect.ts
async function readAll(target, tags, rootDigest, source, fetch2, rootText) {
  let bytesRead = 0;
  const get2 = async (digest, platform) => {
    const text = await fetch2(digest, platform);
    bytesRead += Buffer.byteLength(text);
    return text;
  };
  const root = parseManifestJson(rootText ?? await get2(rootDigest), `${target} ${rootDigest}`);
  if (rootText) bytesRead += Buffer.byteLength(rootText);
  const manifests = /* @__PURE__ */ new Map();
  if (isIndex(root)) {
    const { images, attestations } = splitIndex(root);
    await Promise.all(
      [...images, ...attestations].map(async (d) => {
        try {
          const m = parseManifestJson(await get2(d.digest, platformString(d.platform) || void 0), d.digest);
          if (!isIndex(m)) manifests.set(d.digest, m);
        } catch (e) {
          warning(`${target}: cannot read manifest ${d.digest}: ${e.message}`);
        }
      })
    );
  }
  return { report: buildReport({ target, tags, rootDigest, root, manifests, source, bytesRead }), manifests };
}
function registryFetch(deps, repo) {
  const http2 = registryReader(repo).manifest;
  let viaHttp = true;
  const imagetools = (digest) => withRetry(
    async () => {
      const r = await runBuildx(deps.bx, ["buildx", "imagetools", "inspect", "--raw", `${repo}@${digest}`]);
      if (r.code !== 0) throw new Error(lastOutputLine(r));
      return r.stdout;
    },
    `reading ${repo}@${digest}`,
    4,
    500,
    isTransientRegistryError
  );
  return async (digest) => {
    if (viaHttp) {
      try {
        return await withRetry(
          () => http2(digest),
          `reading ${repo}@${digest}`,
          4,
          500,
          (e) => !(e instanceof RegistryUnreachable) && isTransientRegistryError(e)
        );
      } catch (e) {
        viaHttp = false;
        info(`reading manifests through buildx imagetools (${e.message})`);
      }
    }
    return imagetools(digest);
  };
}
function historyFetch(deps, ref, rootDigest) {
  return async (digest, platform) => {
    const args = ["buildx", "history", "inspect", "--builder", deps.builder, "attachment", ref];
    if (digest === rootDigest) args.push("--type", "index");
    else if (platform && platform !== "unknown/unknown") args.push("--platform", platform);
    else args.push(digest);
    let r = await runBuildx(deps.bx, args);
    if (r.code !== 0 && digest !== rootDigest) {
      r = await runBuildx(deps.bx, ["buildx", "history", "inspect", "--builder", deps.builder, "attachment", ref, digest]);
    }
    if (r.code !== 0) throw new Error(lastOutputLine(r));
    return r.stdout;
  };
}
function ociFetch(dest) {
  let read;
  if (existsSync4(dest) && statSync(dest).isDirectory()) {
    read = (p) => existsSync4(path4.join(dest, p)) ? readFileSync4(path4.join(dest, p), "utf8") : void 0;
  } else {
    const entries = readTarEntries(readFileSync4(dest), (name) => name === "index.json" || name.startsWith("blobs/"));
    read = (p) => entries.get(p)?.toString("utf8");
  }
  const root = ociLayoutRoot(read("index.json"), dest);
  const blob = (d) => {
    const text = read(ociBlobPath(d));
    if (text === void 0) throw new Error(`${dest} lacks blob ${d}`);
    return text;
  };
  return { fetch: async (d) => blob(d), root };
}
async function reportFor(r, deps) {
  const from = readSource(r, deps.caps);
  const ref = recordRef(r.metadata);
  const record = ref && deps.caps.historyAttachments ? readBuildRecord(deps, ref) : void 0;
  let bases = baseImagesFromMetadata(r.metadata);
  let report;
  if (from.source === "registry") {
    const back = await readAll(r.target, r.tags, r.digest, "registry", registryFetch(deps, from.repo));
    report = back.report;
    if (bases.length === 0 && report.attestations.length > 0) bases = await pushedProvenanceBases(deps, from.repo, r.digest, back);
  } else if (from.source === "oci-layout") {
    const { fetch: fetch2, root } = ociFetch(from.dest);
    report = (await readAll(r.target, r.tags, root, "oci-layout", fetch2)).report;
  } else if (from.source === "build-record") {
    report = (await readAll(r.target, r.tags, r.digest, "build-record", historyFetch(deps, from.ref, r.digest))).report;
  } else {
    report = unreadReport(r, from.note);
  }
  Object.assign(report, await record ?? {});
  for (const b of bases) addBaseImage(report.baseImages, b);
  return report;
}
async function pushedProvenanceBases(deps, repo, digest, back) {
  const report = back.report;
  try {
    const blob = registryReader(repo).blob;
    const found = [];
    await Promise.all(
      report.attestations.flatMap(
        (a) => provenanceLayers(back.manifests.get(a.digest)).map(async (l) => {
          const text = await blob(l.digest);
          report.bytesRead += Buffer.byteLength(text);
          for (const b of baseImagesFromProvenance(JSON.parse(text))) found.push(withPlatform(b, a.platform));
        })
      )
    );
    return found;
  } catch {
    const prov = await runBuildx(deps.bx, ["buildx", "imagetools", "inspect", `${repo}@${digest}`, "--format", "{{json .Provenance}}"]);
    if (prov.code !== 0 || !prov.stdout.trim()) return [];
    report.bytesRead += Buffer.byteLength(prov.stdout);
    try {
      return baseImagesFromImagetools(JSON.parse(prov.stdout));
    } catch {
      report.notes.push("the provenance attestation could not be read as JSON");
      return [];
    }
  }
}
async function readBuildRecord(deps, ref) {
  const r = await runBuildx(deps.bx, ["buildx", "history", "inspect", "--builder", deps.builder, ref, "--format", "json"]);
  return r.code === 0 ? parseBuildRecord(r.stdout) : {};
}
async function collectReports(results, deps) {
  const reports = [];
  for (const r of results) {
    try {
      const report = await reportFor(r, deps);
      info(
        `${r.target}: ${report.platforms.length} platform(s), ${report.attestations.length} attestation(s) from ${report.source} (${report.bytesRead} bytes read)`
      );
      reports.push(report);
    } catch (e) {
      warning(`${r.target}: could not read what was built: ${e.message}`);
      reports.push(unreadReport(r, `metadata unavailable: ${e.message}`));
    }
  }
  return reports;
}
function setReportOutputs(reports) {
  for (const [k, v] of Object.entries(reportOutputs(reports))) setOutput(k, v);
}

// src/action/state.ts
var KEY = "build-image-action";
function emptyState() {
  return {
    started: true,
    tempDir: "",
    buildxCmd: "",
    buildxPrefix: [],
    buildxVersion: "",
    builder: "",
    driver: "",
    builderCreated: false,
    keepBuilder: false,
    engine: "",
    engineReason: "",
    summary: true,
    reports: [],
    error: "",
    errorInput: "",
    durationMs: 0,
    loggedIn: false,
    loginRegistry: "",
    logout: true
  };
}
function saveState2(s) {
  saveState(KEY, JSON.stringify(s));
}
function loadState() {
  const raw = getState(KEY);
  if (!raw) return void 0;
  try {
    return { ...emptyState(), ...JSON.parse(raw) };
  } catch {
    return void 0;
  }
}

// src/docker/login.ts
function registryName(registry) {
  return registry || "Docker Hub";
}
async function dockerLogin(login, runner) {
  const args = ["login", "--username", login.username, "--password-stdin", ...login.registry ? ["--", login.registry] : []];
  let r;
  try {
    r = await runner.run("docker", args, { input: login.password });
  } catch (e) {
    throw new Error(`registry login needs the docker CLI: ${e.message}`);
  }
  if (r.code !== 0) {
    throw new Error(
      `login to ${registryName(login.registry)} as ${login.username} failed: ${lastOutputLine(r) || `docker exited with code ${r.code}`}`
    );
  }
}
async function dockerLogout(registry, runner) {
  const r = await runner.run("docker", ["logout", ...registry ? ["--", registry] : []]);
  if (r.code !== 0) throw new Error(lastOutputLine(r) || `docker logout exited with code ${r.code}`);
}

export {
  versionAtLeast,
  attestsType,
  bakeSecretSets,
  repeat,
  buildFlags,
  sshEntitlements,
  bakeOutputFlags,
  createBuilderArgs,
  parseReference,
  samePlatform,
  scopeEnvFrom,
  scopedBuilderName,
  forkOf,
  cacheToForRun,
  parseInputs,
  checkAgainstCapabilities,
  dockerfileBaseImage,
  baseAnnotationArgs,
  lastOutputLine,
  terminateAll,
  waitForChildren,
  processRunner,
  parseBuildError,
  runBuildx,
  buildxOrThrow,
  setupBuildx,
  inspectBuilder,
  engineUsesContainerdStore,
  defaultBuilderName,
  removeBuilder,
  validateDigest,
  MEDIA_TYPES,
  resolvedBase,
  readJson,
  relayOutput,
  singleBuild,
  singleResult,
  bake,
  bakeResults,
  splitBuild,
  mergeDigests,
  quoteForLog,
  githubEvent,
  githubContext,
  writeSecretFiles,
  unreadReport,
  collectReports,
  setReportOutputs,
  emptyState,
  saveState2 as saveState,
  loadState,
  registryName,
  dockerLogin,
  dockerLogout
};
