import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  buildToolRunner,
  checkHttpUrl,
  checkPinnedSha256,
  checkToolVersion,
  chooseBuilder,
  createBuilderArgs,
  currentContextName,
  dockerConfigDir,
  dockerDriverCannot,
  historyAttachmentArgs,
  historyExportArgs,
  historyInspectArgs,
  imagetoolsInspectArgs,
  inspectBuilderArgs,
  inspectCurrentBuilderArgs,
  isLoopbackUrl,
  lastOutputLine,
  newBuilderName,
  parseBool,
  processRunner,
  readDockerConfig,
  removeBuilderArgs,
  runBuildx,
  runBuildxChecked,
  runChecked,
  succeeded,
  versionAtLeast
} from "./chunk-A4RQGTCT.js";
import {
  TAR_END,
  getIDToken,
  getState,
  group,
  indexTarEntries,
  info,
  parseChecksums,
  saveState,
  setOutput,
  setSecret,
  tarMember,
  versionFromChecksums,
  warning
} from "./chunk-2XNRSSTS.js";
import {
  InputError,
  RegistryContentRefused,
  RegistryUnreachable,
  messageOf
} from "./chunk-BD33GHV7.js";

// src/process/which.ts
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import path from "node:path";
function findOnPath(name, env = process.env) {
  for (const dir of (env["PATH"] ?? "").split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return realpathSync(candidate);
    } catch {
    }
  }
  return void 0;
}

// src/docker/cli.ts
var found;
function dockerCli() {
  found ??= { path: findOnPath("docker") };
  return found.path;
}
function requireDockerCli(what, docker = dockerCli()) {
  if (!docker) throw new Error(`${what} needs the docker CLI, and none was on PATH when the step started`);
  return docker;
}

// src/report/collect.ts
import { closeSync, existsSync as existsSync3, fstatSync, openSync, readFileSync, readSync, statSync as statSync2 } from "node:fs";
import path2 from "node:path";

// src/registry/retry.ts
async function withRetry(fn, what, attempts = 4, firstDelayMs = 500, retryable = () => true) {
  let delay = firstDelayMs;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!retryable(e)) throw e;
      if (i >= attempts) throw new Error(`${what} failed after ${attempts} attempts: ${messageOf(e)}`);
      warning(`${what} failed (attempt ${i} of ${attempts}), retrying in ${delay} ms: ${messageOf(e)}`);
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}
var CLIENT_ERROR_STATUS = /(?<![.\d])40[0-4] (?:bad request|unauthorized|payment required|forbidden|not found)\b|\bstatus(?: code)?:? 40[0-4](?![.\d])/i;
function isTransientRegistryError(e) {
  const message = e instanceof Error ? e.message : String(e);
  if (CLIENT_ERROR_STATUS.test(message)) return false;
  return !/\bnot found\b|manifest unknown|name unknown|blob unknown|unauthorized|denied|forbidden|invalid reference/i.test(message);
}

// src/buildx/buildkit-api.ts
import { createHash } from "node:crypto";
import http2 from "node:http2";
import { existsSync as existsSync2 } from "node:fs";
import net from "node:net";

// src/docker/daemon.ts
import { existsSync } from "node:fs";
import http from "node:http";
function daemonSocket(env, configJson) {
  const host = env["DOCKER_HOST"];
  if (host) return host.startsWith("unix://") ? host.slice("unix://".length) : void 0;
  return currentContextName(env, configJson) === "default" ? "/var/run/docker.sock" : void 0;
}
function usesContainerdStore(driverStatusJson) {
  try {
    const status = JSON.parse(driverStatusJson);
    return Array.isArray(status) && status.some((row) => Array.isArray(row) && row[0] === "driver-type" && String(row[1]).includes("containerd.snapshotter"));
  } catch {
    return false;
  }
}
function getOverSocket(socketPath, apiPath) {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: apiPath, timeout: 1e4 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => body += c);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}
async function infoOverSocket(socketPath) {
  const { status, body } = await getOverSocket(socketPath, "/info");
  return status === 200 ? JSON.stringify(JSON.parse(body).DriverStatus ?? null) : "";
}
async function daemonUsesContainerdStore(runner) {
  const socket = daemonSocket(process.env, readDockerConfig());
  if (socket && existsSync(socket)) {
    try {
      return usesContainerdStore(await infoOverSocket(socket));
    } catch {
    }
  }
  const docker = dockerCli();
  if (!docker) return false;
  const r = await runner.run(docker, ["info", "--format", "{{json .DriverStatus}}"]);
  return r.code === 0 && usesContainerdStore(r.stdout.trim());
}

// src/buildx/protobuf.ts
function varint(n) {
  let v = BigInt.asUintN(64, n);
  const out = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 128);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
var ProtoWriter = class {
  bytes = [];
  key(no, wire) {
    this.bytes.push(...varint(BigInt(no << 3 | wire)));
  }
  int(no, n) {
    if (BigInt(n) === 0n) return this;
    this.key(no, 0);
    this.bytes.push(...varint(BigInt(n)));
    return this;
  }
  bool(no, b) {
    return this.int(no, b ? 1 : 0);
  }
  bytesField(no, b) {
    if (b.length === 0) return this;
    this.key(no, 2);
    this.bytes.push(...varint(BigInt(b.length)), ...b);
    return this;
  }
  string(no, s) {
    return this.bytesField(no, Buffer.from(s, "utf8"));
  }
  finish() {
    return Buffer.from(this.bytes);
  }
};
function readFields(buf) {
  const out = [];
  let i = 0;
  const next = () => {
    let r = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (i >= buf.length || shift > 63n) throw new Error("truncated or overlong protobuf varint");
      const b = buf[i++];
      r |= BigInt(b & 127) << shift;
      if (b < 128) return r;
    }
  };
  const take = (n) => {
    if (i + n > buf.length) throw new Error("truncated protobuf field");
    const v = buf.subarray(i, i + n);
    i += n;
    return v;
  };
  while (i < buf.length) {
    const key = Number(next());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, value: next() });
    else if (wire === 2) out.push({ no, value: take(Number(next())) });
    else if (wire === 1) out.push({ no, value: take(8) });
    else if (wire === 5) out.push({ no, value: take(4) });
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}
var first = (fields, no) => fields.find((f) => f.no === no)?.value;
var asInt = (v) => typeof v === "bigint" ? v : 0n;
var asBytes = (v) => v instanceof Uint8Array ? v : void 0;
var asString = (v) => {
  const b = asBytes(v);
  return b ? Buffer.from(b.buffer, b.byteOffset, b.length).toString("utf8") : "";
};
function timestampNs(b) {
  if (!b) return void 0;
  const f = readFields(b);
  return BigInt.asIntN(64, asInt(first(f, 1))) * 1000000000n + BigInt.asIntN(32, asInt(first(f, 2)));
}
function encodeBuildHistoryRequest(ref) {
  return new ProtoWriter().string(2, ref).bool(3, true).finish();
}
var HISTORY_EVENT_DELETED = 2;
function decodeBuildHistoryEvent(buf) {
  const f = readFields(buf);
  const type = Number(asInt(first(f, 1)));
  const rec = asBytes(first(f, 2));
  if (!rec) return { type };
  const r = readFields(rec);
  return {
    type,
    record: {
      ref: asString(first(r, 1)),
      createdAtNs: timestampNs(asBytes(first(r, 6))),
      completedAtNs: timestampNs(asBytes(first(r, 7))),
      numCachedSteps: Number(BigInt.asIntN(32, asInt(first(r, 15)))),
      numTotalSteps: Number(BigInt.asIntN(32, asInt(first(r, 16))))
    }
  };
}
function decodeBuildHistoryEventRaw(buf) {
  const f = readFields(buf);
  return { type: Number(asInt(first(f, 1))), record: asBytes(first(f, 2)) };
}
function encodeFinalizeRequest(ref) {
  return new ProtoWriter().string(1, ref).bool(4, true).finish();
}
function encodeReadContentRequest(digest) {
  return new ProtoWriter().string(1, digest).finish();
}
function decodeReadContentResponse(buf) {
  const f = readFields(buf);
  return { offset: Number(asInt(first(f, 1))), data: asBytes(first(f, 2)) ?? new Uint8Array() };
}
function grpcFrame(message) {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}
var GrpcDeframer = class {
  // chunks kept apart until a whole message is there: joining each chunk to the ones before made a
  // blob of a megabyte (a bake's trace) cost tens of megabytes of copying
  chunks = [];
  size = 0;
  push(chunk) {
    this.chunks.push(Buffer.from(chunk));
    this.size += chunk.length;
    const out = [];
    while (this.size >= 5) {
      let head = this.chunks[0];
      if (head.length < 5) head = this.joined();
      if (head[0] !== 0) throw new Error("compressed gRPC messages are not supported");
      const len = head.readUInt32BE(1);
      if (this.size < 5 + len) break;
      const whole = this.joined();
      out.push(whole.subarray(5, 5 + len));
      const rest = whole.subarray(5 + len);
      this.chunks = rest.length ? [rest] : [];
      this.size = rest.length;
    }
    return out;
  }
  joined() {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0];
  }
  /** bytes left over that do not make a whole message */
  get leftover() {
    return this.size;
  }
};
function recordFigures(rec) {
  return {
    ...rec.createdAtNs !== void 0 && rec.completedAtNs !== void 0 ? { durationMs: Math.round(Number(rec.completedAtNs - rec.createdAtNs) / 1e6) } : {},
    steps: { total: rec.numTotalSteps, cached: rec.numCachedSteps }
  };
}

