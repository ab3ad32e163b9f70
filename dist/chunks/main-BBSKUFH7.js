import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-CEXSMPGZ.js";
import "./chunk-USZPB33H.js";
import "./chunk-64NDB57B.js";
import "./chunk-E6QK36VF.js";
import "./chunk-AYWZIR4M.js";
import "./chunk-HW6KOS5H.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
