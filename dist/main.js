import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-SANF7TF6.js";
import "./chunks/chunk-AT2AEQD3.js";
import "./chunks/chunk-TBWH3YKN.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/main.ts
await run();
