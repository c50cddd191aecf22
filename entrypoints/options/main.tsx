import { mountInUiLang } from '@/lib/ui/mount';
import { App } from './App';

// No `key`: the page keeps its state (the try-it text, open rules) and re-renders in `lang`.
mountInUiLang('options.title', (lang) => <App lang={lang} />);
