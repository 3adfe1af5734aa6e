export declare const PLACEHOLDER_REPOSITORY: string;
export declare function publishRefusal(dir: string): string | undefined;
