export declare const ISOLATION_HEADERS: Record<string, string>;
