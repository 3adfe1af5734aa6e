import { HostAdam } from '@cvae/core';

/**
 * Adam in JavaScript on the tensorflow backend: core's `HostAdam`, one pass per variable (read the
 * weights and the gradient, `adamStep`, upload once). No longer what `nodeBackend()` registers:
 * `NativeAdam` (TensorFlow's fused ResourceApplyAdam) skips the round trip through JavaScript
 * (update 6.62 ms here, 2.27 ms there, bench/node-adam-ab.mjs). Kept as the A/B arm of the node
 * benches and for anyone who wants Adam's arithmetic in JavaScript.
 *
 * @example
 * ```ts
 * registerAdam('tensorflow', (settings) => new NativeHostAdam(settings)); // after nodeBackend().init()
 * ```
 */
export class NativeHostAdam extends HostAdam {}
