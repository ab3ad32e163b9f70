import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  findPlugin,
  pluginVersion,
  versionOf
} from "./chunk-IMQEXETX.js";
import {
  ANNOTATIONS,
  BUILDX_RELEASE,
  DEPOT_RELEASE,
  DIGEST_RE,
  addBaseImage,
  baseAnnotationArgs,
  baseFromAnnotations,
  baseImagesFromProvenance,
  changesOutput,
  collectReports,
  commandLine,
  daemonUsesContainerdStore,
  defaultBuilderName,
  dialBuilderBuildKit,
  diffImages,
  dockerCli,
  dockerContainerMismatch,
  dockerLogin,
  dockerfileBaseImage,
  driverOptsMap,
  emptyState,
  exportBuildRecords,
  exportFailedBuildRecords,
  findOnPath,
  githubContext,
  githubEvent,
  inspectBuilder,
  isIndex,
  isPlatform,
  isRecord,
  isTransientRegistryError,
  keyUriSecrets,
  layersOf,
  nodeContainers,
  normalizePlatform,
  ociFetch,
  parseManifestJson,
  parseReference,
  parseSignInputs,
  platformString,
  prepareSigning,
  provenanceLayers,
  readSource,
  readStoredNodes,
  registryName,
  registryReader,
  resolvedBase,
  saveState,
  scopedBuilderMismatch,
  setReportOutputs,
  setupTool,
  sha256Digest,
  shellWords,
  signPushed,
  sizeLimitViolations,
  splitIndex,
  summaryLine,
  unreadReport,
  useImplicitBuilder,
  wantedConfigText,
  withPlatform,
  withRetry
} from "./chunk-T35XZUKL.js";
import {
  MIN_INSTALLED_BUILDX,
  attestsType,
  bakeArgs,
  bakeOutputFlags,
  bakePrintArgs,
  bakeSecretSets,
  buildArgs,
  buildFlags,
  buildToolRunner,
  buildkitdFlagsFor,
  checkHttpUrl,
  checkPinnedSha256,
  checkToolVersion,
  clip,
  createBuilderArgs,
  daemonPushesTwice,
  hasLocalOrTarOutput,
  historyAttachmentArgs,
  imagetoolsCreateArgs,
  imagetoolsInspectArgs,
  inspectBuilderArgs,
  lastOutputLine,
  newBuilderName,
  parseBool,
  parseCsvFields,
  parseKeyValues,
  parseList,
  processRunner,
  repeat,
  runBuildx,
  runBuildxChecked,
  terminateAll,
  versionAtLeast,
  waitForChildren
} from "./chunk-A4RQGTCT.js";
import {
  error,
  getIDToken,
  getInput,
  group,
  info,
  setFailed,
  setOutput,
  setSecret,
  warning,
  withCommandsStopped
} from "./chunk-2XNRSSTS.js";
import {
  DepotUnavailable,
  InputError,
  MatrixError,
  RegistryUnreachable,
  messageOf
} from "./chunk-BD33GHV7.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-Q4S23IGS.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path11) {
      const ctrl = callVisitor(key, node, visitor, path11);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path11, ctrl);
        return visit_(key, ctrl, visitor, path11);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path11 = Object.freeze(path11.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path11);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path11 = Object.freeze(path11.concat(node));
          const ck = visit_("key", node.key, visitor, path11);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path11);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path11) {
      const ctrl = await callVisitor(key, node, visitor, path11);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path11, ctrl);
        return visitAsync_(key, ctrl, visitor, path11);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path11 = Object.freeze(path11.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path11);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path11 = Object.freeze(path11.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path11);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path11);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path11) {
      if (typeof visitor === "function")
        return visitor(key, node, path11);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path11);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path11);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path11);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path11);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path11);
      return void 0;
    }
    function replaceNode(key, path11, node) {
      const parent = path11[path11.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error2) {
            onError(String(error2));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error2 = new Error("Failed to resolve repeated object (this should not happen)");
              error2.source = source;
              throw error2;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path11, value) {
      let v = value;
      for (let i = path11.length - 1; i >= 0; --i) {
        const k = path11[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path11) => path11 == null || typeof path11 === "object" && !!path11[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path11, value) {
        if (isEmptyPath(path11))
          this.add(value);
        else {
          const [key, ...rest] = path11;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path11) {
        const [key, ...rest] = path11;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path11, keepScalar) {
        const [key, ...rest] = path11;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path11) {
        const [key, ...rest] = path11;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path11, value) {
        const [key, ...rest] = path11;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str2) => str2.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str2, indent, comment) => str2.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str2.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str2) => /^(%|---|\.\.\.)/m.test(str2);
    function lineLengthOverLimit(str2, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str2.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str2[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str2 = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str2 += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str2 += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str2 += "\\0";
                    break;
                  case "0007":
                    str2 += "\\a";
                    break;
                  case "000b":
                    str2 += "\\v";
                    break;
                  case "001b":
                    str2 += "\\e";
                    break;
                  case "0085":
                    str2 += "\\N";
                    break;
                  case "00a0":
                    str2 += "\\_";
                    break;
                  case "2028":
                    str2 += "\\L";
                    break;
                  case "2029":
                    str2 += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str2 += "\\x" + code.substr(2);
                    else
                      str2 += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str2 += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str2 += "\n";
                  i += 2;
                }
                str2 += indent;
                if (json[i + 2] === " ")
                  str2 += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str2 = start ? str2 + json.slice(start) : json;
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str2 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str2);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str2 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str2;
      return identity.isScalar(node) || str2[0] === "{" || str2[0] === "[" ? `${props} ${str2}` : `${props}
${ctx.indent}${str2}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str2 = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str2.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str2 === "" ? "?" : explicitKey ? `? ${str2}` : str2;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str2 = `? ${str2}`;
        if (keyComment && !keyCommentDone) {
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str2;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        str2 = `? ${str2}
${indent}:`;
      } else {
        str2 = `${str2}:`;
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str2.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str2 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str2;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning2) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning2);
        else
          console.warn(warning2);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str3 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str3 += stringifyComment.lineComment(str3, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str3);
      }
      let str2;
      if (lines.length === 0) {
        str2 = flowChars.start + flowChars.end;
      } else {
        str2 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str2 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str2 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str2;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str2 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str2.includes("\n"));
        if (i < items.length - 1) {
          str2 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str2.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str2 += ",";
          }
        }
        if (comment)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment));
        lines.push(str2);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str2 = start;
          for (const line of lines)
            str2 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str2}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add2 = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add2(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add2(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str2) => str2,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str2) => new Scalar.Scalar(str2[0] === "t" || str2[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2));
        const dot = str2.indexOf(".");
        if (dot !== -1 && str2[str2.length - 1] === "0")
          node.minFractionDigits = str2.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str2, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str2) => str2,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str2) => str2 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str2, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str2) => parseFloat(str2),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str2, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str2)}`);
        return str2;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str2 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str2.length);
          for (let i = 0; i < str2.length; ++i)
            buffer[i] = str2.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str2;
        if (typeof node_buffer.Buffer === "function") {
          str2 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str2 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str2.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str2.substr(o, lineWidth);
          }
          str2 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str2 }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2.replace(/_/g, "")));
        const dot = str2.indexOf(".");
        if (dot !== -1) {
          const f = str2.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str2, offset, radix, { intAsBigInt }) {
      const sign = str2[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str2 = str2.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str2 = `0b${str2}`;
            break;
          case 8:
            str2 = `0o${str2}`;
            break;
          case 16:
            str2 = `0x${str2}`;
            break;
        }
        const n2 = BigInt(str2);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str2, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str2 = value.toString(radix);
        return value < 0 ? "-" + prefix + str2.substr(1) : prefix + str2;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str2, asBigInt) {
      const sign = str2[0];
      const parts = sign === "-" || sign === "+" ? str2.substring(1) : str2;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str2, _onError, { intAsBigInt }) => parseSexagesimal(str2, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str2) => parseSexagesimal(str2, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str2) {
        const match = str2.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path11, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path11, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path11) {
        if (Collection.isEmptyPath(path11)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path11) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path11, keepScalar) {
        if (Collection.isEmptyPath(path11))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path11, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path11) {
        if (Collection.isEmptyPath(path11))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path11) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path11, value) {
        if (Collection.isEmptyPath(path11)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path11), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path11, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error2) => {
      if (error2.pos[0] === -1)
        return;
      error2.linePos = error2.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error2.linePos[0];
      error2.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error2.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error2.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar2, onError) {
      const start = scalar2.offset;
      const header = parseBlockScalarHeader(scalar2, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar2.source ? splitLines(scalar2.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar2.source)
          end2 += scalar2.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar2.indent + header.indent;
      let offset = scalar2.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar2.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error2 = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error2 === -1)
            error2 = offset + i;
        }
      }
      if (error2 !== -1)
        onError(error2, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar2, strict, onError) {
      const { offset, type, source, end } = scalar2;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar2, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar2;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar2 = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error2) {
        const msg = error2 instanceof Error ? error2.message : String(error2);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar2 = new Scalar.Scalar(value);
      }
      scalar2.range = range;
      scalar2.source = value;
      if (type)
        scalar2.type = type;
      if (tagName)
        scalar2.tag = tagName;
      if (tag.format)
        scalar2.format = tag.format;
      if (comment)
        scalar2.comment = comment;
      return scalar2;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error2) {
            const message = error2 instanceof Error ? error2.message : String(error2);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning2) => {
          const pos = getErrorPos(source);
          if (warning2)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning2) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning2);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error2 = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error2);
            else
              this.doc.errors.push(error2);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path11) => {
      let item = cst;
      for (const [field, index] of path11) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path11) => {
      const parent = visit.itemAtPath(cst, path11.slice(0, -1));
      const field = path11[path11.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path11, item, visitor) {
      let ctrl = visitor(item, path11);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path11.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path11);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path11) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error2) {
        const token = error2 ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar2) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar2.end) {
            sep = scalar2.end;
            sep.push(this.sourceToken);
            delete scalar2.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar2.offset,
            indent: scalar2.indent,
            items: [{ start, key: scalar2, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar2);
      }
      *blockScalar(scalar2) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar2.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar2.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument3(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument3(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning2) => log.warn(doc.options.logLevel, warning2));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument3;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

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
  const e = typeof event === "object" && event !== null ? event : {};
  if (eventName === "workflow_run") {
    const run2 = e.workflow_run ?? {};
    if (typeof run2.event !== "string" || !PULL_REQUEST_EVENTS.includes(run2.event)) return "";
    return otherRepo(fullName(run2.head_repository), fullName(e.repository));
  }
  if (eventName === "issue_comment") return e.issue?.pull_request ? "a pull request (issue_comment)" : "";
  if (!PULL_REQUEST_EVENTS.includes(eventName)) return "";
  return otherRepo(fullName(e.pull_request?.head?.repo), fullName(e.repository));
}
function otherRepo(head, base) {
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
function setKey(entry) {
  const eq = entry.indexOf("=");
  return (eq < 0 ? entry : entry.slice(0, eq)).replace(/\+$/, "").trim();
}
function setWithoutCacheTo(set) {
  const kept = set.filter((e) => !/(^|\.)cache-to$/.test(setKey(e)));
  return { set: kept, dropped: set.length - kept.length };
}
function printedCacheType(entry) {
  if (typeof entry === "string") return cacheType(entry);
  if (typeof entry === "object" && entry !== null) {
    const type = entry.type;
    return typeof type === "string" && type ? type : "registry";
  }
  return "";
}
function bakeCacheToOverrides(targets, fork, setDropped = 0) {
  if (!fork) return { set: [] };
  const set = [];
  let dropped = 0;
  for (const [name, def] of Object.entries(targets)) {
    const entries = Array.isArray(def["cache-to"]) ? def["cache-to"] : [];
    const types = entries.map(printedCacheType);
    const shared = types.filter((t) => t !== "inline").length;
    if (shared === 0) continue;
    dropped += shared;
    set.push(types.includes("inline") ? `${name}.cache-to=type=inline` : `${name}.cache-to=`);
  }
  if (dropped === 0 && setDropped === 0) return { set };
  const what = [
    ...dropped > 0 ? [`${dropped} cache export(s) of the bake definition`] : [],
    ...setDropped > 0 ? [`${setDropped} cache-to override(s) of set`] : []
  ].join(" and ");
  return {
    set,
    warning: `cache-to: ${what} dropped: this run was started by a pull request from the fork ${fork}, which must not write to a shared cache (set allow-fork-cache-write: true to allow it)`
  };
}
async function withoutBakeCacheExports(printed, fork, setDropped, set, print, tool) {
  const guard = bakeCacheToOverrides(printed, fork, setDropped);
  if (guard.set.length === 0) return { printed, ...guard.warning ? { warning: guard.warning } : {} };
  set.push(...guard.set);
  const again = await print();
  if (bakeCacheToOverrides(again, fork).set.length > 0)
    throw new Error(`${tool} still exports cache with cache-to cleared: not run, since this run must not write a shared cache`);
  return { printed: again, ...guard.warning ? { warning: guard.warning } : {} };
}

// src/inputs/catalogue.ts
var OWNED = ["bake", "merge"];
var MERGE = ["merge"];
var ONE_BUILD_ONLY = ["bake", "matrix", "merge"];
var INPUTS = [
  // one build's inputs that a bake definition owns (each refused with bake files, pointing at its key)
  { name: "context", kind: "text", setting: "context", bake: { key: "context", field: "context" }, refusedIn: OWNED },
  { name: "file", kind: "text", setting: "file", bake: { key: "dockerfile", field: "dockerfile" }, refusedIn: OWNED },
  { name: "tags", kind: "list", split: "comma", flag: "tag", setting: "tags", bake: { key: "tags", field: "tags" }, refusedIn: ["bake"] },
  {
    name: "platforms",
    kind: "list",
    split: "comma",
    flag: "platform",
    setting: "platforms",
    bake: { key: "platform", field: "platforms" },
    refusedIn: OWNED
  },
  {
    name: "build-args",
    kind: "list",
    split: "record",
    flag: "build-arg",
    setting: "buildArgs",
    bake: { key: "args.NAME", field: "args" },
    refusedIn: OWNED
  },
  {
    name: "labels",
    kind: "list",
    split: "record",
    flag: "label",
    setting: "labels",
    bake: { key: "labels.NAME", field: "labels" },
    refusedIn: OWNED
  },
  {
    name: "annotations",
    kind: "list",
    split: "record",
    flag: "annotation",
    setting: "annotations",
    bake: { key: "annotations", field: "annotations" },
    refusedIn: ["bake"]
  },
  {
    name: "build-contexts",
    kind: "list",
    split: "record",
    flag: "build-context",
    setting: "buildContexts",
    bake: { key: "contexts.NAME", field: "contexts" },
    refusedIn: OWNED
  },
  { name: "target", kind: "text", setting: "target", bake: { key: "target", field: "target" }, refusedIn: ["bake"] },
  {
    name: "cache-from",
    kind: "list",
    split: "lines",
    setting: "cacheFrom",
    bake: { key: "cache-from", field: "cache-from" },
    refusedIn: OWNED
  },
  { name: "cache-to", kind: "list", split: "lines", setting: "cacheTo", bake: { key: "cache-to", field: "cache-to" }, refusedIn: OWNED },
  {
    name: "outputs",
    kind: "list",
    split: "lines",
    flag: "output",
    setting: "outputs",
    bake: { key: "output", field: "output" },
    refusedIn: OWNED
  },
  { name: "network", kind: "text", setting: "network", bake: { key: "network", field: "network" }, refusedIn: OWNED },
  { name: "shm-size", kind: "text", setting: "shmSize", bake: { key: "shm-size", field: "shm-size" }, refusedIn: OWNED },
  { name: "ulimit", kind: "list", split: "record", setting: "ulimit", bake: { key: "ulimits", field: "ulimits" }, refusedIn: OWNED },
  {
    name: "add-hosts",
    kind: "list",
    split: "comma",
    flag: "add-host",
    setting: "addHosts",
    bake: { key: "extra-hosts" },
    refusedIn: ["bake", "matrix", "merge"],
    reason: "is not carried into matrix targets; use a single build for extra hosts"
  },
  { name: "ssh", kind: "list", split: "comma", setting: "ssh", bake: { key: "ssh", field: "ssh" }, refusedIn: OWNED },
  {
    name: "no-cache-filters",
    kind: "list",
    split: "comma",
    flag: "no-cache-filter",
    setting: "noCacheFilters",
    bake: { key: "no-cache-filter", field: "no-cache-filter" },
    refusedIn: OWNED
  },
  {
    name: "attests",
    kind: "list",
    split: "lines",
    flag: "attest",
    setting: "attests",
    bake: { key: "attest", field: "attest" },
    refusedIn: OWNED
  },
  // one build's, not a bake definition's
  {
    name: "cgroup-parent",
    kind: "text",
    refusedIn: ONE_BUILD_ONLY,
    reason: "is for a single build; bake targets have no cgroup parent"
  },
  { name: "secrets", kind: "list", split: "record", flag: "secret", refusedIn: MERGE },
  { name: "secret-files", kind: "list", split: "record", flag: "secret-file", refusedIn: MERGE },
  { name: "secret-envs", kind: "list", split: "comma", flag: "secret-env", refusedIn: MERGE },
  { name: "load", kind: "boolean", refusedIn: MERGE },
  { name: "provenance", kind: "text", refusedIn: MERGE },
  { name: "sbom", kind: "text", refusedIn: MERGE },
  { name: "no-cache", kind: "boolean", refusedIn: MERGE },
  { name: "pull", kind: "boolean", refusedIn: MERGE },
  // many builds
  { name: "files", kind: "list", split: "comma", refusedIn: MERGE },
  { name: "targets", kind: "list", split: "comma", refusedIn: MERGE },
  {
    name: "set",
    kind: "list",
    split: "lines",
    refusedIn: ["build", "merge"],
    reason: "overrides bake targets; it needs files, targets or a matrix"
  },
  { name: "matrix", kind: "text", refusedIn: MERGE },
  { name: "platform-split", kind: "boolean", refusedIn: MERGE },
  {
    name: "push-by-digest",
    kind: "boolean",
    refusedIn: ONE_BUILD_ONLY,
    reason: "works on a single build; bake and matrix targets are pushed by their tags"
  },
  { name: "source", kind: "text", refusedIn: MERGE },
  // depot/bake-action's name for a local source (its own rule: see parseBakeSource)
  { name: "workdir", kind: "text", refusedIn: MERGE },
  { name: "vars", kind: "list", split: "lines", flag: "var", refusedIn: MERGE },
  // the rest, as action.yml lists them
  { name: "mode", kind: "text" },
  { name: "engine", kind: "text" },
  { name: "buildx-version", kind: "text" },
  { name: "buildx-download-url", kind: "text" },
  { name: "buildx-sha256", kind: "text" },
  { name: "builder", kind: "text" },
  { name: "driver", kind: "text" },
  { name: "driver-opts", kind: "list", split: "lines", flag: "driver-opt" },
  { name: "buildkitd-config", kind: "text" },
  { name: "buildkitd-config-inline", kind: "text" },
  { name: "buildkitd-flags", kind: "text" },
  { name: "endpoint", kind: "text" },
  { name: "builder-platforms", kind: "list", split: "comma", flag: "builder-platform" },
  { name: "keep-builder", kind: "boolean" },
  { name: "builder-scope", kind: "text" },
  { name: "allow-fork-cache-write", kind: "boolean" },
  { name: "registry", kind: "text" },
  { name: "username", kind: "text" },
  { name: "password", kind: "text" },
  { name: "logout", kind: "boolean" },
  { name: "registry-auth", kind: "text" },
  { name: "sign", kind: "text" },
  { name: "sign-key", kind: "text" },
  { name: "sign-key-password", kind: "text" },
  { name: "sign-fulcio-url", kind: "text" },
  { name: "sign-rekor-url", kind: "text" },
  { name: "sign-tlog", kind: "boolean" },
  { name: "cosign-version", kind: "text" },
  { name: "cosign-download-url", kind: "text" },
  { name: "cosign-sha256", kind: "text" },
  { name: "github-token", kind: "text" },
  { name: "push", kind: "boolean" },
  { name: "push-retries", kind: "text" },
  { name: "call", kind: "text" },
  { name: "allow", kind: "list", split: "comma" },
  { name: "matrix-name", kind: "text" },
  { name: "max-parallel", kind: "text" },
  { name: "digests", kind: "list", split: "comma" },
  { name: "digests-from", kind: "list", split: "lines" },
  { name: "image", kind: "text" },
  { name: "runners", kind: "text" },
  { name: "default-runner", kind: "text" },
  { name: "base-annotations", kind: "boolean" },
  { name: "summary", kind: "boolean" },
  { name: "build-record-upload", kind: "boolean" },
  { name: "depot-project", kind: "text", depotAlias: "project" },
  { name: "depot-token", kind: "text", depotAlias: "token" },
  { name: "depot-version", kind: "text" },
  { name: "depot-download-url", kind: "text" },
  { name: "depot-sha256", kind: "text" },
  { name: "depot-fallback", kind: "boolean", depotAlias: "buildx-fallback" },
  { name: "depot-build-platform", kind: "text", depotAlias: "build-platform" },
  { name: "depot-save", kind: "boolean", depotAlias: "save" },
  // depot/build-push-action takes both names, each a list of its own
  { name: "save-tag", kind: "list", split: "comma" },
  { name: "save-tags", kind: "list", split: "comma" },
  { name: "lint", kind: "boolean" },
  { name: "lint-fail-on", kind: "text" },
  { name: "sbom-dir", kind: "text" },
  { name: "compare-with", kind: "text" },
  { name: "max-size-increase", kind: "text" }
];
var BY_NAME = new Map(INPUTS.map((e) => [e.name, e]));
function inputEntry(name) {
  return BY_NAME.get(name);
}
function listSplit(name) {
  const e = BY_NAME.get(name);
  if (e?.kind !== "list" || !e.split) throw new Error(`internal: ${name} is no list input of the catalogue`);
  return e.split;
}
function depotAliasOf(name) {
  const alias = BY_NAME.get(name)?.depotAlias;
  if (!alias) throw new Error(`internal: ${name} has no Depot name in the catalogue`);
  return alias;
}
function entryOfName(name) {
  const own = BY_NAME.get(name);
  if (own) return { entry: own, alias: false };
  const of = INPUTS.find((e) => e.depotAlias === name);
  return of ? { entry: of, alias: true } : void 0;
}

// src/inputs/checks.ts
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
    const fields2 = parseCsvFields(item, input);
    const type = fields2["type"];
    if (type === void 0) throw new InputError(input, `${JSON.stringify(clip(item))} has no type=`);
    if (!types.includes(type)) throw new InputError(input, `unknown type ${JSON.stringify(type)}; expected one of ${types.join(", ")}`);
  }
  return items;
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

