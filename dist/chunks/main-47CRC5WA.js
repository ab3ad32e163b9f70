import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-NYGYC43Z.js";
import "./chunk-RD57ASG3.js";
import "./chunk-4ICWHX4I.js";
import "./chunk-A4SIMX2S.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-2PZJSIAM.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
