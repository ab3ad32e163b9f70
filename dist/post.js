import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-DJMTEMNX.js";
import "./chunks/chunk-UU2PHQPQ.js";
import "./chunks/chunk-TZU6N26R.js";
import "./chunks/chunk-ZCLOEPBA.js";
import "./chunks/chunk-V27HPVO2.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