// src/buildx/buildkit-api.ts
var UPGRADE = "POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n";
function upgradedSocket(socketPath, timeoutMs) {
  return new Promise((resolve, reject) => {
    const s = net.createConnection(socketPath);
    const timer = setTimeout(() => s.destroy(new Error(`no answer from ${socketPath} within ${timeoutMs} ms`)), timeoutMs);
    let head = Buffer.alloc(0);
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (head.length > 64 * 1024) s.destroy(new Error("upgrade answer too large"));
        return;
      }
      s.off("data", onData);
      s.off("error", reject);
      clearTimeout(timer);
      const status = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
      if (!/^HTTP\/1\.[01] 101\b/.test(status)) {
        s.destroy();
        reject(new Error(`the engine refused BuildKit's endpoint: ${status}`));
        return;
      }
      s.pause();
      if (head.length > end + 4) s.unshift(head.subarray(end + 4));
      resolve(s);
    };
    s.once("connect", () => s.write(UPGRADE));
    s.on("data", onData);
    s.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
async function dialDaemonBuildKit(socketPath, timeoutMs = 15e3) {
  const socket = await upgradedSocket(socketPath, timeoutMs);
  const session = http2.connect("http://docker", { createConnection: () => socket });
  session.on("error", () => void 0);
  const call = (method, message) => new Promise((resolve, reject) => {
    const req = session.request({ ":method": "POST", ":path": method, "content-type": "application/grpc", te: "trailers" });
    req.setTimeout(timeoutMs, () => req.close(http2.constants.NGHTTP2_CANCEL));
    const frames = new GrpcDeframer();
    const messages = [];
    let status;
    let detail = "";
    const take = (h) => {
      if (typeof h["grpc-status"] === "string") {
        status = h["grpc-status"];
        detail = decodeURIComponent(String(h["grpc-message"] ?? ""));
      }
    };
    req.on("response", take);
    req.on("trailers", take);
    req.on("data", (c) => {
      try {
        messages.push(...frames.push(c));
      } catch (e) {
        req.close(http2.constants.NGHTTP2_CANCEL);
        reject(e);
      }
    });
    req.on("end", () => {
      if (status !== "0") reject(new Error(`${method}: gRPC status ${status ?? "missing"}${detail ? `: ${detail}` : ""}`));
      else resolve(messages);
    });
    req.on("close", () => {
      if (req.rstCode && req.rstCode !== http2.constants.NGHTTP2_NO_ERROR) reject(new Error(`${method}: stream reset (${req.rstCode})`));
    });
    req.on("error", reject);
    req.end(grpcFrame(message));
  });
  return {
    async record(ref) {
      const events = await call("/moby.buildkit.v1.Control/ListenBuildHistory", encodeBuildHistoryRequest(ref));
      for (const e of events) {
        const ev = decodeBuildHistoryEvent(e);
        if (ev.type !== HISTORY_EVENT_DELETED && ev.record?.ref === ref) return ev.record;
      }
      return void 0;
    },
    async rawRecord(ref) {
      const events = await call("/moby.buildkit.v1.Control/ListenBuildHistory", encodeBuildHistoryRequest(ref));
      for (const e of events) {
        const ev = decodeBuildHistoryEventRaw(e);
        if (ev.type !== HISTORY_EVENT_DELETED && ev.record && decodeBuildHistoryEvent(e).record?.ref === ref) return ev.record;
      }
      return void 0;
    },
    async finalize(ref) {
      await call("/moby.buildkit.v1.Control/UpdateBuildHistory", encodeFinalizeRequest(ref));
    },
    async read(digest) {
      const chunks = (await call("/containerd.services.content.v1.Content/Read", encodeReadContentRequest(digest))).map(
        decodeReadContentResponse
      );
      chunks.sort((a, b) => a.offset - b.offset);
      const blob = Buffer.concat(chunks.map((c) => c.data));
      const actual = `sha256:${createHash("sha256").update(blob).digest("hex")}`;
      if (digest.startsWith("sha256:") && actual !== digest) throw new Error(`the content store served ${actual} for ${digest}`);
      return blob;
    },
    close() {
      session.close();
    }
  };
}
async function dialBuilderBuildKit(driver, builder) {
  const config = readDockerConfig();
  const socket = driver === "docker" && builder === currentContextName(process.env, config) ? daemonSocket(process.env, config) : void 0;
  if (!socket || !existsSync2(socket)) return void 0;
  return dialDaemonBuildKit(socket);
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
  const first2 = n.split("/")[0] ?? "";
  const hasHost = n.includes("/") && (first2.includes(".") || first2.includes(":") || first2 === "localhost");
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
  const [os2 = "", arch = "", variant] = p.toLowerCase().split("/");
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
  return v ? `${os2}/${a}/${v}` : `${os2}/${a}`;
}
function samePlatform(a, b) {
  return a === b || a !== "" && b !== "" && normalizePlatform(a) === normalizePlatform(b);
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
    throw new Error(`${where}: not JSON (${messageOf(e)})`);
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
  const path8 = m[1] ?? "";
  const at = path8.lastIndexOf("@");
  const rawName = at >= 0 ? path8.slice(0, at) : path8;
  const rawVersion = at >= 0 ? path8.slice(at + 1) : "";
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
function get(v, ...path8) {
  let cur = v;
  for (const k of path8) {
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
import http3 from "node:http";
import https from "node:https";

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
  const first2 = slash < 0 ? "" : name.slice(0, slash);
  if (!first2 || !(first2.includes(".") || first2.includes(":") || first2 === "localhost" || first2 !== first2.toLowerCase())) {
    return ["docker.io", name];
  }
  return [first2 === "index.docker.io" ? "docker.io" : first2, name.slice(slash + 1)];
}
function registryOf(name) {
  return splitDomain(name)[0];
}
function repositoryPath(name) {
  const [host, rest] = splitDomain(name);
  return host === "docker.io" && !rest.includes("/") ? `library/${rest}` : rest;
}

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
var USER_AGENT = "build-image-action";
function basic(c) {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;
}
var agents = {
  "http:": new http3.Agent({ keepAlive: true, maxSockets: 16 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 16 })
};
var MAX_MANIFEST_BYTES = 4 << 20;
function get2(url, headers, timeoutMs, maxBytes, redirects = 5) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const client = u.protocol === "https:" ? https : u.protocol === "http:" ? http3 : void 0;
    if (!client) return reject(new RegistryUnreachable(`unsupported URL ${url}`));
    const req = client.get(
      u,
      { headers: { "User-Agent": USER_AGENT, ...headers }, agent: agents[u.protocol] },
      (res) => {
        const location = res.headers.location;
        if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
          res.resume();
          if (redirects <= 0) return reject(new Error(`GET ${url}: too many redirects`));
          const next = new URL(location, u);
          const forward = next.host === u.host ? headers : Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "authorization"));
          return resolve(get2(next.toString(), forward, timeoutMs, maxBytes, redirects - 1));
        }
        const tooLarge = () => {
          res.destroy();
          req.destroy();
          reject(new RegistryContentRefused(`GET ${url}: the answer is larger than ${maxBytes} bytes, too large for a manifest`));
        };
        if (Number(res.headers["content-length"] ?? 0) > maxBytes) return tooLarge();
        const chunks = [];
        let size = 0;
        res.on("data", (c) => {
          size += c.length;
          if (size > maxBytes) return tooLarge();
          chunks.push(c);
        });
        res.on("error", reject);
        res.on(
          "end",
          () => resolve({
            status: res.statusCode ?? 0,
            header: (name) => {
              const v = res.headers[name.toLowerCase()];
              return Array.isArray(v) ? v.join(", ") : v;
            },
            body: Buffer.concat(chunks)
          })
        );
      }
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}
function registryReader(repo, timeoutMs = 15e3) {
  const host = registryOf(repo);
  const base = registryBaseUrl(host);
  const repository = repositoryPath(repo);
  const auth = authFor(readDockerConfig(), host);
  let authorization;
  const fetchBytes = async (kind, digest) => {
    const url = `${base}/v2/${repository}/${kind}/${digest}`;
    const headers = () => ({ Accept: ACCEPT_MANIFESTS, ...authorization ? { Authorization: authorization } : {} });
    let r = await get2(url, headers(), timeoutMs, MAX_MANIFEST_BYTES);
    if (r.status === 401) {
      const ch = parseChallenge(r.header("www-authenticate") ?? "");
      if (ch?.scheme === "basic" && auth.credentials) {
        authorization = basic(auth.credentials);
      } else if (ch?.scheme === "bearer") {
        if (auth.helper) throw new RegistryUnreachable(`credentials for ${host} are in a credential helper`);
        const tu = tokenUrl(ch, repository);
        if (!tu) throw new RegistryUnreachable(`unusable token realm from ${host}`);
        const t = await get2(tu, auth.credentials ? { Authorization: basic(auth.credentials) } : {}, timeoutMs, MAX_MANIFEST_BYTES);
        if (t.status < 200 || t.status > 299) throw new RegistryUnreachable(`token request to ${new URL(tu).host} answered ${t.status}`);
        const body = JSON.parse(t.body.toString("utf8"));
        const token = body.token ?? body.access_token;
        if (!token) throw new RegistryUnreachable(`no token from ${new URL(tu).host}`);
        authorization = `Bearer ${token}`;
      } else {
        throw new RegistryUnreachable(`${host} asks for credentials this action cannot supply`);
      }
      r = await get2(url, headers(), timeoutMs, MAX_MANIFEST_BYTES);
    }
    if (r.status < 200 || r.status > 299) {
      const err = new Error(`GET ${url} answered ${r.status}`);
      err.status = r.status;
      throw err;
    }
    return r.body;
  };
  const read = (kind) => async (digest) => {
    const body = await fetchBytes(kind, digest);
    const actual = sha256Digest(body);
    if (digest.startsWith("sha256:") && actual !== digest)
      throw new RegistryContentRefused(
        `${base}/v2/${repository}/${kind}/${digest} served content with digest ${actual}: not what was asked for`
      );
    return body.toString("utf8");
  };
  return { manifest: read("manifests"), blob: read("blobs"), servedDigest: async (ref) => sha256Digest(await fetchBytes("manifests", ref)) };
}

