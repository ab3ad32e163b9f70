import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-WAY2JZF3.js";
import "./chunks/chunk-MMIXN554.js";
import "./chunks/chunk-MJZGJK4N.js";
import "./chunks/chunk-RRQD6L6J.js";
import "./chunks/chunk-V27HPVO2.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
