"use strict";
// The shape of an emulator seed: plain data, so a test can spread demoSeed() or write its own
// in a few lines. Box events are listed in the order they happened; the store gives each one
// the next tick of the fixed clock and (unless `id` is given) the next counter id.
Object.defineProperty(exports, "__esModule", { value: true });
