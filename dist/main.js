import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-KSIV363O.js";
import "./chunks/chunk-GW7LCU7O.js";
import "./chunks/chunk-TBWH3YKN.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/main.ts
await run();
