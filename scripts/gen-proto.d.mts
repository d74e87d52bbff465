// Types for the functions scripts/gen-proto.mjs exports (used by test/proto/generated-fresh.test.ts).
export declare const defaultProtoRoot: string;
export declare const generatedDir: string;
export declare const protoFiles: string[];
/** Runs protoc + ts-proto on protoFiles found under protoRoot (default: proto/), writing into outDir. */
export declare function generate(outDir: string, protoRoot?: string): void;
/** Generates into a fresh temporary folder and returns its path (the caller removes it). */
export declare function generateFresh(protoRoot?: string): string;
/** Differences between two generated trees, empty when identical. */
export declare function compareTrees(a: string, b: string): string[];