// src/inputs/run-env.ts
function defaultGitContext(run2) {
  const env = run2.env ?? {};
  const repository = env["GITHUB_REPOSITORY"] ?? "";
  const sha = env["GITHUB_SHA"] ?? "";
  let ref = env["GITHUB_REF"] ?? "";
  if (!/^[^/\s]+\/[^/\s]+$/.test(repository) || !sha && !ref) return "";
  if (ref && !ref.startsWith("refs/")) ref = `refs/heads/${ref}`;
  else if (ref.startsWith("refs/pull/") && envBool(env, "DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF", false, true)) {
    ref = ref.replace(/\/merge$/, "/head");
  }
  let pinned = sha || ref;
  if (ref.startsWith("refs/pull/") && ref.endsWith("/head")) {
    const head = run2.event?.pull_request?.head?.sha;
    pinned = typeof head === "string" ? head : ref;
  }
  return `${serverUrl(env)}/${repository}.git#${pinned}`;
}
var GIT_QUERY_MIN_BUILDX = "0.29.0";
function gitQueryForm(env, buildxVersion) {
  return envBool(env, "BUILDX_SEND_GIT_QUERY_AS_INPUT", false, true) && versionAtLeast(buildxVersion, GIT_QUERY_MIN_BUILDX);
}
function queryFormOf(value, defaultContext) {
  const hash = defaultContext.indexOf("#");
  if (!defaultContext || hash < 0) return value;
  let subdir;
  if (value === defaultContext) subdir = "";
  else if (value.startsWith(`${defaultContext}:`)) subdir = value.slice(defaultContext.length + 1);
  else return value;
  const query = [`ref=${queryValue(defaultContext.slice(hash + 1))}`];
  if (subdir && subdir !== ".") query.push(`subdir=${queryValue(subdir)}`);
  return `${defaultContext.slice(0, hash)}?${query.join("&")}`;
}
function queryValue(v) {
  return encodeURIComponent(v).replace(/%2F/gi, "/");
}
function serverUrl(env) {
  return (env["GITHUB_SERVER_URL"] || "https://github.com").replace(/\/+$/, "");
}
function gitServerHost(run2) {
  try {
    return new URL(serverUrl(run2.env ?? {})).host;
  } catch {
    throw new InputError("github-token", `GITHUB_SERVER_URL ${JSON.stringify(clip(run2.env?.["GITHUB_SERVER_URL"] ?? ""))} is not a URL`);
  }
}
var DEFAULT_CONTEXT = /\{\{\s*defaultContext\s*\}\}/;
function expandDefaultContext(value, defaultContext, input) {
  if (!DEFAULT_CONTEXT.test(value)) return value;
  if (!defaultContext) {
    throw new InputError(
      input,
      "{{defaultContext}} is the Git context of the run (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA), and this environment names none"
    );
  }
  return value.replace(new RegExp(DEFAULT_CONTEXT.source, "g"), () => defaultContext);
}
function remoteDockerfile(context, file) {
  let subdir = "";
  const hash = context.indexOf("#");
  if (hash >= 0) {
    const colon = context.indexOf(":", hash);
    subdir = colon >= 0 ? context.slice(colon + 1) : "";
  } else if (context.includes("?")) {
    subdir = new URLSearchParams(context.slice(context.indexOf("?") + 1)).get("subdir") ?? "";
  }
  const joined = [...subdir.split("/"), ...(file || "Dockerfile").split("/")].filter((p) => p !== "" && p !== ".");
  return joined.join("/");
}
function isRemoteContext(context) {
  return /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//.test(context);
}
function envBool(env, name, dflt, lenient = false) {
  const v = env[name] ?? "";
  if (v === "") return dflt;
  if (["1", "t", "T", "true", "True", "TRUE"].includes(v)) return true;
  if (["0", "f", "F", "false", "False", "FALSE"].includes(v)) return false;
  if (lenient) return dflt;
  throw new InputError(name, `environment variable: expected true or false (1, t, true, 0, f, false), got ${JSON.stringify(clip(v))}`);
}
function envSwitches(env) {
  return {
    buildSummary: envBool(env, "DOCKER_BUILD_SUMMARY", true),
    noDefaultAttestations: envBool(env, "BUILDX_NO_DEFAULT_ATTESTATIONS", false),
    buildRecordUpload: envBool(env, "DOCKER_BUILD_RECORD_UPLOAD", true)
  };
}
function recordRetentionDays(env) {
  const v = (env["DOCKER_BUILD_RECORD_RETENTION_DAYS"] ?? "").trim();
  if (v === "") return 0;
  const days = Number(v);
  if (!/^\d+$/.test(v) || days > 90) {
    throw new InputError(
      "DOCKER_BUILD_RECORD_RETENTION_DAYS",
      `environment variable: expected a number of days from 1 to 90 (0: the repository's default), got ${JSON.stringify(clip(v))}`
    );
  }
  return days;
}

// src/inputs/ssh.ts
function joinSshPaths(items) {
  const out = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (prev?.includes("=") && !item.includes("=") && /^[./~]/.test(item)) out[out.length - 1] = `${prev},${item}`;
    else out.push(item);
  }
  return out;
}
function sshEntitlements(ssh, resolve) {
  const out = ssh.flatMap((entry) => {
    const eq = entry.indexOf("=");
    if (eq < 0) return ["ssh"];
    return entry.slice(eq + 1).split(",").filter(Boolean).map((p) => `fs.read=${resolve(p)}`);
  });
  return [...new Set(out)];
}

