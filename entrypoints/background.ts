import { registerPackSync } from '@/lib/sync/background';
import { registerStats } from '@/lib/stats/background';
import { registerSites } from '@/lib/sites/background';

// Thin wiring: each service registers its own listeners (one line each).
export default defineBackground(() => {
  registerPackSync();
  registerStats(); // statistics: 'rc:stat' + 'rc:stats-clear' (issue 5)
  registerSites(); // "coach on this site": 'rc:site' from the popup (lib/sites/contract.ts)
});
