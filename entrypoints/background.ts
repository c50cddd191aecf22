import { registerPackSync } from '@/lib/sync/background';

// Thin wiring: each service registers its own listeners (one line each).
export default defineBackground(() => {
  registerPackSync();
});
