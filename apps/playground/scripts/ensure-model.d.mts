export declare const WORKSPACE: string;
export declare function ensureModel(kind?: 'playground' | 'test', log?: (line: string) => void): string;
