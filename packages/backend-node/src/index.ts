export { nodeBackend } from './node-backend.js';
export { nodeBackendModule } from './node-backend-module.js';
