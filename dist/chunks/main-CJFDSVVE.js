import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-6ZPP5T2L.js";
import "./chunk-Z3523Q5B.js";
import "./chunk-NOTVCJDW.js";
import "./chunk-GVA7OLIA.js";
import "./chunk-AYWZIR4M.js";
import "./chunk-BD33GHV7.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
