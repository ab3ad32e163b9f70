import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-DHLCTX42.js";
import "./chunk-DV5HCM5C.js";
import "./chunk-6B4SVY4W.js";
import "./chunk-OSGIGOWV.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-E3643OFB.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
