export declare function serveStatic(options: { root: string; mounts?: Record<string, string>; isolate?: boolean; port?: number }): Promise<{ url: string; close(): Promise<void> }>;