// src/inputs/build-inputs.ts
var OUTPUT_TYPES = ["registry", "image", "docker", "oci", "tar", "local", "cacheonly"];
var CACHE_TYPES = ["registry", "local", "inline", "gha", "s3", "azblob"];
function parseSecrets(read, skipped) {
  const secrets = [];
  const add2 = (input, kind) => {
    const lines = parseList(read(input), input, { split: listSplit(input) });
    const shape = `id=${kind === "value" ? "value" : kind === "file" ? "path" : "VARIABLE"}`;
    lines.forEach((line, i) => {
      const at = `entry ${i + 1}`;
      const eq = line.indexOf("=");
      if (eq <= 0) throw new InputError(input, `${at} is not ${shape} (value not shown)`);
      const id = line.slice(0, eq);
      const source = line.slice(eq + 1);
      if (!/^[A-Za-z0-9_.:-]+$/.test(id))
        throw new InputError(input, `${at}: the id may only contain letters, digits, '_', '.', ':', '-' (value not shown)`);
      if (kind === "value" && source === "") {
        skipped.push(
          `${input}: ${at} has an empty value (value not shown) and is skipped: an entry is id=value; a value pasted alone reads as an id`
        );
        return;
      }
      if (kind !== "value" && source === "") throw new InputError(input, `secret ${id} names no ${kind === "file" ? "file" : "variable"}`);
      if (kind === "env" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(source))
        throw new InputError(input, `secret ${id}: ${JSON.stringify(clip(source))} is not an environment variable name`);
      if (kind === "file" && /[\n"]/.test(source)) throw new InputError(input, `secret ${id}: the path contains a newline or a quote`);
      if (secrets.some((s) => s.id === id)) throw new InputError(input, `${at}: secret id ${id} is given twice`);
      secrets.push({ id, kind, source });
    });
  };
  add2("secrets", "value");
  add2("secret-files", "file");
  add2("secret-envs", "env");
  return secrets;
}
function checkAttest(value, input) {
  const v = value.trim();
  if (v === "" || /^(true|false)$/i.test(v)) return v.toLowerCase();
  const fields2 = parseCsvFields(v, input);
  if (fields2["mode"] !== void 0 && !["min", "max"].includes(fields2["mode"])) {
    throw new InputError(input, `mode must be min or max, got ${JSON.stringify(clip(fields2["mode"]))}`);
  }
  return v;
}
function gitAuthSecret(token, secrets, contexts, defaultContext, run2) {
  if (!token || !defaultContext) return void 0;
  if (!contexts.some((c) => c.startsWith(defaultContext) || c.includes(`=${defaultContext}`))) return void 0;
  const id = `GIT_AUTH_TOKEN.${gitServerHost(run2)}`;
  if (secrets.some((s) => s.id === "GIT_AUTH_TOKEN" || s.id === id)) return void 0;
  return { id, kind: "value", source: token };
}
function checkCgroupParent(v) {
  if (/\s/.test(v)) throw new InputError("cgroup-parent", `${JSON.stringify(clip(v))} is not a cgroup path`);
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
function parseDestination(bool, list) {
  const platforms = checkPlatforms(list("platforms"), "platforms");
  const pushByDigest = bool("push-by-digest", false);
  const push = bool("push", false) || pushByDigest;
  const load = bool("load", false);
  const outputs = checkTypedCsv(list("outputs"), "outputs", OUTPUT_TYPES);
  if (outputs.length > 0 && (push || load)) {
    throw new InputError("outputs", "push and load are shorthands for outputs; give one or the other");
  }
  return { platforms, pushByDigest, push, load, outputs };
}
function checkPushByDigest(s) {
  if (s.pushByDigest && (s.load || s.outputs.length > 0))
    throw new InputError("push-by-digest", "pushes untagged to the registry; it cannot be combined with load or outputs");
  if (s.pushByDigest && s.tags.length === 0)
    throw new InputError("tags", "push-by-digest needs the repository to push to, e.g. ghcr.io/org/app");
}
function parseContext(read, run2) {
  const defaultContext = defaultGitContext(run2);
  const contextInput = read("context").trim();
  const context = contextInput ? expandDefaultContext(contextInput, defaultContext, "context") : defaultContext || ".";
  return { context, defaultContext };
}
function parseBuildSecrets(read, list, at) {
  const buildContexts = parseKeyValues(list("build-contexts"), "build-contexts").map(
    ([k, v]) => `${k}=${expandDefaultContext(v, at.defaultContext, "build-contexts")}`
  );
  const secretWarnings = [];
  const secrets = parseSecrets(read, secretWarnings);
  const contexts = at.singleOrMatrix ? [at.context, ...buildContexts] : [];
  const gitAuth = gitAuthSecret(at.githubToken, secrets, contexts, at.defaultContext, at.run);
  if (gitAuth) secrets.push(gitAuth);
  return { buildContexts, secrets, secretWarnings };
}
function parseBuildOptions(read, bool, list) {
  return {
    file: read("file").trim(),
    labels: parseKeyValues(list("labels"), "labels").map(([k, v]) => `${k}=${v}`),
    annotations: checkEach(
      list("annotations"),
      "annotations",
      /^[^\s=]+=/,
      "is not [type:]key=value, e.g. index:org.opencontainers.image.description=App"
    ),
    buildArgs: parseKeyValues(list("build-args"), "build-args"),
    target: read("target").trim(),
    cacheFrom: checkTypedCsv(list("cache-from"), "cache-from", CACHE_TYPES),
    cacheTo: checkTypedCsv(list("cache-to"), "cache-to", CACHE_TYPES),
    provenance: checkAttest(read("provenance"), "provenance"),
    sbom: checkAttest(read("sbom"), "sbom"),
    attests: parseAttests(list("attests"), read),
    noCache: bool("no-cache", false),
    noCacheFilters: checkEach(list("no-cache-filters"), "no-cache-filters", /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "is not a stage name"),
    ssh: checkEach(
      joinSshPaths(list("ssh")),
      "ssh",
      /^[A-Za-z0-9_.-]+(=\S.*)?$/,
      "is not default or id=path[,path], e.g. deploy=/home/runner/.ssh/id_ed25519"
    ),
    cgroupParent: checkCgroupParent(read("cgroup-parent").trim()),
    pull: bool("pull", false),
    network: read("network").trim(),
    shmSize: checkSize(read("shm-size").trim(), "shm-size"),
    ulimit: checkEach(list("ulimit"), "ulimit", /^[a-z]+=-?\d+(?::-?\d+)?$/, "is not name=soft[:hard], e.g. nofile=1024:1024"),
    addHosts: checkEach(list("add-hosts"), "add-hosts", /^[^\s:=]+[:=]\S+$/, "is not host:ip, e.g. db:10.0.0.2"),
    allow: list("allow")
  };
}

// src/inputs/call.ts
var CALL_NAMES = ["build", "check", "outline", "targets"];
var BUILD_CALL = { name: "build", options: [] };
var CALL_MIN_BUILDX = { build: "0.15.0", bake: "0.16.0" };
function parseCall(raw) {
  const text = raw.trim();
  if (!text) return BUILD_CALL;
  const [first = "", ...rest] = text.split(",").map((f) => f.trim());
  const name = first.toLowerCase();
  if (!CALL_NAMES.includes(name)) {
    throw new InputError("call", `${JSON.stringify(clip(first))} is not one of ${CALL_NAMES.join(", ")}`);
  }
  const options = [];
  for (const field of rest) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : field.slice(eq + 1).trim();
    if (key === "format") {
      if (value.toLowerCase() !== "json")
        throw new InputError("call", `format=${clip(value)}: the action reads the result as JSON; drop format`);
      continue;
    }
    if (key === "ignorestatus") {
      if (!/^(true|false)$/i.test(value)) throw new InputError("call", `ignorestatus=${clip(value)} is not true or false`);
      options.push(`ignorestatus=${value.toLowerCase()}`);
      continue;
    }
    const hint = key === "error" ? "; to fail a build on check warnings, put `# check=error=true` at the top of the Dockerfile, or use call: check" : "";
    throw new InputError(
      "call",
      `${JSON.stringify(clip(field))} is not an option buildx takes (format=json, ignorestatus=true|false)${hint}`
    );
  }
  if (name === "build" && options.length > 0) throw new InputError("call", "build takes no options");
  return { name, options };
}
function callFlagValue(c) {
  return [c.name, "format=json", ...c.options].join(",");
}
function callIgnoresStatus(c) {
  return c.options.includes("ignorestatus=true");
}

// src/inputs/matrix.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_COMBINATIONS = 256;
var MAX_PRODUCT = 65536;
var NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
var RESERVED_NAMES = /* @__PURE__ */ new Set(["__proto__"]);
function isMapping(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
function describe(value) {
  if (value === null || value === void 0) return "empty (null)";
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  if (typeof value === "object") return "a binary or other non-scalar value";
  return `a ${typeof value}`;
}
function checkName(name, input, what) {
  if (!NAME_RE.test(name)) {
    throw new MatrixError(
      input,
      `${what} ${JSON.stringify(name)} is not a valid name (letters, digits, "_" and "-", not starting with a digit or "-")`
    );
  }
  if (RESERVED_NAMES.has(name)) throw new MatrixError(input, `${what} ${JSON.stringify(name)} is reserved`);
}
function scalar(value, input, where) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === void 0) {
    throw new MatrixError(input, `${where} is empty (null); write "" for an empty string`);
  }
  throw new MatrixError(
    input,
    `${where} is ${describe(value)}; matrix values must be strings, numbers or booleans (nested values are not supported)`
  );
}
function parseEntries(value, input, section) {
  if (value === null || value === void 0) return [];
  if (!Array.isArray(value)) throw new MatrixError(input, `${section} must be a list of mappings, got ${describe(value)}`);
  return value.map((item, i) => {
    const where = `${section} entry ${i + 1}`;
    if (!isMapping(item)) throw new MatrixError(input, `${where} must be a mapping, got ${describe(item)}`);
    const keys = Object.keys(item);
    if (keys.length === 0) throw new MatrixError(input, `${where} is empty`);
    const entry = {};
    for (const key of keys) {
      checkName(key, input, `${where} key`);
      entry[key] = scalar(item[key], input, `${where} key ${JSON.stringify(key)}`);
    }
    return { entry, raw: item };
  });
}
function sameCombination(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
function parseMatrix(text, inputName = "matrix") {
  const doc = (0, import_yaml.parseDocument)(text);
  const [firstError] = doc.errors;
  if (firstError) {
    const line = (firstError.message.split("\n")[0] ?? "").replace(/:$/, "");
    throw new MatrixError(inputName, `invalid YAML: ${line}`);
  }
  const root = doc.toJS();
  if (root === null || root === void 0) {
    throw new MatrixError(inputName, "empty matrix: give at least one axis or an include list");
  }
  if (!isMapping(root)) {
    throw new MatrixError(inputName, `must be a mapping of axis names to lists of values, got ${describe(root)}`);
  }
  const axes = [];
  for (const [name, value] of Object.entries(root)) {
    if (name === "include" || name === "exclude") continue;
    checkName(name, inputName, "axis name");
    if (!Array.isArray(value)) {
      throw new MatrixError(
        inputName,
        `axis ${JSON.stringify(name)} must be a list of values, got ${describe(value)} (write ${name}: [value])`
      );
    }
    if (value.length === 0) throw new MatrixError(inputName, `axis ${JSON.stringify(name)} has no values`);
    const values = value.map((v, i) => scalar(v, inputName, `axis ${JSON.stringify(name)} value ${i + 1}`));
    const seen = /* @__PURE__ */ new Set();
    for (const v of values) {
      if (seen.has(v)) {
        throw new MatrixError(
          inputName,
          `axis ${JSON.stringify(name)} lists the value ${JSON.stringify(v)} more than once (numbers are converted with String(): quote versions such as "1.80")`
        );
      }
      seen.add(v);
    }
    axes.push({ name, values });
  }
  const include = parseEntries(root.include, inputName, "include").map((e) => e.entry);
  const exclude = parseEntries(root.exclude, inputName, "exclude").map(({ entry, raw }, i) => {
    for (const [key, value] of Object.entries(entry)) {
      const axis = axes.find((a) => a.name === key);
      if (!axis) {
        const known = axes.length ? axes.map((a) => a.name).join(", ") : "(none)";
        throw new MatrixError(inputName, `exclude entry ${i + 1} uses ${JSON.stringify(key)}, which is not an axis; axes: ${known}`);
      }
      if (!axis.values.includes(value)) {
        const hint = typeof raw[key] === "number" ? " (unquoted numbers are converted with String(): quote it)" : "";
        throw new MatrixError(
          inputName,
          `exclude entry ${i + 1}: ${key} ${JSON.stringify(value)} is not one of the axis values ${axis.values.map((v) => JSON.stringify(v)).join(", ")}${hint}`
        );
      }
    }
    return entry;
  });
  if (axes.length === 0 && include.length === 0) {
    throw new MatrixError(inputName, "empty matrix: give at least one axis or an include list");
  }
  const product = axes.reduce((n, a) => n * a.values.length, axes.length ? 1 : 0);
  if (product > MAX_PRODUCT) {
    throw new MatrixError(inputName, `the axes produce ${product} combinations; at most ${MAX_COMBINATIONS} are allowed`);
  }
  const spec = { axes, include, exclude };
  const combos = expandMatrix(spec);
  if (combos.length > MAX_COMBINATIONS) {
    throw new MatrixError(inputName, `expands to ${combos.length} combinations; at most ${MAX_COMBINATIONS} are allowed`);
  }
  if (combos.length === 0) throw new MatrixError(inputName, "every combination is excluded; nothing to build");
  combos.forEach((combo, i) => {
    const j = combos.findIndex((c) => sameCombination(c, combo));
    if (j < i) {
      throw new MatrixError(
        inputName,
        `combination ${i + 1} ${JSON.stringify(combo)} is the same as combination ${j + 1}; each combination must be distinct`
      );
    }
  });
  return spec;
}
function expandMatrix(spec) {
  let product = spec.axes.length ? [{}] : [];
  for (const axis of spec.axes) {
    const next = [];
    for (const combo of product) {
      for (const value of axis.values) next.push({ ...combo, [axis.name]: value });
    }
    product = next;
  }
  const matches = (combo, entry, keys) => Object.entries(entry).every(([k, v]) => !keys(k) || Object.hasOwn(combo, k) && combo[k] === v);
  const original = product.filter((combo) => !spec.exclude.some((ex) => matches(combo, ex, () => true)));
  const axisNames = new Set(spec.axes.map((a) => a.name));
  const appended = [];
  for (const entry of spec.include) {
    let matched = false;
    for (const combo of original) {
      if (!matches(combo, entry, (k) => axisNames.has(k))) continue;
      matched = true;
      for (const [k, v] of Object.entries(entry)) if (!axisNames.has(k)) combo[k] = v;
    }
    if (!matched) appended.push({ ...entry });
  }
  return [...original, ...appended];
}
function tokenize(template, inputName) {
  const segments = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf("{{", pos);
    if (open < 0) {
      segments.push({ text: template.slice(pos) });
      break;
    }
    if (open > pos) segments.push({ text: template.slice(pos, open) });
    const close = template.indexOf("}}", open + 2);
    if (close < 0) {
      throw new MatrixError(inputName, `unclosed "{{" in template ${JSON.stringify(template)}`);
    }
    const raw = template.slice(open, close + 2);
    const key = template.slice(open + 2, close).trim();
    if (!NAME_RE.test(key)) {
      throw new MatrixError(
        inputName,
        `invalid placeholder ${JSON.stringify(raw)} in template ${JSON.stringify(template)}; write {{ name }} with a matrix axis name`
      );
    }
    segments.push({ key, raw });
    pos = close + 2;
  }
  return segments;
}
function templateKeys(template, inputName = "template") {
  const keys = [];
  for (const s of tokenize(template, inputName)) if ("key" in s && !keys.includes(s.key)) keys.push(s.key);
  return keys;
}
function renderTemplate(template, values, inputName) {
  let out = "";
  for (const s of tokenize(template, inputName)) {
    if ("text" in s) {
      out += s.text;
      continue;
    }
    if (!Object.hasOwn(values, s.key)) {
      const known = Object.keys(values);
      throw new MatrixError(
        inputName,
        `template ${JSON.stringify(template)} uses ${JSON.stringify(s.key)}, which is not a matrix axis of combination ${JSON.stringify(values)}; known axes: ${known.length ? known.join(", ") : "(none)"}`
      );
    }
    out += values[s.key];
  }
  return out;
}
var sanitize = (s) => s.replace(/[^A-Za-z0-9_-]/g, "_");
var DEFAULT_GROUP = "default";
function targetName(values, template) {
  if (template !== void 0) {
    const name2 = sanitize(renderTemplate(template, values, "matrix-name"));
    if (name2 === "") {
      throw new MatrixError("matrix-name", `template ${JSON.stringify(template)} renders to an empty name for ${JSON.stringify(values)}`);
    }
    return name2;
  }
  const name = Object.values(values).map(sanitize).join("-");
  return name === "" ? "matrix" : name;
}
function uniqueTargetNames(combos, template) {
  const bases = combos.map((c) => targetName(c, template));
  const taken = /* @__PURE__ */ new Set([...bases, DEFAULT_GROUP]);
  const assigned = /* @__PURE__ */ new Set();
  return bases.map((base) => {
    let name = base;
    if (assigned.has(base) || base === DEFAULT_GROUP) {
      let n = 2;
      while (taken.has(`${base}-${n}`) || assigned.has(`${base}-${n}`)) n++;
      name = `${base}-${n}`;
    }
    assigned.add(name);
    return name;
  });
}
function renderRecord(record, values, input) {
  const out = {};
  for (const [k, v] of Object.entries(record)) out[k] = renderTemplate(v, values, input);
  return out;
}
function matrixToBake(combos, base, options) {
  if (combos.length === 0) throw new MatrixError("matrix", "the matrix has no combinations");
  if (combos.length > 1) {
    for (const tag of options.tagTemplates) {
      if (templateKeys(tag, "tags").length === 0) {
        throw new MatrixError(
          "tags",
          `${JSON.stringify(tag)} has no matrix placeholder; tags must contain a matrix placeholder such as {{ ${Object.keys(combos[0] ?? {})[0] ?? "name"} }} when the matrix has more than one combination (${combos.length}), or every variant would push to the same tag`
        );
      }
    }
  }
  const names = uniqueTargetNames(combos, options.nameTemplate);
  const prefix = options.argPrefix ?? "";
  const definition = { group: { [DEFAULT_GROUP]: { targets: [...names] } }, target: {} };
  const tagOwner = /* @__PURE__ */ new Map();
  combos.forEach((combo, i) => {
    const name = names[i] ?? "";
    const t = { ...base };
    for (const key of [
      "tags",
      "annotations",
      "platforms",
      "cache-from",
      "cache-to",
      "output",
      "attest",
      "secret",
      "ulimits",
      "ssh",
      "no-cache-filter"
    ]) {
      const list = base[key];
      if (list) t[key] = [...list];
    }
    if (base.contexts) t.contexts = { ...base.contexts };
    if (base.target !== void 0) t.target = renderTemplate(base.target, combo, "target");
    if (base.labels) t.labels = renderRecord(base.labels, combo, "labels");
    const args = base.args ? renderRecord(base.args, combo, "build-args") : {};
    for (const [k, v] of Object.entries(combo)) args[`${prefix}${k}`] = v;
    t.args = args;
    const tags = options.tagTemplates.map((tpl) => renderTemplate(tpl, combo, "tags"));
    for (const tag of tags) {
      const owner = tagOwner.get(tag);
      if (owner !== void 0 && owner !== name) {
        throw new MatrixError(
          "tags",
          `targets ${owner} and ${name} both render the tag ${JSON.stringify(tag)}; use placeholders that differ between combinations`
        );
      }
      tagOwner.set(tag, name);
    }
    if (tags.length) t.tags = [...new Set(tags)];
    else delete t.tags;
    definition.target[name] = t;
  });
  return definition;
}

// src/inputs/compare.ts
var UNITS = {
  b: 1,
  kb: 1e3,
  mb: 1e3 ** 2,
  gb: 1e3 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3
};
function parseSizeLimit(value, input = "max-size-increase") {
  const v = value.trim();
  if (v === "") return null;
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
  if (pct) return { kind: "percent", percent: Number(pct[1]), text: v };
  const m = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(v);
  const unit = m ? UNITS[(m[2] ?? "").toLowerCase()] : void 0;
  if (!m || unit === void 0)
    throw new InputError(
      input,
      `${JSON.stringify(v.slice(0, 40))} is not a size; write bytes with a unit (500KiB, 10MB, 1GiB, 0B) or a percentage (5%)`
    );
  return { kind: "bytes", bytes: Math.round(Number(m[1]) * unit), text: v };
}
var PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
function compareReference(template, target, axes = {}) {
  return template.replace(PLACEHOLDER, (_m, name) => {
    const value = name === "target" ? target : Object.hasOwn(axes, name) ? axes[name] : void 0;
    if (value === void 0) {
      const known = ["target", ...Object.keys(axes)].join(", ");
      throw new InputError("compare-with", `{{${name}}} has no value for target ${target}; placeholders: ${known}`);
    }
    return value;
  });
}
function parseCompareInputs(read, push) {
  const raw = read("compare-with").trim();
  const maxSizeIncrease = parseSizeLimit(read("max-size-increase"));
  if (/^false$/i.test(raw)) {
    if (maxSizeIncrease) throw new InputError("max-size-increase", "needs an image to compare with, and compare-with is false");
    return { compareWith: "", previous: false, maxSizeIncrease };
  }
  if (raw === "") {
    if (maxSizeIncrease && !push)
      throw new InputError("max-size-increase", "needs an image to compare with: give compare-with (without push there is no previous tag)");
    return { compareWith: "", previous: push, maxSizeIncrease };
  }
  const ref = parseReference(raw.replace(PLACEHOLDER, "x"));
  if (!ref) throw new InputError("compare-with", `${JSON.stringify(raw.slice(0, 200))} is not an image reference (name[:tag][@digest])`);
  return { compareWith: raw, previous: false, maxSizeIncrease };
}
function targetAxes(combinations, matrixName) {
  if (!combinations || combinations.length === 0) return {};
  const names = uniqueTargetNames([...combinations], matrixName || void 0);
  return Object.fromEntries(names.map((n, i) => [n, combinations[i] ?? {}]));
}
function checkComparePlaceholders(template, axes) {
  if (!template) return;
  const targets = Object.entries(axes);
  if (targets.length === 0) compareReference(template, "default");
  for (const [target, values] of targets) {
    const ref = compareReference(template, target, values);
    if (!parseReference(ref))
      throw new InputError("compare-with", `${JSON.stringify(ref.slice(0, 200))} (target ${target}) is not an image reference`);
  }
}

// src/inputs/capabilities.ts
function checkCall(call, where) {
  if (call.name === "build") return;
  if (where.merge) throw new InputError("call", `${call.name} asks the Dockerfile frontend; mode: merge builds nothing from a Dockerfile`);
  if (where.platformSplit) throw new InputError("call", `${call.name} builds nothing to split; drop platform-split`);
  if (where.depotOnly)
    throw new InputError(
      "call",
      `${call.name} needs buildx's --call, which the depot CLI does not have; use engine: buildx or auto, or depot-fallback: true`
    );
}
function checkAgainstCapabilities(s, caps, kind = "build") {
  const callMin = CALL_MIN_BUILDX[kind];
  if (s.call.name !== "build" && !versionAtLeast(caps.buildxVersion, callMin)) {
    throw new InputError(
      "call",
      `${s.call.name} needs buildx ${callMin} or later for ${kind} --call; this buildx is ${caps.buildxVersion || "of unknown version"}`
    );
  }
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
  if (s.load && s.push && (s.files.length > 0 || s.targets.length > 0) && !versionAtLeast(caps.buildxVersion, "0.14.0")) {
    throw new InputError(
      "load",
      `buildx ${caps.buildxVersion} bakes keep only one of push and load (the image is loaded and not pushed); use a newer buildx (buildx-version), or give each target its outputs in the definition`
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

// src/inputs/depot-inputs.ts
var DEPOT_BUILD_PLATFORMS = ["dynamic", "linux/amd64", "linux/arm64"];
function aliased(read, ours) {
  const depots = depotAliasOf(ours);
  const a = read(ours).trim();
  const b = read(depots).trim();
  if (a && b && a !== b) throw new InputError(depots, `is Depot's name for ${ours}; both are given, with different values: give one`);
  return a ? { value: a, input: ours } : { value: b, input: b ? depots : ours };
}
function aliasedBool(read, ours) {
  const depots = depotAliasOf(ours);
  const a = parseBool(read(ours), ours, false);
  const b = parseBool(read(depots), depots, false);
  return { value: a || b, input: b && !a ? depots : ours };
}
var LINT_SEVERITIES = ["info", "warn", "error", "none"];
function parseDepotInputs(read) {
  const project = aliased(read, "depot-project");
  const depotProject = project.value;
  if (depotProject && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(depotProject)) {
    throw new InputError(project.input, `${JSON.stringify(clip(depotProject))} is not a Depot project ID (letters, digits, '_' and '-')`);
  }
  const token = aliased(read, "depot-token");
  const depotToken2 = token.value;
  if (/\s/.test(depotToken2)) throw new InputError(token.input, "the token contains whitespace (value not shown)");
  const depotVersion = checkToolVersion(read("depot-version").trim() || "latest", "depot-version", "2.102.12");
  const depotDownloadUrl = checkHttpUrl(read("depot-download-url").trim(), "depot-download-url");
  const depotSha256 = checkPinnedSha256(read("depot-sha256"), "depot-sha256", depotVersion, "depot-version", "the archive's");
  const buildPlatform = aliased(read, "depot-build-platform");
  const depotBuildPlatform = buildPlatform.value;
  if (depotBuildPlatform && !DEPOT_BUILD_PLATFORMS.includes(depotBuildPlatform)) {
    throw new InputError(
      buildPlatform.input,
      `unknown value ${JSON.stringify(clip(depotBuildPlatform))}; expected one of ${DEPOT_BUILD_PLATFORMS.join(", ")}`
    );
  }
  const save = aliasedBool(read, "depot-save");
  const saveTagInputs = ["save-tag", "save-tags"].filter((n) => read(n).trim() !== "");
  const depotSaveTags = [
    ...parseList(read("save-tag"), "save-tag", { split: listSplit("save-tag") }),
    ...parseList(read("save-tags"), "save-tags", { split: listSplit("save-tags") })
  ];
  for (const t of depotSaveTags) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(t))
      throw new InputError(saveTagInputs[0] ?? "save-tags", `${JSON.stringify(clip(t))} is not a tag (letters, digits, '_', '.', '-')`);
  }
  if (depotSaveTags.length > 0 && !save.value)
    throw new InputError(saveTagInputs[0] ?? "save-tags", "tags the image saved to Depot's registry; it needs save: true");
  const depotLint = parseBool(read("lint"), "lint", false);
  const depotLintFailOn = read("lint-fail-on").trim();
  if (depotLintFailOn && !LINT_SEVERITIES.includes(depotLintFailOn))
    throw new InputError(
      "lint-fail-on",
      `unknown value ${JSON.stringify(clip(depotLintFailOn))}; expected one of ${LINT_SEVERITIES.join(", ")}`
    );
  if (depotLintFailOn && !depotLint) throw new InputError("lint-fail-on", "sets when lint fails the build; it needs lint: true");
  const depotSbomDir = read("sbom-dir").trim();
  const fallback = aliasedBool(read, "depot-fallback");
  const depotInputs = [
    ...depotProject ? [project.input] : [],
    ...depotBuildPlatform ? [buildPlatform.input] : [],
    ...save.value ? [save.input] : [],
    ...saveTagInputs,
    ...depotLint ? ["lint"] : [],
    ...depotSbomDir ? ["sbom-dir"] : [],
    // last: the inputs that say what to build on Depot name the problem first
    ...depotToken2 ? [token.input] : []
  ];
  return {
    depotProject,
    depotToken: depotToken2,
    depotVersion,
    depotDownloadUrl,
    depotSha256,
    depotFallback: fallback.value,
    depotBuildPlatform,
    depotSave: save.value,
    depotSaveTags,
    depotLint,
    depotLintFailOn,
    depotSbomDir,
    depotInputs
  };
}

// src/inputs/registry-auth.ts
var import_yaml2 = __toESM(require_dist(), 1);
var INPUT = "registry-auth";
var KEYS = ["registry", "username", "password", "ecr", "scope"];
var REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?$/;
var ECR_HOST = /^\d{12}\.(?:dkr\.ecr|dkr-ecr)\.[^.]+\.(?:on\.aws|amazonaws\.(?:com(?:\.cn)?|eu))$|public\.ecr\.aws|ecr-public\.aws\.com/;
var DOCKER_HUB = /* @__PURE__ */ new Set(["", "docker.io", "index.docker.io", "registry-1.docker.io"]);
function registryKey(registry) {
  const r = registry.toLowerCase();
  return DOCKER_HUB.has(r) ? "docker.io" : r;
}
var PUBLIC_KEYS = /* @__PURE__ */ new Set(["registry", "username", "ecr", "scope"]);
function passwordsAsGiven(text) {
  const found = /* @__PURE__ */ new Set();
  const add2 = (v, minLength = 1) => {
    const t = v.trim();
    if (t.length < minLength) return;
    found.add(t);
    const unquoted = t.replace(/^(["'])(.*)\1$/, "$2").replace(/^["']/, "").replace(/["']$/, "").trim();
    if (unquoted.length >= minLength) found.add(unquoted);
  };
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const pairs = [...line.matchAll(/(?:^|[\s{,[-])["']?([A-Za-z_][\w.-]*)["']?\s*:(?:\s+|$)/g)];
    pairs.forEach((m, n) => {
      const key = m[1] ?? "";
      if (PUBLIC_KEYS.has(key)) return;
      const rest = line.slice((m.index ?? 0) + m[0].length).trim();
      if (key !== "password" && /^(?:true|false|yes|no|on|off|null|~)$/i.test(rest)) return;
      const min = n === 0 ? 1 : 4;
      if (/^[|>][-+0-9]*$/.test(rest)) {
        const indent = /^\s*/.exec(line)?.[0].length ?? 0;
        const block = [];
        for (let j = i + 1; j < lines.length; j++) {
          const l = lines[j] ?? "";
          if (l.trim() && (/^\s*/.exec(l)?.[0].length ?? 0) <= indent) break;
          block.push(l.trim());
        }
        for (const b of block) add2(b);
        add2(block.filter(Boolean).join(rest.startsWith(">") ? " " : "\n"));
        return;
      }
      add2(rest, min);
      add2(rest.split(/[,}\]]/)[0] ?? "", min);
      add2(rest.replace(/\s*[}\]]\s*(?:,.*)?$/, "").replace(/\s*,\s*$/, ""), min);
    });
  }
  return [...found];
}
function parseRegistryAuth(text) {
  if (!text.trim()) return [];
  const doc = (0, import_yaml2.parseDocument)(text, { schema: "failsafe", uniqueKeys: true });
  if (doc.errors.length > 0) {
    const line = doc.errors[0]?.linePos?.[0]?.line;
    throw new InputError(
      INPUT,
      `is not valid YAML${line ? ` (line ${line})` : ""}: expected a list of entries with registry, username and password (the text is not shown: it holds passwords)`
    );
  }
  const list = doc.contents;
  if (!(0, import_yaml2.isSeq)(list)) {
    throw new InputError(
      INPUT,
      'expected a YAML list of entries (each "- registry: ...", "username: ...", "password: ..."), as docker/login-action reads it'
    );
  }
  const entries = list.items.map((item, i) => parseEntry(item, i + 1));
  const seen = /* @__PURE__ */ new Map();
  entries.forEach((e, i) => {
    const key = registryKey(e.registry);
    const first = seen.get(key);
    if (first !== void 0)
      throw new InputError(INPUT, `entries ${first} and ${i + 1} both log in to ${e.registry || "Docker Hub"}: one login per registry`);
    seen.set(key, i + 1);
  });
  return entries;
}
function parseEntry(item, n) {
  const where = `entry ${n}`;
  if (!(0, import_yaml2.isMap)(item)) throw new InputError(INPUT, `${where} is not a mapping of registry, username and password`);
  const fields2 = {};
  for (const pair of item.items) {
    const key = (0, import_yaml2.isScalar)(pair.key) ? String(pair.key.value) : "";
    if (!KEYS.includes(key)) {
      throw new InputError(
        INPUT,
        `${where}: unknown key ${JSON.stringify(clip(key, 40))} (known: ${KEYS.join(", ")}; logout is the logout input)`
      );
    }
    if (!(0, import_yaml2.isScalar)(pair.value) && pair.value !== null) throw new InputError(INPUT, `${where}: ${key} is not a single value`);
    fields2[key] = (0, import_yaml2.isScalar)(pair.value) ? String(pair.value.value ?? "") : "";
  }
  const registry = (fields2["registry"] ?? "").trim();
  const username = (fields2["username"] ?? "").trim();
  const password = (fields2["password"] ?? "").replace(/\r?\n$/, "");
  const name = registry || "Docker Hub";
  if (registry && !REGISTRY_HOST.test(registry)) {
    throw new InputError(
      INPUT,
      `${where}: registry ${JSON.stringify(clip(registry))} is not a registry host (host or host:port, e.g. ghcr.io, without https:// or a path)`
    );
  }
  const ecr = (fields2["ecr"] ?? "").trim().toLowerCase() || "auto";
  if (!["auto", "true", "false"].includes(ecr)) throw new InputError(INPUT, `${where} (${name}): ecr is not auto, true or false`);
  if (ecr === "true" || ecr === "auto" && ECR_HOST.test(registry) && username !== "AWS") {
    throw new InputError(
      INPUT,
      `${where} (${name}): logging in to ECR with AWS access keys is not built in; give username AWS and a token from \`aws ecr get-login-password\` (or aws-actions/amazon-ecr-login's output) as password, or log in with docker/login-action before this step`
    );
  }
  if ((fields2["scope"] ?? "").trim()) {
    throw new InputError(
      INPUT,
      `${where} (${name}): scope is not supported: this action logs in to the docker config every later step of the job reads; leave scope out, or log in with docker/login-action`
    );
  }
  if (!username && !password) throw new InputError(INPUT, `${where} (${name}): needs username and password`);
  if (!username) throw new InputError(INPUT, `${where} (${name}): has a password but no username`);
  if (!password)
    throw new InputError(
      INPUT,
      `${where} (${name}): password is empty for username ${JSON.stringify(clip(username))} (a secret that is not set in this repository reads as empty)`
    );
  if (/[\r\n]/.test(password)) throw new InputError(INPUT, `${where} (${name}): password contains a line break (value not shown)`);
  return { registry, username, password };
}

// src/inputs/login-inputs.ts
var REGISTRY_HOST2 = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?$/;
function parseLogin(read) {
  const registry = read("registry").trim();
  const username = read("username").trim();
  const password = read("password").replace(/\r?\n$/, "");
  if (registry && !REGISTRY_HOST2.test(registry)) {
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
function parseLoginOptions(read) {
  return {
    logout: parseBool(read("logout"), "logout", true),
    registryAuth: parseRegistryAuthInput(read),
    pushRetries: parsePushRetries(read)
  };
}
function parseRegistryAuthInput(read) {
  const entries = parseRegistryAuth(read("registry-auth"));
  const single = read("username").trim() ? registryKey(read("registry").trim()) : void 0;
  const clash = entries.findIndex((e) => registryKey(e.registry) === single);
  if (clash >= 0)
    throw new InputError(
      "registry-auth",
      `entry ${clash + 1} logs in to ${entries[clash]?.registry || "Docker Hub"}, which the registry, username and password inputs log in to already`
    );
  return entries;
}
var PUSH_RETRIES_MAX = 10;
function parsePushRetries(read) {
  const raw = read("push-retries").trim() || "2";
  if (!/^\d+$/.test(raw) || Number(raw) > PUSH_RETRIES_MAX)
    throw new InputError(
      "push-retries",
      `expected a whole number from 0 (no retries) to ${PUSH_RETRIES_MAX}, got ${JSON.stringify(clip(raw))}`
    );
  return Number(raw);
}

// src/inputs/many-builds.ts
var VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseBakeSource(read, list) {
  const source = read("source").trim();
  const workdir = read("workdir").trim();
  if (source && workdir && source !== workdir)
    throw new InputError("workdir", "is depot/bake-action's name for a local source; give source or workdir, not both");
  if (/[\r\n]/.test(source)) throw new InputError("source", "is one folder or one Git/HTTPS URL, not a list");
  const vars = parseKeyValues(list("vars"), "vars");
  for (const [k] of vars) {
    if (!VAR_NAME.test(k)) throw new InputError("vars", `${JSON.stringify(clip(k))} is not a bake variable name (letters, digits, '_')`);
  }
  const githubToken = read("github-token").trim().replace(/^\$\{\{.*\}\}$/, "");
  return {
    source: source || workdir,
    sourceInput: source ? "source" : workdir ? "workdir" : "",
    vars,
    githubToken
  };
}
function checkDigestEntry(entry, input, where) {
  const at = entry.lastIndexOf("@");
  const digest = at >= 0 ? entry.slice(at + 1) : entry;
  if (!DIGEST_RE.test(digest) || at >= 0 && !parseReference(entry)) {
    throw new InputError(input, `${where} ${JSON.stringify(clip(entry))} is not sha256:<64 hex> or repository@sha256:<64 hex>`);
  }
}
var INDEX_ANNOTATION = /^index:|^[^:=]+=/;
function indexAnnotations(values) {
  return values.filter((a) => INDEX_ANNOTATION.test(a)).map((a) => a.startsWith("index:") ? a : `index:${a}`);
}
var MERGE_REFUSAL = "is not used in merge mode, which builds nothing: it puts one manifest list together from digests (digests, digests-from) and applies tags and index annotations";
function refusal(entry, kind) {
  if (kind === "merge") return MERGE_REFUSAL;
  if (kind === "bake" && entry.bake)
    return `is for a single build or a matrix; with bake files (files, targets) each target's ${entry.bake.key} comes from the bake definition: set it there, or for every target with set: *.${entry.bake.key}=...`;
  if (!entry.reason) throw new Error(`internal: ${entry.name} is refused in ${kind} runs without a reason`);
  return entry.reason;
}
function checkModeInputs(mode, given) {
  for (const entry of INPUTS) {
    if (entry.refusedIn?.includes(mode) && given(entry.name)) throw new InputError(entry.name, refusal(entry, mode));
  }
}
function runKind(mode, hasMatrix, files, targets) {
  return mode === "merge" ? "merge" : hasMatrix ? "matrix" : files.length > 0 || targets.length > 0 ? "bake" : "build";
}
function parseManyBuilds(read, list, at) {
  const { mode, hasMatrix } = at;
  const files = list("files");
  const bakeSource = parseBakeSource(read, list);
  const targets = list("targets");
  for (const t of targets) {
    if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new InputError("targets", `${JSON.stringify(clip(t))} is not a bake target name`);
  }
  if (hasMatrix && files.length > 0) throw new InputError("matrix", "give a matrix or bake files, not both");
  if (hasMatrix && targets.length > 0)
    throw new InputError("targets", "the matrix names its own targets (matrix-name); drop targets or the matrix");
  if (hasMatrix && bakeSource.sourceInput)
    throw new InputError(bakeSource.sourceInput, "the matrix generates its own bake definition; give a matrix or a bake source, not both");
  if (hasMatrix && bakeSource.vars.length > 0) throw new InputError("vars", "are bake variables; the matrix sets build args (build-args)");
  if (mode !== "merge" && !hasMatrix && files.length === 0 && targets.length === 0 && (bakeSource.source || bakeSource.vars.length > 0))
    targets.push("default");
  checkModeInputs(runKind(mode, hasMatrix, files, targets), at.given);
  return { files, targets, ...bakeSource };
}
function parseMaxParallel(read) {
  const maxParallelRaw = read("max-parallel").trim() || "4";
  if (!/^\d+$/.test(maxParallelRaw) || Number(maxParallelRaw) < 1 || Number(maxParallelRaw) > 64) {
    throw new InputError("max-parallel", `expected a whole number from 1 to 64, got ${JSON.stringify(clip(maxParallelRaw))}`);
  }
  return Number(maxParallelRaw);
}
function parseMergeSources(list, at) {
  const digests = list("digests");
  digests.forEach((d, i) => checkDigestEntry(d, "digests", `entry ${i + 1}`));
  const digestsFrom = list("digests-from");
  if (at.mode === "merge") {
    if (digests.length === 0 && digestsFrom.length === 0)
      throw new InputError("digests", "merge mode needs the digests to merge (digests or digests-from)");
    if (at.tags.length === 0) throw new InputError("tags", "merge mode needs at least one tag to apply to the merged manifest list");
    const notIndex = list("annotations").find((a) => !INDEX_ANNOTATION.test(a));
    if (notIndex !== void 0)
      throw new InputError(
        "annotations",
        `merge mode annotates the manifest list only; ${JSON.stringify(clip(notIndex))} is not key=value or index:key=value`
      );
  } else if (digests.length > 0 || digestsFrom.length > 0) {
    throw new InputError("digests", "digests are only read in merge mode (mode: merge)");
  }
  return { digests, digestsFrom };
}
function parsePlatformSplit(bool, s) {
  const platformSplit = bool("platform-split", false);
  if (platformSplit && s.platforms.length < 2) throw new InputError("platform-split", "needs at least two platforms");
  if (platformSplit && !s.push) throw new InputError("platform-split", "pushes each platform by digest, so it needs push: true");
  if (platformSplit && (s.files.length > 0 || s.targets.length > 0 || s.hasMatrix))
    throw new InputError(
      "platform-split",
      "works on a single build; bake files and matrix targets build all their platforms in one invocation"
    );
  if (platformSplit && s.load) throw new InputError("platform-split", "pushes by digest and cannot load; drop load");
  if (platformSplit && s.tags.length === 0)
    throw new InputError("tags", "platform-split needs at least one tag for the merged manifest list");
  return platformSplit;
}

// src/inputs/setup-inputs.ts
var DRIVERS = ["docker", "docker-container", "remote", "kubernetes"];
var ENGINES = ["auto", "buildx", "depot"];
var MODES = ["build", "merge"];
var PLAN_INPUTS = ["image", "runners", "default-runner"];
function parseRunBasics(read) {
  const mode = oneOf(read("mode"), MODES, "mode", "build");
  for (const input of PLAN_INPUTS) {
    if (read(input).trim() !== "") throw new InputError(input, "is read in plan mode only (mode: plan, the release workflow's first job)");
  }
  const engine = oneOf(read("engine"), ENGINES, "engine", "auto");
  const driver = oneOf(read("driver"), DRIVERS, "driver", "docker");
  return { mode, engine, driver };
}
function parseBuilder(read, driver) {
  const buildxVersion = checkToolVersion(read("buildx-version").trim(), "buildx-version", "0.29.1");
  const buildxDownloadUrl = checkHttpUrl(read("buildx-download-url").trim(), "buildx-download-url");
  const buildxSha256 = checkPinnedSha256(read("buildx-sha256"), "buildx-sha256", buildxVersion, "buildx-version", "the binary's");
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
  return { buildxVersion, buildxDownloadUrl, buildxSha256, builder, builderScope, endpoint, buildkitdConfig, buildkitdConfigInline };
}
function parseBuilderOptions(read) {
  const list = (name) => parseList(read(name), name, { split: listSplit(name) });
  return {
    driverGiven: read("driver").trim() !== "",
    driverOpts: list("driver-opts"),
    buildkitdFlags: read("buildkitd-flags").trim(),
    builderPlatforms: checkPlatforms(list("builder-platforms"), "builder-platforms"),
    keepBuilder: parseBool(read("keep-builder"), "keep-builder", false),
    allowForkCacheWrite: parseBool(read("allow-fork-cache-write"), "allow-fork-cache-write", false)
  };
}

// src/inputs/settings.ts
import path from "node:path";
function dockerfilePath(s) {
  if (isRemoteContext(s.context)) return remoteDockerfile(s.context, s.file);
  return s.file || path.join(s.context, "Dockerfile");
}

// src/inputs/parse.ts
var MAX_INPUT_LENGTH = 64 * 1024;
function limitedReader(readRaw) {
  return (name) => {
    const v = readRaw(name);
    if (v.length > MAX_INPUT_LENGTH) throw new InputError(name, `value is ${v.length} characters; the limit is ${MAX_INPUT_LENGTH}`);
    if (v.includes("\0")) throw new InputError(name, "value contains a NUL character");
    return v;
  };
}
function parseInputs(readRaw, run2 = {}) {
  const read = limitedReader(readRaw);
  const bool = (name, dflt) => parseBool(read(name), name, dflt);
  const list = (name) => parseList(read(name), name, { split: listSplit(name) });
  const { mode, engine, driver } = parseRunBasics(read);
  const builder = parseBuilder(read, driver);
  const destination = parseDestination(bool, list);
  const { platforms, push, load } = destination;
  const matrix = read("matrix");
  const hasMatrix = matrix.trim() !== "";
  const tags = checkTags(list("tags"), "tags", hasMatrix);
  const { context, defaultContext } = parseContext(read, run2);
  const switches = envSwitches(run2.env ?? {});
  const buildRecordUpload = bool("build-record-upload", true) && switches.buildRecordUpload;
  const many = parseManyBuilds(read, list, {
    mode,
    hasMatrix,
    given: (name) => {
      const v = read(name).trim();
      if (name === "context") return v !== "" && v !== ".";
      return inputEntry(name)?.kind === "boolean" ? /^true$/i.test(v) : v !== "";
    }
  });
  const { files, targets } = many;
  checkPushByDigest({ ...destination, tags });
  const maxParallel = parseMaxParallel(read);
  const merge = parseMergeSources(list, { mode, tags });
  const platformSplit = parsePlatformSplit(bool, { platforms, push, load, tags, files, targets, hasMatrix });
  const call = parseCall(read("call"));
  checkCall(call, {
    merge: mode === "merge",
    platformSplit,
    depotOnly: engine === "depot" && !parseBool(read("depot-fallback"), "depot-fallback", false)
  });
  const secrets = parseBuildSecrets(read, list, {
    context,
    defaultContext,
    githubToken: many.githubToken,
    singleOrMatrix: mode === "build" && files.length === 0 && targets.length === 0,
    run: run2
  });
  return {
    mode,
    engine,
    driver,
    ...builder,
    ...parseBuilderOptions(read),
    context,
    defaultContext,
    tags,
    ...destination,
    ...secrets,
    ...parseBuildOptions(read, bool, list),
    ...many,
    set: list("set"),
    matrix,
    matrixName: read("matrix-name").trim(),
    platformSplit,
    maxParallel,
    ...merge,
    baseAnnotations: bool("base-annotations", false),
    summary: bool("summary", true) && switches.buildSummary,
    call,
    noDefaultAttestations: switches.noDefaultAttestations,
    buildRecordUpload,
    buildRecordRetentionDays: buildRecordUpload ? recordRetentionDays(run2.env ?? {}) : 0,
    ...parseDepotInputs(read),
    login: parseLogin(read),
    sign: parseSignInputs(read, {
      push,
      pushByDigest: destination.pushByDigest,
      mode,
      oidc: Boolean(run2.env?.["ACTIONS_ID_TOKEN_REQUEST_URL"] && run2.env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"]),
      fork: forkOf(run2.env?.["GITHUB_EVENT_NAME"] ?? "", run2.event)
    }),
    ...parseLoginOptions(read),
    compare: parseCompareInputs(read, push && !destination.pushByDigest && mode === "build")
  };
}

// src/inputs/plan.ts
import path2 from "node:path";
function planRun(parsed, facts) {
  const cache = cacheToForRun(parsed.cacheTo, facts.fork, parsed.allowForkCacheWrite);
  const settings = { ...parsed, cacheTo: cache.cacheTo };
  const denyCacheExports = parsed.allowForkCacheWrite ? "" : facts.fork;
  const kind = kindOf(parsed);
  const buildsOneDockerfile = kind === "single" || kind === "split";
  const repository = parseReference(parsed.tags[0] ?? "")?.name ?? "";
  const common = {
    settings,
    tags: parsed.tags,
    denyCacheExports,
    fork: facts.fork,
    scopedBuilder: scopedBuilderName(parsed.builderScope, facts.scopeEnv, denyCacheExports),
    repository,
    dockerfile: dockerfilePath(parsed),
    warnings: [...parsed.secretWarnings, ...cache.warning ? [cache.warning] : []],
    resolveBase: parsed.baseAnnotations && buildsOneDockerfile,
    reports: { dockerfileBase: buildsOneDockerfile }
  };
  switch (kind) {
    case "merge":
      return { ...common, kind, sources: mergeSources(parsed, repository, facts) };
    case "matrix":
      return { ...common, kind, ...matrixBake(settings, facts.cwd) };
    case "bake":
      return { ...common, kind, files: parsed.files, targets: parsed.targets, set: parsed.set, allow: parsed.allow };
    case "split":
      return { ...common, kind, platforms: parsed.platforms };
    case "single":
      return { ...common, kind };
  }
}
function kindOf(s) {
  if (s.mode === "merge") return "merge";
  if (s.matrix.trim()) return "matrix";
  if (s.files.length > 0 || s.targets.length > 0) return "bake";
  return s.platformSplit ? "split" : "single";
}
function mergeSources(s, repository, facts) {
  const fromFiles = facts.digestFiles.flatMap(
    ({ file, text }) => text.split(/\r?\n/).flatMap((raw, i) => {
      const line = raw.trim();
      if (!line) return [];
      checkDigestEntry(line, "digests-from", `${file} line ${i + 1}:`);
      return [line];
    })
  );
  return [...s.digests, ...fromFiles].map((d) => d.includes("@") ? d : `${repository}@${d}`);
}
function keyValueRecord(entries) {
  return Object.fromEntries(entries.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}
function matrixBaseTarget(s, remote, resolve) {
  const base = {};
  for (const { name, setting, bake: bake2 } of INPUTS) {
    if (!bake2?.field || !setting || name === "tags") continue;
    const value = s[setting];
    if (name === "context") base[bake2.field] = remote ? s.context : resolve(s.context);
    else if (name === "file") {
      if (s.file) base[bake2.field] = remote ? s.file : resolve(s.file);
    } else if (name === "build-args") base[bake2.field] = Object.fromEntries(s.buildArgs);
    else if (Array.isArray(value)) {
      if (value.length > 0) base[bake2.field] = bake2.key.endsWith(".NAME") ? keyValueRecord(value) : value;
    } else if (value) base[bake2.field] = value;
  }
  return base;
}
function matrixBake(s, cwd) {
  const combinations = expandMatrix(parseMatrix(s.matrix));
  const resolve = (p) => path2.resolve(cwd, p);
  const remote = isRemoteContext(s.context);
  const base = matrixBaseTarget(s, remote, resolve);
  const definition = matrixToBake(combinations, base, { tagTemplates: s.tags, ...s.matrixName ? { nameTemplate: s.matrixName } : {} });
  const allow = [...s.allow, ...remote ? [] : [`fs.read=${resolve(s.context)}`], ...sshEntitlements(s.ssh, resolve)];
  return { combinations, definition, targets: Object.keys(definition.target), set: s.set, allow };
}
function withBaseAnnotations(plan, base) {
  const s = plan.settings;
  return { ...plan, settings: { ...s, annotations: [...s.annotations, ...baseAnnotationArgs(base, s.platforms)] } };
}
function buildsOneImage(plan) {
  return plan.kind !== "bake" && plan.kind !== "matrix";
}

// src/action/checks.ts
import { existsSync as existsSync4, readFileSync as readFileSync3, statSync as statSync3 } from "node:fs";
import path8 from "node:path";

// src/buildx/build.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path5 from "node:path";

// src/oci/merged-index.ts
function createdIndex(dryRunStdout) {
  const bytes = dryRunStdout.endsWith("\n") ? dryRunStdout.slice(0, -1) : dryRunStdout;
  const doc = parseManifestJson(bytes, "imagetools create --dry-run");
  return { digest: sha256Digest(bytes), mediaType: doc.mediaType ?? "", doc };
}
function mergeMismatch(created, sources) {
  const only = sources[0];
  if (sources.length === 1 && only && created.digest === only.digest) return "";
  if (!isIndex(created.doc)) return `imagetools create made a manifest (${created.digest}), not an index of the ${sources.length} source(s)`;
  const expected = new Set(sources.flatMap((s) => isIndex(s.doc) ? s.doc.manifests.map((d) => d.digest) : [s.digest]));
  const listed = created.doc.manifests.map((d) => d.digest);
  const extra = listed.filter((d) => !expected.has(d));
  const missing = [...expected].filter((d) => !listed.includes(d));
  if (extra.length === 0 && missing.length === 0 && new Set(listed).size === listed.length) return "";
  const parts = [
    ...extra.length ? [`lists ${extra.join(", ")}, which no source holds`] : [],
    ...missing.length ? [`misses ${missing.join(", ")}`] : [],
    ...new Set(listed).size !== listed.length ? ["lists an entry twice"] : []
  ];
  return `the index imagetools create made (${created.digest}) ${parts.join("; ")}`;
}

// src/buildx/build-error.ts
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
var FINAL_PUSH_ERROR = /\b(?:40[0-4]|405|409|41[0-5]|422)\b(?: [A-Z][a-z]+)*|\bunauthorized\b|authentication required|\bdenied\b|forbidden|\bnot found\b|name unknown|name invalid|manifest (?:invalid|unknown|blob unknown|unverified)|blob unknown|digest invalid|size invalid|tag invalid|unsupported|insufficient_scope|x509|certificate/i;
var TRANSIENT_PUSH_ERROR = /\b5\d\d\b|\b429\b|too many requests|toomanyrequests|\bunavailable\b|internal server error|bad gateway|service unavailable|gateway time-?out|\bEOF\b|connection reset|broken pipe|connection refused|i\/o timeout|timeout awaiting|TLS handshake timeout|deadline exceeded|server closed|http2: .*(?:GOAWAY|stream error)|unknown: unknown error/i;
var BUILDX_PUSH_FAILURE = /^ERROR: (?:(?:failed to build|failed to solve|target [^\s:]+): )*failed to push /;
function classifyPushFailure(log) {
  const last = log.split("\n").map((l) => l.replace(/\r$/, "")).reverse().find((l) => /^ERROR: /.test(l));
  if (!last) return void 0;
  const own = BUILDX_PUSH_FAILURE.exec(last);
  if (!own) return void 0;
  const reason = last.slice(own[0].length - "failed to push ".length).replace(/"https?:\/\/[^"]*"/g, '"<url>"').replace(/https?:\/\/\S+?(?=:? |$)/g, "<url>").replace(/"[a-z]+-sha256:[0-9a-f]{64}"/g, '"<ref>"');
  const cause = reason.replace(/^failed to push \S+?: /, "");
  if (FINAL_PUSH_ERROR.test(cause)) return { transient: false, reason };
  return { transient: TRANSIENT_PUSH_ERROR.test(cause), reason };
}

// src/buildx/log.ts
async function relayOutput(prefix, start, watch) {
  const lines = [];
  const relay = async (write) => {
    const r = await start((line) => {
      lines.push(line);
      if (lines.length > 400) lines.shift();
      watch?.(line);
      for (const part of line.split("\r")) write(prefix ? `[${prefix}] ${part}` : part);
    });
    return { code: r.code, log: lines.join("\n") };
  };
  return prefix ? relay(info) : withCommandsStopped(relay);
}
function buildxCommandLine(args) {
  return `buildx ${commandLine(args)}`;
}

// src/buildx/results.ts
import { existsSync, readFileSync } from "node:fs";
function warningsIn(v) {
  return Array.isArray(v) ? v : [];
}
var REMOTE_CONTEXT = /^[a-z]+:\/\/|^git@|^github\.com\//;
function localDockerfile(s, dockerfile) {
  return REMOTE_CONTEXT.test(s.context) ? void 0 : dockerfile;
}
function printedDockerfile(def) {
  const dockerfile = def.dockerfile ?? "Dockerfile";
  if (dockerfile.startsWith("/")) return dockerfile;
  const context = def.context ?? ".";
  if (REMOTE_CONTEXT.test(context)) return void 0;
  return context === "." ? dockerfile : `${context.replace(/\/+$/, "")}/${dockerfile}`;
}
function readJson(file) {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf8").trim();
  return text ? JSON.parse(text) : {};
}
function str(v) {
  return typeof v === "string" ? v : "";
}
function exportsOf(outputs) {
  return outputs.flatMap((o) => {
    if (!o.includes("=")) return [{ type: "local", dest: o }];
    const fields2 = Object.fromEntries(o.split(",").map((f) => [f.slice(0, f.indexOf("=")).trim(), f.slice(f.indexOf("=") + 1)]));
    return fields2["dest"] ? [{ type: fields2["type"] ?? "", dest: fields2["dest"] }] : [];
  });
}
function loadsViaOutputs(outputs) {
  return outputs.some((o) => /(^|,)type=docker(,|$)/.test(o));
}
function pushesViaOutputs(outputs) {
  return outputs.some((o) => /(^|,)type=registry(,|$)/.test(o) || /(^|,)type=image(,|$)/.test(o) && /(^|,)push=true(,|$)/.test(o));
}
function singleResult(s, dockerfile, metadataFile, iidFile, pushedByDigest) {
  const metadata = readJson(metadataFile);
  return {
    target: s.target || "default",
    tags: pushedByDigest ? [] : s.tags,
    platforms: s.platforms,
    metadata,
    // files, not an image (local, tar): no image ID, as docker/build-push-action reports it
    imageId: hasLocalOrTarOutput(s.outputs) ? "" : existsSync(iidFile) ? readFileSync(iidFile, "utf8").trim() : str(metadata["containerimage.config.digest"]),
    digest: str(metadata["containerimage.digest"]),
    pushed: s.push || pushesViaOutputs(s.outputs),
    loaded: s.load || loadsViaOutputs(s.outputs),
    exports: exportsOf(s.outputs),
    ...withDockerfile(localDockerfile(s, dockerfile)),
    buildWarnings: warningsIn(metadata["buildx.build.warnings"])
  };
}
function bakeResults(s, all, printed, skipKeys) {
  const bakeWarnings = warningsIn(all["buildx.build.warnings"]);
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
      exports: exportsOf(outputs),
      ...withDockerfile(printedDockerfile(def)),
      buildWarnings: bakeWarnings
    };
  });
}
function withDockerfile(dockerfile) {
  return dockerfile ? { dockerfile } : {};
}
function platformResult(target, platform, metadata) {
  return {
    target: `${target || "default"}@${platform}`,
    tags: [],
    platforms: [platform],
    metadata,
    imageId: str(metadata["containerimage.config.digest"]),
    digest: str(metadata["containerimage.digest"]),
    pushed: true,
    loaded: false,
    exports: [],
    buildWarnings: warningsIn(metadata["buildx.build.warnings"])
  };
}
function mergeResult(tags, descriptor) {
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

// src/inputs/bake-source.ts
var DEFAULT_BAKE_FILES = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yml",
  "docker-compose.yaml",
  "docker-bake.json",
  "docker-bake.hcl",
  "docker-bake.override.json",
  "docker-bake.override.hcl"
];
function isRemoteRef(v) {
  return /^(https?|git|ssh):\/\/|^git@|^github\.com\//.test(v);
}
var CWD_PREFIX = "cwd://";
function defaultGitContext2(env) {
  return defaultGitContext({ env }) || void 0;
}
function expandSource(source, defaultContext) {
  if (!/\{\{\s*defaultContext\s*\}\}/.test(source)) return source;
  return defaultContext === void 0 ? source : source.replace(/\{\{\s*defaultContext\s*\}\}/g, defaultContext);
}
function chooseBakeSource(f) {
  if (f.matrix) return { kind: "local", dir: ".", why: "the matrix's generated definition" };
  const source = expandSource(f.source, f.defaultContext);
  if (source) {
    if (isRemoteRef(source)) return { kind: "remote", ref: source, why: "source input" };
    return { kind: "local", dir: source, why: "source input" };
  }
  if (f.definitionHere || f.engine === "depot" || f.defaultContext === void 0) {
    return { kind: "local", dir: ".", why: f.definitionHere ? "the definition is in the working directory" : "the working directory" };
  }
  return { kind: "remote", ref: f.defaultContext, why: "no definition in the working directory: the Git context of the run's commit" };
}
function bakeFiles(files, source) {
  if (source.kind === "local") return files;
  return files.map((f) => f.startsWith("/") ? `${CWD_PREFIX}${f}` : f);
}
function localFilePath(file, source) {
  if (file.startsWith(CWD_PREFIX)) return file.slice(CWD_PREFIX.length);
  return source.kind === "local" ? file : "";
}
function bakeVarArgs(vars, buildxVersion) {
  if (!versionAtLeast(buildxVersion, "0.31.0")) return [];
  return vars.flatMap(([k, v]) => ["--var", `${k}=${v}`]);
}
function bakeVarEnv(vars, buildxVersion) {
  if (versionAtLeast(buildxVersion, "0.31.0")) return {};
  return Object.fromEntries(vars);
}
function bakeEnv(vars, buildxVersion, source, githubToken) {
  return {
    ...bakeVarEnv(vars, buildxVersion),
    ...source.kind === "remote" && githubToken ? { BUILDX_BAKE_GIT_AUTH_TOKEN: githubToken } : {}
  };
}
function remoteBakeSource(s, env = {}) {
  const source = expandSource(s.source, defaultGitContext2(env));
  return source && isRemoteRef(source) ? `the bake definition is remote (source ${source})` : void 0;
}

// src/buildx/bake-source.ts
import { existsSync as existsSync2, realpathSync, statSync } from "node:fs";
import path4 from "node:path";

// src/buildx/entitlements.ts
import path3 from "node:path";
function isLocal(p) {
  return !/^(https?|git|ssh):\/\/|^git@|^github\.com\/|^target:|^docker-image:|^oci-layout:/.test(p);
}
function fields(entry) {
  if (typeof entry === "object" && entry !== null) {
    const out2 = {};
    for (const [k, v] of Object.entries(entry)) {
      if (typeof v === "string") out2[k] = v;
      else if (Array.isArray(v)) out2[k] = v.filter((x) => typeof x === "string").join(",");
    }
    return out2;
  }
  if (typeof entry !== "string") return {};
  const out = {};
  for (const part of entry.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
function outputNeed(entry) {
  if (typeof entry === "string" && !entry.includes("=")) return entry && entry !== "-" ? { dir: entry } : {};
  const f = fields(entry);
  const dest = f["dest"] ?? "";
  if (!dest || dest === "-") return {};
  const tar = f["tar"] === void 0 ? true : !/^(false|0)$/i.test(f["tar"]);
  switch (f["type"]) {
    case "local":
      return { dir: dest };
    case "tar":
      return { file: dest };
    case "oci":
    case "docker":
      return tar ? { file: dest } : { dir: dest };
    default:
      return {};
  }
}
function bakeFsNeeds(targets, cwd) {
  const needs = [];
  let ssh = false;
  const abs = (p) => path3.resolve(cwd, p.replace(/^cwd:\/\//, ""));
  for (const [name, t] of Object.entries(targets)) {
    const read = (p, what) => needs.push({ access: "read", path: abs(p), why: `${what} of target ${name}` });
    const context = t.context ?? ".";
    if (isLocal(context)) {
      read(context, "context");
      if (t.dockerfile && !t["dockerfile-inline"] && isLocal(t.dockerfile)) {
        read(path3.resolve(abs(context), t.dockerfile.replace(/^cwd:\/\//, "")), "Dockerfile");
      }
    }
    for (const [k, v] of Object.entries(t.contexts ?? {})) if (isLocal(v)) read(v, `context ${k}`);
    for (const c of t["cache-from"] ?? []) {
      const f = fields(c);
      if (f["type"] === "local" && f["src"]) read(f["src"], "cache-from");
    }
    for (const c of t["cache-to"] ?? []) {
      const f = fields(c);
      if (f["type"] === "local" && f["dest"]) needs.push({ access: "write", path: abs(f["dest"]), why: `cache-to of target ${name}` });
    }
    for (const s of t.secret ?? []) {
      const f = fields(s);
      const src = f["src"] ?? f["source"];
      if (src && f["type"] !== "env") read(src, `secret ${f["id"] ?? ""}`.trim());
    }
    for (const s of t.ssh ?? []) {
      let paths;
      if (typeof s === "string") {
        const eq = s.indexOf("=");
        paths = eq < 0 ? [] : s.slice(eq + 1).split(",");
      } else paths = (fields(s)["paths"] ?? "").split(",");
      paths = paths.filter(Boolean);
      if (paths.length === 0) ssh = true;
      for (const p of paths) read(p, "ssh key");
    }
    for (const o of t.output ?? []) {
      const { dir, file } = outputNeed(o);
      if (dir) needs.push({ access: "write", path: abs(dir), why: `output of target ${name}` });
      if (file) needs.push({ access: "write", path: path3.dirname(abs(file)), why: `output file ${path3.basename(file)} of target ${name}` });
    }
  }
  return { needs, ssh };
}
function targetEntitlements(targets) {
  const asked = /* @__PURE__ */ new Map();
  for (const [name, t] of Object.entries(targets))
    for (const e of t.entitlements ?? []) if (typeof e === "string" && e) asked.set(e, [...asked.get(e) ?? [], name]);
  return asked;
}
function within(p, parent) {
  return p === parent || parent === "/" || p.startsWith(parent.endsWith("/") ? parent : `${parent}/`);
}
function entryGrants(entry, need, cwd, real) {
  const m = /^fs(?:\.(read|write))?=(.+)$/.exec(entry.trim());
  if (!m?.[2]) return false;
  if (m[1] && m[1] !== need.access) return false;
  return m[2] === "*" || within(need.path, real(path3.resolve(cwd, m[2])));
}
function bakeAllow(r) {
  const root = r.real(r.cwd);
  const outside = r.needs.map((n) => ({ ...n, path: r.real(n.path) })).filter((n) => !within(n.path, root));
  const askedSsh = r.allow.some((a) => a.trim() === "ssh");
  const own = r.own.map((f) => `fs.read=${f}`);
  if (!r.fork) {
    return { allow: [.../* @__PURE__ */ new Set(["fs=*", ...r.allow])], outside, refused: [], sshNotAsked: r.ssh && !askedSsh };
  }
  const granted = [...own, ...r.allow];
  const refused = outside.filter((n) => !granted.some((g) => entryGrants(g, n, r.cwd, r.real))).map((n) => `fs.${n.access}=${n.path} (${n.why})`);
  if (r.ssh && !askedSsh) refused.push("ssh (a target forwards the default ssh agent)");
  for (const [e, names] of r.asked ?? []) if (!granted.includes(e)) refused.push(`${e} (entitlements of target ${names.join(", ")})`);
  return { allow: [...new Set(granted)], outside, refused: [...new Set(refused)], sshNotAsked: false };
}

// src/buildx/bake-source.ts
function bakes(s) {
  return s.files.length > 0 || s.targets.length > 0 || s.source !== "";
}
function resolveBakeSource(s, engine, env = process.env) {
  const defaultContext = defaultGitContext2(env);
  const plain = s.files.filter((f) => !f.startsWith(CWD_PREFIX));
  const definitionHere = plain.length > 0 ? plain.every((f) => existsSync2(f)) : s.files.length === 0 && DEFAULT_BAKE_FILES.some((f) => existsSync2(f));
  const source = chooseBakeSource({ source: s.source, matrix: s.matrix.trim() !== "", defaultContext, definitionHere, engine });
  const input = s.sourceInput || "source";
  if (source.kind === "local") {
    let dir = false;
    try {
      dir = statSync(source.dir).isDirectory();
    } catch {
      dir = false;
    }
    if (!dir) throw new InputError(input, `${source.dir} does not exist or is not a directory (resolved from ${process.cwd()})`);
  } else if (engine === "depot") {
    throw new InputError(input, `depot bake reads a local definition; ${source.ref} is remote (check the repository out and use source: .)`);
  }
  if (!s.matrix.trim()) {
    const base = source.kind === "local" ? source.dir : ".";
    for (const f of s.files) {
      const local = localFilePath(f, source);
      if (local && !existsSync2(path4.resolve(base, local))) {
        throw new InputError("files", `${f} does not exist (resolved from ${path4.resolve(base)})`);
      }
    }
  }
  return source;
}
function checkBakeSource(s, engine) {
  if (bakes(s)) resolveBakeSource(s, engine);
}
function existing(p) {
  for (let cur = path4.resolve(p); ; cur = path4.dirname(cur)) {
    try {
      return realpathSync(cur);
    } catch {
      if (path4.dirname(cur) === cur) return p;
    }
  }
}
function depotBakeSite(s, env) {
  const source = resolveBakeSource(s, "depot", env);
  return { cwd: source.kind === "local" ? source.dir : ".", env: { ...env, ...Object.fromEntries(s.vars) } };
}
function bakeSite(s, buildxVersion, env = process.env) {
  const source = inQueryForm(resolveBakeSource(s, "buildx", env), buildxVersion, env);
  info(
    source.kind === "remote" ? `bake definition: ${source.ref} (${source.why})` : `bake definition: ${path4.resolve(source.dir)} (${source.why})`
  );
  return {
    files: (files) => bakeFiles(files, source),
    targets: (targets) => source.kind === "remote" ? [source.ref, ...targets] : targets,
    run: {
      cwd: path4.resolve(source.kind === "local" ? source.dir : "."),
      env: { ...env, ...bakeEnv(s.vars, buildxVersion, source, s.githubToken) }
    }
  };
}
function inQueryForm(source, buildxVersion, env) {
  if (source.kind !== "remote" || !gitQueryForm(env, buildxVersion)) return source;
  return { ...source, ref: queryFormOf(source.ref, defaultGitContext2(env) ?? "") };
}
function grantFromDefinition(targets, cwd, allow, buildxVersion, trust) {
  const definition = targets;
  const { needs, ssh } = bakeFsNeeds(definition, cwd);
  const asked = targetEntitlements(definition);
  const r = bakeAllow({ needs, ssh, asked, cwd, allow, own: trust.own, fork: trust.fork, real: existing });
  if (r.refused.length > 0)
    throw new InputError(
      "allow",
      `this run was started by a pull request from the fork ${trust.fork}: its bake definition gets only what allow grants, and it needs ${r.refused.join("; ")}; nothing was built (name the entitlement in allow to grant it)`
    );
  if (r.sshNotAsked) info("the definition forwards the default ssh agent: not granted (add ssh to allow to grant it)");
  if (!versionAtLeast(buildxVersion, "0.19.0")) return allow;
  const why = [...new Set(r.outside.map((n) => `${n.access} ${n.path} (${n.why})`))];
  if (trust.fork) info(`granted only allow (a run from the fork ${trust.fork}): ${r.allow.join(", ") || "nothing"}`);
  else
    info(`granted fs=* (a trusted run, as docker/bake-action grants it)${why.length > 0 ? `; outside ${cwd}: ${why.join(", ")}` : ""}`);
  return r.allow;
}

// src/buildx/build.ts
function pushBackoffMs(attempt) {
  return Math.min(2e3 * 2 ** (attempt - 1), 3e4);
}
function fromCache(s) {
  return { ...s, noCache: false, noCacheFilters: [] };
}
async function buildWithPushRetries(s, env, what, argsFor, prefix, run2 = {}) {
  const attempts = s.pushRetries + 1;
  const label = prefix ? `[${prefix}] ` : "";
  for (let attempt = 1; ; attempt++) {
    const args = argsFor(attempt === 1 ? s : fromCache(s));
    if (attempt > 1) info(`${label}push attempt ${attempt} of ${attempts}, from the build cache: ${buildxCommandLine(args)}`);
    else info(`${label}${buildxCommandLine(args)}`);
    const { code, log } = await streamed(env, args, prefix, run2);
    if (code === 0) {
      if (attempt > 1) info(`${label}${what}: pushed on attempt ${attempt} of ${attempts}`);
      return { code, log, attempts: attempt };
    }
    const failure2 = classifyPushFailure(log);
    if (!failure2) return { code, log, attempts: attempt };
    if (!failure2.transient) {
      info(`${label}${what}: the registry refused the push (${failure2.reason}); not retried`);
      return { code, log, attempts: attempt };
    }
    if (attempt >= attempts) {
      if (attempts > 1)
        warning(
          `${label}${what}: the push failed ${attempts} times with a transient registry error; giving up (push-retries: ${s.pushRetries})`
        );
      return { code, log, attempts: attempt };
    }
    const delay = pushBackoffMs(attempt);
    warning(
      `${label}${what}: push attempt ${attempt} of ${attempts} failed with a transient registry error (${failure2.reason}); pushing again in ${delay / 1e3} s from the build cache, without rebuilding`
    );
    await new Promise((r) => setTimeout(r, delay));
  }
}
function attemptsNote(a) {
  return a.attempts > 1 ? ` (after ${a.attempts} push attempts)` : "";
}
function reportFailure(exitMessage, log, dockerfile, what, note = "") {
  const loc = parseBuildError(log, dockerfile);
  const lastError = log.split("\n").reverse().find((l) => l.startsWith("ERROR: "));
  const message = lastError ? lastError.slice("ERROR: ".length) : exitMessage;
  if (loc) error(`${what}: ${loc.message}`, { file: loc.file, startLine: loc.line, title: "Build failed" });
  throw new Error(`${what} failed${loc ? ` at ${loc.file}:${loc.line}: ${loc.message}` : `: ${message}`}${note}`);
}
var WARNINGS_ENV = { BUILDX_METADATA_WARNINGS: "1" };
function streamed(env, args, prefix, run2 = {}) {
  return relayOutput(prefix, (onLine) => runBuildx(env.bx, args, { ...run2, onLine, env: { ...run2.env ?? process.env, ...WARNINGS_ENV } }));
}
async function runCall(env, args, metadataFile, run2 = {}) {
  info(buildxCommandLine(args));
  let stdout = "";
  const { code, log } = await relayOutput(
    "",
    (onLine) => runBuildx(env.bx, args, {
      ...run2,
      onLine: (line, stream) => {
        if (stream === "stderr") onLine(line);
      }
    }).then((r) => {
      stdout = r.stdout;
      return r;
    })
  );
  let result;
  try {
    result = stdout.trim() ? JSON.parse(stdout) : void 0;
  } catch {
    result = void 0;
  }
  return { code, result, log, cwd: path5.resolve(run2.cwd ?? "."), metadata: readJson(metadataFile) };
}
async function callBuild(plan, env) {
  const s = plan.settings;
  const files = {
    metadataFile: path5.join(env.tempDir, "metadata.json"),
    iidFile: path5.join(env.tempDir, "iid.txt"),
    secretFiles: env.secretFiles
  };
  const out = await runCall(env, buildArgs(s, env.ctx, files, { call: callFlagValue(s.call) }), files.metadataFile);
  if (out.result === void 0 && out.code !== 0)
    reportFailure(`buildx exited with code ${out.code}`, out.log, plan.dockerfile, s.call.name);
  return out;
}
async function callBake(plan, files, env) {
  const s = plan.settings;
  const req = { files, targets: plan.targets, set: plan.set, allow: plan.allow, fork: plan.fork };
  const { site, common } = await prepareBake(s, env, req);
  const args = bakeArgs(s, env.ctx, { ...common, call: callFlagValue(s.call) });
  const out = await runCall(env, args, common.metadataFile, site.run);
  if (out.result === void 0 && out.code !== 0)
    reportFailure(`bake exited with code ${out.code}`, out.log, plan.dockerfile, `bake ${s.call.name}`);
  return out;
}
async function singleBuild(plan, env) {
  const s = plan.settings;
  const metadataFile = path5.join(env.tempDir, "metadata.json");
  const iidFile = path5.join(env.tempDir, "iid.txt");
  const repo = s.pushByDigest ? plan.repository : "";
  const over = repo ? { tags: [], pushByDigest: { name: repo } } : {};
  const argsFor = (settings) => buildArgs(settings, env.ctx, { metadataFile, iidFile, secretFiles: env.secretFiles }, over);
  const a = await buildWithPushRetries(s, env, "build", argsFor, "");
  if (a.code !== 0) reportFailure(`buildx exited with code ${a.code}`, a.log, plan.dockerfile, "build", attemptsNote(a));
  return singleResult(s, plan.dockerfile, metadataFile, iidFile, Boolean(repo));
}
async function prepareBake(s, env, { files, targets, set: given, allow, denyCacheExports = "", fork = "" }) {
  const userSet = denyCacheExports ? setWithoutCacheTo(given) : { set: given, dropped: 0 };
  const set = [...bakeSecretSets(s, env), ...userSet.set];
  const site = bakeSite(s, env.bx.version);
  const bakeFileArgs = site.files(files);
  const bakeTargets = site.targets(targets);
  const varArgs = bakeVarArgs(s.vars, env.bx.version);
  const { printed, warning: warning2 } = await withoutBakeCacheExports(
    await printBake(env, bakeFileArgs, bakeTargets, set, varArgs, site.run),
    denyCacheExports,
    userSet.dropped,
    set,
    () => printBake(env, bakeFileArgs, bakeTargets, set, varArgs, site.run),
    "bake"
  );
  if (warning2) warning(warning2);
  const granted = grantFromDefinition(printed, site.run.cwd, allow, env.bx.version, { fork, own: [...env.secretFiles.values()] });
  const metadataFile = path5.join(env.tempDir, "bake-metadata.json");
  return { site, printed, common: { files: bakeFileArgs, targets: bakeTargets, set, metadataFile, allow: granted, varArgs } };
}
async function bake(plan, files, env) {
  const s = plan.settings;
  const { targets, set, allow, denyCacheExports, fork } = plan;
  const { site, printed, common } = await prepareBake(s, env, { files, targets, set, allow, denyCacheExports, fork });
  let pushOnceTargets;
  if (s.push && daemonPushesTwice(env.ctx.caps)) {
    const names = Object.keys(printed);
    if (names.every((n) => (printed[n]?.output ?? []).length === 0)) pushOnceTargets = names;
    else info("bake targets name their own outputs: buildx pushes them, then has the engine push them again (buildx before 0.22)");
  }
  const argsFor = (settings) => bakeArgs(settings, env.ctx, { ...common, ...pushOnceTargets ? { pushOnceTargets } : {} });
  const a = await buildWithPushRetries(s, env, "bake", argsFor, "", site.run);
  if (a.code !== 0) reportFailure(`bake exited with code ${a.code}`, a.log, plan.dockerfile, "bake", attemptsNote(a));
  const all = readJson(common.metadataFile);
  return bakeResults(s, all, printed, ["buildx.build.warnings"]).map(
    (r) => r.dockerfile ? { ...r, dockerfile: path5.resolve(site.run.cwd, r.dockerfile) } : r
  );
}
async function printBake(env, files, targets, set, varArgs, run2) {
  const r = await runBuildxChecked(
    env.bx,
    bakePrintArgs(files, set, targets, varArgs),
    run2,
    (line) => new InputError(files.length > 0 ? "files" : "targets", `bake cannot read the definition: ${line}`)
  );
  const parsed = JSON.parse(r.stdout);
  return parsed.target ?? {};
}
async function splitBuild(plan, env) {
  const s = plan.settings;
  const { repository: repo, platforms } = plan;
  if (!repo) throw new InputError("tags", "platform-split needs a tag to name the repository");
  const queue = [...platforms];
  const results = /* @__PURE__ */ new Map();
  const failures = [];
  const worker = async () => {
    for (let p = queue.shift(); p !== void 0; p = queue.shift()) {
      const platform = p;
      const dir = path5.join(env.tempDir, platform.replaceAll("/", "-"));
      mkdirSync(dir, { recursive: true });
      const metadataFile = path5.join(dir, "metadata.json");
      const iidFile = path5.join(dir, "iid.txt");
      const argsFor = (settings) => buildArgs(
        settings,
        env.ctx,
        { metadataFile, iidFile, secretFiles: env.secretFiles },
        { platforms: [platform], tags: [], pushByDigest: { name: repo } }
      );
      const a = await buildWithPushRetries(s, env, "build", argsFor, platform);
      if (a.code !== 0) {
        const loc = parseBuildError(a.log, plan.dockerfile);
        const pushed = classifyPushFailure(a.log);
        failures.push(
          `${platform}${loc ? ` (${loc.file}:${loc.line}: ${loc.message})` : pushed ? ` (${pushed.reason}${attemptsNote(a)})` : ` (buildx exited with code ${a.code})`}`
        );
        continue;
      }
      const metadata = readJson(metadataFile);
      const node = str(metadata["buildx.build.ref"]).split("/")[1];
      info(`[${platform}] pushed ${repo}@${str(metadata["containerimage.digest"])}${node ? `, built on node ${node}` : ""}`);
      results.set(platform, platformResult(s.target, platform, metadata));
    }
  };
  await Promise.all(Array.from({ length: Math.min(s.maxParallel, platforms.length) }, worker));
  if (failures.length > 0) {
    throw new Error(`platform build failed for ${failures.join("; ")}; no tag was created or moved`);
  }
  const perPlatform = platforms.map((p) => results.get(p)).filter((r) => r !== void 0);
  const merged = await mergeDigests(
    s.annotations,
    env,
    perPlatform.map((r) => `${repo}@${r.digest}`),
    plan.tags
  );
  merged.target = s.target || "default";
  merged.platforms = platforms;
  const dockerfile = localDockerfile(s, plan.dockerfile);
  if (dockerfile) merged.dockerfile = dockerfile;
  merged.buildWarnings = perPlatform.flatMap((r) => r.buildWarnings ?? []);
  merged.builds = perPlatform.map((r) => ({ target: r.target, metadata: r.metadata }));
  return { perPlatform, merged };
}
async function mergeDigests(annotationInputs, env, sources, tags) {
  const metadataFile = path5.join(env.tempDir, "merge-descriptor.json");
  const annotations = indexAnnotations(annotationInputs);
  const retried = (args2, what) => withRetry(() => runBuildxChecked(env.bx, args2), what, 4, 500, isTransientRegistryError);
  const dry = await retried(imagetoolsCreateArgs(tags, sources, annotations, { dryRun: true }), "imagetools create --dry-run");
  const created = createdIndex(dry.stdout);
  const mismatch = mergeMismatch(created, await Promise.all(sources.map((src) => readByDigest(env.bx, src))));
  if (mismatch) throw new Error(`merge: ${mismatch}; nothing was tagged or signed`);
  const args = imagetoolsCreateArgs(tags, sources, annotations);
  info(buildxCommandLine(args));
  const r = await retried(args, "imagetools create");
  info(r.stderr.trim());
  for (const tag of tags) {
    const served = await servedDigest(env.bx, tag);
    if (served !== created.digest)
      throw new Error(
        `merge: the registry says ${tag} resolves to ${served}, not the index this step created (${created.digest}): another index was pushed to the tag, or the registry does not serve what it was given; nothing is signed`
      );
  }
  info(`${tags.join(", ")}: ${created.digest}, the index this step created`);
  const descriptor = {
    mediaType: created.mediaType,
    digest: created.digest,
    size: Buffer.byteLength(dry.stdout) - (dry.stdout.endsWith("\n") ? 1 : 0)
  };
  writeFileSync(metadataFile, JSON.stringify(descriptor));
  return mergeResult(tags, descriptor);
}
async function readByDigest(bx, ref) {
  const parsed = parseReference(ref);
  if (!parsed?.digest) throw new Error(`merge: ${ref} names no digest`);
  let text;
  try {
    text = await withRetry(
      () => registryReader(parsed.name).manifest(parsed.digest),
      `reading ${ref}`,
      4,
      500,
      (e) => !(e instanceof RegistryUnreachable) && isTransientRegistryError(e)
    );
  } catch (e) {
    if (!(e instanceof RegistryUnreachable)) throw e;
    text = (await runBuildxChecked(bx, imagetoolsInspectArgs(ref, { raw: true }))).stdout;
    if (sha256Digest(text) !== parsed.digest) throw new Error(`merge: ${ref} is served with digest ${sha256Digest(text)}`);
  }
  return { digest: parsed.digest, doc: parseManifestJson(text, ref) };
}
async function servedDigest(bx, tag) {
  const parsed = parseReference(tag);
  if (!parsed) throw new InputError("tags", `${tag} is not an image reference`);
  try {
    return await withRetry(
      () => registryReader(parsed.name).servedDigest(parsed.tag || "latest"),
      `reading ${tag}`,
      4,
      500,
      (e) => !(e instanceof RegistryUnreachable) && isTransientRegistryError(e)
    );
  } catch (e) {
    if (!(e instanceof RegistryUnreachable)) throw e;
    return sha256Digest((await runBuildxChecked(bx, imagetoolsInspectArgs(tag, { raw: true }))).stdout);
  }
}

// src/buildx/warnings.ts
function fromBase64(s) {
  return s ? Buffer.from(s, "base64").toString("utf8") : "";
}
function basename(p) {
  return p.slice(p.lastIndexOf("/") + 1);
}
function ownersOf(sourceText, filename, sources) {
  if (sourceText) {
    const same = sources.filter((s) => s.text !== void 0 && s.text === sourceText);
    if (same.length > 0) return same;
  }
  const named = filename ? sources.filter((s) => s.text === void 0 && basename(s.file) === basename(filename)) : [];
  if (named.length > 0) return named;
  return sources.length === 1 ? [...sources] : [];
}
var SHORT = /^([A-Za-z0-9]+): ([\s\S]*?)(?: \(line \d+\))?$/;
function warningsFromMetadata(raw, sources, fallbackTarget) {
  const list = Array.isArray(raw) ? raw : [];
  const byTarget = /* @__PURE__ */ new Map();
  for (const w of list) {
    const short = fromBase64(w.short).trim();
    const m = SHORT.exec(short);
    const rule = m?.[1] ?? ruleFromUrl(w.url ?? "");
    const message = m?.[2] ?? (short || (w.detail ?? []).map(fromBase64).join(" "));
    const line = w.range?.[0]?.start?.line ?? 0;
    const owners = ownersOf(fromBase64(w.sourceInfo?.data), w.sourceInfo?.filename ?? "", sources);
    const targets = owners.length > 0 ? owners : [{ target: fallbackTarget, file: "" }];
    for (const o of targets) add(byTarget, o.target, { rule, message, url: w.url ?? "", file: o.file, line });
  }
  return [...byTarget].map(([target, warnings]) => ({ target, warnings }));
}
function warningsFromCheck(result, sources) {
  const out = /* @__PURE__ */ new Map();
  for (const w of result.warnings ?? []) {
    const src = result.sources?.[w.location?.sourceIndex ?? 0];
    const owner = ownersOf(fromBase64(src?.data), src?.filename ?? "", sources)[0];
    add(out, "", {
      rule: w.ruleName ?? ruleFromUrl(w.url ?? ""),
      message: w.detail || w.description || "",
      url: w.url ?? "",
      file: owner?.file ?? "",
      line: w.location?.ranges?.[0]?.start?.line ?? 0
    });
  }
  return out.get("") ?? [];
}
function add(map, target, w) {
  const list = map.get(target) ?? [];
  if (!list.some((x) => x.rule === w.rule && x.line === w.line && x.file === w.file && x.message === w.message)) list.push(w);
  map.set(target, list);
}
function ruleFromUrl(url) {
  return basename(url.replace(/\/+$/, "")) || "BuildCheck";
}
function warningAnnotation(w) {
  const properties = { title: w.rule };
  if (w.file) properties.file = w.file;
  if (w.file && w.line > 0) properties.startLine = w.line;
  return { message: w.url ? `${w.message} (${w.url})` : w.message, properties };
}
function uniqueWarnings(all) {
  const seen = /* @__PURE__ */ new Map();
  for (const t of all) for (const w of t.warnings) seen.set(`${w.file}\0${w.line}\0${w.rule}\0${w.message}`, w);
  return [...seen.values()];
}
function checkWarningsOutput(all) {
  return JSON.stringify(Object.fromEntries(all.map((t) => [t.target, t.warnings])));
}
function checkFailureMessage(count) {
  return `Check complete, ${count} warning${count === 1 ? " has" : "s have"} been found!`;
}

// src/action/secret-files.ts
import { writeFileSync as writeFileSync2 } from "node:fs";
import path6 from "node:path";
function writeSecretFiles(s, dir) {
  const files = /* @__PURE__ */ new Map();
  for (const sec of s.secrets) {
    if (sec.kind !== "value") continue;
    const file = path6.join(dir, `secret-${files.size}`);
    writeFileSync2(file, sec.source, { mode: 384 });
    files.set(sec.id, file);
  }
  return files;
}

// src/action/workspace.ts
import { existsSync as existsSync3, mkdtempSync, readFileSync as readFileSync2, rmSync, statSync as statSync2, writeFileSync as writeFileSync3 } from "node:fs";
import os from "node:os";
import path7 from "node:path";
function readRunFacts(s, env = process.env) {
  const digestFiles = s.digestsFrom.map((file) => {
    if (!existsSync3(file)) throw new InputError("digests-from", `${file} does not exist`);
    return { file, text: readFileSync2(file, "utf8") };
  });
  return { cwd: process.cwd(), fork: forkOf(env["GITHUB_EVENT_NAME"] ?? "", githubEvent()), scopeEnv: scopeEnvFrom(env), digestFiles };
}
function checkWorkspace(plan, env = process.env) {
  const s = plan.settings;
  if ((plan.kind === "single" || plan.kind === "split") && !isRemoteContext(s.context)) {
    if (!existsSync3(s.context) || !statSync2(s.context).isDirectory()) {
      throw new InputError("context", `${s.context} is not a directory (resolved from ${process.cwd()})`);
    }
    if (!existsSync3(plan.dockerfile)) {
      const hint = s.defaultContext ? "; without a checkout step, leave context unset to build the run's Git context" : "";
      throw new InputError("file", `${plan.dockerfile} does not exist${hint}`);
    }
  }
  if (plan.kind === "bake") checkBakeSource(s, "buildx");
  for (const sec of s.secrets) {
    if (sec.kind === "file" && !existsSync3(sec.source))
      throw new InputError("secret-files", `secret ${sec.id}: ${sec.source} does not exist`);
    if (sec.kind === "env" && env[sec.source] === void 0)
      throw new InputError("secret-envs", `secret ${sec.id}: environment variable ${sec.source} is not set`);
  }
}
function makeTempDir() {
  return mkdtempSync(path7.join(process.env["RUNNER_TEMP"] || os.tmpdir(), "build-image-"));
}
function writeMatrixBakeFile(dir, definition) {
  const file = path7.join(dir, "matrix.bake.json");
  writeFileSync3(file, JSON.stringify(definition, null, 2));
  return file;
}
function buildkitdConfigFile(s, dir) {
  let configFile = s.buildkitdConfig;
  if (s.buildkitdConfigInline.trim()) {
    configFile = path7.join(dir, "buildkitd.toml");
    writeFileSync3(configFile, s.buildkitdConfigInline);
  }
  if (configFile && !existsSync3(configFile)) throw new InputError("buildkitd-config", `${configFile} does not exist`);
  return configFile;
}
function removeFiles(files) {
  for (const f of files) rmSync(f, { force: true });
}

// src/action/checks.ts
function annotationsEnabled(env = process.env) {
  const v = (env["DOCKER_BUILD_CHECKS_ANNOTATIONS"] ?? "").trim().toLowerCase();
  return !["false", "0", "no", "off"].includes(v);
}
function workspacePath(file, env = process.env) {
  const root = env["GITHUB_WORKSPACE"] || process.cwd();
  return path8.relative(root, path8.resolve(file)).split(path8.sep).join("/");
}
function dockerfileSources(entries) {
  const texts = /* @__PURE__ */ new Map();
  return entries.flatMap(({ target, dockerfile }) => {
    if (!dockerfile) return [];
    if (!texts.has(dockerfile)) {
      let text2;
      try {
        if (existsSync4(dockerfile) && statSync3(dockerfile).isFile()) text2 = readFileSync3(dockerfile, "utf8");
      } catch {
        text2 = void 0;
      }
      texts.set(dockerfile, text2);
    }
    const text = texts.get(dockerfile);
    return [{ target, file: workspacePath(dockerfile), ...text !== void 0 ? { text } : {} }];
  });
}
function publishWarnings(all, state) {
  const unique = uniqueWarnings(all);
  if (unique.length > 0 && annotationsEnabled()) {
    for (const w of unique) {
      const a = warningAnnotation(w);
      warning(a.message, a.properties);
    }
  }
  setOutput("check-warnings", checkWarningsOutput(all));
  state.checkWarnings = all;
  saveState(state);
  return unique.length;
}
function reportBuildWarnings(results, state) {
  const seen = /* @__PURE__ */ new Set();
  const raw = results.flatMap((r) => r.buildWarnings ?? []).filter((w) => {
    const key = JSON.stringify(w);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sources = dockerfileSources(results.map((r) => ({ target: r.target, dockerfile: r.dockerfile })));
  const all = warningsFromMetadata(raw, sources, results[0]?.target ?? "default");
  const count = publishWarnings(all, state);
  if (count > 0)
    info(`${count} build check warning(s)${annotationsEnabled() ? "" : " (annotations off: DOCKER_BUILD_CHECKS_ANNOTATIONS=false)"}`);
}
function perTarget(plan, out) {
  const s = plan.settings;
  if (plan.kind === "single")
    return [{ target: s.target || "default", dockerfile: localDockerfile(s, plan.dockerfile), answer: out.result }];
  const targets = (out.result ?? {}).target ?? {};
  return Object.entries(targets).map(([target, t]) => {
    const context = t.build?.context ?? ".";
    const dockerfile = t.build?.dockerfile ?? "Dockerfile";
    const local = !/^[a-z]+:\/\/|^git@/.test(context);
    return { target, dockerfile: local ? path8.resolve(out.cwd, context, dockerfile) : void 0, answer: t[s.call.name] };
  });
}
async function executeCall(plan, buildx, state) {
  const s = plan.settings;
  if (plan.kind !== "single" && plan.kind !== "bake" && plan.kind !== "matrix") {
    throw new Error(`internal: call ${s.call.name} on a ${plan.kind} plan`);
  }
  checkAgainstCapabilities(s, buildx.caps, plan.kind === "single" ? "build" : "bake");
  const ctx = { builder: buildx.builder.name, caps: buildx.caps, ...githubContext() };
  const env = { bx: buildx.bx, ctx, tempDir: state.tempDir, secretFiles: writeSecretFiles(s, state.tempDir) };
  let out;
  try {
    out = await group(`${s.call.name} (call)`, () => {
      if (plan.kind === "single") return callBuild(plan, env);
      const files = plan.kind === "matrix" ? [writeMatrixBakeFile(env.tempDir, plan.definition)] : plan.files;
      return callBake(plan, files, env);
    });
  } finally {
    removeFiles(env.secretFiles.values());
  }
  setOutput("call-result", JSON.stringify(out.result ?? null));
  if (Object.keys(out.metadata).length > 0) setOutput("metadata", JSON.stringify(out.metadata));
  state.call = s.call.name;
  state.callResult = JSON.stringify(out.result ?? null);
  saveState(state);
  if (s.call.name !== "check") return;
  const answers = perTarget(plan, out);
  const sources = dockerfileSources(answers);
  const all = answers.map((a) => ({
    target: a.target,
    warnings: warningsFromCheck(
      a.answer ?? {},
      sources.filter((src) => src.target === a.target)
    )
  }));
  const count = publishWarnings(all, state);
  const total = all.reduce((n, t) => n + t.warnings.length, 0);
  if (total > 0 && !callIgnoresStatus(s.call)) throw new Error(checkFailureMessage(total));
  if (total === 0 && out.code !== 0) throw new Error(`check failed: buildx exited with code ${out.code}`);
  info(total === 0 ? "Check complete, no warnings found." : `${checkFailureMessage(total)} (${count} distinct; ignorestatus=true)`);
}

// src/action/depot.ts
import { existsSync as existsSync5, readFileSync as readFileSync4, statSync as statSync4 } from "node:fs";
import path10 from "node:path";

// src/buildx/install.ts
async function installedBuildx(runner, docker) {
  const plugin = findPlugin();
  if (plugin) {
    const pv = await pluginVersion(runner, plugin);
    if (pv) return { cmd: plugin, prefix: [], version: pv, runner };
  }
  const v = docker ? await versionOf(runner, docker, ["buildx"]) : "";
  if (docker && v) return { cmd: docker, prefix: ["buildx"], version: v, runner };
  const standalone = findOnPath("buildx");
  const sv = standalone ? await versionOf(runner, standalone, []) : "";
  return standalone && sv ? { cmd: standalone, prefix: [], version: sv, runner } : void 0;
}
async function setupBuildx(version, downloadUrl, anyRunner, sha256 = "", docker = dockerCli()) {
  const runner = buildToolRunner(anyRunner);
  return setupTool({
    release: BUILDX_RELEASE,
    version,
    downloadUrl,
    sha256,
    installed: async () => await installedBuildx(runner, docker) ?? "no buildx is installed",
    notByDefault: (found) => versionAtLeast(found.version, MIN_INSTALLED_BUILDX) ? void 0 : `the installed buildx ${found.version} is older than ${MIN_INSTALLED_BUILDX}, the oldest this action supports`,
    // A missing plugin is the machine's state, not a bad input (the CLI's default is installed).
    noneInstalled: () => new Error(
      "the docker buildx plugin is not installed (`docker buildx version` does not answer, and no standalone buildx is on PATH): install docker-buildx, or set buildx-version to latest or a version to download"
    ),
    probe: async (path11, v) => ({ cmd: path11, prefix: [], version: await versionOf(runner, path11, []) || v, runner })
  });
}

// src/depot/args.ts
function writesToDocker(s) {
  return s.load || s.outputs.some((o) => /(^|,)type=docker(,|$)/.test(o));
}
function depotProvenance(s, ctx) {
  if (s.provenance !== "") return s.provenance;
  if (attestsType(s, "provenance") || writesToDocker(s)) return void 0;
  const mode = ctx.publicRepo ? "max" : "min";
  return ctx.builderId ? `mode=${mode},builder-id=${ctx.builderId}` : `mode=${mode}`;
}
function depotOwnArgs(s, ctx) {
  const args = ["--project", ctx.project];
  if (s.depotBuildPlatform) args.push("--build-platform", s.depotBuildPlatform);
  if (s.depotSave) args.push("--save");
  args.push(...repeat("--save-tag", s.depotSaveTags));
  if (s.depotLint) args.push("--lint");
  if (s.depotLintFailOn) args.push("--lint-fail-on", s.depotLintFailOn);
  if (s.depotSbomDir) args.push("--sbom-dir", s.depotSbomDir);
  return args;
}
function depotBuildArgs(s, ctx, files, repository) {
  const repo = s.pushByDigest ? repository : "";
  const flags = buildFlags(s, files, { provenance: depotProvenance(s, ctx), ...repo ? { tags: [], pushByDigest: { name: repo } } : {} });
  return ["build", ...depotOwnArgs(s, ctx), "--progress", "plain", ...flags];
}
function depotBakeArgs(s, ctx, opts) {
  const args = ["bake", ...depotOwnArgs(s, ctx), "--progress", "plain"];
  args.push(...repeat("--file", opts.files));
  args.push(...repeat("--set", opts.set));
  args.push(...bakeOutputFlags(s, depotProvenance(s, ctx), opts.metadataFile, opts.targets));
  return args;
}
function depotBakePrintArgs(opts) {
  return bakePrintArgs(opts.files, opts.set, opts.targets);
}
function depotEnv(base, creds) {
  return { ...base, DEPOT_TOKEN: creds.token, DEPOT_PROJECT_ID: creds.project, DEPOT_NO_UPDATE_NOTIFIER: "1" };
}
function parseDepotVersion(stdout) {
  return /depot version v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(stdout)?.[1] ?? "";
}
function depotBuildInfo(metadata) {
  const b = metadata["depot.build"];
  const o = typeof b === "object" && b !== null ? b : {};
  return {
    buildId: typeof o["buildID"] === "string" ? o["buildID"] : "",
    projectId: typeof o["projectID"] === "string" ? o["projectID"] : ""
  };
}
var BAKE_METADATA_EXTRAS = ["depot.build", "buildx.build.warnings"];
function buildStarted(log) {
  const named = /* @__PURE__ */ new Set();
  for (const line of log.split("\n")) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m?.[1] || m[2] === void 0 || named.has(m[1])) continue;
    named.add(m[1]);
    if (!m[2].startsWith("[depot]")) return true;
  }
  return false;
}
function explainPreBuildFailure(log, apiUrl) {
  const lines = log.split("\n").map((l) => l.trim()).filter((l) => l && !/^#\d+ /.test(l) && !l.startsWith("Build Summary"));
  const last = lines[lines.length - 1] ?? "";
  const detail = last.length > 300 ? `${last.slice(0, 300)}\u2026` : last;
  if (/^(unauthenticated|permission_denied):/i.test(last)) {
    return {
      problem: "auth",
      message: `Depot's API refused the credentials (${detail}): check depot-token or DEPOT_TOKEN, or the project's trust relationship for GitHub OIDC`
    };
  }
  if (/^(unavailable|deadline_exceeded):|connection refused|no such host|i\/o timeout|TLS handshake/i.test(last)) {
    return { problem: "unreachable", message: `cannot reach Depot's API at ${apiUrl} (${detail})` };
  }
  if (/^not_found:|project/i.test(last))
    return { problem: "project", message: `Depot did not accept the project (${detail}): check depot-project` };
  return { problem: "other", message: `depot failed before the build started${detail ? `: ${detail}` : ""}` };
}

// src/depot/build.ts
import path9 from "node:path";

// src/depot/depot.ts
var DEPOT_AUDIENCE = "https://depot.dev";
var DEFAULT_OIDC_EXCHANGE = "https://github.depot.dev/auth/oidc/github-actions";
async function probeVersion(runner, cmd) {
  let r;
  try {
    r = await runner.run(cmd, ["--version"], { env: { ...process.env, DEPOT_NO_UPDATE_NOTIFIER: "1" } });
  } catch (e) {
    throw new DepotUnavailable(`cannot run ${cmd}: ${messageOf(e)}`);
  }
  const v = r.code === 0 ? parseDepotVersion(r.stdout) : "";
  if (!v)
    throw new DepotUnavailable(
      `${cmd} --version did not report a depot version (exit ${r.code}): ${(r.stdout + r.stderr).trim().split("\n")[0] ?? ""}`
    );
  return v;
}
async function setupDepot(s, anyRunner) {
  const runner = buildToolRunner(anyRunner);
  return setupTool({
    release: DEPOT_RELEASE,
    version: s.depotVersion,
    downloadUrl: s.depotDownloadUrl,
    sha256: s.depotSha256,
    installed: () => probeVersion(runner, "depot").then(
      (version) => ({ cmd: "depot", version, runner }),
      (e) => e.message
    ),
    noneInstalled: (why) => new DepotUnavailable(`depot-version: installed was asked for, but no working depot is on PATH (${why})`),
    probe: async (path11) => ({ cmd: path11, version: await probeVersion(runner, path11), runner }),
    failure: (e) => new DepotUnavailable(e.message),
    timed: true
  });
}
function oidcAvailable(env = process.env) {
  return Boolean(env["ACTIONS_ID_TOKEN_REQUEST_URL"] && env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"]);
}
function oidcExchangeUrl(env = process.env) {
  const api = env["DEPOT_API_URL"]?.trim();
  return api ? `${api.replace(/\/+$/, "")}/auth/oidc/github-actions` : DEFAULT_OIDC_EXCHANGE;
}
async function depotToken(s) {
  const direct = s.depotToken || process.env["DEPOT_TOKEN"]?.trim() || "";
  if (direct) {
    setSecret(direct);
    return { token: direct, source: s.depotToken ? "the depot-token input" : "DEPOT_TOKEN" };
  }
  if (!oidcAvailable()) {
    throw new InputError(
      "depot-token",
      "no Depot token (depot-token, DEPOT_TOKEN) and no GitHub OIDC (the job needs `permissions: id-token: write`)"
    );
  }
  let idToken;
  try {
    idToken = await getIDToken(DEPOT_AUDIENCE);
  } catch (e) {
    throw new DepotUnavailable(`cannot get a GitHub OIDC token for ${DEPOT_AUDIENCE}: ${messageOf(e).replace(/\s+/g, " ").trim()}`);
  }
  setSecret(idToken);
  const url = oidcExchangeUrl();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ token: idToken }),
      signal: AbortSignal.timeout(3e4)
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok && typeof body.token === "string" && body.token) {
      setSecret(body.token);
      return { token: body.token, source: "GitHub OIDC, exchanged for a temporary Depot token" };
    }
    info(`Depot's OIDC exchange (${url}) answered ${res.status}; the CLI gets the GitHub OIDC token itself`);
  } catch (e) {
    info(`Depot's OIDC exchange (${url}) failed (${messageOf(e)}); the CLI gets the GitHub OIDC token itself`);
  }
  return { token: idToken, source: "GitHub OIDC" };
}
function runDepot(d, args, opts) {
  return d.runner.run(d.cmd, args, opts);
}

// src/depot/build.ts
async function streamed2(d, args, env, cwd) {
  info(`depot ${commandLine(args)}`);
  const seen = [];
  let started = false;
  const r = await relayOutput(
    "",
    (onLine) => runDepot(d, args, { env, onLine, ...cwd ? { cwd } : {} }),
    (line) => {
      if (started) return;
      seen.push(line);
      if (/^#\d+ /.test(line)) started = buildStarted(seen.join("\n"));
    }
  );
  return { code: r.code, log: r.log, started };
}
function failure(r, dockerfile, what) {
  const apiUrl = process.env["DEPOT_API_URL"] || "https://api.depot.dev";
  if (!r.started) throw new DepotUnavailable(explainPreBuildFailure(r.log, apiUrl).message);
  const loc = parseBuildError(r.log, dockerfile);
  if (loc) error(`${what}: ${loc.message}`, { file: loc.file, startLine: loc.line, title: "Build failed" });
  const lines = r.log.split("\n").reverse();
  const last = lines.find((l) => /^(ERROR: |error: |failed to solve: )/.test(l)) ?? lines.find((l) => l.trim() && !/^(#\d+ |-{3,}| > |Build Summary)/.test(l));
  throw new Error(
    `depot ${what} failed${loc ? ` at ${loc.file}:${loc.line}: ${loc.message}` : last ? `: ${last.replace(/^ERROR: /, "").trim()}` : ` with exit code ${r.code}`}`
  );
}
async function depotSingle(plan, d, ctx, env, dir, secretFiles) {
  const metadataFile = path9.join(dir, "depot-metadata.json");
  const iidFile = path9.join(dir, "depot-iid.txt");
  const s = plan.settings;
  const r = await streamed2(d, depotBuildArgs(s, ctx, { metadataFile, iidFile, secretFiles }, plan.repository), env);
  if (r.code !== 0) failure(r, plan.dockerfile, "build");
  return singleResult(s, plan.dockerfile, metadataFile, iidFile, Boolean(s.pushByDigest && plan.repository));
}
async function depotBake(plan, d, ctx, env, dir, input, secretFiles) {
  const s = plan.settings;
  const { files, targets } = input;
  const userSet = input.denyCacheExports ? setWithoutCacheTo(input.set) : { set: input.set, dropped: 0 };
  const set = [...bakeSecretSets(s, { secretFiles }), ...userSet.set];
  const { cwd, env: bakeEnvironment } = depotBakeSite(s, env);
  const printDefinition = async () => {
    const print = await runDepot(d, depotBakePrintArgs({ files, targets, set }), { env: bakeEnvironment, cwd });
    if (print.code !== 0) {
      throw new InputError(files.length > 0 ? "files" : "targets", `depot bake cannot read the definition: ${lastOutputLine(print)}`);
    }
    return JSON.parse(print.stdout).target ?? {};
  };
  const { printed, warning: warning2 } = await withoutBakeCacheExports(
    await printDefinition(),
    input.denyCacheExports,
    userSet.dropped,
    set,
    printDefinition,
    "depot bake"
  );
  if (warning2) warning(warning2);
  grantFromDefinition(printed, path9.resolve(cwd), input.allow, "", { fork: input.fork, own: [...secretFiles.values()] });
  const metadataFile = path9.join(dir, "depot-bake-metadata.json");
  const r = await streamed2(d, depotBakeArgs(s, ctx, { files, targets, set, metadataFile }), bakeEnvironment, cwd);
  if (r.code !== 0) failure(r, plan.dockerfile, "bake");
  const all = readJson(metadataFile);
  const results = bakeResults(s, all, printed, BAKE_METADATA_EXTRAS);
  return { results, metadata: all };
}

// src/action/depot.ts
function engineFacts(plan, env = process.env) {
  const s = plan.settings;
  const depotJson = path10.join(s.context, "depot.json");
  let text;
  try {
    if (existsSync5(depotJson) && statSync4(depotJson).isFile()) text = readFileSync4(depotJson, "utf8");
  } catch {
  }
  const needsBuildx = plan.kind === "merge" ? "mode: merge combines digests with buildx imagetools" : plan.kind === "split" ? "platform-split pushes each platform and merges them with buildx imagetools" : s.call.name !== "build" ? `call: ${s.call.name} uses buildx's --call` : remoteBakeSource(s, env);
  return {
    engine: s.engine,
    project: s.depotProject,
    envProject: env["DEPOT_PROJECT_ID"] ?? "",
    ...text !== void 0 ? { depotJson: text } : {},
    hasToken: Boolean(s.depotToken || env["DEPOT_TOKEN"]?.trim()),
    oidcAvailable: oidcAvailable(env),
    ci: env["GITHUB_ACTIONS"] === "true",
    fallback: s.depotFallback,
    ...needsBuildx ? { needsBuildx } : {},
    depotInputs: s.depotInputs
  };
}
async function executeOnDepot(plan, state, choice) {
  const s = plan.settings;
  const mayFallBack = s.engine === "auto" || s.depotFallback;
  try {
    const engine = await setUpDepot(plan, choice, state.tempDir);
    return { engine, results: await engine.execute(plan) };
  } catch (e) {
    if (e instanceof DepotUnavailable && mayFallBack) {
      warning(`Depot is unavailable, building with buildx instead: ${e.message}`);
      state.engine = "buildx";
      state.engineReason = `fell back from Depot before the build started: ${e.message}`;
      saveState(state);
      return void 0;
    }
    if (e instanceof DepotUnavailable)
      throw new Error(`${e.message}${s.engine === "depot" ? " (set depot-fallback: true to build with buildx instead)" : ""}`);
    throw e;
  }
}
async function setUpDepot(plan, choice, tempDir) {
  const s = plan.settings;
  const depot = await group("Set up Depot", async () => {
    const d = await setupDepot(s, processRunner);
    info(`depot ${d.version} (${d.cmd})`);
    return d;
  });
  const token = await depotToken(s);
  const project = choice.project ?? "";
  info(`Depot project ${project} (from ${choice.projectSource ?? "the inputs"}); credentials from ${token.source}`);
  if (s.baseAnnotations) warning("base-annotations needs buildx to resolve the base image; not applied to Depot builds");
  const env = depotEnv(process.env, { token: token.token, project });
  const ctx = { project, ...githubContext() };
  const execute = async (p) => {
    if (p.kind === "merge" || p.kind === "split") throw new Error(`internal: a ${p.kind} plan runs on buildx only`);
    let secretFiles = /* @__PURE__ */ new Map();
    try {
      let results;
      let metadata;
      secretFiles = writeSecretFiles(p.settings, tempDir);
      if (p.kind === "single") {
        const result = await group("Build on Depot", () => depotSingle(p, depot, ctx, env, tempDir, secretFiles));
        results = [result];
        metadata = result.metadata;
      } else {
        const input = bakeInput(p, tempDir);
        const baked = await group(
          `Bake ${input.targets.join(", ") || "default"} on Depot`,
          () => depotBake(p, depot, ctx, env, tempDir, input, secretFiles)
        );
        results = baked.results;
        metadata = baked.metadata;
      }
      setDepotOutputs(depotBuildInfo(metadata), project);
      return results;
    } finally {
      removeFiles(secretFiles.values());
    }
  };
  return {
    name: "depot",
    execute,
    readReports: (p, results) => group("Read what was built", () => depotReports(p.settings, results))
  };
}
function setDepotOutputs(info2, project) {
  setOutput("depot-build-id", info2.buildId);
  setOutput("depot-project-id", info2.projectId || project);
  setOutput("build-id", info2.buildId);
  setOutput("project-id", info2.projectId || project);
  if (info2.buildId) info(`Depot build ${info2.buildId} in project ${info2.projectId || project}`);
}
function bakeInput(plan, dir) {
  const trust = { allow: plan.allow, fork: plan.fork };
  if (plan.kind === "bake")
    return { files: plan.files, targets: plan.targets, set: plan.set, denyCacheExports: plan.denyCacheExports, ...trust };
  const file = writeMatrixBakeFile(dir, plan.definition);
  info(`matrix: ${plan.combinations.length} combination(s) -> targets ${plan.targets.join(", ")}`);
  return { files: [file], targets: plan.targets, set: plan.set, denyCacheExports: plan.denyCacheExports, ...trust };
}
async function depotReports(s, results) {
  let bx;
  try {
    bx = await setupBuildx(s.buildxVersion, s.buildxDownloadUrl, processRunner, s.buildxSha256);
  } catch (e) {
    warning(`cannot read what Depot built: reading manifests uses buildx (${messageOf(e)})`);
    return results.map((r) => unreadReport(r, "manifests unavailable: buildx, which reads them from the registry, could not be set up"));
  }
  const reports = await collectReports(results, {
    bx,
    caps: { buildxVersion: bx.version, containerdStore: true, historyAttachments: false, driver: "remote" },
    builder: ""
  });
  for (const r of reports) {
    if (r.source === "none" && r.digest)
      r.notes = [
        "Depot built the image on its own builders: its manifests can be read only from a registry it pushed to (push) or an OCI export (outputs: type=oci)"
      ];
  }
  return reports;
}

// src/report/base-image.ts
import { existsSync as existsSync6, readFileSync as readFileSync5 } from "node:fs";

// src/dockerfile/parse.ts
function instructions(dockerfile) {
  const lines = dockerfile.replace(/^\uFEFF/, "").split(/\r?\n/);
  let escape = "\\";
  let i = 0;
  for (; i < lines.length; i++) {
    const d = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(\S+)\s*$/.exec(lines[i] ?? "");
    if (!d) break;
    if ((d[1] ?? "").toLowerCase() === "escape" && (d[2] === "`" || d[2] === "\\")) escape = d[2];
  }
  const continued = new RegExp(`${escape === "\\" ? "\\\\" : "`"}[ \\t]*$`);
  const out = [];
  while (i < lines.length) {
    let line = lines[i++] ?? "";
    if (/^\s*(#|$)/.test(line)) continue;
    let text = "";
    while (continued.test(line) && i < lines.length) {
      text += line.replace(continued, "");
      do {
        line = lines[i++] ?? "";
      } while (i < lines.length && /^\s*(#|$)/.test(line));
    }
    text += continued.test(line) ? line.replace(continued, "") : line;
    const m = /^\s*(\S+)\s*(.*)$/.exec(text);
    if (!m) continue;
    const keyword = (m[1] ?? "").toUpperCase();
    const args = (m[2] ?? "").trim();
    out.push({ keyword, args });
    if (keyword === "RUN" || keyword === "COPY" || keyword === "ADD") {
      for (const h of args.matchAll(/(?<!<)<<(?!<)(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        const word = h[3] ?? "";
        const strip = h[1] === "-";
        while (i < lines.length) {
          const body = lines[i++] ?? "";
          if ((strip ? body.replace(/^\t+/, "") : body) === word) break;
        }
      }
    }
  }
  return { escape, list: out };
}
function expand(word, env, escape) {
  let out = "";
  let quote = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? "";
    if (quote === "'") {
      if (c === "'") quote = "";
      else out += c;
      continue;
    }
    if (c === escape && i + 1 < word.length) {
      out += word[i + 1];
      i++;
      continue;
    }
    if (c === '"' || c === "'" && quote === "") {
      if (quote === c) quote = "";
      else if (quote === "") quote = c;
      else out += c;
      continue;
    }
    if (c !== "$") {
      out += c;
      continue;
    }
    if (word[i + 1] === "{") {
      let depth = 0;
      let j = i + 1;
      for (; j < word.length; j++) {
        if (word[j] === "{") depth++;
        else if (word[j] === "}" && --depth === 0) break;
      }
      const body = word.slice(i + 2, j);
      i = j;
      const m2 = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])(.*))?$/s.exec(body);
      if (!m2) continue;
      const value = env.get(m2[1] ?? "");
      const set = value !== void 0;
      const nonEmpty = set && value !== "";
      const alt = expand(m2[3] ?? "", env, escape);
      switch (m2[2]) {
        case ":-":
          out += nonEmpty ? value : alt;
          break;
        case "-":
          out += set ? value : alt;
          break;
        case ":+":
          out += nonEmpty ? alt : "";
          break;
        case "+":
          out += set ? alt : "";
          break;
        default:
          out += value ?? "";
      }
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1));
    if (!m) {
      out += "$";
      continue;
    }
    out += env.get(m[0]) ?? "";
    i += m[0].length;
  }
  return out;
}
function argDeclarations(args) {
  const out = [];
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    out.push(m[2] === void 0 ? { name: m[1] ?? "" } : { name: m[1] ?? "", value: m[2] });
  }
  return out;
}
var AUTOMATIC_ARGS = [
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETARCH",
  "TARGETVARIANT",
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDARCH",
  "BUILDVARIANT"
];
function finalStageBase(dockerfile, buildArgs2, target) {
  const env = /* @__PURE__ */ new Map();
  for (const k of AUTOMATIC_ARGS) {
    const v = buildArgs2[k];
    if (v !== void 0) env.set(k, v);
  }
  const stages = [];
  const { escape, list } = instructions(dockerfile);
  for (const ins of list) {
    if (ins.keyword === "ARG" && stages.length === 0) {
      for (const d of argDeclarations(ins.args)) {
        const given = Object.prototype.hasOwnProperty.call(buildArgs2, d.name) ? buildArgs2[d.name] : void 0;
        const value = given ?? (d.value !== void 0 ? expand(d.value, env, escape) : void 0);
        if (value !== void 0) env.set(d.name, value);
      }
    } else if (ins.keyword === "FROM") {
      const words = ins.args.split(/\s+/).filter((w) => w !== "");
      while (words[0]?.startsWith("--")) words.shift();
      const image = expand(words[0] ?? "", env, escape);
      const name = words.length >= 3 && words[1]?.toLowerCase() === "as" ? (words[2] ?? "").toLowerCase() : "";
      stages.push({ name, base: image });
    }
  }
  let index = stages.length - 1;
  if (target) {
    index = stages.findIndex((s) => s.name === target.toLowerCase());
    if (index < 0) return void 0;
  }
  let base = stages[index]?.base;
  for (let hops = 0; base !== void 0 && hops <= stages.length; hops++) {
    if (base === "") return void 0;
    const lower = base.toLowerCase();
    const earlier = stages.slice(0, index).findIndex((s) => s.name !== "" && s.name === lower);
    if (earlier < 0) return lower === "scratch" ? void 0 : base;
    index = earlier;
    base = stages[index]?.base;
  }
  return void 0;
}

// src/report/base-image.ts
function finalStageOf(plan) {
  const s = plan.settings;
  if (isRemoteContext(s.context)) return void 0;
  const file = plan.dockerfile;
  if (!existsSync6(file)) return void 0;
  return finalStageBase(readFileSync5(file, "utf8"), Object.fromEntries(s.buildArgs), s.target || void 0) ?? "";
}
async function resolveBase(bx, plan) {
  const name = finalStageOf(plan);
  if (name === void 0) return void 0;
  if (!name) {
    info("base-annotations: the final stage has no base image (FROM scratch); nothing to annotate");
    return void 0;
  }
  const r = await runBuildx(bx, imagetoolsInspectArgs(name, { raw: true }));
  if (r.code !== 0) {
    warning(`base-annotations: cannot resolve ${name}: ${lastOutputLine(r)}`);
    return void 0;
  }
  const base = resolvedBase(name, r.stdout);
  info(`base-annotations: ${name} is ${base.digest}`);
  return base;
}
function dockerfileBase(plan, known) {
  const name = finalStageOf(plan);
  return name ? dockerfileBaseImage(name, known) : void 0;
}

// src/action/execute.ts
function buildxEngine(buildx, state) {
  const reader = { bx: buildx.bx, caps: buildx.caps, builder: buildx.builder.name };
  return {
    name: "buildx",
    execute: async (plan) => {
      const results = await executePlan(plan, buildx, state);
      reportBuildWarnings(results, state);
      return results;
    },
    readReports: (plan, results) => readReports(plan, buildx, reader, results),
    builtReader: reader
  };
}
async function readReports(plan, buildx, reader, results) {
  await buildx.settleInspect();
  const reports = await group("Read what was built", () => collectReports(results, reader));
  const only = reports[0];
  if (plan.reports.dockerfileBase && only) {
    const fromDockerfile = dockerfileBase(plan, only.baseImages);
    if (fromDockerfile) only.baseImages.unshift(fromDockerfile);
  }
  return reports;
}
async function executePlan(plan, buildx, state) {
  checkAgainstCapabilities(plan.settings, buildx.caps, plan.kind === "bake" || plan.kind === "matrix" ? "bake" : "build");
  const ctx = { builder: buildx.builder.name, caps: buildx.caps, ...githubContext() };
  const env = { bx: buildx.bx, ctx, tempDir: state.tempDir, secretFiles: writeSecretFiles(plan.settings, state.tempDir) };
  try {
    return await runPlan(await annotateWithBase(plan, buildx.bx), env);
  } finally {
    removeFiles(env.secretFiles.values());
  }
}
async function annotateWithBase(plan, bx) {
  if (!plan.settings.baseAnnotations) return plan;
  if (!plan.resolveBase) {
    warning("base-annotations applies to single and platform-split builds; bake files can set annotations per target");
    return plan;
  }
  const base = await group("Resolve the base image", () => resolveBase(bx, plan));
  return base ? withBaseAnnotations(plan, base) : plan;
}
async function runPlan(plan, env) {
  const s = plan.settings;
  switch (plan.kind) {
    case "merge": {
      const merged = await group(
        `Merge ${plan.sources.length} digest(s) into ${plan.tags.join(", ")}`,
        () => mergeDigests(s.annotations, env, plan.sources, plan.tags)
      );
      merged.target = s.target || "default";
      return [merged];
    }
    case "matrix": {
      const file = writeMatrixBakeFile(env.tempDir, plan.definition);
      info(`matrix: ${plan.combinations.length} combination(s) -> targets ${plan.targets.join(", ")}`);
      return group(`Bake ${plan.targets.length} matrix target(s)`, () => bake(plan, [file], env));
    }
    case "bake":
      return group(`Bake ${plan.targets.join(", ") || "default"}`, () => bake(plan, plan.files, env));
    case "split": {
      const split = await group(`Build ${plan.platforms.length} platforms separately, then merge`, () => splitBuild(plan, env));
      return [split.merged];
    }
    case "single":
      return [await group("Build", () => singleBuild(plan, env))];
  }
}

// src/action/outputs.ts
function setBuildOutputs(results, oneImage) {
  const first = results[0];
  if (oneImage && first) {
    setOutput("imageid", first.imageId);
    setOutput("digest", first.digest);
    setOutput("metadata", JSON.stringify(first.metadata));
  } else {
    setOutput("metadata", JSON.stringify(Object.fromEntries(results.map((r) => [r.target, r.metadata]))));
    if (results.length === 1 && first) {
      setOutput("imageid", first.imageId);
      setOutput("digest", first.digest);
    }
  }
  setOutput("digests", JSON.stringify(Object.fromEntries(results.map((r) => [r.target, r.digest]))));
}
function setBuilderPlatforms(platforms) {
  setOutput("builder-platforms", platforms.join(","));
}

// src/action/secrets.ts
var SECRET_INPUTS = ["password", "secrets", "depot-token", "token", "github-token", "sign-key", "sign-key-password"];
function maskRawSecretInputs(read) {
  for (const name of SECRET_INPUTS) {
    const text = read(name);
    if (text.trim()) setSecret(text.trim());
    for (const raw of text.split(/\r\n|\r|\n/)) {
      const line = raw.trim();
      if (!line) continue;
      setSecret(line);
      if (name.startsWith("sign-")) continue;
      const value = line.slice(line.indexOf("=") + 1).trim();
      if (line.includes("=") && value) setSecret(value);
    }
  }
  for (const password of passwordsAsGiven(read("registry-auth"))) setSecret(password);
}
function maskSecrets(s, env = process.env) {
  for (const sec of s.secrets) if (sec.kind === "value" && sec.source) setSecret(sec.source);
  if (s.depotToken) setSecret(s.depotToken);
  if (s.githubToken) setSecret(s.githubToken);
  for (const login of [...s.login ? [s.login] : [], ...s.registryAuth]) {
    setSecret(login.password);
    setSecret(Buffer.from(`${login.username}:${login.password}`).toString("base64"));
  }
  for (const sec of s.secrets) if (sec.kind === "env" && env[sec.source]) setSecret(env[sec.source] ?? "");
  if (s.sign.key.kind === "pem") setSecret(s.sign.key.pem.trim());
  if (s.sign.key.kind === "kms") for (const part of [s.sign.key.uri, ...keyUriSecrets(s.sign.key.uri)]) setSecret(part);
  if (s.sign.keyPassword) setSecret(s.sign.keyPassword);
}

// src/inputs/engine-choice.ts
var HOW_TO_SET_PROJECT = 'set the depot-project input, the DEPOT_PROJECT_ID environment variable, or commit a depot.json ({"id": "<project id>"}) in the build context';
var HOW_TO_SET_CREDENTIALS = "set the depot-token input (e.g. ${{ secrets.DEPOT_TOKEN }}) or the DEPOT_TOKEN environment variable, or give the job `permissions: id-token: write` and add a trust relationship for this repository to the Depot project (GitHub OIDC)";
var OIDC_NEEDS_A_NAMED_PROJECT = "for GitHub OIDC, name the project in the depot-project input or DEPOT_PROJECT_ID, or give a depot-token";
var FROM_DEPOT_JSON = "depot.json in the context";
function projectFromDepotJson(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { problem: `depot.json is not valid JSON (${messageOf(e)})` };
  }
  const id = typeof parsed === "object" && parsed !== null ? parsed.id : void 0;
  if (typeof id !== "string" || id.trim() === "") return { problem: 'depot.json has no "id"' };
  return { id: id.trim() };
}
var PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
function resolveProject(f) {
  let found;
  if (f.project) found = { id: f.project, source: "depot-project input" };
  else if (f.envProject.trim()) found = { id: f.envProject.trim(), source: "DEPOT_PROJECT_ID" };
  else if (f.depotJson !== void 0) {
    const r = projectFromDepotJson(f.depotJson);
    if (!r.id) return r.problem ? { problem: r.problem } : {};
    found = { id: r.id, source: FROM_DEPOT_JSON };
  }
  if (!found) return {};
  if (!PROJECT_ID.test(found.id)) return { problem: `the ${found.source} ${JSON.stringify(clip(found.id, 40))} is not a Depot project ID` };
  return found;
}
function chooseEngine(f) {
  const depotInput = f.depotInputs?.[0];
  if (f.engine === "buildx") {
    const warning2 = depotInput ? `${depotInput} is a Depot input, and engine: buildx never uses Depot: it is ignored` : void 0;
    return { engine: "buildx", reason: "set by the engine input", ...warning2 ? { warning: warning2 } : {} };
  }
  if (f.engine === "auto" && depotInput && f.ci) {
    if (f.needsBuildx) throw new InputError(depotInput, `is a Depot input, but ${f.needsBuildx}, which runs on buildx only`);
    const auto = chooseEngine({ ...f, depotInputs: [] });
    if (auto.engine === "depot") return auto;
    let choice;
    try {
      choice = chooseEngine({ ...f, engine: "depot", depotInputs: [] });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const detail = e.message.slice(e.input.length + 2).replace(/^engine: depot needs/, "it needs");
      throw new InputError(depotInput, `is a Depot input, so Depot is to build: ${detail}`);
    }
    return { ...choice, reason: choice.reason.replace("set by the engine input", `Depot input ${depotInput} given`) };
  }
  if (f.needsBuildx) {
    if (f.engine === "depot" && !f.fallback)
      throw new InputError("engine", `${f.needsBuildx}, which runs on buildx only; use engine: buildx or auto`);
    const reason = `${f.needsBuildx}, which runs on buildx only`;
    return {
      engine: "buildx",
      reason,
      ...f.engine === "depot" ? { warning: `engine: depot, but ${reason}: using buildx (depot-fallback: true)` } : {}
    };
  }
  const project = resolveProject(f);
  const oidcRefused = !f.hasToken && f.oidcAvailable && project.source === FROM_DEPOT_JSON;
  const credentials = f.hasToken ? "a token" : f.oidcAvailable && !oidcRefused ? "GitHub OIDC" : "";
  const missing = [];
  if (!project.id) missing.push({ what: `no Depot project${project.problem ? ` (${project.problem})` : ""}`, how: HOW_TO_SET_PROJECT });
  if (oidcRefused)
    missing.push({
      what: `Depot project ${clip(project.id ?? "", 40)} is named only by depot.json in the build context, and GitHub OIDC is never used for a project the content being built chooses`,
      how: OIDC_NEEDS_A_NAMED_PROJECT
    });
  else if (!credentials) missing.push({ what: "no Depot credentials", how: HOW_TO_SET_CREDENTIALS });
  if (f.engine === "depot") {
    if (missing.length > 0) {
      const detail = missing.map((m) => `${m.what}: ${m.how}`).join("; ");
      if (f.fallback) {
        return {
          engine: "buildx",
          reason: `engine: depot was asked for, but ${missing.map((m) => m.what).join(" and ")}; depot-fallback: true`,
          warning: `engine: depot, but ${detail}. Using buildx (depot-fallback: true)`
        };
      }
      const input = oidcRefused ? "depot-project" : !project.id && !credentials ? "engine" : !project.id ? "depot-project" : "depot-token";
      throw new InputError(input, `engine: depot needs a project and credentials; ${detail}`);
    }
    return {
      engine: "depot",
      reason: `set by the engine input; project ${clip(project.id ?? "", 40)} from ${project.source}, credentials from ${credentials}`,
      project: project.id ?? "",
      projectSource: project.source ?? ""
    };
  }
  if (!f.ci) return { engine: "buildx", reason: "not running in GitHub Actions (GITHUB_ACTIONS is not true); auto uses Depot only in CI" };
  if (!project.id) return { engine: "buildx", reason: `no Depot project${project.problem ? ` (${project.problem})` : ""}` };
  if (oidcRefused) return { engine: "buildx", reason: `${missing.map((m) => m.what).join("; ")} (${OIDC_NEEDS_A_NAMED_PROJECT})` };
  if (!credentials)
    return { engine: "buildx", reason: `Depot project ${clip(project.id, 40)} found, but no Depot credentials (no token, no GitHub OIDC)` };
  return {
    engine: "depot",
    reason: `Depot project ${clip(project.id, 40)} from ${project.source} and credentials from ${credentials}`,
    project: project.id,
    projectSource: project.source ?? ""
  };
}

// src/action/setup.ts
async function chooseEngineAndLogIn(plan, state) {
  const s = plan.settings;
  const choice = chooseEngine(engineFacts(plan));
  state.engine = choice.engine;
  state.engineReason = choice.reason;
  saveState(state);
  if (choice.warning) warning(choice.warning);
  info(`engine: ${choice.engine} (${choice.reason})`);
  const logins = [...s.login ? [s.login] : [], ...s.registryAuth];
  state.logout = s.logout;
  for (const login of logins) {
    state.loginRegistries.push(login.registry);
    saveState(state);
    await group(`Log in to ${registryName(login.registry)}`, async () => {
      await dockerLogin(login, processRunner);
      info(`logged in to ${registryName(login.registry)} as ${login.username}${s.logout ? "; post logs out" : ""}`);
    });
  }
  return choice;
}
async function setUpBuilder(plan, state, bx, implicit) {
  const s = plan.settings;
  const scopedName = plan.scopedBuilder;
  let name = implicit ?? s.builder;
  const exists = async (n) => (await runBuildx(bx, inspectBuilderArgs(n))).code === 0;
  if (!name && s.driver === "docker") {
    name = defaultBuilderName();
  } else if (!name && scopedName && await exists(scopedName)) {
    name = scopedName;
    info(`reusing builder ${name} (builder-scope: ${s.builderScope})`);
  } else if (!name) {
    name = scopedName ?? newBuilderName();
    const configFile = buildkitdConfigFile(s, state.tempDir);
    try {
      await runBuildxChecked(bx, createBuilderArgs(s, { name, configFile }));
    } catch (e) {
      if (!scopedName || !await exists(scopedName)) throw e;
    }
    state.builder = name;
    state.builderCreated = !scopedName;
    saveState(state);
    if (scopedName) info(`created builder ${name} (builder-scope: ${s.builderScope}); it is kept for later runs of the same scope`);
  }
  const info2 = await inspectBuilder(bx, name);
  if (scopedName && name === scopedName) {
    const mismatch = scopedBuilderMismatch(info2, { driver: s.driver, endpoint: s.endpoint }) || (s.driver === "docker-container" ? await dockerContainerBuilderMismatch(s, state, info2) : "");
    if (mismatch)
      throw new InputError(
        "builder-scope",
        `builder ${name} exists, but ${mismatch}: it was not made from these settings, so it is not used; remove it (docker buildx rm ${name}) or choose another builder-scope`
      );
  }
  const platforms = [...new Set(info2.nodes.flatMap((n) => n.platforms))];
  info(`builder ${name}: driver ${info2.driver}, ${info2.nodes.length} node(s), platforms ${platforms.join(", ")}`);
  return { name, driver: info2.driver || s.driver, platforms };
}
async function dockerContainerBuilderMismatch(s, state, info2) {
  const want = {
    driverOpts: driverOptsMap(s.driverOpts),
    flags: shellWords(buildkitdFlagsFor(s.driver, s.buildkitdFlags)),
    config: wantedConfigText(buildkitdConfigFile(s, state.tempDir))
  };
  return dockerContainerMismatch(readStoredNodes(info2.name), await nodeContainers(info2.nodes.map((n) => n.name)), want);
}
async function setUpBuildx(plan, state) {
  const s = plan.settings;
  const storeProbe = daemonUsesContainerdStore(processRunner).catch(() => false);
  const bx = await group("Set up buildx", async () => {
    const b = await setupBuildx(s.buildxVersion, s.buildxDownloadUrl, processRunner, s.buildxSha256);
    state.buildxCmd = b.cmd;
    state.buildxPrefix = b.prefix;
    state.buildxVersion = b.version;
    saveState(state);
    info(`buildx ${b.version} (${[b.cmd, ...b.prefix].join(" ")})`);
    return b;
  });
  const found = await useImplicitBuilder(s, bx, storeProbe);
  if (found?.createdFor !== void 0) {
    state.builder = found.name;
    state.builderCreated = true;
    state.builderReason = found.createdFor;
    saveState(state);
  }
  const implicit = found?.name;
  const daemonsOwn = !s.builder && !implicit && s.driver === "docker" && !plan.scopedBuilder;
  const builder = daemonsOwn ? { name: defaultBuilderName(), driver: "docker", platforms: [] } : await group("Set up the builder", () => setUpBuilder(plan, state, bx, implicit));
  const pendingInspect = daemonsOwn ? inspectBuilder(bx, builder.name).catch((e) => e instanceof Error ? e : new Error(String(e))) : void 0;
  state.builder = builder.name;
  state.driver = builder.driver;
  saveState(state);
  setOutput("builder-name", builder.name);
  setOutput("builder-driver", builder.driver);
  if (!pendingInspect) setBuilderPlatforms(builder.platforms);
  const caps = {
    buildxVersion: bx.version,
    containerdStore: builder.driver === "docker" ? await storeProbe : true,
    historyAttachments: versionAtLeast(bx.version, "0.23.0"),
    driver: builder.driver
  };
  let settled;
  const settleInspect = () => settled ??= settle();
  const settle = async () => {
    if (!pendingInspect) return;
    const info2 = await pendingInspect;
    if (info2 instanceof Error) warning(`could not inspect builder ${builder.name}: ${info2.message}`);
    else {
      builder.platforms = [...new Set(info2.nodes.flatMap((n) => n.platforms))];
      info(`builder ${builder.name}: driver ${info2.driver}, ${info2.nodes.length} node(s), platforms ${builder.platforms.join(", ")}`);
    }
    setBuilderPlatforms(builder.platforms);
  };
  return { bx, builder, caps, settleInspect };
}

// src/action/signals.ts
function stopOnSignals(state) {
  let cancelled = false;
  const onSignal = (sig) => {
    if (cancelled) return;
    cancelled = true;
    warning(`received ${sig}: stopping the build`);
    terminateAll("SIGTERM");
    void waitForChildren(1e4).then(() => {
      state.error = `cancelled by ${sig}`;
      saveState(state);
      process.exit(1);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

// src/inputs/release-plan.ts
function requestedBakeTargets(printed) {
  const all = printed.target ?? {};
  const asked = printed.group?.["default"]?.targets;
  if (!asked) return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => asked.includes(name)));
}
function parseReleaseInputs(read) {
  const files = parseList(read("files"), "files");
  const targets = parseList(read("targets"), "targets", { comma: true });
  for (const t of targets) {
    if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new InputError("targets", `${JSON.stringify(clip(t))} is not a bake target name`);
  }
  const bake2 = files.length > 0 || targets.length > 0;
  const image = read("image").trim();
  if (bake2 && image) throw new InputError("image", "is not used with bake: each target's first tag names its repository");
  const tags = parseList(read("tags"), "tags", { comma: true });
  const platforms = parsePlatformList(read("platforms"));
  const defaultRunner = read("default-runner").trim();
  if (!defaultRunner) throw new InputError("default-runner", "the runner for platforms not in runners is required");
  return { image, tags, platforms, runners: parseRunners(read("runners")), defaultRunner, files, targets, source: read("source").trim() };
}
function parsePlatformList(text) {
  const v = text.trim();
  let items;
  if (v.startsWith("[")) {
    let parsed;
    try {
      parsed = JSON.parse(v);
    } catch (e) {
      throw new InputError("platforms", `not a JSON list: ${messageOf(e)}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === "string")) throw new InputError("platforms", "not a JSON list of strings");
    items = parsed.map((p) => p.trim()).filter(Boolean);
  } else {
    items = v.split(/[,\n]/).map((p) => p.trim()).filter(Boolean);
  }
  if (items.length === 0) throw new InputError("platforms", "no platform given");
  for (const p of items) {
    if (!isPlatform(p))
      throw new InputError("platforms", `${JSON.stringify(clip(p))} is not a platform; expected os/arch[/variant], e.g. linux/amd64`);
  }
  if (new Set(items.map(normalizePlatform)).size !== items.length) throw new InputError("platforms", "a platform is listed twice");
  return items;
}
function parseRunners(text) {
  if (!text.trim()) return {};
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputError("runners", `not a JSON map: ${messageOf(e)}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new InputError("runners", "not a JSON map of platform to runner label");
  for (const [platform, label] of Object.entries(parsed)) {
    const ok = typeof label === "string" ? label.trim() !== "" : Array.isArray(label) && label.length > 0 && label.every((l) => typeof l === "string" && l.trim());
    if (!ok) throw new InputError("runners", `${JSON.stringify(clip(platform))}: a runner label or a list of labels is expected`);
  }
  return parsed;
}
function repositoryOf(ref, input) {
  const parsed = parseReference(ref);
  if (!parsed) throw new InputError(input, `${JSON.stringify(clip(ref))} is not an image reference`);
  return parsed.name;
}
var BARE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
function planRelease(r, bakeTargets) {
  const bake2 = r.files.length > 0 || r.targets.length > 0;
  let targets;
  if (bake2) {
    if (!bakeTargets) throw new Error("internal: a bake plan needs the definition bake printed");
    targets = Object.entries(bakeTargets).map(([target, t]) => {
      const first = t.tags?.[0];
      if (!first)
        throw new InputError(
          r.files.length > 0 ? "files" : "targets",
          `bake target ${target} has no tags: its first tag names the repository to push to`
        );
      return { target, repository: repositoryOf(first, "files"), tags: t.tags ?? [] };
    });
    if (targets.length === 0) throw new InputError("targets", "bake: no target to build");
  } else {
    if (!r.image) throw new InputError("image", "the repository to push to is required (or give bake files or targets)");
    const repository = repositoryOf(r.image.toLowerCase(), "image");
    const tags = r.tags.map((t) => {
      if (t.includes("/")) {
        repositoryOf(t, "tags");
        return t;
      }
      if (!BARE_TAG.test(t)) throw new InputError("tags", `${JSON.stringify(clip(t))} is not a tag`);
      return `${repository}:${t}`;
    });
    if (tags.length === 0) throw new InputError("tags", "at least one tag is needed for the merged index");
    targets = [{ target: "default", repository, tags }];
  }
  const include = targets.flatMap(
    (t, ti) => r.platforms.map((platform, pi) => ({
      target: t.target,
      platform,
      runner: r.runners[platform] ?? r.defaultRunner,
      repository: t.repository,
      artifact: `digest-t${ti}-p${pi}`
    }))
  );
  const merges = targets.map((t, ti) => ({
    target: t.target,
    tags: t.tags.join("\n"),
    digests: `digest-t${ti}-*`,
    artifact: `index-t${ti}`
  }));
  return { matrix: { include }, merges: { include: merges }, bake: bake2 };
}

// src/action/release-plan.ts
async function runReleasePlan() {
  try {
    const inputs = parseReleaseInputs((name) => getInput(name));
    let bakeTargets;
    if (inputs.files.length > 0 || inputs.targets.length > 0) {
      const bx = await setupBuildx("installed", "", processRunner);
      const printed = await runBuildxChecked(
        bx,
        bakePrintArgs(inputs.files, [], inputs.targets),
        inputs.source ? { cwd: inputs.source } : {},
        (line) => new InputError(inputs.files.length > 0 ? "files" : "targets", `bake cannot read the definition: ${line}`)
      );
      bakeTargets = requestedBakeTargets(JSON.parse(printed.stdout));
    }
    const plan = planRelease(inputs, bakeTargets);
    for (const j of plan.matrix.include) info(`build ${j.target} for ${j.platform} on ${JSON.stringify(j.runner)} -> ${j.repository}`);
    for (const m of plan.merges.include) info(`merge ${m.target} -> ${m.tags.split("\n").join(", ")}`);
    setOutput("build-matrix", JSON.stringify(plan.matrix));
    setOutput("merge-matrix", JSON.stringify(plan.merges));
  } catch (e) {
    setFailed(e instanceof Error ? e.message : String(e));
  }
}

// src/oci/image-config.ts
function strings(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === "string") : null;
}
function configFacts(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (!isRecord(doc)) return void 0;
  const c = isRecord(doc["config"]) ? doc["config"] : {};
  const env = (strings(c["Env"]) ?? []).map((e) => e.includes("=") ? e.slice(0, e.indexOf("=")) : e);
  const labels = {};
  if (isRecord(c["Labels"])) {
    for (const [k, v] of Object.entries(c["Labels"])) if (typeof v === "string") labels[k] = v;
  }
  return {
    entrypoint: strings(c["Entrypoint"]),
    cmd: strings(c["Cmd"]),
    env: [...new Set(env)].sort(),
    exposedPorts: isRecord(c["ExposedPorts"]) ? Object.keys(c["ExposedPorts"]).sort() : [],
    user: typeof c["User"] === "string" ? c["User"] : "",
    labels
  };
}
function configPlatform(text) {
  try {
    const doc = JSON.parse(text);
    if (!isRecord(doc) || typeof doc["os"] !== "string" || typeof doc["architecture"] !== "string") return "";
    const variant = typeof doc["variant"] === "string" && doc["variant"] ? `/${doc["variant"]}` : "";
    return `${doc["os"]}/${doc["architecture"]}${variant}`;
  } catch {
    return "";
  }
}

// src/registry/compare.ts
var statusOf = (e) => e.status;
function splitRef(reference) {
  const r = parseReference(reference);
  if (!r) return void 0;
  return { repo: r.name, ref: r.digest || r.tag || "latest" };
}
async function currentDigest(tag) {
  const at = splitRef(tag);
  if (!at) return { why: `${tag} is not an image reference` };
  try {
    return { digest: await registryReader(at.repo, 1e4).servedDigest(at.ref) };
  } catch (e) {
    if (statusOf(e) === 404) return { digest: "" };
    return { why: messageOf(e) };
  }
}
async function platformOf(reader, platform, digest, m) {
  const layers = layersOf(m);
  const p = { platform, digest, size: layers.reduce((n, l) => n + l.size, 0), layers };
  try {
    const text = await reader.blob(m.config.digest);
    const facts = configFacts(text);
    if (facts) p.config = facts;
    if (!platform) p.platform = configPlatform(text);
  } catch {
  }
  if (!p.platform) p.platform = "unknown";
  return p;
}
async function readComparedImage(reference) {
  const none = (missing) => ({ reference, digest: "", platforms: [], baseImages: [], missing });
  const at = splitRef(reference);
  if (!at) return none(`${reference} is not an image reference`);
  let reader;
  let rootText;
  try {
    reader = registryReader(at.repo, 15e3);
    rootText = await reader.manifest(at.ref);
  } catch (e) {
    if (statusOf(e) === 404) return none(`${reference} does not exist: nothing to compare with (a first release?)`);
    return none(`${reference} could not be read: ${messageOf(e)}`);
  }
  try {
    const root = parseManifestJson(rootText, reference);
    const image = { reference, digest: sha256Digest(rootText), platforms: [], baseImages: [] };
    const bases = [];
    const addBase = (b) => {
      if (b) addBaseImage(bases, b);
    };
    if (!isIndex(root)) {
      const p = await platformOf(reader, "", image.digest, root);
      addBase(baseFromAnnotations(root.annotations, p.platform));
      image.platforms.push(p);
      image.baseImages = bases;
      return image;
    }
    addBase(baseFromAnnotations(root.annotations, ""));
    const { images, attestations } = splitIndex(root);
    const platforms = await Promise.all(
      images.map(async (d) => {
        const platform = platformString(d.platform) || "unknown";
        addBase(baseFromAnnotations(d.annotations, platform));
        const m = parseManifestJson(await reader.manifest(d.digest), d.digest);
        if (isIndex(m)) return void 0;
        addBase(baseFromAnnotations(m.annotations, platform));
        return platformOf(reader, platform, d.digest, m);
      })
    );
    image.platforms = platforms.filter((p) => p !== void 0);
    await Promise.all(
      attestations.map(async (a) => {
        try {
          const subject = images.find((i) => i.digest === a.annotations?.[ANNOTATIONS.referenceDigest]);
          const platform = platformString(subject?.platform);
          const m = parseManifestJson(await reader.manifest(a.digest), a.digest);
          if (isIndex(m)) return;
          for (const l of provenanceLayers(m)) {
            for (const b of baseImagesFromProvenance(JSON.parse(await reader.blob(l.digest)))) addBase(withPlatform(b, platform));
          }
        } catch {
        }
      })
    );
    image.baseImages = bases;
    return image;
  } catch (e) {
    return none(`${reference} could not be read: ${messageOf(e)}`);
  }
}

// src/report/compare.ts
async function readPreviousTags(tags) {
  const unique = [...new Set(tags)];
  const found = await Promise.all(unique.map((t) => currentDigest(t)));
  return new Map(unique.map((t, i) => [t, found[i] ?? { why: "not read" }]));
}
function compareTarget(s, r, axes, previous) {
  if (s.compareWith) return { reference: compareReference(s.compareWith, r.target, axes[r.target] ?? {}) };
  const tags = r.tags.filter((t) => t.trim());
  if (!previous || tags.length === 0) return { reference: "", missing: "no tag was read before the push: give compare-with" };
  const unread = tags.filter((t) => !previous.has(t));
  if (unread.length === tags.length)
    return {
      reference: tags[0] ?? "",
      missing: `its tags were not read before the push (a bake's tags are known after it): give compare-with`
    };
  for (const t of tags) {
    const before = previous.get(t);
    if (before && "digest" in before && before.digest) {
      const name = parseReference(t)?.name ?? t;
      return { reference: `${name}@${before.digest}` };
    }
  }
  const why = tags.map((t) => previous.get(t)).find((b) => b !== void 0 && "why" in b);
  if (why) return { reference: tags[0] ?? "", missing: `${tags[0]} could not be read before the push: ${why.why}` };
  return {
    reference: tags[0] ?? "",
    missing: `${tags.join(", ")} did not exist before this push: nothing to compare with (a first release?)`
  };
}
function configReader(r, result, deps, buildkit) {
  if (!result) return void 0;
  const from = readSource(result, deps?.caps ?? { buildxVersion: "", historyAttachments: false });
  if (r.source === "registry" && from.source === "registry") {
    const reader = registryReader(from.repo);
    return (digest) => reader.blob(digest);
  }
  if (r.source === "oci-layout") {
    const oci = result.exports.find((e) => e.type === "oci");
    if (!oci) return void 0;
    const { fetch: fetch2 } = ociFetch(oci.dest);
    return (digest) => fetch2(digest);
  }
  if (r.source === "build-record" && deps) {
    return async (digest) => {
      const api = await buildkit();
      if (api) return (await api.read(digest)).toString("utf8");
      if (from.source !== "build-record") throw new Error("no build record");
      const out = await runBuildx(deps.bx, historyAttachmentArgs(deps.builder, from.ref, { digest }));
      if (out.code !== 0) throw new Error(out.stderr.trim() || "buildx could not read the config");
      return out.stdout;
    };
  }
  return void 0;
}
async function compareReports(s, reports, results, axes, previous, deps) {
  const images = /* @__PURE__ */ new Map();
  let dialled;
  const buildkit = () => dialled ??= deps ? dialBuilderBuildKit(deps.caps.driver, deps.builder).catch(() => void 0) : Promise.resolve(void 0);
  try {
    return await Promise.all(
      reports.map(async (r) => {
        const at = compareTarget(s, r, axes, previous);
        let compared;
        if ("missing" in at) {
          compared = { reference: at.reference, digest: "", platforms: [], baseImages: [], missing: at.missing };
        } else {
          let read2 = images.get(at.reference);
          if (!read2) images.set(at.reference, read2 = readComparedImage(at.reference));
          compared = await read2;
        }
        const configs = {};
        const read = compared.missing ? void 0 : configReader(
          r,
          results.find((x) => x.target === r.target),
          deps,
          buildkit
        );
        if (read) {
          await Promise.all(
            r.platforms.map(async (p) => {
              if (!p.configDigest) return;
              try {
                configs[p.platform] = configFacts(await read(p.configDigest));
              } catch (e) {
                info(`${r.target}: the config of ${p.platform} could not be read (${messageOf(e)}): its config changes are not said`);
              }
            })
          );
        }
        return diffImages(r, compared, configs);
      })
    );
  } finally {
    void dialled?.then((api) => api?.close());
  }
}

// src/action/compare.ts
function axesOf(plan) {
  return plan.kind === "matrix" ? targetAxes(plan.combinations, plan.settings.matrixName) : {};
}
function checkCompare(plan) {
  checkComparePlaceholders(plan.settings.compare.compareWith, axesOf(plan));
}
async function compareBefore(plan) {
  const s = plan.settings.compare;
  if (!s.previous || plan.settings.call.name !== "build") return void 0;
  const tags = plan.kind === "matrix" ? Object.values(plan.definition.target).flatMap((t) => t.tags ?? []) : plan.kind === "single" || plan.kind === "split" ? plan.tags : [];
  if (tags.length === 0) return /* @__PURE__ */ new Map();
  return group("Read the tags before the push (compare-with)", async () => {
    const found = await readPreviousTags(tags);
    for (const [tag, at] of found) info(`${tag}: ${"why" in at ? `not read (${at.why})` : at.digest || "does not exist yet"}`);
    return found;
  });
}
async function compareAfter(plan, reports, results, previous, state, deps) {
  const s = plan.settings.compare;
  if (!s.compareWith && !s.previous) return;
  const changes = await group("Compare with the previous image (compare-with)", async () => {
    const found = await compareReports(s, reports, results, axesOf(plan), previous, deps);
    for (const t of found) info(`${t.target} against ${t.compareWith || "(nothing)"}: ${summaryLine(t)}`);
    return found;
  });
  setOutput("changes", changesOutput(changes));
  state.changes = changes;
  if (!s.maxSizeIncrease) return;
  const over = sizeLimitViolations(changes, s.maxSizeIncrease);
  if (over.length > 0) throw new Error(over.join("\n"));
  info(`max-size-increase: no platform grew by more than ${s.maxSizeIncrease.text}`);
}

// src/inputs/git-context.ts
function withGitQueryForm(plan) {
  const s = plan.settings;
  const q = (v) => queryFormOf(v, s.defaultContext);
  const entry = (e) => `${e.slice(0, e.indexOf("="))}=${q(e.slice(e.indexOf("=") + 1))}`;
  const settings = { ...s, context: q(s.context), buildContexts: s.buildContexts.map(entry) };
  if (plan.kind !== "matrix") return { ...plan, settings };
  const target = (t) => ({
    ...t,
    ...t.context !== void 0 ? { context: q(t.context) } : {},
    ...t.contexts ? { contexts: Object.fromEntries(Object.entries(t.contexts).map(([k, v]) => [k, q(v)])) } : {}
  });
  const definition = {
    ...plan.definition,
    target: Object.fromEntries(Object.entries(plan.definition.target).map(([k, t]) => [k, target(t)]))
  };
  return { ...plan, settings, definition };
}

// src/action/main.ts
async function run() {
  if (getInput("mode").trim() === "plan") return await runReleasePlan();
  const started = Date.now();
  const state = emptyState();
  stopOnSignals(state);
  let failedBuild;
  try {
    maskRawSecretInputs((name) => getInput(name));
    const settings = parseInputs((name) => getInput(name), { env: process.env, event: githubEvent() });
    maskSecrets(settings);
    let plan = planRun(settings, readRunFacts(settings));
    checkWorkspace(plan);
    for (const warning2 of plan.warnings) warning(warning2);
    state.summary = settings.summary;
    state.keepBuilder = settings.keepBuilder;
    state.tempDir = makeTempDir();
    state.dockerCmd = dockerCli() ?? "";
    saveState(state);
    checkCompare(plan);
    const cosign = plan.settings.call.name === "build" ? await prepareSigning(plan.settings) : void 0;
    const choice = await chooseEngineAndLogIn(plan, state);
    const previous = await compareBefore(plan);
    const onDepot = choice.engine === "depot" ? await executeOnDepot(plan, state, choice) : void 0;
    if (onDepot) return await reportResults(plan, onDepot.engine, onDepot.results, state, cosign, previous);
    const buildx = await setUpBuildx(plan, state);
    if (gitQueryForm(process.env, buildx.caps.buildxVersion)) plan = withGitQueryForm(plan);
    if (plan.settings.call.name !== "build") return await executeCall(plan, buildx, state);
    const engine = buildxEngine(buildx, state);
    if (plan.kind !== "merge") failedBuild = { settings: plan.settings, buildx };
    const results = await engine.execute(plan);
    failedBuild = void 0;
    const recording = plan.kind !== "merge" ? exportBuildRecords(plan.settings, buildx, results, state) : void 0;
    try {
      await reportResults(plan, engine, results, state, cosign, previous);
    } finally {
      await recording;
    }
  } catch (e) {
    recordFailure(state, e);
    if (failedBuild) await exportFailedBuildRecords(failedBuild.settings, failedBuild.buildx, state, started);
  } finally {
    state.durationMs = Date.now() - started;
    saveState(state);
  }
}
async function reportResults(plan, engine, results, state, cosign, previous) {
  setBuildOutputs(results, buildsOneImage(plan));
  const reports = await engine.readReports(plan, results);
  publishReports(reports, state);
  await signPushed(plan.settings, reports, state, cosign);
  await compareAfter(plan, reports, results, previous, state, engine.builtReader);
}
function publishReports(reports, state) {
  setReportOutputs(reports);
  state.reports = reports;
}
function recordFailure(state, e) {
  const message = e instanceof Error ? e.message : String(e);
  state.error = message;
  if (e instanceof InputError) state.errorInput = e.input;
  setFailed(message);
}

export {
  require_dist,
  entryOfName,
  parseInputs,
  run
};
