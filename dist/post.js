import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-ICWMGC2Y.js";
import "./chunks/chunk-NOTVCJDW.js";
import "./chunks/chunk-GVA7OLIA.js";
import "./chunks/chunk-AYWZIR4M.js";
import "./chunks/chunk-BD33GHV7.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
