import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-2DLJVKQF.js";
import "./chunk-AEMG42UY.js";
import "./chunk-BPJTYOUR.js";
import "./chunk-HGIHVMGA.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-ZCLOEPBA.js";
import "./chunk-HW6KOS5H.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
