// Copied by generator 0.1.0 from templates/typescript/runtime/index.ts. Do not edit.
/** The runtime every generated client of this package shares. */

export * from "./auth.js";
export * from "./bodies.js";
export * from "./bulk.js";
export * from "./checksums.js";
export * from "./config.js";
export * from "./core.js";
export * from "./downloads.js";
export * from "./errors.js";
export * from "./files.js";
export * from "./hooks.js";
export * from "./oauth2.js";
export * from "./pagination.js";
export * from "./polling.js";
export * from "./serialization.js";
export * from "./transfer.js";
export * from "./validation.js";
export * from "./fields.js";
export * from "./discriminators.js";