// src/report/bounded.ts
async function mapBounded(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
function limiter(limit) {
  let active = 0;
  const waiting = [];
  return async (fn) => {
    if (active >= limit) await new Promise((r) => waiting.push(r));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
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
var TARGETS_AT_ONCE = 8;
var PROCESSES_AT_ONCE = 4;
function sharedReads(deps) {
  let dialled;
  const readers = /* @__PURE__ */ new Map();
  const buildkit = () => dialled ??= (async () => {
    try {
      return await dialBuilderBuildKit(deps.caps.driver, deps.builder);
    } catch (e) {
      info(`reading build records through buildx (BuildKit's API: ${messageOf(e)})`);
      return void 0;
    }
  })();
  return {
    buildkit,
    registry: (repo) => {
      let r = readers.get(repo);
      if (!r) readers.set(repo, r = registryReader(repo));
      return r;
    },
    process: limiter(PROCESSES_AT_ONCE),
    close: () => {
      void dialled?.then((api) => api?.close());
    }
  };
}
async function readAll(target, tags, rootDigest, source, fetch2, rootText) {
  let bytesRead = 0;
  const get3 = async (digest, platform) => {
    const text = await fetch2(digest, platform);
    bytesRead += Buffer.byteLength(text);
    return text;
  };
  const root = parseManifestJson(rootText ?? await get3(rootDigest), `${target} ${rootDigest}`);
  if (rootText) bytesRead += Buffer.byteLength(rootText);
  const manifests = /* @__PURE__ */ new Map();
  if (isIndex(root)) {
    const { images, attestations } = splitIndex(root);
    await Promise.all(
      [...images, ...attestations].map(async (d) => {
        try {
          const m = parseManifestJson(await get3(d.digest, platformString(d.platform) || void 0), d.digest);
          if (!isIndex(m)) manifests.set(d.digest, m);
        } catch (e) {
          if (e instanceof RegistryContentRefused) throw e;
          warning(`${target}: cannot read manifest ${d.digest}: ${messageOf(e)}`);
        }
      })
    );
  }
  return { report: buildReport({ target, tags, rootDigest, root, manifests, source, bytesRead }), manifests };
}
function registryFetch(deps, shared, repo) {
  const http4 = shared.registry(repo).manifest;
  let viaHttp = true;
  const imagetools = (digest) => withRetry(
    async () => {
      const r = await shared.process(() => runBuildx(deps.bx, imagetoolsInspectArgs(`${repo}@${digest}`, { raw: true })));
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
          () => http4(digest),
          `reading ${repo}@${digest}`,
          4,
          500,
          (e) => !(e instanceof RegistryUnreachable) && !(e instanceof RegistryContentRefused) && isTransientRegistryError(e)
        );
      } catch (e) {
        if (e instanceof RegistryContentRefused) throw e;
        viaHttp = false;
        info(`reading manifests through buildx imagetools (${messageOf(e)})`);
      }
    }
    return imagetools(digest);
  };
}
function historyFetch(deps, shared, ref, rootDigest) {
  return async (digest, platform) => {
    const api = await shared.buildkit();
    if (api) {
      try {
        return (await api.read(digest)).toString("utf8");
      } catch {
      }
    }
    const select = digest === rootDigest ? { index: true } : platform && platform !== "unknown/unknown" ? { platform } : { digest };
    const args = historyAttachmentArgs(deps.builder, ref, select);
    let r = await shared.process(() => runBuildx(deps.bx, args));
    if (r.code !== 0 && digest !== rootDigest) {
      r = await shared.process(() => runBuildx(deps.bx, historyAttachmentArgs(deps.builder, ref, { digest })));
    }
    if (r.code !== 0) throw new Error(lastOutputLine(r));
    return r.stdout;
  };
}
var MAX_MANIFEST_BYTES2 = 4 << 20;
function ociTarReader(dest) {
  const fd = openSync(dest, "r");
  const readAt = (offset, length) => {
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buf, done, length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  };
  let entries;
  try {
    entries = indexTarEntries(readAt, fstatSync(fd).size, (name) => name === "index.json" || name.startsWith("blobs/"));
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return (p) => {
    const e = entries.get(p);
    if (!e) return void 0;
    if (e.size > MAX_MANIFEST_BYTES2) throw new Error(`${dest}: ${p} is ${e.size} bytes, too large for a manifest`);
    return readAt(e.offset, e.size).toString("utf8");
  };
}
function ociFetch(dest) {
  let read;
  if (existsSync3(dest) && statSync2(dest).isDirectory()) {
    read = (p) => existsSync3(path2.join(dest, p)) ? readFileSync(path2.join(dest, p), "utf8") : void 0;
  } else {
    read = ociTarReader(dest);
  }
  const root = ociLayoutRoot(read("index.json"), dest);
  const blob = (d) => {
    const text = read(ociBlobPath(d));
    if (text === void 0) throw new Error(`${dest} lacks blob ${d}`);
    return text;
  };
  return { fetch: async (d) => blob(d), root };
}
async function reportFor(r, deps, shared) {
  const from = readSource(r, deps.caps);
  const ref = recordRef(r.metadata);
  const record = ref && deps.caps.historyAttachments ? readBuildRecord(deps, shared, ref) : void 0;
  let bases = baseImagesFromMetadata(r.metadata);
  let report;
  if (from.source === "registry") {
    const back = await readAll(r.target, r.tags, r.digest, "registry", registryFetch(deps, shared, from.repo));
    report = back.report;
    if (bases.length === 0 && report.attestations.length > 0) bases = await pushedProvenanceBases(deps, shared, from.repo, r.digest, back);
  } else if (from.source === "oci-layout") {
    const { fetch: fetch2, root } = ociFetch(from.dest);
    report = (await readAll(r.target, r.tags, root, "oci-layout", fetch2)).report;
  } else if (from.source === "build-record") {
    report = (await readAll(r.target, r.tags, r.digest, "build-record", historyFetch(deps, shared, from.ref, r.digest))).report;
  } else {
    report = unreadReport(r, from.note);
  }
  Object.assign(report, await record ?? {});
  for (const b of bases) addBaseImage(report.baseImages, b);
  return report;
}
async function pushedProvenanceBases(deps, shared, repo, digest, back) {
  const report = back.report;
  try {
    const blob = shared.registry(repo).blob;
    const found2 = [];
    await Promise.all(
      report.attestations.flatMap(
        (a) => provenanceLayers(back.manifests.get(a.digest)).map(async (l) => {
          const text = await blob(l.digest);
          report.bytesRead += Buffer.byteLength(text);
          for (const b of baseImagesFromProvenance(JSON.parse(text))) found2.push(withPlatform(b, a.platform));
        })
      )
    );
    return found2;
  } catch (e) {
    if (e instanceof RegistryContentRefused) throw e;
    const prov = await shared.process(
      () => runBuildx(deps.bx, imagetoolsInspectArgs(`${repo}@${digest}`, { format: "{{json .Provenance}}" }))
    );
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
async function readBuildRecord(deps, shared, ref) {
  const api = await shared.buildkit();
  if (api) {
    try {
      const rec = await api.record(ref);
      return rec ? recordFigures(rec) : {};
    } catch {
    }
  }
  const r = await shared.process(() => runBuildx(deps.bx, historyInspectArgs(deps.builder, ref)));
  return r.code === 0 ? parseBuildRecord(r.stdout) : {};
}
async function collectReports(results, deps) {
  const shared = sharedReads(deps);
  try {
    const outcomes = await mapBounded(results, TARGETS_AT_ONCE, async (r) => {
      try {
        return { report: await reportFor(r, deps, shared) };
      } catch (e) {
        return { error: e };
      }
    });
    const refused = outcomes.find((o) => "error" in o && o.error instanceof RegistryContentRefused);
    if (refused) throw refused.error;
    return outcomes.map((o, i) => {
      const r = results[i];
      if ("report" in o) {
        const report = o.report;
        info(
          `${r.target}: ${report.platforms.length} platform(s), ${report.attestations.length} attestation(s) from ${report.source} (${report.bytesRead} bytes read)`
        );
        return report;
      }
      warning(`${r.target}: could not read what was built: ${o.error.message}`);
      return unreadReport(r, `metadata unavailable: ${o.error.message}`);
    });
  } finally {
    shared.close();
  }
}
function setReportOutputs(reports) {
  for (const [k, v] of Object.entries(reportOutputs(reports))) setOutput(k, v);
}

// src/runner/context.ts
import { readFileSync as readFileSync2 } from "node:fs";
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
function stepOutputsUnread(env) {
  return env["GITHUB_ACTIONS"] === "true" && (env["GITHUB_ACTION"] ?? "").startsWith("__");
}

// src/action/state.ts
function emptyRecords() {
  return { files: [], uploadFile: "", upload: false, retentionDays: 0, unsupported: "", exportError: "", artifact: null, uploadNote: "" };
}
var KEY = "build-image-action";
function emptyState() {
  return {
    started: true,
    tempDir: "",
    buildxCmd: "",
    dockerCmd: "",
    buildxPrefix: [],
    buildxVersion: "",
    builder: "",
    driver: "",
    builderCreated: false,
    builderReason: "",
    keepBuilder: false,
    engine: "",
    engineReason: "",
    summary: true,
    reports: [],
    checkWarnings: [],
    records: emptyRecords(),
    call: "",
    callResult: "",
    error: "",
    errorInput: "",
    durationMs: 0,
    logout: true,
    signatures: [],
    signer: "",
    loginRegistries: [],
    changes: []
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
function savedBuildx(s) {
  return { cmd: s.buildxCmd, prefix: s.buildxPrefix, version: s.buildxVersion, runner: buildToolRunner(processRunner) };
}

// src/action/records.ts
import { existsSync as existsSync5, mkdirSync, readdirSync, readFileSync as readFileSync5, statSync as statSync3, writeFileSync } from "node:fs";
import path6 from "node:path";

// src/buildx/records.ts
var RECORD_EXPORT_MIN_BUILDX = "0.23.0";
function recordExport(buildxVersion) {
  return { supported: versionAtLeast(buildxVersion, RECORD_EXPORT_MIN_BUILDX), finalize: versionAtLeast(buildxVersion, "0.24.0") };
}
function refOf(target, metadata) {
  const full = metadata["buildx.build.ref"];
  if (typeof full !== "string") return [];
  const parts = full.split("/");
  if (parts.length !== 3 || !parts[0] || !parts[2]) return [];
  return [{ target, builder: parts[0], node: parts[1] ?? "", ref: parts[2] }];
}
function recordRefs(results) {
  const seen = /* @__PURE__ */ new Set();
  return results.flatMap((r) => r.builds ? r.builds.flatMap((b) => refOf(b.target, b.metadata)) : refOf(r.target, r.metadata)).filter((r) => seen.has(r.ref) ? false : (seen.add(r.ref), true));
}
function contextUnder(localPath, roots) {
  return roots.some((r) => {
    const root = r.replace(/\/+$/, "");
    return root !== "" && (localPath === r || localPath === root || localPath.startsWith(`${root}/`));
  });
}
function refsStartedSince(local, builder, sinceMs, roots) {
  const keys = /* @__PURE__ */ new Set();
  return local.filter((l) => l.builder === builder && l.mtimeMs >= sinceMs && l.ref !== "" && contextUnder(l.localPath, roots)).sort((a, b) => a.mtimeMs - b.mtimeMs || a.ref.localeCompare(b.ref)).map((l) => {
    let target = l.target || "default";
    if (keys.has(target)) target = `${target}#${l.ref.slice(0, 6)}`;
    keys.add(target);
    return { target, builder: l.builder, node: l.node, ref: l.ref };
  });
}
function recordFileName(repository, refs) {
  const first2 = (refs[0] ?? "").slice(0, 6).toUpperCase();
  const [owner, repo] = repository.split("/");
  const prefix = owner && repo ? `${owner}~${repo}~` : "";
  return `${prefix}${first2}${refs.length > 1 ? `+${refs.length - 1}` : ""}.dockerbuild`.replace(/[^A-Za-z0-9._~+-]/g, "-");
}
function buildRecordsOutput(files) {
  return JSON.stringify(Object.fromEntries(files.map((f) => [f.target, f.path])));
}

// src/buildx/builder.ts
import { existsSync as existsSync4, readFileSync as readFileSync3 } from "node:fs";
import path3 from "node:path";
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
function scopedBuilderMismatch(info2, want) {
  if (info2.driver !== want.driver) return `its driver is ${info2.driver || "unknown"}, not ${want.driver}`;
  if (want.driver === "remote") {
    const other = info2.nodes.find((n) => n.endpoint !== want.endpoint);
    if (other || info2.nodes.length === 0) return `its endpoint is ${other?.endpoint || "unknown"}, not ${want.endpoint}`;
  }
  return "";
}
var DEFAULT_BUILDKIT_IMAGE = "moby/buildkit:buildx-stable-1";
var CONTAINER_CONFIG = ["--config", "/etc/buildkit/buildkitd.toml"];
function driverOptsMap(entries) {
  const out = {};
  for (const entry of entries) {
    for (const field of entry.split(",")) {
      const eq = field.indexOf("=");
      if (eq > 0) out[field.slice(0, eq).trim()] = field.slice(eq + 1).trim();
    }
  }
  return out;
}
function shellWords(text) {
  const words = [];
  let word;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"' && i + 1 < text.length) word = (word ?? "") + text[++i];
      else word = (word ?? "") + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word = word ?? "";
    } else if (c === "\\" && i + 1 < text.length) word = (word ?? "") + text[++i];
    else if (/\s/.test(c)) {
      if (word !== void 0) words.push(word);
      word = void 0;
    } else word = (word ?? "") + c;
  }
  if (word !== void 0) words.push(word);
  return words;
}
var optsText = (o) => Object.keys(o).length === 0 ? "none" : Object.entries(o).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(",");
function compactValue(v) {
  let out = "";
  let quote = "";
  for (let i = 0; i < v.length; i++) {
    const c = v[i] ?? "";
    if (quote) {
      if (c === quote) {
        quote = "";
        out += '"';
      } else if (c === "\\" && quote === '"') {
        out += c + (v[++i] ?? "");
      } else out += quote === "'" && (c === '"' || c === "\\") ? `\\${c}` : c;
    } else if (c === '"' || c === "'") {
      quote = c;
      out += '"';
    } else if (c === "#") break;
    else if (!/\s/.test(c)) out += c;
  }
  return out;
}
function tomlEntries(text) {
  const out = [];
  let table = "";
  const arrays = /* @__PURE__ */ new Map();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      const name = compactValue(header[2] ?? "");
      if (header[1] === "[[") {
        const n = (arrays.get(name) ?? -1) + 1;
        arrays.set(name, n);
        table = `${name}[${n}]`;
      } else table = name;
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) return void 0;
    const key = compactValue(line.slice(0, eq));
    const value = compactValue(line.slice(eq + 1));
    if (value === "" || value.startsWith("{") || value.startsWith("[") && !value.endsWith("]")) return void 0;
    out.push(`${table ? `${table}.` : ""}${key}=${value}`);
  }
  return out.sort();
}
function sameConfig(kept, wanted) {
  if (!kept.trim() || !wanted.trim()) return !kept.trim() && !wanted.trim();
  const a = tomlEntries(kept);
  const b = tomlEntries(wanted);
  return !a || !b || a.join("\n") === b.join("\n");
}
function allowedEntitlements(flags) {
  const out = [];
  flags.forEach((f, i) => {
    if (f === "--allow-insecure-entitlement") out.push(flags[i + 1] ?? "");
    else if (f.startsWith("--allow-insecure-entitlement=")) out.push(f.slice(f.indexOf("=") + 1));
  });
  return out;
}
function recordedFlagChoices(flags, driverOpts) {
  const allowed = allowedEntitlements(flags);
  const added = driverOpts["network"] === "host" && !allowed.includes("network.host") || allowed.length === 0;
  return added ? [flags, [...flags, "--allow-insecure-entitlement=network.host"]] : [flags];
}
function dockerContainerMismatch(stored, containers, want) {
  if (!stored || stored.length === 0) return "buildx keeps no configuration for it (its store entry is missing or unreadable)";
  const wantOpts = optsText(want.driverOpts);
  const image = want.driverOpts["image"] || DEFAULT_BUILDKIT_IMAGE;
  const flagChoices = recordedFlagChoices(want.flags, want.driverOpts).map((f) => f.join(" "));
  for (const node of stored) {
    const opts = optsText(node.driverOpts);
    if (opts !== wantOpts) return `node ${node.name} has driver options ${opts}, not ${wantOpts} (driver-opts)`;
    if (!flagChoices.includes(node.flags.join(" ")))
      return `node ${node.name} has BuildKit daemon flags ${JSON.stringify(node.flags.join(" "))}, not ${JSON.stringify(want.flags.join(" "))} (buildkitd-flags)`;
    const config = node.files["buildkitd.toml"] ?? "";
    if (!sameConfig(config, want.config))
      return `node ${node.name} has ${config ? "a buildkitd config" : "no buildkitd config"} ${want.config ? "other than the one asked for" : "though none is asked for"} (buildkitd-config, buildkitd-config-inline)`;
    if (!containers) continue;
    const c = containers.get(node.name);
    const container = `buildx_buildkit_${node.name}`;
    if (!c) return `node ${node.name} has no container ${container} on this engine (its endpoint is another engine)`;
    if (c.image !== image) return `its container ${container} runs the image ${c.image}, not ${image}`;
    const cmd = c.cmd.slice(0, 2).join(" ") === CONTAINER_CONFIG.join(" ") ? c.cmd.slice(2) : c.cmd;
    if (!flagChoices.includes(cmd.join(" ")))
      return `its container ${container} runs BuildKit with ${JSON.stringify(c.cmd.join(" "))}, not the flags asked for`;
    const network = want.driverOpts["network"];
    if (network && c.networkMode !== network) return `its container ${container} has the network ${c.networkMode}, not ${network}`;
  }
  return "";
}
function readStoredNodes(name, env = process.env) {
  try {
    const doc = JSON.parse(readFileSync3(path3.join(buildxConfigDir(env), "instances", name), "utf8"));
    return (doc.Nodes ?? []).map((n) => ({
      name: n.Name ?? "",
      driverOpts: n.DriverOpts ?? {},
      flags: n.Flags ?? [],
      files: Object.fromEntries(Object.entries(n.Files ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]))
    }));
  } catch {
    return void 0;
  }
}
function wantedConfigText(configFile, env = process.env) {
  const file = configFile || path3.join(buildxConfigDir(env), "buildkitd.default.toml");
  try {
    return readFileSync3(file, "utf8");
  } catch {
    return "";
  }
}
async function containerOverSocket(socketPath, name) {
  const { status, body } = await getOverSocket(socketPath, `/containers/${encodeURIComponent(name)}/json`);
  if (status === 404) return void 0;
  if (status !== 200) throw new Error(`the engine answered ${status} for container ${name}`);
  const j = JSON.parse(body);
  return { image: j.Config?.Image ?? "", cmd: j.Config?.Cmd ?? [], networkMode: j.HostConfig?.NetworkMode ?? "" };
}
async function nodeContainers(nodes, env = process.env) {
  const socket = daemonSocket(env, readDockerConfig());
  if (!socket || !existsSync4(socket)) return void 0;
  const out = /* @__PURE__ */ new Map();
  for (const n of nodes) out.set(n, await containerOverSocket(socket, `buildx_buildkit_${n}`));
  return out;
}
async function inspectBuilder(bx, name) {
  const r = await runBuildxChecked(
    bx,
    inspectBuilderArgs(name, { bootstrap: true }),
    {},
    (line) => new InputError("builder", `cannot use builder ${name}: ${line}`)
  );
  return parseBuilderInspect(r.stdout);
}
function defaultBuilderName() {
  return currentContextName(process.env, readDockerConfig());
}
async function removeBuilder(bx, name) {
  await runBuildxChecked(bx, removeBuilderArgs(name));
}
function buildxConfigDir(env) {
  return env["BUILDX_CONFIG"] || path3.join(dockerConfigDir(env), "buildx");
}
async function currentBuilder(bx, env = process.env) {
  if (!env["BUILDX_BUILDER"] && !namesCurrentBuilder(path3.join(buildxConfigDir(env), "current"))) return void 0;
  const r = await runBuildxChecked(
    bx,
    inspectCurrentBuilderArgs(),
    {},
    (line) => env["BUILDX_BUILDER"] ? new Error(`cannot use builder ${env["BUILDX_BUILDER"]} (BUILDX_BUILDER): ${line}`) : new Error(`cannot read the current builder: ${line}`)
  );
  const info2 = parseBuilderInspect(r.stdout);
  if (!info2.name || info2.driver === "docker" && info2.name === defaultBuilderName()) return void 0;
  return { name: info2.name, driver: info2.driver };
}
function namesCurrentBuilder(file) {
  if (!existsSync4(file)) return false;
  try {
    return JSON.parse(readFileSync3(file, "utf8")).Name !== "";
  } catch {
    return true;
  }
}
async function useImplicitBuilder(s, bx, containerdStore) {
  if (s.builder || s.driverGiven) return void 0;
  const current = await currentBuilder(bx);
  const daemonBuilderCannot = current && current.driver !== "docker" ? void 0 : dockerDriverCannot(s, await containerdStore);
  const choice = chooseBuilder({ builderGiven: false, driverGiven: false, current, daemonBuilderCannot });
  if (choice.use === "current") {
    info(`using the current builder ${choice.name}${process.env["BUILDX_BUILDER"] ? " (BUILDX_BUILDER)" : ""}`);
    return { name: choice.name };
  }
  if (choice.use === "automatic") {
    const name = newBuilderName();
    await group("Set up a builder for this build", async () => {
      info(`the engine's builder cannot build this (${choice.reason}): creating docker-container builder ${name}, which post removes`);
      await runBuildxChecked(
        bx,
        createBuilderArgs({ ...s, driver: "docker-container" }, { name, configFile: "" }),
        {},
        (line) => line.includes("driver-opt") ? new InputError("driver-opts", line) : new Error(`cannot create builder ${name}: ${line}`)
      );
    });
    return { name, createdFor: choice.reason };
  }
  return void 0;
}

// src/buildx/record-export.ts
import { readFileSync as readFileSync4 } from "node:fs";
import path4 from "node:path";

// src/buildx/record-bundle.ts
import { createHash as createHash3 } from "node:crypto";
import { gzipSync } from "node:zlib";
var HISTORY_RECORD_MEDIA_TYPE = "application/vnd.buildkit.historyrecord.v0";
var REF_DESCRIPTOR_MEDIA_TYPE = "vnd.export-build.descriptor.mediatype";
var OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var DESCRIPTOR = [
  [1, "media_type", "string"],
  [2, "digest", "string"],
  [3, "size", "int"],
  [5, "annotations", { map: "string" }]
];
var TIMESTAMP = [
  [1, "seconds", "int"],
  [2, "nanos", "int"]
];
var STATUS = [
  [1, "code", "int"],
  [2, "message", "string"],
  [
    3,
    "details",
    {
      repeated: [
        [1, "type_url", "string"],
        [2, "value", "bytes"]
      ]
    }
  ]
];
var RESULT_INFO = [
  [1, "ResultDeprecated", { message: DESCRIPTOR }],
  [2, "Attestations", { repeated: DESCRIPTOR }],
  [3, "Results", { map: { message: DESCRIPTOR }, intKeys: true }]
];
var EXPORTER = [
  [1, "Type", "string"],
  [2, "Attrs", { map: "string" }]
];
var RECORD = [
  [1, "Ref", "string"],
  [2, "Frontend", "string"],
  [3, "FrontendAttrs", { map: "string" }],
  [4, "Exporters", { repeated: EXPORTER }],
  [5, "error", { message: STATUS }],
  [6, "CreatedAt", { message: TIMESTAMP }],
  [7, "CompletedAt", { message: TIMESTAMP }],
  [8, "logs", { message: DESCRIPTOR }],
  [9, "ExporterResponse", { map: "string" }],
  [10, "Result", { message: RESULT_INFO }],
  [11, "Results", { map: { message: RESULT_INFO } }],
  [12, "Generation", "int"],
  [13, "trace", { message: DESCRIPTOR }],
  [14, "pinned", "bool"],
  [15, "numCachedSteps", "int"],
  [16, "numTotalSteps", "int"],
  [17, "numCompletedSteps", "int"],
  [18, "externalError", { message: DESCRIPTOR }],
  [19, "numWarnings", "int"]
];
var utf8 = (b) => Buffer.from(b.buffer, b.byteOffset, b.length).toString("utf8");
var bytesOf = (v) => v instanceof Uint8Array ? v : new Uint8Array();
function sortedObject(entries) {
  return Object.fromEntries(entries.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function decodeMap(fields, value, intKeys) {
  const entries = [];
  for (const f of fields) {
    const kv = readFields(bytesOf(f.value));
    const k = kv.find((x) => x.no === 1)?.value;
    const v = kv.find((x) => x.no === 2)?.value;
    const key = intKeys ? String(typeof k === "bigint" ? BigInt.asIntN(64, k) : 0n) : k instanceof Uint8Array ? utf8(k) : "";
    entries.push([
      key,
      value === "string" ? v instanceof Uint8Array ? utf8(v) : "" : decodeMessage(v ? bytesOf(v) : new Uint8Array(), value.message)
    ]);
  }
  return sortedObject(entries);
}
function decodeMessage(buf, schema) {
  const fields = readFields(buf);
  const out = {};
  for (const [no, name, kind] of schema) {
    const mine = fields.filter((f) => f.no === no);
    if (mine.length === 0) continue;
    const last = mine[mine.length - 1].value;
    if (kind === "string") {
      const s = utf8(bytesOf(last));
      if (s) out[name] = s;
    } else if (kind === "int") {
      const n = Number(BigInt.asIntN(64, typeof last === "bigint" ? last : 0n));
      if (n) out[name] = n;
    } else if (kind === "bool") {
      if (last) out[name] = true;
    } else if (kind === "bytes") {
      const b = bytesOf(last);
      if (b.length) out[name] = Buffer.from(b).toString("base64");
    } else if ("message" in kind) {
      out[name] = decodeMessage(bytesOf(last), kind.message);
    } else if ("repeated" in kind) {
      out[name] = mine.map((f) => decodeMessage(bytesOf(f.value), kind.repeated));
    } else {
      const m = decodeMap(mine, kind.map, kind.intKeys === true);
      if (Object.keys(m).length) out[name] = m;
    }
  }
  return out;
}
function decodeHistoryRecord(buf) {
  return decodeMessage(buf, RECORD);
}
function withTrace(record, trace) {
  const next = { ...record, trace, Generation: Number(record["Generation"] ?? 0) + 1 };
  return Object.fromEntries(RECORD.flatMap(([, name]) => name in next ? [[name, next[name]]] : []));
}
function goJson(value, indent) {
  return JSON.stringify(value, null, indent ? 2 : void 0).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
var SENSITIVE_ATTRS = /(ghtoken|token|access_key_id|secret_access_key|session_token)=[^ ,]+/gi;
var GH_TOKENS = /(?:ghu|ghs)_[A-Za-z0-9]{36}/g;
var GH_PAT = /github_pat_\w{82}/g;
function sanitizeCommand(value) {
  return value.replace(SENSITIVE_ATTRS, "$1=xxxxx").replace(GH_TOKENS, "xxxxx").replace(GH_PAT, "xxxxx");
}
function jsonDocuments(text) {
  try {
    return text.split(/\n(?=[{[])/).filter((d) => d.trim() !== "").map((d) => {
      const v = JSON.parse(d);
      if (typeof v !== "object" || v === null) throw new Error("not a JSON document");
      return v;
    });
  } catch {
    return scanJsonDocuments(text);
  }
}
function scanJsonDocuments(text) {
  const out = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (depth++ === 0) start = i;
    } else if (c === "}" || c === "]") {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  if (depth !== 0) throw new Error("the trace ends inside a JSON document");
  return out;
}
var SPAN_FIELDS = [
  "Name",
  "SpanContext",
  "Parent",
  "SpanKind",
  "StartTime",
  "EndTime",
  "Attributes",
  "Events",
  "Links",
  "Status",
  "DroppedAttributes",
  "DroppedEvents",
  "DroppedLinks",
  "ChildSpanCount",
  "Resource",
  "InstrumentationLibrary"
];
function sanitizeTrace(trace) {
  const spans = jsonDocuments(trace.toString("utf8"));
  const out = [];
  for (const span of spans) {
    for (const a of span["Attributes"] ?? []) {
      if (a.Value?.Type === "STRING" && typeof a.Value.Value === "string") a.Value.Value = sanitizeCommand(a.Value.Value);
    }
    out.push(`${goJson(Object.fromEntries(SPAN_FIELDS.map((k) => [k, span[k] ?? null])), true)}
`);
  }
  return Buffer.from(out.join(""), "utf8");
}
function sanitizeCacheImports(v) {
  try {
    const list = JSON.parse(v);
    return goJson(
      list.map((c) => ({
        Type: c.Type ?? "",
        Attrs: sortedObject(Object.entries(c.Attrs ?? {}).filter(([k]) => k === "scope" || k === "ref"))
      })),
      false
    );
  } catch {
    return "";
  }
}
var digestOf = (b) => `sha256:${createHash3("sha256").update(b).digest("hex")}`;
function recordBlobDigests(record) {
  const descs = [];
  const add = (d) => {
    if (d && typeof d === "object" && !Array.isArray(d)) descs.push(d);
  };
  const addResult = (r) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) return;
    for (const a of r["Attestations"] ?? []) add(a);
    for (const v of Object.values(r["Results"] ?? {})) add(v);
  };
  add(record["trace"]);
  add(record["logs"]);
  addResult(record["Result"]);
  add(record["externalError"]);
  for (const r of Object.values(record["Results"] ?? {})) addResult(r);
  return [...new Set(descs.map((d) => d.digest ?? "").filter(Boolean))];
}
var LARGE_MEMBER = 256 << 10;
var BundleCache = class {
  traces = /* @__PURE__ */ new Map();
  members = /* @__PURE__ */ new Map();
  digests = /* @__PURE__ */ new WeakMap();
  manifests = /* @__PURE__ */ new WeakMap();
  cleanTrace(digest, raw) {
    let t = this.traces.get(digest);
    if (!t) this.traces.set(digest, t = sanitizeTrace(raw));
    return t;
  }
  /** The cleaned trace's member, made ahead of the bundles that hold it. */
  traceMember(digest, raw) {
    const clean = this.cleanTrace(digest, raw);
    this.member(this.digest(clean), clean);
  }
  digest(b) {
    let d = this.digests.get(b);
    if (!d) this.digests.set(b, d = digestOf(b));
    return d;
  }
  /** a record's manifest and blobs, made once for every bundle that holds the record */
  recordManifest(r, make) {
    let m = this.manifests.get(r);
    if (!m) this.manifests.set(r, m = make());
    return m;
  }
  member(digest, data) {
    let m = this.members.get(digest);
    if (!m) {
      const tar = tarMember(`blobs/sha256/${digest.replace(/^sha256:/, "")}`, data, 292);
      this.members.set(digest, m = gzipSync(tar, data.length > LARGE_MEMBER ? { level: 3 } : {}));
    }
    return m;
  }
};
function recordManifest(r, blob, cache) {
  const blobs = /* @__PURE__ */ new Map();
  const put = (mediaType, data) => {
    const d = cache.digest(data);
    blobs.set(d, data);
    return { mediaType, digest: d, size: data.length };
  };
  const record = structuredClone(r.record);
  const attrs = record["FrontendAttrs"];
  if (attrs && "cache-imports" in attrs) attrs["cache-imports"] = sanitizeCacheImports(attrs["cache-imports"] ?? "");
  const visited = /* @__PURE__ */ new Set();
  const layer = (d) => {
    if (!d || typeof d !== "object" || Array.isArray(d)) return void 0;
    const rd = d;
    const digest = rd.digest ?? "";
    if (visited.has(digest)) return void 0;
    visited.add(digest);
    blobs.set(digest, blob(digest));
    return { mediaType: rd.media_type ?? "", digest, size: rd.size ?? 0, ...rd.annotations ? { annotations: rd.annotations } : {} };
  };
  const resultLayers = (res) => {
    if (!res || typeof res !== "object" || Array.isArray(res)) return [];
    const out = [];
    for (const a of res["Attestations"] ?? []) {
      const d = layer(a);
      if (d) out.push(d);
    }
    for (const v of Object.values(res["Results"] ?? {})) {
      const d = layer(v);
      if (d)
        out.push({
          ...d,
          mediaType: "application/json",
          annotations: sortedAnnotations({ ...d.annotations, [REF_DESCRIPTOR_MEDIA_TYPE]: d.mediaType })
        });
    }
    return out;
  };
  const layers = [];
  const trace = record["trace"];
  if (trace?.digest) {
    visited.add(trace.digest);
    const clean = put(trace.media_type ?? "", cache.cleanTrace(trace.digest, blob(trace.digest)));
    record["trace"] = { ...trace, digest: clean.digest, size: clean.size };
    layers.push(clean);
  }
  const withState = { ...record, DefaultPlatform: r.defaultPlatform };
  if (r.localState) withState["localState"] = r.localState;
  if (r.stateGroup) withState["stateGroup"] = r.stateGroup;
  const config = put(HISTORY_RECORD_MEDIA_TYPE, Buffer.from(goJson(withState, true)));
  const logs = layer(record["logs"]);
  if (logs) layers.push(logs);
  layers.push(...resultLayers(record["Result"]));
  const ext = layer(record["externalError"]);
  if (ext) layers.push(ext);
  const results = record["Results"] ?? {};
  for (const k of Object.keys(results)) layers.push(...resultLayers(results[k]));
  const manifest = put(OCI_MANIFEST, Buffer.from(goJson({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers }, true)));
  return { manifest, ref: String(record["Ref"] ?? ""), blobs };
}
function bundleRecords(records, blob, cache = new BundleCache()) {
  const blobs = /* @__PURE__ */ new Map();
  const put = (mediaType, data) => {
    const d = cache.digest(data);
    blobs.set(d, data);
    return { mediaType, digest: d, size: data.length };
  };
  const manifests = records.map((r) => {
    const made = cache.recordManifest(r, () => recordManifest(r, blob, cache));
    for (const [d, b] of made.blobs) blobs.set(d, b);
    return made;
  });
  const only = manifests.length === 1 ? manifests[0] : void 0;
  const root = only ? only.manifest : put(
    OCI_INDEX,
    Buffer.from(
      goJson(
        {
          schemaVersion: 2,
          mediaType: OCI_INDEX,
          manifests: manifests.map((m) => ({ ...m.manifest, annotations: { "vnd.buildkit.history.reference": m.ref } }))
        },
        true
      )
    )
  );
  const index = Buffer.from(goJson({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [root] }, false));
  const layout = Buffer.from(goJson({ imageLayoutVersion: "1.0.0" }, false));
  return Buffer.concat([
    gzipSync(Buffer.concat([tarMember("blobs/", void 0, 493), tarMember("blobs/sha256/", void 0, 493)])),
    ...[...blobs.keys()].sort().map((d) => cache.member(d, blobs.get(d))),
    gzipSync(Buffer.concat([tarMember("index.json", index, 420), tarMember("oci-layout", layout, 292), TAR_END]))
  ]);
}
function sortedAnnotations(a) {
  return sortedObject(Object.entries(a).filter((e) => e[1] !== void 0));
}

// src/buildx/record-export.ts
function localStateOf(configDir, r) {
  const read = (...p) => {
    try {
      return JSON.parse(readFileSync4(path4.join(configDir, "refs", ...p), "utf8"));
    } catch {
      return void 0;
    }
  };
  const st = r.node ? read(r.builder, r.node, r.ref) : void 0;
  if (!st) return {};
  const str = (v) => typeof v === "string" ? v : "";
  const localState = {
    Target: str(st["Target"]),
    LocalPath: str(st["LocalPath"]),
    DockerfilePath: str(st["DockerfilePath"]),
    ...str(st["GroupRef"]) ? { GroupRef: str(st["GroupRef"]) } : {}
  };
  const group2 = localState.GroupRef ? read("__group__", localState.GroupRef) : void 0;
  const list = (v) => Array.isArray(v) ? v.filter((x) => typeof x === "string") : null;
  const targets = list(group2?.["Targets"]);
  const stateGroup = group2 ? { ...targets?.length ? { Targets: targets } : {}, Refs: list(group2["Refs"]) } : void 0;
  return { localState, ...stateGroup ? { stateGroup } : {} };
}
async function exportRecordBundles(api, refs, opts) {
  const finalized = { count: 0, ms: 0 };
  const readRecord = async (ref) => {
    const raw = await api.rawRecord(ref);
    if (!raw) throw new Error(`no record found for ref ${ref}`);
    return decodeHistoryRecord(raw);
  };
  const states = refs.map((r) => localStateOf(opts.configDir, r));
  const cache = new BundleCache();
  const blobs = /* @__PURE__ */ new Map();
  const traces = /* @__PURE__ */ new Set();
  const fetchBlobs = (record) => {
    const trace = record["trace"]?.digest;
    if (trace) traces.add(trace);
    return Promise.all(
      recordBlobDigests(record).map((d) => {
        let b = blobs.get(d);
        if (!b) {
          b = api.read(d).then((data) => {
            if (traces.has(d)) cache.traceMember(d, data);
            else cache.member(d, data);
            return data;
          });
          blobs.set(d, b);
        }
        return b;
      })
    );
  };
  const groupOf = (i) => {
    const group2 = states[i]?.localState?.GroupRef;
    return group2 ? `group:${group2}` : `ref:${refs[i]?.ref}`;
  };
  const leaders = /* @__PURE__ */ new Map();
  refs.forEach((_, i) => {
    if (!leaders.has(groupOf(i))) leaders.set(groupOf(i), i);
  });
  const finalizeCall = (ref) => {
    const t = Date.now();
    const call = api.finalize(ref).then(() => Date.now() - t);
    call.catch(() => void 0);
    return call;
  };
  const asked = new Map([...leaders].map(([group2, i]) => [group2, finalizeCall(refs[i]?.ref ?? "")]));
  const finalize = async (i, call = finalizeCall(refs[i]?.ref ?? "")) => {
    const ms = await call;
    finalized.count++;
    finalized.ms = Math.max(finalized.ms, ms);
    const done = await readRecord(refs[i]?.ref ?? "");
    await fetchBlobs(done);
    return done;
  };
  const found2 = new Array(refs.length);
  const finalizedBy = /* @__PURE__ */ new Map();
  await Promise.all(
    refs.map(async (r, i) => {
      let rec = await readRecord(r.ref);
      const reading = fetchBlobs(rec);
      if (leaders.get(groupOf(i)) === i && !rec["trace"]) {
        rec = await finalize(i, asked.get(groupOf(i)));
        finalizedBy.set(groupOf(i), rec);
      }
      await reading;
      found2[i] = rec;
    })
  );
  const rest = /* @__PURE__ */ new Map();
  found2.forEach((rec, i) => {
    if (rec["trace"]) return;
    const key = groupOf(i);
    const done = finalizedBy.get(key);
    if (done?.["trace"]) found2[i] = withTrace(rec, done["trace"]);
    else rest.set(key, [...rest.get(key) ?? [], i]);
  });
  await Promise.all(
    [...rest.values()].map(async ([first2, ...others]) => {
      const done = await finalize(first2);
      found2[first2] = done;
      if (done["trace"]) for (const i of others) found2[i] = withTrace(found2[i] ?? {}, done["trace"]);
    })
  );
  const records = found2.map((record, i) => ({ ref: refs[i], record, state: states[i] ?? {} }));
  const read = /* @__PURE__ */ new Map();
  for (const [d, b] of blobs) read.set(d, await b);
  const blob = (d) => {
    const b = read.get(d);
    if (!b) throw new Error(`blob ${d} was not read`);
    return b;
  };
  const defaultPlatform = await opts.defaultPlatform;
  const bundled = records.map((r) => ({ record: r.record, defaultPlatform, ...r.state }));
  const each = new Map(bundled.map((b, i) => [refs[i]?.ref ?? "", bundleRecords([b], blob, cache)]));
  return { each, ...bundled.length > 1 ? { all: bundleRecords(bundled, blob, cache) } : {}, finalized };
}
function defaultPlatformOf(platforms) {
  const fallback = `linux/${process.arch === "x64" ? "amd64" : process.arch}`;
  const p = (platforms[0] ?? fallback).trim();
  return p.replace(/^([^/]+\/amd64)\/v1$/, "$1").replace(/^([^/]+\/arm64)\/v8$/, "$1");
}

// src/runner/artifact.ts
import path5 from "node:path";
function artifactServiceMissing(env = process.env) {
  if (!env["ACTIONS_RUNTIME_TOKEN"] || !env["ACTIONS_RESULTS_URL"]) {
    return "no artifact service here (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only on a GitHub Actions runner)";
  }
  let host = "";
  try {
    host = new URL(env["GITHUB_SERVER_URL"] || "https://github.com").hostname.toLowerCase();
  } catch {
    host = "";
  }
  if (host !== "github.com" && !host.endsWith(".ghe.com") && !host.endsWith(".localhost")) {
    return "GitHub Enterprise Server has no artifact service that @actions/artifact 2 or later can use";
  }
  return "";
}
async function uploadFileArtifact(file, retentionDays, env = process.env) {
  const { uploadArtifact } = await import("./upload-artifact-DLKGOEO5.js");
  const name = path5.basename(file);
  const response = await uploadArtifact(name, [file], path5.dirname(file), {
    skipArchive: true,
    ...retentionDays > 0 ? { retentionDays } : {}
  });
  if (response.id === void 0) throw new Error("the artifact service gave no artifact id");
  const server = (env["GITHUB_SERVER_URL"] || "https://github.com").replace(/\/+$/, "");
  return {
    name,
    id: response.id,
    size: response.size ?? 0,
    url: `${server}/${env["GITHUB_REPOSITORY"] ?? ""}/actions/runs/${env["GITHUB_RUN_ID"] ?? ""}/artifacts/${response.id}`
  };
}

// src/action/records.ts
async function exportBuildRecords(s, buildx, results, state) {
  if (summaryOff(s)) return;
  if (stepOutputsUnread(process.env)) {
    const refs = recordRefs(results);
    if (refs.length === 0) return;
    await buildx.settleInspect();
    state.records.deferred = { refs, defaultPlatform: defaultPlatformOf(buildx.builder.platforms) };
    state.records.upload = s.buildRecordUpload;
    state.records.retentionDays = s.buildRecordRetentionDays;
    info(
      "build records: exported by the post step, as docker's actions export them (this step has no id: no later step can read its outputs)"
    );
    saveState2(state);
    return;
  }
  await exportRecords(recordsExporter(s, buildx), () => recordRefs(results), state);
}
async function exportDeferredRecords(state) {
  const deferred = state.records.deferred;
  if (!deferred) return;
  const exporter = {
    bx: savedBuildx(state),
    builder: state.builder,
    driver: state.driver,
    buildxVersion: state.buildxVersion,
    defaultPlatform: () => Promise.resolve(deferred.defaultPlatform),
    upload: state.records.upload,
    retentionDays: state.records.retentionDays
  };
  try {
    await exportRecords(exporter, () => deferred.refs, state, { output: false });
  } catch (e) {
    warning(`could not export the build records: ${messageOf(e)}`);
  }
}
function recordsExporter(s, buildx) {
  return {
    bx: buildx.bx,
    builder: buildx.builder.name,
    driver: buildx.caps.driver,
    buildxVersion: buildx.caps.buildxVersion,
    defaultPlatform: () => buildx.settleInspect().then(() => defaultPlatformOf(buildx.builder.platforms)),
    upload: s.buildRecordUpload,
    retentionDays: s.buildRecordRetentionDays
  };
}
async function exportFailedBuildRecords(s, buildx, state, sinceMs) {
  if (summaryOff(s)) return;
  try {
    const roots = stepContexts(s);
    await exportRecords(
      recordsExporter(s, buildx),
      () => refsStartedSince(localRefs(buildx.builder.name), buildx.builder.name, sinceMs, roots),
      state
    );
  } catch (e) {
    warning(`could not export the failed build's record: ${messageOf(e)}`);
  }
}
function summaryOff(s) {
  if (s.summary) return false;
  info(
    "build records are not exported: the summary is off (summary: false or DOCKER_BUILD_SUMMARY=false), as in docker/build-push-action"
  );
  return true;
}
function stepContexts(s) {
  const context = s.context || s.defaultContext;
  const remote = /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith("git@");
  return [
    ...context ? [remote ? context : path6.resolve(context)] : [],
    ...s.files.filter((f) => f && f !== "-").map((f) => path6.dirname(path6.resolve(f))),
    process.cwd(),
    ...process.env["GITHUB_WORKSPACE"] ? [path6.resolve(process.env["GITHUB_WORKSPACE"])] : []
  ];
}
function localRefs(builder) {
  const dir = path6.join(buildxConfigDir(process.env), "refs", builder);
  if (!existsSync5(dir)) return [];
  const out = [];
  for (const node of readdirSync(dir)) {
    const nodeDir = path6.join(dir, node);
    if (!statSync3(nodeDir).isDirectory()) continue;
    for (const ref of readdirSync(nodeDir)) {
      try {
        const file = path6.join(nodeDir, ref);
        const st = statSync3(file);
        if (!st.isFile() || st.size > 1 << 20) continue;
        const doc = JSON.parse(readFileSync5(file, "utf8"));
        const str = (v) => typeof v === "string" ? v : "";
        out.push({ builder, node, ref, mtimeMs: st.mtimeMs, target: str(doc.Target), localPath: str(doc.LocalPath) });
      } catch {
      }
    }
  }
  return out;
}
async function exportRecords(exporter, findRefs, state, { output = true } = {}) {
  const records = state.records;
  records.upload = exporter.upload;
  records.retentionDays = exporter.retentionDays;
  const version = exporter.buildxVersion;
  const can = recordExport(version);
  if (!can.supported) {
    records.unsupported = version || "of unknown version";
    info(`build records are not exported: buildx history export needs buildx 0.23 or later (this buildx is ${records.unsupported})`);
    saveState2(state);
    return;
  }
  const refs = findRefs();
  if (refs.length === 0) return;
  if (process.env["GITHUB_ACTIONS"] !== "true") {
    info("build records are exported in GitHub Actions runs only (GITHUB_ACTIONS=true)");
    return;
  }
  const repository = process.env["GITHUB_REPOSITORY"] ?? "";
  const dir = path6.join(state.tempDir, "build-records");
  const started = Date.now();
  try {
    mkdirSync(dir, { recursive: true });
    const allFile = refs.length > 1 ? path6.join(
      dir,
      "all",
      recordFileName(
        repository,
        refs.map((r) => r.ref)
      )
    ) : void 0;
    const files = refs.map((r) => ({ target: r.target, ref: r.ref, path: path6.join(dir, recordFileName(repository, [r.ref])) }));
    const how = await exportThroughApi(exporter, refs, files, allFile) ?? await exportThroughBuildx(exporter.bx, refs, files, allFile, can.finalize);
    records.files.push(...files);
    records.uploadFile = allFile ?? files[0]?.path ?? "";
    info(`exported ${refs.length} build record(s) ${how} in ${Date.now() - started} ms: ${records.uploadFile}`);
  } catch (e) {
    records.exportError = messageOf(e);
    records.uploadFile = "";
    warning(`could not export the build records: ${records.exportError}`);
  }
  if (output) setOutput("build-records", buildRecordsOutput(records.files));
  saveState2(state);
}
async function exportThroughApi(exporter, refs, files, allFile) {
  let api;
  try {
    api = await dialBuilderBuildKit(exporter.driver, exporter.builder);
    if (!api) return void 0;
    const bundles = await exportRecordBundles(api, refs, {
      configDir: buildxConfigDir(process.env),
      defaultPlatform: exporter.defaultPlatform()
    });
    for (const f2 of files) writeFileSync(f2.path, bundles.each.get(f2.ref) ?? Buffer.alloc(0));
    if (allFile && bundles.all) {
      mkdirSync(path6.dirname(allFile), { recursive: true });
      writeFileSync(allFile, bundles.all);
    }
    const f = bundles.finalized;
    return `through BuildKit's API${f.count ? ` (${f.count} finalized, ${f.ms} ms)` : ""}`;
  } catch (e) {
    info(`exporting the build records with buildx (BuildKit's API: ${messageOf(e)})`);
    return void 0;
  } finally {
    api?.close();
  }
}
async function exportThroughBuildx(bx, refs, files, allFile, finalize) {
  const first2 = refs[0];
  for (const [i, r] of refs.entries()) {
    await runBuildxChecked(bx, historyExportArgs(r.builder, [r.ref], files[i]?.path ?? "", finalize));
  }
  if (allFile && first2) {
    mkdirSync(path6.dirname(allFile), { recursive: true });
    await runBuildxChecked(
      bx,
      historyExportArgs(
        first2.builder,
        refs.map((r) => r.ref),
        allFile,
        finalize
      )
    );
  }
  return "with buildx history export";
}
async function uploadBuildRecords(state) {
  const records = state.records;
  if (!records.uploadFile) return;
  if (!records.upload) {
    records.uploadNote = "upload is off (build-record-upload: false or DOCKER_BUILD_RECORD_UPLOAD=false)";
    info(`build records: ${records.uploadNote}`);
    return;
  }
  const missing = artifactServiceMissing();
  if (missing) {
    records.uploadNote = missing;
    info(`build records not uploaded: ${missing}`);
    return;
  }
  try {
    records.artifact = await group("Upload the build records", () => uploadFileArtifact(records.uploadFile, records.retentionDays));
    info(`build records uploaded as the artifact ${records.artifact.name}: ${records.artifact.url}`);
  } catch (e) {
    records.uploadNote = `the upload failed: ${messageOf(e)}`;
    warning(`could not upload the build records: ${messageOf(e)}`);
  }
}

// src/sign/cosign.ts
import path7 from "node:path";

// src/install/releases.ts
var DEFAULT_BUILDX_RELEASES = "https://github.com/docker/buildx/releases";
var DEFAULT_DEPOT_RELEASES = "https://github.com/depot/cli/releases";
var DEFAULT_COSIGN_RELEASES = "https://github.com/sigstore/cosign/releases";
function nodeArch(arch) {
  switch (arch) {
    case "x64":
      return "amd64";
    case "arm64":
      return "arm64";
    case "arm":
      return "arm-v7";
    case "ppc64":
      return "ppc64le";
    default:
      return arch;
  }
}
function depotArch(arch) {
  return { x64: "amd64", arm64: "arm64", ia32: "386" }[arch];
}
function cosignArch(arch) {
  return { x64: "amd64", arm64: "arm64", ppc64: "ppc64le", s390x: "s390x", arm: "arm" }[arch];
}
var linuxOrDarwin = (os2) => os2 === "linux" || os2 === "darwin";
var BUILDX_RELEASE = {
  tool: "buildx",
  defaultBase: DEFAULT_BUILDX_RELEASES,
  binary: "docker-buildx",
  fileName: (version, os2, arch) => `buildx-v${version}.${os2}-${arch}`,
  checksumsName: () => "checksums.txt",
  arch: nodeArch,
  // a machine with no release is found out by the download
  unsupported: () => void 0,
  latest: "checksums"
};
var DEPOT_RELEASE = {
  tool: "depot",
  defaultBase: DEFAULT_DEPOT_RELEASES,
  binary: "depot",
  fileName: (version, os2, arch) => `depot_${version}_${os2}_${arch}.tar.gz`,
  checksumsName: (version) => `depot_${version}_checksums.txt`,
  arch: depotArch,
  unsupported: (os2, arch) => !linuxOrDarwin(os2) ? `no Depot CLI release for ${os2}` : depotArch(arch) ? void 0 : `no Depot CLI release for ${arch}`,
  archiveEntry: "bin/depot",
  latest: "redirect",
  mismatchBlamesMirror: true
};
var COSIGN_RELEASE = {
  tool: "cosign",
  defaultBase: DEFAULT_COSIGN_RELEASES,
  binary: "cosign",
  fileName: (_version, os2, arch) => `cosign-${os2}-${arch}`,
  checksumsName: () => "cosign_checksums.txt",
  arch: cosignArch,
  unsupported: (os2, arch) => cosignArch(arch) && linuxOrDarwin(os2) ? void 0 : `no cosign release for ${os2}/${arch}`,
  latest: "redirect"
};
function assetUrls(r, base, version, os2, arch) {
  const b = base.replace(/\/+$/, "");
  const fileName = r.fileName(version, os2, arch);
  return {
    fileName,
    url: `${b}/download/v${version}/${fileName}`,
    checksumsUrl: `${b}/download/v${version}/${r.checksumsName(version)}`
  };
}
function latestChecksumsUrl(base) {
  return `${base.replace(/\/+$/, "")}/latest/download/checksums.txt`;
}
function latestReleaseUrl(base) {
  return `${base.replace(/\/+$/, "")}/latest`;
}
function versionFromReleaseUrl(url) {
  return /\/tag\/v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\/?$/.exec(url)?.[1];
}

// src/install/setup.ts
import os from "node:os";

// src/install/latest.ts
import { readFileSync as readFileSync6 } from "node:fs";
function resolveLatest(r, base) {
  return r.latest === "checksums" ? latestFromChecksums(base, r.tool) : resolveLatestRelease(base);
}
async function latestFromChecksums(base, tool) {
  const url = latestChecksumsUrl(base);
  let path8;
  try {
    const tc = await import("./tool-cache-35GKXQ6C.js");
    path8 = await tc.downloadTool(url);
  } catch (e) {
    throw new Error(`cannot resolve latest: ${url}: ${messageOf(e)}`);
  }
  const v = versionFromChecksums(parseChecksums(readFileSync6(path8, "utf8")), tool);
  if (!v) throw new Error(`cannot resolve latest: ${url} names no ${tool} release`);
  return v;
}
async function resolveLatestRelease(base) {
  const url = latestReleaseUrl(base);
  let final;
  try {
    const res = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(3e4) });
    await res.body?.cancel();
    final = res.url;
  } catch (e) {
    throw new Error(`cannot resolve latest from ${url}: ${messageOf(e)}`);
  }
  const v = versionFromReleaseUrl(final);
  if (!v) throw new Error(`cannot resolve latest: ${url} led to ${final}, which names no release tag`);
  return v;
}

// src/install/setup.ts
async function setupTool(t) {
  let version = t.version;
  if ((version === "installed" || version === "") && t.installed) {
    const found2 = await t.installed();
    if (version === "installed") {
      if (typeof found2 !== "string") return found2;
      throw t.noneInstalled ? t.noneInstalled(found2) : new Error(found2);
    }
    const why = typeof found2 === "string" ? found2 : t.notByDefault?.(found2);
    if (typeof found2 !== "string" && !why) return found2;
    info(`${why}: downloading the latest release`);
    version = "latest";
  }
  const { path: path8, v } = await download(t, version).catch((e) => {
    throw t.failure ? t.failure(e) : e;
  });
  return t.probe(path8, v);
}
async function download(t, version) {
  const r = t.release;
  const inputs = { version: `${r.tool}-version`, downloadUrl: `${r.tool}-download-url`, sha256: `${r.tool}-sha256` };
  const platform = os.platform();
  const unsupported = r.unsupported(platform, os.arch());
  if (unsupported) throw new InputError(inputs.version, unsupported);
  const base = t.downloadUrl || r.defaultBase;
  const input = t.downloadUrl ? inputs.downloadUrl : inputs.version;
  let v = version.replace(/^v/, "");
  if (version === "latest") {
    try {
      v = await resolveLatest(r, base);
    } catch (e) {
      throw new InputError(input, messageOf(e));
    }
  }
  const asset = assetUrls(r, base, v, platform, r.arch(os.arch()) ?? os.arch());
  const started = Date.now();
  const { installVerified } = await import("./install-5QMEKQQ2.js");
  const installed = await installVerified({
    tool: r.tool,
    version: v,
    cachedName: r.binary,
    input,
    // a binary that does not match is blamed on the pin, else on the version asked for (or the mirror)
    checksumInput: t.sha256 ? inputs.sha256 : r.mismatchBlamesMirror ? input : inputs.version,
    ...r.archiveEntry ? { archiveEntry: r.archiveEntry } : {},
    ...asset,
    ...t.sha256 ? { sha256: t.sha256 } : {}
  });
  const took = t.timed ? ` in ${Date.now() - started} ms` : "";
  info(
    `${r.tool} ${v} ${installed.fromCache ? "found in the tool cache" : `downloaded from ${asset.url}`} and verified against ${t.sha256 ? inputs.sha256 : installed.against}${took}: ${installed.path}`
  );
  return { path: installed.path, v };
}

// src/inputs/sign.ts
var KMS_SCHEMES = ["awskms://", "gcpkms://", "azurekms://", "hashivault://", "k8s://", "pkcs11:", "gitlab://"];
var PEM_PRIVATE_KEY = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END \1PRIVATE KEY-----$/;
function parseSignInputs(read, ctx) {
  const raw = read("sign").trim().toLowerCase();
  if (raw !== "" && raw !== "auto" && raw !== "true" && raw !== "false")
    throw new InputError("sign", `expected auto, true or false, got ${JSON.stringify(raw.slice(0, 40))}`);
  const mode = raw === "true" || raw === "false" ? raw : "auto";
  const key = parseKey(read("sign-key"));
  const keyPassword = read("sign-key-password");
  if (keyPassword && key.kind !== "pem") throw new InputError("sign-key-password", "decrypts a PEM sign-key; it is given without one");
  const version = checkToolVersion(read("cosign-version").trim(), "cosign-version", "3.1.1");
  const cosignDownloadUrl = checkHttpUrl(read("cosign-download-url").trim(), "cosign-download-url");
  const cosignSha256 = checkPinnedSha256(read("cosign-sha256"), "cosign-sha256", version, "cosign-version", "the binary's");
  const fulcioUrl = serviceUrl(read("sign-fulcio-url").trim(), "sign-fulcio-url");
  const rekorUrl = serviceUrl(read("sign-rekor-url").trim(), "sign-rekor-url");
  const tlog = parseBool(read("sign-tlog"), "sign-tlog", true);
  if (!tlog && rekorUrl) throw new InputError("sign-rekor-url", "names a transparency log while sign-tlog is false; give one of them");
  if (!tlog && key.kind === "none" && !fulcioUrl && mode !== "false")
    throw new InputError(
      "sign-tlog",
      "keyless signing with Sigstore's public Fulcio needs its transparency log (its certificates live minutes); leave sign-tlog true, or give a sign-key or a private sign-fulcio-url"
    );
  if (key.kind !== "none" && fulcioUrl)
    throw new InputError("sign-fulcio-url", "issues certificates for keyless signing; with a sign-key there is no certificate to ask for");
  const pushes = ctx.push || ctx.mode === "merge";
  let enabled;
  let reason;
  let warning2 = "";
  const fork = ctx.fork ?? "";
  if (mode === "false") {
    enabled = false;
    reason = "sign: false";
  } else if (mode === "true") {
    if (!pushes) throw new InputError("sign", "signs what is pushed, by digest; set push: true (nothing is pushed otherwise)");
    if (ctx.pushByDigest)
      throw new InputError(
        "sign",
        "push-by-digest pushes one platform for a later merge; sign in the merge job (mode: merge), which pushes the index"
      );
    if (key.kind === "none" && !ctx.oidc)
      throw new InputError(
        "sign",
        "keyless signing needs the job's OIDC token (`permissions: id-token: write`); give the job that permission, or a sign-key"
      );
    enabled = true;
    reason = "sign: true";
    if (fork)
      warning2 = `sign: true signs what this run built, though the run was started by a pull request from ${fork}, which the fork rule treats as untrusted: its code gets this repository's signature`;
  } else if (!pushes || ctx.pushByDigest) {
    enabled = false;
    reason = ctx.pushByDigest ? "sign: auto, and push-by-digest pushes for a later merge" : "sign: auto, and nothing is pushed";
  } else if (fork) {
    enabled = false;
    reason = `sign: auto, and the run was started by a pull request from ${fork}, which the fork rule treats as untrusted (sign: true signs anyway)`;
  } else if (key.kind !== "none") {
    enabled = true;
    reason = "sign: auto, pushing, with a sign-key";
  } else {
    enabled = ctx.oidc;
    reason = ctx.oidc ? "sign: auto, pushing, and the job can get an OIDC token" : "sign: auto, and the job cannot get an OIDC token (no `permissions: id-token: write`) and has no sign-key";
  }
  if (mode === "false") {
    for (const name of ["sign-key", "sign-key-password", "sign-fulcio-url", "sign-rekor-url"])
      if (read(name).trim()) throw new InputError(name, "is given while sign is false");
  }
  return {
    mode,
    enabled,
    reason,
    warning: warning2,
    key,
    keyPassword,
    cosignVersion: version,
    cosignDownloadUrl,
    cosignSha256,
    fulcioUrl,
    rekorUrl,
    tlog
  };
}
function parseKey(value) {
  const v = value.trim();
  if (!v) return { kind: "none" };
  if (KMS_SCHEMES.some((s) => v.startsWith(s))) {
    if (/\s/.test(v)) throw new InputError("sign-key", "a KMS URI has no spaces or line breaks");
    return { kind: "kms", uri: v };
  }
  if (!v.startsWith("-----BEGIN "))
    throw new InputError(
      "sign-key",
      `is neither a PEM private key (-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----, as cosign generate-key-pair writes it) nor a KMS URI (${KMS_SCHEMES.join(", ")})`
    );
  if (!PEM_PRIVATE_KEY.test(v.replace(/\r\n/g, "\n")))
    throw new InputError(
      "sign-key",
      "is not a whole PEM private key: a -----BEGIN ... PRIVATE KEY----- line, the key, and its -----END ... PRIVATE KEY----- line"
    );
  return { kind: "pem", pem: `${v.replace(/\r\n/g, "\n")}
` };
}
function serviceUrl(v, input) {
  if (!v) return "";
  let url;
  try {
    url = new URL(v);
  } catch {
    throw new InputError(input, `expected an https URL, got ${JSON.stringify(v.slice(0, 80))}`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackUrl(v)))
    throw new InputError(input, `${JSON.stringify(v.slice(0, 80))} is not https (plain http only for a service on this machine)`);
  if (url.username || url.password) throw new InputError(input, "has credentials in the URL");
  return v.replace(/\/+$/, "");
}
function keyUriSecrets(uri) {
  const q = uri.indexOf("?");
  const query = q < 0 ? "" : uri.slice(q + 1);
  const pathPart = q < 0 ? uri : uri.slice(0, q);
  const values = [
    ...query.split("&").map((p) => p.slice(p.indexOf("=") + 1)),
    ...pathPart.split(";").filter((p) => /^pin-value=/i.test(p)).map((p) => p.slice("pin-value=".length))
  ].filter((v) => v.length > 0);
  const decoded = values.map((v) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  });
  return [.../* @__PURE__ */ new Set([...values, ...decoded])];
}
function keyScheme(uri) {
  return KMS_SCHEMES.find((s) => uri.startsWith(s)) ?? "kms";
}

// src/process/argv.ts
function quoteForLog(a) {
  if (/^[\w@%+=:,./-]+$/.test(a)) return a;
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(a))
    return `$'${a.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (c) => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}'`;
  return `'${a.replaceAll("'", "'\\''")}'`;
}
var CONTROL_ESCAPES = { "\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "	": "\\t" };
function commandLine(argv) {
  return argv.map(quoteForLog).join(" ");
}

// src/sign/plan.ts
var INDEX_TYPES2 = ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];
function signSubjects(reports) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (s) => {
    if (seen.has(s.ref)) return;
    seen.add(s.ref);
    out.push(s);
  };
  for (const r of reports) {
    if (r.source !== "registry" || !/^sha256:[a-f0-9]{64}$/.test(r.digest)) continue;
    const repos = [...new Set(r.tags.map((t) => parseReference(t)?.name).filter((n) => Boolean(n)))];
    for (const repository of repos) {
      const kind = INDEX_TYPES2.includes(r.mediaType) ? "index" : "manifest";
      add({ ref: `${repository}@${r.digest}`, repository, digest: r.digest, kind, target: r.target });
      for (const a of r.attestations)
        add({ ref: `${repository}@${a.digest}`, repository, digest: a.digest, kind: "attestation", target: r.target, attests: a.attests });
    }
  }
  return out;
}
function unsignedTargets(reports, subjects) {
  const signed = new Set(subjects.map((sub) => sub.target));
  return [...new Set(reports.map((r) => r.target).filter((t) => !signed.has(t)))];
}
function loopbackRegistry(repository) {
  const host = repository.split("/")[0] ?? "";
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
}
function signingConfigArgs(s, out) {
  if (!s.fulcioUrl && !s.rekorUrl && s.tlog) return void 0;
  const since = "start-time=2020-01-01T00:00:00Z,operator=build-image-action";
  const args = ["signing-config", "create", "--no-default-oidc", "--no-default-tsa", "--no-default-fulcio", "--no-default-rekor"];
  if (s.fulcioUrl) args.push(`--fulcio=url=${s.fulcioUrl},api-version=1,${since}`);
  if (s.rekorUrl) args.push(`--rekor=url=${s.rekorUrl},api-version=1,${since}`, "--rekor-config=ANY");
  args.push("--out", out);
  return args;
}
function cosignSignArgs(s, refs, signingConfig) {
  const args = ["sign", "--yes"];
  if (s.key.kind === "pem") args.push("--key", "env://COSIGN_KEY");
  else if (s.key.kind === "kms") args.push("--key", s.key.uri);
  if (signingConfig) args.push("--signing-config", signingConfig);
  if (refs.some(loopbackRegistry)) args.push("--allow-insecure-registry");
  args.push("--", ...refs);
  return args;
}
function verifyCommand(s, signer, ref) {
  const args = ["cosign", "verify"];
  if (signer.kind === "key") args.push("--key", signer.verifyKey);
  else args.push("--certificate-identity", signer.identity, "--certificate-oidc-issuer", signer.issuer);
  if (!s.tlog) args.push("--insecure-ignore-tlog=true");
  if (loopbackRegistry(ref)) args.push("--allow-insecure-registry");
  args.push(ref);
  return commandLine(args);
}
function verifyKeyName() {
  return "cosign.pub";
}
function tokenIdentity(token) {
  const payload = token.split(".")[1];
  if (!payload) return void 0;
  let claims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return void 0;
  }
  if (typeof claims !== "object" || claims === null) return void 0;
  const c = claims;
  const ref = c["job_workflow_ref"];
  const iss = c["iss"];
  if (typeof ref !== "string" || typeof iss !== "string" || !ref || !iss) return void 0;
  return { identity: `https://github.com/${ref}`, issuer: iss };
}
function signaturesJson(signatures) {
  return JSON.stringify(
    signatures.map((s) => ({
      target: s.target,
      kind: s.kind,
      ref: s.ref,
      digest: s.digest,
      ...s.attests ? { attests: s.attests } : {}
    }))
  );
}
function parseCosignVersion(json) {
  try {
    const v = JSON.parse(json).gitVersion;
    return typeof v === "string" ? v.replace(/^v/, "") : "";
  } catch {
    return "";
  }
}
var COSIGN_ENV_NAMES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "TMPDIR",
  "TUF_ROOT",
  "DOCKER_CONFIG",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "XDG_CONFIG_HOME",
  "XDG_CACHE_HOME"
]);
var COSIGN_ENV_PREFIXES = ["COSIGN_", "SIGSTORE_"];
var KMS_ENV = {
  "awskms://": { prefixes: ["AWS_"] },
  "gcpkms://": { names: ["GOOGLE_APPLICATION_CREDENTIALS"], prefixes: ["GOOGLE_", "CLOUDSDK_"] },
  "azurekms://": { prefixes: ["AZURE_"] },
  "hashivault://": { prefixes: ["VAULT_"] },
  "k8s://": { names: ["KUBECONFIG"] },
  "gitlab://": { prefixes: ["GITLAB_"] }
};
function cosignEnv(env, s, add = {}) {
  const kms = s.key.kind === "kms" ? Object.entries(KMS_ENV).find(([scheme]) => s.key.kind === "kms" && s.key.uri.startsWith(scheme))?.[1] : void 0;
  const names = /* @__PURE__ */ new Set([...COSIGN_ENV_NAMES, ...kms?.names ?? []]);
  const prefixes = [...COSIGN_ENV_PREFIXES, ...kms?.prefixes ?? []];
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === void 0) continue;
    if (names.has(k) || prefixes.some((p) => k.startsWith(p))) out[k] = v;
  }
  return { ...out, ...add };
}

