"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startEmulator = void 0;
// The emulator's one entry point: a stand-in for Misakey's box-events API (upstream-api.md),
// its demo data and the seed builders tests and benchmarks compose their own data with. The
// gateway never imports it; only the process edge (src/main.ts), the tests and bench/ do.
var emulator_1 = require("./emulator");
Object.defineProperty(exports, "startEmulator", { enumerable: true, get: function () { return emulator_1.startEmulator; } });
__exportStar(require("./seed"), exports);
__exportStar(require("./seed-builders"), exports);
