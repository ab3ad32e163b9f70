import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-B772QB7H.js";
import "./chunk-5F7MNNTO.js";
import "./chunk-ONLWP7BY.js";
import "./chunk-JVN2264M.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-2PZJSIAM.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
