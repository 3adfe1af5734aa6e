export declare const WORKSPACE: string;
export declare function ensureModel(log?: (line: string) => void): string;
