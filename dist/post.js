import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-EUYYEDNJ.js";
import "./chunks/chunk-LYQJPEN2.js";
import "./chunks/chunk-X6G3LULQ.js";
import "./chunks/chunk-ZCLOEPBA.js";
import "./chunks/chunk-HW6KOS5H.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
