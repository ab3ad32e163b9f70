import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-NMQ6LMIB.js";
import "./chunks/chunk-64NDB57B.js";
import "./chunks/chunk-E6QK36VF.js";
import "./chunks/chunk-AYWZIR4M.js";
import "./chunks/chunk-HW6KOS5H.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
