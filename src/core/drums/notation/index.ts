/** Drum notation in the pure core: quantisation of drum hits onto the beat grid and the written rhythm of a bar. */
export * from "./beat-timeline.js";
export * from "./detect-subdivision.js";
export * from "./drum-score.js";
export * from "./layout-bars.js";
export * from "./mark-repeated-bars.js";
export * from "./quantize-drums.js";
export * from "./spell-voice.js";
export * from "./subdivision-grids.js";
