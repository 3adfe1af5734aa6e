export { INSTALL_FIX, nodeBackend, type NodeBackend, type NodeBackendOptions } from './node-backend.js';
export { describeNative, nativeInfo, type NativeInfo } from './native-info.js';
export { nodeBackendModule } from './node-backend-module.js';
