import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-TCRKU4V3.js";
import "./chunks/chunk-T35XZUKL.js";
import "./chunks/chunk-A4RQGTCT.js";
import "./chunks/chunk-2XNRSSTS.js";
import "./chunks/chunk-BD33GHV7.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
