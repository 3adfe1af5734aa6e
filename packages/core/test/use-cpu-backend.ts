// Test helper: core's own tests run on tfjs's cpu backend (core itself imports no backend).
import '../src/register-gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import { cpuBackend } from '../src/backend/cpu/cpu-backend.js';

export async function useCpuBackend(): Promise<void> {
  await cpuBackend().init();
}