// src/sign/cosign.ts
var SIGSTORE_AUDIENCE = "sigstore";
async function usable(runner, copy) {
  const cmd = copy.path;
  const env = cosignEnv(process.env, { key: { kind: "none" } });
  try {
    const v = await runner.run(cmd, ["version", "--json"], { env });
    if (v.code !== 0) return void 0;
    const sc = await runner.run(cmd, ["signing-config", "create", "--help"], { env });
    if (sc.code !== 0) return void 0;
    return { cmd, sha256: copy.sha256, version: parseCosignVersion(v.stdout) || "unknown", runner };
  } catch {
    return void 0;
  }
}
async function installedCosign(runner) {
  const onPath = findOnPath("cosign");
  const { privateCopy } = await import("./install-5QMEKQQ2.js");
  const found2 = onPath ? await privateCopy(onPath, "cosign", "cosign").then(
    (copy) => usable(runner, copy),
    () => void 0
  ) : void 0;
  if (!found2 || !onPath) return "no usable cosign is installed";
  info(`cosign ${found2.version} (installed: ${onPath}, run from a private copy ${found2.cmd}, sha256 ${found2.sha256})`);
  return found2;
}
function setupCosign(s, runner) {
  return setupTool({
    release: COSIGN_RELEASE,
    version: s.cosignVersion,
    downloadUrl: s.cosignDownloadUrl,
    sha256: s.cosignSha256,
    installed: () => installedCosign(runner),
    noneInstalled: () => new Error(
      "cosign-version: installed was asked for, but no cosign on PATH answers `cosign version` and knows signing configs (cosign 2.6 or later)"
    ),
    probe: async (path8, v) => {
      const { sha256File } = await import("./install-5QMEKQQ2.js");
      const found2 = await usable(runner, { path: path8, sha256: await sha256File(path8) });
      if (!found2)
        throw new InputError(
          "cosign-version",
          `the cosign ${v} release does not run here or knows no signing configs (cosign 2.6 or later)`
        );
      return found2;
    }
  });
}
async function signReports(s, reports, tempDir, cosign) {
  const subjects = signSubjects(reports);
  const unsigned = unsignedTargets(reports, subjects);
  if (s.mode === "true" && unsigned.length > 0)
    throw new InputError(
      "sign",
      subjects.length === 0 ? "is true, but nothing was pushed and read back from the registry by digest: nothing can be signed" : `is true, but target(s) ${unsigned.join(", ")} were not pushed, or not read back from the registry by digest: they cannot be signed, so nothing was signed`
    );
  if (subjects.length === 0) {
    warning("sign: nothing was pushed that could be read back from the registry by digest; nothing signed");
    return { signatures: [], signer: "" };
  }
  if (unsigned.length > 0)
    warning(`sign: target(s) ${unsigned.join(", ")} not signed: not pushed, or not read back from the registry by digest`);
  const add = {};
  let signer;
  let signerText;
  if (s.key.kind === "none") {
    let token;
    try {
      token = await getIDToken(SIGSTORE_AUDIENCE);
    } catch (e) {
      throw new Error(`sign: cannot get the job's OIDC token for keyless signing: ${messageOf(e).replace(/\s+/g, " ").trim()}`);
    }
    setSecret(token);
    const id = tokenIdentity(token);
    if (!id) throw new Error("sign: the job's OIDC token names no job_workflow_ref and issuer; cannot sign keyless");
    add["SIGSTORE_ID_TOKEN"] = token;
    signer = { kind: "keyless", ...id };
    signerText = `a certificate for ${id.identity} (issuer ${id.issuer})`;
  } else {
    if (s.key.kind === "pem") {
      add["COSIGN_KEY"] = s.key.pem;
      add["COSIGN_PASSWORD"] = s.keyPassword || (process.env["COSIGN_PASSWORD"] ?? "");
    }
    signer = { kind: "key", verifyKey: verifyKeyName() };
    signerText = s.key.kind === "kms" ? `the ${keyScheme(s.key.uri)} sign-key (verify with its public half, cosign.pub, from cosign public-key --key <sign-key>)` : "the sign-key (verify with its public half, cosign.pub)";
  }
  let signingConfig;
  const scArgs = signingConfigArgs(s, path7.join(tempDir, "signing-config.json"));
  if (scArgs) {
    signingConfig = path7.join(tempDir, "signing-config.json");
    await run(cosign, scArgs, cosignEnv(process.env, s), "cosign signing-config create");
  }
  const env = cosignEnv(process.env, s, add);
  const hidden = s.key.kind === "kms" ? [s.key.uri, ...keyUriSecrets(s.key.uri)].sort((a, b) => b.length - a.length) : [];
  const byRepo = /* @__PURE__ */ new Map();
  for (const sub of subjects) byRepo.set(sub.repository, [...byRepo.get(sub.repository) ?? [], sub.ref]);
  for (const [repo, refs] of byRepo) {
    await group(`Sign ${refs.length} digest(s) in ${repo}`, async () => {
      for (const ref of refs) info(ref);
      await run(cosign, cosignSignArgs(s, refs, signingConfig), env, "cosign sign", hidden);
    });
  }
  const signatures = subjects.map((sub) => ({ ...sub, verifyCommand: verifyCommand(s, signer, sub.ref) }));
  await group("Verify commands", async () => {
    for (const sig of signatures) info(sig.verifyCommand);
  });
  return { signatures, signer: signerText };
}
async function run(cosign, args, env, what, hidden = []) {
  const { sha256File } = await import("./install-5QMEKQQ2.js");
  const now = await sha256File(cosign.cmd).catch(() => "missing");
  if (now !== cosign.sha256)
    throw new Error(`${what}: ${cosign.cmd} changed since it was verified (sha256 ${cosign.sha256}, now ${now}); not run`);
  const redact = (text) => hidden.reduce((t, secret) => t.split(secret).join("***"), text);
  const r = await cosign.runner.run(cosign.cmd, args, { env, onLine: (line) => info(redact(line)) });
  if (r.code !== 0) {
    const last = redact((r.stderr || r.stdout).trim().split("\n").slice(-3).join(" "));
    throw new Error(`${what} failed (exit ${r.code}): ${last}`);
  }
}

