import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-RAL5NXMA.js";
import "./chunk-4ZIPESBC.js";
import "./chunk-NESV7FMQ.js";
import "./chunk-U4KSKHV3.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-ZCLOEPBA.js";
import "./chunk-HW6KOS5H.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
