export { INSTALL_FIX, nodeBackend, type NodeBackend, type NodeBackendOptions } from './node-backend.js';
export { describeNative, nativeInfo, type NativeInfo } from './native-info.js';
export { NativeAdam } from './native-adam.js';
export { nativeDenseKernels } from './native-dense.js';
export { NativeHostAdam } from './native-host-adam.js';
export { nodeBackendModule } from './node-backend-module.js';