// src/action/sign.ts
async function prepareSigning(s) {
  if (!s.sign.enabled) {
    if (s.sign.mode === "auto" && s.push) info(`not signing: ${s.sign.reason}`);
    return void 0;
  }
  info(`signing what is pushed: ${s.sign.reason}`);
  if (s.sign.warning) warning(s.sign.warning);
  return group("Set up cosign", () => setupCosign(s.sign, processRunner));
}
async function signPushed(s, reports, state, cosign) {
  if (!cosign) return;
  const outcome = await signReports(s.sign, reports, state.tempDir, cosign);
  state.signatures = outcome.signatures;
  state.signer = outcome.signer;
  saveState2(state);
  setSignOutputs(outcome.signatures);
}
function setSignOutputs(signatures) {
  if (signatures.length === 0) return;
  setOutput("signatures", signaturesJson(signatures));
  setOutput("verify-commands", signatures.map((s) => s.verifyCommand).join("\n"));
}

// src/docker/login.ts
function registryName(registry) {
  return registry || "Docker Hub";
}
async function dockerLogin(login, runner, docker = dockerCli()) {
  const args = ["login", "--username", login.username, "--password-stdin", ...login.registry ? ["--", login.registry] : []];
  const failed = (line, r2) => new Error(`login to ${registryName(login.registry)} as ${login.username} failed: ${line || `docker exited with code ${r2.code}`}`);
  let r;
  try {
    r = await runner.run(requireDockerCli("registry login", docker), args, { input: login.password });
  } catch (e) {
    throw new Error(`registry login needs the docker CLI: ${messageOf(e)}`);
  }
  succeeded(r, "docker login", failed);
}
async function dockerLogout(registry, runner, docker) {
  await runChecked(
    runner,
    requireDockerCli("logout", docker),
    ["logout", ...registry ? ["--", registry] : []],
    {},
    (line, r) => new Error(line || `docker logout exited with code ${r.code}`)
  );
}

