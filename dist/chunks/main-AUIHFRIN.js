import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-JGJC27JL.js";
import "./chunk-TEAMM7ER.js";
import "./chunk-76AIQTNP.js";
import "./chunk-PINWN6TD.js";
import "./chunk-AYWZIR4M.js";
import "./chunk-7C55G7BA.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
