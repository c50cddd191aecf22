import { installMainWorldBridge } from '@/lib/editors/main-world';
import { HELPDESK_MATCHES } from '@/lib/sites/hosts';

// Page main world: lets the content script use editors' own APIs (CKEditor 5, Lexical, Quill).
export default defineContentScript({
  matches: HELPDESK_MATCHES,
  allFrames: true,
  matchAboutBlank: true,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installMainWorldBridge(window);
  },
});