// src/report/format.ts
var DASH = "\u2014";
var UNITS = ["KiB", "MiB", "GiB", "TiB", "PiB"];
function formatBytes(n) {
  if (!Number.isFinite(n) || n < 1024) return `${Number.isFinite(n) ? Math.round(n) : 0} B`;
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  let text = v.toFixed(1);
  if (text === "1024.0" && u < UNITS.length - 1) {
    text = "1.0";
    u++;
  }
  return `${text} ${UNITS[u]}`;
}
function formatCount(n) {
  const s = String(Math.round(Number.isFinite(n) ? n : 0));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "0 ms";
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const total = Math.round(ms / 1e3);
  const h = Math.floor(total / 3600);
  const m = Math.floor(total % 3600 / 60);
  const s = total % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s} s`;
}
function shortDigest(digest) {
  return validateDigest(digest) ? digest.slice(0, "sha256:".length + 12) : digest;
}
var MEDIA_TYPE_NAMES = {
  [MEDIA_TYPES.ociIndex]: "OCI image index",
  [MEDIA_TYPES.ociManifest]: "OCI image manifest",
  [MEDIA_TYPES.dockerManifestList]: "Docker manifest list",
  [MEDIA_TYPES.dockerManifest]: "Docker image manifest"
};
function mediaTypeName(mediaType) {
  return MEDIA_TYPE_NAMES[mediaType];
}
var SOURCE_NAMES = {
  registry: "the registry",
  "build-record": "the buildx build record",
  "image-store": "the engine's image store",
  "oci-layout": "the OCI layout"
};
function sourceName(source) {
  return SOURCE_NAMES[source];
}
function manifestKnown(p) {
  return p.configDigest !== "";
}
function basesFor(report, p) {
  return report.baseImages.filter((b) => b.platform === "" || p.platform === "unknown" || samePlatform(b.platform, p.platform));
}

// src/report/markdown.ts
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
function oneLine(s) {
  return s.replace(CONTROL, " ");
}
var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
function escapeInline(value) {
  const s = oneLine(String(value)).replace(/ {2,}/g, " ").trim();
  return s.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c).replace(/[\\`*_[\]|~$#]/g, (c) => `\\${c}`);
}
function escapeText(value) {
  let s = escapeInline(value);
  s = s.replace(/^[-+=]/, (c) => `\\${c}`);
  s = s.replace(/^(\d+)([.)])/, (_m, digits, p) => `${digits}\\${p}`);
  return s;
}
function escapeCell(value) {
  return escapeText(value);
}
function inlineCode(value, cell = false) {
  const s = oneLine(String(value));
  if (s.trim() === "") return "";
  if (/[<>]/.test(s) || cell && /[|\\]/.test(s)) return `<code>${escapeText(s)}</code>`;
  const longest = Math.max(0, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(s) ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

// src/report/changes.ts
var same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function setChange(field, before, after) {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  return added.length || removed.length ? { field, added, removed } : void 0;
}
function configChanges(before, after) {
  const out = [];
  for (const field of ["entrypoint", "cmd"]) {
    if (!same(before[field], after[field])) out.push({ field, before: before[field], after: after[field] });
  }
  const env = setChange("env", before.env, after.env);
  if (env) out.push(env);
  const ports = setChange("exposedPorts", before.exposedPorts, after.exposedPorts);
  if (ports) out.push(ports);
  if (before.user !== after.user) out.push({ field: "user", before: before.user, after: after.user });
  const keysBefore = Object.keys(before.labels).sort();
  const keysAfter = Object.keys(after.labels).sort();
  const labels = setChange("labels", keysBefore, keysAfter) ?? { field: "labels", added: [], removed: [] };
  const changed = keysAfter.filter((k) => keysBefore.includes(k) && before.labels[k] !== after.labels[k]);
  if (changed.length) labels.changed = changed;
  if (labels.added?.length || labels.removed?.length || changed.length) out.push(labels);
  return out;
}
function baseDigests(bases, platform) {
  const p = normalizePlatform(platform);
  const digests = bases.filter((b) => b.digest && (b.platform === "" || normalizePlatform(b.platform) === p)).map((b) => b.digest);
  return [...new Set(digests)].sort();
}
function baseStatus(built, compared, platform) {
  const a = baseDigests(built, platform);
  const b = baseDigests(compared, platform);
  if (a.length === 0 || b.length === 0) return "unknown";
  return same(a, b) ? "unchanged" : "changed";
}
function layerDiff(before, after) {
  const left = [...before];
  const added = [];
  let kept = 0;
  for (const l of after) {
    const i = left.findIndex((b) => b.digest === l.digest);
    if (i >= 0) {
      left.splice(i, 1);
      kept++;
    } else added.push({ digest: l.digest, size: l.size });
  }
  return { added, removed: left.map((l) => ({ digest: l.digest, size: l.size })), kept };
}
function uncompared(compareWith, p, note) {
  return {
    compareWith,
    comparedDigest: "",
    digest: p.digest,
    compared: false,
    note,
    sizeBefore: 0,
    sizeAfter: p.size,
    sizeDelta: 0,
    layers: { added: [], removed: [], kept: 0 },
    baseImage: "unknown"
  };
}
function diffImages(built, compared, builtConfigs) {
  const ref = compared.reference;
  const out = { target: built.target, compareWith: ref, platforms: {}, droppedPlatforms: [] };
  if (compared.missing) out.note = compared.missing;
  else if (built.platforms.length === 0) out.note = `the built image's manifests were not read: ${built.notes.join("; ") || "no platforms"}`;
  for (const p of built.platforms) {
    if (compared.missing) {
      out.platforms[p.platform] = uncompared(ref, p, compared.missing);
      continue;
    }
    const before = compared.platforms.find((c) => normalizePlatform(c.platform) === normalizePlatform(p.platform));
    if (!before) {
      out.platforms[p.platform] = uncompared(ref, p, `${ref} has no ${p.platform} image`);
      continue;
    }
    if (!p.configDigest) {
      out.platforms[p.platform] = uncompared(ref, p, `the manifest of the built ${p.platform} image was not read`);
      continue;
    }
    const changes = {
      compareWith: ref,
      comparedDigest: before.digest,
      digest: p.digest,
      compared: true,
      sizeBefore: before.size,
      sizeAfter: p.size,
      sizeDelta: p.size - before.size,
      layers: layerDiff(before.layers, p.layers),
      baseImage: baseStatus(built.baseImages, compared.baseImages, p.platform)
    };
    const after = builtConfigs[p.platform];
    if (before.config && after) changes.config = configChanges(before.config, after);
    out.platforms[p.platform] = changes;
  }
  out.droppedPlatforms = compared.platforms.map((c) => c.platform).filter((c) => !built.platforms.some((p) => normalizePlatform(p.platform) === normalizePlatform(c)));
  return out;
}
function changesOutput(changes) {
  return JSON.stringify(Object.fromEntries(changes.map((t) => [t.target, t.platforms])));
}
function signedBytes(n) {
  if (n === 0) return "no size change";
  return `${n > 0 ? "+" : "-"}${formatBytes(Math.abs(n))}`;
}
var plural = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
function range(values, word) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? word(lo) : `${word(lo)} to ${word(hi)}`;
}
function summaryLine(t) {
  const all = Object.values(t.platforms);
  const done = all.filter((p) => p.compared);
  if (done.length === 0) return t.note ?? all[0]?.note ?? `nothing to compare with ${t.compareWith}`;
  const parts = [
    range(
      done.map((p) => p.sizeDelta),
      signedBytes
    )
  ];
  const added = done.map((p) => p.layers.added.length);
  const removed = done.map((p) => p.layers.removed.length);
  if (Math.max(...added) > 0) parts.push(`${range(added, (n) => String(n))} ${Math.max(...added) === 1 ? "layer" : "layers"} added`);
  if (Math.max(...removed) > 0) parts.push(`${range(removed, (n) => String(n))} ${Math.max(...removed) === 1 ? "layer" : "layers"} removed`);
  if (Math.max(...added) === 0 && Math.max(...removed) === 0) parts.push("same layers");
  const bases = new Set(done.map((p) => p.baseImage));
  parts.push(bases.has("changed") ? "base image changed" : bases.has("unknown") ? "base image not known" : "base image unchanged");
  const fields = [...new Set(done.flatMap((p) => (p.config ?? []).map((c) => c.field)))];
  if (fields.length) parts.push(`${fields.join(", ")} changed`);
  const missing = all.length - done.length;
  if (missing > 0) parts.push(`${plural(missing, "platform")} not compared`);
  if (t.droppedPlatforms.length) parts.push(`${t.droppedPlatforms.join(", ")} no longer built`);
  return parts.join(", ");
}
function configWords(c) {
  const list = (label, xs) => xs && xs.length ? `${label} ${xs.join(" ")}` : "";
  if (c.added || c.removed || c.changed) {
    return [list("+", c.added), list("-", c.removed), list("~", c.changed)].filter(Boolean).join(" ");
  }
  return `${JSON.stringify(c.before)} \u2192 ${JSON.stringify(c.after)}`;
}
function renderChangesSummary(changes) {
  if (changes.length === 0) return "";
  const out = ["### Changes", ""];
  for (const t of changes) {
    out.push(
      `**${escapeText(t.target)}** against ${inlineCode(t.compareWith) || escapeText("(nothing)")}: ${escapeText(summaryLine(t))}`,
      ""
    );
    const rows = Object.entries(t.platforms);
    if (rows.length === 0) continue;
    out.push("| platform | compared | before | after | change | layers added | removed | kept | base image | config |");
    out.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const [platform, p] of rows) {
      if (!p.compared) {
        out.push(`| ${inlineCode(platform, true)} | ${escapeCell(p.note ?? "not compared")} | | ${formatBytes(p.sizeAfter)} | | | | | | |`);
        continue;
      }
      const config = p.config === void 0 ? "not read" : p.config.length === 0 ? "same" : p.config.map((c) => `${c.field} ${configWords(c)}`).join("; ");
      out.push(
        `| ${inlineCode(platform, true)} | ${inlineCode(shortDigest(p.comparedDigest), true)} | ${formatBytes(p.sizeBefore)} | ${formatBytes(p.sizeAfter)} | ${escapeCell(signedBytes(p.sizeDelta))} | ${p.layers.added.length} (${formatBytes(p.layers.added.reduce((n, l) => n + l.size, 0))}) | ${p.layers.removed.length} (${formatBytes(p.layers.removed.reduce((n, l) => n + l.size, 0))}) | ${p.layers.kept} | ${p.baseImage} | ${escapeCell(config)} |`
      );
    }
    out.push("");
  }
  return out.join("\n");
}
function sizeLimitViolations(changes, limit) {
  const out = [];
  for (const t of changes) {
    for (const [platform, p] of Object.entries(t.platforms)) {
      if (!p.compared || p.sizeDelta <= 0) continue;
      const over = limit.kind === "bytes" ? p.sizeDelta > limit.bytes : p.sizeBefore === 0 || p.sizeDelta * 100 / p.sizeBefore > limit.percent;
      if (!over) continue;
      const pct = p.sizeBefore > 0 ? ` (${(p.sizeDelta * 100 / p.sizeBefore).toFixed(1)}%)` : "";
      out.push(
        `max-size-increase: ${platform} of ${t.target} grew by ${formatBytes(p.sizeDelta)}${pct}, from ${formatBytes(p.sizeBefore)} (${t.compareWith}) to ${formatBytes(p.sizeAfter)}; the limit is ${limit.text}`
      );
    }
  }
  return out;
}

