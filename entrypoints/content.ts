import { startContent } from '@/lib/content/start';
import { HELPDESK_MATCHES } from '@/lib/sites/hosts';

// The coach. Matches the helpdesk hosts; other sites are added at runtime (lib/sites).
export default defineContentScript({
  matches: HELPDESK_MATCHES,
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main() {
    startContent();
  },
});
