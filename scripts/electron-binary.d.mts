// Types of scripts/electron-binary.mjs for the TypeScript that imports it.
export function electronBinary(): string | null;