export {
  platformString,
  isPlatform,
  normalizePlatform,
  DIGEST_RE,
  parseReference,
  parseSignInputs,
  keyUriSecrets,
  addBaseImage,
  withPlatform,
  dockerfileBaseImage,
  ANNOTATIONS,
  baseAnnotationArgs,
  baseFromAnnotations,
  withRetry,
  isTransientRegistryError,
  findOnPath,
  dockerCli,
  daemonUsesContainerdStore,
  dialBuilderBuildKit,
  sha256Digest,
  isRecord,
  isIndex,
  parseManifestJson,
  splitIndex,
  layersOf,
  resolvedBase,
  baseImagesFromProvenance,
  provenanceLayers,
  registryReader,
  readSource,
  unreadReport,
  ociFetch,
  collectReports,
  setReportOutputs,
  commandLine,
  githubEvent,
  githubContext,
  emptyState,
  saveState2 as saveState,
  loadState,
  savedBuildx,
  BUILDX_RELEASE,
  DEPOT_RELEASE,
  setupTool,
  scopedBuilderMismatch,
  driverOptsMap,
  shellWords,
  dockerContainerMismatch,
  readStoredNodes,
  wantedConfigText,
  nodeContainers,
  inspectBuilder,
  defaultBuilderName,
  removeBuilder,
  useImplicitBuilder,
  exportBuildRecords,
  exportDeferredRecords,
  exportFailedBuildRecords,
  uploadBuildRecords,
  registryName,
  dockerLogin,
  dockerLogout,
  prepareSigning,
  signPushed,
  setSignOutputs,
  DASH,
  formatBytes,
  formatCount,
  formatDuration,
  shortDigest,
  mediaTypeName,
  sourceName,
  manifestKnown,
  basesFor,
  escapeInline,
  escapeText,
  escapeCell,
  inlineCode,
  diffImages,
  changesOutput,
  summaryLine,
  renderChangesSummary,
  sizeLimitViolations
};
